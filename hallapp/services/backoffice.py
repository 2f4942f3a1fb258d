"""The back office (后台审批): the department's queue, claim, decisions, return, result ready.

An approver sees and acts on the cases of their own department only. A case is claimed by
one approver at a time: the claim is a conditional ``UPDATE … WHERE claimed_by IS NULL AND
state = … AND version = …`` (see :func:`hallapp.services.case_common.move`), and every
decision afterwards requires ``claimed_by = me`` in the same way, so two approvers racing on
one case can never both claim or both decide. Corrections and special procedures (which stop
the clock) are in :mod:`hallapp.services.case_clock`.

A claim held by someone who cannot act on it (away, or their account disabled) is given back
by a supervisor (:func:`release_claim`, with a reason) or when the account is disabled
(:func:`release_claims_of`); each is a ``release`` transition naming the former holder.
"""

from __future__ import annotations

import math

from sqlalchemy import select

from hallapp.core import case_notes
from hallapp.core.case_rules import CaseAction, CaseState, next_state
from hallapp.core.errors import PermissionDenied, StateError, ValidationError
from hallapp.core.roles import Actor, Perm, Role
from hallapp.core.texts import bounded
from hallapp.core.timelimits import conclusion
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import (
    BACKOFFICE_STATES,
    case_by_ref,
    department_id,
    move,
    owed_codes,
)
from hallapp.services.case_views import CaseDetail, CaseInfo, case_detail, case_info
from hallapp.services.context import Ctx, action
from hallapp.store.models import Case, Staff
from hallapp.store.uow import UnitOfWork

MAX_TEXT = 2000
# A case in these states can be claimed (the claim of a special procedure passes to
# another approver, who ends it), and in HELD_STATES a claim can be given back.
CLAIMABLE = (CaseState.ACCEPTED.value, CaseState.CORRECTED.value,
             CaseState.SPECIAL_PROCEDURE.value)
HELD_STATES = (CaseState.IN_REVIEW.value, CaseState.SPECIAL_PROCEDURE.value)
# Decided, the result still to be made (制证): the department's queue keeps them, after its
# open cases, until 制证完成 sends them to the window for 出件 (a 秒批 case arrives here).
RESULT_STATES = (CaseState.APPROVED, CaseState.DENIED)
QUEUE_STATES = (*BACKOFFICE_STATES, *RESULT_STATES)


def own_department(actor: Actor) -> int | None:
    """The department an approver works for; None (all) for supervisors and the system."""
    if actor.role is not Role.APPROVER:
        return None
    if actor.department_id is None:
        raise PermissionDenied(f"审批人员 {actor.username} 未设置所属部门，不能审批",
                               code="no_department")
    return actor.department_id


def check_department(actor: Actor, case: Case) -> None:
    dept = own_department(actor)
    if dept is not None and case.department_id != dept:
        raise PermissionDenied(f"办件 {case.number} 不属于本部门，不能查看或审批",
                               code="other_department", case=case.number)


def load_for_review(uow: UnitOfWork, actor: Actor, case_ref: str) -> Case:
    case = case_by_ref(uow.session, case_ref)
    check_department(actor, case)
    return case


def require_claimed_by_me(uow: UnitOfWork, actor: Actor, case: Case) -> None:
    if case.claimed_by == actor.staff_id and case.claimed_by is not None:
        return
    holder = uow.session.get(Staff, case.claimed_by) if case.claimed_by else None
    if holder is not None:  # "请先认领" told an approver to claim a case they could not
        who = f"{holder.name}（{holder.username}）"
        raise StateError(f"办件 {case.number} 已由{who}认领，只有其本人可以办理；可请其释放认领，"
                         "或请值班长释放该认领", code="claimed_by_other", case=case.number,
                         holder=who)
    raise StateError(f"办件 {case.number} 尚未认领，请先认领后再审批", code="not_claimed",
                     case=case.number)


