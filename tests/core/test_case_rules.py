"""The case state machine: transitions, roles, clock, numbering and receipt codes."""

from __future__ import annotations

from datetime import date

import pytest

from hallapp.core.case_rules import (
    CLOCK_RUNNING,
    CLOCK_STOPPED,
    TRANSITIONS,
    CaseAction,
    CaseState,
    allowed_actions,
    case_number,
    check_verification_code,
    clock_running,
    clock_stopped,
    is_concluded,
    is_final,
    next_state,
    parse_case_number,
    verification_code,
)
from hallapp.core.errors import PermissionDenied, StateError, ValidationError

S, A = CaseState, CaseAction


@pytest.mark.parametrize(("state", "action", "role", "expected"), [
    (S.RECEIVED, A.ACCEPT, "clerk", S.ACCEPTED),
    (S.RECEIVED, A.ACCEPT_TOLERANT, "clerk", S.ACCEPTED),
    (S.RECEIVED, A.ACCEPT_COMMITMENT, "clerk", S.ACCEPTED),
    (S.RECEIVED, A.DECIDE_ON_SPOT, "clerk", S.COMPLETED_ON_SPOT),
    (S.RECEIVED, A.NOTIFY_MISSING, "clerk", S.NOTIFIED_MISSING),
    (S.RECEIVED, A.REFUSE, "clerk", S.REFUSED),
    (S.ACCEPTED, A.CLAIM, "approver", S.IN_REVIEW),
    (S.IN_REVIEW, A.RELEASE, "approver", S.ACCEPTED),
    (S.IN_REVIEW, A.APPROVE, "approver", S.APPROVED),
    (S.IN_REVIEW, A.DENY, "approver", S.DENIED),
    (S.IN_REVIEW, A.REQUEST_CORRECTION, "approver", S.CORRECTION_REQUESTED),
    (S.CORRECTION_REQUESTED, A.SUPPLY_CORRECTION, "clerk", S.CORRECTED),
    (S.CORRECTED, A.CLAIM, "approver", S.IN_REVIEW),
    (S.IN_REVIEW, A.START_SPECIAL, "approver", S.SPECIAL_PROCEDURE),
    (S.SPECIAL_PROCEDURE, A.END_SPECIAL, "approver", S.IN_REVIEW),
    (S.IN_REVIEW, A.RETURN_TO_FRONT, "approver", S.RECEIVED),
    (S.APPROVED_TOLERANT, A.SUPPLY_SUPPLEMENT, "clerk", S.APPROVED),
    (S.APPROVED, A.MARK_READY, "approver", S.RESULT_READY),
    (S.DENIED, A.MARK_READY, "approver", S.RESULT_READY),
    (S.RESULT_READY, A.DELIVER, "clerk", S.DELIVERED),
    (S.APPROVED, A.REVOKE, "supervisor", S.REVOKED),
    (S.RESULT_READY, A.REVOKE, "admin", S.REVOKED),
    (S.DELIVERED, A.REVOKE, "supervisor", S.REVOKED),
    (S.COMPLETED_ON_SPOT, A.REVOKE, "supervisor", S.REVOKED),
    (S.IN_REVIEW, A.WITHDRAW, "clerk", S.WITHDRAWN),
])
def test_transition(state: CaseState, action: CaseAction, role: str,
                    expected: CaseState) -> None:
    assert next_state(state, action, role) is expected


def test_plain_strings_are_accepted() -> None:
    assert next_state("received", "accept", "clerk") == "accepted"


def test_approve_with_supplements_outstanding_is_tolerant() -> None:
    assert next_state(S.IN_REVIEW, A.APPROVE, "approver",
                      supplements_outstanding=True) is S.APPROVED_TOLERANT


def test_partial_supplement_keeps_result_withheld() -> None:
    assert next_state(S.APPROVED_TOLERANT, A.SUPPLY_SUPPLEMENT, "clerk",
                      supplements_outstanding=True) is S.APPROVED_TOLERANT


def test_supplements_flag_does_not_affect_other_actions() -> None:
    assert next_state(S.IN_REVIEW, A.DENY, "approver",
                      supplements_outstanding=True) is S.DENIED


def test_tolerant_approval_cannot_be_made_ready() -> None:
    with pytest.raises(StateError) as err:
        next_state(S.APPROVED_TOLERANT, A.MARK_READY, "approver")
    assert "容缺批准" in err.value.message
    assert "制证完成" in err.value.message


def test_wrong_state_message_names_state_and_action() -> None:
    with pytest.raises(StateError) as err:
        next_state(S.DELIVERED, A.APPROVE, "approver")
    assert err.value.message == "办件当前状态为“已出件”，不能执行“批准”"
    assert err.value.facts == {"state": "delivered", "action": "approve",  # English: labels
                               "state_label": "已出件", "action_label": "批准"}


@pytest.mark.parametrize(("state", "action", "role"), [
    (S.RECEIVED, A.ACCEPT, "approver"),
    (S.ACCEPTED, A.CLAIM, "clerk"),
    (S.IN_REVIEW, A.APPROVE, "clerk"),
    (S.APPROVED, A.REVOKE, "approver"),
    (S.APPROVED, A.REVOKE, "clerk"),
    (S.RESULT_READY, A.DELIVER, "kiosk"),
    (S.RECEIVED, A.ACCEPT, "display"),
])
def test_wrong_role_is_denied(state: CaseState, action: CaseAction, role: str) -> None:
    with pytest.raises(PermissionDenied) as err:
        next_state(state, action, role)
    assert role in err.value.message
    assert action.value in err.value.message


