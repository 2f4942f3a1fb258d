"""The green-channel class list: what is stored, and each fault named with its entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hallapp.core.errors import ValidationError
from hallapp.core.green_channel import check_priority_classes

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "hall.json"


def test_the_demo_halls_classes_pass_unchanged() -> None:
    classes = json.loads(DEMO.read_text(encoding="utf-8"))["hall"]["priority_classes"]
    assert check_priority_classes(classes) == classes


def test_values_are_trimmed_and_an_empty_english_name_dropped() -> None:
    assert check_priority_classes([{"code": " fire_rescue ", "name": " 消防救援人员 ",
                                    "name_en": " "}]) == [
        {"code": "fire_rescue", "name": "消防救援人员"}]
    assert check_priority_classes([]) == []


@pytest.mark.parametrize(("raw", "field", "code"), [
    ({"code": "elderly"}, "priority_classes", "priority_classes_shape"),
    (["elderly"], "priority_classes[0]", "priority_class_shape"),
    ([{"code": "Elderly", "name": "老人"}], "priority_classes[0].code", "priority_code_invalid"),
    ([{"code": "", "name": "老人"}], "priority_classes[0].code", "priority_code_invalid"),
    ([{"code": "a" * 33, "name": "老人"}], "priority_classes[0].code", "priority_code_invalid"),
    ([{"code": "elderly", "name": "老人"}, {"code": "elderly", "name": "长者"}],
     "priority_classes[1].code", "priority_code_duplicate"),
    ([{"code": "elderly", "name": ""}], "priority_classes[0].name", "priority_name_invalid"),
    ([{"code": "elderly", "name": "老" * 31}], "priority_classes[0].name",
     "priority_name_invalid"),
    ([{"code": "elderly", "name": "老人", "name_en": "x" * 61}],
     "priority_classes[0].name_en", "priority_name_invalid"),
])
def test_faults_are_named(raw: object, field: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        check_priority_classes(raw)
    assert (exc.value.field, exc.value.code) == (field, code)
