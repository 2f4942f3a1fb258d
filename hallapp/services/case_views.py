"""The frozen views case services return (never ORM objects), and their builders.

These carry full personal data: they are for the clerk's and approver's screens. Public
surfaces (boards, the public look-up) must mask with :mod:`hallapp.core.masking`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.case_rules import allowed_actions, state_label
from hallapp.core.catalogue import Item
from hallapp.core.errors import DomainError
from hallapp.core.hallday import hall_day
from hallapp.core.timelimits import deadline_state, remaining_working_days
from hallapp.services.calendar_admin import HallTime
from hallapp.services.case_common import (
    awaiting_decision,
    deadline_for,
    frozen_item,
    owed_codes,
    qr_payload,
)
from hallapp.store.models import (
    Case,
    CaseTransition,
    Department,
    ServiceItem,
    Staff,
    Ticket,
    Visit,
)


@dataclass(frozen=True)
class MaterialState:
    code: str
    name: str
    required: bool
    core: bool
    status: str | None  # None = not yet checked
    form: str | None
    copies: int
    note: str | None
    owed: bool  # 容缺: still to be supplied
    name_en: str | None = None  # the catalogue's English name, for an English screen


@dataclass(frozen=True)
class TransitionInfo:
    at: datetime
    actor: str  # the username, as recorded
    action: str
    from_state: str | None
    to_state: str
    opinion: str | None
    actor_name: str | None = None  # the staff member's name; None for an unknown account


@dataclass(frozen=True)
class VisitInfo:
    at: datetime
    purpose: str
    online: bool
    ticket: str | None = None  # the queue ticket's number the applicant came with, if known
    # Counted as a trip (最多跑一次): False for an online step, and for a second coming on a
    # hall day already counted, with another ticket (``case_common.record_visit``).
    counted: bool = True


@dataclass(frozen=True)
class CaseInfo:
    id: int
    number: str
    verification: str
    qr_payload: str
    item_code: str
    item_version: int
    item_name: str
    department: str
    department_name: str
    state: str
    state_label: str
    applicant_kind: str
    applicant_name: str
    applicant_id: str
    phone: str | None
    agent: dict[str, Any] | None
    decision: str | None
    opinion: str | None
    legal_basis: str | None
    auto_approved: bool
    received_at: datetime
    accepted_at: datetime | None
    deadline: datetime | None  # with a running clock stop added up to now
    supplement_deadline: datetime | None
    stopped_since: datetime | None
    decided_at: datetime | None
    concluded_at: datetime | None
    outcome: str | None
    claimed_by: str | None
    delivered_at: datetime | None
    delivery: dict[str, Any] | None
    visits: int
    window: int | None
    ticket: str | None
    timeliness: str | None  # normal / warning / overdue / stopped while the case is open
    remaining_working_days: int | None
    owed: tuple[str, ...]
    item_name_en: str | None = None  # the staff screens' English names, where given
    department_name_en: str | None = None
    claimed_by_name: str | None = None  # the holder's name, shown (claimed_by: the username)


@dataclass(frozen=True)
class CaseDetail:
    case: CaseInfo
    materials: tuple[MaterialState, ...]
    transitions: tuple[TransitionInfo, ...]
    visits: tuple[VisitInfo, ...]
    allowed_actions: tuple[str, ...]  # for the acting role, in the current state


def timeliness(case: Case, item: Item, t: HallTime, now: datetime
               ) -> tuple[datetime | None, str | None, int | None]:
    """(effective deadline, deadline state, working days left) for a case awaiting its
    decision (in the back office, or returned to the window after acceptance).

    When the days to count reach a year whose holidays are not loaded (a case due in
    December looked at in January, before the hall loaded the new year's notice), the lists
    that show every open case must still show it: past its deadline (clock running) it is
    ``overdue`` (also with its clock stopped after the deadline), otherwise ``warning`` (it
    cannot be told safe), with no day count. The
    supervisor's board says which year is missing (``alerts.calendar_alerts``).

    A clock stopped before the deadline (补正 awaiting the applicant, 特别程序) is
    ``stopped``, with the working days that were left when it stopped: its projected deadline
    moves on with the time, and nobody in the hall can act on it, so it is in no due-soon list,
    count or alert; once the clock resumes it is graded again. Stopped after its deadline it
    stays ``overdue``.
    """
    if case.deadline is None or not awaiting_decision(case):
        return case.deadline, None, None
    due = case.deadline
    if case.stopped_since is not None and case.stopped_since < due:
        return _stopped(case, item, t, now)
    try:
        if case.stopped_since:
            due = deadline_for(case, item, t, now)
        state = deadline_state(due, now, t.calendar,
                               warning_working_days=t.warning_working_days, tz=t.tz)
        return due, state, remaining_working_days(due, now, t.calendar, tz=t.tz)
    except DomainError as exc:
        if exc.code != "calendar_unknown_year":
            raise
        return due, "overdue" if now > due else "warning", None


def _stopped(case: Case, item: Item, t: HallTime, now: datetime
             ) -> tuple[datetime, str, int | None]:
    """A clock stopped before the deadline: the deadline projected to now (the stored one when
    it reaches a year not loaded), and the working days that were left when it stopped."""
    assert case.deadline is not None
    assert case.stopped_since is not None
    shown, left = case.deadline, None
    try:
        left = remaining_working_days(case.deadline, case.stopped_since, t.calendar, tz=t.tz)
        shown = deadline_for(case, item, t, now)
    except DomainError as exc:
        if exc.code != "calendar_unknown_year":
            raise
    return shown, "stopped", left


def supplement_timeliness(case: Case, t: HallTime, now: datetime
                          ) -> tuple[str | None, int | None]:
    """(state, working days left) of the 容缺 supplement due date while materials are still
    owed (None, None once all are brought), judged as :func:`timeliness` judges a deadline.
    The caller picks the cases (``case_common.supplements_open_sql``)."""
    due = case.supplement_deadline
    if due is None or not owed_codes(case):
        return None, None
    try:
        return (deadline_state(due, now, t.calendar, warning_working_days=t.warning_working_days,
                               tz=t.tz),
                remaining_working_days(due, now, t.calendar, tz=t.tz))
    except DomainError as exc:
        if exc.code != "calendar_unknown_year":
            raise
        return "overdue" if now > due else "warning", None


def case_info(s: Session, case: Case, t: HallTime, now: datetime,
              item: Item | None = None) -> CaseInfo:
    item = item or frozen_item(s, case)
    row = s.get(ServiceItem, case.item_id)
    dept = s.get(Department, case.department_id)
    assert row is not None
    assert dept is not None
    claimed = s.get(Staff, case.claimed_by) if case.claimed_by else None
    ticket = s.get(Ticket, case.ticket_id) if case.ticket_id else None
    due, state, left = timeliness(case, item, t, now)
    return CaseInfo(
        case.id, case.number, case.verification, qr_payload(case), row.code, row.version,
        row.name, dept.code, dept.name, case.state,
        state_label(case.state, case.accepted_at is not None),
        case.applicant_kind, case.applicant_name, case.applicant_id, case.phone,
        dict(case.agent) if case.agent else None, case.decision, case.opinion,
        case.legal_basis, bool(case.auto_approved), case.received_at, case.accepted_at, due,
        case.supplement_deadline, case.stopped_since, case.decided_at, case.concluded_at,
        case.outcome, claimed.username if claimed else None, case.delivered_at,
        dict(case.delivery) if case.delivery else None, case.visits, case.window_number,
        ticket.number if ticket else None, state, left, owed_codes(case), item.name_en,
        dept.name_en, (claimed.name or claimed.username) if claimed else None)


def material_states(case: Case, item: Item | None = None) -> tuple[MaterialState, ...]:
    english = {m.code: m.name_en for m in item.materials} if item else {}
    return tuple(MaterialState(
        m["code"], m["name"], bool(m["required"]), bool(m["core"]), m.get("status"),
        m.get("form"), int(m.get("copies") or 0), m.get("note"), bool(m.get("owed")),
        english.get(m["code"])) for m in case.materials or [])


def case_detail(s: Session, case: Case, t: HallTime, now: datetime, role: str) -> CaseDetail:
    materials = material_states(case, frozen_item(s, case))
    rows = s.scalars(select(CaseTransition).where(CaseTransition.case_id == case.id)
                     .order_by(CaseTransition.id)).all()
    names = {username: name for username, name in s.execute(
        select(Staff.username, Staff.name).where(Staff.username.in_({r.actor for r in rows})))}
    transitions = tuple(TransitionInfo(r.at, r.actor, r.action, r.from_state, r.to_state,
                                       r.opinion, names.get(r.actor)) for r in rows)
    actions = tuple(a.value for a in allowed_actions(case.state, role)) \
        if role in ("clerk", "approver", "supervisor", "admin") else ()
    return CaseDetail(case_info(s, case, t, now), materials, transitions,
                      visit_infos(s, case, t.tz), actions)


def visit_infos(s: Session, case: Case, tz: str) -> tuple[VisitInfo, ...]:
    """The case's visits, oldest first; of the in-person ones of a hall day, the first is
    the trip counted (``case_common.record_visit``), any other came with another ticket."""
    days: set[date] = set()
    visits = []
    for v, number in s.execute(
            select(Visit, Ticket.number).outerjoin(Ticket, Ticket.id == Visit.ticket_id)
            .where(Visit.case_id == case.id).order_by(Visit.id)):
        day = hall_day(v.at, tz)
        counted = not v.online and day not in days
        if not v.online:
            days.add(day)
        visits.append(VisitInfo(v.at, v.purpose, v.online, number, counted))
    return tuple(visits)
