"""A ticket asked about by its number or the QR code printed on it (the kiosk's 号票查询,
``hallapp ticket show``): its state and place, and until when a no-show may re-join.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from conftest import FakeClock

from hallapp.core.errors import NotFound, StateError, ValidationError
from hallapp.documents.qr import ticket_payload
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx

CtxFor = Callable[[str], Ctx]


def take_n(kiosk: Ctx, queue: str, n: int) -> None:
    for _ in range(n):
        tickets.take_ticket(kiosk, queue)


def opened(ctx_for: CtxFor, window: int) -> Ctx:
    clerk = ctx_for(f"clerk{window}")
    windows.open_window(clerk, window)
    return clerk


def test_status_tells_whether_and_until_when_a_noshow_may_rejoin(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """What the kiosk's "号票查询" shows: the state, the place in line, and for a no-show
    the last moment it may re-join (the same limit ``reactivate`` applies)."""
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "A", 3)
    waiting = tickets.ticket_status(kiosk, "A003")
    assert (waiting.ticket.state, waiting.ticket.people_ahead) == ("waiting", 2)
    assert waiting.reactivate_until is None
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    assert tickets.ticket_status(kiosk, "A001").ticket.window == 11
    windows.noshow(clerk, 11)
    passed_at = clock()
    status = tickets.ticket_status(kiosk, "A001")
    assert status.ticket.state == "no_show"
    assert status.reactivate_until == passed_at + timedelta(minutes=30)
    clock.advance(minutes=30)
    assert tickets.ticket_status(kiosk, "A001").reactivate_until is not None
    clock.advance(seconds=1)
    assert tickets.ticket_status(kiosk, "A001").reactivate_until is None  # too late now
    with pytest.raises(StateError):
        tickets.reactivate(kiosk, "A001")


def test_a_ticket_is_found_by_the_qr_code_printed_on_it(ctx_for: CtxFor) -> None:
    kiosk = ctx_for("kiosk1")
    first = tickets.take_ticket(kiosk, "A")
    second = tickets.take_ticket(kiosk, "A")
    qr = ticket_payload("SZ-FT", first.hall_day, first.number, first.id)
    assert tickets.ticket_status(kiosk, qr).ticket.id == first.id
    assert tickets.ticket_status(kiosk, qr.lower()).ticket.id == first.id  # scanner's case
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)
    assert tickets.reactivate(kiosk, qr).state == "waiting"
    # Another hall's ticket with the same day and number: refused, not taken for ours.
    other = ticket_payload("SZNS01", first.hall_day, first.number, second.id + 100)
    with pytest.raises(NotFound) as err:
        tickets.ticket_status(kiosk, other)
    assert err.value.code == "foreign_ticket"
    for garbled in ("HALLAPP:T:SZ-FT:2026-11-24:A001", "HALLAPP:T:SZ-FT:2026-11-24:A001:x"):
        with pytest.raises(ValidationError) as bad:
            tickets.ticket_status(kiosk, garbled)
        assert (bad.value.code, bad.value.field) == ("ticket_qr", "ticket")
    with pytest.raises(ValidationError) as day_err:
        tickets.ticket_status(kiosk, "HALLAPP:T:SZ-FT:24.11.2026:A001:1")
    assert day_err.value.code == "day_format"


def test_the_kiosk_finds_todays_tickets_by_printed_number_or_qr_only(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """号票查询 took any typed digits for a row id, of any day: "2" showed yesterday's A002,
    and every ticket the hall ever issued could be paged through. A refused number was
    repeated in the refusal, on a screen facing the hall."""
    kiosk = ctx_for("kiosk1")
    clock.advance(days=-1)
    yesterday = [tickets.take_ticket(kiosk, "A") for _ in range(3)]
    clock.advance(days=1)
    today = tickets.take_ticket(kiosk, "B")
    assert tickets.find_ticket(kiosk, "b001").ticket.id == today.id
    qr = ticket_payload("SZ-FT", today.hall_day, today.number, today.id)
    assert tickets.find_ticket(kiosk, qr).ticket.id == today.id
    for typed in (str(yesterday[1].id), "002", f"{yesterday[0].hall_day}/A001", "4"):
        with pytest.raises(ValidationError) as bad:
            tickets.find_ticket(kiosk, typed)
        assert (bad.value.code, bad.value.field) == ("ticket_number_format", "ticket")
        assert typed not in bad.value.message
    for unknown in ("A002", "C999"):  # yesterday's number, and one never issued
        with pytest.raises(NotFound) as missing:
            tickets.find_ticket(kiosk, unknown)
        assert missing.value.code == "unknown_ticket"
        assert unknown not in missing.value.message
    # Row ids stay for the other callers (the page following a ticket it found, the CLI).
    assert tickets.ticket_status(kiosk, yesterday[1].id).ticket.number == "A002"
