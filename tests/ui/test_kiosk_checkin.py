"""The kiosk's check-in and its printer (``flow.checkin_and_print``): a check-in ticket that
could not be printed is withdrawn and the booking may be checked in again, audited; the
applicant's own waiting ticket, which the check-in now uses, is shown, never withdrawn.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from kioskkit import FakePrinter
from sqlalchemy import select

from hallapp.services import appointments, tickets
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database
from hallapp.ui.kiosk.flow import checkin_and_print

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)  # the clock starts at 09:00 in the hall


def book(ctx_for: CtxFor, **kw: str) -> str:
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(9), time(10))
    return appointments.book(ctx_for("clerk1"), slot.id, **kw).code


def states(ctx_for: CtxFor) -> dict[str, str]:
    return {b.code: b.state for b in appointments.list_bookings(ctx_for("clerk1"), TODAY)}


def test_a_check_in_ticket_withdrawn_unprinted_books_the_appointment_again_audited(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """Its reset to booked had no audit entry for the appointment."""
    code = book(ctx_for)
    outcome = checkin_and_print(ctx_for("kiosk1"), FakePrinter(fail=True), code)
    assert (outcome.printed, outcome.cancelled) == (False, True)
    assert states(ctx_for) == {code: "booked"}
    with hall_db.read_session() as s:
        [undone] = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "appointment_checkin_undone")).all()
    assert (undone.before, undone.after) == (
        {"state": "checked_in", "ticket": outcome.ticket.number}, {"state": "booked"})


def test_a_check_in_to_the_ticket_already_held_never_withdraws_it(
        ctx_for: CtxFor) -> None:
    """The kiosk printed the applicant's own waiting ticket as if new and, when the print
    failed, withdrew it and reset the booking."""
    person = "44030419900101125X"
    code = book(ctx_for, id_number=person)
    own = tickets.take_ticket(ctx_for("kiosk1"), "A", id_number=person)
    printer = FakePrinter(fail=True)
    outcome = checkin_and_print(ctx_for("kiosk1"), printer, code)
    assert (outcome.existing, outcome.printed, outcome.cancelled) == (True, False, False)
    assert not outcome.failed
    assert tickets.show_ticket(ctx_for("kiosk1"), own.id).state == "waiting"
    assert states(ctx_for) == {code: "checked_in"}
