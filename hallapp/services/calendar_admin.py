"""The hall's working-day calendar: official notices loaded per year, single-day overrides.

Every deadline is counted on the calendar built here (:func:`hall_time`), so the counter, the
back office and the figures agree on which days count. ``calendar_day`` rows override single
days (a loaded notice writes one row per holiday and make-up workday; ``add-days`` writes
one row per day); ``calendar_year`` rows declare a year loaded in full, so its plain weekdays
are working days even before ``chinese_calendar`` knows the year. A date neither covers is a
DomainError naming the year (see :mod:`hallapp.core.calendar`), never a guess.

Loading a notice is all-or-nothing and replaces the rows an earlier load of the same year
wrote (their note is ``官方日历 <year>``); rows written by ``add-days`` for other dates stay.
The later write wins on a date both touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hallapp.core.calendar import WorkCalendar, package_years, parse_calendar_file
from hallapp.core.errors import ValidationError
from hallapp.core.hallday import parse_hhmm
from hallapp.core.roles import Perm
from hallapp.core.timelimits import OpeningHours
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.store.models import CalendarDay, CalendarYear, Hall

OFFICIAL_NOTE = "官方日历"
MAX_DAYS_PER_CHANGE = 366


FIRST_YEAR, LAST_YEAR = 1900, 2200  # as WorkCalendar knows years at all


@dataclass(frozen=True)
class HallTime:
    """What deadline arithmetic needs about the hall: its calendar, hours and zone."""

    calendar: WorkCalendar
    hours: OpeningHours
    tz: str
    warning_working_days: int


@dataclass(frozen=True)
class CalendarDayInfo:
    day: date
    working: bool
    note: str | None


@dataclass(frozen=True)
class CalendarLoadResult:
    years: tuple[int, ...]
    days: int
    source: str


@dataclass(frozen=True)
class CalendarYearView:
    """A year as the hall will count it: rest days on weekdays, workdays on weekends."""

    year: int
    source: str  # "package" (chinese_calendar), "hall" (loaded notice) or both
    working_days: int
    rest_weekdays: tuple[date, ...]
    working_weekends: tuple[date, ...]
    overrides: tuple[CalendarDayInfo, ...]


def build_calendar(session: Session) -> WorkCalendar:
    """The WorkCalendar from the hall's rows (package calendar underneath)."""
    overrides = {row.day: row.working for row in session.scalars(select(CalendarDay))}
    years = list(session.scalars(select(CalendarYear.year)))
    return WorkCalendar(overrides, loaded_years=years)


def opening_hours(hall: Hall) -> OpeningHours:
    """``hall.opening_hours`` ({"periods": [["09:00", "12:00"], …]}) as OpeningHours."""
    raw = (hall.opening_hours or {}).get("periods")
    if not raw:
        return OpeningHours(tz=hall.timezone)
    periods: list[tuple[time, time]] = []
    for pair in raw:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValidationError(f"大厅开放时段 {pair!r} 格式不正确，应为 [开始, 结束]",
                                  field="opening_hours", code="opening_hours_shape")
        periods.append((parse_hhmm(str(pair[0]), field="opening_hours"),
                        parse_hhmm(str(pair[1]), field="opening_hours")))
    return OpeningHours(tuple(periods), tz=hall.timezone)


def hall_time(session: Session, hall: Hall | None = None) -> HallTime:
    hall = hall or get_hall_row(session)
    return HallTime(build_calendar(session), opening_hours(hall), hall.timezone,
                    int(hall.settings.get("warning_working_days", 1)))


