"""The window's decision on a received case, each enforcing the intake rules of core.intake.

* ``on_spot`` (即办): completed and handed over in this visit; due the same working day (after
  closing or on a rest day: the next one), concluded now.
* ``accept`` / ``accept_commitment`` / ``accept_tolerant`` (受理 / 告知承诺 / 容缺): the
  clock starts; the deadline comes from the promised limit on the hall calendar and opening
  hours; the case joins its department's back-office queue. 容缺 records the materials still
  owed and their supplement deadline (≤ min(20, promised − 2) working days).
* ``notify_missing`` (一次性告知): nothing accepted; the result lists every missing or
  faulty material, with its requirement, for the notice.
* ``refuse`` (不予受理): reason and legal basis required.

秒批: after an acceptance (or 即办) of a case meeting the item's rules, the system approves it
in its own unit of work, as the ``system`` actor, so the audit log shows the rule and not the
clerk as the approver. If that step failed the case would simply wait in the back office.
"""

from __future__ import annotations

from dataclasses import dataclass

from hallapp.core import case_notes
from hallapp.core.case_rules import CaseAction, next_state
from hallapp.core.catalogue import Item
from hallapp.core.hallday import hall_day
from hallapp.core.intake import (
    DECISION_ACTIONS,
    IntakeAssessment,
    auto_approve_eligible,
    check_decision,
    check_refusal,
    evaluate,
)
from hallapp.core.roles import SYSTEM_ACTOR, Perm
from hallapp.core.timelimits import conclusion, immediate_deadline, supplement_deadline
from hallapp.services.calendar_admin import HallTime, hall_time
from hallapp.services.case_common import case_by_ref, deadline_for, frozen_item, marks_of, move
from hallapp.services.case_views import CaseInfo, case_info
from hallapp.services.cases import applicant_of, require_intake_clerk
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.store.models import Case
from hallapp.store.uow import UnitOfWork

AUTO_RULE = case_notes.AUTO_APPROVED
ACCEPTING = ("accept", "accept_commitment", "accept_tolerant")


@dataclass(frozen=True)
class OutstandingMaterial:
    """One line of the 一次性告知书 (or of the 容缺 list of materials owed)."""

    code: str
    name: str
    core: bool
    status: str  # missing | faulty
    requirement: str | None
    where_to_get: str | None
    note: str | None
    name_en: str | None = None  # as the catalogue gives it (the CLI's English)


@dataclass(frozen=True)
class DecisionResult:
    case: CaseInfo
    decision: str
    outstanding: tuple[OutstandingMaterial, ...]
    auto_approved: bool
    auto_reason: str  # why 秒批 did not apply (empty when it did)


def _outstanding(item: Item, case: Case, codes: tuple[str, ...]
                 ) -> tuple[OutstandingMaterial, ...]:
    marks = {m["code"]: m for m in case.materials or []}
    out = []
    for code in codes:
        m, mark = item.material(code), marks.get(code, {})
        out.append(OutstandingMaterial(code, m.name, m.core,
                                       "faulty" if mark.get("status") == "faulty" else "missing",
                                       m.requirement, m.where_to_get, mark.get("note"),
                                       m.name_en))
    return tuple(out)


@action(Perm.INTAKE_CASE)
def decide(ctx: Ctx, case_ref: str, decision: str, *, reason: str | None = None,
           legal_basis: str | None = None, commitment: str | None = None) -> DecisionResult:
    """Record the window's decision; RuleViolation naming the rule if the materials forbid it."""
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        case = case_by_ref(s, case_ref)
        require_intake_clerk(uow, ctx.actor, case)
        if decision in DECISION_ACTIONS:  # wrong state or role first, then the materials
            next_state(case.state, DECISION_ACTIONS[decision], ctx.actor.role.value)
        item = frozen_item(s, case)
        applicant = applicant_of(s, case, hall_day(uow.now, hall.timezone))
        marks = marks_of(case)
        assessment = evaluate(item, marks, applicant)
        check_decision(assessment, decision)
        t = hall_time(s, hall)
        outstanding = _apply(uow, case, item, assessment, decision, t, reason, legal_basis,
                             commitment)
        eligible, why = auto_approve_eligible(item, assessment, marks, applicant)
        auto = eligible and decision in (*ACCEPTING, "on_spot")
        if auto and decision == "on_spot":
            case.auto_approved = True
        elif auto:
            _auto_approve(uow, case, t)
        uow.commit()
    with ctx.uow(readonly=True) as uow:
        fresh = case_by_ref(uow.session, str(case.id))
        info = case_info(uow.session, fresh, hall_time(uow.session), uow.now)
    return DecisionResult(info, decision, outstanding, auto, "" if auto else why)


