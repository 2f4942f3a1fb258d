"""The back office as an approver uses it: queue by urgency, claim, correction, approval,
result ready, a case held by someone else, denial, other terminals, connection, layout.

Cases are taken in through the services (ticket served at window 1, case opened, checklist,
accepted: tests/services/casekit.py) in the SZAMR department, then driven through the
widgets with pytest-qt, on a fresh demo database per test (``hall_db``: both engines where
the database matters, SQLite only for dialogs, banner and layout). Clock: Tuesday 2026-11-24
09:00 Shanghai unless a test moves it. Dialogs are replaced through their ``ask`` classmethods.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from backofficekit import Desk, act, desks, open_in_desk, row_of, shown_buttons, state_of
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uikit import clipped

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import (
    PLAIN,
    TOLERANT_3,
    CtxFor,
    accepted_case,
    ready_case,
    second_approver,
)

from hallapp.services import backoffice, case_clock, case_decide
from hallapp.services.context import Database
from hallapp.ui.backoffice.dialogs import (
    CorrectionDialog,
    DenyDialog,
    ReasonDialog,
)
from hallapp.ui.backoffice.models import TIMELINESS_ROLE

SH = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[2]


SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
ITEM_EN = "Food business licence (new)"  # TOLERANT_3 in the demo catalogue


@pytest.fixture
def make_desk(qtbot: QtBot, qapp: QApplication, ctx_for: CtxFor,
              tmp_path: Path) -> Iterator[Desk]:
    yield from desks(qtbot, ctx_for, tmp_path)


def test_claim_correct_approve_and_ready(qtbot: QtBot, make_desk: Desk, ctx_for: CtxFor,
                                         clock: Any, monkeypatch: pytest.MonkeyPatch,
                                         qtmodeltester: Any) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=31)
    other = accepted_case(ctx_for, PLAIN, seq=32)  # the next in the queue
    desk = make_desk(feed=True)
    open_in_desk(qtbot, desk, number)
    assert set(shown_buttons(desk)) == {"claim"}
    act(qtbot, desk, "claim", "in_review")
    assert "由我认领" in desk.detail.claim_label.text()
    assert {"approve", "deny", "request_correction", "start_special", "return_to_front",
            "release"} <= set(shown_buttons(desk))
    monkeypatch.setattr(CorrectionDialog, "ask", classmethod(
        lambda cls, parent, case, materials: ("营业执照复印件不清晰", ["M02"])))
    clock.advance(hours=1)
    act(qtbot, desk, "request_correction", "correction_requested")
    detail = desk.detail.detail
    assert detail is not None
    assert detail.case.stopped_since is not None
    assert "计时暂停" in desk.detail.facts["deadline"][1].text()
    m02 = next(m for m in desk.detail.materials_model.rows() if m.code == "M02")
    assert (m02.status, m02.note) == ("faulty", "营业执照复印件不清晰")
    qtbot.waitUntil(lambda: row_of(desk, number).state == "correction_requested")
    qtmodeltester.check(desk.detail.materials_model)
    qtmodeltester.check(desk.detail.history_model)
    clock.advance(hours=24)
    case_clock.supply_correction(ctx_for("clerk1"), number)  # at the window, as a clerk would
    qtbot.waitUntil(lambda: state_of(desk) == "corrected"  # through the change feed
                    and row_of(desk, number).state == "corrected")
    act(qtbot, desk, "claim", "in_review")
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "符合登记条件"))
    act(qtbot, desk, "approve", "approved")
    # decided: after the open cases, its result to make (待制证)
    qtbot.waitUntil(lambda: desk.queue.visible_numbers() == [other, number]
                    and row_of(desk, number).state == "approved")
    # and still the open case: the detail jumped to the next one, and printed its notice
    assert desk.detail.number == number
    assert "mark_ready" in shown_buttons(desk)
    act(qtbot, desk, "mark_ready", "result_ready")
    assert "推送综合窗口" in desk.note.text()
    qtbot.waitUntil(lambda: row_of(desk, number) is None)  # made: the window hands it out
    steps = [(t.action, t.actor) for t in desk.detail.history_model.rows()]
    assert steps[-6:] == [("claim", "approver_szamr"), ("request_correction", "approver_szamr"),
                          ("supply_correction", "clerk1"), ("claim", "approver_szamr"),
                          ("approve", "approver_szamr"), ("mark_ready", "approver_szamr")]
    # The table names the staff (as the work lists and board do), not their accounts.
    names = {t.actor: t.actor_name for t in desk.detail.history_model.rows()}
    assert names["clerk1"] == ctx_for("clerk1").actor.name
    assert names["approver_szamr"] == ctx_for("approver_szamr").actor.name
    model = desk.detail.history_model
    shown_actors = {model.index(r, model.column("actor")).data()
                    for r in range(model.rowCount())}
    assert shown_actors == set(names.values())
    qtbot.mouseClick(shown_buttons(desk)["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "通知书已输出" in desk.note.text())
    assert [p.name for p in desk.detail.action_bar.printer.saved] == [  # type: ignore[attr-defined]
        f"notice_result-{number}.pdf"]


@SQLITE_ONLY
def test_deny_needs_reason_and_legal_basis(qtbot: QtBot, make_desk: Desk, ctx_for: CtxFor,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = DenyDialog("SZFT-20261124-00001")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.try_accept()
    assert dialog.result() == 0
    assert dialog.errors["reason"].text() == "请填写理由"
    assert dialog.errors["legal_basis"].text() == "请填写法律依据"
    dialog.set_value("reason", "住所不符合要求")
    dialog.try_accept()
    assert dialog.errors["reason"].text() == ""
    assert dialog.errors["legal_basis"].isVisible()
    assert dialog.edits["legal_basis"].property("invalid") == "true"
    dialog.set_value("legal_basis", "《市场主体登记管理条例》第十一条")
    dialog.try_accept()
    assert dialog.result() == 1
    number = accepted_case(ctx_for, PLAIN, seq=32)
    desk = make_desk()
    open_in_desk(qtbot, desk, number)
    act(qtbot, desk, "claim", "in_review")
    monkeypatch.setattr(DenyDialog, "ask", classmethod(lambda cls, parent, case: None))
    qtbot.mouseClick(shown_buttons(desk)["deny"], Qt.MouseButton.LeftButton)
    assert state_of(desk) == "in_review"  # cancelled: nothing happens
    monkeypatch.setattr(DenyDialog, "ask", classmethod(
        lambda cls, parent, case: ("住所不符合要求", "《市场主体登记管理条例》第十一条")))
    act(qtbot, desk, "deny", "denied")
    detail = desk.detail.detail
    assert detail is not None
    assert (detail.case.opinion, detail.case.legal_basis) == (
        "住所不符合要求", "《市场主体登记管理条例》第十一条")


PYTHON_SUPPLY = """
import sys
from datetime import datetime
from sqlalchemy import select
from hallapp.core.roles import Actor, Role
from hallapp.services import case_clock
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Staff
url, number, now = sys.argv[1], sys.argv[2], datetime.fromisoformat(sys.argv[3])
db = Database(url)
with db.read_session() as s:
    row = s.scalars(select(Staff).where(Staff.username == "clerk1")).one()
