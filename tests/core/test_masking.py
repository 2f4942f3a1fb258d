"""Masking for public surfaces: the documented shapes, and never the full value."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallapp.core.masking import (
    MaskingPolicy,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_uscc,
)

Masker = Callable[[str | None], str]
ALL = [mask_name, mask_id_number, mask_phone, mask_uscc]


@pytest.mark.parametrize(("name", "masked"), [
    ("张三", "张*"),
    ("张小三", "张*三"),
    ("欧阳小明", "欧**明"),
    ("阿卜杜拉·艾买提", "阿***·**提"),
    ("  张小三 ", "张*三"),
    ("Li", "L*"),
    ("John Smith", "J*** ****h"),
    ("A B", "A**"),
    ("张", "*"),
    ("深圳市示例科技有限公司", "深*********司"),  # 9 hidden: kept as long
    ("王" + "小" * 98 + "明", "王****明"),  # a long name: no line of 98 stars (nor its length)
])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_numbers() -> None:
    assert mask_id_number("440301199001011234") == "4403**********1234"
    assert mask_id_number("44030119900101123X") == "4403**********123X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0755-12345678") == "0755-****5678"
    assert mask_phone("010-8765432") == "010-***5432"
    assert mask_phone("+86-138-1234-5678") == "+86*******5678"
    assert mask_phone("138-1234-5678") == "138****5678"
    assert mask_uscc("91110000600037341L") == "9111**********341L"


@pytest.mark.parametrize(("value", "masked"), [
    ("12", "**"),
    ("1234", "1**4"),
    ("1234567", "12***67"),
    ("12345678", "12****78"),
])
def test_short_values_hide_at_least_a_third(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked


@pytest.mark.parametrize("mask", ALL)
@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_values_give_empty_text(mask: Masker, value: str | None) -> None:
    assert mask(value) == ""


def test_a_phone_of_hyphens_only_still_shows_a_star() -> None:
    assert mask_phone("- ") == "*"  # found by hypothesis: it gave ""


@pytest.mark.parametrize("mask", ALL)
@given(value=st.text(alphabet=st.characters(blacklist_characters="*"), min_size=2))
def test_never_returns_the_full_value(mask: Masker, value: str) -> None:
    masked = mask(value)
    assert masked != value
    if value.split():  # only blanks (U+0085 too) is empty: test_empty_values_give_empty_text
        assert "*" in masked
        assert masked != " ".join(value.split())


def test_policy_masks_by_default() -> None:
    policy = MaskingPolicy()
    assert policy.apply("name", "张小三") == "张*三"
    assert policy.apply("id_number", "440301199001011234") == "4403**********1234"
    assert policy.apply("uscc", "91110000600037341L") == "9111**********341L"
    assert policy.apply("phone", "13812345678") == "138****5678"
    assert policy.apply("name", None) == ""


def test_policy_can_show_each_kind() -> None:
    policy = MaskingPolicy(mask_names=False, mask_ids=False, mask_phones=False)
    assert policy.apply("name", "张小三") == "张小三"
    assert policy.apply("id_number", "440301199001011234") == "440301199001011234"
    assert policy.apply("uscc", "91110000600037341L") == "91110000600037341L"
    assert policy.apply("phone", "13812345678") == "13812345678"
    assert policy.apply("phone", None) == ""
    names_only = MaskingPolicy(mask_names=False)
    assert names_only.apply("name", "张小三") == "张小三"
    assert names_only.apply("phone", "13812345678") == "138****5678"


def test_policy_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown masking kind"):
        MaskingPolicy().apply("email", "a@b.c")  # type: ignore[arg-type]
