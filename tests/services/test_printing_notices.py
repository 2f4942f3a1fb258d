"""Printing service: the notices (一次性告知书, 不予受理, 补正, 容缺补交, 办结), from case rows
inserted in their state or made through the workflow, on both engines (``hall_db``)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from conftest import FakeClock
from pypdf import PdfReader
from test_printing import (
    NAME,
    PROBLEM_MARKS,
    CtxFor,
    correction_requested,
    insert_case,
    leaked,
    missing,
    pdf_text,
)

from hallapp.core.errors import StateError, ValidationError
from hallapp.services import printing
from hallapp.store.uow import Database


def test_missing_notice_lists_every_problem_with_requirement(ctx_for: CtxFor,
                                                             hall_db: Database) -> None:
    number = insert_case(hall_db, state="notified_missing", marks=PROBLEM_MARKS)
    job = printing.notice_document(ctx_for("clerk3"), number, "missing")
    text = pdf_text(job.pdf)
    assert job.document == "notice_missing"
    assert "一次性告知书" in text
    assert missing(text, "关于变更事项的股东会决议或股东决定", "按章程规定的表决程序作出") == []
    assert missing(text, "公司章程修正案或修改后的公司章程", "未经法定代表人签署") == []
    assert "公司自行出具" in text  # where to get it
    assert "张*三" in text
    assert NAME not in text
    assert "深圳市市场监督管理局" in text  # issuing department above the stamp


def test_refusal_notice_has_reason_and_legal_basis(ctx_for: CtxFor, hall_db: Database) -> None:
    number = insert_case(hall_db, state="refused", opinion="申请事项不属于本机关职权范围。",
                         legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项")
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), number, "refusal").pdf)
    assert missing(text, "不予受理通知书", "申请事项不属于本机关职权范围") == []
    assert missing(text, "第三十二条第一款第（二）项", "2026年11月24日") == []


def test_correction_notice_uses_the_request_when_no_mark_is_faulty(
        ctx_for: CtxFor, hall_db: Database) -> None:
    number = insert_case(hall_db, state="corrected", opinion="补正材料已提交（窗口）")
    correction_requested(hall_db, number, datetime(2026, 11, 25, 3, tzinfo=UTC),
                         "住所证明与申请书填写的地址不一致")
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), number, "correction").pdf)
    assert missing(text, "住所证明与申请书填写的地址不一致", "2026年12月10日前补正") == []
    assert "补正材料已提交" not in text


def test_a_notice_printed_later_keeps_the_date_it_was_issued(
        ctx_for: CtxFor, hall_db: Database, clock: FakeClock) -> None:
    """A 补正 notice reprinted weeks later read "issued 21 December, correct by 10
    December": a notice is dated by the step it records."""
    number = insert_case(hall_db, state="correction_requested", marks=PROBLEM_MARKS)
    correction_requested(hall_db, number, datetime(2026, 11, 25, 3, tzinfo=UTC),
                         "材料不全")
    clock.now = datetime(2026, 12, 21, 2, tzinfo=UTC)
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), number, "correction").pdf)
    assert missing(text, "2026-11-2511:00", "2026年11月25日", "2026年12月10日前补正") == []
    assert leaked(text, "2026-12-21", "2026年12月21日") == []


def test_a_correction_opinion_is_printed_once_not_on_every_material(ctx_for: CtxFor) -> None:
    """The approver's opinion, stored on each material it flags, was printed in every row:
    a 2,000-character opinion on three materials ran to 15 pages."""
    from casekit import accepted_case

    from hallapp.services import backoffice, case_clock

    number = accepted_case(ctx_for)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    opinion = "清税证明未加盖税务机关印章，" * 10
    case_clock.request_correction(approver, number, opinion, ["M01", "M02", "M03"])
    reader = PdfReader(io.BytesIO(printing.notice_document(approver, number,
                                                           "correction").pdf))
    text = pdf_text(printing.notice_document(approver, number, "correction").pdf)
    assert text.count("清税证明未加盖税务机关印章") == 10  # the opinion once
    assert "补正意见" in text
    assert len(reader.pages) == 1


def test_a_correction_due_on_a_saturday_is_due_the_next_working_day(
        ctx_for: CtxFor, hall_db: Database) -> None:
    number = insert_case(hall_db, state="correction_requested", marks=PROBLEM_MARKS)
    correction_requested(hall_db, number, datetime(2026, 11, 27, 3, tzinfo=UTC),
                         "材料不全")  # Friday + 15 days = Saturday 12-12
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), number, "correction").pdf)
    assert "2026年12月14日前补正" in text


def test_correction_notice_has_due_date(ctx_for: CtxFor, hall_db: Database) -> None:
    flagged = [{**m, "correction": m["status"] == "faulty"} for m in PROBLEM_MARKS]
    number = insert_case(hall_db, state="correction_requested", marks=flagged,
                         stopped_since=datetime(2026, 11, 26, 2, tzinfo=UTC))
    text = pdf_text(printing.notice_document(ctx_for("approver_szamr"), number,
                                             "correction").pdf)
    assert missing(text, "补正材料通知书", "2026年12月11日前补正") == []
    assert "未经法定代表人签署" in text
    assert "关于变更事项的股东会决议或股东决定" not in text  # missing, but not flagged


