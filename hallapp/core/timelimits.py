"""Deadlines, warning states and conclusion grades for cases (DOMAIN.md "Time limits").

Pure functions over timezone-aware datetimes, a :class:`WorkCalendar` and the hall's
:class:`OpeningHours`. All dates ("which day is it?") are taken in the hall's time zone, never
UTC, so a case accepted at 07:30 Beijing time is not filed under yesterday.

Rules, in one place:

* ``working_day`` N: closing time of the N-th working day after the acceptance date (the day of
  acceptance never counts, as in 行政许可法).
* ``natural_day`` N: closing time of the N-th calendar day after acceptance; if that day is a
  rest day, the next working day (民法典 第二百零三条: a period ending on a statutory holiday
  ends on the day after it; with business hours, the period ends at closing time).
* ``hour`` N: N hours of opening time of working days, counted from the moment of acceptance.
* ``immediate`` (即办): closing time the same working day; if received after closing or on a
  rest day, closing time of the next working day.
* Clock stops (补正, 特别程序) begun before the deadline push it out by the working time they
  used; one begun after it (the case already overdue) adds nothing — see
  :func:`stopped_extension`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from hallapp.core.calendar import WorkCalendar
from hallapp.core.catalogue import Limit
from hallapp.core.errors import ValidationError

DEFAULT_TZ = "Asia/Shanghai"
DeadlineState = Literal["normal", "warning", "overdue"]
Conclusion = Literal["early", "on_time", "late"]

# 容缺: supplement deadline ≤ min(20, promised − 2) working days (Shenzhen rules).
SUPPLEMENT_MAX_DAYS = 20
# Conversions used only for the 容缺 supplement deadline of non-working-day limits.
_HOURS_PER_WORKING_DAY = 8
_WORKING_DAYS_PER_WEEK = 5


@dataclass(frozen=True)
class OpeningHours:
    """The hall's opening periods on every working day, in its time zone."""

    periods: tuple[tuple[time, time], ...] = ((time(9), time(12)), (time(14), time(18)))
    tz: str = DEFAULT_TZ

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValidationError("开放时间不能为空", field="opening_hours",
                                  code="opening_hours_empty")
        previous_end: time | None = None
        for start, end in self.periods:
            if start >= end or (previous_end is not None and start < previous_end):
                raise ValidationError(
                    f"开放时段 {start:%H:%M}–{end:%H:%M} 无效：时段须按时间先后排列且互不重叠",
                    field="opening_hours", code="opening_period_order",
                    start=f"{start:%H:%M}", end=f"{end:%H:%M}")
            previous_end = end
        _zone(self.tz)  # fail now, not at the first deadline, on an unknown zone

    @property
    def zone(self) -> ZoneInfo:
        return _zone(self.tz)

    def local_date(self, moment: datetime) -> date:
        """The hall day ``moment`` falls on."""
        return _aware(moment).astimezone(self.zone).date()

    def at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone)

    def closing(self, day: date) -> datetime:
        """End of the last opening period of ``day``: the moment a day-based deadline ends."""
        return self.at(day, self.periods[-1][1])

    def day_periods(self, day: date) -> list[tuple[datetime, datetime]]:
        return [(self.at(day, start), self.at(day, end)) for start, end in self.periods]


@dataclass(frozen=True)
class ClockStop:
    """A pause of the clock (补正 correction, 特别程序 special procedure). For a pause still
    running, pass ``end=now``."""

    start: datetime
    end: datetime


def compute_deadline(accepted_at: datetime, limit: Limit, calendar: WorkCalendar,
                     hours: OpeningHours, stops: Sequence[ClockStop] = ()) -> datetime:
    """The moment a case accepted at ``accepted_at`` is due, clock stops included."""
    accepted_at = _aware(accepted_at)
    extra = stopped_extension(limit, stops, calendar, hours, accepted_at=accepted_at)
    return _extended_deadline(accepted_at, limit, calendar, hours, extra)


def _extended_deadline(accepted_at: datetime, limit: Limit, calendar: WorkCalendar,
                       hours: OpeningHours, extra: int) -> datetime:
    """The deadline with ``extra`` (days, or minutes for ``hour``) of stopped time added."""
    day = hours.local_date(accepted_at)
    if limit.unit == "working_day":
        return hours.closing(calendar.add_working_days(day, limit.value + extra))
    if limit.unit == "natural_day":
        last = day + timedelta(days=limit.value + extra)
        if not calendar.is_working_day(last):
            last = calendar.next_working_day(last)
        return hours.closing(last)
    if limit.unit == "hour":
        return _add_working_time(accepted_at, timedelta(hours=limit.value) + _minutes(extra),
                                 calendar, hours)
    if limit.unit == "immediate":
        return immediate_deadline(accepted_at, calendar, hours, extra)
    raise ValidationError(f"未知的时限单位：{limit.unit}", field="unit", code="unknown_time_unit",
                          unit=limit.unit)


