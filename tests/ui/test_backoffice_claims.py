"""The back office: a special procedure passes from one approver to another.

A supervisor (or disabling the account) gives back the claim of an approver who is away;
a case in a special procedure stays in it, and another approver of the department claims it
from there to end it. SQLite only: the services are tested on both engines in
tests/services/test_case_claims.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from backofficekit import Desk, act, desks, open_in_desk, shown_buttons
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, CtxFor, accepted_case

from hallapp.services import backoffice, case_clock
from hallapp.ui.backoffice.dialogs import ReasonDialog

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_desk(qtbot: QtBot, qapp: QApplication, ctx_for: CtxFor,
              tmp_path: Path) -> Iterator[Desk]:
    yield from desks(qtbot, ctx_for, tmp_path)


@SQLITE_ONLY
def test_a_released_special_procedure_is_claimed_and_ended_from_the_desk(
        qtbot: QtBot, make_desk: Desk, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=51)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.start_special(approver, number, "现场核查")
    desk = make_desk(feed=True)
    open_in_desk(qtbot, desk, number)
    assert set(shown_buttons(desk)) >= {"end_special", "release"}
    assert "claim" not in shown_buttons(desk)  # its holder has nothing to claim
    backoffice.release_claim(ctx_for("supervisor1"), number, "审批人员请假")
    qtbot.waitUntil(lambda: desk.detail.claim_label.text() == "尚未认领")
    assert not shown_buttons(desk)["end_special"].isEnabled()
    act(qtbot, desk, "claim", "special_procedure")  # the state stays: wait for the claim
    qtbot.waitUntil(lambda: "由我认领" in desk.detail.claim_label.text())
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "核查完毕"))
    act(qtbot, desk, "end_special", "in_review")
