"""Figures of simulated days per queue and hour, and their spread across runs.

Per run and per (queue, hour the ticket was taken) — and per queue for the whole day:

* ``wait_mean`` / ``wait_p90`` (minutes): call − take over applicants called while still in
  the hall (served or no-show); p90 is the nearest-rank one of :func:`hallapp.core.kpi.p90`.
  It is the hall's own figure and blind to those never called, which is why the planner
  also holds ``abandonment`` to a limit (:func:`hallapp.core.sim.planner.meets`);
* ``abandonment``: applicants who left before their call (or were never called) ÷ taken;
* ``on_spot_rate`` (即办率): cases decided 即办 ÷ cases opened;
* ``utilisation``: how busy the desks this queue depends on were — busy time ÷ open time
  of every desk whose work profile includes the queue (with any queue's applicants).

Across runs each figure is a mean with a 95 % Student-t confidence interval (runs where a
figure has no data, e.g. nobody called in that hour, are left out of its estimate).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hallapp.core.kpi import p90
from hallapp.core.sim.arrivals import Applicant
from hallapp.core.sim.engine import DayResult

METRICS = ("taken", "wait_mean", "wait_p90", "abandonment", "on_spot_rate", "utilisation")
RATES = frozenset({"abandonment", "on_spot_rate", "utilisation"})
# Two-sided 97.5 % Student t quantiles for 1…30 degrees of freedom (any statistics table).
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
         2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
         2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
Cell = tuple[str, int | None]  # (queue, hour); hour None = the whole day


def t975(df: int) -> float:
    """Student t quantile; beyond 30 df the expansion z + (z³ + z)/(4 df) (error < 0.002)."""
    if df <= len(_T975):
        return _T975[df - 1]
    z = 1.959964
    return z + (z ** 3 + z) / (4 * df)


@dataclass(frozen=True)
class Estimate:
    mean: float | None
    low: float | None
    high: float | None
    runs: int

    def contains(self, value: float) -> bool:
        return self.low is not None and self.high is not None and self.low <= value <= self.high


def estimate(values: Iterable[float | None], lowest: float = 0.0,
             highest: float = math.inf) -> Estimate:
    """Mean and 95 % CI, clipped to the figure's range (a wait or a rate is never < 0)."""
    xs = [v for v in values if v is not None]
    if not xs:
        return Estimate(None, None, None, 0)
    mean = statistics.fmean(xs)
    if len(xs) == 1:
        return Estimate(mean, None, None, 1)
    half = t975(len(xs) - 1) * statistics.stdev(xs) / math.sqrt(len(xs))
    return Estimate(mean, max(lowest, mean - half), min(highest, mean + half), len(xs))


def _cell_values(people: Sequence[Applicant], busy: float, capacity: float
                 ) -> dict[str, float | None]:
    waits = [(a.called - a.arrive) / 60 for a in people
             if a.called is not None and a.outcome in ("served", "no_show")]
    cases = [a for a in people if a.outcome == "served" and a.decision is not None]
    taken = len(people)
    return {
        "taken": float(taken),
        "wait_mean": statistics.fmean(waits) if waits else None,
        "wait_p90": p90(waits),
        "abandonment": sum(a.outcome == "abandoned" for a in people) / taken if taken else None,
        "on_spot_rate": (sum(a.decision == "on_spot" for a in cases) / len(cases)
                         if cases else None),
        "utilisation": busy / capacity if capacity > 0 else None,
    }


def _desk_time(result: DayResult) -> tuple[dict[Cell, float], dict[Cell, float]]:
    """Busy and open seconds of the desks serving each queue, per hour and per day."""
    busy: dict[Cell, float] = defaultdict(float)
    open_: dict[Cell, float] = defaultdict(float)
    for source, target in ((result.busy, busy), (result.open, open_)):
        for (desk, hour), secs in source.items():
            for q in result.desk_queues.get(desk, ()):
                target[(q, hour)] += secs
                target[(q, None)] += secs
    return busy, open_


