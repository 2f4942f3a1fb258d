"""Rules that keep the queue honest beyond one window's operations: no ticket waits for a
window that cannot call it, a closed day takes no more tickets, an appointment ticket comes only
from a check-in, and a ticket is not started twice. On the demo hall (window 1 serves A and B,
window 10 serves B, window 11 serves A; clerkN works window N), on both engines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from conftest import FakeClock
from test_queue_windows import CtxFor, opened, take_n

from hallapp.core.errors import StateError, ValidationError, WindowPaused
from hallapp.services import appointments, day, supervisor, tickets, windows


def test_no_ticket_is_left_waiting_for_a_window_that_cannot_call_it(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """A ticket kept for one window (suspended or transferred there) waits for that window
    only; so that window must serve its queue, be open when it is sent there, and let it go
    back to the queue's line when it closes."""
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "C", 1, clock)                            # C001
    take_n(kiosk, "A", 3, clock)                            # A001..A003
    clerk1, clerk11 = opened(ctx_for, 1), opened(ctx_for, 11)
    with pytest.raises(ValidationError, match="1 号窗口不办理") as refused:
        windows.call_ticket(clerk1, 1, "C001", "窗口 1 只办 A、B")  # window 1: A and B
    assert refused.value.code == "call_not_served"
    assert tickets.show_ticket(kiosk, "C001").state == "waiting"
    windows.call_next(clerk11, 11)                          # A001 at window 11
    with pytest.raises(StateError, match="10 号窗口未开放"):
        windows.transfer(clerk11, 11, to_window=10, to_queue="B")  # 10 serves B, closed
    windows.suspend(clerk11, 11, "缺材料")                  # A001 kept for window 11
    windows.close_window(clerk11, 11)                       # ... which closes
    back = tickets.resume_suspended(clerk11, "A001")
    assert back.state == "waiting"
    assert windows.call_next(clerk1, 1).number == "A001"    # any A window calls it, first
    windows.finish(clerk1, 1)
    clerk2 = opened(ctx_for, 2)
    windows.call_next(clerk1, 1)                            # A002
    windows.transfer(clerk1, 1, to_window=2)                # kept for window 2
    windows.close_window(clerk2, 2)                         # closes before calling it
    assert windows.call_next(clerk1, 1).number == "A002"    # back in A's line


def test_starting_a_ticket_twice_says_it_is_already_in_service(ctx_for: CtxFor) -> None:
    take_n(ctx_for("kiosk1"), "A", 1)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.start(clerk, 11)
    with pytest.raises(StateError, match="A001 当前为“办理中”"):
        windows.start(clerk, 11)


def test_an_appointment_ticket_comes_only_from_a_check_in(ctx_for: CtxFor) -> None:
    kiosk = ctx_for("kiosk1")
    with pytest.raises(ValidationError) as refused:
        tickets.take_ticket(kiosk, "A", channel="appointment")
    assert refused.value.code == "appointment_channel"
    with pytest.raises(ValidationError) as refused:
        tickets.take_ticket(kiosk, "A", channel="online")  # a kiosk's ticket is the kiosk's
    assert refused.value.code == "kiosk_channel"
    # Nor can a terminal ask for what a check-in gives: a kiosk asking for an appointment's
    # precedence or an earlier place went ahead of everyone waiting.
    for given in ({"appointment": True}, {"order_at": ctx_for("kiosk1").clock()}):
        with pytest.raises(TypeError):
            tickets.take_ticket(kiosk, "A", **given)  # type: ignore[arg-type]
    assert tickets.take_ticket(ctx_for("clerk1"), "A", channel="window").number == "A001"


