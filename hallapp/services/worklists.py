"""The supervisor's work list of cases near or past a due date (效能监督).

Two kinds of due date are listed: a case's deadline while it awaits its decision (in the back
office, or returned to the window after acceptance, whose clock runs on), and the 容缺
supplement due date while materials are still owed (also after an ``approved_tolerant``
decision, whose result stays withheld until they come). Cases are read with a cheap bound
first (stored date within the horizon; a stopped clock only moves a deadline later, so
nothing urgent is missed), then judged exactly with the hall calendar
(:mod:`hallapp.services.case_views`). Most urgent first. 差评 follow-ups are
:func:`hallapp.services.ratings.list_followups`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hallapp.core.case_rules import SUPPLEMENT_DUE_LABEL, state_label
from hallapp.core.roles import Perm
from hallapp.services.alerts import case_horizon
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import (
    awaiting_decision_sql,
    frozen_item,
    owed_codes,
    supplements_open_sql,
)
from hallapp.services.case_views import supplement_timeliness, timeliness
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.store.models import Case, Department, ServiceItem, Staff

# A case read for the list: with its item's name and its department's (Chinese, English).
Listed = tuple[Case, str, str, str | None]


@dataclass(frozen=True)
class DueCase:
    number: str
    item_name: str
    department: str
    state_label: str
    deadline: datetime  # the decision's deadline, or the supplement due date
    timeliness: str  # warning | overdue
    working_days_left: int | None
    claimed_by: str | None
    item_name_en: str | None = None
    department_name_en: str | None = None
    due: str = "decision"  # decision | supplement (容缺 materials owed by ``deadline``)
    owed: tuple[str, ...] = ()  # the materials still owed, on a supplement row


@action(Perm.VIEW_KPI)
def due_cases(ctx: Ctx, *, include_warning: bool = True) -> tuple[DueCase, ...]:
    """Decisions and 容缺 supplements overdue (and, by default, in the warning period),
    earliest first; a case whose decision and supplements are both due is listed twice."""
    wanted = ("warning", "overdue") if include_warning else ("overdue",)
    with ctx.uow(readonly=True) as uow:
        s, now = uow.session, uow.now
        hall = get_hall_row(s)
        horizon = case_horizon(hall, now)
        decisions = _read(s, awaiting_decision_sql(), Case.deadline, horizon)
        supplements = _read(s, supplements_open_sql(), Case.supplement_deadline, horizon)
        t = hall_time(s, hall)
        staff = {st.id: st.name for st in s.scalars(select(Staff))} \
            if decisions or supplements else {}
        out = []
        for row in decisions:
            case = row[0]
            due, state, left = timeliness(case, frozen_item(s, case), t, now)
            if due is not None and state is not None and state in wanted:
                label = state_label(case.state, case.accepted_at is not None)
                out.append(_due(s, row, staff, label, due, state, left))
        for row in supplements:
            case = row[0]
            state, left = supplement_timeliness(case, t, now)
            if case.supplement_deadline is not None and state is not None and state in wanted:
                out.append(_due(s, row, staff, SUPPLEMENT_DUE_LABEL, case.supplement_deadline,
                                state, left, due="supplement", owed=owed_codes(case)))
    return tuple(sorted(out, key=lambda c: (c.deadline, c.number, c.due)))


def _read(s: Session, which: ColumnElement[bool], date_column: InstrumentedAttribute[Any],
          horizon: datetime) -> list[Listed]:
    """The ``which`` cases whose ``date_column`` falls before ``horizon``."""
    return [(case, item, dept, dept_en) for case, item, dept, dept_en in s.execute(
        select(Case, ServiceItem.name, Department.name, Department.name_en)
        .join(ServiceItem, ServiceItem.id == Case.item_id)
        .join(Department, Department.id == Case.department_id)
        .where(which, date_column.is_not(None), date_column <= horizon))]


def _due(s: Session, row: Listed, staff: dict[int, str], label: str, deadline: datetime,
         state: str, left: int | None, **kind: Any) -> DueCase:
    case, item_name, dept_name, dept_name_en = row
    return DueCase(case.number, item_name, dept_name, label, deadline, state, left,
                   staff.get(case.claimed_by) if case.claimed_by else None,
                   frozen_item(s, case).name_en, dept_name_en, **kind)
