"""Staffing planner: how many windows per hour keep every queue's p90 wait under target
and few applicants leaving unserved.

1. First estimate per queue and hour from Erlang C (:func:`~hallapp.core.sim.erlang.servers_for`):
   the fewest servers whose 90th-percentile wait is within the target, with that hour's
   arrival rate and the queue's mean desk time (service, and calling no-shows).
2. Refine by fast simulation, which sees what Erlang C cannot: arrivals changing by the
   hour, backlog carried from one hour to the next, lognormal service, green channel and
   appointments, no-shows, applicants who give up. A (queue, hour) that misses its target
   (:func:`meets`: p90 wait over target, or more than ``MAX_ABANDONMENT`` of its applicants
   leaving unserved) gets one more window; repeat until every cell meets its target or the
   rounds run out.
3. Trim, repeatedly: cells far under target (p90 ≤ half the target, at most half the
   abandonment limit) with more than one window lose one, all at once; a cell that then
   misses its target gets it back for good. Fewer window-hours for the same targets.

Why abandonment counts: the p90 wait is over those called (the hall's own figure), so it is
blind to those never called. A plan could meet every p90 while impatient applicants left by
the dozen (the few it called had waited little) or while desks sent home at an hour without
arrivals stranded the people still in line, and be reported as 全部达标.

Each window of the plan serves one queue (profile named after the queue), which keeps the
recommendation readable ("3 windows on A"); pooling small queues on shared windows could
save more window-hours and is not tried here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import ProfileEntry
from hallapp.core.sim.erlang import servers_for
from hallapp.core.sim.profile import QueueProfile, SimProfile
from hallapp.core.sim.runner import SimReport, simulate
from hallapp.core.sim.stats import CellSummary, Estimate
from hallapp.core.sim.winplan import WindowPlan, WorkProfile

Counts = dict[tuple[str, int], int]
MAX_TARGET = 1440  # minutes: a day
# Of the applicants who took a ticket in an hour, the share that may leave unserved (gave up
# waiting, or were never called) in a plan that meets its targets. Halls count abandonment
# as a failure of service; 5 % is what applicants with the demo's patience (about 3 hours on
# average) give up at waits near a 20-minute target.
MAX_ABANDONMENT = 0.05


@dataclass(frozen=True)
class QueueHour:
    queue: str
    windows: int
    erlang_windows: int  # the Erlang C first estimate
    target_p90: float  # minutes
    predicted_p90: Estimate  # minutes, across runs
    met: bool  # :func:`meets`: the p90 within target and abandonment within MAX_ABANDONMENT
    predicted_abandonment: Estimate  # share of the hour's applicants leaving unserved


@dataclass(frozen=True)
class HourPlan:
    hour: int
    windows: int
    queues: tuple[QueueHour, ...]


@dataclass(frozen=True)
class StaffingPlan:
    hours: tuple[HourPlan, ...]
    window_hours: int
    erlang_window_hours: int
    all_met: bool
    rounds: int
    runs: int
    plan: WindowPlan
    source: str  # where the profile came from (demo, history …), as SimReport says


def desk_seconds(profile: SimProfile, q: QueueProfile) -> float:
    """Mean desk time per applicant: service, or calling a no-show."""
    total = sum(w for _, w in q.items)
    if total > 0:
        service = sum(w * (profile.items[c].service.mean_seconds if c in profile.items
                           else q.service.mean_seconds) for c, w in q.items) / total
    else:
        service = q.service.mean_seconds
    return (1 - q.noshow_share) * service + q.noshow_share * profile.noshow_seconds


def erlang_estimate(profile: SimProfile, targets: Mapping[str, float]) -> Counts:
    counts: Counts = {}
    for q in profile.queues:
        mu = 1.0 / desk_seconds(profile, q)
        for h in profile.hours():
            counts[(q.code, h)] = servers_for(q.hourly[h] / 3600, mu, targets[q.code] * 60)
    return counts


def to_plan(counts: Counts) -> WindowPlan:
    queues = sorted({q for q, _ in counts})
    profiles = {q: WorkProfile(q, "precedence", (ProfileEntry(q, 1),)) for q in queues}
    hours: dict[int, dict[str, int]] = {}
    for (q, h), n in sorted(counts.items()):
        if n:
            hours.setdefault(h, {})[q] = n
    return WindowPlan(profiles, hours)


def meets(cell: CellSummary | None, target: float, share: float = 1.0) -> bool:
    """Whether a (queue, hour) meets its target: its mean predicted p90 wait (of those
    called) within ``target`` minutes, and its mean abandonment (of those who took a ticket
    in that hour) within ``MAX_ABANDONMENT``; ``share`` scales both (½: far under target).
    A cell without arrivals meets it."""
    if cell is None:
        return True
    p90, gone = cell.wait_p90.mean, cell.abandonment.mean
    return ((p90 is None or p90 <= target * share)
            and (gone is None or gone <= MAX_ABANDONMENT * share))


def _p90(report: SimReport, q: str, h: int) -> Estimate | None:
    cell = report.cell(q, h)
    return cell.wait_p90 if cell and cell.wait_p90.mean is not None else None


def _misses(report: SimReport, counts: Counts, targets: Mapping[str, float]
            ) -> list[tuple[str, int]]:
    return [(q, h) for q, h in counts if not meets(report.cell(q, h), targets[q])]


def _slack(report: SimReport, counts: Counts, targets: Mapping[str, float]
           ) -> list[tuple[str, int]]:
    return [(q, h) for (q, h), n in counts.items()
            if n > 1 and meets(report.cell(q, h), targets[q], 0.5)]


def check_target(minutes: float | None) -> None:
    """A p90 target is a finite number of minutes above 0: a negative one was planned for
    minutes and asked for 500 windows, NaN printed "/nan✗" and infinity wrote invalid JSON."""
    if minutes is not None and not (math.isfinite(minutes) and 0 < minutes <= MAX_TARGET):
        raise ValidationError(f"p90 等候目标须为大于 0、不超过 {MAX_TARGET} 的分钟数（现为 "
                              f"{minutes:g}）", field="target_p90", code="simulation_target",
                              most=MAX_TARGET, minutes=f"{minutes:g}")


def plan_staffing(profile: SimProfile, *, target_p90: float | None = None, runs: int = 20,
                  seed: int = 0, max_rounds: int = 16) -> StaffingPlan:
    """Windows per queue and hour; ``target_p90`` (minutes) overrides every queue's target.

    Each round simulates the current plan once (``runs`` days); a round either adds a
    window wherever a target is missed or, when none is, trims the slack cells. A trimmed
    cell that then misses gets its window back and is never trimmed again, so the loop
    ends; ``all_met`` says honestly whether the last simulated plan met every target.
    """
    check_target(target_p90)
    targets = {q.code: target_p90 if target_p90 is not None else q.target_wait_minutes
               for q in profile.queues}
    first = erlang_estimate(profile, targets)
    counts = dict(first)
    report = simulate(profile, to_plan(counts), runs, seed)
    rounds, trimmed, locked = 1, set[tuple[str, int]](), set[tuple[str, int]]()
    while rounds < max_rounds:
        misses = _misses(report, counts, targets)
        if misses:
            for cell in misses:
                counts[cell] += 1
            locked |= trimmed & set(misses)
        else:
            trimmed = {c for c in _slack(report, counts, targets) if c not in locked}
            if not trimmed:
                break
            for cell in trimmed:
                counts[cell] -= 1
        report = simulate(profile, to_plan(counts), runs, seed)
        rounds += 1
    return _result(profile, counts, first, targets, report, rounds, runs)


def _result(profile: SimProfile, counts: Counts, first: Counts, targets: Mapping[str, float],
            report: SimReport, rounds: int, runs: int) -> StaffingPlan:
    hours = []
    none = Estimate(None, None, None, 0)
    for h in profile.hours():
        rows = []
        for q in profile.queues:
            cell = report.cell(q.code, h)
            rows.append(QueueHour(q.code, counts[(q.code, h)], first[(q.code, h)],
                                  targets[q.code], _p90(report, q.code, h) or none,
                                  meets(cell, targets[q.code]),
                                  cell.abandonment if cell else none))
        hours.append(HourPlan(h, sum(r.windows for r in rows), tuple(rows)))
    return StaffingPlan(tuple(hours), sum(counts.values()), sum(first.values()),
                        all(r.met for hp in hours for r in hp.queues), rounds, runs,
                        to_plan(counts), profile.source)
