"""An intake and the other tabs from the keyboard alone, as a clerk with a queue works.

Enter and Space on a search hit did not choose it (only a click did); the checklist had no
current cell and ignored Space and Enter; Enter in the applicant form did nothing and Tab
reached 登记收件 before the form; Enter did nothing in the 取号 and 预约 fields; 过号 offered
its one usual reason without filling it in, so Enter alone said "此项必填". Driven with
pytest-qt on the demo hall (SQLite only: the widgets, not the engines, are under test).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import TOLERANT_ITEM, MakeCounter, counters, fill_person
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget
from pytestqt.qtbot import QtBot

from hallapp.services import appointments, tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.ui.counter.dialogs import (
    CallTicketDialog,
    CommitmentDialog,
    ReasonDialog,
    SupplementDialog,
)
from hallapp.ui.counter.window import CounterWindow

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])
CtxFor = Callable[[str], Ctx]


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def serving(ctx_for: CtxFor, make_counter: MakeCounter, qtbot: QtBot) -> CounterWindow:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    counter = make_counter()
    qtbot.waitUntil(lambda: counter.intake.ticket is not None
                    and counter.intake.ticket.state == "serving")
    return counter


def choose_by_keyboard(qtbot: QtBot, counter: CounterWindow) -> None:
    picker = counter.intake.picker
    qtbot.keyClicks(picker.query, "gsbg")
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.hits.count() > 0)
    qtbot.keyClick(picker.query, Qt.Key.Key_Down)  # down into the hits, the first current
    assert picker.hits.currentRow() == 0
    row = next(i for i in range(picker.hits.count())
               if picker.hits.item(i).data(256)[0] == TOLERANT_ITEM)
    picker.hits.setCurrentRow(row)
    qtbot.keyClick(picker.hits, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.intake.item is not None)
    assert counter.intake.item.code == TOLERANT_ITEM
    assert not picker.hits.isVisible()


def focus_chain(start: QWidget, count: int = 40) -> list[QWidget]:
    """The widgets Tab reaches from ``start``, in order (those shown and taking Tab)."""
    seen, widget = [], start.nextInFocusChain()
    for _ in range(count * 4):
        if widget is start:
            break
        if widget.isVisibleTo(start.window()) and widget.isEnabled() \
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            seen.append(widget)
        widget = widget.nextInFocusChain()
    return seen


def test_an_intake_by_keyboard_alone(qtbot: QtBot, make_counter: MakeCounter,
                                     ctx_for: CtxFor) -> None:
    counter = serving(ctx_for, make_counter, qtbot)
    intake = counter.intake
    choose_by_keyboard(qtbot, counter)
    fill_person(qtbot, counter)
    chain = focus_chain(intake.picker.query)
    form, button = intake.form.edits["phone"], intake.open_button
    assert chain.index(form) < chain.index(button) < chain.index(intake.checklist.table)
    table, model = intake.checklist.table, intake.checklist.model
    current = table.currentIndex()  # the first material's 已收, for the keyboard
    assert (current.row(), model.COLUMNS[current.column()]) == (0, "received")
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert model.row(0).status == "received"
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Right)  # 在线核验
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert model.row(1).status == "verified_online"
    qtbot.keyClick(form, Qt.Key.Key_Return)  # Enter in the form: 登记收件
    qtbot.waitUntil(lambda: intake.draft.case is not None and not intake.busy
                    and not intake.draft.pending)
    assert intake.view is not None
    assert {m.code: m.status for m in intake.view.materials}[model.row(0).code] == "received"


def test_enter_takes_a_number_and_books_a_slot(qtbot: QtBot, make_counter: MakeCounter,
                                               ctx_for: CtxFor, hall_db: Database) -> None:
    appointments.create_slots(ctx_for("admin1"), "A", date(2026, 11, 24), time(9), time(11),
                              capacity=2)
    counter = make_counter()
    desk = counter.desk
    counter.tabs.setCurrentWidget(desk)
    qtbot.waitUntil(lambda: desk.queue.count() > 0)
    qtbot.keyClicks(desk.edits["phone"], "13812345678")
    qtbot.keyClick(desk.edits["phone"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(desk.number.text()))
    assert desk.number.text().startswith(desk.queue.currentData())
    booking = counter.booking
    counter.tabs.setCurrentWidget(booking)
    qtbot.waitUntil(lambda: booking.slots.rowCount() == 4)
    booking.slot_table.selectRow(1)
    qtbot.keyClicks(booking.edits["phone"], "13812345678")
    qtbot.keyClick(booking.edits["phone"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: booking.qr.isVisible())
    first = booking.code.text()
    assert len(first) == 8
    qtbot.waitUntil(lambda: booking.slots.row(1).booked == 1)
    assert booking.chosen_slot() is not None  # a place left: still chosen, for the next one
    qtbot.keyClick(booking.edits["phone"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: booking.code.text() != first)
    qtbot.waitUntil(lambda: booking.slots.row(1).booked == 2)
    assert booking.chosen_slot() is None  # full: not left chosen for a refused booking
    queues = counter.queues
    model = next(t.model() for t in queues.findChildren(QTableView))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)  # a cut name, whole


def test_noshow_offers_its_usual_reason_so_enter_confirms_it(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    counter = make_counter()
    qtbot.waitUntil(lambda: counter.controls.buttons["noshow"].isEnabled())

    def enter_at_once(dialog: QDialog) -> int:  # the clerk presses Enter as it opens
        dialog.try_accept()  # type: ignore[attr-defined]
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", enter_at_once)
    qtbot.mouseClick(counter.controls.buttons["noshow"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.state is not None and counter.state.ticket is None)


def test_call_ticket_takes_a_ticket_number_not_a_bare_serial(qtbot: QtBot,
                                                             engine_name: str) -> None:
    """指定叫号 "4" called the ticket whose database id is 4 (B001), not A004."""
    dialog = CallTicketDialog()
    qtbot.addWidget(dialog)
    dialog.edits["reason"].setText("预约到场")
    dialog.edits["ticket"].setText("4")
    dialog.try_accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors["ticket"].text() == "请输入号票上的号码，如 A004"
    dialog.edits["ticket"].setText("a004")
    dialog.try_accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values()["ticket"] == "a004"  # ask() gives it as A004


def test_a_long_owed_material_name_wraps_and_shows_whole(qtbot: QtBot, engine_name: str) -> None:
    name = "受让方户口簿或居住证明（外省市户籍的须另附社保缴纳证明及居住登记凭证原件）"
    dialog = SupplementDialog("SZFT-20261124-00001", [("M09", name)])
    qtbot.addWidget(dialog)
    assert dialog.materials.wordWrap()
    assert dialog.materials.item(0).toolTip() == f"{name}（M09）"


def test_the_commitment_wording_can_be_read_whole_before_printing(qtbot: QtBot,
                                                                  engine_name: str) -> None:
    """It was a one-line field: the wording printed on the receipt could not be read."""
    dialog = CommitmentDialog("本人承诺" + "所提交材料真实有效，" * 12)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preview.wordWrap()
    assert dialog.preview.isVisible()
    assert dialog.preview.text() == dialog.edits["commitment"].text()
    dialog.edits["commitment"].setText("本人承诺三十日内补交")
    assert dialog.preview.text() == "本人承诺三十日内补交"
