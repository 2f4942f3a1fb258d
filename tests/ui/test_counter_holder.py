"""A window another clerk holds, as the counter and the supervisor's board show it.

clerk2 logs in at window 1, which clerk1 opened and left: the counter looked usable, and the
first key clerk2 pressed was refused ("由其他工作人员登录"). It now says who holds it since
when, keeps its operations off, and offers the take-over; the board names the holder and
reassigns the window. SQLite only: the services are tested on both engines in
tests/services/test_window_holder.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock, actor_for
from counterkit import MakeCounter, answer_dialogs, counters, in_english
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uikit import clipped

from hallapp.services import supervisor, tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.services.window_holder import claim_window
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.dialogs import LeaveWindowDialog, TakeOverDialog
from hallapp.ui.counter.window import CounterWindow
from hallapp.ui.supervisor import dialogs as supervisor_dialogs
from hallapp.ui.supervisor.board import BoardPanel

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
CtxFor = Callable[[str], Ctx]


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def _enabled(counter: CounterWindow) -> set[str]:
    return {n for n, b in counter.controls.buttons.items() if b.isEnabled()}


@SQLITE_ONLY
def test_a_clerk_at_a_window_another_holds_sees_who_and_takes_it_over(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    clerk1 = ctx_for("clerk1")
    windows.open_window(clerk1, 1)  # then clerk1 logs out without closing it
    counter = make_counter(user="clerk2")
    bar = counter.holder
    assert bar.isVisible()
    assert bar.text.text() == f"此窗口由 {clerk1.actor.name} 使用中（自 09:00）"
    assert _enabled(counter) == set()  # nothing that would be refused
    assert not counter.tabs.isEnabled()
    assert bar.take.isEnabled()
    # the ticket panel said "按 F1 叫号" although F1 is off here: it says what applies
    assert counter.ticket.queue.text() == (f"窗口由 {clerk1.actor.name} 使用中，"
                                           "接手窗口后才能叫号")
    asked: list[tuple[int, str]] = []
    monkeypatch.setattr(TakeOverDialog, "ask",
                        classmethod(lambda cls, parent, n, who: asked.append((n, who)) or True))
    qtbot.mouseClick(bar.take, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.state is not None
                    and counter.state.holder_user == "clerk2")
    assert asked == [(1, clerk1.actor.name)]
    assert not bar.isVisible()
    assert bar.mine.isVisible()  # theirs now: 离开窗口 in the header
    assert "call_next" in _enabled(counter)
    assert counter.tabs.isEnabled()
    assert counter.message.text() == "已接手 1 号窗口"
    assert counter.ticket.queue.text() == "暂无正在办理的号，按 F1 叫号"


@SQLITE_ONLY
def test_a_window_serving_a_ticket_is_not_offered_for_take_over(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    clerk1 = ctx_for("clerk1")
    windows.open_window(clerk1, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk1, 1)
    counter = make_counter(user="clerk2")
    assert counter.holder.isVisible()
    assert not counter.holder.take.isEnabled()
    assert "正在办理 A001：不能接手" in counter.holder.hint.text()
    assert _enabled(counter) == set()


@SQLITE_ONLY
def test_the_holder_leaves_the_window_open_from_the_header(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The holder sees no strip (the counter keeps its height), but since when and 离开窗口 at
    the end of the header: going on a break, the window stays open for another clerk instead
    of closed or locked. With a ticket called it says to finish it first."""
    clerk1 = ctx_for("clerk1")
    windows.open_window(clerk1, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk1, 1)
    counter = make_counter(user="clerk1")
    bar = counter.holder
    assert not bar.isVisible()
    assert bar.mine.isVisible()
    assert bar.leave.isEnabled()
    assert bar.mine.parentWidget() is counter.header
    assert bar.since.text() == "（自 09:00）"
    asked: list[int] = []
    monkeypatch.setattr(LeaveWindowDialog, "ask",
                        classmethod(lambda cls, parent, n: asked.append(n) or True))
    qtbot.mouseClick(bar.leave, Qt.MouseButton.LeftButton)
    assert counter.message.text() == "正在办理 A001：请先办结、转移、挂起或过号，再离开窗口"
    assert counter.message.objectName() == "error"  # refused: in red
    assert asked == []
    windows.finish(clerk1, 1)
    counter.refresh()
    qtbot.waitUntil(lambda: counter.state is not None and counter.state.ticket is None)
    qtbot.mouseClick(bar.leave, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.state is not None and counter.state.holder is None)
    assert asked == [1]
    assert not bar.leave.isVisible()
    assert bar.claim.isVisible()  # 接手窗口 to come back
    assert counter.message.text().startswith("已离开 1 号窗口")
    assert counter.message.objectName() == "result"  # done: in green, not the refusal's red
    seen = windows.window_state(ctx_for("clerk2"), 1)
    assert (seen.state, seen.holder_user) == ("open", None)
    assert "call_next" in _enabled(counter)  # acting there again takes it back


