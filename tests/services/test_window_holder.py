"""Who holds a window, seen before acting, and taking it over (``window_holder``).

The demo hall: clerkN is assigned window N; window 1 serves queue A. A clerk who left window 1
without closing it (logged out, terminal crashed) kept every other clerk out of it all day:
the window looked usable, and the first action was refused.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from racekit import in_flight
from sqlalchemy import select

from hallapp.core.errors import NotFound, StateError, WindowHeld
from hallapp.services import supervisor, tickets, windows
from hallapp.services.context import Ctx
from hallapp.services.window_holder import assign_window, claim_window
from hallapp.store.models import AuditEntry, ServiceRecord, Staff, Ticket
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
NINE = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # 09:00 in Shenzhen: the test clock


def _audit(db: Database, action: str) -> list[AuditEntry]:
    with db.read_session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                              .order_by(AuditEntry.id)))


def test_the_window_state_names_its_holder_and_since_when(ctx_for: CtxFor) -> None:
    clerk1, clerk2 = ctx_for("clerk1"), ctx_for("clerk2")
    assert windows.window_state(clerk2, 1).holder is None
    windows.open_window(clerk1, 1)
    seen = windows.window_state(clerk2, 1)
    assert (seen.holder, seen.holder_user) == (clerk1.actor.name, "clerk1")
    assert seen.holder_since == NINE
    windows.pause(clerk1, 1, "午休")
    windows.resume(clerk1, 1)  # the window's state changes; its holder's instant does not
    assert windows.window_state(clerk2, 1).holder_since == NINE
    windows.close_window(clerk1, 1)
    closed = windows.window_state(clerk2, 1)
    assert (closed.holder, closed.holder_user, closed.holder_since) == (None, None, None)


def test_a_refusal_at_a_held_window_names_the_holder(ctx_for: CtxFor) -> None:
    windows.open_window(ctx_for("clerk1"), 1)
    with pytest.raises(WindowHeld) as refused:
        windows.call_next(ctx_for("clerk2"), 1)
    assert refused.value.code == "not_your_window"
    assert refused.value.exit_code == 22
    assert refused.value.facts["holder_user"] == "clerk1"
    assert ctx_for("clerk1").actor.name in refused.value.message


def test_a_clerk_takes_over_a_window_its_holder_left(ctx_for: CtxFor,
                                                     hall_db: Database) -> None:
    """Taken over only naming the holder, and only with no ticket in service there."""
    kiosk, clerk1, clerk2 = ctx_for("kiosk1"), ctx_for("clerk1"), ctx_for("clerk2")
    windows.open_window(clerk1, 1)
    tickets.take_ticket(kiosk, "A")
    windows.call_next(clerk1, 1)
    with pytest.raises(WindowHeld) as refused:
        claim_window(clerk2, 1)  # not confirmed: told who holds it
    assert (refused.value.code, refused.value.facts["holder_user"]) == ("window_held",
                                                                         "clerk1")
    with pytest.raises(StateError) as busy:
        claim_window(clerk2, 1, replacing="clerk1")
    assert busy.value.code == "window_in_service"
    windows.finish(clerk1, 1)  # then clerk1's terminal crashes
    with pytest.raises(WindowHeld):
        claim_window(clerk2, 1, replacing="clerk3")  # not who holds it
    taken = claim_window(clerk2, 1, replacing="CLERK1")
    assert (taken.holder_user, taken.state) == ("clerk2", "open")
    [entry] = _audit(hall_db, "window_takeover")
    assert entry.actor == "clerk2"
    assert entry.before == {"clerk": "clerk1", "since": NINE.isoformat()}
    assert entry.after == {"window": 1, "clerk": "clerk2"}
    with pytest.raises(WindowHeld):
        windows.call_next(clerk1, 1)  # back at the window: clerk2 holds it now
    assert claim_window(clerk2, 1).holder_user == "clerk2"  # already theirs: no-op
    assert len(_audit(hall_db, "window_takeover")) == 1


def test_claiming_a_window_nobody_holds_and_what_is_refused(ctx_for: CtxFor,
                                                          hall_db: Database) -> None:
    boss, clerk2 = ctx_for("supervisor1"), ctx_for("clerk2")
    with pytest.raises(StateError) as closed:
        claim_window(clerk2, 5)
    assert closed.value.code == "window_closed"
    supervisor.open_window(boss, 5)
    with pytest.raises(StateError) as not_clerk:
        claim_window(boss, 5)
    assert not_clerk.value.code == "claim_not_clerk"
    assert claim_window(clerk2, 5).holder_user == "clerk2"
    [entry] = _audit(hall_db, "window_claim")
    assert (entry.before, entry.after) == ({"clerk": None}, {"window": 5, "clerk": "clerk2"})


def test_the_supervisor_reassigns_even_with_a_ticket_in_service(ctx_for: CtxFor,
                                                               hall_db: Database) -> None:
    kiosk, boss = ctx_for("kiosk1"), ctx_for("supervisor1")
    clerk1, clerk2 = ctx_for("clerk1"), ctx_for("clerk2")
    windows.open_window(clerk1, 1)
    tickets.take_ticket(kiosk, "A")
    windows.call_next(clerk1, 1)
    with pytest.raises(StateError) as not_clerk:
        assign_window(boss, 1, "approver_szamr", "接班")
    assert not_clerk.value.code == "assign_not_clerk"
    with pytest.raises(NotFound):
        assign_window(boss, 1, "nobody", "接班")
    assert assign_window(boss, 1, "clerk2", "clerk1 身体不适").holder_user == "clerk2"
    assert windows.finish(clerk2, 1).state == "done"  # the ticket passed with the window
    [entry] = _audit(hall_db, "window_assign")
    assert entry.before["clerk"] == "clerk1"
    assert entry.after == {"window": 1, "clerk": "clerk2", "reason": "clerk1 身体不适",
                           "ticket": "A001", "ticket_clerk": "clerk2"}
    assert assign_window(boss, 1, None, "空出").holder is None
    board = {w.number: w for w in supervisor.board(boss).windows}
    assert board[1].clerk is None
    assert claim_window(clerk1, 1).holder_user == "clerk1"  # freed: anyone may take it


def test_a_ticket_in_service_passes_to_the_clerk_the_window_is_reassigned_to(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """The ticket named the clerk who called it, its service record the one who finished
    it: per-clerk statistics and the board disagreed. The new holder is its clerk now."""
    boss, clerk1, clerk2 = ctx_for("supervisor1"), ctx_for("clerk1"), ctx_for("clerk2")
    windows.open_window(clerk1, 1)
    taken = tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk1, 1)
    windows.start(clerk1, 1)
    assign_window(boss, 1, "clerk2", "clerk1 身体不适")
    [entry] = _audit(hall_db, "window_assign")
    assert (entry.before["ticket"], entry.before["ticket_clerk"]) == (taken.number, "clerk1")
    assert (entry.after["ticket"], entry.after["ticket_clerk"]) == (taken.number, "clerk2")
    windows.finish(clerk2, 1)
    with hall_db.read_session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == taken.number))
        assert ticket is not None
        clerk = s.scalar(select(Staff.username).where(Staff.id == ticket.clerk_id))
        served = s.scalars(select(ServiceRecord.clerk_id)
                           .where(ServiceRecord.ticket_id == ticket.id)).all()
    assert clerk == "clerk2"
    assert served == [ticket.clerk_id]


def test_a_ticket_left_at_a_freed_window_passes_to_the_clerk_who_claims_it(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """Freed by the supervisor with a ticket in service, then claimed: the ticket kept the
    clerk who had called it, as before a reassignment."""
    boss, clerk1, clerk2 = ctx_for("supervisor1"), ctx_for("clerk1"), ctx_for("clerk2")
    windows.open_window(clerk1, 1)
    taken = tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk1, 1)
    assign_window(boss, 1, None, "clerk1 身体不适")
    claim_window(clerk2, 1)
    [entry] = _audit(hall_db, "window_claim")
    assert (entry.before["ticket_clerk"], entry.after["ticket_clerk"]) == ("clerk1", "clerk2")
    with hall_db.read_session() as s:
        clerk = s.scalar(select(Staff.username).join(Ticket, Ticket.clerk_id == Staff.id)
                         .where(Ticket.number == taken.number))
    assert clerk == "clerk2"


def test_two_clerks_taking_over_at_once_one_wins(ctx_for: CtxFor, hall_db: Database) -> None:
    """Both saw clerk1 holding window 1 and both confirmed: exactly one takes it, the other
    is told who did (threads on both engines)."""
    windows.open_window(ctx_for("clerk1"), 1)
    clerks = [ctx_for("clerk2"), ctx_for("clerk3")]
    start = threading.Barrier(2)
    results: list[object] = [None, None]

    def take(i: int) -> None:
        start.wait()
        try:
            results[i] = claim_window(clerks[i], 1, replacing="clerk1").holder_user
        except WindowHeld as exc:
            results[i] = exc

    threads = [threading.Thread(target=take, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    won = [r for r in results if isinstance(r, str)]
    lost = [r for r in results if isinstance(r, WindowHeld)]
    assert (len(won), len(lost)) == (1, 1), results
    assert lost[0].facts["holder_user"] == won[0]
    assert windows.window_state(clerks[0], 1).holder_user == won[0]
    assert len(_audit(hall_db, "window_takeover")) == 1


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_takeover_waits_for_one_in_flight_and_sees_its_holder(ctx_for: CtxFor,
                                                               hall_db: Database) -> None:
    """clerk3's take-over meets clerk2's, written and not yet committed: it waits for the
    window's lock, then reads clerk2 as the holder and is refused (no lost update)."""
    windows.open_window(ctx_for("clerk1"), 1)
    clerk2 = windows.window_state(ctx_for("clerk2"), 1)
    assert clerk2.holder_user == "clerk1"
    out = in_flight(hall_db, [(
        'UPDATE "window" SET clerk_id = (SELECT id FROM staff WHERE username = \'clerk2\') '
        'WHERE number = 1', {})], lambda: claim_window(ctx_for("clerk3"), 1,
                                                       replacing="clerk1"))
    assert out.waited
    assert isinstance(out.error, WindowHeld), out
    assert out.error.facts["holder_user"] == "clerk2"
    assert windows.window_state(ctx_for("clerk3"), 1).holder_user == "clerk2"


