"""The kiosk's 号票查询 · 过号重排 as an applicant uses it: a ticket scanned on the home page
(or, by mistake, on the check-in page) or typed on the keypad shows where it stands, and a
ticket passed as absent re-joins with one touch within the hall's limit.

Driven through the widgets with pytest-qt on the demo hall (``make_kiosk`` from kioskkit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import FakeClock
from kioskkit import (
    ID_NUMBER,
    kiosks,
    ticket_state,
    tickets_in,
    visible_texts,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.services.queue_common import TicketInfo
from hallapp.ui.kiosk.window import KioskWindow

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def spoken() -> list[str]:
    return []


@pytest.fixture
def make_kiosk(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
               spoken: list[str]) -> Iterator[Callable[..., KioskWindow]]:
    yield from kiosks(qtbot, hall_db, clock, spoken)


def passed_ticket(ctx_for: Callable[[str], Ctx], **take: Any) -> TicketInfo:
    """A001 taken (with ``take``), then A002 and A003; A001 called at window 11 and passed as
    absent."""
    first = tickets.take_ticket(ctx_for("kiosk1"), "A", **take)
    for _ in range(2):
        tickets.take_ticket(ctx_for("kiosk1"), "A")
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)
    return first


def test_a_passed_ticket_scanned_at_home_rejoins_the_line(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        hall_db: Database) -> None:
    """The scan the ticket invites ("扫码查看排队进度"), on the home page where the scanner
    types: the ticket's state, then "重新排队" within the limit; nothing is printed and no
    personal data is shown."""
    first = passed_ticket(ctx_for, phone="13812345678", id_number=ID_NUMBER)
    kiosk = make_kiosk()
    qr = f"HALLAPP:T:SZ-FT:{first.hall_day.isoformat()}:{first.number}:{first.id}"
    qtbot.keyClicks(kiosk.home.search, qr)
    qtbot.keyClick(kiosk.home.search, Qt.Key.Key_Return)
    page = kiosk.ticket_status
    assert kiosk.current_page() is page
    qtbot.waitUntil(lambda: page.number.isVisible())
    assert (page.number.text(), page.state.text()) == ("A001", "已过号")
    assert page.hint.text() == "09:30 前可点击“重新排队”，无需重新取号"
    assert page.rejoin_button.isVisible()
    qtbot.mouseClick(page.rejoin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.rejoined)
    assert page.heading.isVisible()
    assert page.state.text() == "等候中：前面还有 2 人，预计等候约 20 分钟"
    assert not page.rejoin_button.isVisible()
    assert ticket_state(hall_db, "A001") == "waiting"
    assert kiosk.env.printer.printed == []  # the applicant keeps the ticket in hand
    shown = visible_texts(kiosk)
    assert "5678" not in shown
    assert ID_NUMBER[-4:] not in shown
    assert kiosk.home.search.text() == ""  # the scan did not become a search


def test_a_typed_number_shows_its_place_and_a_wrong_one_is_explained(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        hall_db: Database) -> None:
    passed_ticket(ctx_for)
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.status_button, Qt.MouseButton.LeftButton)
    page = kiosk.ticket_status
    assert kiosk.current_page() is page
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)  # nothing typed
    assert page.error.text() == "请扫描号票二维码或输入号码"
    for key in "Q999":
        qtbot.mouseClick(page.keypad.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "没有这个号码" in page.error.text())
    # Not repeated (it said "号码 Q999 不存在"): what was typed may be an ID number.
    assert page.error.text() == "今天没有这个号码的号票，请核对号票上的号码"
    assert (page.code.text(), page.code.selectedText()) == ("Q999", "Q999")  # kept, selected
    qtbot.keyClicks(page.code, "a003")  # typing replaces it
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.number.isVisible())
    assert page.state.text() == "等候中：前面还有 1 人，预计等候约 10 分钟"
    assert not page.rejoin_button.isVisible()
    assert [t.state for t in tickets_in(hall_db)] == ["no_show", "waiting", "waiting"]


def test_too_late_to_rejoin_is_said_and_not_offered(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        hall_db: Database, clock: FakeClock) -> None:
    passed_ticket(ctx_for)
    kiosk = make_kiosk()
    page = kiosk.ticket_status
    kiosk.show_page(page)
    page.submit("A001")
    qtbot.waitUntil(lambda: page.number.isVisible())
    assert page.rejoin_button.isVisible()
    clock.advance(minutes=31)  # the page was left open past the limit: the click is refused
    qtbot.mouseClick(page.rejoin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.rejoin_button.isVisible())
    assert page.hint.text() == "已过号超过 30 分钟，请重新取号"
    assert ticket_state(hall_db, "A001") == "no_show"
    kiosk.go_home()
    kiosk._on_home_status_requested()
    page.submit("A001")
    qtbot.waitUntil(lambda: page.number.isVisible())
    assert page.hint.text() == "已超过可重新排队的时间，请重新取号"
    assert not page.rejoin_button.isVisible()


@SQLITE_ONLY
def test_in_english_the_ticket_status_page_speaks_english(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx]) -> None:
    passed_ticket(ctx_for)
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.home.status_button, Qt.MouseButton.LeftButton)
    page = kiosk.ticket_status
    page.submit("A001")
    qtbot.waitUntil(lambda: page.number.isVisible())
    assert page.state.text() == "Missed (passed as absent)"
    assert page.rejoin_button.text() == "Rejoin the line"
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in visible_texts(page))
    page.reset()
    page.submit("HALLAPP:T:broken")
    qtbot.waitUntil(lambda: bool(page.error.text()) and "…" not in page.error.text())
    assert page.error.text() == ("This ticket's QR code cannot be read; please type the "
                                 "number on the ticket.")


def test_a_ticket_scanned_on_the_checkin_page_shows_its_status(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx]) -> None:
    """The applicant pressed 预约签到 but holds a queue ticket: its status, not a refusal."""
    first = passed_ticket(ctx_for)
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.checkin_button, Qt.MouseButton.LeftButton)
    qr = f"HALLAPP:T:SZ-FT:{first.hall_day.isoformat()}:{first.number}:{first.id}"
    qtbot.keyClicks(kiosk.checkin.code, qr)
    qtbot.keyClick(kiosk.checkin.code, Qt.Key.Key_Return)
    assert kiosk.current_page() is kiosk.ticket_status
    qtbot.waitUntil(lambda: kiosk.ticket_status.number.isVisible())
    assert kiosk.ticket_status.state.text() == "已过号"
    assert kiosk.checkin.error.text() == ""


@SQLITE_ONLY
def test_the_place_shown_follows_the_hall(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx]) -> None:
    """While the answer is on screen, each call elsewhere brings the ticket's place up to
    date (the feed's events, handed to the window as the watcher would)."""
    from datetime import UTC, datetime

    from hallapp.services.feed import FeedEvent

    passed_ticket(ctx_for)  # A001 passed; A002 and A003 wait
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.status_button, Qt.MouseButton.LeftButton)
    page = kiosk.ticket_status
    qtbot.keyClicks(page.code, "A003")
    qtbot.keyClick(page.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.number.isVisible())
    assert page.state.text().startswith("等候中：前面还有 1 人")
    clerk = ctx_for("clerk11")
    called = FeedEvent(1, datetime.now(UTC), "ticket_called", {"window": 11})
    windows.finish_and_call_next(clerk, 11)  # A002 to window 11
    kiosk.feed.events_arrived.emit([called])
    qtbot.waitUntil(lambda: page.state.text().startswith("等候中：前面还有 0 人"))
    windows.finish_and_call_next(clerk, 11)  # now A003 itself
    kiosk.feed.events_arrived.emit([called])
    qtbot.waitUntil(lambda: page.state.text() == "正在叫号，请到 11 号窗口")
    assert page.number.text() == "A003"


