"""A ticket changed by another terminal between a read and a write, on PostgreSQL (SQLite's
write lock has no such race).

Withdrawing an unprinted ticket, re-joining a no-show and resuming a suspended ticket wrote
the ticket's new state unconditionally: a kiosk withdrawing its unprinted ticket as a window
called it left it ``cancelled`` at that window, after it was announced. Each write is now
conditional on the state it read (``tickets._write_if``, no extra statement), and the one
that comes second is refused with ``ticket_conflict``, nothing written. The other
terminal's change is made between the read and the write (racekit.meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest
from racekit import meanwhile
from sqlalchemy import text
from test_queue_windows import audits, opened, take_n, ticket_row

from hallapp.core.errors import StateError
from hallapp.services import appointments, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
pytestmark = pytest.mark.parametrize("engine_name", ["postgresql"])


def _refused(action: Callable[[], Any]) -> StateError:
    with pytest.raises(StateError) as refused:
        action()
    assert refused.value.code == "ticket_conflict"
    assert "请刷新后重试" in refused.value.message
    return refused.value


def _day_closes(db: Database, number: str, state: str) -> Callable[[], None]:
    """The day close's own UPDATE of a leftover ticket (services.day), committed."""

    def close() -> None:
        with db.writer.connect() as conn:
            conn.execute(text("UPDATE ticket SET state = :state, closed_at = now() "
                              "WHERE number = :n"), {"state": state, "n": number})
            conn.commit()

    return close


def test_a_ticket_called_while_its_kiosk_withdraws_it_stays_called(
        ctx_for: CtxFor, hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = ctx_for("kiosk1")
    ticket = tickets.take_ticket(kiosk, "A")
    clerk = opened(ctx_for, 1)
    called = meanwhile(monkeypatch, tickets, "_check_just_issued",
                       lambda: windows.call_next(clerk, 1).number)
    _refused(lambda: tickets.cancel_unprinted(kiosk, ticket.id, "打印机缺纸"))
    assert called == [ticket.number]
    row = ticket_row(hall_db, ticket.number)
    assert (row.state, row.closed_at, row.note) == ("called", None, None)
    assert audits(hall_db, action="ticket_cancel_unprinted") == []


@pytest.mark.parametrize("other", ["another kiosk", "day close"])
def test_a_no_show_rejoins_once_and_not_after_the_day_closed(
        ctx_for: CtxFor, hall_db: Database, monkeypatch: pytest.MonkeyPatch,
        other: str) -> None:
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "A", 3)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)  # A001
    meanwhile(monkeypatch, tickets, "rejoin_place",
              (lambda: tickets.reactivate(ctx_for("kiosk2"), "A001")) if other == "another kiosk"
              else _day_closes(hall_db, "A001", "no_show"))
    _refused(lambda: tickets.reactivate(kiosk, "A001"))
    row = ticket_row(hall_db, "A001")
    if other == "another kiosk":
        assert row.state == "waiting"
        assert len(audits(hall_db, action="ticket_reactivate")) == 1
    else:
        assert (row.state, row.closed_at is not None) == ("no_show", True)
        assert audits(hall_db, action="ticket_reactivate") == []


def test_a_suspended_ticket_abandoned_by_the_day_close_is_not_resumed(
        ctx_for: CtxFor, hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    take_n(ctx_for("kiosk1"), "A", 2)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.suspend(clerk, 11, "缺营业执照复印件")  # A001
    meanwhile(monkeypatch, tickets, "require_no_other_waiting",
              _day_closes(hall_db, "A001", "abandoned"))
    _refused(lambda: tickets.resume_suspended(clerk, "A001"))
    assert ticket_row(hall_db, "A001").state == "abandoned"
    assert audits(hall_db, action="ticket_resume") == []


def test_a_ticket_called_as_its_booking_checks_in_is_left_as_called(
        ctx_for: CtxFor, hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check-in found the applicant's waiting ticket; a window called it before the
    check-in gave it the booking's precedence, which then made the called ticket an
    appointment with a new place, audited, and told the kiosk it would be called at 09:30."""
    person = "44030419900101125X"
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "A", date(2026, 11, 24),
                                           time(9, 30), time(10, 30), capacity=2)
    code = appointments.book(ctx_for("clerk1"), slot.id, id_number=person).code
    own = tickets.take_ticket(ctx_for("kiosk1"), "A", id_number=person)
    clerk = opened(ctx_for, 11)
    called = meanwhile(monkeypatch, appointments, "give_precedence",
                       lambda: windows.call_next(clerk, 11).number)
    info = appointments.checkin(ctx_for("kiosk1"), code)
    assert called == [own.number]
    assert (info.number, info.existing, info.precedence_given) == (own.number, True, False)
    row = ticket_row(hall_db, own.number)
    assert (row.state, row.appointment, row.own_order_at) == ("called", False, None)
    assert row.order_at == own.taken_at
    assert audits(hall_db, action="ticket_appointment") == []
