"""The kiosk as an applicant uses it: take a ticket, search, check in, lock, idle, offline.

Driven through the widgets with pytest-qt on the demo hall (``hall_db``, both engines where
the database matters; layout, lock and idle tests run on SQLite only). The printer is a
fake that records tickets or fails like a jammed printer; the feed is not started unless a
test needs its events, so its connection signals are emitted by hand.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from kioskkit import (
    ID_NUMBER,
    LONG_ITEM,
    FakePrinter,
    kiosks,
    take_via_ui,
    tickets_in,
    visible_texts,
)
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from uikit import clipped

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from docreader import pdf_text

from hallapp.core.catalogue import Limit
from hallapp.services import appointments, queue_admin, tickets
from hallapp.services.catalogue import get_item
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent
from hallapp.services.queue_common import TicketInfo
from hallapp.services.tickets import TicketStatus
from hallapp.store.models import Appointment, PrintLog
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.kiosk.flow import IssueOutcome
from hallapp.ui.kiosk.pin import AdminPinDialog
from hallapp.ui.kiosk.status import TicketStatusPage
from hallapp.ui.kiosk.window import KioskWindow

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def spoken() -> list[str]:
    return []


@pytest.fixture
def make_kiosk(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
               spoken: list[str]) -> Iterator[Callable[..., KioskWindow]]:
    yield from kiosks(qtbot, hall_db, clock, spoken)


def test_take_ticket_shows_number_and_masks_id(qtbot: QtBot, make_kiosk: Callable[..., Any],
                                              hall_db: Database) -> None:
    kiosk = make_kiosk()
    take_via_ui(qtbot, kiosk, "A", ID_NUMBER)
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    [row] = tickets_in(hall_db)
    assert (row.state, row.number, row.id_number, row.channel) == (
        "waiting", "A001", ID_NUMBER, "kiosk")
    assert kiosk.result.number.text() == "A001"
    assert [t.number for t in kiosk.env.printer.printed] == ["A001"]
    shown = visible_texts(kiosk)
    assert ID_NUMBER not in shown
    assert "4403**********" + ID_NUMBER[-4:] in shown
    # The same ID again: the waiting ticket is shown, not a second one, and not reprinted.
    qtbot.mouseClick(kiosk.result.done_button, Qt.MouseButton.LeftButton)
    take_via_ui(qtbot, kiosk, "A", ID_NUMBER)
    qtbot.waitUntil(lambda: "您已取过号" in kiosk.result.heading.text())
    assert kiosk.result.number.text() == "A001"
    assert len(tickets_in(hall_db)) == 1
    assert len(kiosk.env.printer.printed) == 1


def test_invalid_id_number_is_explained_next_to_the_field(
        qtbot: QtBot, make_kiosk: Callable[..., Any], hall_db: Database) -> None:
    kiosk = make_kiosk()
    take_via_ui(qtbot, kiosk, "B", ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1"))
    assert "校验位" in kiosk.take.id_error.text()
    assert kiosk.take.id_edit.property("invalid") == "true"
    qtbot.keyClicks(kiosk.take.phone_edit, "12345")
    qtbot.mouseClick(kiosk.take.confirm_button, Qt.MouseButton.LeftButton)
    assert "电话号码格式不正确" in kiosk.take.phone_error.text()
    wait_for_tasks()
    assert kiosk.current_page() is kiosk.take
    assert tickets_in(hall_db) == []
    # Corrected, the number no longer sits over a refusal (it said "invalid" until confirmed)
    kiosk.take.id_edit.clear()
    qtbot.keyClicks(kiosk.take.id_edit, ID_NUMBER)
    assert kiosk.take.id_error.text() == ""
    assert kiosk.take.id_edit.property("invalid") != "true"


def test_print_failure_withdraws_the_ticket(qtbot: QtBot, make_kiosk: Callable[..., Any],
                                            hall_db: Database) -> None:
    kiosk = make_kiosk(printer=FakePrinter(fail=True))
    take_via_ui(qtbot, kiosk, "C")
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    assert kiosk.result.failure.text() == "打印失败，未出号，请联系工作人员"
    assert not kiosk.result.number.isVisibleTo(kiosk)
    [row] = tickets_in(hall_db)
    assert row.state == "cancelled"
    assert "打印机缺纸" in (row.note or "")


@SQLITE_ONLY
def test_in_english_a_print_failure_gives_its_reason_in_english(
        qtbot: QtBot, make_kiosk: Callable[..., Any]) -> None:
    """It read "Reason: 打印机缺纸": the reason was kept as the printer's Chinese text."""
    kiosk = make_kiosk(printer=FakePrinter(fail=True))
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    take_via_ui(qtbot, kiosk, "C")
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    assert kiosk.result.hint.text() == (
        "Reason: The ticket could not be printed; please ask the staff.")
    assert kiosk.result.outcome.problem == "打印机缺纸"  # as withdrawn and logged


