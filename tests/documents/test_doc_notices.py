"""Notices: what each must say, dates, stamp area, appeal routes, kind checking."""

from __future__ import annotations

from dataclasses import replace

import pytest
from docreader import page_sizes_mm, pdf_text

from hallapp.core.errors import ValidationError
from hallapp.documents import NOTICE_KINDS, build_notice
from hallapp.documents.model import MissingNotice, ResultNotice, SupplementNotice
from hallapp.documents.samples import sample_notice

TITLES = {"missing": "一次性告知书", "refusal": "不予受理通知书", "correction": "补正材料通知书",
          "supplement": "容缺受理补交材料通知书", "result": "办结通知书"}


@pytest.mark.parametrize("kind", NOTICE_KINDS)
@pytest.mark.parametrize("page", ["A4", "A5"])
def test_every_notice_has_title_case_and_stamp(kind: str, page: str) -> None:
    text = pdf_text(build_notice(kind, sample_notice(kind), page=page))
    for expected in (TITLES[kind], "办件编号440304-2026-000123", "个体工商户设立登记",
                     "深圳市市场监督管理局福田监管局", "2026年11月25日", "（盖章）",
                     "出具时间2026-11-2509:03"):
        assert expected in text, expected
    assert "440304199001011234" not in text


@pytest.mark.parametrize("page", ["A4", "A5"])
def test_missing_notice_lists_every_problem_once_and_for_all(page: str) -> None:
    data = sample_notice("missing", long=True)
    assert isinstance(data, MissingNotice)
    text = pdf_text(build_notice("missing", data, page=page))
    for problem in data.problems:
        assert problem.name in text
    assert text.count("复印件须注明“与原件一致”并由申请人签名") == len(data.problems)
    assert "不符合要求：复印件不清晰，无法辨认公章" in text
    assert "户籍所在地派出所或“i深圳”App在线开具" in text
    assert "除本告知书所列材料外，不会要求您提供其他材料。" in text


def test_refusal_gives_reason_basis_and_both_appeal_routes() -> None:
    text = pdf_text(build_notice("refusal", sample_notice("refusal")))
    assert "不予受理理由申请事项依法不需要取得行政许可。" in text
    assert "《中华人民共和国行政许可法》第三十二条第一款第（一）项" in text
    assert "六十日内向深圳市福田区人民政府申请行政复议" in text
    assert "六个月内向深圳市福田区人民法院提起行政诉讼" in text
    assert "您于2026年11月25日申请办理" in text


def test_correction_gives_due_date_and_stopped_clock() -> None:
    text = pdf_text(build_notice("correction", sample_notice("correction")))
    assert "请于2026年12月2日前补正。" in text
    assert "补正期间办理时限暂停计算" in text


def test_supplement_gives_deadline_and_withheld_result() -> None:
    data = sample_notice("supplement", long=True)
    assert isinstance(data, SupplementNotice)
    pdf = build_notice("supplement", data, page="A5")
    text = pdf_text(pdf)
    assert "已于2026年11月25日容缺受理" in text
    assert "请于2026年12月16日前补交上述材料。" in text
    assert "材料补齐前，办理结果暂不发放" in text
    assert all(p.name in text for p in data.problems)
    assert len(page_sizes_mm(pdf)) > 1


def test_result_gives_outcome_and_pickup() -> None:
    text = pdf_text(build_notice("result", sample_notice("result")))
    assert "办理结果：准予登记" in text
    assert "结果文书：营业执照（正本、副本）" in text
    assert "福田区政务服务中心一楼出件窗口（12号窗口）领取" in text
    assert "领取时间：工作日9:00-12:00，14:00-18:00" in text
    assert "运单号" not in text


def test_result_by_express_gives_tracking_number() -> None:
    data = sample_notice("result")
    assert isinstance(data, ResultNotice)
    data = replace(data, pickup_place=None, pickup_hours=None, express_carrier="中国邮政EMS",
                   tracking_number="1180000000011")
    text = pdf_text(build_notice("result", data))
    assert "办理结果已通过中国邮政EMS寄出，运单号：1180000000011。" in text
    assert "领取时间" not in text


def test_kind_must_match_data() -> None:
    with pytest.raises(ValidationError) as err:
        build_notice("refusal", sample_notice("missing"))
    assert err.value.code == "notice_kind_mismatch"


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        build_notice("warning", sample_notice("missing"))
    assert err.value.code == "invalid_notice_kind"
