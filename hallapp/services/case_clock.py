"""The steps that stop and restart a case's clock, and the 容缺 supplements.

* 补正 (correction): the approver asks for it, the clock stops (``stopped_since``); when the
  applicant supplies it the stop is closed into ``pauses`` and the deadline is recomputed
  from acceptance with every stop added back (core.timelimits ClockStop). Supplying at the
  window counts a hall visit; ``online=True`` (or the approver recording an online
  submission) does not.
* 特别程序 (hearing, inspection…): started with a reason by the approver who holds the case,
  the clock stops until they end it.
* 容缺 supplements: materials owed under 容缺受理. Brought before the decision they are simply
  recorded; after an ``approved_tolerant`` decision, the last one releases the result
  (``approved``). A material brought after its supplement due date is still taken (the
  applicant is there with it) but recorded as late: the opinion says so and the audit entry
  has ``late: true``. A 补正 the approver asks for on an owed material is its supplement
  too: the 补正 notice lists it with the others flagged, and supplying it clears the debt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from hallapp.core import case_notes
from hallapp.core.case_rules import CaseAction, CaseState, next_state
from hallapp.core.errors import StateError, ValidationError
from hallapp.core.hallday import hall_day
from hallapp.core.roles import Perm
from hallapp.services.backoffice import (
    load_for_review,
    require_claimed_by_me,
    text_required,
)
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import (
    BACKOFFICE_STATES,
    case_by_ref,
    counter_ticket,
    deadline_for,
    end_pause,
    frozen_item,
    move,
    record_visit,
    update_case,
)
from hallapp.services.case_views import CaseInfo, case_info
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.store.models import Case
from hallapp.store.uow import UnitOfWork


def _finish(uow: UnitOfWork, case: Case) -> CaseInfo:
    info = case_info(uow.session, case, hall_time(uow.session), uow.now)
    uow.commit()
    return info


@action(Perm.REVIEW_CASE)
def request_correction(ctx: Ctx, case_ref: str, opinion: str,
                       materials: Sequence[str] = ()) -> CaseInfo:
    """补正: tell the applicant at once everything to correct; the clock stops."""
    text = text_required(opinion, "补正内容", "opinion")
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        require_claimed_by_me(uow, ctx.actor, case)
        item = frozen_item(uow.session, case)
        codes = {item.material(code).code for code in materials}  # unknown → ValidationError
        case.materials = [{**m, "status": "faulty", "note": text, "correction": True}
                          if m["code"] in codes else m for m in case.materials or []]
        move(uow, case, CaseAction.REQUEST_CORRECTION,
             where=[Case.claimed_by == ctx.actor.staff_id], opinion=text, stopped_since=uow.now,
             claimed_by=None, claimed_at=None)
        return _finish(uow, case)


@action(Perm.INTAKE_CASE)
def supply_correction(ctx: Ctx, case_ref: str, *, online: bool = False) -> CaseInfo:
    """The applicant brings the corrected materials to a window (or online)."""
    return _supply_correction(ctx, case_ref, online=online)


@action(Perm.REVIEW_CASE)
def supply_correction_online(ctx: Ctx, case_ref: str) -> CaseInfo:
    """The approver records corrected materials received online (no hall visit)."""
    return _supply_correction(ctx, case_ref, online=True, review=True)


def _supply_correction(ctx: Ctx, case_ref: str, *, online: bool,
                       review: bool = False) -> CaseInfo:
    with ctx.uow() as uow:
        s = uow.session
        case = load_for_review(uow, ctx.actor, case_ref) if review else case_by_ref(s, case_ref)
        next_state(case.state, CaseAction.SUPPLY_CORRECTION, ctx.actor.role.value)
        case.pauses = end_pause(case, uow.now, "correction")
        case.stopped_since = None
        owed = [m["code"] for m in case.materials or [] if m.get("correction") and m.get("owed")]
        # Corrected, an owed 容缺 material is supplied: it stayed owed, and the approval
        # still withheld the result for it.
        case.materials = [{**m, "status": "received", "correction": False, "owed": False}
                          if m.get("correction") else m for m in case.materials or []]
        due = deadline_for(case, frozen_item(s, case), hall_time(s))
        hall = get_hall_row(s)
        tz = hall.timezone
        record_visit(uow, case, "correction", tz, online=online,
                     ticket_id=counter_ticket(s, hall.id, ctx.actor.staff_id))
        opinion = case_notes.CORRECTED_ONLINE if online else case_notes.CORRECTED_AT_WINDOW
        facts = None
        if owed:
            note, facts = _supplement_note(case, owed, uow.now, tz)
            opinion += f"；{note}"
        move(uow, case, CaseAction.SUPPLY_CORRECTION, deadline=due, opinion=opinion,
             facts=facts)
        return _finish(uow, case)


def _supplement_note(case: Case, codes: Sequence[str], now: datetime, tz: str
                     ) -> tuple[str, dict[str, Any]]:
    """The opinion's words for 容缺 materials brought now, and the audit facts: ``late``
    once past the supplement due date."""
    due = case.supplement_deadline
    late = due is not None and now > due
    text = case_notes.SUPPLIED.format("、".join(codes))
    if due is not None and late:
        text = case_notes.SUPPLIED_LATE.format("、".join(codes), hall_day(due, tz).isoformat())
    return text, {"supplied": list(codes), "late": late}


@action(Perm.REVIEW_CASE)
def start_special(ctx: Ctx, case_ref: str, reason: str) -> CaseInfo:
    """特别程序 (hearing, expert review, inspection): the clock stops."""
    text = text_required(reason, "特别程序事由", "reason")
    with ctx.uow() as uow:
        case = load_for_review(uow, ctx.actor, case_ref)
        require_claimed_by_me(uow, ctx.actor, case)
        move(uow, case, CaseAction.START_SPECIAL, where=[Case.claimed_by == ctx.actor.staff_id],
             opinion=text, stopped_since=uow.now)
        return _finish(uow, case)


@action(Perm.REVIEW_CASE)
def end_special(ctx: Ctx, case_ref: str, opinion: str | None = None) -> CaseInfo:
    with ctx.uow() as uow:
        s = uow.session
        case = load_for_review(uow, ctx.actor, case_ref)
        require_claimed_by_me(uow, ctx.actor, case)
        next_state(case.state, CaseAction.END_SPECIAL, ctx.actor.role.value)
        case.pauses = end_pause(case, uow.now, "special")
        case.stopped_since = None
        due = deadline_for(case, frozen_item(s, case), hall_time(s))
        move(uow, case, CaseAction.END_SPECIAL, where=[Case.claimed_by == ctx.actor.staff_id],
             deadline=due, opinion=(opinion or "").strip() or case_notes.SPECIAL_ENDED)
        return _finish(uow, case)


@action(Perm.INTAKE_CASE)
def supply_supplement(ctx: Ctx, case_ref: str, codes: Sequence[str], *,
                      online: bool = False) -> CaseInfo:
    """容缺: the applicant brings owed materials; the last one releases a withheld result."""
    if not codes:
        raise ValidationError("请选择补齐的材料", field="materials", code="materials_required")
    with ctx.uow() as uow:
        s = uow.session
        case = case_by_ref(s, case_ref)
        owed = {m["code"] for m in case.materials or [] if m.get("owed")}
        unknown = [c for c in codes if c not in owed]
        if unknown:
            raise ValidationError(f"材料 {'、'.join(unknown)} 不是本办件容缺待补的材料",
                                  field="materials", code="not_owed",
                                  materials=", ".join(unknown))
        before = case.state
        tolerant = before == CaseState.APPROVED_TOLERANT
        if not tolerant and before not in BACKOFFICE_STATES:
            raise StateError(f"办件 {case.number} 当前状态不能补齐容缺材料",
                             code="supplement_wrong_state", case=case.number)
        # Versioned: an approval decided on the material still owed must not stand.
        update_case(uow, case, materials=[{**m, "status": "received", "owed": False}
                                          if m["code"] in codes else m
                                          for m in case.materials or []])
        hall = get_hall_row(s)
        tz = hall.timezone
        record_visit(uow, case, "supplement", tz, online=online,
                     ticket_id=counter_ticket(s, hall.id, ctx.actor.staff_id))
        left = sorted(owed - set(codes))
        opinion, facts = _supplement_note(case, codes, uow.now, tz)
        if left:
            opinion = case_notes.STILL_OWED.format(opinion, "、".join(left))
        if tolerant:
            move(uow, case, CaseAction.SUPPLY_SUPPLEMENT, supplements_outstanding=bool(left),
                 opinion=opinion, facts=facts)
        else:
            s.flush()
            uow.audit("case_supplement", "case", case.id, before={"owed": sorted(owed)},
                      after={"number": case.number, "owed": left, **facts})
        return _finish(uow, case)
