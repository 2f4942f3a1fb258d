"""Intake at the window (收件): open a case from the ticket being served, tick the checklist,
look cases up (the one a ticket left undecided, too), withdraw. The decision itself (受理,
即办, 容缺, 告知承诺, 一次性告知, 不予受理) is in :mod:`hallapp.services.case_decide`.

The case keeps the item version in force when it was opened (``item_id`` is that version's
row), so a catalogue edit later never changes what the case is judged against.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hallapp.core import case_notes
from hallapp.core.case_rules import (
    STATE_LABELS,
    CaseAction,
    as_state,
    case_number,
    verification_code,
)
from hallapp.core.catalogue import parse_item
from hallapp.core.errors import (
    NotFound,
    PermissionDenied,
    StateError,
    ValidationError,
    WindowHeld,
)
from hallapp.core.hallday import hall_day, hall_day_bounds
from hallapp.core.identity import check_id_number, check_phone, check_uscc
from hallapp.core.intake import (
    Applicant,
    MaterialMark,
    auto_approval,
    check_new_mark,
    choose_decision,
    evaluate,
)
from hallapp.core.roles import Actor, Perm, Role
from hallapp.core.texts import bounded
from hallapp.services.blacklist import is_blacklisted
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import (
    case_by_ref,
    department_code,
    department_id,
    frozen_item,
    initial_materials,
    marks_of,
    move,
    record,
    record_visit,
    update_case,
    with_marks,
)
from hallapp.services.case_views import (
    CaseDetail,
    CaseInfo,
    MaterialState,
    case_detail,
    case_info,
    material_states,
)
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import open_ticket_at, window_by_number
from hallapp.store.models import Case, Hall, ServiceItem, Staff, Ticket, Window
from hallapp.store.models_queue import OPEN_AT_WINDOW
from hallapp.store.uow import UnitOfWork

APPLICANT_KINDS = ("person", "legal")


@dataclass(frozen=True)
class ApplicantInput:
    kind: str  # person (ID card number) | legal (USCC)
    name: str
    id_number: str
    phone: str | None = None


@dataclass(frozen=True)
class AgentInput:
    """Someone applying on the applicant's behalf, with a written authorisation."""

    name: str
    id_number: str
    authorisation: str  # what the power of attorney is (number, date)
    phone: str | None = None


@dataclass(frozen=True)
class DecisionOption:
    decision: str
    allowed: bool
    reason: str
    reason_codes: tuple[str, ...] = ()  # each reason's code, for its English text


@dataclass(frozen=True)
class IntakeView:
    """The checklist as marked, and which decisions are open (with the reason if not)."""

    number: str
    state: str
    materials: tuple[MaterialState, ...]
    decisions: tuple[DecisionOption, ...]
    suggested: str
    outstanding: tuple[str, ...]
    auto_approve: bool
    auto_approve_reason: str  # why 秒批 does not apply, in Chinese (empty when it does)
    auto_approve_code: str | None = None  # that reason's code, for its English text
    auto_approve_facts: Mapping[str, str] = field(default_factory=dict)  # what the text names


def _check_applicant(a: ApplicantInput) -> ApplicantInput:
    if a.kind not in APPLICANT_KINDS:
        raise ValidationError(f"申请人类型 {a.kind!r} 无效，应为 person（自然人）或 legal（法人）",
                              field="kind", code="applicant_kind")
    name = (a.name or "").strip()
    if not name:
        raise ValidationError("请填写申请人姓名或名称", field="name",
                              code="applicant_name_required")
    bounded(name, "申请人姓名或名称", "name", MAX_NAME)
    number = check_id_number(a.id_number) if a.kind == "person" else check_uscc(a.id_number)
    return ApplicantInput(a.kind, name, number, check_phone(a.phone) if a.phone else None)


MAX_NAME = 200  # case_file.applicant_name
MAX_AUTHORISATION = 500




