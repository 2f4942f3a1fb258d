"""Opening hours changed: the slots outside the new hours take no more bookings, and their
bookings are cancelled by the hall, as a day made a rest day cancels its own.

Slots opened for 09:00–12:00 stayed bookable, and booked, after the morning became
10:00–12:00: the applicants came to a closed hall and were recorded as missed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from sqlalchemy import select

from hallapp.core.errors import StateError
from hallapp.services import admin, appointments
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
TOMORROW = date(2026, 11, 25)  # a Wednesday; the clock is at 09:00 on the 24th


def slots(ctx_for: CtxFor) -> dict[str, int]:
    """The 30-minute slots of queue A tomorrow 09:00–12:00, by their start."""
    opened = appointments.create_slots(ctx_for("admin1"), "A", TOMORROW, time(9), time(12),
                                       capacity=3)
    return {f"{s.starts_at.hour + 8:02d}:{s.starts_at.minute:02d}": s.id for s in opened}


def states(ctx_for: CtxFor) -> dict[str, str]:
    return {b.code: b.state for b in appointments.list_bookings(ctx_for("clerk1"), TOMORROW)}


def test_slots_outside_new_hours_are_closed_and_their_bookings_cancelled(
        ctx_for: CtxFor, hall_db: Database) -> None:
    by_start = slots(ctx_for)
    clerk = ctx_for("clerk1")
    early = appointments.book(clerk, by_start["09:00"]).code
    half = appointments.book(clerk, by_start["09:30"]).code
    kept = appointments.book(clerk, by_start["10:00"]).code
    result = admin.set_opening_hours(ctx_for("admin1"), [("10:00", "12:00"), ("14:00", "18:00")])
    assert result["cancelled_bookings"] == [early, half]
    assert states(ctx_for) == {early: "cancelled", half: "cancelled", kept: "booked"}
    for start in ("09:00", "09:30"):
        with pytest.raises(StateError) as info:
            appointments.book(clerk, by_start[start])
        assert info.value.code == "slot_outside_hours"
    appointments.book(clerk, by_start["10:30"])  # inside the new hours: open as before
    with hall_db.read_session() as s:
        cancels = [e.after for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "appointment_cancel").order_by(AuditEntry.id))]
        hours = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "opening_hours_update")).one()
    assert cancels == [{"state": "cancelled", "reason": "大厅调整了开放时间，该时段不再开放"}] * 2
    assert hours.after["bookings_cancelled"] == 2
    listed = {s.id: s.booked for s in appointments.list_slots(clerk, TOMORROW)}
    assert (listed[by_start["09:00"]], listed[by_start["09:30"]]) == (0, 0)  # places freed


def test_hours_that_still_hold_every_slot_cancel_nothing(ctx_for: CtxFor) -> None:
    by_start = slots(ctx_for)
    code = appointments.book(ctx_for("clerk1"), by_start["11:30"]).code
    result = admin.set_opening_hours(ctx_for("admin1"), [("08:30", "12:00"), ("13:30", "17:30")])
    assert result["cancelled_bookings"] == []
    assert states(ctx_for) == {code: "booked"}
    # a slot that straddles the new end of the morning is outside too
    result = admin.set_opening_hours(ctx_for("admin1"), [("08:30", "11:45"), ("13:30", "17:30")])
    assert result["cancelled_bookings"] == [code]
