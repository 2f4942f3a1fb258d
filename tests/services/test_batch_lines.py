"""The batch writer's running counts of the waiting lines (``queue_sql._Line``): the people
ahead of a new ticket it gives are exactly what the database counts, whatever changed the
lines between and within batches, and it does not count the line again for new tickets.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from conftest import FakeClock
from writerkit import CtxFor, take_placed

from hallapp.core.errors import StateError
from hallapp.services import queue_sql, tickets, windows
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.batching import batchable, keeps_waiting_lines
from hallapp.services.context import Ctx
from hallapp.store.uow import Database

pytestmark = [pytest.mark.parametrize("engine_name", ["sqlite"]),
              pytest.mark.usefixtures("busy_lock")]



def _counted_by_the_database(ctx: Ctx, ticket_id: int) -> int:
    return tickets.show_ticket(ctx, ticket_id).people_ahead


@batchable
@keeps_waiting_lines
def _take_then_refuse_keeping_lines(ctx: Ctx, queue_code: str) -> None:
    """A take that reports its ticket to the running counts, then is refused."""
    with ctx.uow() as uow:
        tickets.issue_ticket(uow, queue_code, None, None, None, None, "kiosk")
        uow.commit()
    raise StateError("refused after its ticket was counted", code="late_refusal")


def test_people_ahead_from_the_running_counts_is_what_the_database_counts(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock, serving: BatchWriter) -> None:
    """Takes of every class through the writer, mixed with what changes a line behind the
    counts' back — a call in the writer, a ticket written directly by another connection, a
    take refused after its ticket was counted, a take with an earlier order than the newest,
    more tickets than the counts keep keys of — and each take's people ahead is what the
    database counts for it."""
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    windows.open_window(clerk, 1)  # serves A and B

    def take(**kw: Any) -> None:
        info = take_placed(kiosk, "A", **kw)
        assert info.people_ahead == _counted_by_the_database(kiosk, info.id), info.number
        clock.advance(seconds=7)

    for _ in range(3):
        take()
    take(priority="pregnant")  # green channel: ahead of all three
    take(appointment=True, order_at=clock.now - timedelta(hours=1))
    take(appointment=True, order_at=clock.now + timedelta(minutes=30))  # held till its slot
    take()
    take(order_at=clock.now - timedelta(seconds=30))  # placed before the newest ordinary
    assert windows.call_next(clerk, 1).priority == "pregnant"  # a line changed in the writer
    take()
    with kiosk.uow() as uow:  # a ticket written directly, between two batches
        tickets.issue_ticket(uow, "A", None, None, None, None, "kiosk")
        uow.commit()
    take()
    with pytest.raises(StateError):
        _take_then_refuse_keeping_lines(kiosk, "A")
    take()
    for _ in range(queue_sql.RECENT_KEYS + 3):
        take()
    take(order_at=clock.now - timedelta(hours=2))  # older than every key the counts keep
    take()
    assert serving.requests >= 80


def test_the_writer_counts_new_tickets_from_its_running_counts(
        ctx_for: CtxFor, clock: FakeClock, serving: BatchWriter,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """After its first take of a line the writer does not count the line again for the
    newest tickets (the database's count made to fail shows it)."""
    kiosk = ctx_for("kiosk1")
    first = tickets.take_ticket(kiosk, "A")
    monkeypatch.setattr(queue_sql, "_AHEAD_IN_LINE", ["SELECT no_such_column"] * 3)
    for n in range(1, 6):
        clock.advance(seconds=5)
        assert tickets.take_ticket(kiosk, "A").people_ahead == n
    assert first.people_ahead == 0
