"""The back office keeps the cases it has decided until their result is made (制证完成).

An approved or denied case left every list: the department's queue dropped it at once, a
秒批 case never reached it, and nothing else showed it, so 制证完成 was never done and the
window could not hand the result out (``deliver`` refused weeks later). SQLite only: the
queue service is tested on both engines in tests/services/test_cases_backoffice.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from backofficekit import Desk, act, desks, open_in_desk, row_of
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import IMMEDIATE_AUTO, PLAIN, CtxFor, accepted_case, ready_case

from hallapp.services import backoffice, case_decide, delivery

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_desk(qtbot: QtBot, qapp: QApplication, ctx_for: CtxFor,
              tmp_path: Path) -> Iterator[Desk]:
    yield from desks(qtbot, ctx_for, tmp_path)


@SQLITE_ONLY
def test_decided_cases_wait_in_the_queue_for_their_result(
        qtbot: QtBot, make_desk: Desk, ctx_for: CtxFor) -> None:
    approver = ctx_for("approver_szamr")
    decided = accepted_case(ctx_for, PLAIN, seq=61)
    backoffice.claim(approver, decided)
    backoffice.approve(approver, decided)
    waiting = accepted_case(ctx_for, PLAIN, seq=62)
    desk = make_desk(feed=True)
    assert desk.queue.visible_numbers() == [waiting, decided]  # open cases first
    model = desk.queue.model
    row = model.find(decided)
    assert model.data(model.index(row, model.column("remaining"))) == "待制证"
    assert "待制证 1" in desk.queue.counts.text()
    assert desk.queue.title.text() == "本部门待审办件（1）"
    # 秒批 at the window: approved by the rules, it arrives in the queue through the feed
    auto = ready_case(ctx_for, IMMEDIATE_AUTO, seq=63, status="verified_online")
    assert case_decide.decide(ctx_for("clerk1"), auto, "accept").auto_approved
    qtbot.waitUntil(lambda: row_of(desk, auto) is not None, timeout=10_000)
    assert desk.queue.visible_numbers() == [waiting, decided, auto]
    desk.queue.set_filters(state="approved")
    assert desk.queue.visible_numbers() == [decided, auto]
    open_in_desk(qtbot, desk, decided)
    assert desk.detail.claim_label.text() == ""  # decided: no claim to speak of
    act(qtbot, desk, "mark_ready", "result_ready")
    qtbot.waitUntil(lambda: row_of(desk, decided) is None)
    assert "已推送综合窗口待出件" in desk.note.text()
    proof = desk.detail.detail.case.qr_payload if desk.detail.detail else ""
    assert delivery.deliver(ctx_for("clerk1"), decided, proof).state == "delivered"