@SQLITE_ONLY
def test_typed_digits_are_not_taken_for_a_ticket(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        clock: FakeClock) -> None:
    """Digits alone were looked up as a row id, of any day: "2" showed yesterday's A002 (as
    void), "4" today's B001, and every past ticket could be paged through."""
    clock.advance(days=-1)
    for _ in range(3):
        tickets.take_ticket(ctx_for("kiosk1"), "A")
    clock.advance(days=1)
    tickets.take_ticket(ctx_for("kiosk1"), "B")
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.status_button, Qt.MouseButton.LeftButton)
    page = kiosk.ticket_status
    for typed in ("2", "002", "4", "2026-11-23/A002"):
        page.reset()
        page.submit(typed)
        qtbot.waitUntil(lambda: "…" not in page.error.text())
        assert page.error.text() == "请扫描号票二维码，或输入号票上的号码（字母开头，如 A018）"
        assert not page.number.isVisible()
    page.submit("A002")  # yesterday's number: not today's, so not found
    qtbot.waitUntil(lambda: "没有这个号码" in page.error.text())
    page.submit("B001")
    qtbot.waitUntil(lambda: page.number.isVisible())
    assert page.state.text().startswith("等候中")


@SQLITE_ONLY
def test_the_rejoined_heading_goes_once_the_ticket_is_called(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx]) -> None:
    """"已重新排队，请凭原号票等候叫号" stayed above "正在叫号，请到 11 号窗口" and "已办结"."""
    from datetime import UTC, datetime

    from hallapp.services.feed import FeedEvent

    passed_ticket(ctx_for)  # A001 passed; A002 and A003 wait
    clerk = ctx_for("clerk11")
    windows.finish_and_call_next(clerk, 11)  # A002; A003 is left
    kiosk = make_kiosk()
    page = kiosk.ticket_status
    kiosk.show_page(page)
    page.submit("A001")
    qtbot.waitUntil(lambda: page.rejoin_button.isVisible())
    qtbot.mouseClick(page.rejoin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.rejoined)
    assert page.heading.isVisible()
    while windows.finish_and_call_next(clerk, 11).called.number != "A001":
        pass
    kiosk.feed.events_arrived.emit([FeedEvent(1, datetime.now(UTC), "ticket_called",
                                              {"window": 11})])
    qtbot.waitUntil(lambda: page.state.text() == "正在叫号，请到 11 号窗口")
    assert not page.heading.isVisible()


