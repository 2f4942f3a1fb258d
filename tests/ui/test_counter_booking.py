"""The counter's 预约 tab as a clerk uses it: pick a slot, book with the applicant's details,
see a refusal under its field, show the code and QR, print the slip, list the day's bookings,
cancel one.

Driven with pytest-qt on the demo hall (``hall_db``: both engines for booking and
cancelling, layout and models on SQLite only). The clerk is clerk1 at window 1; slots are
opened by admin1 through the service, as the admin client does; the feed is not started,
so its events are handed to the window by hand. Documents are saved as PDF files under
``tmp_path / "documents"``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock
from counterkit import counters
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from stdnum.cn import ric
from uikit import clipped, cut_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from docreader import pdf_text

from hallapp.services import appointments, printing
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent
from hallapp.store.models import Appointment, Hall
from hallapp.ui.counter.booking import BookingPanel
from hallapp.ui.counter.dialogs import ReasonDialog
from hallapp.ui.counter.models import BookingModel, SlotModel
from hallapp.ui.counter.window import CounterWindow

ID_NUMBER = "44030119900101123" + ric.calc_check_digit("440301199001011230")
BAD_ID = ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")
TODAY = date(2026, 11, 24)
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def booking(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
            tmp_path: Path, ctx_for: Callable[[str], Ctx]) -> Iterator[BookingPanel]:
    """The 预约 tab of clerk1's counter, showing queue A today, where 09:00–11:00 is open in
    four slots of two places."""
    appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(9), time(11), capacity=2)
    made = counters(qtbot, hall_db, clock, tmp_path)
    counter = next(made)()
    counter.tabs.setCurrentWidget(counter.booking)
    qtbot.waitUntil(lambda: counter.booking.slots.rowCount() == 4)
    yield counter.booking
    next(made, None)  # the counters' own teardown


def cells(model: SlotModel | BookingModel, column: str) -> list[str]:
    return [model.data(model.index(r, model.column(column))) for r in range(model.rowCount())]


def stored(db: Database) -> list[tuple[str, str | None, str | None]]:
    with db.read_session() as s:
        rows = s.execute(select(Appointment.state, Appointment.id_number, Appointment.phone)
                         .order_by(Appointment.id)).all()
    return [tuple(r) for r in rows]


def test_book_a_slot_refusals_by_field_then_code_and_qr(
        qtbot: QtBot, booking: BookingPanel, hall_db: Database) -> None:
    assert cells(booking.slots, "time") == ["09:00–09:30", "09:30–10:00", "10:00–10:30",
                                            "10:30–11:00"]
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    assert booking.message.text() == "请先在上表中选择一个时段"
    booking.slot_table.selectRow(1)
    booking.edits["name"].setText("王小明")  # typed through the input method
    qtbot.keyClicks(booking.edits["id_number"], BAD_ID)
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: booking.notes.labels["id_number"].isVisible())
    assert "校验位" in booking.notes.labels["id_number"].text()
    assert booking.edits["name"].text() == "王小明"  # nothing the clerk typed is lost
    assert stored(hall_db) == []
    booking.edits["id_number"].setText(ID_NUMBER)
    qtbot.keyClicks(booking.edits["phone"], "13812345678")
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: booking.qr.isVisible())
    [(state, id_number, phone)] = stored(hall_db)
    assert (state, id_number, phone) == ("booked", ID_NUMBER, "13812345678")
    code = booking.code.text()
    assert len(code) == 8
    assert "09:30–10:00" in booking.result.text()
    assert not booking.notes.labels["id_number"].isVisible()
    assert [e.text() for e in booking.edits.values()] == ["", "", ""]  # ready for the next
    qtbot.waitUntil(lambda: cells(booking.slots, "booked")[1] == "1")
    assert cells(booking.bookings, "code") == [code]
    assert cells(booking.bookings, "who") == ["王*明"]  # masked
    assert cells(booking.slots, "free")[1] == "1"


def test_cancel_frees_the_place_and_a_full_slot_is_refused(
        qtbot: QtBot, booking: BookingPanel, ctx_for: Callable[[str], Ctx],
        monkeypatch: pytest.MonkeyPatch, hall_db: Database) -> None:
    slot = booking.slots.row(0)
    for _ in range(2):  # another desk fills the first slot meanwhile
        appointments.book(ctx_for("clerk2"), slot.id, phone="13912345678")
    booking.slot_table.selectRow(0)
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "约满" in booking.message.text())
    qtbot.waitUntil(lambda: cells(booking.bookings, "state") == ["已预约", "已预约"])
    assert cells(booking.slots, "free")[0] == "0"
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: None))
    qtbot.mouseClick(booking.cancel_button, Qt.MouseButton.LeftButton)
    assert booking.message.text() == "请先在当日预约中选择要取消的一条"
    booking.booking_table.selectRow(0)
    qtbot.mouseClick(booking.cancel_button, Qt.MouseButton.LeftButton)  # the clerk cancels
    assert [s for s, _, _ in stored(hall_db)] == ["booked", "booked"]
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "申请人来电取消"))
    qtbot.mouseClick(booking.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cells(booking.bookings, "state") == ["已取消", "已预约"])
    assert "名额已释放" in booking.result.text()
    assert cells(booking.slots, "free")[0] == "1"
    assert [s for s, _, _ in stored(hall_db)] == ["cancelled", "booked"]


@SQLITE_ONLY
def test_checkin_elsewhere_shows_on_the_next_feed_event(
        qtbot: QtBot, booking: BookingPanel, ctx_for: Callable[[str], Ctx],
        clock: FakeClock) -> None:
    made = appointments.book(ctx_for("clerk2"), booking.slots.row(0).id)
    ticket = appointments.checkin(ctx_for("kiosk1"), made.code)
    counter = booking.window()
    assert isinstance(counter, CounterWindow)
    counter._on_feed_events_arrived([FeedEvent(1, clock(), "appointment_booked", {})])
    qtbot.waitUntil(lambda: cells(booking.bookings, "state") == [f"已签到 {ticket.number}"])


@SQLITE_ONLY
def test_other_days_and_queues_and_nothing_clipped(
        qtbot: QtBot, booking: BookingPanel, qtmodeltester: Any) -> None:
    booking.day.setDate(booking.day.date().addDays(1))
    qtbot.waitUntil(lambda: booking.slots.rowCount() == 0)
    assert booking.message.text() == "该日该队列没有开放的预约时段"
    booking.day.setDate(booking.day.date().addDays(-1))
    qtbot.waitUntil(lambda: booking.slots.rowCount() == 4)
    assert booking.message.text() == ""
    booking.queue.setCurrentIndex(booking.queue.findData("B"))
    qtbot.waitUntil(lambda: booking.slots.rowCount() == 0)
    booking.notes.labels["phone"].setText("手机号码格式不正确：应为 11 位手机号，或区号-号码")
    booking.notes.labels["phone"].show()
    QApplication.processEvents()
    assert clipped(booking.window()) == []
    for model in (booking.slots, booking.bookings):
        qtmodeltester.check(model)


def test_print_and_reprint_the_slip_of_the_booking_shown(
        qtbot: QtBot, booking: BookingPanel, ctx_for: Callable[[str], Ctx],
        tmp_path: Path) -> None:
    assert not booking.print_button.isEnabled()  # nothing booked yet
    booking.slot_table.selectRow(2)
    qtbot.keyClicks(booking.edits["phone"], "13812345678")
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(booking.print_button.isEnabled)
    code = booking.code.text()
    qtbot.mouseClick(booking.print_button, Qt.MouseButton.LeftButton)
    slip = tmp_path / "documents" / f"appointment-{code}.pdf"
    qtbot.waitUntil(lambda: "已保存为 PDF" in booking.result.text())
    assert booking.result.text().startswith("预约成功：")  # the booking line stays
    assert str(slip) in booking.result.text()
    text = pdf_text(slip.read_bytes())
    assert code in text
    assert "138****5678" in text
    assert "13812345678" not in text
    qtbot.waitUntil(booking.print_button.isEnabled)
    qtbot.mouseClick(booking.print_button, Qt.MouseButton.LeftButton)  # the applicant lost it
    qtbot.waitUntil(lambda: len(printing.print_history(ctx_for("clerk1"), code)) == 2)
    appointments.cancel(ctx_for("clerk2"), code, "申请人来电取消")
    qtbot.waitUntil(booking.print_button.isEnabled)
    qtbot.mouseClick(booking.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不能打印预约凭条" in booking.message.text())
    assert booking.message.text().startswith("预约凭条打印失败：该预约已取消")


def test_an_english_slip_for_an_applicant_who_reads_english(
        qtbot: QtBot, booking: BookingPanel, tmp_path: Path) -> None:
    booking.slot_table.selectRow(2)
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(booking.print_button.isEnabled)
    booking.slip_row.english.setChecked(True)
    qtbot.mouseClick(booking.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已保存为 PDF" in booking.result.text())
    text = pdf_text((tmp_path / "documents" / f"appointment-{booking.code.text()}.pdf")
                    .read_bytes())
    assert "Appointmentcode" in text
    assert "预约码" not in text


ITEM_A = "440300000000069391780001"  # 有限责任公司设立登记, queue A
ITEM_A2 = "440300000000069391780006"  # 合伙企业设立登记, queue A
NO_BOOKING = "440300000000069391780004"  # 个体工商户设立登记, queue A: 支持预约 no


def test_picking_an_item_leaves_the_slots_it_may_use_and_books_it(
        qtbot: QtBot, booking: BookingPanel, ctx_for: Callable[[str], Ctx],
        hall_db: Database) -> None:
    appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(9), time(9, 30),
                              capacity=1, item_code=ITEM_A)
    booking.refresh()
    qtbot.waitUntil(lambda: booking.slots.rowCount() == 5)  # no item picked: every slot
    assert cells(booking.slots, "item").count("有限责任公司设立登记") == 1
    assert booking.item.currentData() is None
    offered = {booking.item.itemData(n) for n in range(booking.item.count())}
    assert {ITEM_A, ITEM_A2} <= offered
    assert NO_BOOKING not in offered  # takes no appointments
    assert "440300000000069392144002" not in offered  # queue B's
    booking.item.setCurrentIndex(booking.item.findData(ITEM_A2))
    assert cells(booking.slots, "item") == [""] * 4  # the slot kept for ITEM_A is gone
    booking.item.setCurrentIndex(booking.item.findData(ITEM_A))
    assert len(cells(booking.slots, "item")) == 5
    kept = cells(booking.slots, "item").index("有限责任公司设立登记")
    booking.slot_table.selectRow(kept)
    booking.item.setCurrentIndex(0)  # back to any item: the chosen slot stays chosen
    assert booking.chosen_slot() is not None
    assert booking.chosen_slot().item_code == ITEM_A
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: booking.qr.isVisible())
    assert "有限责任公司设立登记" in booking.result.text()
    qtbot.waitUntil(lambda: cells(booking.bookings, "item") == ["有限责任公司设立登记"])

    # A general slot booked for a picked item carries it to the ticket.
    booking.item.setCurrentIndex(booking.item.findData(ITEM_A2))
    booking.slot_table.selectRow(0)
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(cells(booking.bookings, "item")) == 2)
    code = booking.code.text()
    ticket = appointments.checkin(ctx_for("kiosk1"), code)
    assert ticket.item_code == ITEM_A2


@SQLITE_ONLY
def test_an_item_refusal_shows_under_the_item(
        qtbot: QtBot, booking: BookingPanel, ctx_for: Callable[[str], Ctx],
        hall_db: Database) -> None:
    """A slot kept for an item the clerk's list no longer matches (opened after the tab
    loaded, and the clerk picked another item before the table caught up) is refused by the
    service; the refusal sits under 事项 and nothing is booked."""
    [kept] = appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(11), time(11, 30),
                                       capacity=1, item_code=ITEM_A)
    booking.item.setCurrentIndex(booking.item.findData(ITEM_A2))
    booking.slots.set_rows([kept])  # what a stale table would still show
    booking.slot_table.selectRow(0)
    booking.edits["name"].setText("王小明")
    qtbot.mouseClick(booking.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: booking.notes.labels["item"].isVisible())
    assert "有限责任公司设立登记" in booking.notes.labels["item"].text()
    assert booking.item.property("invalid") in (True, "true")
    assert booking.edits["name"].text() == "王小明"
    assert stored(hall_db) == []


@SQLITE_ONLY
def test_an_item_withdrawn_leaves_the_open_tab(
        qtbot: QtBot, booking: BookingPanel, ctx_for: Callable[[str], Ctx]) -> None:
    """An item withdrawn on the admin's catalogue tab is no longer offered at a counter
    already running (the feed's catalogue_changed); the item the clerk picked stays picked."""
    from datetime import UTC, datetime

    from hallapp.services import admin

    booking.item.setCurrentIndex(booking.item.findData(ITEM_A2))
    assert booking.item.findData(ITEM_A) >= 0
    admin.retire_item(ctx_for("admin1"), ITEM_A)
    counter = booking.window()
    assert isinstance(counter, CounterWindow)
    counter.feed.events_arrived.emit(
        [FeedEvent(1, datetime.now(UTC), "catalogue_changed", {"item": ITEM_A})])
    qtbot.waitUntil(lambda: booking.item.findData(ITEM_A) == -1)
    assert booking.item.currentData() == ITEM_A2
    codes = [booking.queue.itemData(n) for n in range(booking.queue.count())]
    assert len(codes) == len(set(codes))  # read again, not added to


@SQLITE_ONLY
def test_slot_times_and_today_follow_the_halls_own_zone(
        qtbot: QtBot, hall_db: Database, clock: FakeClock, tmp_path: Path,
        ctx_for: Callable[[str], Ctx]) -> None:
    """A hall configured in New York (16:30 UTC on the 23rd is 11:30 there, and already the
    24th in Beijing): the tab opens on the hall's today and shows slot times on the hall's
    clock, not Beijing's."""
    with hall_db.write_session() as s:
        s.execute(update(Hall).values(timezone="America/New_York"))
        s.commit()
    clock.now = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
    hall_today = date(2026, 11, 23)
    appointments.create_slots(ctx_for("admin1"), "A", hall_today, time(14), time(15))
    made = counters(qtbot, hall_db, clock, tmp_path)
    counter = next(made)()
    counter.tabs.setCurrentWidget(counter.booking)
    booking = counter.booking
    qtbot.waitUntil(lambda: booking.slots.rowCount() == 2)
    assert booking.selected_day() == hall_today
    assert booking.day.minimumDate().day() == 23
    assert cells(booking.slots, "time") == ["14:00–14:30", "14:30–15:00"]
    next(made, None)


@SQLITE_ONLY
def test_the_earliest_day_to_book_follows_the_hall_clock_overnight(
        qtbot: QtBot, booking: BookingPanel, clock: FakeClock,
        ctx_for: Callable[[str], Ctx]) -> None:
    """A counter left open overnight kept yesterday as the earliest day to book, and showed
    yesterday's slots: "today" was read once, when the tab opened."""
    tomorrow = date(2026, 11, 25)
    appointments.create_slots(ctx_for("admin1"), "A", tomorrow, time(14), time(15))
    booking.today.timer.setInterval(50)  # the day is looked at every 30 s
    clock.now = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 09:00 the next morning
    qtbot.waitUntil(lambda: booking.selected_day() == tomorrow)
    assert booking.day.minimumDate().day() == 25
    qtbot.waitUntil(lambda: cells(booking.slots, "time") == ["14:00–14:30", "14:30–15:00"])


@SQLITE_ONLY
def test_slots_past_their_grace_period_are_not_offered(
        qtbot: QtBot, booking: BookingPanel, clock: FakeClock) -> None:
    """The slot table offered slots past their grace period, which the service refuses to
    book (and before that, ended slots with free places)."""
    clock.advance(minutes=16)  # 09:16: the 09:00 slot's grace period is over
    booking.refresh()
    qtbot.waitUntil(lambda: booking.slots.rowCount() == 3)
    assert cells(booking.slots, "time") == ["09:30–10:00", "10:00–10:30", "10:30–11:00"]


@SQLITE_ONLY
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_days_bookings_fit_a_small_screen_in_both_languages(
        qtbot: QtBot, hall_db: Database, clock: FakeClock, tmp_path: Path,
        ctx_for: Callable[[str], Ctx], lang: str) -> None:
    """At 1280×800 the day's bookings cut the 事项 header and hid the state column (their
    table had half the tab's width)."""
    from hallapp.ui.common.qt_app import application

    clerk, kiosk = ctx_for("clerk1"), ctx_for("kiosk1")
    general = appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(9), time(11),
                                        capacity=3)
    [kept] = appointments.create_slots(ctx_for("admin1"), "A", TODAY, time(9), time(9, 30),
                                       capacity=2, item_code=ITEM_A)
    came = appointments.book(clerk, general[0].id, name="欧阳娜娜")
    late = appointments.book(clerk, kept.id, id_number=ID_NUMBER)
    for n, slot in enumerate(general[1:]):
        body = f"4403011985050512{n}"
        appointments.book(clerk, slot.id, id_number=body + ric.calc_check_digit(body + "0"))
        appointments.book(clerk, slot.id, phone="13812345678")
    appointments.checkin(kiosk, came.code)
    clock.advance(minutes=16)  # 09:16: the 09:00 slots' grace period is over
    appointments.checkin(kiosk, late.code)
    made = counters(qtbot, hall_db, clock, tmp_path)
    make = next(made)
    application(lang)
    try:
        booking = make().booking
        booking.window().tabs.setCurrentWidget(booking)
        qtbot.waitUntil(lambda: booking.bookings.rowCount() == 8)
        QApplication.processEvents()
        assert booking.bookings.header_text("code") == {"zh": "预约码", "en": "Code"}[lang]
        assert cut_table(booking.booking_table) == []
        assert cut_table(booking.slot_table) == []
    finally:
        application("zh")
        next(made, None)
