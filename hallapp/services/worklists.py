"""The supervisor's work list of cases near or past their deadline (效能监督).

Open back-office cases are read with a cheap bound first (stored deadline within the
horizon; a stopped clock only moves a deadline later, so nothing urgent is missed), then
judged exactly with the hall calendar (:func:`hallapp.services.case_views.timeliness`).
Most urgent first. 差评 follow-ups are :func:`hallapp.services.ratings.list_followups`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from hallapp.core.case_rules import STATE_LABELS, as_state
from hallapp.core.roles import Perm
from hallapp.services.alerts import case_horizon
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import BACKOFFICE_STATES, frozen_item
from hallapp.services.case_views import timeliness
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.store.models import Case, Department, ServiceItem, Staff


@dataclass(frozen=True)
class DueCase:
    number: str
    item_name: str
    department: str
    state_label: str
    deadline: datetime
    timeliness: str  # warning | overdue
    working_days_left: int | None
    claimed_by: str | None
    item_name_en: str | None = None
    department_name_en: str | None = None


@action(Perm.VIEW_KPI)
def due_cases(ctx: Ctx, *, include_warning: bool = True) -> tuple[DueCase, ...]:
    """Open cases overdue (and, by default, in the warning period), earliest deadline first."""
    with ctx.uow(readonly=True) as uow:
        s, now = uow.session, uow.now
        hall = get_hall_row(s)
        horizon = case_horizon(hall, now)
        rows = s.execute(select(Case, ServiceItem.name, Department.name, Department.name_en)
                         .join(ServiceItem, ServiceItem.id == Case.item_id)
                         .join(Department, Department.id == Case.department_id)
                         .where(Case.state.in_([st.value for st in BACKOFFICE_STATES]),
                                Case.deadline.is_not(None), Case.deadline <= horizon)).all()
        t = hall_time(s, hall)
        staff = {st.id: st.name for st in s.scalars(select(Staff))} if rows else {}
        out = []
        for case, item_name, dept_name, dept_name_en in rows:
            item = frozen_item(s, case)
            due, state, left = timeliness(case, item, t, now)
            if due is None or state not in ("warning", "overdue"):
                continue
            if state == "warning" and not include_warning:
                continue
            out.append(DueCase(case.number, item_name, dept_name,
                               STATE_LABELS[as_state(case.state)], due, state, left,
                               staff.get(case.claimed_by) if case.claimed_by else None,
                               item.name_en, dept_name_en))
    return tuple(sorted(out, key=lambda c: (c.deadline, c.number)))