def immediate_deadline(received_at: datetime, calendar: WorkCalendar, hours: OpeningHours,
                       extra_days: int = 0) -> datetime:
    """即办件: closing time today if today is a working day and the hall is still open."""
    received_at = _aware(received_at)
    day = hours.local_date(received_at)
    if not calendar.is_working_day(day) or received_at >= hours.closing(day):
        day = calendar.next_working_day(day)
    return hours.closing(calendar.add_working_days(day, extra_days))


def stopped_extension(limit: Limit, stops: Iterable[ClockStop], calendar: WorkCalendar,
                      hours: OpeningHours, *, accepted_at: datetime | None = None) -> int:
    """How far clock stops push the deadline, in the limit's own unit (minutes for ``hour``).

    Overlapping stops are merged first, so no time is counted twice, and then taken in time
    order. Given ``accepted_at``:

    * a stop counts only if it begins before the deadline as extended by the stops before
      it. The clock stopped while the office still had time, so that time is given back in
      full once the stop ends: a stop across the deadline counts whole (each stopped day
      before the deadline pushes it past the next one). A stop begun once the case was
      already overdue gives nothing back: a 补正 asked for on Tuesday of a case due on Monday
      made it due on Wednesday and graded the approval on time.
    * for the day-based limits the day of acceptance never counts: the limit does not count
      it either, so a stop that day cost the office nothing (a 20-minute correction the
      morning a 1-day case was accepted doubled its limit).

    Without ``accepted_at`` (no deadline to compare with) every stop counts. What a counted
    stop adds:

    * ``working_day`` / ``immediate``: the number of distinct working days whose opening hours
      the stops overlap at all. A pause from Tuesday 16:00 to Thursday 10:00 adds 3 working
      days; one from 18:30 to 08:30 the next morning adds none (no office time was lost). A
      partly-paused day counts in full because a working-day limit has no finer grain, and
      rounding in the applicant's disfavour would let the office run out of time it never had.
    * ``natural_day``: the number of distinct calendar days the stops touch.
    * ``hour``: the opening time (in whole minutes, rounded up) the stops overlap.
    """
    if limit.unit not in ("working_day", "immediate", "natural_day", "hour"):
        return 0
    accepted_on = hours.local_date(accepted_at) if accepted_at is not None else None
    touched: set[date] = set()
    lost = timedelta()
    extra = 0
    for start, end in _merge(stops):
        if accepted_at is not None and start >= _extended_deadline(accepted_at, limit, calendar,
                                                                   hours, extra):
            continue  # begun after the (extended) deadline: no time left to give back
        if limit.unit == "natural_day":
            touched.update(_calendar_days(start, end, hours))
        else:
            for day, overlap in _opening_overlaps(start, end, calendar, hours):
                lost += overlap
                touched.add(day)
        extra = _extension(limit.unit, touched, lost, accepted_on)
    return extra


