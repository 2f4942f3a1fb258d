"""Many runs of the fast engine, summarised: what ``hallapp simulate run`` reports.

Run i draws its day from ``random.Random(f"{seed}:{i}")``, so a report is repeatable from
its seed and runs are independent of each other (no shared generator state).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass

from hallapp.core.errors import ValidationError
from hallapp.core.sim.arrivals import generate_day
from hallapp.core.sim.engine import DayResult, simulate_day
from hallapp.core.sim.profile import SimProfile
from hallapp.core.sim.stats import CellSummary, HourSummary, RunTotals, Summary
from hallapp.core.sim.winplan import WindowPlan


@dataclass(frozen=True)
class SimReport:
    runs: int
    seed: int
    source: str  # where the profile came from (demo, history …)
    window_hours: int
    seconds_per_run: float
    totals: RunTotals
    hours: tuple[HourSummary, ...]
    cells: tuple[CellSummary, ...]  # per queue and hour; hour None = the whole day

    def cell(self, queue: str, hour: int | None) -> CellSummary | None:
        return next((c for c in self.cells if c.queue == queue and c.hour == hour), None)


MAX_RUNS = 1000  # about half a minute for the demo hall; more narrows no decision


def check_runs(runs: int) -> None:
    if not 1 <= runs <= MAX_RUNS:
        raise ValidationError(f"模拟次数须在 1 到 {MAX_RUNS} 之间（现为 {runs}）", field="runs",
                              code="simulation_runs", most=MAX_RUNS, runs=runs)


def iter_days(profile: SimProfile, plan: WindowPlan, runs: int, seed: int = 0
              ) -> Iterator[DayResult]:
    """Run i's day, one at a time (a caller that keeps only figures keeps no day)."""
    check_runs(runs)
    for i in range(runs):
        yield simulate_day(profile, plan, generate_day(profile, random.Random(f"{seed}:{i}")))


def run_days(profile: SimProfile, plan: WindowPlan, runs: int, seed: int = 0
             ) -> list[DayResult]:
    return list(iter_days(profile, plan, runs, seed))


def simulate(profile: SimProfile, plan: WindowPlan, runs: int = 50, seed: int = 0) -> SimReport:
    summary = Summary()
    started = time.perf_counter()
    for day in iter_days(profile, plan, runs, seed):
        summary.add(day)
    per_run = (time.perf_counter() - started) / runs
    cells, hours, totals = summary.result()
    return SimReport(runs, seed, profile.source, plan.window_hours(), per_run, totals,
                     tuple(hours), tuple(cells))
