"""查件 at the counter: the clerk finds a case by its number or the applicant's ID number (masked
in the list, whole for the one chosen), sees where it stands, and takes up one waiting at the
front desk (退回 by the department) for the applicant in front, into the 收件 tab to decide
again. Before, a clerk could not open an existing case from the counter at all (only
``hallapp case ...``). Driven with the keyboard on a counter at window 1 of the demo hall.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import MakeCounter, counters, in_english
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, accepted_case, id_number, open_case, serve

from hallapp.services import backoffice, cases, windows
from hallapp.services.context import Ctx, Database
from hallapp.ui.counter.window import CounterWindow

CtxFor = Callable[[str], Ctx]
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
REASON = "申请表填写有误，请窗口重新核对"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def returned_case(ctx_for: CtxFor, seq: int = 1) -> str:
    """Accepted at window 1, the applicant gone; the department sends it back (退回)."""
    number = accepted_case(ctx_for, PLAIN, seq=seq)
    windows.finish(ctx_for("clerk1"), 1)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.return_to_front(approver, number, REASON)
    return number


def look_up(qtbot: QtBot, counter: CounterWindow, text: str) -> None:
    """Ctrl+F, the number or ID number typed, Enter, ↓ into the list: the first case found
    chosen."""
    counter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is counter)
    qtbot.keyClick(counter, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = counter.delivery
    assert counter.tabs.currentWidget() is panel
    assert panel.scan.hasFocus()
    qtbot.keyClicks(panel.scan, text)
    qtbot.keyClick(panel.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.detail is not None)
    assert panel.scan.hasFocus()  # for the next scan
    qtbot.keyClick(panel.scan, Qt.Key.Key_Down)
    assert panel.table.hasFocus()


def test_a_returned_case_is_found_by_id_number_taken_up_and_accepted_again(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor, hall_db: Database) -> None:
    number = returned_case(ctx_for, seq=5)
    serve(ctx_for, 1)  # the applicant is back, on a new ticket, served at window 1
    counter = make_counter(size=(1366, 768))
    qtbot.waitUntil(lambda: counter.ticket.ticket is not None)
    look_up(qtbot, counter, id_number(5))
    panel = counter.delivery
    model = panel.model
    assert model.rowCount() == 1
    listed = model.index(0, model.column("id_number")).data()
    assert listed == id_number(5)[:4] + "*" * 10 + id_number(5)[-4:]  # masked in the list
    shown = panel.view.text()
    assert id_number(5) in shown  # whole for the clerk at his own window
    assert "退回待重新受理" in shown
    assert REASON in shown
    assert "接手办理" in panel.view.doable.text()
    body = panel.view.body  # every line in sight at 1366×768, the list giving way
    qtbot.waitUntil(lambda: body.height() >= body.heightForWidth(body.width()))
    assert panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # 接手办理
    intake = counter.intake
    qtbot.waitUntil(lambda: counter.tabs.currentWidget() is intake)
    assert intake.draft.case == number
    assert REASON in intake.notice.text()
    qtbot.waitUntil(lambda: intake.view is not None and not intake.busy)
    label = intake.case_label  # in sight under the long notice (it was scrolled away)
    assert label.text() == f"办件编号：{number}"
    qtbot.waitUntil(lambda: label.visibleRegion().boundingRect() == label.rect())
    assert intake.form.edits["id_number"].text() == id_number(5)
    served = windows.window_state(ctx_for("clerk1"), 1).ticket
    assert served is not None
    assert counter.tabs.tabText(0) == f"{served.number} 的收件"
    accept = intake.decisions.buttons["accept"]
    qtbot.waitUntil(accept.isEnabled)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.draft.case is None)
    info = cases.show_case(ctx_for("clerk1"), number).case
    assert (info.state, info.ticket, info.window) == ("accepted", served.number, 1)


def test_a_case_is_not_taken_up_where_the_window_cannot(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    """Said in the tab, nothing changed: no ticket served, a case past intake, a case in
    hand at another window, the intake holding another case."""
    number = returned_case(ctx_for, seq=6)
    counter = make_counter()  # window 1 open, serving no one
    panel = counter.delivery
    look_up(qtbot, counter, number)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(panel.message.text()))
    assert panel.message.text() == "1 号窗口当前没有正在办理的号，请先叫号并开始办理"
    assert counter.tabs.currentWidget() is panel
    serve(ctx_for, 2)  # the applicant at window 2 now, the case taken up there
    cases.take_up(ctx_for("clerk2"), number, 2)
    serve(ctx_for, 1)
    counter.refresh()  # (the change feed is not running here)
    qtbot.waitUntil(lambda: counter.ticket.ticket is not None)
    panel.message.clear()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(panel.message.text()))
    assert panel.message.text().startswith(f"办件 {number} 正在 2 号窗口办理")
    assert counter.intake.draft.case is None
    accepted = accepted_case(ctx_for, PLAIN, seq=7)  # in the department's queue
    serve(ctx_for, 1)
    look_up(qtbot, counter, accepted)
    assert "接手办理" not in panel.view.doable.text()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert panel.message.text() == f"办件 {accepted} 现为“已受理”，不在收件环节，无须接手"


@SQLITE_ONLY
def test_the_intake_holding_a_case_refuses_another(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    number = returned_case(ctx_for, seq=8)
    opened = open_case(ctx_for, PLAIN, seq=9).case.number  # for the ticket served now
    counter = make_counter()
    qtbot.waitUntil(lambda: counter.intake.draft.case == opened)
    look_up(qtbot, counter, number)
    qtbot.keyClick(counter.delivery.table, Qt.Key.Key_Return)
    assert counter.delivery.message.text() == (
        f"收件页正在办理办件 {opened}：请先作出收件决定（或清空重填将其撤回），再接手其他办件")
    assert cases.show_case(ctx_for("clerk1"), number).case.window == 1
    look_up(qtbot, counter, opened)  # the one in the intake: Enter goes back to it
    qtbot.keyClick(counter.delivery.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.tabs.currentWidget() is counter.intake)
    assert counter.intake.draft.case == opened


@SQLITE_ONLY
def test_an_english_counter_looks_a_case_up_in_english(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    number = returned_case(ctx_for, seq=10)
    with in_english(qapp):
        counter = make_counter()
        look_up(qtbot, counter, number)
        view, model = counter.delivery.view, counter.delivery.model
        assert counter.tabs.tabText(1) == "Cases / hand-out"
        assert view.doable.text().startswith("Can be done here: Take up")
        assert model.headerData(model.column("id_number"), Qt.Orientation.Horizontal) == (
            "ID number")
        assert view.detail is not None
        words = view.body.text()
        for data in (REASON, "张三", view.detail.transitions[-1].actor_name or ""):
            words = words.replace(data, "")  # what people wrote and their names stay
        assert not CJK.search(words), words
