"""Case and rating figures from stored data, computed by :mod:`hallapp.core.kpi`.

A period is a range of hall days (inclusive, in the hall's zone). Which cases count:

* 即办率: in-person cases *received* in the period (whatever came of them, except those
  withdrawn by the applicant: ``core.kpi.on_spot_rate``);
* 最多跑一次率, 按时办结率, 逾期率: cases *concluded* (decided) in the period;
* 好评率, 差评整改率: ratings entered in the period (a follow-up closed later counts as soon
  as it is closed), for a department by the rule of the KPI tables
  (:func:`hallapp.services.kpi_live.join_rated`): the rated case's department, else that of
  the rated ticket's item;
* open cases in warning / overdue per department: as of now, whatever the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.case_rules import is_concluded
from hallapp.core.errors import ValidationError
from hallapp.core.hallday import hall_day_bounds
from hallapp.core.kpi import (
    CaseFacts,
    RatingFacts,
    Ratio,
    bad_rating_rate,
    good_rating_rate,
    on_spot_rate,
    on_time_rate,
    one_visit_rate,
    open_cases_by_department,
    overdue_rate,
    rectification_rate,
)
from hallapp.core.roles import Perm
from hallapp.services.calendar_admin import HallTime, hall_time
from hallapp.services.case_common import awaiting_decision_sql, department_id, frozen_item
from hallapp.services.case_views import timeliness
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.kpi_live import join_rated, lookups, rated_item_dept
from hallapp.store.models import Case, Department, Followup, Rating, ServiceItem, Ticket


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int
    percent: float | None  # None when there is nothing to divide


@dataclass(frozen=True)
class DepartmentOpen:
    department: str
    open: int
    warning: int
    overdue: int


@dataclass(frozen=True)
class CaseFigures:
    start: date
    end: date
    department: str | None
    on_spot_rate: Rate  # 即办率
    one_visit_rate: Rate  # 最多跑一次率
    on_time_rate: Rate  # 按时办结率
    overdue_rate: Rate  # 逾期率
    good_rating_rate: Rate  # 好评率
    bad_rating_rate: Rate  # 差评率
    rectification_rate: Rate  # 差评整改率
    open_by_department: tuple[DepartmentOpen, ...]


def _rate(r: Ratio) -> Rate:
    return Rate(r.numerator, r.denominator, r.percent)


def _facts(s: Session, case: Case, codes: dict[int, str], t: HallTime,
           now: datetime | None = None) -> CaseFacts:
    item_code = s.get(ServiceItem, case.item_id)
    state = None
    if now is not None:
        _, state, _ = timeliness(case, frozen_item(s, case), t, now)
    return CaseFacts(
        received_at=case.received_at, decided_at=case.decided_at,
        concluded=is_concluded(case.state), on_spot=case.decision == "on_spot",
        in_person=case.in_person, visits=case.visits, deadline=case.deadline,
        concluded_at=case.concluded_at, outcome=case.outcome, state=case.state,
        department=codes[case.department_id], item=item_code.code if item_code else "",
        timeliness=state)


@action(Perm.VIEW_KPI)
def case_figures(ctx: Ctx, start: date, end: date | None = None, *,
                 department: str | None = None) -> CaseFigures:
    """The hall's case and rating figures for hall days ``start``…``end``."""
    end = end or start
    if end < start:
        raise ValidationError("结束日期不能早于开始日期", field="end", code="period_order")
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        t = hall_time(s, hall)
        codes = {d.id: d.code for d in s.scalars(select(Department))}
        dept_id = department_id(s, department) if department else None
        lo, _ = hall_day_bounds(start, hall.timezone)
        _, hi = hall_day_bounds(end, hall.timezone)
        scope = select(Case) if dept_id is None else select(Case).where(
            Case.department_id == dept_id)
        received = [_facts(s, c, codes, t) for c in s.scalars(scope.where(
            Case.received_at >= lo, Case.received_at < hi))]
        concluded = [_facts(s, c, codes, t) for c in s.scalars(scope.where(
            Case.concluded_at >= lo, Case.concluded_at < hi))]
        open_now = [_facts(s, c, codes, t, uow.now) for c in s.scalars(scope.where(
            awaiting_decision_sql()))]
        ratings = _ratings(s, lo, hi, None if dept_id is None else codes[dept_id])
    by_dept = open_cases_by_department(open_now)
    return CaseFigures(
        start, end, department, _rate(on_spot_rate(received)), _rate(one_visit_rate(concluded)),
        _rate(on_time_rate(concluded)), _rate(overdue_rate(concluded)),
        _rate(good_rating_rate(ratings)), _rate(bad_rating_rate(ratings)),
        _rate(rectification_rate(ratings)),
        tuple(DepartmentOpen(d, c.open, c.warning, c.overdue)
              for d, c in sorted(by_dept.items())))


def _ratings(s: Session, lo: datetime, hi: datetime, dept: str | None) -> list[RatingFacts]:
    stmt = join_rated(select(Rating, Followup.state, Case.item_id, Case.department_id,
                             Ticket.item_code)
                      .outerjoin(Followup, Followup.rating_id == Rating.id)
                      .where(Rating.at >= lo, Rating.at < hi))
    lk = lookups(s) if dept is not None else None
    out = []
    for rating, f_state, c_item, c_dept, t_item in s.execute(stmt):
        if lk is not None and rated_item_dept(lk, c_item, c_dept, t_item)[1] != dept:
            continue
        named = rating.ticket_id is not None or rating.case_id is not None
        out.append(RatingFacts(rating.level, followup_closed=(f_state == "closed") if f_state
                               else None, named=named, window=str(rating.window_number)
                               if rating.window_number is not None else None))
    return out