def test_pinyin_search_and_item_materials(qtbot: QtBot, make_kiosk: Callable[..., Any],
                                          hall_db: Database) -> None:
    kiosk = make_kiosk()
    qtbot.keyClicks(kiosk.home.search, "gjj")
    qtbot.keyClick(kiosk.home.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(kiosk.search.hits))
    assert all("公积金" in hit.name for hit in kiosk.search.hits)
    kiosk.search.start("yyzz")
    qtbot.waitUntil(lambda: any(h.name == "营业执照补领、换发" for h in kiosk.search.hits))
    kiosk.search.start(LONG_ITEM)
    qtbot.waitUntil(lambda: [h.code for h in kiosk.search.hits] == [LONG_ITEM])
    qtbot.mouseClick(kiosk.search.cards[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.item.item is not None)
    item = get_item(kiosk.env.ctx, LONG_ITEM)
    assert len(kiosk.item.material_rows) == len(item.materials) == 10
    # New rows are shown by a queued event of their layout, after the page is filled.
    qtbot.waitUntil(lambda: all(m.name in visible_texts(kiosk.item) for m in item.materials))
    shown = visible_texts(kiosk.item)
    assert "请核对材料，材料不齐可先看一次性告知" in shown
    qtbot.mouseClick(kiosk.item.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已打印" in kiosk.item.message.text(), timeout=15000)
    assert any(p.parent.name == "checklists" for p in kiosk.env.fallback.saved)
    qtbot.mouseClick(kiosk.item.take_button, Qt.MouseButton.LeftButton)
    assert kiosk.current_page() is kiosk.take
    assert kiosk.take.item_code == LONG_ITEM
    qtbot.mouseClick(kiosk.take.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    [row] = tickets_in(hall_db)
    assert row.item_code == LONG_ITEM
    assert row.number.startswith(item.queue)


def test_checkin_with_scanned_qr(qtbot: QtBot, make_kiosk: Callable[..., Any],
                                 ctx_for: Callable[[str], Ctx], hall_db: Database) -> None:
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 11, 24),
                                           time(9, 0), time(10, 0))
    booking = appointments.book(ctx_for("clerk1"), slot.id, phone="13812345678")
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.checkin_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(kiosk.checkin.code, "HALLAPP:A:NOPE0000")
    qtbot.keyClick(kiosk.checkin.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "预约码" in kiosk.checkin.error.text())
    qtbot.keyClicks(kiosk.checkin.code, booking.qr_payload)  # the scanner types, then Enter
    qtbot.keyClick(kiosk.checkin.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    [row] = tickets_in(hall_db)
    assert kiosk.result.number.text() == row.number
    assert row.appointment
    assert "按普通号排队" not in kiosk.result.hint.text()  # on time: no late notice
    with hall_db.read_session() as s:
        appt = s.scalars(select(Appointment).where(Appointment.code == booking.code)).one()
        assert (appt.state, appt.ticket_id) == ("checked_in", row.id)
    assert "13812345678" not in visible_texts(kiosk)


def test_a_late_checkin_is_told_it_queues_as_an_ordinary_ticket(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        hall_db: Database, clock: FakeClock) -> None:
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 11, 24),
                                           time(9, 0), time(10, 0))
    booking = appointments.book(ctx_for("clerk1"), slot.id, phone="13812345678")
    clock.advance(minutes=16)  # the slot began at 09:00; its grace period is 15 minutes
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.checkin_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(kiosk.checkin.code, booking.code)
    qtbot.keyClick(kiosk.checkin.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    [row] = tickets_in(hall_db)
    assert not row.appointment
    assert "按普通号排队" in kiosk.result.hint.text()


def test_a_checkin_to_the_ticket_already_held_says_it_now_goes_ahead(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        hall_db: Database, clock: FakeClock) -> None:
    """The booking went to the applicant's waiting A001, which is called with priority from
    the slot's start: the kiosk said only "您已取过号"."""
    person = "44030419900101125X"
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 11, 24),
                                           time(9, 30), time(10, 0))
    booking = appointments.book(ctx_for("clerk1"), slot.id, id_number=person)
    tickets.take_ticket(ctx_for("kiosk1"), "B", id_number=person)  # B001 at 09:00
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.checkin_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(kiosk.checkin.code, booking.code)
    qtbot.keyClick(kiosk.checkin.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    assert kiosk.result.heading.text() == "已为您现有的 B001 号登记预约优先"
    assert kiosk.result.wait.text() == "09:30 起优先叫号，此前按原号顺序叫号"
    [row] = tickets_in(hall_db)
    assert (row.number, row.appointment) == ("B001", True)


def test_feed_refreshes_waiting_counts(qtbot: QtBot, make_kiosk: Callable[..., Any],
                                       ctx_for: Callable[[str], Ctx]) -> None:
    kiosk = make_kiosk()
    assert "等候 0 人" in kiosk.home.queue_buttons["D"].text()
    kiosk.feed.start()
    tickets.take_ticket(ctx_for("kiosk1"), "D")
    qtbot.waitUntil(lambda: "等候 1 人" in kiosk.home.queue_buttons["D"].text(), timeout=10000)


@SQLITE_ONLY
def test_pin_lock(qtbot: QtBot, make_kiosk: Callable[..., Any],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = make_kiosk()
    assert not kiosk.close()
    assert kiosk.isVisible()
    answers = ["0000", None, "246810"]
    monkeypatch.setattr(AdminPinDialog, "ask", classmethod(lambda cls, parent=None:
                                                           answers.pop(0)))
    for _attempt in range(2):  # wrong PIN, then cancelled: still locked
        for _ in range(5):
            qtbot.mouseClick(kiosk.title, Qt.MouseButton.LeftButton)
        assert kiosk.isVisible()
    for _ in range(4):
        qtbot.mouseClick(kiosk.title, Qt.MouseButton.LeftButton)
    assert kiosk.isVisible()
    assert answers == ["246810"]
    qtbot.mouseClick(kiosk.title, Qt.MouseButton.LeftButton)
    assert not kiosk.isVisible()


@SQLITE_ONLY
def test_idle_returns_home_and_resets(qtbot: QtBot, make_kiosk: Callable[..., Any],
                                      spoken: list[str]) -> None:
    kiosk = make_kiosk(idle_seconds=0.3)
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    assert QApplication.instance().property("hallapp_lang") == "en"
    assert kiosk.home.language_button.text() == "中文"
    qtbot.mouseClick(kiosk.home.elder_button, Qt.MouseButton.LeftButton)
    assert kiosk.property("elder") == "true"
    assert not kiosk.home.search_row.isVisibleTo(kiosk)
    assert spoken, "elder mode speaks its prompts"
    qtbot.mouseClick(kiosk.home.queue_buttons["E"], Qt.MouseButton.LeftButton)
    assert kiosk.current_page() is kiosk.take
    assert not kiosk.take.identity_row.isVisibleTo(kiosk)  # elder: green channel + 取号 only
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.home, timeout=5000)
    assert kiosk.property("elder") == "false"
    assert kiosk.home.search_row.isVisibleTo(kiosk)
    assert QApplication.instance().property("hallapp_lang") == "zh"  # the next applicant


@SQLITE_ONLY
def test_in_english_a_wrong_id_number_is_explained_in_english_under_the_field(
        qtbot: QtBot, make_kiosk: Callable[..., Any], hall_db: Database) -> None:
    kiosk = make_kiosk()
    assert kiosk.title.text() == "深圳市行政服务大厅（演示）"
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    assert kiosk.title.text() == "Shenzhen Administrative Service Hall (demo)"
    wrong_check_digit = ID_NUMBER[:-1] + ("1" if ID_NUMBER[-1] != "1" else "2")
    take_via_ui(qtbot, kiosk, "A", wrong_check_digit)
    assert kiosk.take.id_error.text() == (
        "The check digit of this ID number is wrong; please check the number.")
    assert kiosk.current_page() is kiosk.take
    assert tickets_in(hall_db) == []


@SQLITE_ONLY
def test_in_english_queues_go_by_their_english_names(
        qtbot: QtBot, make_kiosk: Callable[..., Any]) -> None:
    kiosk = make_kiosk()
    assert kiosk.home.queue_buttons["B"].text().startswith("不动产登记\n")
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    assert kiosk.home.queue_buttons["B"].text().startswith("Real estate registration\n")
    take_via_ui(qtbot, kiosk, "B")
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    assert kiosk.result.queue.text() == "Real estate registration"
    assert kiosk.take.title.text() == "Ticket: Real estate registration"
    assert kiosk.env.printer.languages == ["en"]  # printed in English too


@SQLITE_ONLY
def test_without_a_printer_the_ticket_and_checklist_are_saved_in_the_applicants_language(
        qtbot: QtBot, make_kiosk: Callable[..., Any], hall_db: Database) -> None:
    """The kiosk's fallback printer (no ticket printer configured, as in the demo) saves
    the same ticket a printer would print, logged, in the language the applicant chose."""
    kiosk = make_kiosk(printer=None)
    assert kiosk.env.printer is kiosk.env.fallback
    take_via_ui(qtbot, kiosk, "A")
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    take_via_ui(qtbot, kiosk, "B")
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result
                    and kiosk.result.queue.text() == "Real estate registration")
    chinese, english = (pdf_text(p.read_bytes()) for p in kiosk.env.fallback.saved)
    assert "您的号码" in chinese
    assert "商事登记" in chinese
    assert "Yournumber" in english
    assert "Service:Realestateregistration" in english
    with hall_db.read_session() as s:
        logged = s.execute(select(PrintLog.ref, PrintLog.outcome)).all()
    assert [outcome for _, outcome in logged] == ["saved", "saved"]
    kiosk.item.open("440300000000069391780001")
    qtbot.waitUntil(lambda: kiosk.item.item is not None)
    qtbot.mouseClick(kiosk.item.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(kiosk.env.fallback.saved) == 3, timeout=15000)
    checklist = pdf_text(kiosk.env.fallback.saved[-1].read_bytes())
    assert "Materialschecklist" in checklist
    assert "Establishmentregistrationofalimitedcompany" in checklist
    assert "Fee:freeofcharge" in checklist
    assert '"Companyregistration(filing)applicationform"' in checklist  # the materials too
    assert "1workingday" in checklist
    assert "day(s)" not in checklist
    assert "办事材料清单" not in checklist