def test_a_clerk_holds_one_window_at_a_time(hall_db: Database, ctx_for: CtxFor) -> None:
    """Opening, claiming, acting at a supervisor-opened window and being reassigned one never
    checked the windows the clerk already held: clerk2 ended up holding 2 and 9."""
    boss, clerk2 = ctx_for("supervisor1"), ctx_for("clerk2")
    windows.open_window(clerk2, 2)
    windows.open_window(boss, 9)
    for act in (lambda: claim_window(clerk2, 9), lambda: windows.call_next(clerk2, 9),
                lambda: assign_window(boss, 9, "clerk2", "补位")):
        with pytest.raises(StateError) as refused:
            act()
        assert refused.value.code == "clerk_holds_window"
        assert (refused.value.facts["other"], refused.value.facts["clerk_user"]) == (2, "clerk2")
        assert "2 号窗口" in refused.value.message
    assert windows.window_state(boss, 9).holder_user is None
    assert windows.window_state(boss, 2).holder_user == "clerk2"
    windows.close_window(clerk2, 2)  # left first: then the other window is theirs
    assert claim_window(clerk2, 9).holder_user == "clerk2"
    with pytest.raises(StateError) as back:
        windows.open_window(clerk2, 2)
    assert back.value.code == "clerk_holds_window"