def _apply(uow: UnitOfWork, case: Case, item: Item, assessment: IntakeAssessment,
           decision: str, t: HallTime, reason: str | None, legal_basis: str | None,
           commitment: str | None) -> tuple[OutstandingMaterial, ...]:
    act = DECISION_ACTIONS[decision]
    now = uow.now
    if decision == "refuse":
        why, basis = check_refusal(reason or "", legal_basis or "")
        move(uow, case, act, opinion=why, decision=decision, legal_basis=basis, decided_at=now)
        return ()
    if decision == "notify_missing":
        # A blacklisted applicant's commitment replaced nothing: the material is told as
        # missing, on the case and so on the 一次性告知书.
        void = set(assessment.void_commitments)
        case.materials = [{**m, "status": "missing"} if m["code"] in void else m
                          for m in case.materials or []]
        listed = _outstanding(item, case, assessment.outstanding)
        names = "、".join(m.name for m in listed)
        move(uow, case, act, opinion=case_notes.TOLD_TO_COMPLETE.format(names), decision=decision)
        return listed
    if decision == "on_spot":
        due = immediate_deadline(case.received_at, t.calendar, t.hours)
        move(uow, case, act, opinion="当场办结", decision=decision,
             accepted_at=case.accepted_at or now,
             deadline=due, decided_at=now, concluded_at=now, delivered_at=now,
             delivery={"method": "on_spot"},
             outcome=conclusion(due, now, t.calendar, tz=t.tz))
        return ()
    return _accept(uow, case, item, assessment, decision, t, commitment)


def _accept(uow: UnitOfWork, case: Case, item: Item, assessment: IntakeAssessment,
            decision: str, t: HallTime, commitment: str | None
            ) -> tuple[OutstandingMaterial, ...]:
    """受理 in its three forms. A case returned from the back office keeps its first
    acceptance time: the clock started then."""
    now = uow.now
    case.accepted_at = case.accepted_at or now
    owed = assessment.supplements if decision == "accept_tolerant" else ()
    signed = (commitment or "").strip() if decision == "accept_commitment" else ""
    # The commitment the applicant signed goes with each material it replaces: the receipt
    # prints it (case.opinion is overwritten by the next step).
    case.materials = [{**m, "owed": m["code"] in owed,
                       **({"commitment": signed} if signed and m.get("status") == "commitment"
                          else {})} for m in case.materials or []]
    due = deadline_for(case, item, t)
    if owed:
        case.supplement_deadline = supplement_deadline(case.accepted_at, item.promised_limit,
                                                       t.calendar, t.hours)
    promise = (commitment or "").strip() or "申请人已书面承诺"
    opinion = {"accept": "受理", "accept_tolerant": "容缺受理",
               "accept_commitment": f"告知承诺受理：{promise}"}[decision]
    move(uow, case, DECISION_ACTIONS[decision], opinion=opinion, decision=decision,
         deadline=due, claimed_by=None)
    return _outstanding(item, case, owed)


def _auto_approve(uow: UnitOfWork, case: Case, t: HallTime) -> None:
    """秒批, by the system, in the transaction that accepted the case: committed apart, a
    crash between the two left an eligible case accepted and waiting for a person."""
    move(uow, case, CaseAction.CLAIM, role="approver", actor=SYSTEM_ACTOR.username,
         opinion=AUTO_RULE, claimed_at=uow.now)
    assert case.deadline is not None
    move(uow, case, CaseAction.APPROVE, role="approver", actor=SYSTEM_ACTOR.username,
         opinion=AUTO_RULE, decided_at=uow.now, concluded_at=uow.now, auto_approved=True,
         outcome=conclusion(case.deadline, uow.now, t.calendar, tz=t.tz))