@SQLITE_ONLY
def test_in_english_the_search_counts_one_service_and_many_services(
        qtbot: QtBot, make_kiosk: Callable[..., Any]) -> None:
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    for words, found in (("passport", "1 service found; tap it"),
                         ("car", "services found; tap one")):
        kiosk.search.start(words)
        qtbot.waitUntil(lambda found=found: found in kiosk.search.status.text())
    assert len(kiosk.search.hits) > 1


@SQLITE_ONLY
def test_in_english_an_item_says_one_visit_one_copy_and_free(
        qtbot: QtBot, make_kiosk: Callable[..., Any]) -> None:
    kiosk = make_kiosk()
    company = "440300000000069391780001"  # 1 working day, 1 visit, free, 1 copy of each
    kiosk.item.open(company)
    qtbot.waitUntil(lambda: kiosk.item.item is not None)
    assert kiosk.item.facts.text() == "承诺件：1个工作日内办结　·　收费：不收费　·　最多跑 1 次"
    assert "1 份" in visible_texts(kiosk.item)
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    kiosk.item.open(company)
    qtbot.waitUntil(lambda: kiosk.item.item is not None)
    assert kiosk.item.facts.text() == ("Done within 1 working day   ·   Fee: Free of charge   ·   "
                                       "At most 1 visit")
    shown = visible_texts(kiosk.item)
    assert "Core · Original · 1 copy · Required" in shown
    # the catalogue's English names: the materials' and the department's
    assert '1. "Company registration (filing) application form"' in shown
    assert ("Requirement: Fill in all items truthfully; signed by the legal representative; "
            "can be pre-filled at the counter or online, then printed") in shown
    assert kiosk.item.department.text().startswith("Shenzhen Administration for Market Regulation")
    qtbot.waitUntil(lambda: "《公司登记（备案）申请书》" not in visible_texts(kiosk.item))  # rows
    qtbot.mouseClick(kiosk.item.take_button, Qt.MouseButton.LeftButton)
    assert kiosk.current_page() is kiosk.take
    assert kiosk.take.item_label.text() == (
        "Service: Establishment registration of a limited company")
    kiosk.show_page(kiosk.item)
    item = kiosk.item.item
    assert kiosk.item._facts(replace(item, visits_required=2, promised_limit=Limit(
        3, "natural_day"), fee="工本费10元")) == (
        "Done within 3 calendar days   ·   Fee: 工本费10元   ·   At most 2 visits")
    # the fee in English where the catalogue gives it (the printed checklist had it already)
    assert "Fee: CNY 10 per copy" in kiosk.item._facts(
        replace(item, fee="工本费10元", fee_en="CNY 10 per copy"))


