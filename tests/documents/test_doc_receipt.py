"""受理回执: every fact the applicant relies on, masking, splitting across pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from docreader import page_sizes_mm, pdf_text

from hallapp.core.errors import ValidationError
from hallapp.documents import build_receipt
from hallapp.documents.samples import LONG_ITEM, MASKED_APPLICANT, sample_receipt

FULL_ID = "440304199001011234"


@pytest.mark.parametrize("page", ["A4", "A5"])
def test_receipt_prints_case_facts(page: str) -> None:
    text = pdf_text(build_receipt(sample_receipt(), page=page))
    for expected in ("受理回执", "办件编号440304-2026-000123", "查询码7F3KQ2",
                     "事项名称个体工商户设立登记", "实施编码11440304MB2C12345X4440117001",
                     f"申请人{MASKED_APPLICANT.replace(' ', '')}",
                     "受理时间2026-11-2509:23",  # 01:23 UTC in hall time
                     "承诺办结日期2026年12月9日", "受理窗口3号窗口", "经办人李*明（工号A0312）",
                     "已签署的告知承诺", "咨询电话：0755-88888888",
                     "地址：深圳市福田区福中三路市民中心B区一楼政务服务大厅"):
        assert expected in text, expected


def test_receipt_lists_materials_with_form_copies_and_status() -> None:
    text = pdf_text(build_receipt(sample_receipt()))
    assert "1申请人身份证明原件1已收" in text
    assert "2经营场所使用证明复印件2网上核验" in text
    assert "3登记申请书原件及复印件3告知承诺" in text


def test_long_receipt_keeps_every_material_and_splits_pages() -> None:
    data = sample_receipt(long=True)
    pdf = build_receipt(data, page="A5")
    text = pdf_text(pdf)
    assert LONG_ITEM in text
    for material in data.materials:
        assert material.name in text
    for status in ("已收", "网上核验", "告知承诺", "容缺后补"):
        assert status in text
    pages = page_sizes_mm(pdf)
    assert len(pages) >= 2
    assert f"第1页，共{len(pages)}页" in text
    assert pages[0] == pytest.approx((148, 210), abs=0.5)


def test_masked_receipt_holds_no_full_id() -> None:
    text = pdf_text(build_receipt(sample_receipt()))
    assert FULL_ID not in text
    assert "4403**********1234" in text


def test_clerk_copy_prints_what_the_caller_gives() -> None:
    data = sample_receipt()
    data = replace(data, case=replace(data.case, applicant_display=f"张三 {FULL_ID}"))
    assert FULL_ID in pdf_text(build_receipt(data))


def test_immediate_case_shows_completed_on_the_spot() -> None:
    text = pdf_text(build_receipt(replace(sample_receipt(), promised_date=None)))
    assert "承诺办结日期当场办结" in text


def test_unknown_page_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        build_receipt(sample_receipt(), page="Letter")
    assert err.value.field == "page"


def test_a_tolerant_receipt_says_by_when_the_owed_materials_are_due() -> None:
    """容缺后补 with no date: the applicant left not knowing the supplement deadline."""
    assert "容缺材料补交期限" not in pdf_text(build_receipt(sample_receipt()))
    data = replace(sample_receipt(), supplement_due=date(2026, 12, 1))
    for page in ("A4", "A5"):
        assert "容缺材料补交期限2026年12月1日前" in pdf_text(build_receipt(data, page=page))
