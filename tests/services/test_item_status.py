"""Withdrawing a service item (停用) and reinstating it (恢复): what is under way for it is
counted and refused without ``force``; the bookings are cancelled by the hall, the waiting
tickets kept; a reinstatement puts the latest version back in force. Both audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from racekit import in_flight
from sqlalchemy import select
from test_admin import ITEM, audits, snapshot

from hallapp.core.errors import NotFound, StateError
from hallapp.services import admin, appointments, item_status, tickets
from hallapp.services.catalogue import get_item, list_items
from hallapp.services.context import Ctx
from hallapp.store.models import Appointment, Ticket
from hallapp.store.uow import Database


@pytest.fixture
def ctx(ctx_for: Callable[[str], Ctx]) -> Ctx:
    return ctx_for("admin1")


def test_a_withdrawn_item_is_reinstated_at_its_latest_version(ctx: Ctx,
                                                              hall_db: Database) -> None:
    raw = {"code": "NEW-3", "name": "新事项", "department": "SZAMR", "queue": "A"}
    admin.save_item(ctx, raw)
    admin.save_item(ctx, {**raw, "name": "新事项（修订）"})
    with pytest.raises(StateError) as info:
        admin.reinstate_item(ctx, "NEW-3")  # in force: nothing to reinstate
    assert info.value.code == "item_not_withdrawn"
    with pytest.raises(NotFound) as missing:
        admin.reinstate_item(ctx, "NO-SUCH-ITEM")
    assert missing.value.code == "unknown_item"
    admin.retire_item(ctx, "NEW-3")
    assert admin.reinstate_item(ctx, "NEW-3") == 2
    assert (get_item(ctx, "NEW-3").version, get_item(ctx, "NEW-3").name) == (2, "新事项（修订）")
    assert "NEW-3" in {s.code for s in list_items(ctx)}
    assert audits(hall_db)[-1] == ("item_reinstate", "NEW-3", None, {"version": 2})
    assert admin.save_item(ctx, {**raw, "name": "再改"}, based_on=2)["version"] == 3


def test_withdrawing_an_item_in_use_says_what_it_touches(
        ctx: Ctx, ctx_for: Callable[[str], Ctx], hall_db: Database) -> None:
    """Mid-day, with a ticket waiting for the item and a booking for it: refused unless
    forced, naming both counts; forced, the booking is cancelled by the hall (its code
    returned for staff) and the waiting ticket keeps its place."""
    ticket = tickets.take_ticket(ctx_for("kiosk1"), item_code=ITEM)
    [slot, *_] = appointments.create_slots(ctx, "A", date(2026, 11, 24), time(10), time(11),
                                           item_code=ITEM)
    booking = appointments.book(ctx_for("clerk1"), slot.id, item_code=ITEM)
    impact = item_status.withdrawal_impact(ctx, ITEM)
    assert (impact.waiting_tickets, impact.bookings) == (1, 1)
    before = snapshot(hall_db)
    with pytest.raises(StateError) as info:
        admin.retire_item(ctx, ITEM)
    assert info.value.code == "item_in_use"
    assert "1 人等候" in info.value.message
    assert "1 个未签到的预约" in info.value.message
    assert "--force" in info.value.message
    assert snapshot(hall_db) == before
    done = admin.retire_item(ctx, ITEM, force=True)
    assert (done.waiting_tickets, done.cancelled_bookings) == (1, (booking.code,))
    with hall_db.read_session() as s:
        assert s.scalar(select(Appointment.state).where(
            Appointment.code == booking.code)) == "cancelled"
        assert s.scalar(select(Ticket.state).where(Ticket.number == ticket.number)) == "waiting"
    assert audits(hall_db)[-1] == ("item_retire", ITEM, {"version": 1}, {
        "waiting_tickets": 1, "cancelled_bookings": [booking.code]})
    admin.reinstate_item(ctx, ITEM)  # the booking stays cancelled
    assert item_status.withdrawal_impact(ctx, ITEM).bookings == 0


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_withdrawing_waits_for_a_booking_in_flight(ctx: Ctx, hall_db: Database) -> None:
    """A booking for the item written and not yet committed (it holds the hall row FOR
    SHARE, as ``appointments.book`` does) was not counted, nor cancelled: it stayed booked
    for an item withdrawn. The withdrawal now waits for it, then finds it."""
    out = in_flight(hall_db, [("SELECT id FROM hall FOR SHARE", {})],
                    lambda: item_status.retire_item(ctx, ITEM, force=True))
    assert out.waited
    assert out.error is None, out
