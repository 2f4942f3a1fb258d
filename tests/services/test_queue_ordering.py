"""Call order through real windows of the demo hall (DOMAIN "Queue rules").

Window 11 serves queue A only, window 10 queue B only, window 1 A:B by ratio 2:1, window 4
C before E by precedence, window 2 A:B like window 1. Tickets are taken one FakeClock
minute apart where their take time matters; the audit's ``rule`` says why each was called.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from conftest import FakeClock
from sqlalchemy import select

from hallapp.services import appointments, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, Ticket
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
TODAY = date(2026, 11, 24)


def take(kiosk: Ctx, queue: str, clock: FakeClock | None = None, **kw: Any) -> str:
    number = tickets.take_ticket(kiosk, queue, **kw).number
    if clock is not None:
        clock.advance(minutes=1)
    return number


def serve_all(clerk: Ctx, window: int, count: int) -> list[str]:
    """Call, then finish, ``count`` times; the numbers in call order."""
    called = []
    for _ in range(count):
        called.append(windows.call_next(clerk, window).number)
        windows.finish(clerk, window)
    return called


def call_rules(db: Database) -> list[str]:
    with db.read_session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "ticket_call")
                         .order_by(AuditEntry.id))
        return [str((r.after or {})["rule"]) for r in rows]


def opened(ctx_for: CtxFor, window: int) -> Ctx:
    clerk = ctx_for(f"clerk{window}")
    windows.open_window(clerk, window)
    return clerk


def test_green_channel_then_checked_in_appointment_then_oldest(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    slot = appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(9), time(10))[0]
    code = appointments.book(ctx_for("clerk1"), slot.id).code
    assert take(kiosk, "A", clock) == "A001"                   # 09:00
    assert take(kiosk, "A", clock) == "A002"                   # 09:01
    assert appointments.checkin(kiosk, code).number == "A003"  # 09:02, on time
    clock.advance(minutes=1)
    assert take(kiosk, "A", clock, priority="pregnant") == "A004"  # 09:03 green channel
    assert take(kiosk, "A", clock) == "A005"                   # 09:04
    clerk11 = opened(ctx_for, 11)
    assert serve_all(clerk11, 11, 5) == ["A004", "A003", "A001", "A002", "A005"]
    assert call_rules(hall_db) == ["priority", "priority", "precedence", "precedence",
                                   "precedence"]


def test_ticket_transferred_to_a_queue_keeps_its_original_place(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    take(kiosk, "B")
    take(kiosk, "B", clock)                   # B001, B002 at 09:00
    assert take(kiosk, "A", clock) == "A001"  # 09:01
    assert take(kiosk, "B", clock) == "B003"  # 09:02: will move to queue A
    assert take(kiosk, "A", clock) == "A002"  # 09:03
    clerk10 = opened(ctx_for, 10)
    assert serve_all(clerk10, 10, 2) == ["B001", "B002"]
    assert windows.call_next(clerk10, 10).number == "B003"
    clock.advance(minutes=5)
    moved = windows.transfer(clerk10, 10, to_queue="A", reason="应到商事登记办理")
    assert (moved.number, moved.queue, moved.state, moved.window) == ("B003", "A", "waiting",
                                                                      None)
    with hall_db.read_session() as s:
        row = s.scalars(select(Ticket).where(Ticket.number == "B003")).one()
    assert row.order_at == row.taken_at  # the take time is kept, not the transfer time
    # Neither at the front nor at the back: between A001 (09:01) and A002 (09:03).
    assert serve_all(opened(ctx_for, 11), 11, 3) == ["A001", "B003", "A002"]


def test_ratio_window_alternates_two_to_one(ctx_for: CtxFor, clock: FakeClock,
                                            hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    for _ in range(4):
        take(kiosk, "B", clock)  # B was there first: the ratio, not age, decides
    for _ in range(5):
        take(kiosk, "A", clock)
    clerk1 = opened(ctx_for, 1)
    called = serve_all(clerk1, 1, 9)
    assert [n[0] for n in called] == ["A", "B", "A", "A", "B", "A", "A", "B", "B"]
    assert called == ["A001", "B001", "A002", "A003", "B002", "A004", "A005", "B003",
                      "B004"]
    assert set(call_rules(hall_db)) == {"ratio"}


def test_precedence_window_serves_its_first_queue_first(ctx_for: CtxFor,
                                                        clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    take(kiosk, "E", clock)
    take(kiosk, "C", clock)
    take(kiosk, "C", clock)
    assert serve_all(opened(ctx_for, 4), 4, 3) == ["C001", "C002", "E001"]


def test_aging_lets_a_low_precedence_ticket_through_after_45_minutes(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk, clerk4 = ctx_for("kiosk1"), opened(ctx_for, 4)
    take(kiosk, "E")                  # 09:00
    for _ in range(4):
        take(kiosk, "C", clock)       # 09:00 … 09:03, always more C than the window serves
    clock.advance(minutes=40)         # 09:44: E001 has waited 44 minutes
    assert serve_all(clerk4, 4, 1) == ["C001"]
    clock.advance(minutes=1)          # 09:45: 45 minutes, the aging limit
    assert serve_all(clerk4, 4, 2) == ["E001", "C002"]
    assert call_rules(hall_db) == ["precedence", "aging", "precedence"]


def test_priority_run_is_capped_at_three_then_an_ordinary_ticket(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    take(kiosk, "A", clock)
    for cls in ("elderly", "disabled", "military", "pregnant", "elderly"):
        take(kiosk, "A", clock, priority=cls)
    called = serve_all(opened(ctx_for, 11), 11, 6)
    assert called == ["A002", "A003", "A004", "A001", "A005", "A006"]
    assert call_rules(hall_db) == ["priority", "priority", "priority", "cap", "priority",
                                   "priority"]


def test_ticket_transferred_to_a_window_is_called_only_there_and_first(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    for _ in range(3):
        take(kiosk, "A", clock)
    clerk11, clerk2 = opened(ctx_for, 11), opened(ctx_for, 2)
    assert serve_all(clerk11, 11, 1) == ["A001"]
    assert windows.call_next(clerk11, 11).number == "A002"
    windows.transfer(clerk11, 11, to_window=2, reason="需2号窗口复核")
    take(kiosk, "A", priority="pregnant")  # A004, green channel
    assert windows.call_next(clerk11, 11).number == "A004"  # not A002: it waits for window 2
    windows.finish(clerk11, 11)
    assert windows.call_next(clerk11, 11).number == "A003"
    windows.finish(clerk11, 11)
    take(kiosk, "A", priority="disabled")  # A005, green channel
    assert windows.call_next(clerk2, 2).number == "A002"  # targeted beats green channel
    assert call_rules(hall_db)[-1] == "targeted"
    with hall_db.read_session() as s:
        row = s.scalars(select(Ticket).where(Ticket.number == "A002")).one()
    assert (row.target_window, row.transferred, row.order_at) == (None, True, row.taken_at)
