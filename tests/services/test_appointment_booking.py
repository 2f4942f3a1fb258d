"""When a slot takes a booking and a booking may be cancelled: not once the slot's grace
period is over, not on a closed day or a day the hall does not open (but on the Saturdays a
hall open on Saturdays opens), and one booking per ID number, queue and day, kept or not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import FakeClock

from hallapp.core.errors import StateError, ValidationError
from hallapp.services import admin, appointments, calendar_admin, day
from hallapp.services.context import Ctx

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)  # the clock starts at 09:00 in the hall
PERSON = "440304199001011233"
SH = ZoneInfo("Asia/Shanghai")


def open_slots(ctx_for: CtxFor, start: time, end: time,
               day_: date = TODAY) -> list[appointments.SlotInfo]:
    return appointments.create_slots(ctx_for("admin1"), "A", day_, start, end, capacity=3)


def test_a_booking_checked_in_still_counts_as_the_ids_one_booking_that_day(
        ctx_for: CtxFor) -> None:
    """Once the first was checked in, the same ID number booked a second slot of the queue
    that day (only bookings still to come were counted)."""
    first, _, third = open_slots(ctx_for, time(9), time(10, 30))
    clerk = ctx_for("clerk1")
    held = appointments.book(clerk, first.id, id_number=PERSON)
    appointments.checkin(ctx_for("kiosk1"), held.code)
    with pytest.raises(StateError) as refused:
        appointments.book(clerk, third.id, id_number=PERSON)
    assert (refused.value.code, refused.value.facts["code_held"]) == ("already_booked",
                                                                      held.code)


def test_a_booking_is_cancelled_only_until_its_grace_period_is_over(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """Cancelled after its slot's grace period, a booking never came and was not missed."""
    [slot, *_] = open_slots(ctx_for, time(9), time(10))
    clerk = ctx_for("clerk1")
    kept, dodged = (appointments.book(clerk, slot.id, id_number=i)
                    for i in (PERSON, "44030419900101125X"))
    clock.advance(minutes=15)  # 09:15: the last minute of the grace period
    assert appointments.cancel(clerk, kept.code, "申请人来电取消").state == "cancelled"
    clock.advance(seconds=1)
    with pytest.raises(StateError) as refused:
        appointments.cancel(clerk, dodged.code, "申请人来电取消")
    assert (refused.value.code, refused.value.facts["until"]) == ("cancel_too_late",
                                                                  "2026-11-24 09:15")
    clock.now = clock.now.replace(hour=10)  # 18:00
    day.close_day(ctx_for("supervisor1"))
    states = {b.code: b.state for b in appointments.list_bookings(clerk, TODAY)}
    assert states == {kept.code: "cancelled", dodged.code: "missed"}


def test_a_slot_takes_bookings_until_its_grace_period_is_over(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """A slot whose grace period was over took bookings that could only be late or missed;
    such slots were also opened, and the counter offered them."""
    nine, half_past = open_slots(ctx_for, time(9), time(10))
    clerk = ctx_for("clerk1")
    clock.advance(minutes=15)  # 09:15
    appointments.book(clerk, nine.id)
    clock.advance(seconds=1)
    with pytest.raises(StateError) as refused:
        appointments.book(clerk, nine.id)
    assert (refused.value.code, refused.value.facts["grace"]) == ("slot_grace_over", 15)
    assert (nine.takes_bookings(clock.now), half_past.takes_bookings(clock.now)) == (
        False, True)  # as the counter offers them
    made = appointments.create_slots(ctx_for("admin1"), "B", TODAY, time(9), time(10))
    assert [s.starts_at.astimezone(SH).time() for s in made] == [time(9, 30)]


def test_no_slots_are_opened_for_a_closed_day(ctx_for: CtxFor, clock: FakeClock) -> None:
    clock.now = clock.now.replace(hour=6)  # 14:00
    day.close_day(ctx_for("supervisor1"))
    with pytest.raises(StateError) as refused:
        open_slots(ctx_for, time(15), time(16))
    assert (refused.value.code, refused.value.facts["day"]) == ("day_closed_slots",
                                                                "2026-11-24")
    assert open_slots(ctx_for, time(9), time(10), TODAY + timedelta(days=1))  # tomorrow


def test_a_day_made_a_rest_day_takes_no_bookings(ctx_for: CtxFor) -> None:
    monday = date(2026, 12, 7)
    [slot, *_] = open_slots(ctx_for, time(9), time(10), monday)
    calendar_admin.set_days(ctx_for("admin1"), monday, 1, working=False)
    with pytest.raises(StateError) as refused:
        appointments.book(ctx_for("clerk1"), slot.id)
    assert (refused.value.code, refused.value.facts["day"]) == ("slot_day_closed",
                                                                "2026-12-07")


def test_a_hall_open_on_saturdays_opens_slots_on_its_plain_saturdays(
        ctx_for: CtxFor) -> None:
    """Opening hours with "saturday" set (周六开放) were ignored: slots followed the
    working-day calendar only."""
    saturday, rest_saturday = date(2026, 11, 28), date(2026, 12, 5)
    with pytest.raises(ValidationError):
        open_slots(ctx_for, time(9), time(10), saturday)
    admin_ctx = ctx_for("admin1")
    admin.set_opening_hours(admin_ctx, [("09:00", "12:00"), ("14:00", "18:00")], True)
    [slot, *_] = open_slots(ctx_for, time(9), time(10), saturday)
    assert appointments.book(ctx_for("clerk1"), slot.id).state == "booked"
    calendar_admin.set_days(admin_ctx, rest_saturday, 1, working=False, note="设备检修")
    with pytest.raises(ValidationError) as closed:  # the hall's own rest day wins
        open_slots(ctx_for, time(9), time(10), rest_saturday)
    assert closed.value.code == "slot_day_closed"
    with pytest.raises(ValidationError):
        open_slots(ctx_for, time(9), time(10), date(2026, 11, 29))  # a Sunday
