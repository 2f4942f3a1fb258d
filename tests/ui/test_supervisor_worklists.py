"""The supervisor's work lists: a case held by an approver who is away is given back here.

A claimed case could not be reassigned from any screen: the supervisor saw it near its
deadline, with nobody to say who held it, and no way to free it. SQLite only: the service
under the button is tested on both engines in tests/services/test_case_claims.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FakeClock
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import backoffice, cases
from hallapp.services.context import Ctx
from hallapp.services.worklists import DueCase
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.dialogs import ReasonDialog
from hallapp.ui.supervisor.worklists import WorkListPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, accepted_case

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@SQLITE_ONLY
def test_the_supervisor_releases_a_claim_from_the_due_cases_list(
        qtbot: QtBot, qapp: QApplication, ctx_for: Callable[[str], Ctx],
        monkeypatch: pytest.MonkeyPatch) -> None:
    number = accepted_case(ctx_for, PLAIN)  # due in 1 working day: in the warning period
    backoffice.claim(ctx_for("approver_szamr"), number)
    panel = WorkListPanel(ctx_for("supervisor1"))
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.cases.rowCount() == 1)
    model = panel.cases
    assert model.data(model.index(0, model.column("claimed"))) == "林志强"
    panel.release_button.click()
    assert panel.status.text() == "请先选择一件已有人认领的办件"
    asked: list[str] = []

    def answer(_cls: object, _parent: object, _title: str, prompt: str, *_a: object) -> str:
        asked.append(prompt)
        return "审批人员请假，改派他人"

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(answer))
    panel.cases_table.selectRow(0)
    panel.release_button.click()
    qtbot.waitUntil(lambda: "已退回待审" in panel.status.text())
    assert f"办件 {number} 由 林志强 认领审查" in asked[0]
    info = cases.show_case(ctx_for("clerk1"), number).case
    assert (info.state, info.claimed_by) == ("accepted", None)
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.data(
        model.index(0, model.column("claimed"))) == "—")


def _due(number: str, due: str) -> DueCase:
    return DueCase(number, "事项", "部门", "审查中", datetime(2026, 11, 20, 10, tzinfo=UTC),
                   "overdue", None, None, due=due)


def test_the_overdue_count_counts_cases_not_rows(qtbot: QtBot, qapp: QApplication) -> None:
    """"逾期 3 件" for two cases: one overdue on its decision and on its 容缺 supplement has
    a row for each."""
    panel = WorkListPanel(Ctx(None, None))  # type: ignore[arg-type]  # nothing is read
    qtbot.addWidget(panel)
    panel._on_loaded(([], [_due("A1", "decision"), _due("A1", "supplement"),
                           _due("B2", "decision")]))
    assert panel.cases_title.text() == "临近期限与已逾期办件（逾期 2 件）"


@SQLITE_ONLY
def test_a_deadline_passing_while_the_list_is_shown_is_seen_without_an_event(
        qtbot: QtBot, qapp: QApplication, ctx_for: Callable[[str], Ctx],
        clock: FakeClock) -> None:
    """The board polls every 15 s; the work list waited for a case event, so a screen left
    on it went on showing a case as near its deadline after the deadline passed."""
    accepted_case(ctx_for, PLAIN)  # due in 1 working day: in the warning period
    panel = WorkListPanel(ctx_for("supervisor1"), refresh_ms=50)
    qtbot.addWidget(panel)
    panel.show()
    panel.refresh()
    qtbot.waitUntil(lambda: panel.cases.rowCount() == 1)
    assert panel.cases.rows()[0].timeliness == "warning"
    clock.advance(days=7)
    qtbot.waitUntil(lambda: panel.cases_title.text() == "临近期限与已逾期办件（逾期 1 件）")
    wait_for_tasks()