def test_a_correction_notice_lists_no_owed_material_it_did_not_flag(
        ctx_for: CtxFor) -> None:
    """补正 asked of a 容缺 case with no material flagged listed the owed material as one
    to correct, due on another date than its supplement notice: the approver's opinion is
    what is to be corrected, and the owed material keeps to its own notice."""
    from casekit import TOLERANT_3, accepted_case

    from hallapp.services import backoffice, case_clock

    number = accepted_case(ctx_for, TOLERANT_3, decision="accept_tolerant", seq=31,
                           M04="missing")
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.request_correction(approver, number, "请补充经营场所平面图说明")
    owed = "食品安全自查、从业人员健康管理"
    text = pdf_text(printing.notice_document(approver, number, "correction").pdf)
    assert missing(text, "补正材料通知书", "请补充经营场所平面图说明") == []
    assert owed not in text
    assert owed in pdf_text(printing.notice_document(approver, number, "supplement").pdf)


def test_a_correction_notice_asks_for_every_material_supplying_it_clears(
        ctx_for: CtxFor) -> None:
    """The approver's 补正 flagged M01, the owed 容缺 material M03 and the optional M04: the
    notice listed M01 alone (owed and optional ones were left off), yet 补正材料已提交
    cleared all three, M03's debt with it, and the approval no longer withheld the result
    for a material the applicant was never asked for on paper."""
    from casekit import TOLERANT, accepted_case

    from hallapp.services import backoffice, case_clock

    number = accepted_case(ctx_for, TOLERANT, decision="accept_tolerant", seq=32,
                           M03="missing")
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.request_correction(approver, number, "申请书未签名；所列材料请一并提交",
                                  ["M01", "M03", "M04"])
    text = pdf_text(printing.notice_document(approver, number, "correction").pdf)
    assert missing(text, "《公司登记（备案）申请书》", "公司章程修正案或修改后的公司章程",
                   "股权转让协议") == []
    assert leaked(text, "关于变更事项的股东会决议") == []  # received, not flagged
    info = case_clock.supply_correction(ctx_for("clerk1"), number)
    assert (info.state, info.owed) == ("corrected", ())


def test_supplement_notice_needs_supplement_deadline(ctx_for: CtxFor, hall_db: Database) -> None:
    number = insert_case(hall_db, marks=PROBLEM_MARKS,
                         supplement_deadline=datetime(2026, 12, 15, 9, tzinfo=UTC))
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), number, "supplement").pdf)
    assert missing(text, "容缺受理补交材料通知书", "2026年12月15日前补交") == []
    plain = insert_case(hall_db, "SZFT-20261124-00002", marks=PROBLEM_MARKS)
    with pytest.raises(StateError, match="不是容缺受理"):
        printing.notice_document(ctx_for("clerk3"), plain, "supplement")


def test_result_notice_pickup_and_express(ctx_for: CtxFor, hall_db: Database) -> None:
    pickup = insert_case(hall_db, state="result_ready", decision="approve",
                         delivery={"method": "pickup", "place": "一楼出件窗口（12号窗口）"})
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), pickup, "result").pdf)
    assert missing(text, "办结通知书", "准予许可", "一楼出件窗口（12号窗口）") == []
    assert "09:00-12:00" in text
    express = insert_case(hall_db, "SZFT-20261124-00002", state="delivered",
                          delivery={"method": "express", "carrier": "中国邮政EMS",
                                    "tracking_number": "1180123456789"})
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), express, "result").pdf)
    assert missing(text, "中国邮政EMS", "1180123456789") == []


def test_a_denial_states_its_reasons_legal_basis_and_remedies(ctx_for: CtxFor,
                                                               hall_db: Database) -> None:
    """行政许可法 第三十八条: a denial gives its reasons and the right to review or sue;
    the result notice of a denied case said only "不予批准"."""
    number = insert_case(hall_db, state="denied", decision="deny",
                         opinion="经营场所属于禁止从事餐饮服务的区域。",
                         legal_basis="《中华人民共和国食品安全法》第三十五条")
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), number, "result").pdf)
    assert missing(text, "不予批准理由", "经营场所属于禁止从事餐饮服务的区域",
                   "《中华人民共和国食品安全法》第三十五条", "行政复议", "行政诉讼") == []
    # Through the workflow: the steps after the denial (结果已制作…) do not replace its reason
    from casekit import accepted_case

    from hallapp.services import backoffice

    approver = ctx_for("approver_szamr")
    worked = accepted_case(ctx_for)
    backoffice.claim(approver, worked)
    backoffice.deny(approver, worked, "股东会决议未经全体股东签署。", "《公司法》第五十九条")
    backoffice.mark_ready(approver, worked)
    text = pdf_text(printing.notice_document(ctx_for("clerk1"), worked, "result").pdf)
    assert missing(text, "不予批准理由股东会决议未经全体股东签署。", "《公司法》第五十九条") == []
    assert "结果已制作" not in text
    granted = insert_case(hall_db, "SZFT-20261124-00099", state="result_ready",
                          decision="approve")
    text = pdf_text(printing.notice_document(ctx_for("clerk3"), granted, "result").pdf)
    assert leaked(text, "不予批准", "行政复议") == []


def test_notice_refused_in_wrong_state_or_kind(ctx_for: CtxFor, hall_db: Database) -> None:
    number = insert_case(hall_db)
    with pytest.raises(StateError, match="当前为“已受理”，不能打印不予受理通知书"):
        printing.notice_document(ctx_for("clerk3"), number, "refusal")
    with pytest.raises(StateError, match="没有缺少或不符合要求的材料"):
        printing.notice_document(ctx_for("clerk3"), insert_case(
            hall_db, "SZFT-20261124-00002", state="notified_missing"), "missing")
    with pytest.raises(ValidationError, match="未知的通知书类型"):
        printing.notice_document(ctx_for("clerk3"), number, "praise")
