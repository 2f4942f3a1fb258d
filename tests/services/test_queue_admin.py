"""Deactivating a queue (``queue_admin.set_queue_active``): no new tickets (kiosk, counter,
CLI) nor bookings, with a refusal that says so; the kiosk neither shows it nor finds its
items; the tickets already waiting are still called. Activated again, all comes back.

There was no way to stop a queue: its ``active`` column was read but nothing wrote it, and
had it been written, the windows would no longer have called the tickets waiting in it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from conftest import FakeClock
from racekit import in_flight, meanwhile
from sqlalchemy import select, text

from hallapp.core.errors import NotFound, PermissionDenied, StateError
from hallapp.services import (
    appointments,
    day,
    hall,
    queue_admin,
    search,
    supervisor,
    tickets,
    windows,
)
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)
PERSON = "440304199001011233"


def _a_item(ctx: Ctx) -> search.ItemHit:
    return next(e.hit for e in search.item_index(ctx).entries if e.hit.queue == "A")


def test_a_deactivated_queue_takes_no_ticket_but_serves_those_waiting(
        hall_db: Database, ctx_for: CtxFor) -> None:
    admin, kiosk, clerk = ctx_for("admin1"), ctx_for("kiosk1"), ctx_for("clerk1")
    [slot, *_] = appointments.create_slots(admin, "A", TODAY, time(10), time(11))
    waiting = tickets.take_ticket(kiosk, "A")
    item = _a_item(kiosk)
    found = search.search_items(kiosk, item.name, offered=True)
    assert item.code in [h.code for h in found]
    done = queue_admin.set_queue_active(admin, "a", False)
    assert (done.code, done.active, done.changed, done.waiting) == ("A", False, True, 1)
    for take in (lambda: tickets.take_ticket(kiosk, "A"),
                 lambda: tickets.take_ticket(clerk, None, item_code=item.code),
                 lambda: appointments.book(clerk, slot.id, id_number=PERSON)):
        with pytest.raises(StateError) as refused:
            take()
        assert refused.value.code == "queue_inactive"
        assert "已停用" in refused.value.message
    # not on the kiosk: neither its button (the hall's status lists it inactive, for the
    # ticket still waiting: the kiosk leaves it out) nor its items in the search
    assert [q.active for q in day.hall_status(kiosk).queues if q.code == "A"] == [False]
    search.invalidate_index()  # as the feed's catalogue_changed does in a client
    found = search.search_items(kiosk, item.name, offered=True)
    assert item.code not in [h.code for h in found]
    assert item.code in [h.code for h in search.search_items(clerk, item.name)]  # intake
    assert not next(q for q in hall.list_queues(admin) if q.code == "A").active
    # the ticket already waiting is still called by a window serving the queue
    windows.open_window(clerk, 1)
    assert windows.call_next(clerk, 1).number == waiting.number
    # the same again changes nothing and writes nothing
    assert not queue_admin.set_queue_active(admin, "A", False).changed
    assert queue_admin.set_queue_active(admin, "A", True).changed
    assert tickets.take_ticket(kiosk, "A").number != waiting.number
    with hall_db.read_session() as s:
        audits = [(a.action, a.entity_id, a.before) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(("queue_deactivate", "queue_activate")))
            .order_by(AuditEntry.id))]
    assert audits == [("queue_deactivate", "A", {"active": True}),
                      ("queue_activate", "A", {"active": False})]


def test_only_an_admin_deactivates_and_an_unknown_queue_is_named(ctx_for: CtxFor) -> None:
    for user in ("supervisor1", "clerk1", "kiosk1"):
        with pytest.raises(PermissionDenied):
            queue_admin.set_queue_active(ctx_for(user), "A", False)
    with pytest.raises(NotFound) as unknown:
        queue_admin.set_queue_active(ctx_for("admin1"), "ZZ", False)
    assert unknown.value.code == "unknown_queue"


def test_a_booking_made_before_the_queue_was_deactivated_still_checks_in(
        ctx_for: CtxFor) -> None:
    """Its place was kept; refused, the applicant would have been counted as missing it."""
    admin, clerk, kiosk = ctx_for("admin1"), ctx_for("clerk1"), ctx_for("kiosk1")
    [slot, *_] = appointments.create_slots(admin, "A", TODAY, time(9), time(10))
    booking = appointments.book(clerk, slot.id, id_number=PERSON)
    queue_admin.set_queue_active(admin, "A", False)
    ticket = appointments.checkin(kiosk, booking.code)
    assert ticket.queue == "A"
    assert ticket.state == "waiting"


def test_a_deactivated_queue_with_tickets_waiting_stays_on_the_boards_and_alerts(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    """The hall status left every inactive queue out: the boards and the call display no
    longer showed the tickets still waiting in it (and still called), nor did the alerts
    count them. Now it is listed, marked inactive, until nobody waits in it."""
    admin, kiosk, clerk = ctx_for("admin1"), ctx_for("kiosk1"), ctx_for("clerk1")
    waiting = tickets.take_ticket(kiosk, "A")
    queue_admin.set_queue_active(admin, "A", False)
    listed = {q.code: q for q in day.hall_status(kiosk).queues}
    assert (listed["A"].waiting, listed["A"].active) == (1, False)
    assert listed["B"].active
    board = supervisor.board(ctx_for("supervisor1"))
    assert [(q.waiting, q.active) for q in board.queues if q.code == "A"] == [(1, False)]
    clock.advance(minutes=listed["A"].target_wait_minutes + 1)
    alerts = supervisor.board(ctx_for("supervisor1")).alerts
    assert [a.subject for a in alerts if a.kind == "wait_over_target"] == ["A"]
    windows.open_window(clerk, 1)
    assert windows.call_next(clerk, 1).number == waiting.number
    assert "A" not in [q.code for q in day.hall_status(kiosk).queues]  # nobody left in it


def test_the_supervisor_drains_a_deactivated_queue(ctx_for: CtxFor) -> None:
    """Deactivated with tickets waiting, queue A's tickets could neither be moved to another
    queue nor given a window to serve them: the supervisor's move and profile change named
    the queue and were refused (queue_inactive), so they waited for a window already serving
    A, or the day's end. Moving into it stays refused."""
    admin, kiosk, sup = ctx_for("admin1"), ctx_for("kiosk1"), ctx_for("supervisor1")
    first, second = tickets.take_ticket(kiosk, "A"), tickets.take_ticket(kiosk, "A")
    queue_admin.set_queue_active(admin, "A", False)
    moved = supervisor.move_tickets(sup, "A", "B", [first.number], reason="A 队列停用")
    assert moved.moved == (first.number,)
    served = supervisor.change_profile(sup, 11, [supervisor.ProfileEntryInput("A")],
                                       reason="办完 A 队列余号")
    assert [p.queue for p in served.profile] == ["A"]
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == second.number
    with pytest.raises(StateError) as refused:
        supervisor.move_tickets(sup, "B", "A", [first.number], reason="移回")
    assert refused.value.code == "queue_inactive"


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite: BEGIN IMMEDIATE serialises
def test_a_take_that_read_the_queue_active_is_refused_once_it_was_deactivated(
        hall_db: Database, ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The take read ``queue.active`` before the deactivation committed and inserted its
    ticket after: it joined a queue that takes no more. Now refused, nothing left of it."""
    admin, kiosk = ctx_for("admin1"), ctx_for("kiosk1")
    done = meanwhile(monkeypatch, tickets, "_check_priority",
                     lambda: queue_admin.set_queue_active(admin, "A", False))
    with pytest.raises(StateError) as refused:
        tickets.take_ticket(kiosk, "A")
    assert refused.value.code == "queue_inactive"
    assert [d.waiting for d in done] == [0]
    with hall_db.reader.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM ticket")).scalar_one() == 0
    # activated again, its first number is A001: the refused take's serial was rolled back
    queue_admin.set_queue_active(admin, "A", True)
    assert tickets.take_ticket(kiosk, "A").number == "A001"


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite: BEGIN IMMEDIATE serialises
def test_a_deactivation_waits_for_a_take_in_flight(hall_db: Database,
                                                   ctx_for: CtxFor) -> None:
    """A take in flight (its serial drawn, not yet committed) read the queue active: the
    deactivation waits for it, instead of committing first and the take's ticket then
    joining the deactivated queue. (A take whose ticket is inserted already holds the
    queue's row by its foreign key; the counter row, once the day's first take created it,
    is the only lock a take holds before that.)"""
    admin, kiosk = ctx_for("admin1"), ctx_for("kiosk1")
    first = tickets.take_ticket(kiosk, "A")
    with hall_db.reader.connect() as conn:
        queue_id = conn.execute(text("SELECT id FROM queue WHERE code = 'A'")).scalar_one()
    serial = (tickets._NEXT_SERIAL, {"queue": queue_id, "day": TODAY})
    outcome = in_flight(hall_db, [serial],
                        lambda: queue_admin.set_queue_active(admin, "A", False))
    assert (outcome.error, outcome.waited) == (None, True)
    assert (outcome.value.active, outcome.value.waiting) == (False, 1)
    assert tickets.show_ticket(kiosk, first.id).state == "waiting"


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite: BEGIN IMMEDIATE serialises
def test_a_transfer_into_a_queue_being_deactivated_waits_and_is_refused(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """The transfer read queue B active while its deactivation was in flight, then waited
    (its ticket's foreign key) and moved the ticket into B once it was deactivated. It now
    waits for the deactivation before reading B, and is refused; the ticket stays called."""
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    mine = tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    deactivation = [("SELECT id FROM queue WHERE code = 'B' FOR UPDATE", {}),
                    ("UPDATE queue SET active = false WHERE code = 'B'", {})]
    outcome = in_flight(hall_db, deactivation,
                        lambda: windows.transfer(clerk, 1, to_queue="B", reason="走错队列"))
    assert outcome.waited
    assert isinstance(outcome.error, StateError)
    assert outcome.error.code == "queue_inactive"
    after = tickets.show_ticket(kiosk, mine.id)
    assert (after.queue, after.state, after.window) == ("A", "called", 1)


_DEACTIVATE_B = [("SELECT id FROM queue WHERE code = 'B' FOR UPDATE", {}),
                 ("UPDATE queue SET active = false WHERE code = 'B'", {})]


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite: BEGIN IMMEDIATE serialises
def test_a_move_or_a_booking_into_a_queue_being_deactivated_waits_and_is_refused(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """The supervisor's move and a booking with no ID number (no queue lock of its own) read
    queue B as the transfer does: each waits for the deactivation, then is refused."""
    admin, kiosk, sup = ctx_for("admin1"), ctx_for("kiosk1"), ctx_for("supervisor1")
    [slot, *_] = appointments.create_slots(admin, "B", TODAY, time(10), time(11))
    mine = tickets.take_ticket(kiosk, "A")
    for act in (lambda: supervisor.move_tickets(sup, "A", "B", [mine.number], reason="分流"),
                lambda: appointments.book(ctx_for("clerk1"), slot.id, phone="13812345678")):
        outcome = in_flight(hall_db, _DEACTIVATE_B, act)
        assert outcome.waited
        assert isinstance(outcome.error, StateError)
        assert outcome.error.code == "queue_inactive"
        queue_admin.set_queue_active(admin, "B", True)
    assert tickets.show_ticket(kiosk, mine.id).queue == "A"
    assert [s.booked for s in appointments.list_slots(admin, TODAY) if s.id == slot.id] == [0]
