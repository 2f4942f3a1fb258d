"""The demo's appointment slots (``hallapp demo``): today and the next working days, opened
once, weekends skipped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from conftest import FakeClock

from hallapp.services import appointments
from hallapp.services.context import Ctx
from hallapp.services.setup import load_demo_slots
from hallapp.store.uow import Database


def test_slots_for_five_working_days_once(hall_db: Database, clock: FakeClock,
                                          ctx_for: Callable[[str], Ctx]) -> None:
    opened = load_demo_slots(hall_db, clock)  # Tuesday 2026-11-24
    kiosk = ctx_for("kiosk1")
    by_day = {d: appointments.list_slots(kiosk, d) for d in (
        date(2026, 11, 24), date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 30),
        date(2026, 12, 1))}
    assert by_day[date(2026, 11, 28)] == []  # a Saturday
    assert by_day[date(2026, 12, 1)] == []  # the sixth working day
    per_day = len(by_day[date(2026, 11, 24)])
    assert per_day == len(by_day[date(2026, 11, 30)]) > 0
    assert opened == 5 * per_day
    assert {s.queue for s in by_day[date(2026, 11, 24)]} == {"A", "B", "D"}
    assert {s.item_name for s in by_day[date(2026, 11, 24)] if s.queue == "A"} == {
        "有限责任公司设立登记"}
    assert load_demo_slots(hall_db, clock) == 0  # those days have slots already