def _check_agent(agent: AgentInput | None) -> dict[str, str | None] | None:
    if agent is None:
        return None
    if not (agent.name or "").strip():
        raise ValidationError("请填写代理人姓名", field="agent_name", code="agent_name_required")
    if not (agent.authorisation or "").strip():
        raise ValidationError("代理人办理须提交授权委托书，请填写授权委托书信息",
                              field="authorisation", code="authorisation_required")
    bounded(agent.name.strip(), "代理人姓名", "agent_name", MAX_NAME)
    bounded(agent.authorisation.strip(), "授权委托书信息", "authorisation",
                  MAX_AUTHORISATION)
    return {"name": agent.name.strip(), "id_number": check_id_number(agent.id_number),
            "authorisation": agent.authorisation.strip(),
            "phone": check_phone(agent.phone) if agent.phone else None}


def hall_number_code(hall: Hall) -> str:
    """Case numbers need 2–12 upper-case letters or digits: ``SZ-FT`` → ``SZFT``."""
    code = re.sub(r"[^A-Z0-9]", "", hall.code.upper())[:12]
    return code if len(code) >= 2 else "HALL"


def _next_number(s: Session, hall: Hall, day: date) -> str:
    """Today's next case number; the hall row lock serialises concurrent intakes."""
    s.execute(select(Hall.id).where(Hall.id == hall.id).with_for_update())
    prefix = f"{hall_number_code(hall)}-{day:%Y%m%d}-"
    last = s.scalar(select(Case.number).where(Case.number.like(f"{prefix}%"))
                    .order_by(Case.number.desc()).limit(1))
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return case_number(hall_number_code(hall), day, serial)


def _serving_ticket(s: Session, hall: Hall, actor: Actor, window: int) -> Ticket:
    """The ticket being served at ``window`` (the applicant in front), which must be the
    window the acting clerk holds now: a clerk at a window nobody holds (freed, released, or
    opened by the supervisor with a ticket called there) took the case in at a window they
    did not work, and 接手办理 bound the case to whatever window they held instead."""
    win = window_by_number(s, hall, window)
    if actor.role is Role.CLERK and win.clerk_id not in (None, actor.staff_id):
        holder = s.get(Staff, win.clerk_id)
        name = (holder.name or holder.username) if holder else ""
        raise WindowHeld(f"{window} 号窗口由 {name} 使用中，不能代为收件",
                         code="not_your_window", window=window, holder=name)
    ticket = open_ticket_at(s, win.id)
    if ticket is None or ticket.state != "serving":
        raise StateError(f"{window} 号窗口当前没有正在办理的号，请先叫号并开始办理",
                         code="no_serving_ticket", window=window)
    if actor.role is Role.CLERK and win.clerk_id is None:
        raise StateError(f"您未在 {window} 号窗口工作（该窗口当前无人使用）：请先接手该窗口，"
                         "再为正在办理的号收件或接手办理", code="intake_window_not_held",
                         window=window)
    return ticket


@action(Perm.INTAKE_CASE)
def open_case(ctx: Ctx, window: int, item_code: str, applicant: ApplicantInput,
              agent: AgentInput | None = None) -> CaseDetail:
    """Open a case for the ticket being served at ``window`` (收件)."""
    who = _check_applicant(applicant)
    agent_data = _check_agent(agent)
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        ticket = _serving_ticket(s, hall, ctx.actor, window)
        row = s.scalars(select(ServiceItem).where(ServiceItem.code == item_code.strip(),
                                                  ServiceItem.in_force.is_(True))).first()
        if row is None:
            raise NotFound(f"事项 {item_code} 不存在或已停用", field="item", code="unknown_item")
        number = _next_number(s, hall, hall_day(uow.now, hall.timezone))
        case = Case(number=number, verification=verification_code(number, hall.secret),
                    hall_id=hall.id, item_id=row.id, department_id=row.department_id,
                    ticket_id=ticket.id, window_number=window, clerk_id=ctx.actor.staff_id,
                    state="received", applicant_kind=who.kind, applicant_name=who.name,
                    applicant_id=who.id_number, phone=who.phone, agent=agent_data,
                    materials=initial_materials(parse_item(row.data)), received_at=uow.now,
                    pauses=[], visits=0, in_person=True, version=1, auto_approved=False)
        s.add(case)
        s.flush()
        record_visit(uow, case, "intake", hall.timezone, ticket_id=ticket.id)
        record(uow, case, "open", None, "received", case_notes.RECEIVED.format(row.version))
        detail = case_detail(s, case, hall_time(s, hall), uow.now, ctx.actor.role.value)
        uow.commit()
    return detail


