"""What public screens show: recent calls (number → window). Never personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import today
from hallapp.store.models import Queue, Ticket, Window


@dataclass(frozen=True)
class CallRecord:
    number: str
    queue: str
    window: int
    called_at: datetime
    recalls: int


@action(Perm.VIEW_HALL)
def recent_calls(ctx: Ctx, limit: int = 8) -> list[CallRecord]:
    """Today's latest calls still at a window (called or being served), newest first."""
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        rows = uow.session.execute(
            select(Ticket.number, Queue.code, Window.number, Ticket.called_at, Ticket.recalls)
            .join(Queue, Queue.id == Ticket.queue_id).join(Window, Window.id == Ticket.window_id)
            .where(Ticket.hall_day == today(hall, uow.now), Ticket.called_at.is_not(None),
                   Ticket.state.in_(("called", "serving", "done")))
            .order_by(Ticket.called_at.desc()).limit(limit)).all()
        return [CallRecord(n, q, w, at, r) for n, q, w, at, r in rows if at is not None]


@action(Perm.VIEW_HALL)
def hall_name(ctx: Ctx) -> tuple[str, str | None]:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        return hall.name, hall.name_en
