"""The figures a hall is judged by (DOMAIN.md "Figures the hall is judged by").

Pure functions over plain facts the services read from the store, so the supervisor board,
the reports and the tests compute every figure the same way. Rates are :class:`Ratio`s that
keep their counts, so a board can drill down ("3 of 40") and an empty day shows "—" instead
of dividing by zero. Durations come from exact timestamps in seconds; nothing is done in
clock minutes, so nothing wraps at 60.

Definitions chosen here:

* p90 is the **nearest-rank** 90th percentile: the value at rank ⌈0.9 × n⌉ of the sorted
  durations (an actual observed wait, never an interpolation).
* wait = first call − take, over tickets that were called; service = finish − start, over
  tickets with both. A negative duration (clock trouble) is left out and counted as invalid.
* no-show rate = tickets that ended passed (过号) ÷ tickets called; abandonment rate =
  tickets that ended abandoned (弃号, including end-of-day closure) ÷ tickets taken.
* 即办率 = in-person cases completed on the spot ÷ in-person cases received (every case
  record started at a window, whatever came of it, except one the applicant withdrew: a
  withdrawn application (撤回) was never the hall's to complete, and counting it would lower
  the rate for the applicant's choice). A case still open counts; one refused (不予受理) or
  told what is missing (一次性告知) counts too, as not completed on the spot.
* 按时办结率 = (early + on time) ÷ concluded cases with a deadline; 逾期率 = late ÷ the same
  denominator, so the two add up to 1 (a case without a deadline cannot be late).
* 好评 = levels 3–5 (非常满意/满意/基本满意), 差评 = levels 1–2 (不满意/非常不满意);
  好评率 = 好评 ÷ all ratings. 差评整改率 = 差评 whose follow-up is closed ÷ named 差评 (an
  anonymous rating cannot be called back; an unknown follow-up counts as not closed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from hallapp.core.case_rules import CaseState
from hallapp.core.errors import ValidationError

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")

OUTCOMES = ("early", "on_time", "late")
NO_SHOW_STATES = frozenset({"no_show"})
ABANDONED_STATES = frozenset({"abandoned"})
GOOD_LEVELS = frozenset({3, 4, 5})
BAD_LEVELS = frozenset({1, 2})


@dataclass(frozen=True)
class Ratio:
    """numerator ÷ denominator, with ``value`` None when there is nothing to divide."""

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if not 0 <= self.numerator <= self.denominator:
            raise ValidationError(f"比率 {self.numerator}/{self.denominator} 无效",
                                  field="ratio")

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> float | None:
        value = self.value
        return None if value is None else round(value * 100, 1)


@dataclass(frozen=True)
class DurationStats:
    """Seconds; ``mean``/``p90``/``max`` are None when no duration was measured."""

    count: int
    mean: float | None
    p90: float | None
    max: float | None
    invalid: int = 0


@dataclass(frozen=True)
class TicketFacts:
    taken_at: datetime
    called_at: datetime | None  # first call
    started_at: datetime | None
    finished_at: datetime | None
    state: str  # final ticket state, e.g. done / no_show / abandoned
    queue: str
    window: str | None = None
    clerk: str | None = None


@dataclass(frozen=True)
class CaseFacts:
    received_at: datetime
    decided_at: datetime | None
    concluded: bool
    on_spot: bool  # completed on the spot (即办)
    in_person: bool  # received at a hall window (not online)
    visits: int  # hall visits the applicant made for this case
    deadline: datetime | None
    concluded_at: datetime | None
    outcome: str | None  # early / on_time / late, for concluded cases with a deadline
    state: str
    department: str
    item: str
    timeliness: str | None = None  # normal / warning / overdue / stopped, for open cases

    def __post_init__(self) -> None:
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ValidationError(f"办结时效 {self.outcome!r} 无效", field="outcome")
        if self.concluded and self.deadline is not None and self.outcome is None:
            raise ValidationError("已办结且有期限的办件缺少办结时效", field="outcome")
        if self.visits < 0:
            raise ValidationError("到现场次数不能为负", field="visits")


@dataclass(frozen=True)
class RatingFacts:
    level: int  # 5 非常满意 … 1 非常不满意
    followup_closed: bool | None = None  # only meaningful for 差评
    named: bool = True
    window: str | None = None
    clerk: str | None = None
    department: str | None = None
    item: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 5:
            raise ValidationError(f"评价等级 {self.level} 无效，应为 1–5", field="level")


@dataclass(frozen=True)
class OpenCaseCounts:
    open: int
    warning: int
    overdue: int


# --- durations -----------------------------------------------------------------------------


def p90(values: Sequence[float]) -> float | None:
    """Nearest-rank 90th percentile: sorted value at rank ⌈0.9 n⌉ (integer arithmetic)."""
    if not values:
        return None
    rank = (90 * len(values) + 99) // 100
    return sorted(values)[rank - 1]


def duration_stats(pairs: Iterable[tuple[datetime, datetime]]) -> DurationStats:
    """Stats of ``end − start`` in exact seconds; negative spans are counted as invalid."""
    seconds: list[float] = []
    invalid = 0
    for start, end in pairs:
        span = (end - start).total_seconds()
        if span < 0:
            invalid += 1
        else:
            seconds.append(span)
    if not seconds:
        return DurationStats(0, None, None, None, invalid)
    return DurationStats(len(seconds), sum(seconds) / len(seconds), p90(seconds),
                         max(seconds), invalid)


def wait_stats(tickets: Iterable[TicketFacts]) -> DurationStats:
    return duration_stats((t.taken_at, t.called_at) for t in tickets if t.called_at is not None)


def service_stats(tickets: Iterable[TicketFacts]) -> DurationStats:
    return duration_stats((t.started_at, t.finished_at) for t in tickets
                          if t.started_at is not None and t.finished_at is not None)


# --- tickets -------------------------------------------------------------------------------


def no_show_rate(tickets: Iterable[TicketFacts],
                 states: frozenset[str] = NO_SHOW_STATES) -> Ratio:
    called = [t for t in tickets if t.called_at is not None]
    return Ratio(sum(t.state in states for t in called), len(called))


def abandonment_rate(tickets: Iterable[TicketFacts],
                     states: frozenset[str] = ABANDONED_STATES) -> Ratio:
    taken = list(tickets)
    return Ratio(sum(t.state in states for t in taken), len(taken))


# --- cases ---------------------------------------------------------------------------------


def counts_for_on_spot(in_person: bool, state: str) -> bool:
    """Whether a case is in the base of 即办率: received in person and not withdrawn."""
    return in_person and state != CaseState.WITHDRAWN


def on_spot_rate(cases: Iterable[CaseFacts]) -> Ratio:
    """即办率 (see the module docstring: withdrawn cases are left out of the base)."""
    in_person = [c for c in cases if counts_for_on_spot(c.in_person, c.state)]
    return Ratio(sum(c.on_spot for c in in_person), len(in_person))


def one_visit_rate(cases: Iterable[CaseFacts]) -> Ratio:
    """最多跑一次率."""
    concluded = [c for c in cases if c.concluded]
    return Ratio(sum(c.visits <= 1 for c in concluded), len(concluded))


def _with_deadline(cases: Iterable[CaseFacts]) -> list[CaseFacts]:
    return [c for c in cases if c.concluded and c.deadline is not None]


def on_time_rate(cases: Iterable[CaseFacts]) -> Ratio:
    """按时办结率 = (early + on_time) ÷ concluded cases with a deadline."""
    timed = _with_deadline(cases)
    return Ratio(sum(c.outcome in ("early", "on_time") for c in timed), len(timed))


def overdue_rate(cases: Iterable[CaseFacts]) -> Ratio:
    """逾期率 = late ÷ concluded cases with a deadline."""
    timed = _with_deadline(cases)
    return Ratio(sum(c.outcome == "late" for c in timed), len(timed))


def open_cases_by_department(cases: Iterable[CaseFacts]) -> dict[str, OpenCaseCounts]:
    """Open (not concluded) cases and how many are in warning or overdue, per department.
    ``timeliness`` comes from :func:`hallapp.core.timelimits.deadline_state`."""
    out: dict[str, OpenCaseCounts] = {}
    for dept, group in group_by((c for c in cases if not c.concluded),
                                lambda c: c.department).items():
        out[dept] = OpenCaseCounts(len(group),
                                   sum(c.timeliness == "warning" for c in group),
                                   sum(c.timeliness == "overdue" for c in group))
    return out


# --- ratings -------------------------------------------------------------------------------


def good_rating_rate(ratings: Iterable[RatingFacts]) -> Ratio:
    """好评率 = levels 3–5 ÷ all ratings."""
    rated = list(ratings)
    return Ratio(sum(r.level in GOOD_LEVELS for r in rated), len(rated))


def bad_rating_rate(ratings: Iterable[RatingFacts]) -> Ratio:
    """差评率 = levels 1–2 ÷ all ratings."""
    rated = list(ratings)
    return Ratio(sum(r.level in BAD_LEVELS for r in rated), len(rated))


def rectification_rate(ratings: Iterable[RatingFacts]) -> Ratio:
    """差评整改率 = named 差评 with the follow-up closed ÷ named 差评."""
    bad = [r for r in ratings if r.level in BAD_LEVELS and r.named]
    return Ratio(sum(r.followup_closed is True for r in bad), len(bad))


# --- grouping ------------------------------------------------------------------------------


def group_by(records: Iterable[R], key: Callable[[R], K | None]) -> dict[K, list[R]]:
    """Split records per window, clerk, queue, item, department or day; records whose key
    is None (e.g. a ticket never served at a window) are left out."""
    groups: dict[K, list[R]] = {}
    for record in records:
        k = key(record)
        if k is not None:
            groups.setdefault(k, []).append(record)
    return groups


def natural_key(key: str) -> tuple[tuple[int, int | str], ...]:
    """The order figures are listed in: numbers in a key by value, the rest as text, so
    windows read 1, 2, 3 … 10 and staff clerk1, clerk2 … clerk10 (not 1, 10, 11, 2)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in re.split(r"(\d+)", key) if part)
