"""The counter's 出件 tab stays true to the cases and takes one click at a time.

The found cases never changed after the search (a case the department marked 待出件 meanwhile
still read 已批准); a double click on 窗口出件 handed the case out and showed an error next to
"已出件" (a conflict on PostgreSQL); a wrong proof or tracking number was said at the bottom
of the tab, not under its field. Driven with pytest-qt on the demo hall; the change feed is
not started, so its events are emitted by hand; the clerk is clerk1 at window 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import counters, in_english
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, accepted_case, id_number

from hallapp.services import backoffice, cases
from hallapp.services.catalogue import get_item
from hallapp.services.context import Ctx, Database
from hallapp.store.feed import FeedEvent
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.window import CounterWindow

CtxFor = Callable[[str], Ctx]
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
            tmp_path: Path) -> Iterator[CounterWindow]:
    made = counters(qtbot, hall_db, clock, tmp_path)
    window = next(made)()
    window.tabs.setCurrentWidget(window.delivery)
    yield window
    next(made, None)  # the counters' own teardown


def approved_case(ctx_for: CtxFor, *, ready: bool) -> str:
    number = accepted_case(ctx_for, PLAIN)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.approve(approver, number, "符合条件")
    if ready:
        backoffice.mark_ready(approver, number)
    return number


def find(qtbot: QtBot, counter: CounterWindow, text: str) -> None:
    panel = counter.delivery
    qtbot.keyClicks(panel.scan, text)
    qtbot.keyClick(panel.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    wait_for_tasks()


@SQLITE_ONLY
def test_the_cases_found_follow_the_change_feed(
        qtbot: QtBot, counter: CounterWindow, ctx_for: CtxFor, clock: FakeClock) -> None:
    number = approved_case(ctx_for, ready=False)
    panel = counter.delivery
    find(qtbot, counter, number)
    assert panel.model.row(0).state == "approved"
    backoffice.mark_ready(ctx_for("approver_szamr"), number)  # 制证完成 in the back office
    counter.feed.events_arrived.emit([
        FeedEvent(1, clock(), "case_changed", {"case": "SZFT-20261124-99999"}),
        FeedEvent(2, clock(), "case_changed", {"case": number, "state": "result_ready"})])
    qtbot.waitUntil(lambda: panel.model.row(0).state == "result_ready")
    assert panel.selected() is not None
    assert panel.selected().number == number


def test_a_second_click_while_handing_out_does_nothing(
        qtbot: QtBot, counter: CounterWindow, ctx_for: CtxFor) -> None:
    number = approved_case(ctx_for, ready=True)
    panel = counter.delivery
    find(qtbot, counter, cases.show_case(ctx_for("clerk1"), number).case.qr_payload)
    qtbot.mouseClick(panel.deliver_button, Qt.MouseButton.LeftButton)
    assert not panel.deliver_button.isEnabled()  # until the first one is done
    panel.deliver_button.click()
    panel._on_deliver_clicked()  # even past the button (its key, a queued click)
    qtbot.waitUntil(lambda: "已出件" in panel.result.text())
    wait_for_tasks()
    qtbot.wait(50)
    assert panel.message.text() == ""
    assert panel.deliver_button.isEnabled()
    assert cases.show_case(ctx_for("clerk1"), number).case.state == "delivered"


@SQLITE_ONLY
def test_a_wrong_proof_or_tracking_number_is_said_under_it(
        qtbot: QtBot, counter: CounterWindow, ctx_for: CtxFor) -> None:
    number = approved_case(ctx_for, ready=True)
    panel = counter.delivery
    find(qtbot, counter, number)
    for proof, said in (("110101199003077777", "校验位"),  # not an ID number
                        (id_number(77), "领取人身份证号码与申请人")):  # another one's
        panel.proof.setText(proof)
        qtbot.mouseClick(panel.deliver_button, Qt.MouseButton.LeftButton)
        wait_for_tasks()
        qtbot.wait(20)
        assert panel.message.text() == ""  # not at the bottom of the tab: under the proof
        proof_note = panel.notes.labels["proof"]
        assert said in proof_note.text()
        assert proof_note.isVisibleTo(counter)
        assert panel.proof.property("invalid") == "true"
    panel.tracking.setText("12")
    qtbot.mouseClick(panel.express_button, Qt.MouseButton.LeftButton)
    tracking_note = panel.notes.labels["tracking_number"]
    qtbot.waitUntil(lambda: tracking_note.isVisibleTo(counter))
    assert "快递单号" in tracking_note.text()
    assert not proof_note.isVisibleTo(counter)  # the last refusal only
    panel.proof.clear()
    qtbot.mouseClick(panel.deliver_button, Qt.MouseButton.LeftButton)
    assert proof_note.text() == "请扫描回执二维码或输入领取人身份证号码"
    assert cases.show_case(ctx_for("clerk1"), number).case.state == "result_ready"


@SQLITE_ONLY
def test_an_english_counter_names_the_item_and_the_state_in_english(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
        tmp_path: Path, ctx_for: CtxFor) -> None:
    """The list and the result line used the item's Chinese name, and a refusal named the
    case's state and the action by their codes ('in state "approved" … "deliver"')."""
    waiting, ready = approved_case(ctx_for, ready=False), approved_case(ctx_for, ready=True)
    english = get_item(ctx_for("clerk1"), PLAIN).name_en
    assert english
    clerk = ctx_for("clerk1")
    made = counters(qtbot, hall_db, clock, tmp_path)  # sets the language: before English
    make = next(made)
    with in_english(qapp):
        window = make()
        window.tabs.setCurrentWidget(window.delivery)
        panel = window.delivery
        find(qtbot, window, cases.show_case(clerk, waiting).case.qr_payload)
        assert panel.model.data(panel.model.index(0, panel.model.column("item"))) == english
        qtbot.mouseClick(panel.deliver_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(panel.message.text()))
        assert panel.message.text() == ('A case that is "Approved" cannot take the action '
                                        '"Hand-out".')
        panel.scan.clear()
        qtbot.keyClicks(panel.scan, cases.show_case(clerk, ready).case.qr_payload)
        qtbot.keyClick(panel.scan, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1
                        and panel.model.row(0).number == ready and not panel.busy)
        qtbot.mouseClick(panel.deliver_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ready in panel.result.text())
        assert english in panel.result.text()
    next(made, None)
