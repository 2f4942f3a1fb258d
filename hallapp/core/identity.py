"""Checks for identity numbers and phone numbers typed at the kiosk and the window.

ID-card readers and QR scanners type like keyboards, and clerks type by hand, so every check
first normalises (full-width digits, spaces, lower-case ``x``) and then returns the canonical
form to store. Errors are :class:`ValidationError` with a message an applicant understands.

The resident ID check uses ``stdnum.cn.ric`` for the check digit and birth date but only checks
the province part of the region code: stdnum's county table lags behind boundary changes, and a
hall must not turn away a genuine card holder. The check digit already catches typing errors.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

from hallapp.core.errors import ValidationError
from hallapp.core.hallday import hall_day

# Province-level codes (GB/T 2260) plus 81 香港, 82 澳门, 83 台湾 (residence permits).
_PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
})
# The 2023 foreigner's permanent residence ID (外国人永久居留身份证) starts with 9.
_FOREIGN_PREFIX = "9"
_EARLIEST_BIRTH_YEAR = 1900

_MOBILE = re.compile(r"1[3-9]\d{9}")
# 3-digit area codes are 010 and 02x; all others have 4 digits. Local numbers have 7–8 digits
# and never start with 0 (that would be a second area code).
_LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))-?([1-9]\d{6,7})")


def _normalise(value: object, *, drop: str = " \t\r\n") -> str:
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value)
    return "".join(ch for ch in text if ch not in drop).upper()


def check_id_number(value: str, today: date | None = None) -> str:
    """Validate an 18-digit resident ID; return it with upper-case ``X``.

    ``today``: the hall's day, for a birth date in the future; by default today on the
    hall's clock (Asia/Shanghai), never the machine's date (UTC's on a server: yesterday until
    08:00, when a child born today was refused)."""
    number = _normalise(value, drop=" \t\r\n-")
    if not number:
        raise ValidationError("请填写身份证号码", field="id_number", code="required")
    if len(number) != 18:
        raise ValidationError(f"身份证号码应为18位（现为{len(number)}位）", field="id_number",
                              code="id_length")
    if not number[:17].isascii() or not number[:17].isdigit() or number[17] not in "0123456789X":
        raise ValidationError("身份证号码格式不正确：前17位应为数字，末位为数字或X",
                              field="id_number", code="id_format")
    if number[:2] not in _PROVINCES and not number.startswith(_FOREIGN_PREFIX):
        raise ValidationError("身份证号码地区码无效", field="id_number", code="id_region")
    try:
        born = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        born = None
    # Born in the future: a mistyped year (2030 for 1930).
    if born is None or born.year < _EARLIEST_BIRTH_YEAR or born > (today or _hall_today()):
        raise ValidationError("身份证号码中的出生日期无效", field="id_number", code="id_birth")
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError("身份证号码校验位不正确，请核对后重新输入", field="id_number",
                              code="id_checksum")
    return number


def _hall_today() -> date:
    return hall_day(datetime.now(UTC))


def is_id_number(value: str) -> bool:
    """Whether ``value`` is a valid resident ID number: what an ID-card reader types into
    whichever field has the focus, which a field for something else must not keep or echo."""
    try:
        check_id_number(value)
    except ValidationError:
        return False
    return True


def birth_date(id_number: str) -> date:
    """Birth date encoded in a (valid) resident ID."""
    return ric.get_birth_date(check_id_number(id_number))


def age_on(id_number: str, day: date) -> int:
    """Age in full years on ``day`` (e.g. the 60+ green channel). Someone born on 29 February
    turns a year older on 1 March in common years."""
    born = birth_date(id_number)
    if day < born:
        raise ValidationError(f"日期 {day.isoformat()} 早于出生日期", field="day",
                              code="date_before_birth", day=day.isoformat())
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def check_uscc(value: str) -> str:
    """Validate an 18-character unified social credit code (统一社会信用代码)."""
    code = _normalise(value, drop=" \t\r\n-")
    if not code:
        raise ValidationError("请填写统一社会信用代码", field="uscc", code="required")
    try:
        return str(uscc.validate(code))
    except stdnum_errors.InvalidLength:
        raise ValidationError(f"统一社会信用代码应为18位（现为{len(code)}位）", field="uscc",
                              code="uscc_length", length=len(code)) from None
    except stdnum_errors.InvalidChecksum:
        raise ValidationError("统一社会信用代码校验位不正确，请核对后重新输入", field="uscc",
                              code="uscc_checksum") from None
    except stdnum_errors.ValidationError:
        raise ValidationError("统一社会信用代码格式不正确：前8位应为数字，其余为数字或大写字母"
                              "（不含I、O、Z、S、V）", field="uscc", code="uscc_format") from None


def check_phone(value: str) -> str:
    """Validate a mainland mobile (11 digits) or landline number.

    Returns ``13812345678`` for mobiles (a +86/0086 prefix is dropped) and ``0755-12345678``
    for landlines (area code, hyphen, local number).
    """
    phone = _normalise(value, drop=" \t\r\n()（）")
    if phone.startswith("+86"):
        phone = phone[3:].lstrip("-")
    elif phone.startswith("0086"):
        phone = phone[4:].lstrip("-")
    digits = phone.replace("-", "")
    if _MOBILE.fullmatch(digits):
        return digits
    landline = _LANDLINE.fullmatch(phone)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    if not phone:
        raise ValidationError("请填写联系电话", field="phone", code="required")
    raise ValidationError("电话号码格式不正确：应为11位手机号，或区号加号码（如 0755-12345678）",
                          field="phone", code="phone_format")
