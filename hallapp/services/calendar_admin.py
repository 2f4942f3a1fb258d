"""The hall's working-day calendar: official notices loaded per year, single-day overrides.

Deadlines are counted on the calendar :mod:`hallapp.services.halltime` builds from these rows
(its names are kept importable from here). ``calendar_day`` rows override single days (a
loaded notice writes one row per holiday and make-up workday; ``add-days`` writes one row per
day); ``calendar_year`` rows declare a year loaded in full.

Loading a notice is all-or-nothing and replaces the rows an earlier load of the same year
wrote (their note is ``官方日历 <year>``); rows written by ``add-days`` for other dates stay.
The later write wins on a date both touch.

Either change counts again, in its own transaction, the deadlines and 容缺 supplement due
dates of the open cases due on or after its first day
(:func:`hallapp.services.case_deadlines.recount_open_deadlines`), and the due dates of the
open 差评 follow-ups (``recount_open_followups``); its audit entry says how many cases moved
(``cases_moved``) and each one's dates before and after (``moved``), and the same of the
follow-ups (``followups_moved``, ``followups``). The bookings still to come on the days the
hall no longer opens are cancelled by the hall, each audited (``cancel_closed_bookings``;
changing the opening hours, ``admin.set_opening_hours``, does both too, and cancels the
bookings of the slots outside its new hours).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from hallapp.core.calendar import package_years, parse_calendar_file
from hallapp.core.errors import DomainError, ValidationError
from hallapp.core.hallday import hall_day_bounds
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.services.hall_lock import lock_hall
from hallapp.services.halltime import HallTime as HallTime
from hallapp.services.halltime import build_calendar as build_calendar
from hallapp.services.halltime import hall_time as hall_time
from hallapp.services.halltime import opening_hours as opening_hours
from hallapp.store.models import Appointment, AppointmentSlot, CalendarDay, CalendarYear, Hall
from hallapp.store.uow import UnitOfWork

OFFICIAL_NOTE = "官方日历"
MAX_DAYS_PER_CHANGE = 366


FIRST_YEAR, LAST_YEAR = 1900, 2200  # as WorkCalendar knows years at all


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
    # The bookings of days the notice made rest days, cancelled by the hall (see set_days).
    cancelled_bookings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarYearView:
    """A year as the hall will count it: rest days on weekdays, workdays on weekends."""

    year: int
    source: str  # "package" (chinese_calendar), "hall" (loaded notice) or both
    working_days: int
    rest_weekdays: tuple[date, ...]
    working_weekends: tuple[date, ...]
    overrides: tuple[CalendarDayInfo, ...]


@action(Perm.MANAGE_CALENDAR)
def load_calendar(ctx: Ctx, text: str, source: str = "file") -> CalendarLoadResult:
    """Load an official-calendar file (see core.calendar.parse_calendar_file)."""
    years, overrides = parse_calendar_file(text)
    with ctx.uow() as uow:
        s = uow.session
        lock_hall(s)  # one calendar change after the other, and after bookings (hall_lock)
        before = _hall_time_of(s)
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
        first = min([date(min(years), 1, 1), *overrides])
        loaded = "、".join(map(str, sorted(years)))
        cancelled = cancel_closed_bookings(
            uow, first, None, f"大厅调整为休息日（{OFFICIAL_NOTE} {loaded}）")
        result = CalendarLoadResult(tuple(sorted(years)), len(overrides), source, cancelled)
        uow.audit("calendar_load", "calendar", ",".join(map(str, result.years)),
                  after={"years": list(result.years), "days": result.days, "source": source,
                         **recounted(uow, first, before)})
        uow.emit("calendar_changed", years=list(result.years))
        uow.commit()
    return result


def recounted(uow: UnitOfWork, first: date, before: HallTime | None) -> dict[str, object]:
    """Open cases' dates and open 差评 follow-ups' due dates counted again from ``first``
    on the hall's calendar and hours as this unit of work has them now (``before``: as they
    were before the change, which the follow-ups' count of working days is read on), as
    audit facts."""
    # Here, not at the top: every client reads the hall's hours through this module at start,
    # and the case services behind the recount would load with them (the counter's first
    # frame waited for the intake rules).
    from hallapp.services.case_deadlines import recount_open_deadlines, recount_open_followups

    moved = recount_open_deadlines(uow, first)
    followups = recount_open_followups(uow, first, before) if before is not None else {}
    return {"cases_moved": len(moved), "moved": moved, "followups_moved": len(followups),
            "followups": followups}


def _hall_time_of(s: Session) -> HallTime | None:
    """The hall's calendar and hours as they are now; None before ``hallapp init``."""
    hall = s.scalars(select(Hall).order_by(Hall.id)).first()
    return None if hall is None else hall_time(s, hall)


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


@dataclass(frozen=True)
class DaysSet:
    days: tuple[CalendarDayInfo, ...]
    # The bookings of days made rest days, cancelled by the hall: staff tell the applicants.
    cancelled_bookings: tuple[str, ...] = ()


