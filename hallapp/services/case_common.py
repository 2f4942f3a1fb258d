"""What every case (办件) service shares: lookups, the recorded transition, visits, materials.

A transition is one conditional ``UPDATE case_file … WHERE id = :id AND state = :from AND
version = :version`` (plus the caller's conditions, e.g. ``claimed_by = :me``). If another
terminal moved the case after we read it, no row matches and the action is refused with a
StateError; nothing is written. On PostgreSQL the losing UPDATE waits for the winner's row
lock and then re-checks the WHERE clause; on SQLite the writer's ``BEGIN IMMEDIATE``
serialises the whole unit of work. Either way two approvers can never both act on one case.
A change without a transition (``update_case``: the checklist's marks, a 容缺 material
brought in the back office) is the same conditional UPDATE and bumps the version too.
Each successful transition writes a ``case_transition`` row, an audit entry
``case_<action>`` and a ``case_changed`` feed event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from hallapp.core.case_rules import CaseAction, CaseState, next_state
from hallapp.core.catalogue import Item, parse_item
from hallapp.core.errors import NotFound, StateError
from hallapp.core.hallday import hall_day, hall_day_bounds
from hallapp.core.ids import row_id, typed_code
from hallapp.core.intake import MaterialMark
from hallapp.core.timelimits import ClockStop, compute_deadline
from hallapp.services.halltime import HallTime
from hallapp.store.models import (
    Case,
    CaseTransition,
    Department,
    ServiceItem,
    Ticket,
    Visit,
    Window,
)
from hallapp.store.models_queue import OPEN_AT_WINDOW
from hallapp.store.uow import UnitOfWork

QR_PREFIX = "HALLAPP:C:"  # same payload as hallapp.documents.qr.case_payload
S = CaseState
BACKOFFICE_STATES = (S.ACCEPTED, S.IN_REVIEW, S.CORRECTION_REQUESTED, S.CORRECTED,
                     S.SPECIAL_PROCEDURE)


def awaiting_decision(case: Case) -> bool:
    """Accepted and not yet decided, so its deadline runs: in the back office, or returned
    to the window (退回: ``received`` again, with its first acceptance time kept)."""
    state = case.state
    return state in BACKOFFICE_STATES or (state == S.RECEIVED and case.accepted_at is not None)


def awaiting_decision_sql() -> ColumnElement[bool]:
    """:func:`awaiting_decision` as a query condition."""
    return or_(Case.state.in_([st.value for st in BACKOFFICE_STATES]),
               and_(Case.state == S.RECEIVED.value, Case.accepted_at.is_not(None)))


def supplements_open_sql() -> ColumnElement[bool]:
    """Cases that may still owe 容缺 materials by their supplement due date: awaiting their
    decision, or approved with the result withheld (``approved_tolerant``). Whether any
    material is still owed is in the materials list (:func:`owed_codes`)."""
    return and_(Case.supplement_deadline.is_not(None),
                or_(awaiting_decision_sql(), Case.state == S.APPROVED_TOLERANT.value))


def qr_payload(case: Case) -> str:
    return f"{QR_PREFIX}{case.number}:{case.verification}"


def case_by_ref(session: Session, ref: str | int) -> Case:
    """A case by number, database id or receipt QR payload."""
    text = typed_code(str(ref))
    if text.startswith(QR_PREFIX):
        text = text.removeprefix(QR_PREFIX).split(":", 1)[0]
    ident = row_id(text)
    case = (session.get(Case, ident) if ident is not None else
            session.scalars(select(Case).where(Case.number == text)).first())
    if case is None:
        raise NotFound(f"办件 {ref} 不存在", field="case", code="unknown_case")
    return case


def frozen_item(session: Session, case: Case) -> Item:
    """The item version the case was taken in under (never the one in force now)."""
    row = session.get(ServiceItem, case.item_id)
    assert row is not None
    return parse_item(row.data)


def department_code(session: Session, case: Case) -> str:
    dept = session.get(Department, case.department_id)
    assert dept is not None
    return dept.code


def department_id(session: Session, code: str) -> int:
    """The department with ``code``; a filter naming an unknown one is refused, not empty."""
    found = session.scalar(select(Department.id).where(Department.code == code.strip()))
    if found is None:
        raise NotFound(f"未知部门 {code}", field="department", code="unknown_department",
                       department=code)
    return found


# --- clock stops and deadlines -----------------------------------------------------------


def stops_of(case: Case, now: datetime | None = None) -> list[ClockStop]:
    """Finished pauses, plus the running one up to ``now`` if the clock is stopped."""
    stops = [ClockStop(datetime.fromisoformat(p[0]), datetime.fromisoformat(p[1]))
             for p in case.pauses or []]
    if now is not None and case.stopped_since is not None:
        stops.append(ClockStop(case.stopped_since, max(now, case.stopped_since)))
    return stops


def deadline_for(case: Case, item: Item, t: HallTime, now: datetime | None = None) -> datetime:
    """Deadline from acceptance and the promised limit, clock stops added back."""
    assert case.accepted_at is not None
    return compute_deadline(case.accepted_at, item.promised_limit, t.calendar, t.hours,
                            stops_of(case, now))


def end_pause(case: Case, now: datetime, kind: str) -> list[list[str]]:
    """The pauses list with the running stop closed at ``now``."""
    if case.stopped_since is None:
        return list(case.pauses or [])
    return [*(case.pauses or []), [case.stopped_since.isoformat(), now.isoformat(), kind]]


# --- materials -----------------------------------------------------------------------------


def initial_materials(item: Item) -> list[dict[str, Any]]:
    return [{"code": m.code, "name": m.name, "required": m.required, "core": m.core,
             "status": None, "form": None, "copies": 0, "note": None, "owed": False}
            for m in item.materials]


def marks_of(case: Case) -> list[MaterialMark]:
    return [MaterialMark(m["code"], m["status"], m.get("form"), int(m.get("copies") or 0),
                         m.get("note"))
            for m in case.materials or [] if m.get("status")]


def with_marks(entries: Sequence[dict[str, Any]], marks: Iterable[MaterialMark],
               **extra: Any) -> list[dict[str, Any]]:
    """A new materials list (JSON columns are replaced, never mutated in place)."""
    by_code = {m.code: m for m in marks}
    out = []
    for entry in entries:
        mark = by_code.get(entry["code"])
        new = dict(entry)
        if mark is not None:
            new.update(status=mark.status, form=mark.form, copies=mark.copies, note=mark.note,
                       **extra)
        out.append(new)
    return out


def owed_codes(case: Case) -> tuple[str, ...]:
    """容缺 materials the applicant still owes."""
    return tuple(m["code"] for m in case.materials or [] if m.get("owed"))


# --- transitions and visits ------------------------------------------------------------------


def move(uow: UnitOfWork, case: Case, act: CaseAction, *, opinion: str | None = None,
         role: str | None = None, actor: str | None = None,
         supplements_outstanding: bool = False, facts: dict[str, Any] | None = None,
         where: Sequence[ColumnElement[bool]] = (), **changes: Any) -> CaseState:
    """Apply one transition of the state machine to ``case`` and record it (``facts``
    join the audit entry's ``after``)."""
    s = uow.session
    s.flush()  # pending ORM changes first, so the refresh below cannot lose them
    before = case.state
    target = next_state(before, act, role or uow.actor.role.value,
                        supplements_outstanding=supplements_outstanding,
                        denied=case.decision == "deny")
    if opinion is not None:
        changes.setdefault("opinion", opinion)  # the latest opinion is shown on the case
    result = s.execute(
        update(Case).where(Case.id == case.id, Case.state == before,
                           Case.version == case.version, *where)
        .values(state=target.value, version=case.version + 1, **changes)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StateError(f"办件 {case.number} 已被他人处理或不符合操作条件，请刷新后重试",
                         code="case_conflict", case=case.number)
    s.refresh(case)
    record(uow, case, act.value, before, target.value, opinion, actor, facts)
    return target


def update_case(uow: UnitOfWork, case: Case, **changes: Any) -> None:
    """Change a case without a transition (the checklist's marks, a 容缺 material brought in
    the back office) as ``move`` does: one ``UPDATE … WHERE state = :read AND version =
    :read`` that bumps the version. A transition decided on what was read before this change
    (受理 on the old checklist, 批准 with the material still owed) then finds the version
    moved and is refused; and this change is refused if the case moved after we read it.
    Both wrote the materials unconditionally: both succeeded, and the later one's view won."""
    s = uow.session
    s.flush()
    result = s.execute(
        update(Case).where(Case.id == case.id, Case.state == case.state,
                           Case.version == case.version)
        .values(version=case.version + 1, **changes)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StateError(f"办件 {case.number} 已被他人处理或不符合操作条件，请刷新后重试",
                         code="case_conflict", case=case.number)
    s.refresh(case)


def record(uow: UnitOfWork, case: Case, act: str, before: str | None, after: str,
           opinion: str | None, actor: str | None = None,
           facts: dict[str, Any] | None = None) -> None:
    """Transition row, audit entry and feed event for a change of state."""
    name = actor or uow.actor.username
    uow.session.add(CaseTransition(case_id=case.id, at=uow.now, actor=name, action=act,
                                   from_state=before, to_state=after, opinion=opinion))
    dept = department_code(uow.session, case)
    uow.audit(f"case_{act}", "case", case.id, before={"state": before},
              after={"number": case.number, "state": after, "by": name, "opinion": opinion,
                     **(facts or {})}, by=name)
    uow.emit("case_changed", case=case.number, department=dept, state=after, action=act)


def counter_ticket(s: Session, hall_id: int, staff_id: int | None) -> int | None:
    """The ticket the clerk ``staff_id`` has at their window now (called or being served):
    the applicant in front, whom a step at the window is for. None for anyone else."""
    if staff_id is None:
        return None
    return s.scalar(select(Ticket.id).join(Window, Ticket.window_id == Window.id).where(
        Window.hall_id == hall_id, Window.clerk_id == staff_id,
        Ticket.state.in_(OPEN_AT_WINDOW)).order_by(Window.number).limit(1))


def record_visit(uow: UnitOfWork, case: Case, purpose: str, tz: str, *,
                 online: bool = False, ticket_id: int | None = None) -> bool:
    """Record a trip to the hall; True if it counts as a new one. ``ticket_id``: the queue
    ticket the applicant came with (最多跑一次 audits tie the visit to the queue through it).

    最多跑一次 counts trips, and a trip is a hall day: a second in-person step on a day
    already counted is not another 跑一次 (``case.visits`` stays), whether the applicant came
    back to the same window on the same ticket (fetched a copy) or left and came back later
    that day with a new ticket — one journey to the hall either way, and counting it twice
    would blame the hall for the applicant's own errand. A new ticket is still recorded, as
    a row that is not counted (``case_views.VisitInfo.counted``), so the case lists every
    ticket the applicant came with; a step on a ticket already listed that day, or with no
    ticket in service, adds nothing. Online steps are kept as rows but never counted.
    """
    s = uow.session
    if not online:
        start, end = hall_day_bounds(hall_day(uow.now, tz), tz)
        same_day = set(s.scalars(select(Visit.ticket_id).where(
            Visit.case_id == case.id, Visit.online.is_(False), Visit.at >= start,
            Visit.at < end)).all())
        if same_day:
            if ticket_id is not None and ticket_id not in same_day:
                s.add(Visit(case_id=case.id, at=uow.now, purpose=purpose, online=False,
                            ticket_id=ticket_id))
                s.flush()
            return False
    s.add(Visit(case_id=case.id, at=uow.now, purpose=purpose, online=online,
                ticket_id=None if online else ticket_id))
    if not online:
        case.visits = (case.visits or 0) + 1
    s.flush()
    return not online
