"""Queue tickets: fields, hall local time, privacy, roll sizes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from docreader import page_sizes_mm, pdf_text

from hallapp.core.errors import ValidationError
from hallapp.documents import build_ticket
from hallapp.documents.samples import sample_ticket


@pytest.mark.parametrize("width", [58, 80])
def test_ticket_prints_every_field(width: int) -> None:
    text = pdf_text(build_ticket(sample_ticket(), width_mm=width))
    for expected in ("深圳市福田区政务服务中心", "A001", "办理业务：商事登记", "个体工商户设立登记",
                     "您前面还有12人等候", "预计等候约35分钟", "绿色通道·60岁以上老人",
                     "预约号·09:00-09:30", "办事人：138****5678",
                     "请留意叫号屏幕和语音提示，过号请到服务台。"):
        assert expected in text, expected


def test_take_time_is_hall_local_time_not_utc() -> None:
    # sample taken_at is 01:03 UTC, i.e. 09:03 in Asia/Shanghai
    text = pdf_text(build_ticket(sample_ticket()))
    assert "取号时间：2026-11-2509:03" in text
    assert "01:03" not in text


def test_naive_take_time_is_printed_as_given() -> None:
    data = replace(sample_ticket(), taken_at=datetime(2026, 11, 25, 23, 59))
    assert "2026-11-2523:59" in pdf_text(build_ticket(data))


def test_nobody_ahead_prints_no_wait_estimate() -> None:
    data = replace(sample_ticket(), people_ahead=0, estimated_wait_minutes=0)
    text = pdf_text(build_ticket(data))
    assert "您前面没有人等候" in text
    assert "预计等候" not in text


def test_a_ticket_no_longer_waiting_prints_no_wait_at_all() -> None:
    """A reprint after the call or a no-show: "nobody ahead" would be news it is not."""
    text = pdf_text(build_ticket(replace(sample_ticket(), people_ahead=None,
                                         estimated_wait_minutes=None)))
    assert "A001" in text
    assert "您前面" not in text
    assert "预计等候" not in text


def test_plain_ticket_has_no_marks_and_no_applicant() -> None:
    data = replace(sample_ticket(green=False), appointment_slot=None, applicant_display=None)
    text = pdf_text(build_ticket(data))
    assert "绿色通道" not in text
    assert "预约号" not in text
    assert "办事人" not in text


@pytest.mark.parametrize("width", [58, 80])
def test_page_is_roll_width_and_grows_with_content(width: int) -> None:
    short = build_ticket(replace(sample_ticket(), item_name=None), width_mm=width)
    tall = build_ticket(replace(sample_ticket(), item_name="不动产登记" * 30), width_mm=width)
    (w_short, h_short), = page_sizes_mm(short)
    (w_tall, h_tall), = page_sizes_mm(tall)
    assert w_short == pytest.approx(width, abs=0.01)
    assert w_tall == pytest.approx(width, abs=0.01)
    assert h_tall > h_short + 10


def test_unknown_roll_width_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        build_ticket(sample_ticket(), width_mm=76)
    assert err.value.field == "width_mm"


def test_output_is_deterministic() -> None:
    assert build_ticket(sample_ticket()) == build_ticket(sample_ticket())


def test_english_labels_replace_chinese_words() -> None:
    labels = {"ticket.ahead": "{n} people ahead of you", "ticket.your_number": "Your number"}
    text = pdf_text(build_ticket(sample_ticket(), labels=labels))
    assert "12peopleaheadofyou" in text
    assert "Yournumber" in text
    assert "您前面还有" not in text


def test_unknown_label_key_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        build_ticket(sample_ticket(), labels={"ticket.ahaed": "typo"})
    assert err.value.code == "unknown_label"


def test_label_with_unknown_placeholder_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        build_ticket(sample_ticket(), labels={"ticket.ahead": "{count} ahead"})
    assert err.value.code == "unknown_label_placeholder"


@pytest.mark.parametrize("width", [58, 80])
def test_ticket_says_where_the_hall_is_and_whom_to_call(width: int) -> None:
    text = pdf_text(build_ticket(sample_ticket(), width_mm=width))
    assert "地址：深圳市福田区福中三路市民中心B区一楼政务服务大厅" in text
    assert "咨询电话：0755-88888888" in text
    bare = replace(sample_ticket(), hall=replace(sample_ticket().hall, address=None, phone=None))
    text = pdf_text(build_ticket(bare, width_mm=width))
    assert "地址" not in text
    assert "咨询电话" not in text