@SQLITE_ONLY
def test_offline_page_comes_and_goes(qtbot: QtBot, make_kiosk: Callable[..., Any]) -> None:
    kiosk = make_kiosk()
    kiosk.feed.connection_lost.emit("server closed the connection")
    assert kiosk.current_page() is kiosk.offline_page
    assert "暂停取号" in visible_texts(kiosk)
    kiosk.show_page(kiosk.take)  # nothing leaves the offline page but the database
    assert kiosk.current_page() is kiosk.offline_page
    kiosk.feed.connection_restored.emit()
    assert kiosk.current_page() is kiosk.home
    # A service call that lost the database while the feed did not notice: probe, resume.
    kiosk.take.connection_failed.emit(OperationalError("SELECT 1", {}, Exception("gone")))
    assert kiosk.current_page() is kiosk.offline_page
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.home, timeout=5000)


@SQLITE_ONLY
def test_after_an_outage_the_next_applicant_finds_a_fresh_kiosk(
        qtbot: QtBot, make_kiosk: Callable[..., Any]) -> None:
    """The applicant of before the outage has gone: back online, the kiosk kept their
    English and elder mode (the idle timeout, which came while offline, did nothing)."""
    kiosk = make_kiosk(idle_seconds=0.2)
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.home.elder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.home.queue_buttons["A"], Qt.MouseButton.LeftButton)
    kiosk.feed.connection_lost.emit("server closed the connection")
    qtbot.waitUntil(lambda: not kiosk.idle_timer.isActive())  # it fired, offline
    kiosk.feed.connection_restored.emit()
    assert kiosk.current_page() is kiosk.home
    assert QApplication.instance().property("hallapp_lang") == "zh"
    assert kiosk.property("elder") == "false"
    assert kiosk.home.search_row.isVisibleTo(kiosk)


