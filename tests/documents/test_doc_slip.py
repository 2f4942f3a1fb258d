"""预约凭条: fields, the slot in hall local time, the check-in rule, privacy, the QR."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from docreader import page_sizes_mm, pdf_text, qr_texts

from hallapp.documents.api import build_appointment_slip
from hallapp.documents.model import AppointmentSlipData, HallInfo
from hallapp.documents.qr import APPOINTMENT_PREFIX, appointment_payload
from hallapp.documents.slip import spaced_code
from hallapp.services import appointments

HALL = HallInfo(code="SZFT01", name="深圳市福田区政务服务中心")
CODE = "K7MX3Q9A"
PHONE, ID_NUMBER = "13812345678", "440301199001011234"


def slip(**changes: object) -> AppointmentSlipData:
    """Booked Tuesday 09:05 for Saturday 09:00–09:30 Shanghai (01:00–01:30 UTC)."""
    data = AppointmentSlipData(
        hall=HALL, code=CODE, queue_name="商事登记", item_name="个体工商户设立登记",
        slot_start=datetime(2026, 11, 28, 1, 0, tzinfo=UTC),
        slot_end=datetime(2026, 11, 28, 1, 30, tzinfo=UTC),
        applicant_display="王*明 138****5678",
        booked_at=datetime(2026, 11, 24, 1, 5, tzinfo=UTC), grace_minutes=15)
    return replace(data, **changes)


@pytest.mark.parametrize("width", [58, 80])
def test_slip_prints_every_field_in_hall_time(width: int) -> None:
    pdf = build_appointment_slip(slip(), width_mm=width)
    text = pdf_text(pdf)
    for expected in ("深圳市福田区政务服务中心", "预约凭条", "预约业务：商事登记",
                     "个体工商户设立登记", "2026年11月28日09:00–09:30", CODE,
                     "预约人：王*明138****5678", "登记时间：2026-11-2409:05",
                     "请于预约时段开始前60分钟至开始后15分钟内，在自助取号机「预约签到」"
                     "扫码或输入预约码取号；逾时按普通号排队。"):
        assert expected in text, expected
    assert "01:00" not in text  # never the stored UTC time
    assert "地址" not in text  # this hall has none on file
    (w, _), = page_sizes_mm(pdf)
    assert w == pytest.approx(width, abs=0.01)


def test_slip_says_where_to_come_and_whom_to_call() -> None:
    hall = replace(HALL, address="深圳市福田区福华一路123号", phone="0755-12345")
    text = pdf_text(build_appointment_slip(slip(hall=hall), width_mm=58))
    assert "地址：深圳市福田区福华一路123号" in text
    assert "咨询电话：0755-12345" in text
    assert text.count("深圳市福田区政务服务中心") == 1  # the name on top only


@pytest.mark.parametrize("width", [58, 80])
def test_qr_holds_only_the_code(width: int) -> None:
    assert qr_texts(build_appointment_slip(slip(), width_mm=width)) == [f"HALLAPP:A:{CODE}"]


def test_qr_payload_agrees_with_the_check_in() -> None:
    # appointments keeps its own copy of the prefix so the kiosk starts without reportlab
    assert appointments.QR_PREFIX.removesuffix(":") == APPOINTMENT_PREFIX
    assert appointments.qr_payload(CODE) == appointment_payload(CODE)
    assert appointments.parse_code(appointment_payload(CODE)) == CODE
    assert appointments.parse_code(spaced_code(CODE).lower()) == CODE  # typed off the slip


def test_only_the_masked_applicant_is_printed() -> None:
    text = pdf_text(build_appointment_slip(slip()))
    assert PHONE not in text
    assert ID_NUMBER not in text
    assert "预约人" not in pdf_text(build_appointment_slip(slip(applicant_display="")))


def test_grace_and_no_item_follow_the_data() -> None:
    text = pdf_text(build_appointment_slip(slip(item_name=None, grace_minutes=10)))
    assert "开始后10分钟内" in text
    assert "个体工商户" not in text


def test_output_is_deterministic() -> None:
    assert build_appointment_slip(slip()) == build_appointment_slip(slip())


def test_english_labels_replace_chinese_words() -> None:
    labels = {"slip.title": "Appointment slip", "slip.slot": "{date}, {start} to {end}"}
    text = pdf_text(build_appointment_slip(slip(), labels=labels))
    assert "Appointmentslip" in text
    assert "2026年11月28日,09:00to09:30" in text
