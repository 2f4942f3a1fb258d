"""Open cases' due dates counted again after the hall's calendar or opening hours changed.

A deadline is stored when the case is accepted (and recounted when a clock stop ends), on
the calendar of that moment. When the calendar changes afterwards (the next year's official
notice replaces a provisional one, a typhoon closes the hall for a day) or its opening hours
do (closing at 17:00 instead of 18:00), the open cases due on or after the first changed day
(for the hours, today) are counted again on the new calendar and hours, in the transaction
that changed them: otherwise a case kept its old deadline while an identical one that happened
to have a 5-minute correction got the new one. The same goes for the 容缺 supplement due
date of materials still owed. A case whose new count reaches a year no calendar covers
keeps its stored dates (the board already asks for that year).

An open 差评 follow-up is due at the closing time of the N-th working day after the day it
was opened: it keeps its N (read on the calendar as it was before the change, so a later
change of the hall setting does not move it), counted again on the new calendar and hours.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from hallapp.core.errors import DomainError
from hallapp.core.hallday import hall_day, hall_day_bounds
from hallapp.core.timelimits import supplement_deadline
from hallapp.services.case_common import (
    awaiting_decision,
    awaiting_decision_sql,
    deadline_for,
    department_code,
    frozen_item,
    owed_codes,
    supplements_open_sql,
)
from hallapp.services.halltime import HallTime, hall_time
from hallapp.store.models import Case, Followup, Hall
from hallapp.store.uow import UnitOfWork


def recount_open_deadlines(uow: UnitOfWork, since: date) -> dict[str, dict[str, list[str]]]:
    """Count again the dates of open cases stored on or after the hall day ``since``, on the
    calendar as this unit of work has it now. Returns what moved, for the audit entry:
    ``{case number: {"deadline" | "supplement_deadline": [before, after]}}``; each moved
    case is a ``case_changed`` feed event, so the back office re-reads it."""
    s = uow.session
    s.flush()  # the calendar rows just written
    hall = s.scalars(select(Hall).order_by(Hall.id)).first()
    if hall is None:  # a calendar loaded before ``hallapp init``: no cases yet
        return {}
    t = hall_time(s, hall)
    start, _ = hall_day_bounds(since, t.tz)
    rows = s.scalars(select(Case).where(or_(
        and_(awaiting_decision_sql(), Case.deadline >= start),
        and_(supplements_open_sql(), Case.supplement_deadline >= start)))
        .order_by(Case.id)).all()
    moved: dict[str, dict[str, list[str]]] = {}
    for case in rows:
        changes = _recount(s, case, t, start)
        if not changes:
            continue
        for name, (_, after) in changes.items():
            setattr(case, name, after)
        moved[case.number] = {name: [_shown(a, t), _shown(b, t)]
                              for name, (a, b) in changes.items()}
        uow.emit("case_changed", case=case.number, department=department_code(s, case),
                 state=case.state, action="deadline_recount")
    return moved


def recount_open_followups(uow: UnitOfWork, since: date, before: HallTime
                           ) -> dict[str, list[str]]:
    """Count again the due dates of the follow-ups still open (or appealed) due on or after
    the hall day ``since``: as many working days after the day each was opened as it was
    given on ``before`` (the calendar and hours before the change), on the calendar and
    hours as this unit of work has them now. Returns what moved, for the audit entry:
    ``{follow-up id: [before, after]}``; each one moved is a ``followup_changed`` event."""
    s = uow.session
    s.flush()
    hall = s.scalars(select(Hall).order_by(Hall.id)).first()
    if hall is None:
        return {}
    t = hall_time(s, hall)
    start, _ = hall_day_bounds(since, t.tz)
    rows = s.scalars(select(Followup).where(Followup.state != "closed",
                                            Followup.due_at >= start)
                     .order_by(Followup.id)).all()
    moved: dict[str, list[str]] = {}
    for f in rows:
        due = _counted(partial(_followup_due, f, before, t))
        if due is None or due == f.due_at:
            continue
        moved[str(f.id)] = [_shown(f.due_at, t), _shown(due, t)]
        f.due_at = due
        uow.emit("followup_changed", followup=f.id, action="due_recount")
    return moved


def _followup_due(f: Followup, before: HallTime, t: HallTime) -> datetime:
    """The follow-up's due date on ``t``, as many working days after its opening day as
    ``before`` gave it (never fewer than one)."""
    opened = hall_day(f.opened_at, t.tz)
    days = before.calendar.working_days_between(opened, before.hours.local_date(f.due_at))
    return t.hours.closing(t.calendar.add_working_days(opened, max(days, 1)))


def _recount(s: Session, case: Case, t: HallTime, start: datetime
             ) -> dict[str, tuple[datetime, datetime]]:
    """(stored, recounted) for each of the case's dates the new calendar moves."""
    item = frozen_item(s, case)
    out: dict[str, tuple[datetime, datetime]] = {}
    stored = case.deadline
    if stored is not None and stored >= start and awaiting_decision(case):
        due = _counted(lambda: deadline_for(case, item, t))
        if due is not None and due != stored:
            out["deadline"] = (stored, due)
    stored, accepted = case.supplement_deadline, case.accepted_at
    if stored is not None and stored >= start and accepted is not None and owed_codes(case):
        due = _counted(lambda: supplement_deadline(accepted, item.promised_limit, t.calendar,
                                                   t.hours))
        if due is not None and due != stored:
            out["supplement_deadline"] = (stored, due)
    return out


def _counted(count: Callable[[], datetime]) -> datetime | None:
    """``count()``, or None when it reaches a year no calendar covers (the stored date is
    kept; the board already asks for that year)."""
    try:
        return count()
    except DomainError as exc:
        if exc.code != "calendar_unknown_year":
            raise
        return None


def _shown(moment: datetime, t: HallTime) -> str:
    return moment.astimezone(t.hours.zone).isoformat(timespec="minutes")
