"""Shared by the batch writer's tests: its loop stepped by hand, row counts (its fixtures,
``writer``, ``serving``, ``busy_lock``, and ``served`` are in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from hallapp.services import tickets
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.context import Ctx
from hallapp.services.queue_common import TicketInfo
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def count(db: Database, model: Any, *where: Any) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def step_until_done(writer: BatchWriter, futures: list[Future[Any]]) -> list[int]:
    """Run the writer's loop by hand; the sizes of the batches it ran. Connections are
    accepted first, then it waits until every terminal's request is there."""
    batches: list[int] = []
    while not all(f.done() for f in futures):
        ready = [key.fileobj for key, _ in writer._selector.select(0.05)]
        if writer._listener in ready:
            writer._accept()
        elif len(ready) == len(futures) or batches:
            ran = writer.step(0.05)
            if ran:
                batches.append(ran)
    return batches


def take_placed(ctx: Ctx, queue: str, *, priority: str | None = None,
                id_number: str | None = None, phone: str | None = None,
                item_code: str | None = None, appointment: bool = False,
                order_at: datetime | None = None) -> TicketInfo:
    """A take as ``take_ticket`` makes it (through the writer where one serves), with what only
    a check-in gives: an appointment's precedence, a place earlier than now."""
    return tickets.placed_view(tickets._take_placed(
        ctx, queue, priority, id_number, phone, item_code,
        "appointment" if appointment else "kiosk", appointment, order_at))
