"""The hall day turns at midnight in Shanghai (16:00 UTC), never at UTC midnight (08:00 in
Shanghai), whatever zone the machine runs in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from conftest import FakeClock

from hallapp.services import day, tickets, windows
from hallapp.services.context import Ctx
from hallapp.services.queue_common import TicketInfo

CtxFor = Callable[[str], Ctx]


@pytest.fixture
def machine_tz(request: pytest.FixtureRequest,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test with the process time zone set to ``request.param`` (TZ + tzset)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def at(clock: FakeClock, y: int, mo: int, d: int, h: int, mi: int, s: int = 0) -> None:
    clock.now = datetime(y, mo, d, h, mi, s, tzinfo=UTC)


def take(kiosk: Ctx) -> TicketInfo:
    return tickets.take_ticket(kiosk, "E")  # E has no time quotas: any hour is fine


def test_shanghai_midnight_starts_a_new_hall_day(ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    at(clock, 2026, 11, 24, 15, 59, 58)
    take(kiosk)
    at(clock, 2026, 11, 24, 15, 59, 59)               # 23:59:59 in Shanghai
    before = take(kiosk)
    at(clock, 2026, 11, 24, 16, 0, 1)                 # 00:00:01 in Shanghai
    after = take(kiosk)
    assert (before.number, before.hall_day) == ("E002", date(2026, 11, 24))
    assert (after.number, after.hall_day) == ("E001", date(2026, 11, 25))
    assert tickets.show_ticket(kiosk, "E001").id == after.id  # "today" turned too
    assert tickets.show_ticket(kiosk, "2026-11-24/E002").id == before.id


def test_utc_midnight_is_not_a_day_boundary(ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    at(clock, 2026, 11, 24, 23, 59, 0)                # 07:59 on the 25th in Shanghai
    first = take(kiosk)
    at(clock, 2026, 11, 25, 0, 1, 0)                  # 08:01 on the 25th in Shanghai
    second = take(kiosk)
    assert [(t.number, t.hall_day) for t in (first, second)] == [
        ("E001", date(2026, 11, 25)), ("E002", date(2026, 11, 25))]


@pytest.mark.parametrize("machine_tz", ["UTC", "America/Los_Angeles"], indirect=True)
def test_machine_zone_is_never_read(ctx_for: CtxFor, clock: FakeClock,
                                    machine_tz: str) -> None:
    assert time.strftime("%Z", time.localtime(0)) in {"UTC", "PST"}  # the zone really moved
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk4")
    windows.open_window(clerk, 4)                     # serves E behind C
    at(clock, 2026, 11, 24, 15, 59, 59)
    take(kiosk)
    status = day.hall_status(kiosk)
    assert status.hall_day == "2026-11-24"
    at(clock, 2026, 11, 24, 16, 0, 1)
    fresh = take(kiosk)
    assert (fresh.number, fresh.hall_day) == ("E001", date(2026, 11, 25))
    # Yesterday's ticket is not today's queue: the window calls the new day's E001.
    assert windows.call_next(clerk, 4).id == fresh.id
    assert day.hall_status(kiosk).hall_day == "2026-11-25"
    at(clock, 2026, 11, 25, 0, 1, 0)                  # UTC date turns: hall day does not
    assert take(kiosk).number == "E002"