def applicant_of(s: Session, case: Case, day: date) -> Applicant:
    return Applicant(case.applicant_kind, case.applicant_name, case.applicant_id, case.phone,
                     on_blacklist=is_blacklisted(s, case.applicant_id, day))


def _intake_view(s: Session, case: Case, day: date) -> IntakeView:
    item = frozen_item(s, case)
    marks = marks_of(case)
    applicant = applicant_of(s, case, day)
    assessment = evaluate(item, marks, applicant)
    auto = auto_approval(item, assessment, marks, applicant)
    options = tuple(DecisionOption(d, a.allowed, a.reason, a.reason_codes)
                    for d, a in assessment.decisions.items())
    return IntakeView(case.number, case.state, material_states(case), options,
                      choose_decision(assessment), assessment.outstanding, auto.eligible,
                      auto.reason, auto.code, auto.facts)


def require_intake_clerk(uow: UnitOfWork, actor: Actor, case: Case) -> None:
    """While a case is received, only the clerk it is bound to, or the clerk now at its
    window, records its checklist and decides it — as ``open_case`` binds the case to the
    window serving the applicant, so two clerks never tick one checklist (any clerk could
    tick another window's checklist and accept its case, and a supervisor tick it).

    A case the back office returned (退回: received again, already accepted once) waits for
    the applicant, who may be served at any window (前台综合受理): its first clerk may be off
    and its window closed. Any clerk serving a ticket at their window takes it over
    (:func:`_take_over`) unless it is in hand elsewhere."""
    if case.state != "received" or actor.role is Role.SYSTEM:
        return
    s = uow.session
    if actor.staff_id is not None and actor.staff_id == case.clerk_id:
        return
    at_window = s.scalar(select(Window.clerk_id).where(
        Window.hall_id == case.hall_id, Window.number == case.window_number))
    if actor.role is Role.CLERK and at_window is not None and at_window == actor.staff_id:
        return
    if case.accepted_at is not None and actor.role is Role.CLERK:
        _take_over(uow, actor, case)
        return
    raise PermissionDenied(f"办件 {case.number} 在 {case.window_number} 号窗口收件，只有收件人"
                           "或该窗口现在的工作人员可以核对材料和作出收件决定",
                           code="not_your_case", case=case.number, window=case.window_number)


