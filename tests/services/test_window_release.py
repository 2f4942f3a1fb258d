"""Leaving a window without closing it (``window_holder.release_window``), and who a ticket
belongs to when a window changes hands by a clerk acting there (``WindowOp.claim``).

The demo hall: clerkN is assigned window N; window 1 serves queue A, window 5 queue C.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from hallapp.core.errors import StateError, WindowHeld
from hallapp.services import day, supervisor, tickets, windows
from hallapp.services.context import Ctx
from hallapp.services.window_holder import claim_window, release_window
from hallapp.store.models import AuditEntry, Event, ServiceRecord, Staff, Ticket
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def _audit(db: Database, action: str) -> list[AuditEntry]:
    with db.read_session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                              .order_by(AuditEntry.id)))


def _ticket_clerk(db: Database, number: str) -> str | None:
    with db.read_session() as s:
        return s.scalar(select(Staff.username).join(Ticket, Ticket.clerk_id == Staff.id)
                        .where(Ticket.number == number))


def test_a_clerk_leaves_a_window_open_for_another_to_claim(ctx_for: CtxFor,
                                                           hall_db: Database) -> None:
    """Going on a break, a clerk could only close the window (its line waited for no one,
    tickets sent to it went back) or leave it held (nobody else could work it)."""
    boss, clerk1, clerk2 = ctx_for("supervisor1"), ctx_for("clerk1"), ctx_for("clerk2")
    windows.open_window(clerk1, 1)
    left = release_window(clerk1, 1, "午休")
    assert (left.state, left.holder, left.holder_user, left.holder_since) == (
        "open", None, None, None)
    [entry] = _audit(hall_db, "window_release")
    assert entry.actor == "clerk1"
    assert entry.before["clerk"] == "clerk1"
    assert entry.after == {"window": 1, "clerk": None, "state": "open", "reason": "午休"}
    with hall_db.read_session() as s:
        last = s.scalars(select(Event).order_by(Event.id.desc())).first()
    assert last is not None
    assert (last.kind, last.payload["window"], last.payload["holder"]) == (
        "window_changed", 1, None)
    board = {w.number: w for w in supervisor.board(boss).windows}
    assert (board[1].state, board[1].clerk, board[1].clerk_user) == ("open", None, None)
    assert claim_window(clerk2, 1).holder_user == "clerk2"  # no --replacing needed
    with pytest.raises(StateError) as holds:  # clerk2 works one window at a time
        windows.open_window(clerk2, 2)
    assert holds.value.code == "clerk_holds_window"
    release_window(clerk2, 1)
    assert windows.open_window(clerk2, 2).holder_user == "clerk2"


def test_what_leaving_a_window_refuses(ctx_for: CtxFor, hall_db: Database) -> None:
    """A ticket in service is not orphaned; only the holder (or the supervisor) releases."""
    boss, clerk1, clerk2 = ctx_for("supervisor1"), ctx_for("clerk1"), ctx_for("clerk2")
    with pytest.raises(StateError) as closed:
        release_window(clerk1, 1)
    assert closed.value.code == "window_closed"
    windows.open_window(clerk1, 1)
    taken = tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk1, 1)
    with pytest.raises(StateError) as busy:
        release_window(clerk1, 1)
    assert (busy.value.code, busy.value.facts["ticket"]) == ("release_in_service", taken.number)
    assert taken.number in busy.value.message
    with pytest.raises(StateError):
        release_window(boss, 1)  # the supervisor frees such a window with assign only
    with pytest.raises(WindowHeld) as other:
        release_window(clerk2, 1)
    assert (other.value.code, other.value.facts["holder_user"]) == ("release_not_holder",
                                                                     "clerk1")
    assert windows.window_state(clerk2, 1).holder_user == "clerk1"  # nothing changed
    windows.finish(clerk1, 1)
    windows.pause(clerk1, 1, "午休")
    left = release_window(boss, 1)  # the supervisor may, and a paused window stays paused
    assert (left.state, left.reason, left.holder_user) == ("paused", "午休", None)
    with pytest.raises(StateError) as unheld:
        release_window(clerk1, 1)
    assert unheld.value.code == "release_unheld"
    assert len(_audit(hall_db, "window_release")) == 1
    assert windows.resume(clerk2, 1).holder_user == "clerk2"  # acting there claims it


def test_a_ticket_the_supervisor_called_passes_to_the_clerk_who_claims_by_acting(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """At a window the supervisor opened, the supervisor called a ticket; the clerk who then
    acted there claimed the window, but the ticket kept the supervisor as its clerk."""
    boss, clerk2 = ctx_for("supervisor1"), ctx_for("clerk2")
    supervisor.open_window(boss, 5)
    taken = tickets.take_ticket(ctx_for("kiosk1"), "C")
    windows.call_next(boss, 5)
    assert _ticket_clerk(hall_db, taken.number) == "supervisor1"
    windows.start(clerk2, 5)  # clerk2 sits down at window 5: claims it
    assert windows.window_state(boss, 5).holder_user == "clerk2"
    assert _ticket_clerk(hall_db, taken.number) == "clerk2"
    [entry] = _audit(hall_db, "window_claim")
    assert entry.before == {"clerk": None, "ticket": taken.number,
                            "ticket_clerk": "supervisor1"}
    assert entry.after == {"window": 5, "clerk": "clerk2", "ticket": taken.number,
                           "ticket_clerk": "clerk2"}
    windows.finish(clerk2, 5)
    with hall_db.read_session() as s:
        served = s.scalars(select(Staff.username).join(
            ServiceRecord, ServiceRecord.clerk_id == Staff.id).join(
            Ticket, Ticket.id == ServiceRecord.ticket_id).where(
            Ticket.number == taken.number)).all()
    assert served == ["clerk2"]


def test_opening_a_window_left_open_claims_it_with_its_ticket(ctx_for: CtxFor,
                                                              hall_db: Database) -> None:
    """``window open`` at a window the supervisor opened took it without passing on the
    ticket called there, nor auditing the claim, as acting there does."""
    boss, clerk2 = ctx_for("supervisor1"), ctx_for("clerk2")
    supervisor.open_window(boss, 5)
    taken = tickets.take_ticket(ctx_for("kiosk1"), "C")
    windows.call_next(boss, 5)
    assert windows.open_window(clerk2, 5).holder_user == "clerk2"
    assert _ticket_clerk(hall_db, taken.number) == "clerk2"
    [entry] = _audit(hall_db, "window_claim")
    assert (entry.before["ticket_clerk"], entry.after["ticket_clerk"]) == ("supervisor1",
                                                                           "clerk2")


def test_closing_a_window_a_clerk_held_records_who_held_it(ctx_for: CtxFor,
                                                          hall_db: Database) -> None:
    """A supervisor closing a clerk's window (or the day close closing it) did not record
    who held it, as leaving it (``window_release``) does."""
    boss = ctx_for("supervisor1")
    windows.open_window(ctx_for("clerk1"), 1)
    windows.open_window(ctx_for("clerk2"), 2)
    windows.open_window(boss, 3)  # opened by the supervisor: nobody holds it
    windows.close_window(boss, 1)
    windows.close_window(boss, 3)
    first, nobody = _audit(hall_db, "window_close")
    assert (first.actor, first.before["state"], first.before["clerk"]) == (
        "supervisor1", "open", "clerk1")
    assert first.before["since"] is not None
    assert nobody.before == {"state": "open", "clerk": None}
    windows.open_window(ctx_for("clerk4"), 4)
    supervisor.close_window(boss, 4)  # from the board
    [board] = _audit(hall_db, "supervisor_window_close")
    assert (board.before["state"], board.before["clerk"]) == ("open", "clerk4")
    day.close_day(boss)
    [closed] = _audit(hall_db, "day_close")
    assert list(closed.before["held"]) == ["2"]
    assert closed.before["held"]["2"]["clerk"] == "clerk2"


def test_a_supervisor_calling_at_a_clerks_window_works_for_that_clerk(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """The supervisor calling (and finishing) at a window clerk1 holds became the ticket's
    clerk and went on its service record: the per-clerk KPIs and ratings counted the
    supervisor for clerk1's window."""
    boss, clerk1 = ctx_for("supervisor1"), ctx_for("clerk1")
    windows.open_window(clerk1, 1)
    first = tickets.take_ticket(ctx_for("kiosk1"), "A")
    second = tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(boss, 1)
    assert _ticket_clerk(hall_db, first.number) == "clerk1"
    windows.start(boss, 1)
    windows.finish(boss, 1)  # the plain-statement finish
    windows.call_next(boss, 1)
    windows.start(boss, 1)
    windows.suspend(boss, 1, "缺身份证复印件")  # the ORM service record
    assert _ticket_clerk(hall_db, second.number) == "clerk1"
    with hall_db.read_session() as s:
        served = s.scalars(select(Staff.username).join(
            ServiceRecord, ServiceRecord.clerk_id == Staff.id).order_by(ServiceRecord.id)).all()
    assert served == ["clerk1", "clerk1"]
    assert windows.window_state(boss, 1).holder_user == "clerk1"
