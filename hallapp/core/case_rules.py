"""The case (办件) state machine: which action may move a case where, and who may do it.

One table, :data:`TRANSITIONS`, is the single answer to "can this role do that now?", so the
counter, the back office and the supervisor screens all offer and refuse the same actions.
The services record every transition as an audit event; this module only decides.

Choices not fixed by DOMAIN.md:

* ``return_to_front`` sends a case from ``in_review`` back to ``received``: the front desk
  re-examines it at a window and decides again (accept, notify missing, refuse).
* ``release`` (an approver gives a claimed case back to the pool) moves ``in_review`` back to
  ``accepted``; ``claim`` works from ``accepted`` and ``corrected``. A supervisor may release
  another approver's claim (one absent, or a case to reassign), and so does an administrator
  disabling an approver's account. A case in ``special_procedure`` is released and claimed
  without leaving it: the hearing or inspection goes on (its clock stays stopped), only the
  approver who will end it changes.
* ``decide_on_spot`` works from ``received`` (the usual 即办 path) and ``accepted``.
* ``denied`` goes on to ``result_ready``/``delivered`` (the denial decision is handed out too);
  ``revoke`` of a result that was a denial is refused when the service passes ``denied=True``.
* ``revoke`` also applies to ``approved_tolerant`` and ``completed_on_spot``: a false
  commitment can be found on any approval, including one made at the window.
* Ratings (好差评) are not a state: every case may be rated in any state.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hallapp.core.errors import PermissionDenied, StateError, ValidationError


class CaseState(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    IN_REVIEW = "in_review"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTED = "corrected"
    SPECIAL_PROCEDURE = "special_procedure"
    APPROVED = "approved"
    APPROVED_TOLERANT = "approved_tolerant"  # 容缺: approved, result withheld until supplied
    DENIED = "denied"
    RESULT_READY = "result_ready"
    DELIVERED = "delivered"
    COMPLETED_ON_SPOT = "completed_on_spot"
    NOTIFIED_MISSING = "notified_missing"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    REVOKED = "revoked"


class CaseAction(StrEnum):
    DECIDE_ON_SPOT = "decide_on_spot"
    ACCEPT = "accept"
    ACCEPT_TOLERANT = "accept_tolerant"
    ACCEPT_COMMITMENT = "accept_commitment"
    NOTIFY_MISSING = "notify_missing"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    CLAIM = "claim"
    RELEASE = "release"
    APPROVE = "approve"
    DENY = "deny"
    REQUEST_CORRECTION = "request_correction"
    SUPPLY_CORRECTION = "supply_correction"
    START_SPECIAL = "start_special"
    END_SPECIAL = "end_special"
    RETURN_TO_FRONT = "return_to_front"
    SUPPLY_SUPPLEMENT = "supply_supplement"
    MARK_READY = "mark_ready"
    DELIVER = "deliver"
    REVOKE = "revoke"


ROLES = ("clerk", "approver", "supervisor", "admin")

STATE_LABELS: dict[CaseState, str] = {
    CaseState.RECEIVED: "已收件", CaseState.ACCEPTED: "已受理", CaseState.IN_REVIEW: "审查中",
    CaseState.CORRECTION_REQUESTED: "待补正", CaseState.CORRECTED: "已补正",
    CaseState.SPECIAL_PROCEDURE: "特别程序", CaseState.APPROVED: "已批准",
    CaseState.APPROVED_TOLERANT: "容缺批准（待补齐）", CaseState.DENIED: "不予批准",
    CaseState.RESULT_READY: "待出件", CaseState.DELIVERED: "已出件",
    CaseState.COMPLETED_ON_SPOT: "当场办结", CaseState.NOTIFIED_MISSING: "已一次性告知",
    CaseState.REFUSED: "不予受理", CaseState.WITHDRAWN: "已撤回", CaseState.REVOKED: "已撤销",
}

ACTION_LABELS: dict[CaseAction, str] = {
    CaseAction.DECIDE_ON_SPOT: "当场办结", CaseAction.ACCEPT: "受理",
    CaseAction.ACCEPT_TOLERANT: "容缺受理", CaseAction.ACCEPT_COMMITMENT: "告知承诺受理",
    CaseAction.NOTIFY_MISSING: "一次性告知", CaseAction.REFUSE: "不予受理",
    CaseAction.WITHDRAW: "撤回申请", CaseAction.CLAIM: "认领审查", CaseAction.RELEASE: "退回待审",
    CaseAction.APPROVE: "批准", CaseAction.DENY: "不予批准",
    CaseAction.REQUEST_CORRECTION: "要求补正", CaseAction.SUPPLY_CORRECTION: "提交补正材料",
    CaseAction.START_SPECIAL: "启动特别程序", CaseAction.END_SPECIAL: "结束特别程序",
    CaseAction.RETURN_TO_FRONT: "退回窗口", CaseAction.SUPPLY_SUPPLEMENT: "补齐容缺材料",
    CaseAction.MARK_READY: "制证完成", CaseAction.DELIVER: "出件", CaseAction.REVOKE: "撤销",
}
# Why the applicant came (a visit's ``purpose``), as ``case show`` and the staff screens say it.
VISIT_LABELS = {"intake": "收件", "supplement": "补齐容缺材料", "correction": "补正材料",
                "pickup": "出件"}

ROLE_LABELS = {"clerk": "窗口人员", "approver": "审批人员", "supervisor": "值班长",
               "admin": "管理员"}


@dataclass(frozen=True)
class Transition:
    """One row of the table; ``tolerant_target`` is used while supplements are outstanding."""

    source: CaseState
    action: CaseAction
    target: CaseState
    roles: frozenset[str]
    tolerant_target: CaseState | None = None


S, A = CaseState, CaseAction
_CLERK = frozenset({"clerk"})
_APPROVER = frozenset({"approver"})
_FRONT = frozenset({"clerk", "supervisor"})
_WITHDRAWERS = frozenset({"clerk", "approver", "supervisor"})
_RELEASERS = frozenset({"approver", "supervisor", "admin"})
_REVOKERS = frozenset({"supervisor", "admin"})
_OPEN = (S.RECEIVED, S.ACCEPTED, S.IN_REVIEW, S.CORRECTION_REQUESTED, S.CORRECTED,
         S.SPECIAL_PROCEDURE)
_REVOCABLE = (S.APPROVED, S.APPROVED_TOLERANT, S.RESULT_READY, S.DELIVERED,
              S.COMPLETED_ON_SPOT)

TRANSITIONS: dict[tuple[CaseState, CaseAction], Transition] = {
    (t.source, t.action): t for t in (
        Transition(S.RECEIVED, A.DECIDE_ON_SPOT, S.COMPLETED_ON_SPOT, _CLERK),
        Transition(S.ACCEPTED, A.DECIDE_ON_SPOT, S.COMPLETED_ON_SPOT, _CLERK),
        Transition(S.RECEIVED, A.ACCEPT, S.ACCEPTED, _CLERK),
        Transition(S.RECEIVED, A.ACCEPT_TOLERANT, S.ACCEPTED, _CLERK),
        Transition(S.RECEIVED, A.ACCEPT_COMMITMENT, S.ACCEPTED, _CLERK),
        Transition(S.RECEIVED, A.NOTIFY_MISSING, S.NOTIFIED_MISSING, _CLERK),
        Transition(S.RECEIVED, A.REFUSE, S.REFUSED, _CLERK),
        Transition(S.ACCEPTED, A.CLAIM, S.IN_REVIEW, _APPROVER),
        Transition(S.CORRECTED, A.CLAIM, S.IN_REVIEW, _APPROVER),
        Transition(S.SPECIAL_PROCEDURE, A.CLAIM, S.SPECIAL_PROCEDURE, _APPROVER),
        Transition(S.IN_REVIEW, A.RELEASE, S.ACCEPTED, _RELEASERS),
        Transition(S.SPECIAL_PROCEDURE, A.RELEASE, S.SPECIAL_PROCEDURE, _RELEASERS),
        Transition(S.IN_REVIEW, A.APPROVE, S.APPROVED, _APPROVER,
                   tolerant_target=S.APPROVED_TOLERANT),
        Transition(S.IN_REVIEW, A.DENY, S.DENIED, _APPROVER),
        Transition(S.IN_REVIEW, A.REQUEST_CORRECTION, S.CORRECTION_REQUESTED, _APPROVER),
        Transition(S.CORRECTION_REQUESTED, A.SUPPLY_CORRECTION, S.CORRECTED,
                   _CLERK | {"approver"}),
        Transition(S.IN_REVIEW, A.START_SPECIAL, S.SPECIAL_PROCEDURE, _APPROVER),
        Transition(S.SPECIAL_PROCEDURE, A.END_SPECIAL, S.IN_REVIEW, _APPROVER),
        Transition(S.IN_REVIEW, A.RETURN_TO_FRONT, S.RECEIVED, _APPROVER),
        Transition(S.APPROVED_TOLERANT, A.SUPPLY_SUPPLEMENT, S.APPROVED, _FRONT,
                   tolerant_target=S.APPROVED_TOLERANT),
        Transition(S.APPROVED, A.MARK_READY, S.RESULT_READY, _APPROVER | {"clerk"}),
        Transition(S.DENIED, A.MARK_READY, S.RESULT_READY, _APPROVER | {"clerk"}),
        Transition(S.RESULT_READY, A.DELIVER, S.DELIVERED, _CLERK),
        *(Transition(s, A.WITHDRAW, S.WITHDRAWN, _WITHDRAWERS) for s in _OPEN),
        *(Transition(s, A.REVOKE, S.REVOKED, _REVOKERS) for s in _REVOCABLE),
    )
}

# The time limit runs only in these states; it has not started before acceptance and is
# over once the decision is made.
CLOCK_RUNNING = frozenset({S.ACCEPTED, S.IN_REVIEW, S.CORRECTED})
# 补正 and special procedures (hearing, inspection) stop the clock; the time is added back.
# ``corrected`` runs again: the applicant has supplied, the department's time resumes.
CLOCK_STOPPED = frozenset({S.CORRECTION_REQUESTED, S.SPECIAL_PROCEDURE})
# A decision has been made on an accepted case (the moment 按时办结率 measures). A revoked
# case had been decided; withdrawn, refused and notified cases were never decided.
CONCLUDED = frozenset({S.APPROVED, S.APPROVED_TOLERANT, S.DENIED, S.RESULT_READY,
                       S.DELIVERED, S.COMPLETED_ON_SPOT, S.REVOKED})


# A case the back office returned to the window (退回) after it was accepted: ``received``
# again, but its clock runs on from the first acceptance, so the lists name it apart.
RETURNED_LABEL = "退回待重新受理"
# The supervisor's due list: a 容缺 case's owed materials are due (not its decision).
SUPPLEMENT_DUE_LABEL = "容缺材料待补齐"


def state_label(state: str, accepted: bool = False) -> str:
    """The label of ``state``; ``accepted`` (the case has an acceptance time) names a
    ``received`` case as returned to the window."""
    st = as_state(state)
    return RETURNED_LABEL if st is CaseState.RECEIVED and accepted else STATE_LABELS[st]


def as_state(value: str) -> CaseState:
    """Accept a stored string; an unknown one is a data error, not a silent no-op."""
    try:
        return CaseState(value)
    except ValueError:
        raise ValidationError(f"未知的办件状态：{value}", field="state",
                              code="unknown_case_state") from None


def as_action(value: str) -> CaseAction:
    try:
        return CaseAction(value)
    except ValueError:
        raise ValidationError(f"未知的办件操作：{value}", field="action",
                              code="unknown_case_action") from None


def next_state(state: str, action: str, role: str, *, supplements_outstanding: bool = False,
               denied: bool = False) -> CaseState:
    """The state after ``role`` does ``action``, or StateError / PermissionDenied.

    ``supplements_outstanding`` (容缺 materials still missing) turns ``approve`` into
    ``approved_tolerant`` and keeps ``supply_supplement`` there. ``denied`` says the case's
    decision was a denial, which cannot be revoked.
    """
    st, act = as_state(state), as_action(action)
    transition = TRANSITIONS.get((st, act))
    if transition is None or (act is A.REVOKE and denied):
        raise StateError(
            f"办件当前状态为“{STATE_LABELS[st]}”，不能执行“{ACTION_LABELS[act]}”",
            code="case_transition", state=st.value, action=act.value,
            state_label=STATE_LABELS[st], action_label=ACTION_LABELS[act])
    if role not in transition.roles:
        raise PermissionDenied(
            f"角色“{ROLE_LABELS.get(role, role)}”（{role}）无权执行“{ACTION_LABELS[act]}”"
            f"（{act.value}）", role=role, action=act.value, why="case_action",
            action_label=ACTION_LABELS[act])
    if supplements_outstanding and transition.tolerant_target is not None:
        return transition.tolerant_target
    return transition.target


def allowed_actions(state: str, role: str) -> list[CaseAction]:
    """Actions ``role`` may take now, in declaration order, for building menus."""
    st = as_state(state)
    return [a for a in CaseAction
            if (t := TRANSITIONS.get((st, a))) is not None and role in t.roles]


def clock_stopped(state: str) -> bool:
    """True while the time limit is paused (补正, special procedure)."""
    return as_state(state) in CLOCK_STOPPED


def clock_running(state: str) -> bool:
    return as_state(state) in CLOCK_RUNNING


def is_concluded(state: str) -> bool:
    """True once the decision on an accepted case is made (see :data:`CONCLUDED`)."""
    return as_state(state) in CONCLUDED


def is_final(state: str) -> bool:
    """No action can move the case any more (revocation excepted for approvals)."""
    st = as_state(state)
    return all(a is A.REVOKE for (s, a) in TRANSITIONS if s is st)


# --- case numbers and receipt verification codes ------------------------------------------

_HALL_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
_CASE_NUMBER = re.compile(r"^([A-Z0-9]{2,12})-(\d{8})-(\d{5})$")
# 32 symbols without 0/O and 1/I, so a code read aloud or typed from paper is unambiguous.
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_B32_TO_SAFE = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", _ALPHABET.encode())
VERIFICATION_LENGTH = 6


def case_number(hall_code: str, day: date, serial: int) -> str:
    """``SZFT-20261125-00012``: hall, hall day (local), daily serial from 1 to 99999."""
    if not _HALL_CODE.match(hall_code):
        raise ValidationError(f"大厅编码 {hall_code!r} 无效，应为 2–12 位大写字母或数字",
                              field="hall_code", code="hall_code_format")
    if not 1 <= serial <= 99_999:
        raise ValidationError(f"办件流水号 {serial} 超出范围（1–99999）", field="serial",
                              code="case_serial_range")
    return f"{hall_code}-{day:%Y%m%d}-{serial:05d}"


def parse_case_number(number: str) -> tuple[str, date, int]:
    match = _CASE_NUMBER.match(number.strip().upper())
    if match is None:
        raise ValidationError(f"办件编号 {number!r} 格式不正确", field="case_number",
                              code="case_number_format")
    hall, day_text, serial = match.groups()
    try:
        day = date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:]))
    except ValueError:
        raise ValidationError(f"办件编号 {number!r} 中的日期无效", field="case_number",
                              code="case_number_date") from None
    return hall, day, int(serial)


def verification_code(case_number: str, secret: bytes | str) -> str:
    """Six symbols from HMAC-SHA256(secret, case number): the receipt QR carries number and
    code, so the public lookup can show status without any personal data, and a guessed
    case number alone is not enough."""
    key = secret.encode() if isinstance(secret, str) else secret
    if not key:
        raise ValidationError("校验密钥不能为空", field="secret", code="secret_required")
    digest = hmac.new(key, case_number.encode(), hashlib.sha256).digest()
    symbols = base64.b32encode(digest).translate(_B32_TO_SAFE).decode()
    return symbols[:VERIFICATION_LENGTH]


def check_verification_code(case_number: str, code: str, secret: bytes | str) -> bool:
    """Constant-time comparison; case-insensitive, spaces and dashes ignored."""
    typed = re.sub(r"[\s-]", "", code).upper()
    return hmac.compare_digest(typed, verification_code(case_number, secret))