def _take_over(uow: UnitOfWork, actor: Actor, case: Case) -> None:
    """Bind a returned case to ``actor``, the window where they serve a ticket now and that
    ticket (the applicant's), so it is in hand there as a fresh intake is at its window.

    Refused while the ticket it is bound to is at another window (another clerk has the
    applicant in front of them, the case in hand), and to a clerk serving no ticket (nobody
    to take it over for); the clerk serving that very ticket (transferred to their window)
    takes it. Audited (``case_take_over``, the binding before and after) and fed as a
    change of the case: the figures by window and clerk count it where it now is."""
    s = uow.session
    held = s.get(Ticket, case.ticket_id) if case.ticket_id is not None else None
    serving = s.execute(select(Ticket, Window.number).join(Window, Ticket.window_id == Window.id)
                        .where(Window.hall_id == case.hall_id,
                               Window.clerk_id == actor.staff_id, Ticket.state == "serving")
                        .order_by(Window.number)).first()
    if held is not None and held.state in OPEN_AT_WINDOW and (
            serving is None or serving[0].id != held.id):
        where = s.get(Window, held.window_id) if held.window_id is not None else None
        window = where.number if where is not None else case.window_number
        raise PermissionDenied(f"办件 {case.number} 正在 {window} 号窗口办理（号码 "
                               f"{held.number}），不能接手", code="case_in_hand",
                               case=case.number, window=window, ticket=held.number)
    if serving is None:
        raise StateError(f"办件 {case.number} 已退回窗口重新受理（原在 {case.window_number} 号"
                         "窗口收件）：请先叫号并开始办理申请人的号，再接手办理",
                         code="take_over_needs_ticket", case=case.number,
                         window=case.window_number)
    ticket, window = serving
    before = {"clerk": _username(s, case.clerk_id), "window": case.window_number,
              "ticket": held.number if held is not None else None}
    result = s.execute(update(Case).where(Case.id == case.id, Case.state == case.state,
                                          Case.version == case.version)
                       .values(clerk_id=actor.staff_id, window_number=window,
                               ticket_id=ticket.id, version=case.version + 1)
                       .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StateError(f"办件 {case.number} 已被他人处理或不符合操作条件，请刷新后重试",
                         code="case_conflict", case=case.number)
    s.refresh(case)
    uow.audit("case_take_over", "case", case.id, before=before,
              after={"number": case.number, "clerk": actor.username, "window": window,
                     "ticket": ticket.number})
    uow.emit("case_changed", case=case.number, department=department_code(s, case),
             state=case.state, action="take_over")


@action(Perm.INTAKE_CASE)
def take_up(ctx: Ctx, case_ref: str, window: int) -> CaseDetail:
    """Bring a case waiting at the front desk (received: returned by the department, 退回,
    or opened and left undecided) into the intake at ``window``, for the ticket served there
    — the applicant in front, come back for it (查件 → 接手办理 at the counter).

    Bound to that ticket (:func:`_take_over`, audited) unless it is already; refused for a
    case in any other state (nothing to take in: its actions are the 出件 tab's), at a
    window of another clerk's, with no ticket being served there, and while the case's own
    ticket is at another window (in hand there)."""
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        ticket = _serving_ticket(s, hall, ctx.actor, window)
        case = case_by_ref(s, case_ref)
        if case.state != "received":
            label = STATE_LABELS[as_state(case.state)]
            raise StateError(f"办件 {case.number} 现为“{label}”，不在收件环节，不能接手收件",
                             code="take_up_wrong_state", case=case.number, state=case.state)
        if case.ticket_id != ticket.id:
            _take_over(uow, ctx.actor, case)
        detail = case_detail(s, case, hall_time(s, hall), uow.now, ctx.actor.role.value)
        uow.commit()
    return detail


def _username(s: Session, staff_id: int | None) -> str | None:
    return s.scalar(select(Staff.username).where(Staff.id == staff_id)) if staff_id else None


@action(Perm.INTAKE_CASE)
def record_checklist(ctx: Ctx, case_ref: str, marks: Sequence[MaterialMark]) -> IntakeView:
    """Record the clerk's marks (merged into earlier ones) and say which decisions are open.

    Every mark is checked against the frozen item first: an unknown material, a duplicate,
    or a commitment where the item or material does not allow one changes nothing.
    """
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        case = case_by_ref(s, case_ref)
        if case.state != "received":
            raise StateError(f"办件 {case.number} 已作出收件决定，不能再修改材料核验结果",
                             code="checklist_closed", case=case.number)
        require_intake_clerk(uow, ctx.actor, case)
        merged = {m.code: m for m in marks_of(case)}
        seen: set[str] = set()
        for mark in marks:
            if mark.code in seen:
                raise ValidationError(f"材料 {mark.code} 重复标记", field="material",
                                      code="material_twice", material=mark.code)
            seen.add(mark.code)
            check_new_mark(mark)
            merged[mark.code] = mark
        day = hall_day(uow.now, hall.timezone)
        evaluate(frozen_item(s, case), list(merged.values()), applicant_of(s, case, day))
        before = [m for m in case.materials or [] if m.get("code") in seen]
        # 受理 decided on the marks read before these must not stand (update_case).
        update_case(uow, case, materials=with_marks(case.materials, marks))
        uow.audit("case_checklist", "case", case.id, before={"materials": before},
                  after={"number": case.number,
                         "marks": [[m.code, m.status, m.form, m.copies, m.note] for m in marks]})
        view = _intake_view(s, case, day)
        uow.commit()
    return view


@action(Perm.INTAKE_CASE)
def show_checklist(ctx: Ctx, case_ref: str) -> IntakeView:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        case = case_by_ref(uow.session, case_ref)
        return _intake_view(uow.session, case, hall_day(uow.now, hall.timezone))


@action(Perm.INTAKE_CASE)
def show_case(ctx: Ctx, case_ref: str) -> CaseDetail:
    """The full case for the counter (and supervisor): materials, transitions, visits."""
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        case = case_by_ref(s, case_ref)
        return case_detail(s, case, hall_time(s), uow.now, ctx.actor.role.value)


@action(Perm.INTAKE_CASE)
def undecided_case_of_ticket(ctx: Ctx, ticket_id: int) -> CaseDetail | None:
    """The case opened for ticket ``ticket_id`` and not decided yet (the newest, if several):
    what a suspended ticket left at the window — 挂起, the applicant fetches what was missing
    and comes back on the same number — for the clerk to carry on with when it is served
    again. None when there is none (or no such ticket)."""
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        ticket = s.get(Ticket, ticket_id)
        if ticket is None:
            return None
        case = s.scalars(select(Case).where(  # received_at: the index (no one on ticket_id)
            Case.received_at >= ticket.taken_at, Case.ticket_id == ticket.id,
            Case.state == "received").order_by(Case.id.desc()).limit(1)).first()
        if case is None:
            return None
        return case_detail(s, case, hall_time(s), uow.now, ctx.actor.role.value)


@action(Perm.INTAKE_CASE)
def list_cases(ctx: Ctx, *, day: date | None = None, state: str | None = None,
               department: str | None = None, applicant_id: str | None = None,
               limit: int = 200) -> list[CaseInfo]:
    """Cases received on a hall day (default today), optionally by state/department/applicant."""
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        stmt = select(Case).order_by(Case.received_at, Case.id).limit(max(1, min(limit, 1000)))
        if applicant_id:
            stmt = stmt.where(Case.applicant_id == applicant_id.strip().upper())
        else:
            start, end = hall_day_bounds(day or hall_day(uow.now, hall.timezone), hall.timezone)
            stmt = stmt.where(Case.received_at >= start, Case.received_at < end)
        if state:
            stmt = stmt.where(Case.state == as_state(state).value)
        if department:
            stmt = stmt.where(Case.department_id == department_id(s, department))
        t = hall_time(s, hall)
        return [case_info(s, c, t, uow.now) for c in s.scalars(stmt)]


@action(Perm.INTAKE_CASE)
def withdraw(ctx: Ctx, case_ref: str, reason: str) -> CaseInfo:
    """The applicant withdraws an open case (撤回申请)."""
    if not (reason or "").strip():
        raise ValidationError("撤回须填写原因", field="reason", code="reason_required")
    with ctx.uow() as uow:
        s = uow.session
        case = case_by_ref(s, case_ref)
        move(uow, case, CaseAction.WITHDRAW, opinion=reason.strip(), claimed_by=None,
             stopped_since=None)
        info = case_info(s, case, hall_time(s), uow.now)
        uow.commit()
    return info