@SQLITE_ONLY
def test_an_early_checkin_is_told_from_when_it_is_called(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        clock: FakeClock) -> None:
    """Checked in at 09:05 for a 10:00 slot, the kiosk said "0 ahead, about 0 min", and the
    status page kept saying 前面还有 0 人 while ordinary tickets were called until 10:00."""
    from datetime import date, time

    from hallapp.services import appointments
    from hallapp.ui.kiosk.flow import IssueOutcome

    slot = appointments.create_slots(ctx_for("admin1"), "A", date(2026, 11, 24), time(10),
                                     time(10, 30))[0]
    booking = appointments.book(ctx_for("clerk1"), slot.id, phone="13812345678")
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    clock.advance(minutes=5)
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.checkin_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(kiosk.checkin.code, booking.code)
    qtbot.keyClick(kiosk.checkin.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
    assert kiosk.result.wait.text() == "预约号：10:00 起优先叫号"
    assert "10:00起优先叫号" in kiosk.result.spoken(kiosk.result.outcome)
    kiosk.go_home()
    qtbot.mouseClick(kiosk.home.status_button, Qt.MouseButton.LeftButton)
    kiosk.ticket_status.submit("A002")
    qtbot.waitUntil(lambda: kiosk.ticket_status.number.isVisible())
    assert kiosk.ticket_status.state.text() == "预约号：10:00 起优先叫号"
    clock.advance(hours=1)  # the slot has begun: people ahead count again
    kiosk.ticket_status.follow_feed()
    qtbot.waitUntil(lambda: kiosk.ticket_status.state.text().startswith("等候中：前面还有 0 人"))
    ticket = kiosk.ticket_status.status.ticket
    kiosk.result.show_outcome(IssueOutcome(ticket, printed=True), speak=False)
    assert kiosk.result.wait.text().startswith("前面还有 0 人")


@SQLITE_ONLY
@pytest.mark.parametrize("english", [False, True])
def test_elder_mode_reads_the_looked_up_number_digit_by_digit(
        qtbot: QtBot, make_kiosk: Callable[..., Any], ctx_for: Callable[[str], Ctx],
        spoken: list[str], english: bool) -> None:
    """As every other prompt does: "A 0 0 1", one character at a time (espeak read "A015",
    unspaced, as "A zero fifteen")."""
    passed_ticket(ctx_for)
    kiosk = make_kiosk()
    if english:
        qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
    kiosk.set_elder(True)
    page = kiosk.ticket_status
    kiosk.show_page(page)
    page.submit("A001")
    qtbot.waitUntil(lambda: page.number.isVisible())
    expected = ("A 0 0 1, Missed (passed as absent)" if english else "A 0 0 1，已过号")
    assert spoken[-1] == expected
