"""What public screens show: recent calls (number → window). Never personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import held_at_window, today
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
    """Today's calls for the display's ``limit`` rows, newest first: every ticket still at a
    window (called, then being served) before any finished one, so that quick services at
    other windows never push off a call whose applicant is still on the way; the rows left
    go to the latest finished ones."""
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        day = today(hall, uow.now)
        held = _calls(uow.session, day, held_at_window())
        # Called before serving: an applicant still walking needs the row most.
        held.sort(key=lambda c: (c[0] != "called", -c[1].called_at.timestamp()))
        calls = [call for _, call in held[:limit]]
        if len(calls) < limit:
            done = _calls(uow.session, day, Ticket.state == "done", limit - len(calls))
            calls += [call for _, call in done]
        return sorted(calls, key=lambda c: c.called_at, reverse=True)


def _calls(session: Session, day: date, state: ColumnElement[bool],
           limit: int | None = None) -> list[tuple[str, CallRecord]]:
    """(state, call) of today's tickets in ``state`` that were called, newest call first."""
    rows = session.execute(
        select(Ticket.state, Ticket.number, Queue.code, Window.number, Ticket.called_at,
               Ticket.recalls)
        .join(Queue, Queue.id == Ticket.queue_id).join(Window, Window.id == Ticket.window_id)
        .where(Ticket.hall_day == day, Ticket.called_at.is_not(None), state)
        .order_by(Ticket.called_at.desc()).limit(limit)).all()
    return [(st, CallRecord(n, q, w, at, r)) for st, n, q, w, at, r in rows if at is not None]


@action(Perm.VIEW_HALL)
def hall_name(ctx: Ctx) -> tuple[str, str | None]:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        return hall.name, hall.name_en
