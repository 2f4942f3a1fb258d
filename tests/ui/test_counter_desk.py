"""The counter's 取号 tab as a clerk uses it for an applicant who cannot use the kiosk: pick
the queue, the matter and a green-channel class, enter the ID number and phone if given, take
the number (channel "window"), print the ticket; refusals under their field, nothing lost.

Driven with pytest-qt on the demo hall (``hall_db``: both engines for taking, layout on
SQLite only). The clerk is clerk1 at window 1; documents are saved as PDF files under
``tmp_path / "documents"``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import counters
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from stdnum.cn import ric
from uikit import clipped

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from docreader import pdf_text

from hallapp.services import printing
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Queue, Ticket
from hallapp.ui.counter.desk import TicketDeskPanel

ITEM_A2 = "440300000000069391780004"  # 个体工商户设立登记, queue A
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


def make_id(born: str) -> str:
    body = "440304" + born + "123"
    return body + ric.calc_check_digit(body + "0")


ELDER, YOUNG = make_id("19500101"), make_id("19900101")


@pytest.fixture
def desk(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
         tmp_path: Path) -> Iterator[TicketDeskPanel]:
    made = counters(qtbot, hall_db, clock, tmp_path)
    counter = next(made)()
    counter.tabs.setCurrentWidget(counter.desk)
    panel = counter.desk
    qtbot.waitUntil(lambda: panel.queue.count() > 0 and panel.priority.count() > 1)
    yield panel
    next(made, None)  # the counters' own teardown


def stored(db: Database) -> list[tuple[str, str, str | None, str | None, str | None]]:
    with db.read_session() as s:
        rows = s.execute(select(Ticket.number, Ticket.channel, Ticket.priority,
                                Ticket.item_code, Ticket.id_number).order_by(Ticket.id)).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def choose(combo: object, data: str | None) -> None:
    combo.setCurrentIndex(combo.findData(data))  # type: ignore[attr-defined]


def take(qtbot: QtBot, desk: TicketDeskPanel) -> None:
    qtbot.mouseClick(desk.take_button, Qt.MouseButton.LeftButton)
    assert not desk.take_button.isEnabled()  # one click, one ticket
    qtbot.waitUntil(desk.take_button.isEnabled)


def test_take_for_an_elderly_applicant_then_print(
        qtbot: QtBot, desk: TicketDeskPanel, hall_db: Database, tmp_path: Path,
        ctx_for: Callable[[str], Ctx]) -> None:
    choose(desk.queue, "A")
    offered = {desk.item.itemData(n) for n in range(desk.item.count())}
    assert ITEM_A2 in offered
    assert "440300000000069392144002" not in offered  # queue B's
    choose(desk.item, ITEM_A2)
    choose(desk.priority, "elderly")
    desk.edits["id_number"].setText(ELDER)
    desk.edits["phone"].setText("13812345678")
    assert not desk.print_button.isEnabled()  # nothing taken yet
    take(qtbot, desk)
    assert desk.number.text() == "A001"
    assert "前面 0 人" in desk.detail.text()
    assert "个体工商户设立登记" in desk.detail.text()
    assert "绿色通道：60岁以上老人" in desk.detail.text()
    assert stored(hall_db) == [("A001", "window", "elderly", ITEM_A2, ELDER)]
    assert [e.text() for e in desk.edits.values()] == ["", ""]  # ready for the next one
    assert desk.priority.currentData() is None
    qtbot.mouseClick(desk.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已保存为 PDF" in desk.detail.text())
    [pdf] = (tmp_path / "documents").glob("ticket-*A001.pdf")
    text = pdf_text(pdf.read_bytes())
    assert "A001" in text
    assert ELDER not in text  # never in full on a ticket
    assert "13812345678" not in text
    assert len(printing.print_history(ctx_for("clerk1"), "2026-11-24/A001")) == 1
    desk.print_row.english.setChecked(True)  # again, in English, for one who reads English
    qtbot.waitUntil(desk.print_button.isEnabled)
    qtbot.mouseClick(desk.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printing.print_history(ctx_for("clerk1"),
                                                       "2026-11-24/A001")) == 2)
    english = pdf_text(pdf.read_bytes())  # the same file name: the reprint replaced it
    assert "Yournumber" in english
    assert "Priority·Aged60+" in english


def test_refusals_under_their_field_and_one_waiting_ticket_per_id(
        qtbot: QtBot, desk: TicketDeskPanel, hall_db: Database) -> None:
    choose(desk.queue, "B")
    desk.edits["id_number"].setText(YOUNG[:-1] + ("0" if YOUNG[-1] != "0" else "1"))
    desk.edits["phone"].setText("13812345678")
    take(qtbot, desk)
    assert desk.notes.labels["id_number"].isVisible()
    assert "校验位" in desk.notes.labels["id_number"].text()
    assert desk.edits["phone"].text() == "13812345678"  # nothing typed is lost
    desk.edits["id_number"].setText(YOUNG)
    choose(desk.priority, "elderly")
    take(qtbot, desk)
    assert "未满60周岁" in desk.notes.labels["priority"].text()
    assert not desk.notes.labels["id_number"].isVisible()
    assert desk.priority.property("invalid") in (True, "true")
    assert stored(hall_db) == []
    choose(desk.priority, None)
    take(qtbot, desk)
    assert desk.number.text() == "B001"
    desk.edits["id_number"].setText(YOUNG)
    take(qtbot, desk)  # the same person again: their waiting ticket, not a second one
    assert desk.number.text() == "B001"
    assert "已有等候中的号" in desk.detail.text()
    assert [r[0] for r in stored(hall_db)] == ["B001"]


@SQLITE_ONLY
def test_a_quota_reached_is_said_and_nothing_clipped(
        qtbot: QtBot, desk: TicketDeskPanel, hall_db: Database) -> None:
    with hall_db.write_session() as s:
        s.execute(update(Queue).where(Queue.code == "C").values(daily_quota=1))
        s.commit()
    choose(desk.queue, "C")
    take(qtbot, desk)
    assert desk.number.text() == "C001"
    take(qtbot, desk)
    assert "号已取完" in desk.message.text()
    assert desk.number.text() == "C001"  # the last ticket stays shown
    for name in ("id_number", "priority"):
        desk.notes.labels[name].setText("身份证号码校验位不正确，请核对后重新输入（第 18 位）")
        desk.notes.labels[name].show()
    QApplication.processEvents()
    assert clipped(desk.window()) == []


@SQLITE_ONLY
def test_a_queue_added_and_a_queue_renamed_reach_the_open_tab(
        qtbot: QtBot, desk: TicketDeskPanel, ctx_for: Callable[[str], Ctx]) -> None:
    """The administrator's catalogue changes reach a counter already running (the feed's
    catalogue_changed), and the queue the clerk picked stays picked."""
    from datetime import UTC, datetime

    from hallapp.services import admin
    from hallapp.services.feed import FeedEvent

    desk.queue.setCurrentIndex(desk.queue.findData("B"))
    boss = ctx_for("admin1")
    admin.save_queue(boss, {"code": "Q9", "name": "夜间服务", "prefix": "Q"})
    admin.save_queue(boss, {"code": "B", "name": "不动产登记（改）", "prefix": "B"})
    counter = desk.window()
    counter.feed.events_arrived.emit(
        [FeedEvent(1, datetime.now(UTC), "catalogue_changed", {"queue": "B"})])
    qtbot.waitUntil(lambda: desk.queue.findData("Q9") >= 0)
    assert desk.queue.currentData() == "B"
    assert desk.queue.currentText() == "B 不动产登记（改）"
    codes = [desk.queue.itemData(n) for n in range(desk.queue.count())]
    assert len(codes) == len(set(codes))  # read again, not added to
