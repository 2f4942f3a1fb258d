"""Which windows are open in each hour, with which work profile (``PLAN.json``).

Format (``hallapp simulate run --windows PLAN.json``; ``simulate plan --json`` writes the
same shape under its ``"plan"`` key)::

    {"profiles": {
        "AB": {"mode": "ratio", "queues": [{"queue": "A", "precedence": 1, "ratio": 2},
                                           {"queue": "B", "precedence": 2, "ratio": 1}]},
        "C":  {"mode": "precedence", "queues": [{"queue": "C", "precedence": 1}]}},
     "hours": {"09": {"AB": 3, "C": 2}, "10": {"AB": 4, "C": 2}, "14": {"AB": 2}}}

``profiles`` names work profiles exactly as a window's profile is set up in the hall (mode
``precedence`` or ``ratio``; lower precedence first). ``hours`` gives, per hour of the day
(hall time), how many windows run each profile; an hour not listed has none. Window k of a
profile is the same desk from hour to hour, so raising a count opens more desks and
lowering it lets the last ones go. A desk whose shift ends when the hall stops issuing
tickets (lunch, closing), or when no desk serves one of its queues in the next hour, keeps
serving until nobody waits for it, as halls do (else those in line would be stranded: a
plan with no desk for an hour without arrivals sent its desks home with people waiting);
one sent away while others carry on its queues finishes its current applicant only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import MODES, ProfileEntry


@dataclass(frozen=True)
class WorkProfile:
    name: str
    mode: str
    entries: tuple[ProfileEntry, ...]

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValidationError(f"工作配置 {self.name} 的叫号方式 {self.mode!r} 无效",
                                  field="mode", code="plan_profile_mode", profile=self.name,
                                  mode=self.mode)
        if not self.entries:
            raise ValidationError(f"工作配置 {self.name} 没有队列", field="queues",
                                  code="plan_profile_empty", profile=self.name)

    @property
    def queues(self) -> tuple[str, ...]:
        return tuple(e.queue for e in self.entries)


@dataclass(frozen=True)
class Shift:
    """One desk: its number, profile and open intervals (start, end, drain) in seconds."""

    number: int
    profile: WorkProfile
    intervals: tuple[tuple[float, float, bool], ...]


@dataclass(frozen=True)
class WindowPlan:
    profiles: Mapping[str, WorkProfile]
    hours: Mapping[int, Mapping[str, int]]

    def __post_init__(self) -> None:
        for hour, counts in self.hours.items():
            if not 0 <= hour < 24:
                raise ValidationError(f"窗口计划的小时 {hour} 无效", field="hours",
                                      code="plan_hour", hour=hour)
            for name, n in counts.items():
                if name not in self.profiles:
                    raise ValidationError(f"窗口计划 {hour} 时引用了未定义的工作配置 {name}",
                                          field="hours", code="plan_unknown_profile",
                                          hour=hour, profile=name)
                if n < 0:
                    raise ValidationError(f"窗口计划 {hour} 时 {name} 的窗口数不能为负",
                                          field="hours", code="plan_negative_windows",
                                          hour=hour, profile=name)

    def window_hours(self) -> int:
        return sum(sum(c.values()) for c in self.hours.values())

    def windows_at(self, hour: int) -> int:
        return sum(self.hours.get(hour, {}).values())

    def shifts(self, periods: Iterable[tuple[int, int]]) -> list[Shift]:
        """Every desk and its intervals, each with whether it drains (see :meth:`_drains`)."""
        spans = list(periods)
        out: list[Shift] = []
        for name, profile in self.profiles.items():
            most = max((c.get(name, 0) for c in self.hours.values()), default=0)
            for k in range(most):
                hours = [h for h in range(24) if self.hours.get(h, {}).get(name, 0) > k]
                intervals = tuple((s, e, self._drains(profile, e, spans))
                                  for s, e in _runs(hours))
                out.append(Shift(len(out) + 1, profile, intervals))
        return out

    def _drains(self, profile: WorkProfile, end: float, spans: list[tuple[int, int]]) -> bool:
        """Whether a desk whose shift ends at ``end`` serves on until nobody waits for it:
        when no open period goes on (nobody takes a ticket after), or when no desk serves
        one of its queues in the next hour (nobody else would call those waiting)."""
        if not any(a <= end < b for a, b in spans):
            return True
        after = self.hours.get(int(end // 3600), {})
        served = {q for name, n in after.items() if n > 0 for q in self.profiles[name].queues}
        return not set(profile.queues) <= served


def _runs(hours: list[int]) -> list[tuple[float, float]]:
    runs: list[tuple[float, float]] = []
    for h in hours:
        if runs and runs[-1][1] == h * 3600:
            runs[-1] = (runs[-1][0], (h + 1) * 3600.0)
        else:
            runs.append((h * 3600.0, (h + 1) * 3600.0))
    return runs


def _profile(name: str, raw: Mapping[str, Any]) -> WorkProfile:
    entries = tuple(ProfileEntry(str(e["queue"]), int(e.get("precedence", i + 1)),
                                 int(e.get("ratio", 1)))
                    for i, e in enumerate(raw.get("queues") or []))
    return WorkProfile(name, str(raw.get("mode", "precedence")), entries)


def plan_from_dict(raw: Mapping[str, Any]) -> WindowPlan:
    try:
        profiles = {str(n): _profile(str(n), p) for n, p in (raw.get("profiles") or {}).items()}
        hours = {int(h): {str(n): int(c) for n, c in counts.items()}
                 for h, counts in (raw.get("hours") or {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(f"窗口计划格式错误：{exc}", field="windows",
                              code="plan_format", detail=str(exc)) from exc
    return WindowPlan(profiles, hours)


def plan_to_dict(plan: WindowPlan) -> dict[str, Any]:
    return {"profiles": {n: {"mode": p.mode, "queues": [
                {"queue": e.queue, "precedence": e.precedence, "ratio": e.ratio}
                for e in p.entries]} for n, p in plan.profiles.items()},
            "hours": {f"{h:02d}": {n: c for n, c in counts.items() if c}
                      for h, counts in sorted(plan.hours.items()) if any(counts.values())}}


def uniform_plan(profiles: Iterable[WorkProfile], hours: Iterable[int]) -> WindowPlan:
    """Every profile on one desk in every listed hour (the hall's own windows, all open)."""
    by_name = {p.name: p for p in profiles}
    return WindowPlan(by_name, {h: dict.fromkeys(by_name, 1) for h in hours})
