"""QR codes: payload format, no personal data, and that printed codes really scan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from docreader import qr_texts

from hallapp.core.errors import ValidationError
from hallapp.documents import (
    NOTICE_KINDS,
    build_checklist,
    build_notice,
    build_receipt,
    build_ticket,
    case_payload,
    ticket_payload,
)
from hallapp.documents.samples import sample_checklist, sample_notice, sample_receipt, sample_ticket

CASE_QR = "HALLAPP:C:440304-2026-000123:7F3KQ2"
PERSONAL = ("张三", "440304199001011234", "13812345678", "138****5678")


def test_ticket_payload_format() -> None:
    assert (ticket_payload("SZFT01", date(2026, 11, 25), "A001", 20417)
            == "HALLAPP:T:SZFT01:2026-11-25:A001:20417")


def test_case_payload_format() -> None:
    assert case_payload("440304-2026-000123", "7F3KQ2") == CASE_QR


@pytest.mark.parametrize("bad", ["", "A:1", "A 1"])
def test_payload_parts_may_not_break_the_format(bad: str) -> None:
    with pytest.raises(ValidationError):
        ticket_payload("SZFT01", date(2026, 11, 25), bad, 1)
    with pytest.raises(ValidationError):
        case_payload(bad, "X")


@pytest.mark.parametrize("width", [58, 80])
def test_ticket_qr_scans_to_lookup_payload(width: int) -> None:
    texts = qr_texts(build_ticket(sample_ticket(), width_mm=width))
    assert texts == ["HALLAPP:T:SZFT01:2026-11-25:A001:20417"]
    assert not any(p in texts[0] for p in PERSONAL)


@pytest.mark.parametrize("page", ["A4", "A5"])
def test_receipt_qr_scans_to_case_payload_without_personal_data(page: str) -> None:
    data = sample_receipt(long=True)
    full = replace(data.case, applicant_display="张三 440304199001011234 13812345678")
    texts = qr_texts(build_receipt(replace(data, case=full), page=page))
    assert texts == [CASE_QR]
    assert not any(p in texts[0] for p in PERSONAL)


@pytest.mark.parametrize("kind", NOTICE_KINDS)
def test_notice_qr_scans_to_case_payload(kind: str) -> None:
    assert qr_texts(build_notice(kind, sample_notice(kind), page="A5")) == [CASE_QR]


def test_checklist_has_no_qr() -> None:
    assert qr_texts(build_checklist(sample_checklist(), page="A5")) == []
