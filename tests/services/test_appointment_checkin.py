"""Checking a booking in: the ticket the applicant already waits with, the queue's quotas,
the day of the booking, an item moved to another queue since it was booked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from conftest import FakeClock
from sqlalchemy import select

from hallapp.core.errors import QuotaExhausted, StateError
from hallapp.services import admin, appointments, catalogue, hall, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import Appointment, AuditEntry, Ticket
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)  # the clock starts at 09:00 in the hall
PERSON = "44030419900101125X"
ITEM_A = "440300000000069391780001"  # 有限责任公司设立登记, queue A in the demo catalogue


def booked(ctx_for: CtxFor, start: time, queue: str = "A", id_number: str | None = None,
           item_code: str | None = None, day: date = TODAY) -> str:
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), queue, day, start,
                                           time(start.hour + 1), capacity=2, item_code=item_code)
    return appointments.book(ctx_for("clerk1"), slot.id, id_number=id_number).code


def test_a_ticket_already_waiting_for_the_id_number_gets_the_appointments_place(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """The check-in returned the applicant's waiting ordinary ticket as if new: no
    precedence, and the kiosk printed it and, if the print failed, withdrew it."""
    code = booked(ctx_for, time(9, 30), id_number=PERSON)
    kiosk = ctx_for("kiosk1")
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")  # A001–A003
    own = tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A004, the applicant's
    clock.advance(minutes=30)  # 09:30: the slot begins
    info = appointments.checkin(kiosk, code)
    assert (info.number, info.existing, info.appointment, info.people_ahead) == (
        own.number, True, True, 0)
    assert info.precedence_given
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == own.number  # ahead of A001–A003
    [listed] = appointments.list_bookings(ctx_for("clerk1"), TODAY)
    assert (listed.state, listed.ticket) == ("checked_in", own.number)
    with hall_db.read_session() as s:
        [entry] = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "ticket_appointment")).all()
        assert (entry.entity_id, entry.after["appointment"], entry.after["booking"]) == (
            str(own.id), True, code)
        assert entry.before["appointment"] is False
        assert s.get(Ticket, own.id).channel == "kiosk"  # still the kiosk's ticket


def test_checking_in_early_never_puts_a_waiting_ticket_behind_its_own_place(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """First in line with A001 (09:00), the applicant checked in a 10:00 booking at 09:05:
    A001 became an appointment ticket held until 10:00, and A002–A004, taken after it, were
    called before it. Held until the slot begins, it is called from its own place meanwhile."""
    code = booked(ctx_for, time(10), id_number=PERSON)
    kiosk = ctx_for("kiosk1")
    own = tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A001 at 09:00
    for _ in range(3):
        clock.advance(minutes=1)
        tickets.take_ticket(kiosk, "A")  # A002–A004
    clock.advance(minutes=2)  # 09:05, inside the hour before the slot
    info = appointments.checkin(kiosk, code)
    assert (info.number, info.existing, info.precedence_given) == (own.number, True, True)
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == own.number
    [listed] = appointments.list_bookings(ctx_for("clerk1"), TODAY)
    assert (listed.state, listed.ticket) == ("checked_in", own.number)
    with hall_db.read_session() as s:
        ticket = s.get(Ticket, own.id)
        assert (ticket.own_order_at, ticket.appointment) == (own.taken_at, True)


def test_a_waiting_ticket_checked_in_early_goes_ahead_once_the_slot_begins(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """The applicant took A004 at 09:03 and checked a 10:00 booking in at 09:05: the ticket
    stayed ordinary, and at 10:00 A002 and A003 (taken before it) were still called first,
    as if there had been no booking."""
    code = booked(ctx_for, time(10), id_number=PERSON)
    kiosk = ctx_for("kiosk1")
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")  # A001–A003, 09:00–09:02
        clock.advance(minutes=1)
    own = tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A004 at 09:03
    clock.advance(minutes=1)
    tickets.take_ticket(kiosk, "A")  # A005 at 09:04
    clock.advance(minutes=1)  # 09:05
    info = appointments.checkin(kiosk, code)
    assert (info.number, info.existing, info.precedence_given) == ("A004", True, True)
    assert info.held_until(clock()) == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    clock.advance(minutes=1)  # 09:06: its own place, behind A001–A003
    assert windows.call_next(clerk, 11).number == "A001"
    clock.advance(minutes=54)  # 10:00: the slot begins
    called = [_next(windows.finish_and_call_next(clerk, 11)) for _ in range(4)]
    assert called == ["A004", "A002", "A003", "A005"]
    with hall_db.read_session() as s:
        [entry] = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "ticket_appointment")).all()
        assert (entry.entity_id, entry.after["booking"], entry.after["order_at"]) == (
            str(own.id), code, "2026-11-24T02:00:00+00:00")
        assert entry.after["own_order_at"] == own.taken_at.isoformat()
        assert s.scalars(select(Appointment.state)).all() == ["checked_in"]


def test_a_ticket_checked_in_early_keeps_its_own_place_until_the_slot(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """Before its slot the ticket is called in its own turn: after those ahead of it, before
    those who came after it."""
    code = booked(ctx_for, time(10), id_number=PERSON)
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")  # A001 at 09:00
    clock.advance(minutes=1)
    tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A002 at 09:01
    clock.advance(minutes=1)
    tickets.take_ticket(kiosk, "A")  # A003 at 09:02
    clock.advance(minutes=1)
    appointments.checkin(kiosk, code)
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    called = [_next(windows.finish_and_call_next(clerk, 11)) for _ in range(3)]
    assert called == ["A001", "A002", "A003"]


def _next(call: windows.NextCall) -> str:
    assert call.called is not None
    return call.called.number


def test_checked_in_once_the_slot_began_a_waiting_ticket_goes_ahead_from_the_slots_start(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """Waiting since before the slot, the applicant goes ahead as an appointment checked in
    early would, from the slot's start, not from the moment of the check-in."""
    code = booked(ctx_for, time(9, 30), id_number=PERSON)
    own = tickets.take_ticket(ctx_for("kiosk1"), "A", id_number=PERSON)  # 09:00
    clock.advance(minutes=40)  # 09:40, inside the grace
    assert appointments.checkin(ctx_for("kiosk1"), code).appointment
    with hall_db.read_session() as s:
        assert s.get(Ticket, own.id).order_at == clock() - timedelta(minutes=10)  # 09:30


