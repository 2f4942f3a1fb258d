"""Handing out results (出件): at the unified window, or by express post (快递送达).

At the window the person collecting shows the receipt (its QR payload
``HALLAPP:C:<case_number>:<verification_code>`` is checked against the hall's secret, so a
guessed case number is not enough) or the applicant's or authorised agent's ID number.
Collecting in person is a hall visit (最多跑一次 counts it unless it is the same hall day as
another visit); express delivery is not.
"""

from __future__ import annotations

import re

from hallapp.core import case_notes
from hallapp.core.case_rules import CaseAction, check_verification_code
from hallapp.core.errors import RuleViolation, ValidationError
from hallapp.core.identity import check_id_number
from hallapp.core.roles import Perm
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import (
    QR_PREFIX,
    case_by_ref,
    counter_ticket,
    frozen_item,
    move,
    record_visit,
)
from hallapp.services.case_views import CaseInfo, case_info
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.store.models import Case, Hall
from hallapp.store.uow import UnitOfWork

TRACKING = re.compile(r"^[A-Za-z0-9-]{6,40}$")


def check_pickup(hall: Hall, case: Case, proof: str) -> str:
    """"qr" or "id" if ``proof`` entitles its bearer to the result, else ValidationError."""
    text = (proof or "").strip()
    if text.upper().startswith(QR_PREFIX):
        parts = text.split(":")
        if (len(parts) != 4 or parts[2].upper() != case.number
                or not check_verification_code(case.number, parts[3], hall.secret)):
            raise ValidationError("回执二维码与该办件不符或校验码错误，不能出件",
                                  field="proof", code="pickup_mismatch")
        return "qr"
    number = check_id_number(text)
    allowed = {case.applicant_id, (case.agent or {}).get("id_number")}
    if number not in allowed:
        raise ValidationError("领取人身份证号码与申请人（或受托代理人）不符，不能出件",
                              field="proof", code="pickup_mismatch")
    return "id"


def _finish(uow: UnitOfWork, case: Case) -> CaseInfo:
    info = case_info(uow.session, case, hall_time(uow.session), uow.now)
    uow.commit()
    return info


@action(Perm.DELIVER_CASE)
def deliver(ctx: Ctx, case_ref: str, proof: str, *, window: int | None = None) -> CaseInfo:
    """Hand the result out at a window against the receipt QR or an ID number."""
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        case = case_by_ref(s, case_ref)
        method = check_pickup(hall, case, proof)
        record_visit(uow, case, "pickup", hall.timezone,
                     ticket_id=counter_ticket(s, hall.id, ctx.actor.staff_id))
        note = case_notes.DELIVERED_BY_QR if method == "qr" else case_notes.DELIVERED_BY_ID
        move(uow, case, CaseAction.DELIVER, opinion=note, delivered_at=uow.now,
             delivery={"method": "window", "proof": method,
                       "window": window or ctx.actor.window_number})
        return _finish(uow, case)


@action(Perm.DELIVER_CASE)
def deliver_express(ctx: Ctx, case_ref: str, tracking_number: str, *, carrier: str = "EMS",
                    address: str | None = None) -> CaseInfo:
    """Send the result by express post; only for items that offer it."""
    tracking = (tracking_number or "").strip()
    if not TRACKING.match(tracking):
        raise ValidationError("快递单号应为 6–40 位字母、数字或连字符", field="tracking_number",
                              code="tracking_format")
    with ctx.uow() as uow:
        s = uow.session
        case = case_by_ref(s, case_ref)
        item = frozen_item(s, case)
        if not item.express_delivery:
            raise RuleViolation(f"事项“{item.name}”不提供快递送达，请到窗口领取",
                                code="express_not_offered")
        move(uow, case, CaseAction.DELIVER,
             opinion=case_notes.DELIVERED_BY_EXPRESS.format(f"{carrier} {tracking}"),
             delivered_at=uow.now,
             delivery={"method": "express", "carrier": carrier.strip() or "EMS",
                       "tracking": tracking, "address": (address or "").strip() or None})
        return _finish(uow, case)


@action(Perm.DELIVER_CASE)
def mark_ready_at_window(ctx: Ctx, case_ref: str) -> CaseInfo:
    """The window prints the result itself (e.g. a certificate made at the counter)."""
    with ctx.uow() as uow:
        case = case_by_ref(uow.session, case_ref)
        move(uow, case, CaseAction.MARK_READY, opinion=case_notes.MADE_AT_WINDOW)
        return _finish(uow, case)
