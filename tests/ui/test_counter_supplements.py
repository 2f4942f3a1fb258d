"""The counter's 出件 tab records what an applicant brings back for an accepted case: the
materials owed under 容缺 and the corrections a 补正 asked for.

Both existed only on the command line (``case supplement``, ``backoffice resume``): at the
window a clerk could take in and hand out a case but not record its owed or corrected
materials, so a 容缺 approval stayed withheld and a 补正 stopped the clock for good. Driven
with pytest-qt on the demo hall; the clerk is clerk1 at window 1; both engines.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, TOLERANT, accepted_case

from hallapp.services import backoffice, case_clock, cases
from hallapp.services.context import Ctx, Database
from hallapp.ui.common.widgets import ConfirmDialog
from hallapp.ui.counter.delivery import DeliveryPanel
from hallapp.ui.counter.dialogs import SupplementDialog

CtxFor = Callable[[str], Ctx]


@pytest.fixture
def panel(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
          tmp_path: Path) -> Iterator[DeliveryPanel]:
    made = counters(qtbot, hall_db, clock, tmp_path)
    counter = next(made)()
    counter.tabs.setCurrentWidget(counter.delivery)
    yield counter.delivery
    next(made, None)  # the counters' own teardown


def find(qtbot: QtBot, panel: DeliveryPanel, text: str) -> None:
    """The scanner (or the clerk) types the receipt's QR or the case number, then Enter."""
    qtbot.keyClicks(panel.scan, text)
    qtbot.keyClick(panel.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)


def test_the_owed_materials_brought_release_a_withheld_approval(
        qtbot: QtBot, panel: DeliveryPanel, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    number = accepted_case(ctx_for, TOLERANT, decision="accept_tolerant", M03="missing")
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    assert backoffice.approve(approver, number).state == "approved_tolerant"
    offered: list[list[tuple[str, str]]] = []

    def brought(_cls: object, _parent: object, _number: str,
                owed: list[tuple[str, str]]) -> list[str]:
        offered.append(owed)
        return [code for code, _name in owed]

    monkeypatch.setattr(SupplementDialog, "ask", classmethod(brought))
    find(qtbot, panel, cases.show_case(ctx_for("clerk1"), number).case.qr_payload)
    qtbot.mouseClick(panel.supplement_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已批准" in panel.result.text())
    assert offered == [[("M03", "公司章程修正案或修改后的公司章程")]]
    assert cases.show_case(ctx_for("clerk1"), number).case.state == "approved"
    assert panel.model.row(0).state == "approved"  # the list shows the new state


def test_a_case_with_nothing_owed_says_so(qtbot: QtBot, panel: DeliveryPanel,
                                          ctx_for: CtxFor) -> None:
    number = accepted_case(ctx_for, PLAIN)
    find(qtbot, panel, number)
    qtbot.mouseClick(panel.supplement_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == f"办件 {number} 没有容缺待补的材料"


def test_corrected_materials_at_the_window_start_the_clock_again(
        qtbot: QtBot, panel: DeliveryPanel, ctx_for: CtxFor, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    number = accepted_case(ctx_for, PLAIN)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.request_correction(approver, number, "清税证明须加盖公章", ["M03"])
    clock.advance(days=1)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *_a: False))
    find(qtbot, panel, number)
    # 查件: the clock stopped with the day left then (it read 临近期限 as it waited)
    qtbot.waitUntil(lambda: panel.view.detail is not None)
    assert "（计时暂停，剩 1 个工作日）" in panel.view.body.text()
    qtbot.mouseClick(panel.correction_button, Qt.MouseButton.LeftButton)
    assert cases.show_case(ctx_for("clerk1"), number).case.state == "correction_requested"
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *_a: True))
    qtbot.mouseClick(panel.correction_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已补正" in panel.result.text())
    info = cases.show_case(ctx_for("clerk1"), number).case
    assert (info.state, info.stopped_since, info.visits) == ("corrected", None, 2)
    # Not twice, and said before asking: it asked, then refused a case not awaiting one
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *_a: pytest.fail("asked")))
    qtbot.mouseClick(panel.correction_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == f"办件 {number} 现为“已补正”，没有待补正的材料"