def fill_pages(qtbot: QtBot, kiosk: KioskWindow) -> None:
    """Give every page its longest realistic content."""
    kiosk.search.start("dj")
    qtbot.waitUntil(lambda: len(kiosk.search.hits) >= 10)
    kiosk.item.open(LONG_ITEM)
    qtbot.waitUntil(lambda: kiosk.item.item is not None)
    item = kiosk.item.item
    assert item is not None
    kiosk.take.enter("B", "不动产登记", item.code, item.name)
    kiosk.take.id_error.setText("身份证号码校验位不正确，请核对后重新输入")
    kiosk.checkin.error.setText("预约码格式不正确（8 位字母数字，或扫描预约二维码）")


@SQLITE_ONLY
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_pages_fit_without_clipping(qtbot: QtBot, make_kiosk: Callable[..., Any],
                                    ctx_for: Callable[[str], Ctx], size: tuple[int, int]) -> None:
    kiosk = make_kiosk(size)
    fill_pages(qtbot, kiosk)
    ticket = tickets.take_ticket(ctx_for("kiosk1"), "Z", phone="13812345678")
    outcomes = [IssueOutcome(ticket, printed=True),
                IssueOutcome(ticket, printed=False, cancelled=True, problem="打印机缺纸")]
    for elder in (False, True):
        kiosk.set_elder(elder)
        for outcome in outcomes:
            kiosk.result.show_outcome(outcome, speak=False)
            for page in kiosk.pages():
                kiosk.stack.setCurrentWidget(page)
                QApplication.processEvents()
                assert kiosk.size() == QSize(*size), f"{type(page).__name__} elder={elder}"
                assert clipped(kiosk) == [], f"{type(page).__name__} elder={elder}"
        for state, show in status_views(kiosk.ticket_status, ticket):
            kiosk.stack.setCurrentWidget(kiosk.ticket_status)
            show()
            QApplication.processEvents()
            assert kiosk.size() == QSize(*size), f"ticket status: {state} elder={elder}"
            assert clipped(kiosk) == [], f"ticket status: {state} elder={elder}"


