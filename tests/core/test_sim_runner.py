"""Many runs: bounded, and summarised as they finish instead of keeping every simulated day.

``--runs`` had no upper bound and every run's day (each applicant) was kept until the
summary: 1,000 runs took 287 MB and 20,000 ended in MemoryError.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import ProfileEntry
from hallapp.core.sim import runner
from hallapp.core.sim.engine import DayResult
from hallapp.core.sim.profile import SimProfile, load_profile
from hallapp.core.sim.runner import MAX_RUNS, run_days, simulate
from hallapp.core.sim.stats import summarise
from hallapp.core.sim.winplan import WindowPlan, WorkProfile, uniform_plan

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "sim_profile.json"


@pytest.fixture(scope="module")
def demo() -> tuple[SimProfile, WindowPlan]:
    profile = load_profile(DEMO)
    desks = [WorkProfile(q.code, "precedence", (ProfileEntry(q.code, 1),))
             for q in profile.queues]
    return profile, uniform_plan(desks * 2, profile.hours())


@pytest.mark.parametrize("runs", [0, -3, MAX_RUNS + 1])
def test_runs_out_of_bounds_are_refused(demo: tuple[SimProfile, WindowPlan], runs: int) -> None:
    with pytest.raises(ValidationError) as refused:
        simulate(*demo, runs=runs)
    assert (refused.value.code, refused.value.field) == ("simulation_runs", "runs")


def test_a_run_keeps_no_earlier_day(demo: tuple[SimProfile, WindowPlan],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[weakref.ref[DayResult]] = []
    real = runner.simulate_day

    def tracked(*args: object) -> DayResult:
        gc.collect()
        assert sum(r() is not None for r in made) <= 1  # at most the one just summarised
        day = real(*args)  # type: ignore[arg-type]
        made.append(weakref.ref(day))
        return day

    monkeypatch.setattr(runner, "simulate_day", tracked)
    simulate(*demo, runs=4)
    assert len(made) == 4


def test_the_summary_as_runs_finish_equals_the_summary_of_kept_days(
        demo: tuple[SimProfile, WindowPlan]) -> None:
    report = simulate(*demo, runs=5, seed=2)
    cells, hours, totals = summarise(run_days(*demo, runs=5, seed=2))
    assert (report.cells, report.hours, report.totals) == (tuple(cells), tuple(hours), totals)