@action(Perm.MANAGE_CALENDAR)
def set_days(ctx: Ctx, start: date, count: int, *, working: bool,
             note: str | None = None) -> DaysSet:
    """Mark ``count`` consecutive days from ``start`` as working days or rest days.

    The bookings still to come on days made rest days are cancelled by the hall (their
    places freed, each audited with the reason): nobody can keep them, and left booked they
    were recorded as missed, against the applicants."""
    if not 1 <= count <= MAX_DAYS_PER_CHANGE:
        raise ValidationError(f"天数应在 1 到 {MAX_DAYS_PER_CHANGE} 之间", field="count",
                              code="day_count", maximum=MAX_DAYS_PER_CHANGE)
    text = (note or "").strip()[:200] or ("调整为工作日" if working else "调整为休息日")
    days = [start + timedelta(days=i) for i in range(count)]
    with ctx.uow() as uow:
        # Waits for the bookings in flight, and holds off new ones, so that all of the day's
        # are cancelled; and for another change of the days, whose rows it then updates (two
        # administrators marking one day both inserted it: IntegrityError). See hall_lock.
        lock_hall(uow.session)
        before = {d.isoformat(): (row.working if (row := uow.session.get(CalendarDay, d))
                                  else None) for d in days}
        hall_time_before = _hall_time_of(uow.session)
        for d in days:
            _put_day(uow.session, d, working, text)
        reason = f"大厅调整为休息日（{text}）" if text != "调整为休息日" else "大厅调整为休息日"
        cancelled = () if working else cancel_closed_bookings(uow, days[0], days[-1],
                                                                  reason)
        uow.audit("calendar_set_days", "calendar", start.isoformat(), before=before,
                  after={"start": start.isoformat(), "count": count, "working": working,
                         "note": text, **recounted(uow, start, hall_time_before)})
        uow.emit("calendar_changed", years=sorted({d.year for d in days}))
        uow.commit()
    return DaysSet(tuple(CalendarDayInfo(d, working, text) for d in days), cancelled)


def cancel_closed_bookings(uow: UnitOfWork, first: date, last: date | None,
                           reason: str) -> tuple[str, ...]:
    """Cancel the bookings not yet checked in of slots on ``first``..``last`` (None: every
    later day) the hall, as this unit of work has it now, no longer holds: on a day it no
    longer opens (a day made a rest day, an official holiday loaded, Saturdays no longer
    opened), or outside its opening hours (the hours changed); their codes. Nobody can keep
    them: left booked, they were recorded as missed at the next close, against the
    applicants. The slots themselves take no more bookings (``check_bookable``)."""
    s = uow.session
    s.flush()  # the calendar rows or hours just written
    hall = s.scalars(select(Hall).order_by(Hall.id)).first()
    if hall is None:  # a calendar loaded before ``hallapp init``: no bookings yet
        return ()
    t = hall_time(s, hall)
    stmt = (select(Appointment.id, Appointment.code, Appointment.slot_id,
                   AppointmentSlot.starts_at, AppointmentSlot.ends_at)
            .join(AppointmentSlot).where(
                Appointment.state == "booked",
                AppointmentSlot.starts_at >= hall_day_bounds(first, hall.timezone)[0]))
    if last is not None:
        stmt = stmt.where(AppointmentSlot.starts_at < hall_day_bounds(last, hall.timezone)[1])
    rows = s.execute(stmt.order_by(AppointmentSlot.starts_at, Appointment.id)).all()
    codes = []
    for appt_id, code, slot_id, starts_at, ends_at in rows:
        if not _holds(t, starts_at, ends_at) and \
                cancel_booked(uow, appt_id, slot_id, reason):
            codes.append(code)
    return tuple(codes)


def cancel_booked(uow: UnitOfWork, appt_id: int, slot_id: int, reason: str) -> bool:
    """Cancel a booking by the hall (audited, announced) if it is still booked; whether it
    was. As appointments.cancel: conditional, so a check-in at this moment wins cleanly."""
    s = uow.session
    if s.execute(update(Appointment).where(Appointment.id == appt_id,
                                           Appointment.state == "booked")
                 .values(state="cancelled")).rowcount != 1:  # type: ignore[attr-defined]
        return False
    s.execute(update(AppointmentSlot).where(AppointmentSlot.id == slot_id)
              .values(booked=AppointmentSlot.booked - 1))
    uow.audit("appointment_cancel", "appointment", appt_id, before={"state": "booked"},
              after={"state": "cancelled", "reason": reason})
    uow.emit("appointment_cancelled", slot=slot_id)
    return True


def _holds(t: HallTime, starts: datetime, ends: datetime) -> bool:
    """Whether the hall still holds the slot ``starts``..``ends`` (its day and hours); a
    year no calendar covers is left as it was (its slots could not have been opened
    without it)."""
    try:
        return t.holds(starts, ends)
    except DomainError as exc:
        if exc.code != "calendar_unknown_year":
            raise
        return True


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