def test_a_late_check_in_leaves_the_waiting_ticket_as_it_was(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    code = booked(ctx_for, time(9), id_number=PERSON)
    own = tickets.take_ticket(ctx_for("kiosk1"), "A", id_number=PERSON)
    clock.advance(minutes=20)  # 09:20: past the 15-minute grace
    info = appointments.checkin(ctx_for("kiosk1"), code)
    assert (info.number, info.existing, info.appointment) == (own.number, True, False)
    assert [b.state for b in appointments.list_bookings(ctx_for("clerk1"), TODAY)] == ["late"]
    with hall_db.read_session() as s:
        assert s.scalars(select(AuditEntry).where(
            AuditEntry.action == "ticket_appointment")).all() == []
        assert s.get(Ticket, own.id).order_at == own.taken_at


def quotas_of_a(ctx_for: CtxFor, **quotas: object) -> None:
    """Queue A as it is, with these quotas."""
    admin_ctx = ctx_for("admin1")
    q = next(q for q in hall.list_queues(admin_ctx) if q.code == "A")
    admin.save_queue(admin_ctx, {"code": "A", "name": q.name, "name_en": q.name_en,
                                 "prefix": q.prefix, "category": q.category,
                                 "target_wait_minutes": q.target_wait_minutes, **quotas})


def test_a_check_in_is_not_refused_for_the_queues_quotas(ctx_for: CtxFor,
                                                           clock: FakeClock) -> None:
    """With the daily quota, then a time-window quota, used up, the check-in was refused and
    the booking later recorded as missed: the slot's capacity had kept the place."""
    kiosk = ctx_for("kiosk1")
    first, second = booked(ctx_for, time(9)), booked(ctx_for, time(10))
    quotas_of_a(ctx_for, daily_quota=1)
    tickets.take_ticket(kiosk, "A")
    with pytest.raises(QuotaExhausted):
        tickets.take_ticket(kiosk, "A")  # walk-ins are held to it
    assert appointments.checkin(kiosk, first).appointment
    quotas_of_a(ctx_for, daily_quota=None,
                time_quotas=[{"start": "09:00", "end": "12:00", "quota": 2}])
    clock.advance(minutes=55)  # 09:55: two numbers taken since 09:00
    with pytest.raises(QuotaExhausted) as refused:
        tickets.take_ticket(kiosk, "A")
    assert refused.value.code == "time_quota_exhausted"
    assert appointments.checkin(kiosk, second).appointment


def test_a_booking_is_checked_in_only_on_its_own_day(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """A booking of a day nobody closed was checked in the next morning as a late ordinary
    ticket and counted as kept."""
    code = booked(ctx_for, time(9))
    clock.advance(days=1)  # 09:00 on the 25th; the 24th was never closed
    with pytest.raises(StateError) as refused:
        appointments.checkin(ctx_for("kiosk1"), code)
    assert (refused.value.code, refused.value.facts["day"]) == ("checkin_day_over",
                                                                "2026-11-24")
    assert "2026-11-24" in refused.value.message
    with hall_db.read_session() as s:
        assert s.scalars(select(Appointment.state)).all() == ["booked"]
        assert s.scalars(select(Ticket)).all() == []


def test_an_item_moved_to_another_queue_checks_in_to_the_slots_queue(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """A catalogue import that moved the booked item to queue B stranded the booking:
    check-in was refused (item_other_queue) and the booking became missed."""
    kept_slot = booked(ctx_for, time(9), item_code=ITEM_A)
    still_a = booked(ctx_for, time(10), item_code="440300000000069391780006")
    admin_ctx = ctx_for("admin1")
    doc = catalogue.export_catalogue(admin_ctx)
    for item in doc["items"]:
        if item["code"] == ITEM_A:
            item["queue"] = "B"
    catalogue.import_catalogue(admin_ctx, doc)
    ticket = appointments.checkin(ctx_for("kiosk1"), kept_slot)
    assert (ticket.queue, ticket.item_code, ticket.appointment) == ("A", None, True)
    clock.advance(minutes=30)  # an item still served in A goes along, as before
    assert appointments.checkin(ctx_for("kiosk1"), still_a).item_code == (
        "440300000000069391780006")


def test_a_no_show_reactivated_before_its_slot_rejoins_at_an_ordinary_place(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """A001, the applicant's, checked in at 09:05 for a 10:00 booking, was called at its own
    place, missed and reactivated at 09:10: it rejoined with the appointment's precedence at
    once (order_at 09:10, before its slot) and was called ahead of A002–A004. It rejoins
    behind the next three among the ordinary tickets, held as before until 10:00."""
    code = booked(ctx_for, time(10), id_number=PERSON)
    kiosk = ctx_for("kiosk1")
    own = tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A001 at 09:00
    for _ in range(4):
        clock.advance(minutes=1)
        tickets.take_ticket(kiosk, "A")  # A002–A005, 09:01–09:04
    clock.advance(minutes=1)  # 09:05
    assert appointments.checkin(kiosk, code).precedence_given
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == own.number  # its own place
    windows.noshow(clerk, 11)
    clock.advance(minutes=5)  # 09:10, the slot begins at 10:00
    assert tickets.reactivate(kiosk, own.number).state == "waiting"
    called = [windows.call_next(clerk, 11).number]
    windows.finish(clerk, 11)
    called += [_next(windows.finish_and_call_next(clerk, 11)) for _ in range(3)]
    assert called == ["A002", "A003", "A004", "A001"]  # behind the next three
    with hall_db.read_session() as s:
        ticket = s.get(Ticket, own.id)
        assert (ticket.appointment, ticket.order_at) == (
            True, datetime(2026, 11, 24, 2, 0, tzinfo=UTC))  # held for 10:00


def test_a_no_show_reactivated_before_its_slot_goes_ahead_once_the_slot_begins(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    code = booked(ctx_for, time(10), id_number=PERSON)
    kiosk = ctx_for("kiosk1")
    own = tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A001 at 09:00
    for _ in range(5):
        clock.advance(minutes=1)
        tickets.take_ticket(kiosk, "A")  # A002–A006
    clock.advance(minutes=1)
    appointments.checkin(kiosk, code)
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)
    clock.advance(minutes=5)  # 09:11
    tickets.reactivate(kiosk, own.number)
    assert windows.call_next(clerk, 11).number == "A002"
    clock.advance(minutes=49)  # 10:00: the slot begins, A001 goes ahead of A003–A006
    assert _next(windows.finish_and_call_next(clerk, 11)) == own.number


def test_a_ticket_held_for_its_slot_reactivated_rejoins_behind_the_next_three(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """A001, checked in early for 10:00 and called from its own place, was absent and came
    back at 09:08: reactivated, it was made an appointment due at once (``order_at`` now,
    before its slot) and called before everyone; and had it stayed held, its own place kept
    it first. Now it waits behind the next three until its slot, as any no-show."""
    code = booked(ctx_for, time(10), id_number=PERSON)
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A001 at 09:00
    for _ in range(5):
        clock.advance(minutes=1)
        tickets.take_ticket(kiosk, "A")  # A002–A006
    clock.advance(minutes=1)  # 09:06
    appointments.checkin(kiosk, code)
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == "A001"
    windows.noshow(clerk, 11)
    clock.advance(minutes=2)  # 09:08
    back = tickets.reactivate(kiosk, "A001")
    assert back.held_until(clock()) == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00
    called = [_next(windows.finish_and_call_next(clerk, 11)) for _ in range(5)]
    assert called == ["A002", "A003", "A004", "A001", "A005"]
    with hall_db.read_session() as s:
        [entry] = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "ticket_reactivate")).all()
        assert entry.after["order_at"] == "2026-11-24T02:00:00+00:00"
        assert entry.after["own_order_at"] is not None


def test_an_appointment_checked_in_early_reactivated_stays_held_until_its_slot(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """Checked in at 09:05 for 10:00 and called as nobody else waited, the applicant was
    absent; reactivated at 09:10 it went ahead of A003, taken meanwhile, before its slot."""
    code = booked(ctx_for, time(10))
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")  # A001 at 09:00
    clock.advance(minutes=5)
    assert appointments.checkin(kiosk, code).number == "A002"  # held until 10:00
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == "A001"
    assert _next(windows.finish_and_call_next(clerk, 11)) == "A002"  # nobody else waits
    windows.noshow(clerk, 11)
    tickets.take_ticket(kiosk, "A")  # A003 at 09:05
    clock.advance(minutes=5)  # 09:10
    back = tickets.reactivate(kiosk, "A002")
    assert back.held_until(clock()) == datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    assert windows.call_next(clerk, 11).number == "A003"


def test_the_priority_cap_calls_the_first_ticket_waiting_at_its_own_place(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """A001 and A002 were checked in early onto waiting tickets (09:30 and 10:00 slots). At
    09:31 A001 is due as an appointment, A002 still waits at its own place (09:01), ahead
    of A003. After three green-channel calls the cap calls the first ordinary ticket: it was
    A003, as the calls read only the first ticket keeping its own place (A001, no longer
    held), and A002 was not seen."""
    other = "440304199001011233"
    slots = appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(9, 30),
                                      time(10, 30), capacity=2)
    at = {s.starts_at.astimezone(UTC).time(): s.id for s in slots}
    first = appointments.book(ctx_for("clerk1"), at[time(1, 30)], id_number=PERSON).code
    second = appointments.book(ctx_for("clerk1"), at[time(2, 0)], id_number=other).code
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A", id_number=PERSON)  # A001 at 09:00
    clock.advance(minutes=1)
    tickets.take_ticket(kiosk, "A", id_number=other)  # A002 at 09:01
    clock.advance(minutes=1)
    tickets.take_ticket(kiosk, "A")  # A003 at 09:02
    clock.advance(minutes=3)  # 09:05
    assert appointments.checkin(kiosk, first).precedence_given
    assert appointments.checkin(kiosk, second).precedence_given
    for _ in range(3):
        tickets.take_ticket(kiosk, "A", priority="pregnant")  # A004–A006, green channel
    clock.advance(minutes=26)  # 09:31: A001's slot began, A002's not yet
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == "A004"
    called = [_next(windows.finish_and_call_next(clerk, 11)) for _ in range(3)]
    assert called == ["A005", "A006", "A002"]  # the cap: the first ordinary one
