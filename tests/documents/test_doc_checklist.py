"""Material checklist from the catalogue, on sheets and on the kiosk roll."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from docreader import page_sizes_mm, pdf_text

from hallapp.core.catalogue import FourFlags, Item, Limit, Material
from hallapp.core.errors import ValidationError
from hallapp.documents import build_checklist
from hallapp.documents.checklist import checklist_from_item, limit_text
from hallapp.documents.labels import Labels
from hallapp.documents.labels_en import ENGLISH_LABELS
from hallapp.documents.samples import HALL, sample_checklist


def _item() -> Item:
    return Item(
        code="114403040001", name="个体工商户设立登记", department="SCJG", queue="A",
        promised_limit=Limit(3, "working_day"), fee=None, commitment_allowed=True,
        flags=FourFlags(one_visit=True),
        materials=(
            Material("M1", "经营者身份证明", form="original", source="online"),
            Material("M2", "经营场所使用证明", form="copy", copies=2,
                     commitment_replaceable=True, requirement="租赁合同须在有效期内"),
            Material("M3", "委托书", required=False, core=False),
        ))


@pytest.mark.parametrize("page", ["A4", "A5", "58mm", "80mm"])
def test_checklist_from_catalogue_item(page: str) -> None:
    data = checklist_from_item(_item(), HALL, datetime(2026, 11, 25, 9, 3), Labels())
    text = pdf_text(build_checklist(data, page=page))
    for expected in ("办事材料清单", "个体工商户设立登记", "承诺时限：3个工作日", "收费：不收费",
                     "经营者身份证明", "可网上核验，无需提交", "经营场所使用证明",
                     "可告知承诺", "租赁合同须在有效期内", "委托书", "视情况提交",
                     "打印时间：2026-11-2509:03", "清单以外的材料，窗口不会要求提供"):
        assert expected in text, (page, expected)


@pytest.mark.parametrize("page", ["58mm", "80mm"])
def test_roll_checklist_is_one_long_page(page: str) -> None:
    sizes = page_sizes_mm(build_checklist(sample_checklist(long=True), page=page))
    assert len(sizes) == 1
    assert sizes[0][0] == pytest.approx(int(page[:2]), abs=0.01)
    assert sizes[0][1] > 300


def test_unknown_page_is_refused() -> None:
    with pytest.raises(ValidationError):
        build_checklist(sample_checklist(), page="B5")


@pytest.mark.parametrize(("value", "unit", "english"), [
    (1, "working_day", "1 working day"), (3, "working_day", "3 working days"),
    (1, "natural_day", "1 calendar day"), (20, "natural_day", "20 calendar days"),
    (1, "hour", "1 hour"), (2, "hour", "2 hours")])
def test_english_time_limit_is_singular_or_plural(value: int, unit: str, english: str) -> None:
    item = replace(_item(), promised_limit=Limit(value, unit))
    assert limit_text(item, Labels(ENGLISH_LABELS)) == english
    assert limit_text(item, Labels()).startswith(str(value))  # Chinese: no plural


def test_a_hall_label_may_use_the_plural_placeholder_with_a_count_only() -> None:
    assert Labels({"copies_n": "{n} cop{s}"}).fmt("copies_n", n=2) == "2 cops"
    with pytest.raises(ValidationError, match="未知占位符"):
        Labels({"checklist.fee": "Fee{s}: {fee}"})


def test_english_checklist_uses_the_catalogues_english_names_where_given() -> None:
    item = replace(_item(), name_en="Individual business registration", fee="不收费",
                   conditions="经营场所合法", conditions_en="Lawful business premises")
    lease = replace(item.materials[1], requirement_en="The lease must be in force")
    item = replace(item, materials=(replace(item.materials[0], name_en="Proof of identity"),
                                    lease, item.materials[2]))
    data = checklist_from_item(item, HALL, datetime(2026, 11, 25, 9, 3),
                               Labels(ENGLISH_LABELS), english=True)
    assert data.item_name == "Individual business registration"
    assert [m.name for m in data.materials] == ["Proof of identity", "经营场所使用证明", "委托书"]
    assert data.materials[1].requirement == "The lease must be in force"
    assert data.notes == "Lawful business premises"
    assert data.fee is None  # the labels' "free of charge", not the catalogue's 不收费
    chinese = checklist_from_item(item, HALL, datetime(2026, 11, 25, 9, 3), Labels())
    assert (chinese.item_name, chinese.materials[0].name, chinese.fee, chinese.notes) == (
        "个体工商户设立登记", "经营者身份证明", "不收费", "经营场所合法")
    assert chinese.materials[1].requirement == "租赁合同须在有效期内"
    # stored items compare unchanged: the English keys appear only when given
    assert not {"name_en", "requirement_en"} & set(_item().materials[0].as_dict())
    assert "conditions_en" not in _item().as_dict()
    assert item.materials[0].as_dict()["name_en"] == "Proof of identity"


def test_an_english_checklist_prints_the_fee_and_conditions_in_english() -> None:
    """It printed the catalogue's Chinese fee ("Fee: 工本费10元"), and the conditions with no
    heading."""
    item = replace(_item(), fee="工本费10元", fee_en="Production fee CNY 10",
                   conditions="经营场所合法", conditions_en="Lawful business premises")
    english = checklist_from_item(item, HALL, datetime(2026, 11, 25, 9, 3),
                                  Labels(ENGLISH_LABELS), english=True)
    text = pdf_text(build_checklist(english, Labels(ENGLISH_LABELS), page="A4"))
    assert "Fee:ProductionfeeCNY10" in text.replace(" ", "")
    assert "Whomayapply:Lawfulbusinesspremises" in text.replace(" ", "")
    assert "工本费" not in text
    chinese = checklist_from_item(item, HALL, datetime(2026, 11, 25, 9, 3), Labels())
    text = pdf_text(build_checklist(chinese, page="A4"))
    assert "收费：工本费10元" in text
    assert "办理条件：经营场所合法" in text
    assert "fee_en" not in _item().as_dict()  # stored only when given