@action(Perm.MANAGE_CALENDAR)
def load_calendar(ctx: Ctx, text: str, source: str = "file") -> CalendarLoadResult:
    """Load an official-calendar file (see core.calendar.parse_calendar_file)."""
    years, overrides = parse_calendar_file(text)
    with ctx.uow() as uow:
        s = uow.session
        for year in sorted(years):
            s.execute(delete(CalendarDay).where(CalendarDay.note == _official(year)))
            row = s.get(CalendarYear, year)
            if row is None:
                s.add(CalendarYear(year=year, source=source[:200]))
            else:
                row.source = source[:200]
        s.flush()
        for day, working in sorted(overrides.items()):
            _put_day(s, day, working, _official(_owner(day, years)))
        result = CalendarLoadResult(tuple(sorted(years)), len(overrides), source)
        uow.audit("calendar_load", "calendar", ",".join(map(str, result.years)),
                  after={"years": list(result.years), "days": result.days, "source": source})
        uow.emit("calendar_changed", years=list(result.years))
        uow.commit()
    return result


def _owner(day: date, years: set[int]) -> int:
    """The notice (year) a date came from: its own year, else the nearest loaded one."""
    if day.year in years:
        return day.year
    return min(years, key=lambda y: abs(y - day.year))


def _official(year: int) -> str:
    return f"{OFFICIAL_NOTE} {year}"


def _put_day(s: Session, day: date, working: bool, note: str | None) -> None:
    row = s.get(CalendarDay, day)
    if row is None:
        s.add(CalendarDay(day=day, working=working, note=note))
    else:
        row.working, row.note = working, note


@action(Perm.MANAGE_CALENDAR)
def set_days(ctx: Ctx, start: date, count: int, *, working: bool,
             note: str | None = None) -> list[CalendarDayInfo]:
    """Mark ``count`` consecutive days from ``start`` as working days or rest days."""
    if not 1 <= count <= MAX_DAYS_PER_CHANGE:
        raise ValidationError(f"天数应在 1 到 {MAX_DAYS_PER_CHANGE} 之间", field="count",
                              code="day_count", maximum=MAX_DAYS_PER_CHANGE)
    text = (note or "").strip()[:200] or ("调整为工作日" if working else "调整为休息日")
    days = [start + timedelta(days=i) for i in range(count)]
    with ctx.uow() as uow:
        before = {d.isoformat(): (row.working if (row := uow.session.get(CalendarDay, d))
                                  else None) for d in days}
        for d in days:
            _put_day(uow.session, d, working, text)
        uow.audit("calendar_set_days", "calendar", start.isoformat(), before=before,
                  after={"start": start.isoformat(), "count": count, "working": working,
                         "note": text})
        uow.emit("calendar_changed", years=sorted({d.year for d in days}))
        uow.commit()
    return [CalendarDayInfo(d, working, text) for d in days]


@action(Perm.VIEW_HALL)
def show_year(ctx: Ctx, year: int) -> CalendarYearView:
    """The year as counted; DomainError naming the year if no calendar covers it."""
    if not FIRST_YEAR <= year <= LAST_YEAR:  # year 0 or 99999 was an internal error
        raise ValidationError(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间", field="year",
                              code="field_range", minimum=FIRST_YEAR, maximum=LAST_YEAR)
    with ctx.uow(readonly=True) as uow:
        cal = build_calendar(uow.session)
        loaded = uow.session.get(CalendarYear, year) is not None
        rows = list(uow.session.scalars(select(CalendarDay).where(
            CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
            .order_by(CalendarDay.day)))
    day, working, rest, weekend_work = date(year, 1, 1), 0, [], []
    while day.year == year:
        is_work = cal.is_working_day(day)  # raises for an uncovered year
        working += is_work
        if day.weekday() < 5 and not is_work:
            rest.append(day)
        elif day.weekday() >= 5 and is_work:
            weekend_work.append(day)
        day += timedelta(days=1)
    source = "+".join(n for n, ok in (("package", year in package_years()), ("hall", loaded))
                      if ok) or "overrides"
    return CalendarYearView(year, source, working, tuple(rest), tuple(weekend_work),
                            tuple(CalendarDayInfo(r.day, r.working, r.note) for r in rows))
