"""Many runs of the fast engine, summarised: what ``hallapp simulate run`` reports.

Run i draws its day from ``random.Random(f"{seed}:{i}")``, so a report is repeatable from
its seed and runs are independent of each other (no shared generator state).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from hallapp.core.errors import ValidationError
from hallapp.core.sim.arrivals import generate_day
from hallapp.core.sim.engine import DayResult, simulate_day
from hallapp.core.sim.profile import SimProfile
from hallapp.core.sim.stats import CellSummary, HourSummary, RunTotals, summarise
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


def run_days(profile: SimProfile, plan: WindowPlan, runs: int, seed: int = 0
             ) -> list[DayResult]:
    if runs < 1:
        raise ValidationError("模拟次数须至少为1", field="runs")
    return [simulate_day(profile, plan, generate_day(profile, random.Random(f"{seed}:{i}")))
            for i in range(runs)]


def simulate(profile: SimProfile, plan: WindowPlan, runs: int = 50, seed: int = 0) -> SimReport:
    started = time.perf_counter()
    results = run_days(profile, plan, runs, seed)
    per_run = (time.perf_counter() - started) / runs
    cells, hours, totals = summarise(results)
    return SimReport(runs, seed, profile.source, plan.window_hours(), per_run, totals,
                     tuple(hours), tuple(cells))
