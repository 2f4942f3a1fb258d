"""Working days of the hall: official holidays, 调休 make-up days and hall overrides.

Every time limit is counted in working days, so a wrong calendar silently turns into wrong
deadlines. The rules here are therefore strict: a date is answered from (in this order)

1. the hall's own overrides (single days, or a whole year loaded from the official notice);
2. for a year the hall loaded in full, Monday–Friday are working days unless overridden;
3. the ``chinese_calendar`` package (official holidays and make-up workdays);

and a date none of them knows is a :class:`StateError` (``calendar_unknown_year``), never a
weekends-only guess (but for dates no law sets, which
:meth:`WorkCalendar.add_working_days_provisionally` counts so). The State Council publishes
next year's arrangements each November or December, usually before ``chinese_calendar`` ships
them, hence the loadable overrides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import chinese_calendar
from chinese_calendar import constants as _cc_constants

from hallapp.core.errors import StateError, ValidationError

# If a calendar has no working day in this many days, something is wrong with the data.
_MAX_GAP_DAYS = 366

_MIN_YEAR = 1900
_MAX_YEAR = 2200


def package_years() -> frozenset[int]:
    """Years the installed ``chinese_calendar`` knows (it refuses every other year)."""
    days = _cc_constants.holidays.keys()
    return frozenset(range(min(days).year, max(days).year + 1))


def _unknown_year(year: int) -> StateError:
    return StateError(
        f"{year} 年的节假日安排尚未载入，请先导入当年官方日历（hallapp calendar load）",
        code="calendar_unknown_year", year=year)


class WorkCalendar:
    """Answers "is this a working day?" and counts working days; immutable once built."""

    def __init__(self, overrides: Mapping[date, bool] | None = None,
                 loaded_years: Iterable[int] = ()) -> None:
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._loaded: frozenset[int] = frozenset(loaded_years)

    def __repr__(self) -> str:
        return (f"WorkCalendar(overrides={len(self._overrides)} days, "
                f"loaded_years={sorted(self._loaded)})")

    def is_working_day(self, d: date) -> bool:
        """True if the hall works on ``d``; DomainError if no calendar covers its year.

        A datetime is refused: which day it falls on depends on the hall's time zone, and
        guessing it here is how tickets get filed under yesterday.
        """
        if isinstance(d, datetime):
            raise TypeError("pass the hall-local date, not a datetime")
        override = self._overrides.get(d)
        if override is not None:
            return override
        if d.year in self._loaded:
            return d.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(d))
        except NotImplementedError:
            raise _unknown_year(d.year) from None

    def is_plain_saturday(self, d: date) -> bool:
        """A Saturday that is no official holiday and that the hall set neither way: the
        Saturdays a hall open on Saturdays opens (holidays and 调休 follow the calendar)."""
        if d.weekday() != 5 or d in self._overrides:
            return False
        if d.year in self._loaded:
            return True  # a loaded notice's holidays are overrides
        try:
            return chinese_calendar.get_holiday_detail(d)[1] is None
        except NotImplementedError:
            raise _unknown_year(d.year) from None

    def covered_years(self) -> frozenset[int]:
        """Years fully known: the package's years plus the years the hall loaded in full."""
        return package_years() | self._loaded

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        day = d
        for _ in range(_MAX_GAP_DAYS):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise StateError(f"{d.isoformat()} 之后一年内没有工作日，请检查节假日设置",
                          code="calendar_no_working_day", day=d.isoformat())

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (``d`` itself never counts; ``n == 0`` → ``d``).

        This is how 行政许可法 counts "within N working days from acceptance": the day of
        acceptance is not counted, even when the case was accepted in the morning.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        day = d
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def add_working_days_provisionally(self, d: date, n: int) -> tuple[date, bool]:
        """:meth:`add_working_days`, except that a day of a year no calendar covers counts as a
        working day from Monday to Friday; and whether any day was so guessed.

        Only for dates no law sets (a 差评's follow-up): those must not be refused for want of
        next year's notice, which the applicant who rated can do nothing about. Time limits
        keep the strict count.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        day, guessed, last = d, False, d
        while n:
            day += timedelta(days=1)
            try:
                working = self.is_working_day(day)
            except StateError as exc:
                if exc.code != "calendar_unknown_year":
                    raise
                working, guessed = day.weekday() < 5, True
            if working:
                n, last = n - 1, day
            elif (day - last).days > _MAX_GAP_DAYS:
                raise StateError(f"{last.isoformat()} 之后一年内没有工作日，请检查节假日设置",
                                 code="calendar_no_working_day", day=last.isoformat())
        return day, guessed

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in the half-open range ``(a, b]``; negative (−count of ``(b, a]``) if b < a.

        Signed so that "days left" becomes "days overdue" without a special case.
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


# --- official-calendar files -------------------------------------------------------------


def parse_calendar_file(text: str) -> tuple[set[int], dict[date, bool]]:
    """Parse an official-calendar file into ``(loaded_years, overrides)``.

    Format (one object, or a list of them)::

        {"year": 2027, "holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]}

    ``holidays`` are rest days on weekdays (listing weekend days is harmless); ``workdays`` are
    make-up working days on weekends. Dates may fall in the year before or after ``year``
    (notices for 元旦 sometimes start on 30 December). All-or-nothing: any bad entry raises
    ValidationError naming the entry (``row`` is its 1-based position) and field.

    The entries are the items of a JSON list (条), not rows of a sheet: each refusal about an
    entry also carries its number as the fact ``entry``, so that the English location reads
    "Entry 2" where a sheet's would read "row 2" (``ui.common.errors``); ``row`` stays for the
    callers that point at it.
    """
    try:
        raw = json.loads(text.removeprefix("\ufeff"))  # Notepad saves UTF-8 with a BOM
    except json.JSONDecodeError as exc:
        raise ValidationError(f"日历文件不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列",
                              field="calendar", code="invalid_json", line=exc.lineno,
                              column=exc.colno) from None
    entries = raw if isinstance(raw, list) else [raw]
    years: set[int] = set()
    overrides: dict[date, bool] = {}
    for row, entry in enumerate(entries, start=1):
        year = _entry_year(entry, row)
        _entry_keys(entry, row)
        if year in years:
            raise ValidationError(f"第 {row} 条：{year} 年重复出现", row=row, field="year",
                                  code="calendar_year_repeated", entry=row, year=year)
        years.add(year)
        for field_name, working in (("holidays", False), ("workdays", True)):
            for day in _entry_dates(entry, row, field_name, year):
                if overrides.get(day, working) != working:
                    raise ValidationError(
                        f"第 {row} 条：{day.isoformat()} 同时被列为放假和上班", row=row,
                        field=field_name, code="calendar_day_conflict", entry=row,
                        day=day.isoformat())
                overrides[day] = working
    return years, overrides


ENTRY_KEYS = frozenset({"year", "holidays", "workdays", "note"})


def _entry_keys(entry: dict[str, Any], row: int) -> None:
    """A misspelt key ("holiday") loaded a year with no holiday at all, replacing a good one:
    unknown keys are refused, and ``holidays`` must be there (even if empty)."""
    unknown = sorted(set(entry) - ENTRY_KEYS)
    if unknown:
        raise ValidationError(f"第 {row} 条：未知的键 {'、'.join(unknown)}（应为 year、holidays、"
                              "workdays、note）", row=row, field=unknown[0],
                              code="calendar_unknown_key", entry=row, keys=", ".join(unknown))
    if "holidays" not in entry:
        raise ValidationError(f"第 {row} 条：缺少 holidays（放假日期）", row=row,
                              field="holidays", code="calendar_no_holidays", entry=row)


def _entry_year(entry: Any, row: int) -> int:
    if not isinstance(entry, dict):
        raise ValidationError(f"第 {row} 条：应为对象（含 year、holidays、workdays）", row=row,
                              field="calendar", code="calendar_entry_shape", entry=row)
    year = entry.get("year")
    if year is None:
        raise ValidationError(f"第 {row} 条：缺少 year（年份）", row=row, field="year",
                              code="calendar_year_required", entry=row)
    if isinstance(year, bool) or not isinstance(year, int) or not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValidationError(f"第 {row} 条：year 应为 {_MIN_YEAR}–{_MAX_YEAR} 之间的整数，"
                              f"而不是 {year!r}", row=row, field="year",
                              code="calendar_year_range", entry=row, value=repr(year),
                              minimum=_MIN_YEAR, maximum=_MAX_YEAR)
    return year


def _entry_dates(entry: Mapping[str, Any], row: int, field_name: str, year: int) -> list[date]:
    values = entry.get(field_name, [])
    if not isinstance(values, list):
        raise ValidationError(f"第 {row} 条：{field_name} 应为日期列表", row=row,
                              field=field_name, code="calendar_date_list", entry=row)
    out = []
    for value in values:
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is None or len(value) != 10:
            raise ValidationError(f"第 {row} 条：{field_name} 中的日期 {value!r} 无效，"
                                  "应为 YYYY-MM-DD", row=row, field=field_name,
                                  code="calendar_date_format", entry=row, value=str(value))
        if abs(day.year - year) > 1:
            raise ValidationError(f"第 {row} 条：{field_name} 中的 {value} 不属于 {year} 年",
                                  row=row, field=field_name, code="calendar_date_year",
                                  entry=row, value=value, year=year)
        out.append(day)
    return out
