"""Changing opened slots: capacity (never below the places booked) and removal (only of a
slot nobody booked), with their refusals, audit entries and feed events; both engines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from conftest import FakeClock
from sqlalchemy import select

from hallapp.core.errors import NotFound, PermissionDenied, StateError, ValidationError
from hallapp.services import appointment_slots, appointments
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, Event
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)  # the clock starts at 09:00 in the hall


def open_slots(ctx_for: CtxFor, start: time, end: time) -> list[appointments.SlotInfo]:
    return appointments.create_slots(ctx_for("admin1"), "A", TODAY, start, end, capacity=3)


def capacities(ctx_for: CtxFor) -> list[tuple[int, int]]:
    return [(s.capacity, s.booked) for s in appointments.list_slots(ctx_for("admin1"), TODAY)]


def test_capacity_changes_but_never_below_the_places_booked(
        ctx_for: CtxFor, hall_db: Database) -> None:
    [slot] = open_slots(ctx_for, time(10), time(10, 30))
    admin, clerk = ctx_for("admin1"), ctx_for("clerk1")
    for _ in range(2):
        appointments.book(clerk, slot.id)
    with pytest.raises(ValidationError) as exc:
        appointment_slots.set_capacity(admin, slot.id, 1)
    assert (exc.value.field, exc.value.code) == ("capacity", "capacity_below_booked")
    assert "已有 2 人预约" in exc.value.message
    with pytest.raises(ValidationError):
        appointment_slots.set_capacity(admin, slot.id, 0)
    assert capacities(ctx_for) == [(3, 2)]  # unchanged
    closed = appointment_slots.set_capacity(admin, slot.id, 2)  # no more bookings
    assert (closed.capacity, closed.booked) == (2, 2)
    with pytest.raises(Exception, match="约满"):
        appointments.book(clerk, slot.id)
    assert appointment_slots.set_capacity(admin, slot.id, 5).capacity == 5
    with hall_db.read_session() as s:
        entries = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "slot_capacity").order_by(AuditEntry.id)).all()
        kinds = s.scalars(select(Event.kind)).all()
    assert [(e.before, e.after) for e in entries] == [
        ({"capacity": 3}, {"capacity": 2}), ({"capacity": 2}, {"capacity": 5})]
    assert kinds.count("appointment_slots_changed") == 2


def test_only_a_slot_nobody_booked_can_be_removed(ctx_for: CtxFor, hall_db: Database) -> None:
    first, second = open_slots(ctx_for, time(10), time(11))
    admin, clerk = ctx_for("admin1"), ctx_for("clerk1")
    booking = appointments.book(clerk, second.id)
    appointments.cancel(clerk, booking.code, "申请人来电取消")  # its record stays
    with pytest.raises(StateError) as exc:
        appointment_slots.remove_slot(admin, second.id)
    assert exc.value.code == "slot_booked"
    gone = appointment_slots.remove_slot(admin, first.id)
    assert gone.id == first.id
    assert [s.id for s in appointments.list_slots(admin, TODAY)] == [second.id]
    with pytest.raises(NotFound):
        appointment_slots.remove_slot(admin, first.id)
    appointments.create_slots(admin, "A", TODAY, time(10), time(10, 30))  # hours free again
    with hall_db.read_session() as s:
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.action == "slot_remove")).all()
    assert entry.before["capacity"] == 3
    assert entry.before["queue"] == "A"


def test_ended_slots_and_other_roles_are_refused(ctx_for: CtxFor, clock: FakeClock) -> None:
    [slot] = open_slots(ctx_for, time(9), time(9, 30))
    with pytest.raises(PermissionDenied):
        appointment_slots.set_capacity(ctx_for("clerk1"), slot.id, 4)
    with pytest.raises(PermissionDenied):
        appointment_slots.remove_slot(ctx_for("clerk1"), slot.id)
    clock.advance(minutes=30)  # 09:30: the slot has ended, it is history
    for change in (lambda: appointment_slots.set_capacity(ctx_for("admin1"), slot.id, 4),
                   lambda: appointment_slots.remove_slot(ctx_for("admin1"), slot.id)):
        with pytest.raises(StateError) as exc:
            change()
        assert exc.value.code == "slot_past"
    assert capacities(ctx_for) == [(3, 0)]


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite's write lock has no race
@pytest.mark.parametrize("booking_commits", [True, False])
def test_a_capacity_change_waits_for_a_booking_in_flight(
        hall_db: Database, ctx_for: CtxFor, booking_commits: bool) -> None:
    """A booking takes its place with ``booked = booked + 1 WHERE booked < capacity``; an
    administrator lowering the capacity at that moment waits for it and then judges the
    places as they are: a read-then-write would have set the capacity below the places
    booked."""
    import threading

    from racekit import lock_waited
    from sqlalchemy import text

    [slot] = open_slots(ctx_for, time(10), time(10, 30))  # capacity 3
    appointments.book(ctx_for("clerk1"), slot.id)
    appointments.book(ctx_for("clerk1"), slot.id)  # 2 of 3 booked
    result: dict[str, object] = {}

    def lower() -> None:
        try:
            result["slot"] = appointment_slots.set_capacity(ctx_for("admin1"), slot.id, 2)
        except Exception as exc:  # handed to the test thread
            result["error"] = exc

    with hall_db.writer.connect() as desk:  # another desk's booking, before its commit
        desk.execute(text("UPDATE appointment_slot SET booked = booked + 1 "
                          "WHERE id = :id AND booked < capacity"), {"id": slot.id})
        thread = threading.Thread(target=lower)
        thread.start()
        assert lock_waited(hall_db, thread), "the admin's change never waited for the booking"
        assert thread.is_alive()
        if booking_commits:
            desk.commit()
        else:
            desk.rollback()
        thread.join(timeout=10)
    assert not thread.is_alive()
    if booking_commits:  # 3 booked: 2 places would not hold them
        error = result.get("error")
        assert isinstance(error, ValidationError), result
        assert error.code == "capacity_below_booked"
        assert capacities(ctx_for) == [(3, 3)]
    else:
        assert capacities(ctx_for) == [(2, 2)]


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_removing_a_slot_waits_for_a_booking_in_flight(hall_db: Database,
                                                       ctx_for: CtxFor) -> None:
    """The first booking of a slot and its removal at the same moment: the removal waits,
    then finds the place taken and leaves the slot (and the booking) alone."""
    import threading

    from racekit import lock_waited
    from sqlalchemy import text

    [slot] = open_slots(ctx_for, time(10), time(10, 30))
    result: dict[str, object] = {}

    def remove() -> None:
        try:
            result["slot"] = appointment_slots.remove_slot(ctx_for("admin1"), slot.id)
        except Exception as exc:  # handed to the test thread
            result["error"] = exc

    with hall_db.writer.connect() as desk:
        desk.execute(text("UPDATE appointment_slot SET booked = booked + 1 "
                          "WHERE id = :id AND booked < capacity"), {"id": slot.id})
        thread = threading.Thread(target=remove)
        thread.start()
        assert lock_waited(hall_db, thread), "the admin's change never waited for the booking"
        desk.commit()
        thread.join(timeout=10)
    assert not thread.is_alive()
    error = result.get("error")
    assert isinstance(error, StateError), result
    assert error.code == "slot_booked"
    assert capacities(ctx_for) == [(3, 1)]