def _extension(unit: str, touched: set[date], lost: timedelta, accepted_on: date | None) -> int:
    """The limit's extension for the stopped days ``touched`` (or opening time ``lost``)."""
    if unit == "hour":
        return -(-lost // timedelta(minutes=1))
    if unit in ("working_day", "natural_day"):
        return len(touched - {accepted_on})
    return len(touched)


def _calendar_days(start: datetime, end: datetime, hours: OpeningHours) -> list[date]:
    """The hall days ``[start, end)`` touches."""
    first, last = hours.local_date(start), hours.local_date(end - timedelta(microseconds=1))
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def deadline_state(deadline: datetime, now: datetime, calendar: WorkCalendar, *,
                   warning_working_days: int = 1, tz: str = DEFAULT_TZ) -> DeadlineState:
    """``overdue`` once past the deadline; ``warning`` when at most ``warning_working_days``
    working days are left (0 = only on the deadline day itself); else ``normal``."""
    if _aware(now) > _aware(deadline):
        return "overdue"
    if remaining_working_days(deadline, now, calendar, tz=tz) <= warning_working_days:
        return "warning"
    return "normal"


def warning_horizon_days(warning_working_days: int) -> int:
    """Calendar days from today within which every deadline still in the warning period (or
    past) falls, for lists and alerts that read only the cases due that soon.

    ``warning_working_days`` working days span at most 7 calendar days for each 5 (the
    weekends), plus the longest run of official holidays (the Spring Festival's 9 days in a
    row, with a day to spare). No calendar is asked: the bound holds for years the hall has
    not loaded yet, and costs nothing per case.
    """
    return math.ceil((warning_working_days + 1) * 7 / 5) + 10


def remaining_working_days(deadline: datetime, now: datetime, calendar: WorkCalendar, *,
                           tz: str = DEFAULT_TZ) -> int:
    """Working days after today up to and including the deadline's day, for display.

    0 on the deadline day; negative (working days overdue) once the deadline's day has passed.
    """
    zone = _zone(tz)
    today = _aware(now).astimezone(zone).date()
    due_day = _aware(deadline).astimezone(zone).date()
    return calendar.working_days_between(today, due_day)


def conclusion(deadline: datetime, concluded_at: datetime, calendar: WorkCalendar, *,
               tz: str = DEFAULT_TZ) -> Conclusion:
    """Grade a concluded case: ``late`` after the deadline; ``early`` if at least one working
    day remained (concluded before the deadline's day); otherwise ``on_time``."""
    if _aware(concluded_at) > _aware(deadline):
        return "late"
    if remaining_working_days(deadline, concluded_at, calendar, tz=tz) >= 1:
        return "early"
    return "on_time"


def supplement_deadline_days(promised: Limit) -> int:
    """Longest 容缺 supplement period in working days: min(20, promised − 2), never below 1.

    ``promised`` is converted to working days first: ``natural_day`` N → N × 5 // 7 (five
    working days a week, rounded down so the supplement never outlasts the case);
    ``hour`` N → N // 8 (eight-hour working day); ``immediate`` → 0, so the result is 1.
    """
    if promised.unit == "working_day":
        days = promised.value
    elif promised.unit == "natural_day":
        days = promised.value * _WORKING_DAYS_PER_WEEK // 7
    elif promised.unit == "hour":
        days = promised.value // _HOURS_PER_WORKING_DAY
    else:
        days = 0
    return max(1, min(SUPPLEMENT_MAX_DAYS, days - 2))


def supplement_deadline(accepted_at: datetime, promised: Limit, calendar: WorkCalendar,
                        hours: OpeningHours) -> datetime:
    """Closing time of the last day a 容缺 applicant may bring the missing materials."""
    day = hours.local_date(accepted_at)
    return hours.closing(calendar.add_working_days(day, supplement_deadline_days(promised)))


# --- helpers -------------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    """Naive datetimes are a bug here: their day depends on the machine's zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: pass a timezone-aware value")
    return moment


@lru_cache(maxsize=16)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        raise ValidationError(f"未知时区：{name}", field="tz", code="unknown_tz",
                              zone=str(name)) from None


def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def _merge(stops: Iterable[ClockStop]) -> list[tuple[datetime, datetime]]:
    spans = sorted((_aware(s.start).astimezone(UTC), _aware(s.end).astimezone(UTC))
                   for s in stops)
    merged: list[tuple[datetime, datetime]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _opening_overlaps(start: datetime, end: datetime, calendar: WorkCalendar,
                      hours: OpeningHours) -> Iterable[tuple[date, timedelta]]:
    """(working day, overlap) for each opening period of a working day inside [start, end)."""
    day, last = hours.local_date(start), hours.local_date(end)
    while day <= last:
        if calendar.is_working_day(day):
            for p_start, p_end in hours.day_periods(day):
                overlap = _utc(min(end, p_end)) - _utc(max(start, p_start))
                if overlap > timedelta():
                    yield day, overlap
        day += timedelta(days=1)


def _add_working_time(start: datetime, amount: timedelta, calendar: WorkCalendar,
                      hours: OpeningHours) -> datetime:
    """The moment ``amount`` of opening time of working days has passed since ``start``."""
    left = amount
    day = hours.local_date(start)
    while True:
        if calendar.is_working_day(day):
            for p_start, p_end in hours.day_periods(day):
                begin = max(_utc(start), _utc(p_start))
                available = _utc(p_end) - begin
                if available <= timedelta():
                    continue
                if left <= available:
                    return (begin + left).astimezone(hours.zone)
                left -= available
        day += timedelta(days=1)


def _utc(moment: datetime) -> datetime:
    """Aware arithmetic in one zone ignores DST jumps; UTC arithmetic does not."""
    return moment.astimezone(UTC)
