"""Live driver schedule against an in-memory hall: pacing, tallies, Ctrl-C, errors, a window
paused mid-run."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hallapp.core.errors import WindowPaused
from hallapp.core.sim.arrivals import Applicant, generate_day
from hallapp.core.sim.live import ANY, LiveDriver, LiveSetup
from hallapp.core.sim.profile import load_profile

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "sim_profile.json"
SERVES = {1: ("A", "B"), 2: ("C", "E"), 3: ("D", "F", "Z")}


class MemoryHall:
    """FIFO queues and windows that hold at most one ticket; counts every operation."""

    def __init__(self, interrupt_after: int | None = None,
                 fail: BaseException | None = None) -> None:
        self.queues: dict[str, deque[int]] = {}
        self.holding: dict[int, tuple[int, str] | None] = {}
        self.state: dict[int, str] = {}
        self.windows: dict[int, str] = {}
        self.ops, self.interrupt_after, self.fail = 0, interrupt_after, fail or KeyboardInterrupt()
        self.next_id = 0
        self.pause_at: tuple[int, int] | None = None  # (operation, window) a supervisor pauses
        self.broken_tidy: set[int] = set()  # windows whose tidy-up fails (database gone)

    def _op(self) -> None:
        self.ops += 1
        if self.interrupt_after is not None and self.ops == self.interrupt_after:
            raise self.fail
        if self.pause_at and self.ops == self.pause_at[0]:
            self.windows[self.pause_at[1]] = "paused"

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
        if self.windows[number] == "paused":
            raise WindowPaused(f"{number} 号窗口已暂停")
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

    def tidy(self, number: int, held: int | None) -> None:
        current = self.holding.get(number)
        assert held in (ANY, current[0] if current else None), "the run knows what it holds"
        if self.windows.get(number) == "paused":
            raise WindowPaused(f"{number} 号窗口已暂停")
        if number in self.broken_tidy:
            raise RuntimeError("database gone")
        if current:
            self.state[current[0]] = "done"
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


def _tidied(hall: MemoryHall, *but: int) -> bool:
    """Every window closed and holding nothing, but those named."""
    return all(hall.windows[n] == "closed" and not hall.holding.get(n)
               for n in hall.windows if n not in but)


def test_an_error_mid_run_still_tidies_every_window() -> None:
    """Only Ctrl-C was caught: any other error (an internal one, a refusal of the kiosk)
    left the windows open and their tickets in service."""
    hall = MemoryHall(interrupt_after=60, fail=RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        _run(hall, hours=2)
    assert set(hall.windows) == set(SERVES)
    assert _tidied(hall)
    assert "called" not in hall.state.values()
    assert "serving" not in hall.state.values()


def test_a_window_paused_mid_run_leaves_the_run_and_the_others_play_on() -> None:
    """A supervisor pausing one window ended the whole run (the refusal, exit 18) with the
    others left open."""
    hall = MemoryHall()
    hall.pause_at = (40, 2)
    driver, _ = _run(hall, hours=1)
    assert not driver.tally.interrupted
    assert set(driver.tally.left) == {2}
    assert "已暂停" in driver.tally.left[2]
    assert hall.windows[2] == "paused"  # as the supervisor left it
    assert _tidied(hall, 2)
    full, _ = _run(MemoryHall(), hours=1)
    assert driver.tally.served < full.tally.served  # window 2 stopped serving
    assert driver.tally.served + driver.tally.no_show == driver.tally.called


def test_a_window_that_cannot_be_tidied_does_not_keep_the_others_open() -> None:
    hall = MemoryHall(interrupt_after=60)
    hall.broken_tidy = {1}
    driver, _ = _run(hall, hours=2)
    assert driver.tally.interrupted
    assert driver.tally.left == {1: "database gone"}
    assert _tidied(hall, 1)