@SQLITE_ONLY
def test_a_window_nobody_holds_offers_the_take_over_its_intake_needs(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    """The supervisor opened window 1 and started a ticket there: taking in its case is
    refused until the clerk holds the window ("请先接手该窗口"), and the counter offered no
    接手窗口 (finish or transfer were the only keys). The header offers it now."""
    boss = ctx_for("supervisor1")
    supervisor.open_window(boss, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(boss, 1)
    windows.start(boss, 1)
    counter = make_counter(user="clerk1")
    bar = counter.holder
    assert not bar.isVisible()  # nobody to name: no strip
    assert bar.mine.isVisible()
    assert bar.claim.isVisible()
    assert bar.claim.isEnabled()
    assert not bar.leave.isVisible()
    assert bar.since.text() == "（窗口当前无人使用）"
    qtbot.mouseClick(bar.claim, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.state is not None
                    and counter.state.holder_user == "clerk1")
    assert counter.message.text() == "已接手 1 号窗口"
    assert bar.leave.isVisible()
    assert not bar.claim.isVisible()
    assert counter.state.ticket is not None
    assert counter.state.ticket.number == "A001"  # the ticket in service passes to the clerk


@SQLITE_ONLY
def test_the_board_names_the_holder_and_reassigns_the_window(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
        ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    application("zh")
    clerk1 = ctx_for("clerk1")
    windows.open_window(clerk1, 1)
    ctx = Ctx(hall_db, actor_for(hall_db, "supervisor1"), clock=clock, terminal="sup")
    panel = BoardPanel(ctx)
    qtbot.addWidget(panel)
    panel.poller.stop()
    try:
        panel.show_board(supervisor.board(ctx))
        model = panel.windows_model
        row = next(i for i, w in enumerate(model.rows()) if w.number == 1)
        clerk_cell = model.index(row, model.column("clerk")).data()
        assert clerk_cell == f"{clerk1.actor.name} 09:00"
        tooltip = model.index(row, model.column("clerk")).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip == f"{clerk1.actor.name}（自 09:00）"
        assert panel.board is not None
        assert ("clerk2", ctx_for("clerk2").actor.name) in panel.board.clerks
        panel.select_window(1)
        assert panel.buttons["assign"].isEnabled()
        # clerk3 works window 3: refused in the dialog, the reason kept (it was said under
        # the board once the dialog had closed, what was typed lost); then clerk2
        windows.open_window(ctx_for("clerk3"), 3)
        seen = answer_dialogs(monkeypatch, qtbot, supervisor_dialogs.AssignDialog,
                              [{"clerk": "clerk3", "reason": "接班"}, {"clerk": "clerk2"}])
        panel.act("assign")
        assert "3 号窗口" in seen[0]["message"] + "".join(seen[0]["errors"].values())
        assert (seen[0]["closed"], seen[0]["values"]["reason"]) == (False, "接班")
        assert seen[1]["closed"]
        qtbot.waitUntil(lambda: windows.window_state(ctx, 1).holder_user == "clerk2")
        qtbot.waitUntil(lambda: panel.status.text() == "已完成：改派窗口…")
    finally:
        wait_for_tasks()
        panel.poller.stop()


@SQLITE_ONLY
def test_the_holder_taken_over_elsewhere_sees_it_on_the_next_refresh(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    """clerk1 comes back to a counter left running: clerk2 has taken window 1 meanwhile (the
    change feed's window_changed refreshes it; here the refresh is asked directly)."""
    windows.open_window(ctx_for("clerk1"), 1)
    counter = make_counter(user="clerk1")
    assert "call_next" in _enabled(counter)
    clerk2 = ctx_for("clerk2")
    claim_window(clerk2, 1, replacing="clerk1")
    counter.refresh()
    qtbot.waitUntil(lambda: counter.holder.take.isVisible())
    assert counter.holder.text.text() == f"此窗口由 {clerk2.actor.name} 使用中（自 09:00）"
    assert _enabled(counter) == set()


@SQLITE_ONLY
def test_the_strip_reads_in_english(qtbot: QtBot, qapp: QApplication,
                                    make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    clerk1 = ctx_for("clerk1")
    windows.open_window(clerk1, 1)
    with in_english(qapp):
        counter = make_counter(user="clerk2")
        assert counter.holder.text.text() == (
            f"This window is in use by {clerk1.actor.name} (since 09:00)")
        assert counter.holder.take.text() == "Take over window"
        assert counter.holder.hint.text().startswith(f"If {clerk1.actor.name} has left")


@SQLITE_ONLY
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
@pytest.mark.parametrize(("serving", "user"), [(False, "clerk2"), (True, "clerk2"),
                                              (False, "clerk1"), (False, "nobody")])
def test_the_strip_fits_and_leaves_the_operations_room(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter, ctx_for: CtxFor,
        lang: str, size: tuple[int, int], serving: bool, user: str) -> None:
    """Stacked in the 400 px left column the strip's hint took two or three lines and squeezed
    the operations below it until their labels were cut off. It spans the counter now: its
    text and hint on one line each, 接手窗口 beside them, the operations whole. The holder's
    离开窗口 fits in the header row, the header no taller for it, and so does 接手窗口 at a
    window nobody holds (``nobody``: clerk1 at the window the supervisor opened)."""
    clerk1 = ctx_for("clerk1")
    if user == "nobody":
        supervisor.open_window(ctx_for("supervisor1"), 1)
        user = "clerk1"
    else:
        windows.open_window(clerk1, 1)
    if serving:
        tickets.take_ticket(ctx_for("kiosk1"), "A")
        windows.call_next(clerk1, 1)
    if lang == "en":
        with in_english(qapp):
            counter = make_counter(size=size, user=user)
    else:
        counter = make_counter(size=size, user=user)
    QApplication.processEvents()
    bar = counter.holder
    if user == "clerk1":
        assert bar.mine.isVisible()
        button = bar.leave if bar.leave.isVisible() else bar.claim
        qtbot.waitUntil(lambda: button.width() >= button.sizeHint().width())
        assert counter.header.height() <= counter.header.title.height() + 16  # its margins
        assert clipped(counter.header) == []
        return
    assert bar.isVisible()
    for label in (bar.text, bar.hint):
        # one line each, wholly shown
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert bar.take.width() >= bar.take.sizeHint().width()
    assert clipped(bar) == []
    assert clipped(counter.controls) == []