def test_only_a_ticket_a_kiosk_just_issued_is_withdrawn_as_unprinted(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """Any kiosk could cancel any waiting ticket by its id (a window's, one waiting an hour)."""
    kiosk, clerk = ctx_for("kiosk2"), ctx_for("clerk1")
    at_window = tickets.take_ticket(clerk, "A", channel="window")
    waiting = tickets.take_ticket(kiosk, "A")
    clock.advance(minutes=4)
    just = tickets.take_ticket(kiosk, "A")
    for ticket in (at_window, waiting):
        with pytest.raises(StateError) as refused:
            tickets.cancel_unprinted(kiosk, ticket.id, "打印机缺纸")
        assert refused.value.code == "not_just_issued", ticket.number
    windows.open_window(clerk, 1)
    called = windows.call_ticket(clerk, 1, just.number, "先办")
    windows.noshow(clerk, 1, "未到")
    tickets.reactivate(kiosk, called.number)  # waiting again, within its minutes, but called
    with pytest.raises(StateError, match="不能按未出票撤销"):
        tickets.cancel_unprinted(kiosk, just.id, "打印机缺纸")
    fresh = tickets.take_ticket(kiosk, "A")
    assert tickets.cancel_unprinted(kiosk, fresh.id, "打印机缺纸").state == "cancelled"


def test_a_closed_day_takes_no_tickets_and_opens_no_window_until_reopened(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk, sup = ctx_for("kiosk1"), ctx_for("supervisor1")
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "A", date(2026, 11, 24),
                                           time(10), time(11))
    booked = appointments.book(ctx_for("clerk1"), slot.id)
    day.close_day(sup)
    with pytest.raises(StateError, match="已日终闭厅") as refused:
        tickets.take_ticket(kiosk, "A")  # a ticket now would never be called
    assert refused.value.code == "day_closed"
    with pytest.raises(StateError, match="已失约"):  # the close recorded it as missed
        appointments.checkin(kiosk, booked.code)
    with pytest.raises(StateError, match="窗口不再开放"):
        windows.open_window(ctx_for("clerk1"), 1)
    with pytest.raises(StateError, match="窗口不再开放"):
        supervisor.open_window(sup, 1)
    with pytest.raises(StateError, match="已日终闭厅"):
        appointments.book(ctx_for("clerk1"), slot.id)
    with pytest.raises(ValidationError):
        day.reopen_day(sup, " ")  # a reason is required
    assert day.reopen_day(sup, "误点日终") == "2026-11-24"
    with pytest.raises(StateError, match="尚未日终闭厅"):
        day.reopen_day(sup, "again")
    assert tickets.take_ticket(kiosk, "A").number == "A001"
    assert appointments.checkin(kiosk, booked.code).appointment  # its miss was undone
    opened(ctx_for, 1)
    day.close_day(sup)
    clock.advance(days=1)  # the next hall day is open without reopening
    assert tickets.take_ticket(kiosk, "A").number == "A001"


def test_a_close_after_midnight_ends_the_evening_not_the_new_day(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """Closed at 00:10, the day close ended the new day: its morning's tickets and windows
    were refused until somebody reopened it."""
    kiosk, sup = ctx_for("kiosk1"), ctx_for("supervisor1")
    clock.now = datetime(2026, 11, 24, 15, 50, tzinfo=UTC)  # 23:50 in Shanghai
    evening = tickets.take_ticket(kiosk, "A")
    clock.advance(minutes=20)  # 00:10 on the 25th
    result = day.close_day(sup)
    assert (result.hall_day, result.abandoned) == ("2026-11-24", 1)
    assert tickets.show_ticket(sup, evening.id).state == "abandoned"
    clock.advance(hours=8, minutes=20)  # 08:30
    assert tickets.take_ticket(kiosk, "A").number == "A001"
    opened(ctx_for, 1)


def test_a_paused_window_does_not_recall(ctx_for: CtxFor) -> None:
    """Paused while a ticket is called, the window is away: a recall would announce it."""
    take_n(ctx_for("kiosk1"), "A", 1)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.pause(clerk, 11, "临时离开")
    with pytest.raises(WindowPaused):
        windows.recall(clerk, 11)
    windows.resume(clerk, 11)
    assert windows.recall(clerk, 11).recalls == 1