def test_one_window_per_clerk_is_a_database_fact(hall_db: Database, ctx_for: CtxFor,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Two windows taken by one clerk at the same moment (PostgreSQL: each transaction reads
    none held) are stopped by the index, and refused in words."""
    from hallapp.services.window_op import WindowOp

    boss, clerk2 = ctx_for("supervisor1"), ctx_for("clerk2")
    windows.open_window(clerk2, 2)
    windows.open_window(boss, 9)
    monkeypatch.setattr(WindowOp, "require_one_window", lambda self, clerk_id: None)
    for act in (lambda: claim_window(clerk2, 9), lambda: windows.call_next(clerk2, 9)):
        with pytest.raises(StateError) as refused:
            act()
        assert refused.value.code == "clerk_took_window"
    assert windows.window_state(boss, 9).holder_user is None


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_one_clerk_taking_two_windows_at_once_holds_one(ctx_for: CtxFor,
                                                        hall_db: Database) -> None:
    """clerk2's claim of window 9 meets clerk2 taking window 2 on another terminal, written
    and not yet committed: each read none held. The index makes the claim wait, then it is
    refused in words, and clerk2 holds window 2 only."""
    boss = ctx_for("supervisor1")
    windows.open_window(boss, 2)
    windows.open_window(boss, 9)
    out = in_flight(hall_db, [(
        'UPDATE "window" SET clerk_id = (SELECT id FROM staff WHERE username = \'clerk2\') '
        'WHERE number = 2', {})], lambda: claim_window(ctx_for("clerk2"), 9))
    assert out.waited
    assert isinstance(out.error, StateError), out
    assert out.error.code == "clerk_took_window"
    assert windows.window_state(boss, 9).holder_user is None
    assert windows.window_state(boss, 2).holder_user == "clerk2"
