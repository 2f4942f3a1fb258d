"""An applicant who switched the kiosk to English meets every refusal in English.

The refusals come from the core's ID and phone checks, the ticket and check-in services and
the kiosk's printing; ``user_message`` translates them by code. The source scan keeps the
table complete when someone adds a refusal on that path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hallapp.core.errors import ValidationError
from hallapp.core.identity import check_id_number, check_phone
from hallapp.ui.common.errors import _EN, user_message

ROOT = Path(__file__).resolve().parents[2] / "hallapp"
KIOSK_PATH = ["core/identity.py", "services/tickets.py", "services/appointments.py",
              "services/queue_sql.py", "services/queue_common.py",
              *(str(p.relative_to(ROOT)) for p in (ROOT / "ui/kiosk").glob("*.py"))]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    qapp.setProperty("hallapp_lang", "en")
    yield
    qapp.setProperty("hallapp_lang", "zh")


def _codes(relative: str) -> set[str]:
    return set(re.findall(r'code="(\w+)"', (ROOT / relative).read_text(encoding="utf-8")))


def test_every_refusal_on_the_kiosk_path_has_english() -> None:
    codes = set().union(*(_codes(f) for f in KIOSK_PATH))
    assert {"id_checksum", "unknown_appointment", "print_failed"} <= codes  # the scan works
    assert sorted(codes - set(_EN)) == []


@pytest.mark.parametrize(("check", "value", "code"), [
    (check_id_number, "", "required"),
    (check_id_number, "44030419900101", "id_length"),
    (check_id_number, "44030419900101123Y", "id_format"),
    (check_id_number, "00030419900101123X", "id_region"),
    (check_id_number, "440304199013011234", "id_birth"),
    (check_id_number, "440304199001011230", "id_checksum"),
    (check_phone, "12345", "phone_format"),
])
def test_id_and_phone_refusals_read_in_english(english: None, check: object, value: str,
                                               code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check(value)  # type: ignore[operator]
    assert caught.value.code == code
    text = user_message(caught.value)
    assert text == _EN[code]
    assert not CJK.search(text)


def test_in_chinese_the_refusal_keeps_its_own_message(qapp: QApplication) -> None:
    with pytest.raises(ValidationError) as caught:
        check_phone("12345")
    assert user_message(caught.value) == caught.value.message