def test_state_is_checked_before_role() -> None:
    with pytest.raises(StateError):
        next_state(S.WITHDRAWN, A.ACCEPT, "kiosk")


def test_denial_cannot_be_revoked() -> None:
    with pytest.raises(StateError):
        next_state(S.DELIVERED, A.REVOKE, "supervisor", denied=True)


@pytest.mark.parametrize("bad", ["closed", "", "RECEIVED"])
def test_unknown_state_is_a_validation_error(bad: str) -> None:
    with pytest.raises(ValidationError):
        next_state(bad, "accept", "clerk")


def test_unknown_action_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        next_state("received", "approve_all", "clerk")


def test_kiosk_and_display_never_act() -> None:
    for roles in (t.roles for t in TRANSITIONS.values()):
        assert not roles & {"kiosk", "display"}
        assert roles <= {"clerk", "approver", "supervisor", "admin"}
    for state in CaseState:
        assert allowed_actions(state, "kiosk") == []


def test_allowed_actions_for_clerk_at_received() -> None:
    assert allowed_actions(S.RECEIVED, "clerk") == [
        A.DECIDE_ON_SPOT, A.ACCEPT, A.ACCEPT_TOLERANT, A.ACCEPT_COMMITMENT,
        A.NOTIFY_MISSING, A.REFUSE, A.WITHDRAW]


def test_allowed_actions_for_approver_in_review() -> None:
    assert allowed_actions(S.IN_REVIEW, "approver") == [
        A.WITHDRAW, A.RELEASE, A.APPROVE, A.DENY, A.REQUEST_CORRECTION, A.START_SPECIAL,
        A.RETURN_TO_FRONT]


def test_allowed_actions_agree_with_next_state() -> None:
    for state in CaseState:
        for role in ("clerk", "approver", "supervisor", "admin"):
            for action in CaseAction:
                allowed = action in allowed_actions(state, role)
                try:
                    next_state(state, action, role)
                except (StateError, PermissionDenied):
                    assert not allowed
                else:
                    assert allowed


def test_every_state_is_reachable_from_received() -> None:
    seen, todo = {S.RECEIVED}, [S.RECEIVED]
    while todo:
        current = todo.pop()
        for (source, _), t in TRANSITIONS.items():
            targets = {t.target} | ({t.tolerant_target} if t.tolerant_target else set())
            if source is current:
                for target in targets - seen:
                    seen.add(target)
                    todo.append(target)
    assert seen == set(CaseState)


def test_clock() -> None:
    assert clock_stopped(S.CORRECTION_REQUESTED)
    assert clock_stopped(S.SPECIAL_PROCEDURE)
    assert not clock_stopped(S.CORRECTED)
    assert clock_running(S.CORRECTED)
    assert clock_running(S.IN_REVIEW)
    assert not clock_running(S.RECEIVED)
    assert not clock_running(S.APPROVED)
    assert not CLOCK_RUNNING & CLOCK_STOPPED


def test_concluded_means_decided() -> None:
    concluded = {s for s in CaseState if is_concluded(s)}
    assert concluded == {S.APPROVED, S.APPROVED_TOLERANT, S.DENIED, S.RESULT_READY,
                         S.DELIVERED, S.COMPLETED_ON_SPOT, S.REVOKED}


def test_final_states() -> None:
    final = {s for s in CaseState if is_final(s)}
    assert final == {S.DELIVERED, S.COMPLETED_ON_SPOT, S.NOTIFIED_MISSING, S.REFUSED,
                     S.WITHDRAWN, S.REVOKED}


def test_case_number_format_and_round_trip() -> None:
    number = case_number("SZFT", date(2026, 11, 25), 12)
    assert number == "SZFT-20261125-00012"
    assert parse_case_number(number) == ("SZFT", date(2026, 11, 25), 12)


@pytest.mark.parametrize(("hall", "serial"), [("szft", 1), ("S", 1), ("SZ-FT", 1),
                                               ("SZFT", 0), ("SZFT", 100_000)])
def test_case_number_rejects_bad_parts(hall: str, serial: int) -> None:
    with pytest.raises(ValidationError):
        case_number(hall, date(2026, 1, 1), serial)


@pytest.mark.parametrize("bad", ["SZFT-2026112-00012", "SZFT-20261325-00012", "x"])
def test_parse_case_number_rejects_bad_text(bad: str) -> None:
    with pytest.raises(ValidationError):
        parse_case_number(bad)


def test_verification_code_shape_and_stability() -> None:
    code = verification_code("SZFT-20261125-00012", b"secret")
    assert len(code) == 6
    assert not set(code) & set("01IO")
    assert code == verification_code("SZFT-20261125-00012", "secret")
    assert code != verification_code("SZFT-20261125-00013", b"secret")
    assert code != verification_code("SZFT-20261125-00012", b"other")


def test_verification_codes_avoid_ambiguous_symbols_everywhere() -> None:
    symbols = "".join(verification_code(f"SZFT-20261125-{n:05d}", b"k") for n in range(1, 400))
    assert not set(symbols) & set("01IO")
    assert len(set(symbols)) == 32


def test_check_verification_code() -> None:
    number = "SZFT-20261125-00012"
    code = verification_code(number, b"k")
    assert check_verification_code(number, code.lower(), b"k")
    assert check_verification_code(number, f"{code[:3]}-{code[3:]}", b"k")
    assert not check_verification_code(number, "222222" if code != "222222" else "333333", b"k")


def test_empty_secret_is_refused() -> None:
    with pytest.raises(ValidationError):
        verification_code("SZFT-20261125-00012", b"")