def text_required(value: str | None, label: str, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{label}不能为空", field=field, code="required")
    return bounded(text, label, field, MAX_TEXT)


def queue_order(info: CaseInfo) -> tuple[int, float, float, int]:
    """Open cases most urgent first (deadline, acceptance); then those decided and awaiting
    their result (制证), oldest decision first."""
    if info.state in RESULT_STATES:
        decided = info.decided_at or info.concluded_at or info.received_at
        return 1, decided.timestamp(), 0.0, info.id
    due = info.deadline.timestamp() if info.deadline else math.inf
    return 0, due, (info.accepted_at or info.received_at).timestamp(), info.id


@action(Perm.REVIEW_CASE)
def review_queue(ctx: Ctx, department: str | None = None) -> list[CaseInfo]:
    """The department's open back-office cases, most urgent first, then its decided cases
    whose result is still to be made (:func:`queue_order`)."""
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        dept_id = own_department(ctx.actor)
        stmt = select(Case).where(Case.state.in_([st.value for st in QUEUE_STATES]))
        if department:
            wanted = department_id(s, department)
            if dept_id is not None and wanted != dept_id:
                raise PermissionDenied(f"只能查看本部门的审批队列（{department} 不是本部门）",
                                       code="other_department_queue", department=department)
            stmt = stmt.where(Case.department_id == wanted)
        elif dept_id is not None:
            stmt = stmt.where(Case.department_id == dept_id)
        t = hall_time(s)
        infos = [case_info(s, c, t, uow.now) for c in s.scalars(stmt)]
    return sorted(infos, key=queue_order)


@action(Perm.REVIEW_CASE)
def show_for_review(ctx: Ctx, case_ref: str) -> CaseDetail:
    with ctx.uow(readonly=True) as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        return case_detail(uow.session, case, hall_time(uow.session), uow.now,
                           ctx.actor.role.value)


def _finish(uow: UnitOfWork, case: Case) -> CaseInfo:
    info = case_info(uow.session, case, hall_time(uow.session), uow.now)
    uow.commit()
    return info


@action(Perm.REVIEW_CASE)
def claim(ctx: Ctx, case_ref: str) -> CaseInfo:
    """Take a case for review; refused if another approver holds it or took it first."""
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        if case.claimed_by is not None and case.claimed_by != ctx.actor.staff_id:
            require_claimed_by_me(uow, ctx.actor, case)
        move(uow, case, CaseAction.CLAIM,
             where=[Case.claimed_by.is_(None), Case.state.in_(CLAIMABLE)],
             claimed_by=ctx.actor.staff_id, claimed_at=uow.now)
        return _finish(uow, case)


@action(Perm.REVIEW_CASE)
def release(ctx: Ctx, case_ref: str) -> CaseInfo:
    """Give a claimed case back to the department's pool."""
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        require_claimed_by_me(uow, ctx.actor, case)
        move(uow, case, CaseAction.RELEASE, where=[Case.claimed_by == ctx.actor.staff_id],
             claimed_by=None, claimed_at=None)
        return _finish(uow, case)


@action(Perm.CONTROL_WINDOW)
def release_claim(ctx: Ctx, case_ref: str, reason: str) -> CaseInfo:
    """值班长: give another approver's claim back to the department's pool (they are away, or
    the case is to go to someone else); the reason and the former holder are recorded."""
    why = text_required(reason, "释放原因", "reason")
    with ctx.uow() as uow:
        case = case_by_ref(uow.session, case_ref)
        _give_back(uow, case, why)
        return _finish(uow, case)


def release_claims_of(uow: UnitOfWork, holder: Staff, why: str) -> list[str]:
    """Give back every case ``holder`` has claimed (their account is being disabled): a
    disabled approver's claims kept the cases from everyone else. Returns their numbers."""
    held = list(uow.session.scalars(select(Case).where(
        Case.claimed_by == holder.id, Case.state.in_(HELD_STATES)).order_by(Case.id)))
    for case in held:
        _give_back(uow, case, why, role="admin")
    return [case.number for case in held]


def _give_back(uow: UnitOfWork, case: Case, why: str, role: str | None = None) -> None:
    next_state(case.state, CaseAction.RELEASE, role or uow.actor.role.value)
    holder = uow.session.get(Staff, case.claimed_by) if case.claimed_by else None
    if holder is None:
        raise StateError(f"办件 {case.number} 尚未认领，无需释放", code="not_claimed_release",
                         case=case.number)
    move(uow, case, CaseAction.RELEASE, role=role, where=[Case.claimed_by == holder.id],
         opinion=case_notes.CLAIM_RELEASED.format(holder.name, holder.username, why),
         claimed_by=None, claimed_at=None)


@action(Perm.REVIEW_CASE)
def approve(ctx: Ctx, case_ref: str, opinion: str | None = None) -> CaseInfo:
    """批准. With 容缺 materials still owed the result is withheld: ``approved_tolerant``."""
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        require_claimed_by_me(uow, ctx.actor, case)
        t = hall_time(uow.session)
        outcome = conclusion(case.deadline, uow.now, t.calendar, tz=t.tz) if case.deadline \
            else None
        move(uow, case, CaseAction.APPROVE, where=[Case.claimed_by == ctx.actor.staff_id],
             supplements_outstanding=bool(owed_codes(case)),
             opinion=(opinion or "").strip() or case_notes.APPROVED, decision="approve",
             decided_at=uow.now, concluded_at=uow.now, outcome=outcome)
        return _finish(uow, case)


@action(Perm.REVIEW_CASE)
def deny(ctx: Ctx, case_ref: str, reason: str, legal_basis: str) -> CaseInfo:
    """不予批准, with the reason and its legal basis for the written decision."""
    why = text_required(reason, "不予批准理由", "reason")
    basis = text_required(legal_basis, "法律依据", "legal_basis")
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        require_claimed_by_me(uow, ctx.actor, case)
        t = hall_time(uow.session)
        outcome = conclusion(case.deadline, uow.now, t.calendar, tz=t.tz) if case.deadline \
            else None
        move(uow, case, CaseAction.DENY, where=[Case.claimed_by == ctx.actor.staff_id],
             opinion=why, legal_basis=basis, decision="deny", decided_at=uow.now,
             concluded_at=uow.now, outcome=outcome)
        return _finish(uow, case)


@action(Perm.REVIEW_CASE)
def return_to_front(ctx: Ctx, case_ref: str, reason: str) -> CaseInfo:
    """Send the case back to the window to be examined and decided again."""
    why = text_required(reason, "退回原因", "reason")
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        require_claimed_by_me(uow, ctx.actor, case)
        move(uow, case, CaseAction.RETURN_TO_FRONT,
             where=[Case.claimed_by == ctx.actor.staff_id], opinion=why, claimed_by=None,
             claimed_at=None)
        return _finish(uow, case)


@action(Perm.REVIEW_CASE)
def mark_ready(ctx: Ctx, case_ref: str) -> CaseInfo:
    """制证完成: the approval or denial is ready to be handed out."""
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        move(uow, case, CaseAction.MARK_READY, opinion=case_notes.RESULT_READY)
        return _finish(uow, case)
