"""On PostgreSQL the hall's time is the database server's: a kiosk whose clock ran five
minutes slow put its tickets ahead of everybody's taken before (and made waits negative)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import actor_for

from hallapp.services import tickets
from hallapp.services.context import Ctx
from hallapp.store.server_clock import ServerClock
from hallapp.store.uow import Database, utc_now


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_machine_with_a_slow_clock_stamps_the_servers_time(
        hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(hall_db.clock, ServerClock)
    hall_db.clock.measure()
    assert hall_db.clock.offset == timedelta(0)  # the same machine: nothing to correct
    slow = Database(hall_db.url)  # a kiosk on another machine, five minutes behind
    monkeypatch.setattr(slow.clock, "_server_time_gap", lambda: timedelta(minutes=5))
    kiosk = Ctx(slow, actor_for(slow, "kiosk1"))
    taken = tickets.take_ticket(kiosk, "A")
    assert abs(taken.taken_at - (datetime.now(UTC) + timedelta(minutes=5))) < timedelta(
        seconds=30)
    assert abs(kiosk.clock() - (datetime.now(UTC) + timedelta(minutes=5))) < timedelta(
        seconds=30)
    jitter = Database(hall_db.url)
    monkeypatch.setattr(jitter.clock, "_server_time_gap", lambda: timedelta(milliseconds=200))
    jitter.clock()
    assert jitter.clock.offset == timedelta(0)  # network jitter is not corrected
    slow.dispose()
    jitter.dispose()


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_sqlite_hall_is_one_machine_with_its_own_clock(hall_db: Database) -> None:
    assert hall_db.clock is utc_now
    assert abs(Ctx(hall_db, actor_for(hall_db, "kiosk1")).clock() - utc_now()) < timedelta(
        seconds=5)
