"""The 失信 blacklist (一处失信、处处受限) and revocation for a false commitment.

An entry is active from ``listed_on`` until ``expires_on`` (inclusive; None = no end) unless
removed; removal keeps the row (``removed_at``) so the history stays auditable. Applicants
on the list are refused 告知承诺 and 秒批 at intake (see :mod:`hallapp.core.intake`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hallapp.core.case_rules import CaseAction
from hallapp.core.errors import NotFound, RuleViolation, StateError, ValidationError
from hallapp.core.hallday import hall_day
from hallapp.core.identity import check_id_number, check_uscc
from hallapp.core.masking import mask_id_number
from hallapp.core.roles import Perm
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import case_by_ref, move
from hallapp.services.case_views import CaseInfo, case_info
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.store.models import BlacklistEntry
from hallapp.store.uow import UnitOfWork


@dataclass(frozen=True)
class BlacklistInfo:
    id: int
    subject_id: str
    name: str | None
    source: str
    reason: str | None
    listed_on: date
    expires_on: date | None
    case_id: int | None
    removed_at: datetime | None
    active: bool


def normalise_subject(value: str) -> str:
    """An ID card number or a USCC, checked and in canonical form."""
    text = (value or "").strip().upper()
    try:
        return check_id_number(text)
    except ValidationError as id_error:
        try:
            return check_uscc(text)
        except ValidationError as uscc_error:
            # All digits reads as an ID number typed wrong; anything else as a USCC.
            raise (id_error if text[:17].isdigit() else uscc_error) from None


def is_blacklisted(session: Session, subject_id: str, day: date) -> bool:
    return session.scalar(select(BlacklistEntry.id).where(
        BlacklistEntry.subject_id == subject_id, BlacklistEntry.removed_at.is_(None),
        BlacklistEntry.listed_on <= day,
        or_(BlacklistEntry.expires_on.is_(None), BlacklistEntry.expires_on >= day))) is not None


def _info(row: BlacklistEntry, today: date) -> BlacklistInfo:
    active = (row.removed_at is None and row.listed_on <= today
              and (row.expires_on is None or row.expires_on >= today))
    return BlacklistInfo(row.id, row.subject_id, row.name, row.source, row.reason, row.listed_on,
                         row.expires_on, row.case_id, row.removed_at, active)


def _add(uow: UnitOfWork, subject: str, name: str | None, source: str, reason: str | None,
         listed_on: date, expires_on: date | None, case_id: int | None) -> BlacklistEntry:
    if not source.strip():
        raise ValidationError("请填写失信信息来源", field="source", code="required")
    if expires_on is not None and expires_on < listed_on:
        raise ValidationError("失信名单到期日不能早于列入日", field="expires_on",
                              code="expires_before_listed")
    row = BlacklistEntry(subject_id=subject, name=name, source=source.strip()[:200],
                         reason=reason, listed_on=listed_on, expires_on=expires_on,
                         case_id=case_id)
    uow.session.add(row)
    uow.session.flush()
    # Masked: supervisors read the audit log, and the entry's own row holds the number.
    uow.audit("blacklist_add", "blacklist", row.id, after={
        "subject_id": mask_id_number(subject), "source": row.source,
        "listed_on": listed_on.isoformat(),
        "expires_on": expires_on.isoformat() if expires_on else None, "case_id": case_id})
    uow.emit("blacklist_changed", entry=row.id)
    return row


@action(Perm.MANAGE_BLACKLIST)
def add_entry(ctx: Ctx, subject_id: str, source: str, *, name: str | None = None,
              reason: str | None = None, listed_on: date | None = None,
              expires_on: date | None = None) -> BlacklistInfo:
    subject = normalise_subject(subject_id)
    with ctx.uow() as uow:
        today = hall_day(uow.now, get_hall_row(uow.session).timezone)
        row = _add(uow, subject, name, source, reason, listed_on or today, expires_on, None)
        info = _info(row, today)
        uow.commit()
    return info


@action(Perm.MANAGE_BLACKLIST)
def list_entries(ctx: Ctx, *, include_inactive: bool = False) -> list[BlacklistInfo]:
    with ctx.uow(readonly=True) as uow:
        today = hall_day(uow.now, get_hall_row(uow.session).timezone)
        rows = [_info(r, today) for r in uow.session.scalars(
            select(BlacklistEntry).order_by(BlacklistEntry.id))]
    return [r for r in rows if include_inactive or r.active]


@action(Perm.MANAGE_BLACKLIST)
def remove_entry(ctx: Ctx, entry_id: int, reason: str) -> BlacklistInfo:
    if not (reason or "").strip():
        raise ValidationError("移出失信名单须填写原因", field="reason", code="reason_required")
    with ctx.uow() as uow:
        row = uow.session.get(BlacklistEntry, entry_id)
        if row is None:
            raise NotFound(f"失信名单条目 {entry_id} 不存在", field="entry",
                           code="unknown_blacklist_entry")
        if row.removed_at is not None:
            raise StateError(f"失信名单条目 {entry_id} 已移出", code="already_removed")
        row.removed_at = uow.now
        uow.session.flush()
        uow.audit("blacklist_remove", "blacklist", row.id, before={"removed_at": None},
                  after={"removed_at": uow.now.isoformat(), "reason": reason.strip()})
        uow.emit("blacklist_changed", entry=row.id)
        info = _info(row, hall_day(uow.now, get_hall_row(uow.session).timezone))
        uow.commit()
    return info


@action(Perm.REVOKE_CASE)
def revoke_for_false_commitment(ctx: Ctx, case_ref: str, reason: str, *,
                                expires_on: date | None = None) -> CaseInfo:
    """A commitment proved false: revoke the approval and blacklist the applicant."""
    if not (reason or "").strip():
        raise ValidationError("撤销须填写原因（虚假承诺的具体情况）", field="reason",
                              code="reason_required")
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        case = case_by_ref(s, case_ref)
        if not any(m.get("status") == "commitment" for m in case.materials or []):
            raise RuleViolation(f"办件 {case.number} 没有以告知承诺代替的材料，"
                                "不能以虚假承诺为由撤销", code="no_commitment")
        move(uow, case, CaseAction.REVOKE, opinion=reason.strip())
        today = hall_day(uow.now, hall.timezone)
        _add(uow, case.applicant_id, case.applicant_name, f"虚假承诺（办件 {case.number}）",
             reason.strip(), today, expires_on, case.id)
        info = case_info(s, case, hall_time(s, hall), uow.now)
        uow.commit()
    return info
