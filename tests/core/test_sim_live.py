"""Live driver schedule against an in-memory hall: pacing, tallies, Ctrl-C."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hallapp.core.sim.arrivals import Applicant, generate_day
from hallapp.core.sim.live import LiveDriver, LiveSetup
from hallapp.core.sim.profile import load_profile

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "sim_profile.json"
SERVES = {1: ("A", "B"), 2: ("C", "E"), 3: ("D", "F", "Z")}


class MemoryHall:
    """FIFO queues and windows that hold at most one ticket; counts every operation."""

    def __init__(self, interrupt_after: int | None = None) -> None:
        self.queues: dict[str, deque[int]] = {}
        self.holding: dict[int, tuple[int, str] | None] = {}
        self.state: dict[int, str] = {}
        self.windows: dict[int, str] = {}
        self.ops, self.interrupt_after = 0, interrupt_after
        self.next_id = 0

    def _op(self) -> None:
        self.ops += 1
        if self.interrupt_after is not None and self.ops == self.interrupt_after:
            raise KeyboardInterrupt

    def open_window(self, number: int) -> None:
        self._op()
        self.windows[number] = "open"

    def take(self, a: Applicant) -> int | None:
        self._op()
        self.next_id += 1
        self.queues.setdefault(a.queue, deque()).append(self.next_id)
        self.state[self.next_id] = "waiting"
        return self.next_id

    def call(self, number: int) -> int | None:
        self._op()
        assert self.windows[number] == "open"
        assert self.holding.get(number) is None, "a window holds two tickets"
        for q in SERVES[number]:
            if self.queues.get(q):
                ticket = self.queues[q].popleft()
                self.holding[number], self.state[ticket] = (ticket, "called"), "called"
                return ticket
        return None

    def _current(self, number: int) -> int:
        held = self.holding[number]
        assert held is not None
        return held[0]

    def start(self, number: int) -> None:
        self._op()
        self.state[self._current(number)] = "serving"

    def intake(self, number: int, a: Applicant) -> str | None:
        assert self.state[self._current(number)] == "serving"
        return a.decision

    def finish(self, number: int) -> None:
        self._op()
        self.state[self._current(number)] = "done"
        self.holding[number] = None

    def noshow(self, number: int) -> None:
        self._op()
        self.state[self._current(number)] = "no_show"
        self.holding[number] = None

    def close_window(self, number: int) -> None:
        assert self.holding.get(number) is None
        self.windows[number] = "closed"

    def tidy(self, number: int) -> None:
        if self.holding.get(number):
            self.state[self._current(number)] = "done"
            self.holding[number] = None
        self.windows[number] = "closed"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
        self.slept = 0.0

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.now += timedelta(seconds=seconds)


def _run(hall: MemoryHall, hours: float = 1.0, speed: float = 30.0) -> tuple[LiveDriver, Clock]:
    profile = load_profile(DEMO)
    clock = Clock()
    setup = LiveSetup(SERVES, 9 * 3600, hours * 3600, speed, profile.noshow_seconds)
    driver = LiveDriver(hall, setup, generate_day(profile, 11), clock, clock.sleep)
    driver.run()
    return driver, clock


def test_one_hour_at_speed_30_takes_two_minutes_of_clock() -> None:
    hall = MemoryHall()
    driver, clock = _run(hall)
    t = driver.tally
    assert t.taken == len(driver.people) > 20
    # Arrivals stop after the hour; windows then finish their last applicant (≤ ~30 min).
    assert 3600 / 30 <= clock.slept < (3600 + 1800) / 30
    states = list(hall.state.values())
    assert t.served == states.count("done")
    assert t.no_show == states.count("no_show")
    assert t.taken == t.served + t.no_show + states.count("waiting")
    assert t.called == t.served + t.no_show
    assert set(hall.windows.values()) == {"closed"}
    assert 0 < sum(t.cases.values()) <= t.served
    assert t.operations >= hall.ops


def test_ctrl_c_stops_and_tidies_every_window() -> None:
    hall = MemoryHall(interrupt_after=40)
    driver, _ = _run(hall, hours=2)
    assert driver.tally.interrupted
    assert set(hall.windows.values()) == {"closed"}
    assert all(h is None for h in hall.holding.values())
    assert "called" not in hall.state.values()
    assert "serving" not in hall.state.values()


@pytest.mark.parametrize("speed", [1.0, 600.0])
def test_the_same_schedule_at_any_speed(speed: float) -> None:
    base, _ = _run(MemoryHall(), speed=30)
    other, clock = _run(MemoryHall(), speed=speed)
    assert (other.tally.taken, other.tally.served, other.tally.no_show) == \
        (base.tally.taken, base.tally.served, base.tally.no_show)
    assert clock.slept == pytest.approx(other.tally.model_seconds / speed, rel=1e-6)
