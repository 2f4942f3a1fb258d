"""Preset reasons and notes offered in dialogs: shown in the screen's language, stored in
Chinese. They go into the audit log, the case history, the board and the Chinese documents
(一次性告知书), whatever language the clerk's or the supervisor's screen runs in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import (
    TOLERANT_ITEM,
    MakeCounter,
    cell_click,
    choose_item,
    counters,
    in_english,
)
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from hallapp.services import supervisor, tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.ui.counter.dialogs import FieldsDialog, ReasonDialog
from hallapp.ui.supervisor import board as board_module
from hallapp.ui.supervisor import worklists
from hallapp.ui.supervisor.board import BoardPanel

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The dialogs' preset lists as shown; the first of each is picked and the dialog accepted."""
    shown: list[list[str]] = []

    def pick_first(self: FieldsDialog) -> QDialog.DialogCode:
        for combo in self.findChildren(QComboBox):
            shown.append([combo.itemText(i) for i in range(combo.count())])
            combo.setCurrentIndex(0)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FieldsDialog, "exec", pick_first)
    return shown


def test_a_picked_preset_is_stored_as_written_and_typed_text_as_typed(
        qapp: QApplication, offered: list[list[str]]) -> None:
    presets = [("午休", "Lunch break"), "系统故障"]
    assert ReasonDialog.ask(None, "t", "p", presets) == "午休"
    assert offered == [["Lunch break", "系统故障"]]
    dialog = ReasonDialog("t", "p", presets)
    dialog.edits["reason"].setText("Lunch break ")  # retyped: still the preset
    assert dialog.values() == {"reason": "午休"}
    dialog.edits["reason"].setText("Gone to the bank")
    assert dialog.values() == {"reason": "Gone to the bank"}


@SQLITE_ONLY
def test_an_english_counter_stores_its_preset_reasons_in_chinese(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter,
        ctx_for: Callable[[str], Ctx], offered: list[list[str]]) -> None:
    """A Chinese board showed "暂停（Lunch break）"; the 一次性告知书 printed "不符合要求：Not
    signed or stamped"."""
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    with in_english(qapp):
        counter = make_counter()
        qtbot.waitUntil(lambda: counter.intake.ticket is not None
                        and counter.intake.ticket.state == "serving")
        controls = counter.controls
        assert [controls._ask_reason(name) for name in ("pause", "noshow", "suspend")] == [
            "午休", "多次呼叫未到", "材料不齐，回去补充"]
        assert [shown[0] for shown in offered] == [
            "Lunch break", "No response to repeated calls",
            "Materials incomplete, gone to fetch them"]
        choose_item(qtbot, counter, "gsbg", TOLERANT_ITEM)
        cell_click(qtbot, counter, "M02", "faulty")
        checklist = counter.intake.checklist.model
        assert checklist.row(checklist.row_of("M02")).note == "未签字或未盖章"
        assert offered[-1][0] == "Not signed or stamped"


@SQLITE_ONLY
def test_an_english_board_offers_its_presets_and_queues_in_english(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, ctx_for: Callable[[str], Ctx],
        offered: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Its pause, follow-up and release presets were Chinese (missing from the .ts), its Work
    profile… and Move tickets… dialogs listed "A 商事登记" beside a board of English names."""
    sup = ctx_for("supervisor1")
    windows.open_window(ctx_for("clerk1"), 1)
    queues: dict[str, list[str]] = {}
    monkeypatch.setattr(board_module.ProfileDialog, "ask", classmethod(
        lambda cls, _p, _n, names, *_a: queues.setdefault("profile", list(names)) and None))
    monkeypatch.setattr(board_module.MoveDialog, "ask", classmethod(
        lambda cls, _p, names: queues.setdefault("move", list(names)) and None))
    with in_english(qapp):
        panel = BoardPanel(sup)
        qtbot.addWidget(panel)
        panel.poller.stop()
        panel.show_board(supervisor.board(sup))
        assert panel.board is not None
        window = panel.board.windows[0]
        pause = panel._job("pause", window, sup)
        assert pause is not None
        pause()
        assert [w.reason for w in supervisor.board(sup).windows if w.number == 1] == [
            "工作人员临时离开"]
        assert offered[-1] == ["Staff member stepped away", "System fault", "Training",
                               "Helping at another window"]
        panel._job("profile", window, sup)
        panel._job("move", None, sup)
        assert queues["profile"][:2] == queues["move"][:2] == [
            "A Business registration", "B Real estate registration"]
        asked: list[list[object]] = []
        monkeypatch.setattr(ReasonDialog, "ask", classmethod(
            lambda cls, _p, _t, _q, presets=(): asked.append(list(presets))))
        work = worklists.WorkListPanel(sup)
        qtbot.addWidget(work)
        monkeypatch.setattr(work.followups_table.selectionModel(), "selectedRows",
                            lambda: [work.followups.index(0, 0)])
        monkeypatch.setattr(work.followups, "row", lambda _r: object())
        work.close_selected()
        monkeypatch.setattr(work.cases_table.selectionModel(), "selectedRows",
                            lambda: [work.cases.index(0, 0)])
        monkeypatch.setattr(work.cases, "row", lambda _r: _Claimed())
        work.release_selected()
    assert asked == [
        [("已电话回访，致歉并说明情况", "Called back, apologised and explained"),
         ("已核实，对工作人员进行提醒教育", "Checked; the staff member was reminded and coached"),
         ("已整改到位", "Put right"),
         ("经核实为恶意差评，申诉成立", "Checked: a malicious rating; the appeal is upheld")],
        [("审批人员请假，改派他人", "Approver on leave; reassign to someone else"),
         ("审批人员外出，临近期限", "Approver away and the deadline is near"),
         ("审批人员已调岗", "Approver has moved to another post")]]


class _Claimed:
    number = "X1"
    claimed_by = "林志强"