actor = Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
              row.window_number)
print(case_clock.supply_correction(Ctx(db, actor, clock=lambda: now), number).state)
db.dispose()
"""


def test_other_terminals_claims_and_processes(qtbot: QtBot, make_desk: Desk,
                                              hall_db: Database, ctx_for: CtxFor,
                                              clock: Any) -> None:
    held = accepted_case(ctx_for, PLAIN, seq=36)
    waiting = accepted_case(ctx_for, PLAIN, seq=37)
    me = ctx_for("approver_szamr")
    backoffice.claim(me, waiting)
    case_clock.request_correction(me, waiting, "补充股东会决议")
    desk = make_desk(feed=True)
    open_in_desk(qtbot, desk, held)
    assert "claim" in shown_buttons(desk)
    backoffice.claim(second_approver(hall_db, clock), held)  # another approver, same dept
    qtbot.waitUntil(lambda: state_of(desk) == "in_review"  # through the change feed
                    and row_of(desk, held).claimed_by == "approver_szamr_b")
    # the holder by name, as the history and the supervisor's work list name them (the
    # queue's 认领人 column showed the login, "approver_szamr_b")
    model = desk.queue.model
    column = model.COLUMNS.index("claimed")
    assert model.index(model.find(held), column).data() == "第二审批人"
    assert "第二审批人" in desk.detail.claim_label.text()
    buttons = shown_buttons(desk)
    assert buttons, "the allowed actions stay visible"
    for name, button in buttons.items():
        assert not button.isEnabled(), name
        assert "第二审批人" in button.toolTip(), name
    # another process (a window clerk's terminal) supplies the correction
    done = subprocess.run([sys.executable, "-c", PYTHON_SUPPLY, hall_db.url, waiting,
                           clock.now.isoformat()], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "corrected"
    qtbot.waitUntil(lambda: row_of(desk, waiting) is not None
                    and row_of(desk, waiting).state == "corrected", timeout=10000)


@SQLITE_ONLY
def test_connection_banner_disables_actions(qtbot: QtBot, make_desk: Desk,
                                            ctx_for: CtxFor) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=38)
    desk = make_desk()
    open_in_desk(qtbot, desk, number)
    desk.feed.connection_lost.emit("server closed the connection")
    assert desk.banner.isVisibleTo(desk)
    claim = shown_buttons(desk)["claim"]
    assert not claim.isEnabled()
    assert "连接中断" in claim.toolTip()
    desk.feed.connection_restored.emit()
    assert not desk.banner.isVisibleTo(desk)
    qtbot.waitUntil(lambda: claim.isEnabled())


@SQLITE_ONLY
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_desk_fits_without_clipping(qtbot: QtBot, make_desk: Desk, ctx_for: CtxFor,
                                    size: tuple[int, int]) -> None:
    number = ready_case(ctx_for, TOLERANT_3, seq=39, M04="missing", M05="commitment")
    case_decide.decide(ctx_for("clerk1"), number, "accept_tolerant",
                       commitment="申请人承诺已取得食品安全管理人员培训合格证明")
    desk = make_desk(size=size)
    open_in_desk(qtbot, desk, number)
    act(qtbot, desk, "claim", "in_review")
    desk.feed.connection_lost.emit("x")  # the banner too
    for _ in range(3):
        QApplication.processEvents()
    assert desk.size() == QSize(*size)
    assert clipped(desk) == []
    detail = desk.detail
    assert "补齐期限" in detail.supplements.text()
    assert "培训考核合格证明" in detail.commitments.text()
    table = desk.queue.table
    assert not table.horizontalScrollBar().isVisible()
    assert not table.isColumnHidden(desk.queue.model.column("remaining"))
    assert table.columnWidth(desk.queue.model.column("item")) >= 120


def test_queue_by_urgency_with_colours_and_filters(qtbot: QtBot, make_desk: Desk,
                                                   ctx_for: CtxFor, clock: Any,
                                                   qtmodeltester: Any) -> None:
    late = accepted_case(ctx_for, PLAIN, seq=33)  # Tue → due Wed 18:00
    clock.now = datetime(2026, 11, 26, 9, tzinfo=SH)  # Thursday
    slow = accepted_case(ctx_for, TOLERANT_3, seq=34)  # due Tue 12-01: 3 days left
    fast = accepted_case(ctx_for, PLAIN, seq=35)  # due Fri: 1 day left
    desk = make_desk()
    mine = [n for n in desk.queue.visible_numbers() if n in (late, slow, fast)]
    assert mine == [late, fast, slow]
    model = desk.queue.model
    remaining = model.column("remaining")
    cells = {n: model.index(model.find(n), remaining) for n in mine}
    assert [model.data(cells[n], TIMELINESS_ROLE) for n in mine] == ["overdue", "warning",
                                                                     "normal"]
    assert [model.data(cells[n]) for n in mine] == ["超期1个工作日", "剩1个工作日", "剩3个工作日"]
    backgrounds = [model.data(cells[n], Qt.ItemDataRole.BackgroundRole) for n in mine]
    assert backgrounds[0].color().name() == "#c8102e"  # red
    assert backgrounds[1].color().name() == "#ffd98a"  # amber
    assert backgrounds[2] is None
    qtmodeltester.check(model)
    desk.queue.set_filters(item=TOLERANT_3)
    assert slow in desk.queue.visible_numbers()
    assert not {late, fast} & set(desk.queue.visible_numbers())
    desk.queue.set_filters(state="accepted", window=1)
    assert {late, fast, slow} <= set(desk.queue.visible_numbers())
    desk.queue.set_filters(state="in_review")
    assert not {late, fast, slow} & set(desk.queue.visible_numbers())
    desk.queue.set_filters()
    assert "超期" in desk.queue.counts.text()


@SQLITE_ONLY
def test_in_english_items_and_the_department_go_by_their_english_names(
        qtbot: QtBot, qapp: QApplication, make_desk: Desk, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, TOLERANT_3, seq=41)
    case_decide.decide(ctx_for("clerk1"), number, "accept")
    qapp.setProperty("hallapp_lang", "en")
    try:
        desk = make_desk()
        open_in_desk(qtbot, desk, number)
        model = desk.queue.model
        item = model.data(model.index(model.find(number), model.column("item")))
        assert item == ITEM_EN
        assert desk.detail.title.text() == f"{number} · {ITEM_EN}"
        assert "Shenzhen Administration for Market Regulation" in desk.windowTitle()
        materials = desk.detail.materials_model  # the catalogue's English names, too
        shown = materials.data(materials.index(1, materials.column("material")))
        assert shown == "Business licence"  # M02 (营业执照)
    finally:
        qapp.setProperty("hallapp_lang", "zh")


@SQLITE_ONLY
def test_a_long_opinion_does_not_take_the_whole_summary(
        qtbot: QtBot, make_desk: Desk, ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=33)
    desk = make_desk()
    open_in_desk(qtbot, desk, number)
    act(qtbot, desk, "claim", "in_review")
    long = "；".join(f"第{n}项：材料不清晰" for n in range(1, 40))
    monkeypatch.setattr(CorrectionDialog, "ask", classmethod(
        lambda cls, parent, case, materials: (long, ["M02"])))
    act(qtbot, desk, "request_correction", "correction_requested")
    shown = desk.detail.facts["opinion"][1]
    assert len(shown.text()) == 80
    assert shown.text().endswith("…")
    assert shown.toolTip() == long
