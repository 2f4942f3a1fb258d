"""Resident ID, credit code and phone checks with real-format numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

import pytest
from stdnum.cn import ric, uscc

from hallapp.core.errors import ValidationError
from hallapp.core.identity import (
    age_on,
    birth_date,
    check_id_number,
    check_phone,
    check_uscc,
    is_id_number,
)


def make_id(first17: str) -> str:
    """A valid resident ID: stdnum's own check-digit calculation on the first 17 digits."""
    return first17 + ric.calc_check_digit(first17 + "0")


def make_uscc(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17 + "0")


def wrong_check_digit(number: str) -> str:
    return number[:-1] + next(c for c in "0123456789X" if c != number[-1])


VALID_ID = make_id("44030119900101123")
ID_WITH_X = next(make_id(f"11010519850715{n:03d}") for n in range(1000)
                 if make_id(f"11010519850715{n:03d}").endswith("X"))


def test_valid_ids_pass_and_are_normalised() -> None:
    assert check_id_number(VALID_ID) == VALID_ID
    assert check_id_number(f"  {VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]} ") == VALID_ID
    assert check_id_number(ID_WITH_X.lower()) == ID_WITH_X
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ID_WITH_X)  # as some IMEs type it
    assert check_id_number(full_width) == ID_WITH_X
    assert check_id_number("360426199101010071") == "360426199101010071"  # stdnum's example


def test_foreign_permanent_residence_id_passes() -> None:
    number = make_id("93315619800101001")  # 2023 format starts with 9
    assert check_id_number(number) == number


@pytest.mark.parametrize(("value", "code", "fragment"), [
    ("", "required", "请填写"),
    (None, "required", "请填写"),
    ("4403011990010112", "id_length", "18位"),
    ("440301900101123", "id_length", "18位"),  # old 15-digit number
    ("44030119900101123A", "id_format", "格式"),
    ("4403011990A101123X", "id_format", "格式"),
    (make_id("00030119900101123"), "id_region", "地区码"),
    (make_id("44030119900230123"), "id_birth", "出生日期"),
    (make_id("44030118991231123"), "id_birth", "出生日期"),
    (make_id("44030119901301123"), "id_birth", "出生日期"),
    (make_id("44030120300101123"), "id_birth", "出生日期"),  # born in 2030: a mistyped year
    (wrong_check_digit(VALID_ID), "id_checksum", "校验位"),
    (VALID_ID[:10] + VALID_ID[11] + VALID_ID[10] + VALID_ID[12:], "id_checksum", "校验位"),
])
def test_invalid_ids(value: str, code: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_id_number(value)
    assert info.value.field == "id_number"
    assert info.value.code == code
    assert fragment in info.value.message


def test_birth_date_and_age() -> None:
    assert birth_date(VALID_ID) == date(1990, 1, 1)
    assert age_on(VALID_ID, date(2049, 12, 31)) == 59
    assert age_on(VALID_ID, date(2050, 1, 1)) == 60
    assert age_on(VALID_ID, date(1990, 1, 1)) == 0


def test_age_of_someone_born_on_29_february() -> None:
    leapling = make_id("11010520000229002")
    assert age_on(leapling, date(2061, 2, 28)) == 60
    assert age_on(leapling, date(2061, 3, 1)) == 61
    assert age_on(leapling, date(2060, 2, 29)) == 60


def test_age_before_birth_and_invalid_id_are_errors() -> None:
    with pytest.raises(ValidationError):
        age_on(VALID_ID, date(1989, 12, 31))
    with pytest.raises(ValidationError) as info:
        birth_date(wrong_check_digit(VALID_ID))
    assert info.value.field == "id_number"


def test_a_birth_date_is_in_the_future_by_the_halls_day(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Judged by the machine's date (UTC's on a server), a child born today in Shanghai was
    refused until 08:00."""
    from hallapp.core import identity

    newborn = make_id("44030120261124123")
    assert check_id_number(newborn, today=date(2026, 11, 24)) == newborn
    with pytest.raises(ValidationError) as info:
        check_id_number(newborn, today=date(2026, 11, 23))
    assert info.value.code == "id_birth"

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Frozen:  # 07:50 on the 24th in Shanghai
            return cls(2026, 11, 23, 23, 50, tzinfo=UTC)

    monkeypatch.setattr(identity, "datetime", Frozen)
    assert check_id_number(newborn) == newborn


# --- unified social credit code ----------------------------------------------------------


def test_valid_uscc() -> None:
    assert check_uscc("91110000600037341L") == "91110000600037341L"
    generated = make_uscc("91440300MA5FXXXXX".replace("X", "1"))
    assert check_uscc(generated.lower()) == generated
    assert check_uscc(f" {generated[:9]}-{generated[9:]} ") == generated


@pytest.mark.parametrize(("value", "code"), [
    ("", "required"),
    ("9111000060003734", "uscc_length"),
    ("91110000600037341LL", "uscc_length"),
    ("911100006000373I1L", "uscc_format"),  # I is not in the alphabet
    ("A1110000600037341L", "uscc_format"),
    ("91110000600037341M", "uscc_checksum"),
])
def test_invalid_uscc(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_uscc(value)
    assert info.value.field == "uscc"
    assert info.value.code == code


# --- phone -------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "normalised"), [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("008613812345678", "13812345678"),
    ("１９９１２３４５６７８", "19912345678"),
    ("0755-12345678", "0755-12345678"),
    ("075512345678", "0755-12345678"),
    ("(0755)12345678", "0755-12345678"),
    ("010-87654321", "010-87654321"),
    ("01087654321", "010-87654321"),
    ("0571-8765432", "0571-8765432"),
])
def test_valid_phones(value: str, normalised: str) -> None:
    assert check_phone(value) == normalised


@pytest.mark.parametrize(("value", "code"), [
    ("", "required"),
    ("   ", "required"),
    ("12812345678", "phone_format"),  # no mobile prefix 12
    ("1381234567", "phone_format"),
    ("138123456789", "phone_format"),
    ("0755-1234", "phone_format"),
    ("0755-02345678", "phone_format"),  # a local number never starts with 0
    ("abc", "phone_format"),
])
def test_invalid_phones(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_phone(value)
    assert info.value.field == "phone"
    assert info.value.code == code


def test_is_id_number_tells_a_card_read_from_other_text() -> None:
    """What the kiosk's other fields use to drop an ID card read into them."""
    valid = make_id("44030119900101123")
    assert is_id_number(valid)
    assert is_id_number(f" {valid.lower()} ")  # as a reader or keyboard may type it
    assert not is_id_number(valid[:-1] + ("0" if valid[-1] != "0" else "1"))  # check digit
    for other in ("A018", "HALLAPP:T:SZ-FT:2026-11-24:A001:1", "营业执照", "", "12345"):
        assert not is_id_number(other)
