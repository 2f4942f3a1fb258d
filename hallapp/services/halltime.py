"""What deadline arithmetic needs about the hall, read from the database: its working-day
calendar (official notices loaded per year, single-day overrides), opening hours and zone.

Every deadline is counted on the calendar built here (:func:`hall_time`), so the counter, the
back office and the figures agree on which days count. ``calendar_day`` rows override single
days; ``calendar_year`` rows declare a year loaded in full, so its plain weekdays are working
days even before ``chinese_calendar`` knows the year. A date neither covers is a DomainError
naming the year (see :mod:`hallapp.core.calendar`), never a guess. Changing the calendar is
:mod:`hallapp.services.calendar_admin`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.calendar import WorkCalendar
from hallapp.core.errors import ValidationError
from hallapp.core.hallday import hall_day, parse_hhmm
from hallapp.core.timelimits import OpeningHours
from hallapp.services.hall import get_hall_row
from hallapp.store.models import CalendarDay, CalendarYear, Hall


@dataclass(frozen=True)
class HallTime:
    """What deadline arithmetic needs about the hall: its calendar, hours and zone."""

    calendar: WorkCalendar
    hours: OpeningHours
    tz: str
    warning_working_days: int
    saturday: bool = False  # opening_hours' "saturday": open on plain Saturdays too

    def opens_on(self, day: date) -> bool:
        """Whether the hall opens on ``day``: a working day, or a plain Saturday if it opens
        on Saturdays. Deadlines count working days only, whatever the hall's hours."""
        return self.calendar.is_working_day(day) or (
            self.saturday and self.calendar.is_plain_saturday(day))

    def holds(self, starts: datetime, ends: datetime) -> bool:
        """Whether the hall is open from ``starts`` to ``ends`` (an appointment slot): on a
        day it opens, and within one of that day's opening periods (slots are opened so;
        the hours may have changed since)."""
        day = hall_day(starts, self.tz)
        return self.opens_on(day) and any(lo <= starts and ends <= hi
                                          for lo, hi in self.hours.day_periods(day))


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
                    int(hall.settings.get("warning_working_days", 1)),
                    (hall.opening_hours or {}).get("saturday") is True)
