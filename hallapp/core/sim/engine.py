"""The fast engine: one hall day on a SimPy virtual clock, with the real call rules.

Nothing here touches a database. Each desk of the :class:`~hallapp.core.sim.winplan.WindowPlan`
is a SimPy process that calls with :func:`hallapp.core.queue_rules.choose_next` (fed the
queue heads, see :mod:`~hallapp.core.sim.heads`) and keeps its call history with
:func:`~hallapp.core.queue_rules.next_history`, exactly as ``windows.call_next`` does.

What happens to an applicant who is called:

* still in the hall and answers → ``served`` for their drawn service time;
* still in the hall but does not answer → ``no_show`` after ``noshow_seconds`` of calling;
* already gone (waited past their patience) → ``abandoned``; the desk still loses
  ``noshow_seconds`` calling a number nobody answers, as in a real hall (where the ticket
  is recorded as a no-show). Tickets never called by the end of the day are ``abandoned``.

Events per applicant are few (an arrival, a service): an idle desk waits on its own event,
and an arrival wakes one idle desk serving that queue (it was idle, so the newcomer is the
only ticket it can call), never all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

import simpy

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import CallHistory, choose_next, next_history
from hallapp.core.sim.arrivals import BASE, Applicant
from hallapp.core.sim.heads import QueueHeads
from hallapp.core.sim.profile import SimProfile
from hallapp.core.sim.winplan import Shift, WindowPlan

HOUR = 3600.0


@dataclass
class DayResult:
    """What one simulated day produced (seconds; hours are hours of the day)."""

    applicants: list[Applicant]
    desk_queues: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # (desk, hour) → seconds busy with an applicant / seconds open
    busy: dict[tuple[int, int], float] = field(default_factory=lambda: defaultdict(float))
    open: dict[tuple[int, int], float] = field(default_factory=lambda: defaultdict(float))
    calls: int = 0

    @property
    def open_seconds(self) -> dict[int, float]:
        out: dict[int, float] = defaultdict(float)
        for (_, hour), secs in self.open.items():
            out[hour] += secs
        return out


def split_by_hour(start: float, end: float) -> list[tuple[int, float]]:
    """(hour, seconds) pieces of [start, end)."""
    out = []
    t = start
    while t < end:
        hour = int(t // HOUR)
        step = min(end, (hour + 1) * HOUR) - t
        out.append((hour, step))
        t += step
    return out


class _Desk:
    __slots__ = ("history", "idle", "queues", "shift", "wake")

    def __init__(self, shift: Shift) -> None:
        self.shift = shift
        self.queues = shift.profile.queues
        self.history = CallHistory()
        self.idle = False
        self.wake: simpy.Event | None = None


class DayEngine:
    """One run: ``DayEngine(profile, shifts, applicants).run()``.

    ``shifts`` usually come from :meth:`WindowPlan.shifts`; a test may pass desks open for
    longer than a day (the M/M/c check runs hundreds of hours).
    """

    def __init__(self, profile: SimProfile, shifts: Sequence[Shift],
                 applicants: list[Applicant]) -> None:
        known = {q.code for q in profile.queues}
        for p in {s.profile.name: s.profile for s in shifts}.values():
            unknown = [q for q in p.queues if q not in known]
            if unknown:
                names = "、".join(unknown)
                raise ValidationError(f"工作配置 {p.name} 的队列 {names} 不在模拟参数中",
                                      field="windows")
        self.profile, self.settings = profile, profile.settings
        self.env = simpy.Environment()
        self.people = applicants
        self.waiting = {code: QueueHeads() for code in known}
        self.idle: dict[str, dict[_Desk, None]] = {code: {} for code in known}
        self.result = DayResult(applicants)
        self.desks = [_Desk(s) for s in shifts]
        self.result.desk_queues = {d.shift.number: d.queues for d in self.desks}

    def run(self) -> DayResult:
        self.env.process(self._arrivals())
        for desk in self.desks:
            self.env.process(self._desk(desk))
        self.env.run()
        for heads in self.waiting.values():
            for a in heads.drain():
                a.outcome = "abandoned"
        return self.result

    def _arrivals(self) -> simpy.events.ProcessGenerator:
        env = self.env
        for a in self.people:
            if a.arrive > env.now:
                yield env.timeout(a.arrive - env.now)
            self.waiting[a.queue].push(a)
            idle = self.idle[a.queue]
            if idle:
                desk = next(iter(idle))
                self._unidle(desk)
                assert desk.wake is not None
                desk.wake.succeed()

    def _unidle(self, desk: _Desk) -> None:
        desk.idle = False
        for q in desk.queues:
            self.idle[q].pop(desk, None)

    def _pick(self, desk: _Desk) -> Applicant | None:
        cands = [c for q in desk.queues for c in self.waiting[q].heads()]
        if not cands:
            return None
        p = desk.shift.profile
        now = BASE + timedelta(seconds=self.env.now)
        decision = choose_next(p.entries, p.mode, cands, desk.shift.number, now, desk.history,
                               self.settings)
        assert decision is not None
        desk.history = next_history(desk.history, decision)
        return self.waiting[decision.candidate.queue].pop(decision.candidate.ticket_id)

    def _handle(self, desk: _Desk, a: Applicant) -> float:
        """Mark the call; the seconds the desk is busy with it."""
        now = self.env.now
        a.called, a.window = now, desk.shift.number
        self.result.calls += 1
        if a.leaves_at <= now:
            a.outcome = "abandoned"
            return self.profile.noshow_seconds
        if a.noshow:
            a.outcome = "no_show"
            return self.profile.noshow_seconds
        a.outcome = "served"
        return a.service

    def _desk(self, desk: _Desk) -> simpy.events.ProcessGenerator:
        env = self.env
        for start, end, drain in desk.shift.intervals:
            if env.now < start:
                yield env.timeout(start - env.now)
            opened = env.now
            timer = env.timeout(max(0.0, end - env.now))
            timer.callbacks.append(self._shift_over_callback(desk))
            while env.now < end or drain:
                a = self._pick(desk)
                if a is None:
                    if env.now >= end:
                        break
                    desk.wake, desk.idle = env.event(), True
                    for q in desk.queues:
                        self.idle[q][desk] = None
                    yield desk.wake
                    continue
                began = env.now
                yield env.timeout(self._handle(desk, a))
                for hour, secs in split_by_hour(began, env.now):
                    self.result.busy[(desk.shift.number, hour)] += secs
            self._record_open(desk, opened, env.now)

    def _shift_over_callback(self, desk: _Desk) -> Callable[[simpy.Event], None]:
        return lambda _event: self._shift_over(desk)

    def _shift_over(self, desk: _Desk) -> None:
        if desk.idle and desk.wake is not None:
            self._unidle(desk)
            desk.wake.succeed()

    def _record_open(self, desk: _Desk, start: float, end: float) -> None:
        for hour, secs in split_by_hour(start, end):
            self.result.open[(desk.shift.number, hour)] += secs


def simulate_day(profile: SimProfile, plan: WindowPlan, applicants: list[Applicant]) -> DayResult:
    """Play ``applicants`` (from :func:`~hallapp.core.sim.arrivals.generate_day`) on ``plan``."""
    return DayEngine(profile, plan.shifts(profile.periods), applicants).run()