def day_figures(result: DayResult) -> dict[Cell, dict[str, float | None]]:
    """Every figure of one run, per (queue, hour taken) and per (queue, None) for the day.

    Hours in which nobody took a ticket of the queue (lunch, overtime) have no cell: their
    desk time still counts in the day's utilisation.
    """
    groups: dict[Cell, list[Applicant]] = defaultdict(list)
    for a in result.applicants:
        groups[(a.queue, int(a.arrive // 3600))].append(a)
        groups[(a.queue, None)].append(a)
    busy, open_ = _desk_time(result)
    return {cell: _cell_values(people, busy.get(cell, 0.0), open_.get(cell, 0.0))
            for cell, people in groups.items()}


def hall_utilisation(result: DayResult) -> dict[int, float]:
    busy: dict[int, float] = defaultdict(float)
    for (_, hour), secs in result.busy.items():
        busy[hour] += secs
    return {h: busy[h] / s for h, s in result.open_seconds.items() if s > 0}


@dataclass(frozen=True)
class CellSummary:
    queue: str
    hour: int | None
    taken: Estimate
    wait_mean: Estimate  # minutes
    wait_p90: Estimate  # minutes
    abandonment: Estimate
    on_spot_rate: Estimate
    utilisation: Estimate


@dataclass(frozen=True)
class HourSummary:
    hour: int
    open_windows: Estimate  # desk-hours open in that hour (drain time included)
    utilisation: Estimate


@dataclass(frozen=True)
class RunTotals:
    taken: Estimate
    served: Estimate
    no_show: Estimate
    abandoned: Estimate
    corrections: Estimate  # return visits to correct materials (after a 一次性告知)


class Summary:
    """Figures of runs added one at a time: a run's day (every applicant) can go as soon as
    its figures are taken, so memory grows by a few numbers per cell and run, not by days
    (1,000 kept days took 287 MB)."""

    def __init__(self) -> None:
        self.runs = 0
        self.cells: dict[Cell, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        self.open_hours: dict[int, list[float]] = defaultdict(list)
        self.utilisation: dict[int, list[float]] = defaultdict(list)
        self.totals: dict[str, list[float]] = defaultdict(list)

    def add(self, result: DayResult) -> None:
        self.runs += 1
        for cell, values in day_figures(result).items():
            for metric, value in values.items():
                if value is not None:  # no data in this run: left out of the estimate
                    self.cells[cell][metric].append(value)
        for hour, seconds in result.open_seconds.items():
            self.open_hours[hour].append(seconds / 3600)
        for hour, share in hall_utilisation(result).items():
            self.utilisation[hour].append(share)
        outcomes = Counter(a.outcome for a in result.applicants)
        for name, value in (("taken", len(result.applicants)), ("served", outcomes["served"]),
                            ("no_show", outcomes["no_show"]),
                            ("abandoned", outcomes["abandoned"]),
                            ("corrections", sum(a.correction for a in result.applicants))):
            self.totals[name].append(float(value))

    def result(self) -> tuple[list[CellSummary], list[HourSummary], RunTotals]:
        cells = sorted(self.cells, key=lambda c: (c[0], c[1] is not None, c[1] or 0))
        summaries = [CellSummary(cell[0], cell[1], **{
            m: estimate(self.cells[cell].get(m, ()), highest=1.0 if m in RATES else math.inf)
            for m in METRICS}) for cell in cells]
        hour_rows = []
        for hour in sorted(self.open_hours):
            opened = self.open_hours[hour]  # a run without the hour had no desk open in it
            hour_rows.append(HourSummary(
                hour, estimate([*opened, *[0.0] * (self.runs - len(opened))]),
                estimate(self.utilisation.get(hour, ()), highest=1.0)))
        totals = RunTotals(*(estimate(self.totals[name]) for name in
                             ("taken", "served", "no_show", "abandoned", "corrections")))
        return summaries, hour_rows, totals


def summarise(results: Iterable[DayResult]) -> tuple[list[CellSummary], list[HourSummary],
                                                     RunTotals]:
    summary = Summary()
    for result in results:
        summary.add(result)
    return summary.result()
