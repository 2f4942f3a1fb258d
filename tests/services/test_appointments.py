"""Appointments: slots with capacity, booking, check-in on time / late / too early, by code
or QR payload, and the precedence an on-time check-in gets at the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from conftest import FakeClock
from sqlalchemy import select

from hallapp.core.errors import PermissionDenied, QuotaExhausted, StateError, ValidationError
from hallapp.services import appointments, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)


def slots(ctx_for: CtxFor, start: time, end: time, capacity: int = 2,
          queue: str = "A") -> list[appointments.SlotInfo]:
    return appointments.create_slots(ctx_for("admin1"), queue, TODAY, start, end,
                                     minutes=30, capacity=capacity)


def test_slots_are_created_in_the_hall_zone_and_listed(ctx_for: CtxFor) -> None:
    made = slots(ctx_for, time(9), time(10, 15))  # 10:00–10:30 would overrun: two slots
    assert [(s.starts_at, s.ends_at) for s in made] == [
        (datetime(2026, 11, 24, 1, 0, tzinfo=UTC), datetime(2026, 11, 24, 1, 30, tzinfo=UTC)),
        (datetime(2026, 11, 24, 1, 30, tzinfo=UTC), datetime(2026, 11, 24, 2, 0, tzinfo=UTC))]
    slots(ctx_for, time(14), time(14, 30), queue="B")
    listed = appointments.list_slots(ctx_for("kiosk1"), TODAY)
    assert [(s.queue, s.capacity, s.booked) for s in listed] == [("A", 2, 0), ("A", 2, 0),
                                                                  ("B", 2, 0)]
    assert [s.id for s in appointments.list_slots(ctx_for("kiosk1"), TODAY, "b")] == [
        listed[2].id]
    assert appointments.list_slots(ctx_for("kiosk1"), date(2026, 11, 25)) == []
    with pytest.raises(ValidationError):
        slots(ctx_for, time(10), time(9))


def test_booking_beyond_capacity_or_after_the_slot_is_refused(ctx_for: CtxFor,
                                                              clock: FakeClock) -> None:
    slot = slots(ctx_for, time(10), time(10, 30))[0]
    clerk = ctx_for("clerk1")
    codes = {appointments.book(clerk, slot.id, phone="13812345678").code for _ in range(2)}
    assert len(codes) == 2
    with pytest.raises(QuotaExhausted, match="约满") as exc:
        appointments.book(clerk, slot.id)
    assert exc.value.code == "slot_full"
    assert appointments.list_slots(clerk, TODAY)[0].booked == 2
    early = slots(ctx_for, time(9), time(9, 30))[0]
    clock.advance(minutes=30)  # 09:30: that slot has ended
    with pytest.raises(StateError) as exc:
        appointments.book(clerk, early.id)
    assert exc.value.code == "slot_past"


def test_on_time_checkin_gets_appointment_precedence(ctx_for: CtxFor,
                                                     clock: FakeClock) -> None:
    slot = slots(ctx_for, time(9, 30), time(10))[0]
    booked = appointments.book(ctx_for("clerk1"), slot.id)
    assert booked.qr_payload == f"HALLAPP:A:{booked.code}"
    kiosk = ctx_for("kiosk1")
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")  # A001–A003 at 09:00, ahead in take time
    clock.advance(minutes=44, seconds=59)  # 09:44:59: within the 15-minute grace
    info = appointments.checkin(kiosk, booked.code.lower())
    assert (info.number, info.appointment, info.channel) == ("A004", True, "appointment")
    assert info.people_ahead == 0
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == "A004"
    with pytest.raises(StateError, match="已签到") as exc:
        appointments.checkin(kiosk, booked.code)
    assert exc.value.code == "not_booked"


def test_an_early_checkin_goes_ahead_only_from_its_slots_start(ctx_for: CtxFor,
                                                               clock: FakeClock) -> None:
    """Checked in 55 minutes early, an appointment jumped everyone waiting at once; it waits
    in line until its slot begins (called before only when nobody else waits)."""
    slot = slots(ctx_for, time(10), time(10, 30))[0]
    early, idle = (appointments.book(ctx_for("clerk1"), slot.id) for _ in range(2))
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    assert tickets.take_ticket(kiosk, "A").number == "A001"  # 09:00
    clock.advance(minutes=5)
    assert appointments.checkin(kiosk, early.code).number == "A002"  # 09:05, appointment
    windows.open_window(clerk, 11)
    clock.advance(minutes=1)
    assert windows.call_next(clerk, 11).number == "A001"  # not the appointment
    windows.finish(clerk, 11)
    assert windows.call_next(clerk, 11).number == "A002"  # nobody else waits: served early
    windows.finish(clerk, 11)
    assert appointments.checkin(kiosk, idle.code).number == "A003"  # 09:06
    clock.advance(minutes=10)
    assert tickets.take_ticket(kiosk, "A").number == "A004"  # 09:16
    clock.advance(minutes=44)  # 10:00: the slot begins
    decision = windows.call_next(clerk, 11)
    assert decision.number == "A003"  # now ahead of A004, taken before it


def test_late_checkin_gets_an_ordinary_ticket(ctx_for: CtxFor, clock: FakeClock) -> None:
    slot = slots(ctx_for, time(9), time(9, 30))[0]
    booked = appointments.book(ctx_for("clerk1"), slot.id)
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")
    clock.advance(minutes=15, seconds=1)  # 09:15:01: grace over
    late = appointments.checkin(kiosk, booked.qr_payload)
    assert (late.number, late.appointment, late.people_ahead) == ("A002", False, 1)
    with pytest.raises(StateError, match="迟到"):
        appointments.checkin(kiosk, booked.code)


def test_checkin_by_qr_payload_and_bad_codes(ctx_for: CtxFor) -> None:
    slot = slots(ctx_for, time(9), time(9, 30))[0]
    booked = appointments.book(ctx_for("clerk1"), slot.id)
    kiosk = ctx_for("kiosk1")
    for bad in ("HALLAPP:A:1234", "HALLAPP:A:OOOOOOOO", ""):
        with pytest.raises(ValidationError) as exc:
            appointments.checkin(kiosk, bad)
        assert exc.value.field == "code"
    info = appointments.checkin(kiosk, f" {booked.qr_payload}\n")  # scanners add newlines
    assert (info.queue, info.appointment) == ("A", True)


def test_checkin_too_early_is_refused(ctx_for: CtxFor, clock: FakeClock) -> None:
    slot = slots(ctx_for, time(10, 30), time(11))[0]
    booked = appointments.book(ctx_for("clerk1"), slot.id)
    kiosk = ctx_for("kiosk1")
    clock.advance(minutes=29, seconds=59)  # 09:29:59: 60 min 1 s before the slot
    with pytest.raises(StateError, match="10:30") as exc:
        appointments.checkin(kiosk, booked.code)
    assert exc.value.code == "too_early"
    clock.advance(seconds=1)  # 09:30: exactly 60 minutes before: welcome
    info = appointments.checkin(kiosk, booked.code)
    assert (info.number, info.appointment) == ("A001", True)


def test_checkin_days_early_names_the_day_of_the_booking(ctx_for: CtxFor) -> None:
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "A", date(2026, 11, 26), time(9),
                                           time(10))
    booked = appointments.book(ctx_for("clerk1"), slot.id)
    with pytest.raises(StateError, match="预约时段 2026-11-26 09:00 开始前"):
        appointments.checkin(ctx_for("kiosk1"), booked.code)  # it is 11-24: "09:00" misleads


def test_slots_overlapping_open_ones_are_refused(ctx_for: CtxFor) -> None:
    slots(ctx_for, time(9), time(10))
    with pytest.raises(ValidationError) as exc:
        slots(ctx_for, time(9, 30), time(11))  # 09:30-10:00 is open already
    assert (exc.value.code, exc.value.field) == ("slots_overlap", "start")
    assert "09:30" in exc.value.message
    slots(ctx_for, time(10), time(11))  # back to back is fine
    with pytest.raises(ValidationError) as short:
        slots(ctx_for, time(11), time(11, 20))  # not one 30-minute slot fits
    assert (short.value.code, short.value.field) == ("slots_none", "slot")
    slots(ctx_for, time(9), time(10), queue="B")  # so is another queue
    assert len(appointments.list_slots(ctx_for("kiosk1"), TODAY)) == 6


def test_bookings_are_listed_masked_and_a_cancel_frees_the_place(
        ctx_for: CtxFor, hall_db: Database) -> None:
    [slot] = slots(ctx_for, time(10), time(10, 30), capacity=1)
    clerk = ctx_for("clerk1")
    booked = appointments.book(clerk, slot.id, name="王小明", phone="13812345678")
    assert (booked.name_masked, booked.phone_masked) == ("王*明", "138****5678")
    with pytest.raises(QuotaExhausted):
        appointments.book(clerk, slot.id)
    [listed] = appointments.list_bookings(clerk, TODAY)
    assert (listed.code, listed.state, listed.ticket) == (booked.code, "booked", None)
    assert "13812345678" not in repr(listed)
    with pytest.raises(ValidationError):
        appointments.cancel(clerk, booked.code, " ")  # a reason is required
    gone = appointments.cancel(clerk, booked.qr_payload, "申请人来电取消")
    assert gone.state == "cancelled"
    assert appointments.list_slots(clerk, TODAY)[0].booked == 0
    with pytest.raises(StateError) as exc:
        appointments.cancel(clerk, booked.code, "再次取消")
    assert exc.value.code == "not_booked"
    with pytest.raises(StateError):
        appointments.checkin(ctx_for("kiosk1"), booked.code)  # a cancelled booking
    again = appointments.book(clerk, slot.id, phone="13912345678")  # the place is free
    ticket = appointments.checkin(ctx_for("kiosk1"), again.code)
    states = {(b.code, b.state, b.ticket) for b in appointments.list_bookings(clerk, TODAY)}
    assert states == {(booked.code, "cancelled", None), (again.code, "checked_in",
                                                          ticket.number)}
    assert appointments.list_bookings(clerk, TODAY, "B") == []
    with pytest.raises(PermissionDenied):
        appointments.list_bookings(ctx_for("kiosk1"), TODAY)
    with hall_db.read_session() as s:
        [entry] = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "appointment_cancel")).all()
        assert entry.after == {"state": "cancelled", "reason": "申请人来电取消"}


ITEM_A = "440300000000069391780001"  # 有限责任公司设立登记, queue A in the demo catalogue
ITEM_A2 = "440300000000069391780006"  # 合伙企业设立登记, queue A
ITEM_B = "440300000000069392144002"  # 不动产抵押权首次登记, queue B
NO_BOOKING = "440300000000069391780004"  # 个体工商户设立登记, queue A: 支持预约 no


def item_slots(ctx_for: CtxFor, item: str, start: time, end: time, capacity: int = 1,
               queue: str = "A") -> list[appointments.SlotInfo]:
    return appointments.create_slots(ctx_for("admin1"), queue, TODAY, start, end,
                                     minutes=30, capacity=capacity, item_code=item)


def test_slots_kept_for_one_item_have_places_of_their_own(ctx_for: CtxFor,
                                                         hall_db: Database) -> None:
    general = slots(ctx_for, time(9), time(10))
    kept = item_slots(ctx_for, ITEM_A, time(9), time(10))  # same hours, its own places
    assert [(s.item_code, s.item_name) for s in kept] == [(ITEM_A, "有限责任公司设立登记")] * 2
    with pytest.raises(ValidationError) as exc:
        item_slots(ctx_for, ITEM_A, time(9, 30), time(11))  # that item's hours again
    assert (exc.value.code, exc.value.field) == ("slots_overlap", "start")
    assert "有限责任公司设立登记" in exc.value.message
    item_slots(ctx_for, ITEM_A2, time(9), time(9, 30))  # another item of the queue
    listed = appointments.list_slots(ctx_for("kiosk1"), TODAY, "A")
    assert sorted((s.item_code or "", s.starts_at.hour) for s in listed) == sorted(
        [("", 1), ("", 1), (ITEM_A, 1), (ITEM_A, 1), (ITEM_A2, 1)])
    assert {s.item_name for s in listed if s.item_code is None} == {None}
    with hall_db.read_session() as s:
        after = [e.after for e in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "slots_create"))]
    assert [a["item"] for a in after] == [None, ITEM_A, ITEM_A2]
    assert general[0].item_code is None


def test_item_slots_refuse_an_item_of_another_queue_or_none(ctx_for: CtxFor) -> None:
    for item, code in ((ITEM_B, "item_other_queue"), ("440300000000000000009999",
                                                      "unknown_item"),
                       (NO_BOOKING, "item_no_appointment")):
        with pytest.raises(ValidationError) as exc:
            item_slots(ctx_for, item, time(9), time(10))
        assert (exc.value.code, exc.value.field) == (code, "item")
    assert appointments.list_slots(ctx_for("kiosk1"), TODAY) == []  # nothing opened


def test_a_booking_carries_its_item_to_the_ticket(ctx_for: CtxFor) -> None:
    [kept] = item_slots(ctx_for, ITEM_A, time(9), time(9, 30), capacity=2)
    [general] = slots(ctx_for, time(9), time(9, 30))
    clerk = ctx_for("clerk1")
    with pytest.raises(ValidationError) as exc:
        appointments.book(clerk, kept.id, item_code=ITEM_A2)  # the slot is kept for ITEM_A
    assert (exc.value.code, exc.value.field) == ("slot_item_only", "item")
    for slot, item in ((general, ITEM_B), (general, "nonsense"), (general, NO_BOOKING)):
        with pytest.raises(ValidationError) as exc:
            appointments.book(clerk, slot.id, item_code=item)
        assert exc.value.field == "item"
    assert "「个体工商户设立登记」不支持预约" in exc.value.message
    assert [s.booked for s in appointments.list_slots(clerk, TODAY)] == [0, 0]  # unchanged
    for_kept = appointments.book(clerk, kept.id)  # the slot's item, unasked
    assert (for_kept.item_code, for_kept.item_name) == (ITEM_A, "有限责任公司设立登记")
    chosen = appointments.book(clerk, general.id, item_code=ITEM_A2)
    assert (chosen.item_code, chosen.item_name) == (ITEM_A2, "合伙企业设立登记")
    listed = {b.code: (b.item_code, b.item_name) for b in appointments.list_bookings(clerk,
                                                                                     TODAY)}
    assert listed == {for_kept.code: (ITEM_A, "有限责任公司设立登记"),
                      chosen.code: (ITEM_A2, "合伙企业设立登记")}
    ticket = appointments.checkin(ctx_for("kiosk1"), chosen.code)
    assert (ticket.queue, ticket.item_code, ticket.appointment) == ("A", ITEM_A2, True)


def test_the_board_counts_todays_bookings_by_queue(ctx_for: CtxFor, clock: FakeClock) -> None:
    from hallapp.services import supervisor

    nine, half_past = slots(ctx_for, time(9), time(10), capacity=3)  # grace 15 minutes
    slots(ctx_for, time(9), time(9, 30), queue="B")
    clerk = ctx_for("clerk1")
    early = [appointments.book(clerk, nine.id) for _ in range(2)]
    later = [appointments.book(clerk, half_past.id) for _ in range(2)]
    appointments.cancel(clerk, later[1].code, "申请人来电取消")  # not counted
    appointments.checkin(ctx_for("kiosk1"), early[0].code)
    day = supervisor.board(ctx_for("supervisor1")).appointments
    assert set(day) == {"A"}  # B has slots but no bookings
    assert (day["A"].booked, day["A"].arrived, day["A"].expected, day["A"].overdue) == (
        3, 1, 2, 0)
    clock.advance(minutes=16)  # 09:16: the 09:00 slot's grace is over
    day = supervisor.board(ctx_for("supervisor1")).appointments
    assert (day["A"].booked, day["A"].arrived, day["A"].expected, day["A"].overdue) == (
        3, 1, 1, 1)
    appointments.checkin(ctx_for("kiosk1"), early[1].code)  # late: an ordinary ticket
    day = supervisor.board(ctx_for("supervisor1")).appointments
    assert (day["A"].arrived, day["A"].expected, day["A"].overdue) == (2, 1, 0)


def test_an_id_that_missed_too_many_appointments_books_again_later(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """Three misses within 30 days (the defaults) suspend booking for that ID number until
    the oldest of them is 30 days old; other ID numbers and bookings without one go on."""
    from datetime import timedelta

    from stdnum.cn import ric

    from hallapp.services import admin, day

    person, other = (body + ric.calc_check_digit(body + "0")
                     for body in ("44030419900101123", "44030419850505123"))
    clerk, sup = ctx_for("clerk1"), ctx_for("supervisor1")
    first_day = clock.now
    for n in range(3):  # booked for 10:00, never came; the day's close records the miss
        [slot] = appointments.create_slots(ctx_for("admin1"), "B", (first_day + timedelta(
            days=7 * n)).date(), time(10), time(10, 30))
        appointments.book(clerk, slot.id, id_number=person)
        clock.now = first_day + timedelta(days=7 * n, hours=9)  # 18:00 in the hall
        day.close_day(sup)
    [later] = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 12, 28), time(10),
                                        time(10, 30), capacity=4)
    with pytest.raises(StateError) as exc:
        appointments.book(clerk, later.id, id_number=person)
    assert exc.value.code == "booking_suspended"
    assert "2026-12-24 10:00 后方可再预约" in exc.value.message  # 11-24 10:00 + 30 days
    appointments.book(clerk, later.id, id_number=other)  # someone else
    appointments.book(clerk, later.id)  # no ID number given: nothing to count
    clock.now = datetime(2026, 12, 24, 2, 1, tzinfo=UTC)  # 10:01: the first miss is too old
    appointments.book(clerk, later.id, id_number=person)
    admin.update_settings(ctx_for("admin1"), {"appointment_missed_limit": 0})  # off
    [next_day] = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 12, 29),
                                           time(10), time(10, 30))
    appointments.book(clerk, next_day.id, id_number=person)  # one booking a day, still


def test_one_id_number_books_one_place_per_queue_and_day(ctx_for: CtxFor) -> None:
    clerk, person = ctx_for("clerk1"), "440304199001011233"
    first, second = slots(ctx_for, time(10), time(11), capacity=3)
    held = appointments.book(clerk, first.id, id_number=person)
    for slot in (first, second):
        with pytest.raises(StateError, match=f"已有预约（预约码 {held.code}）") as refused:
            appointments.book(clerk, slot.id, id_number=person)
        assert refused.value.code == "already_booked"
    other_queue = slots(ctx_for, time(14), time(14, 30), queue="B")[0]
    assert appointments.book(clerk, other_queue.id, id_number=person).state == "booked"
    appointments.cancel(clerk, held.code, "改期")
    assert appointments.book(clerk, second.id, id_number=person).state == "booked"


def test_slots_open_only_on_working_days_within_the_hours_and_ahead(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    admin = ctx_for("admin1")
    for day, words in ((date(2026, 11, 23), "已过"),                # yesterday
                       (date(2026, 11, 28), "不是工作日"),            # a Saturday
                       (date(2026, 10, 1), "已过")):
        with pytest.raises(ValidationError, match=words):
            appointments.create_slots(admin, "A", day, time(9), time(10))
    with pytest.raises(ValidationError, match="开放时间 09:00–12:00、14:00–18:00") as none:
        appointments.create_slots(admin, "A", TODAY, time(19), time(20))  # after hours
    assert none.value.code == "slots_none"
    clock.advance(hours=1)  # 10:00 in the hall
    made = appointments.create_slots(admin, "A", TODAY, time(9), time(18), minutes=60)
    hours = [s.starts_at.astimezone(ZoneInfo("Asia/Shanghai")).hour for s in made]
    assert hours == [10, 11, 14, 15, 16, 17]  # none over already (9:00), none over lunch