def status_views(page: TicketStatusPage, ticket: TicketInfo
                 ) -> list[tuple[str, Callable[[], None]]]:
    """The ticket status page asking (with its longest refusal) and answering (the longest
    answers: a no-show that may re-join, one that has just re-joined a long line)."""
    def asking() -> None:
        page.reset()
        page.error.setText("号票二维码无法识别，请输入号票上的号码")

    passed = TicketStatus(replace(ticket, state="no_show"),
                          datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    back = TicketStatus(replace(ticket, people_ahead=128, estimated_minutes=245), None)
    return [("asking", asking), ("no-show", lambda: page.show_status(passed)),
            ("rejoined", lambda: page.show_status(back, rejoined=True))]


@SQLITE_ONLY
def test_a_deactivated_queue_is_neither_shown_nor_found(
        qtbot: QtBot, make_kiosk: Callable[..., Any], hall_db: Database,
        clock: FakeClock) -> None:
    """Deactivated by the administrator (``queue_admin``), a queue loses its button at once
    (the feed's catalogue_changed) and the search no longer offers its items."""
    kiosk = make_kiosk()
    kiosk.search.start("gjj")
    qtbot.waitUntil(lambda: bool(kiosk.search.hits))
    queues = {h.queue for h in kiosk.search.hits}
    [queue] = queues  # the housing fund's items are all served in one queue
    admin = Ctx(hall_db, actor_for(hall_db, "admin1"), clock=clock, terminal="admin")
    # A ticket still waiting keeps it in the hall's status (marked inactive, for the boards):
    # the kiosk leaves it out all the same.
    tickets.take_ticket(Ctx(hall_db, actor_for(hall_db, "kiosk2"), clock=clock), queue)
    queue_admin.set_queue_active(admin, queue, False)
    kiosk.feed.events_arrived.emit([FeedEvent(1, datetime.now(UTC), "catalogue_changed",
                                              {"queue": queue})])
    qtbot.waitUntil(lambda: queue not in kiosk.home.queue_buttons)
    kiosk.search.start("gjj")
    qtbot.waitUntil(lambda: "正在查找" not in kiosk.search.status.text())
    assert not any(h.queue == queue for h in kiosk.search.hits)
