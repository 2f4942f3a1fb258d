"""How a booking becomes missed, and what undoes it: the day's close (each miss audited,
every booking of the day not checked in, whether or not its slot has ended), a reopened
day, a day turned into a rest day (the hall cancels its bookings), by the calendar or by
Saturdays no longer opened.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, time, timedelta

from conftest import FakeClock
from sqlalchemy import select

from hallapp.services import admin, appointments, calendar_admin, day
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)  # the clock starts at 09:00 in the hall


def book(ctx_for: CtxFor, day_: date, start: time, n: int = 1, **kw: str) -> list[str]:
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "A", day_, start,
                                           time(start.hour + 1), capacity=3)
    return [appointments.book(ctx_for("clerk1"), slot.id, **kw).code for _ in range(n)]


def states(ctx_for: CtxFor, day_: date = TODAY) -> dict[str, str]:
    return {b.code: b.state for b in appointments.list_bookings(ctx_for("clerk1"), day_)}


def entries(db: Database, action: str) -> list[AuditEntry]:
    with db.read_session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                              .order_by(AuditEntry.id)))


def test_the_days_close_records_every_booking_not_checked_in_as_missed_each_audited(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """Closed at 17:40, the 17:30 slot's bookings (not yet ended) stayed booked, to be
    checked in the next morning; and the misses had no audit entry of their own, so those
    behind a booking ban could not be traced."""
    [ended] = book(ctx_for, TODAY, time(9))
    [running] = book(ctx_for, TODAY, time(17))  # 17:00 and 17:30 slots
    [tomorrow] = book(ctx_for, TODAY + timedelta(days=1), time(9))
    clock.now = clock.now.replace(hour=9, minute=40)  # 17:40 in the hall
    result = day.close_day(ctx_for("supervisor1"))
    assert result.missed_appointments == 2
    assert states(ctx_for) == {ended: "missed", running: "missed"}
    assert states(ctx_for, TODAY + timedelta(days=1)) == {tomorrow: "booked"}
    missed = entries(hall_db, "appointment_missed")
    assert [(e.entity, e.before, e.after) for e in missed] == [
        ("appointment", {"state": "booked"}, {"state": "missed", "day": "2026-11-24"})] * 2


def test_reopening_the_day_books_again_what_its_close_recorded_as_missed(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """A close made by mistake at 14:00 now records the afternoon's bookings as missed;
    reopening the day undoes that (a miss counts against the applicant)."""
    clock.now = clock.now.replace(hour=6)  # 14:00
    [afternoon] = book(ctx_for, TODAY, time(16))
    sup = ctx_for("supervisor1")
    day.close_day(sup)
    assert states(ctx_for) == {afternoon: "missed"}
    day.reopen_day(sup, "误点日终")
    assert states(ctx_for) == {afternoon: "booked"}
    assert [e.after for e in entries(hall_db, "appointment_restore")] == [
        {"state": "booked", "day": "2026-11-24"}]
    clock.now = clock.now.replace(hour=8)  # 16:00
    assert appointments.checkin(ctx_for("kiosk1"), afternoon).appointment


def test_a_day_made_a_rest_day_cancels_its_bookings_by_the_hall(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """Declared a rest day, the day kept its bookings, later recorded as missed."""
    monday = date(2026, 12, 7)
    codes = book(ctx_for, monday, time(9), n=2, phone="13812345678")
    [other_day] = book(ctx_for, monday + timedelta(days=1), time(9))
    result = calendar_admin.set_days(ctx_for("admin1"), monday, 1, working=False,
                                     note="停电检修")
    assert result.cancelled_bookings == tuple(codes)
    assert states(ctx_for, monday) == dict.fromkeys(codes, "cancelled")
    assert states(ctx_for, monday + timedelta(days=1)) == {other_day: "booked"}
    assert [s.booked for s in appointments.list_slots(ctx_for("clerk1"), monday)] == [0, 0]
    cancels = entries(hall_db, "appointment_cancel")
    assert [e.after for e in cancels] == [
        {"state": "cancelled", "reason": "大厅调整为休息日（停电检修）"}] * 2
    again = calendar_admin.set_days(ctx_for("admin1"), monday, 1, working=True)
    assert again.cancelled_bookings == ()


def test_an_official_notice_that_makes_a_booked_day_a_holiday_cancels_its_bookings(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """Only set_days cancelled: a notice loaded with a booked day as a holiday left the
    bookings booked, check-in was impossible and the next close recorded them as missed."""
    thursday = date(2026, 11, 26)
    [holiday] = book(ctx_for, thursday, time(9))
    [kept] = book(ctx_for, thursday + timedelta(days=1), time(9))
    notice = {"year": 2026, "holidays": [thursday.isoformat()], "workdays": []}
    result = calendar_admin.load_calendar(ctx_for("admin1"), json.dumps(notice), "通知")
    assert states(ctx_for, thursday) == {holiday: "cancelled"}
    assert result.cancelled_bookings == (holiday,)
    assert [e.after for e in entries(hall_db, "appointment_cancel")] == [
        {"state": "cancelled", "reason": "大厅调整为休息日（官方日历 2026）"}]
    clock.now = clock.now.replace(day=27, hour=10)  # Friday 18:00
    assert day.close_day(ctx_for("supervisor1")).missed_appointments == 1  # Friday's only
    assert states(ctx_for, thursday + timedelta(days=1)) == {kept: "missed"}
    assert states(ctx_for, thursday) == {holiday: "cancelled"}


def test_saturdays_no_longer_opened_cancel_their_bookings(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """Turning Saturday opening off left the Saturdays' bookings booked, to be missed."""
    periods = [("09:00", "12:00"), ("14:00", "18:00")]
    admin_ctx = ctx_for("admin1")
    admin.set_opening_hours(admin_ctx, periods, saturday=True)
    saturday = date(2026, 11, 28)
    [on_saturday] = book(ctx_for, saturday, time(9))
    [on_monday] = book(ctx_for, saturday + timedelta(days=2), time(9))
    result = admin.set_opening_hours(admin_ctx, periods, saturday=False)
    assert states(ctx_for, saturday) == {on_saturday: "cancelled"}
    assert result["cancelled_bookings"] == [on_saturday]
    assert states(ctx_for, saturday + timedelta(days=2)) == {on_monday: "booked"}
    assert [e.after for e in entries(hall_db, "appointment_cancel")] == [
        {"state": "cancelled", "reason": "大厅周六不再开放"}]
    assert admin.set_opening_hours(admin_ctx, periods)["cancelled_bookings"] == []
