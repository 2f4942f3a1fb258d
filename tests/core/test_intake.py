"""Intake decisions: which of the window's decisions are open for a checklist, and why not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hallapp.core.case_rules import CaseAction
from hallapp.core.catalogue import AutoApproveRules, Item, Limit, Material
from hallapp.core.error_text import reason_english
from hallapp.core.errors import RuleViolation, ValidationError
from hallapp.core.intake import (
    DECISION_ACTIONS,
    DECISIONS,
    Applicant,
    AutoApproval,
    MaterialMark,
    auto_approval,
    auto_approve_eligible,
    check_decision,
    check_refusal,
    choose_decision,
    evaluate,
)

LICENCE = Material("licence", "营业执照", core=True, commitment_replaceable=True)
ID_CARD = Material("id", "身份证", core=True)
LEASE = Material("lease", "租赁合同", core=False)
PHOTO = Material("photo", "照片", core=False, commitment_replaceable=True)
EXTRA = Material("extra", "其他说明", required=False)

ITEM = Item(code="X1", name="食品经营许可", department="SCJG", queue="A",
            materials=(LICENCE, ID_CARD, LEASE, PHOTO, EXTRA),
            tolerant_allowed=True, commitment_allowed=True)
IMMEDIATE = replace(ITEM, code="X2", name="证明开具", handling_type="immediate",
                    promised_limit=Limit(0, "immediate"))
PLAIN = replace(ITEM, code="X3", name="普通事项", tolerant_allowed=False,
                commitment_allowed=False)

PERSON = Applicant("person", "张三", "440301199001011234", "13800138000")
BLACKLISTED = replace(PERSON, on_blacklist=True)
COMPANY = Applicant("legal", "某某有限公司", "91440300MA5XXXXXXX")


def marks(status: str = "received", **overrides: str) -> list[MaterialMark]:
    codes = ("licence", "id", "lease", "photo")
    return [MaterialMark(c, overrides.get(c, status)) for c in codes]


def allowed(assessment_item: Item, checklist: list[MaterialMark],
            applicant: Applicant = PERSON) -> set[str]:
    return set(evaluate(assessment_item, checklist, applicant).allowed_decisions())


def test_complete_checklist_on_promised_item() -> None:
    result = evaluate(ITEM, marks(), PERSON)
    assert result.outstanding == ()
    assert set(result.allowed_decisions()) == {"accept", "refuse"}
    assert result.decisions["on_spot"].reason == "事项“食品经营许可”不是即办件"
    assert result.decisions["notify_missing"].reason_code == "nothing_missing"
    assert result.decisions["accept_tolerant"].reason_code == "nothing_to_tolerate"
    assert result.decisions["accept_commitment"].reason_code == "no_commitment"
    assert choose_decision(result) == "accept"


def test_complete_checklist_on_immediate_item() -> None:
    result = evaluate(IMMEDIATE, marks(), PERSON)
    assert set(result.allowed_decisions()) == {"on_spot", "accept", "refuse"}
    assert choose_decision(result) == "on_spot"


def test_missing_core_closes_every_acceptance_and_names_it() -> None:
    result = evaluate(ITEM, marks(licence="missing"), PERSON)
    assert result.missing_core == ("licence",)
    assert set(result.allowed_decisions()) == {"notify_missing", "refuse"}
    assert result.decisions["accept"].reason == "主审要件缺失：营业执照"
    assert result.decisions["accept_tolerant"].reason_code == "missing_core"
    assert choose_decision(result) == "notify_missing"


def test_a_closed_decision_gives_the_code_of_every_reason() -> None:
    result = evaluate(ITEM, marks(licence="missing", lease="faulty"), PERSON)
    accept = result.decisions["accept"]
    assert accept.reason_codes == ("missing_core", "faulty")  # for their English texts
    assert accept.reason == "主审要件缺失：营业执照；材料不符合要求：租赁合同"
    assert result.decisions["notify_missing"].reason_codes == ()


def test_unmarked_required_material_counts_as_missing() -> None:
    result = evaluate(ITEM, [MaterialMark("licence", "received"),
                             MaterialMark("lease", "received"),
                             MaterialMark("photo", "received")], PERSON)
    assert result.missing_core == ("id",)
    assert not result.decisions["accept"].allowed


def test_optional_material_never_blocks() -> None:
    result = evaluate(ITEM, [*marks(), MaterialMark("extra", "faulty")], PERSON)
    assert result.outstanding == ()
    assert result.decisions["accept"].allowed


def test_notice_lists_every_problem_at_once() -> None:
    result = evaluate(ITEM, marks(licence="missing", id="faulty", lease="missing"), PERSON)
    assert result.outstanding == ("licence", "lease", "id")
    assert result.decisions["notify_missing"].allowed
    reason = result.decisions["accept"].reason
    assert "主审要件缺失：营业执照" in reason
    assert "非主审要件缺失：租赁合同" in reason
    assert "材料不符合要求：身份证" in reason


def test_tolerant_acceptance_for_missing_secondary() -> None:
    result = evaluate(ITEM, marks(lease="missing"), PERSON)
    assert result.missing_secondary == ("lease",)
    assert result.supplements == ("lease",)
    assert set(result.allowed_decisions()) == {"accept_tolerant", "notify_missing", "refuse"}
    assert result.decisions["accept"].reason == "非主审要件缺失：租赁合同"
    assert choose_decision(result) == "accept_tolerant"


def test_faulty_secondary_may_be_tolerated() -> None:
    result = evaluate(ITEM, marks(photo="faulty"), PERSON)
    assert result.supplements == ("photo",)
    assert result.decisions["accept_tolerant"].allowed


def test_tolerant_refused_when_item_does_not_allow_it() -> None:
    result = evaluate(PLAIN, marks(lease="missing"), PERSON)
    assert result.decisions["accept_tolerant"].reason == "事项“普通事项”不适用容缺受理"


def test_tolerant_refused_for_faulty_core() -> None:
    result = evaluate(ITEM, marks(id="faulty", lease="missing"), PERSON)
    availability = result.decisions["accept_tolerant"]
    assert not availability.allowed
    assert availability.reason == "主审要件不符合要求：身份证"
    assert result.faulty_core == ("id",)
    assert result.supplements == ("lease",)


def test_commitment_acceptance() -> None:
    result = evaluate(ITEM, marks(licence="commitment"), PERSON)
    assert result.commitments == ("licence",)
    assert set(result.allowed_decisions()) == {"accept_commitment", "refuse"}
    assert result.decisions["accept"].reason_code == "has_commitments"
    assert "营业执照" in result.decisions["accept"].reason
    assert choose_decision(result) == "accept_commitment"


def test_commitment_refused_to_blacklisted_applicant() -> None:
    result = evaluate(ITEM, marks(licence="commitment"), BLACKLISTED)
    availability = result.decisions["accept_commitment"]
    assert not availability.allowed
    assert availability.reason == "申请人在失信名单中，不适用告知承诺制"
    assert choose_decision(result) == "notify_missing"


def test_commitment_needs_the_rest_complete() -> None:
    result = evaluate(ITEM, marks(licence="commitment", id="missing"), PERSON)
    assert result.decisions["accept_commitment"].reason == "主审要件缺失：身份证"


def test_commitment_on_immediate_item_allows_on_spot_unless_blacklisted() -> None:
    item = replace(IMMEDIATE, tolerant_allowed=False)
    assert "on_spot" in allowed(item, marks(licence="commitment"))
    result = evaluate(item, marks(licence="commitment"), BLACKLISTED)
    assert result.decisions["on_spot"].reason_code == "blacklisted"


def test_tolerant_with_commitment_needs_clean_applicant() -> None:
    assert "accept_tolerant" in allowed(ITEM, marks(licence="commitment", lease="missing"))
    result = evaluate(ITEM, marks(licence="commitment", lease="missing"), BLACKLISTED)
    assert result.decisions["accept_tolerant"].reason_code == "blacklisted"


def test_commitment_for_irreplaceable_material_is_a_rule_violation() -> None:
    with pytest.raises(RuleViolation) as err:
        evaluate(ITEM, marks(id="commitment"), PERSON)
    assert "身份证" in err.value.message
    assert err.value.facts["material"] == "id"


def test_commitment_on_item_without_commitment_is_a_rule_violation() -> None:
    with pytest.raises(RuleViolation) as err:
        evaluate(PLAIN, marks(licence="commitment"), PERSON)
    assert "营业执照" in err.value.message
    assert err.value.code == "commitment_not_allowed"


def test_unknown_material_code_is_named() -> None:
    with pytest.raises(ValidationError) as err:
        evaluate(ITEM, [*marks(), MaterialMark("deed", "received")], PERSON)
    assert "deed" in err.value.message


def test_duplicate_marks_are_rejected() -> None:
    with pytest.raises(ValidationError):
        evaluate(ITEM, [*marks(), MaterialMark("id", "missing")], PERSON)


@pytest.mark.parametrize("kwargs", [{"status": "lost"}, {"status": "received", "form": "fax"},
                                    {"status": "received", "copies": -1}])
def test_bad_marks_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        MaterialMark("id", **kwargs)  # type: ignore[arg-type]


def test_bad_applicant_kind_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Applicant("robot", "x", "1")


def test_check_decision_raises_with_reason() -> None:
    result = evaluate(ITEM, marks(licence="missing"), PERSON)
    check_decision(result, "notify_missing")
    check_decision(result, "refuse")
    with pytest.raises(RuleViolation) as err:
        check_decision(result, "accept_tolerant")
    assert err.value.message == "主审要件缺失：营业执照"
    assert err.value.code == "missing_core"
    with pytest.raises(ValidationError):
        check_decision(result, "approve")


def test_every_decision_maps_to_a_case_action() -> None:
    assert set(DECISION_ACTIONS) == set(DECISIONS)
    assert DECISION_ACTIONS["on_spot"] is CaseAction.DECIDE_ON_SPOT


def test_check_refusal() -> None:
    assert check_refusal(" 不属于本机关职权 ", " 《行政许可法》第三十二条 ") == (
        "不属于本机关职权", "《行政许可法》第三十二条")
    with pytest.raises(ValidationError) as err:
        check_refusal("理由", "  ")
    assert err.value.field == "legal_basis"
    with pytest.raises(ValidationError) as err:
        check_refusal("", "依据")
    assert err.value.field == "reason"


AUTO = replace(ITEM, code="X4", auto_approve=AutoApproveRules(True, ("person",)))


def test_auto_approve_when_everything_verified_online() -> None:
    checklist = marks("verified_online")
    result = evaluate(AUTO, checklist, PERSON)
    assert auto_approve_eligible(AUTO, result, checklist, PERSON) == (True, "")


@pytest.mark.parametrize(("item", "checklist", "applicant", "why"), [
    (ITEM, marks("verified_online"), PERSON, "未配置秒批规则"),
    (AUTO, marks("verified_online", lease="missing"), PERSON, "不适用秒批"),
    (AUTO, marks("verified_online"), COMPANY, "秒批仅适用于：自然人"),
    (AUTO, marks("verified_online", photo="received"), PERSON, "未经在线核验：照片"),
    (AUTO, marks("verified_online"), BLACKLISTED, "失信"),
])
def test_auto_approve_refusals(item: Item, checklist: list[MaterialMark],
                               applicant: Applicant, why: str) -> None:
    result = evaluate(item, checklist, applicant)
    ok, reason = auto_approve_eligible(item, result, checklist, applicant)
    assert not ok
    assert why in reason


@pytest.mark.parametrize(("item", "checklist", "applicant", "code", "facts", "english"), [
    (ITEM, marks("verified_online"), PERSON, "auto_no_rules", {"item": ITEM.code},
     f"Service item {ITEM.code} has no auto-approval rules."),
    (AUTO, marks("verified_online", lease="missing"), PERSON, "auto_incomplete", {},
     "Materials are incomplete, or some are replaced by a written commitment or owed."),
    (AUTO, marks("verified_online"), COMPANY, "auto_applicant_kind", {"kinds": "persons"},
     "Auto-approval is only for persons."),
    (AUTO, marks("verified_online", photo="received"), PERSON, "auto_not_verified_online",
     {"materials": "照片"}, "These materials are not verified online: 照片."),
    (AUTO, marks("verified_online"), BLACKLISTED, "auto_blacklisted", {},
     "The applicant is on the list of broken commitments."),
])
def test_why_auto_approval_does_not_apply_has_a_code_and_english(
        item: Item, checklist: list[MaterialMark], applicant: Applicant, code: str,
        facts: dict[str, str], english: str) -> None:
    """Each reason carries its code and facts, so the screens and the command line say it in
    English (``errors_en``) without reading the Chinese text."""
    verdict = auto_approval(item, evaluate(item, checklist, applicant), checklist, applicant)
    assert (verdict.eligible, verdict.code, dict(verdict.facts)) == (False, code, facts)
    assert reason_english(verdict.code, verdict.facts) == english
    assert auto_approval(AUTO, evaluate(AUTO, marks("verified_online"), PERSON),
                         marks("verified_online"), PERSON) == AutoApproval(True)


def test_auto_approve_without_online_requirement() -> None:
    item = replace(AUTO, auto_approve=AutoApproveRules(False, ("person", "legal")))
    checklist = marks()
    result = evaluate(item, checklist, COMPANY)
    assert auto_approve_eligible(item, result, checklist, COMPANY) == (True, "")
