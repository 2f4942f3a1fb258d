"""The supervisor's board as a supervisor uses it: live from the feed, alerts, acts, KPIs.

A call made by another process (a counter elsewhere in the hall) reaches the board through
the change feed; a wait that passes its target becomes an alert (with the chime) as the
clock moves. Dialogs are answered by replacing their ``ask``. SQLite only: the services
under the board are tested on both engines in tests/services.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uikit import clipped, cut_cells

from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.services.supervisor import ProfileEntryInput
from hallapp.store.models import Ticket
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.widgets import ConfirmDialog
from hallapp.ui.counter.dialogs import ReasonDialog
from hallapp.ui.supervisor import dialogs
from hallapp.ui.supervisor.dialogs import MoveAnswer, ProfileAnswer
from hallapp.ui.supervisor.window import SupervisorWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from kpikit import busy_day
from supervisorkit import MakeBoard, supervisors

ROOT = Path(__file__).resolve().parents[2]
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])

# Another terminal: clerk11 calls the next ticket at window 11, at the test clock's instant.
CALL_ELSEWHERE = r"""
import sys
from datetime import datetime
from sqlalchemy import select
from hallapp.core.roles import Actor, Role
from hallapp.services import windows
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Staff

db = Database(sys.argv[1])
now = datetime.fromisoformat(sys.argv[2])
with db.read_session() as s:
    r = s.scalars(select(Staff).where(Staff.username == "clerk11")).one()
actor = Actor(r.username, Role(r.role), r.id, r.name)
print(windows.call_next(Ctx(db, actor, clock=lambda: now), 11).number)
"""


@pytest.fixture
def make_board(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
               tmp_path: Path) -> Iterator[MakeBoard]:
    yield from supervisors(qtbot, hall_db, clock, tmp_path, refresh_ms=100)


def _window(board: SupervisorWindow, number: int) -> object:
    assert board.board.board is not None
    return next(w for w in board.board.board.windows if w.number == number)


def _alerts(board: SupervisorWindow) -> set[str]:
    return {a.kind for a in board.board.alerts_model.rows()}


@SQLITE_ONLY
def test_back_online_the_board_drops_the_outage_message_and_reloads_its_lists(
        qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx]) -> None:
    """"无法连接数据库…" stayed under the board after the connection came back, and the
    work list kept what it had before the outage."""
    from casekit import accepted_case

    board = make_board()
    assert board.work.cases.rowCount() == 0
    board.feed.connection_lost.emit("server closed the connection")
    board._on_panel_failed("无法连接数据库，请稍候，系统将自动重试")
    accepted_case(ctx_for)  # due tomorrow: on the work list, added while offline
    board.feed.connection_restored.emit()
    assert board.message.text() == ""
    assert board.banner.isHidden()
    qtbot.waitUntil(lambda: board.work.cases.rowCount() == 1, timeout=10_000)


@SQLITE_ONLY
def test_board_follows_another_process_and_alerts_on_a_long_wait(
        qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx], clock: FakeClock,
        hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")
    tickets.take_ticket(kiosk, "A")
    windows.open_window(ctx_for("clerk11"), 11)
    chimes: list[int] = []
    board = make_board(feed=True, chimes=chimes)
    done = subprocess.run([sys.executable, "-c", CALL_ELSEWHERE, hall_db.url,
                           clock.now.isoformat()], capture_output=True, text=True, cwd=ROOT,
                          check=True, timeout=60)
    assert done.stdout.strip() == "A001"
    qtbot.waitUntil(lambda: getattr(_window(board, 11), "ticket", None) == "A001")
    assert "wait_over_target" not in _alerts(board)
    clock.advance(minutes=21)  # A002 has now waited past queue A's 20-minute target
    qtbot.waitUntil(lambda: "wait_over_target" in _alerts(board))
    assert chimes, "a new alert plays the chime"
    row = next(a for a in board.board.alerts_model.rows() if a.kind == "wait_over_target")
    assert "A 商事登记" in row.message
    assert "21 分钟" in row.message


@SQLITE_ONLY
def test_acts_from_the_board(qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
                             monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    for queue in "AD":
        tickets.take_ticket(kiosk, queue)
        clock.advance(seconds=30)
    board = make_board()
    panel = board.board
    panel.select_window(11)
    monkeypatch.setattr(dialogs.ProfileDialog, "ask", classmethod(
        lambda cls, *a: ProfileAnswer((ProfileEntryInput("D", 1), ProfileEntryInput("A", 2)),
                                      "precedence", "户政排队长，临时支援")))
    panel.buttons["profile"].click()
    qtbot.waitUntil(lambda: [p.queue for p in _window(board, 11).profile] == ["D", "A"])
    panel.buttons["open"].click()
    qtbot.waitUntil(lambda: _window(board, 11).state == "open")
    assert windows.call_next(ctx_for("clerk1"), 11).number == "D001"
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a: "业务培训"))
    qtbot.waitUntil(lambda: _window(board, 11).ticket == "D001")
    panel.select_window(11)
    assert not panel.buttons["close"].isEnabled()  # it holds a ticket
    panel.buttons["pause"].click()
    qtbot.waitUntil(lambda: _window(board, 11).reason == "业务培训")
    monkeypatch.setattr(dialogs.MoveDialog, "ask", classmethod(
        lambda cls, *a: MoveAnswer("A", "B", (), None, "分流")))
    panel.buttons["move"].click()
    qtbot.waitUntil(lambda: {q.code: q.waiting for q in panel.queues_model.rows()}["B"] == 1)
    assert "已完成" in panel.status.text()


@SQLITE_ONLY
def test_the_day_is_closed_from_the_board_after_a_question(
        qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
        monkeypatch: pytest.MonkeyPatch, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    for queue in "AAB":
        tickets.take_ticket(kiosk, queue)
    windows.open_window(ctx_for("clerk11"), 11)
    windows.call_next(ctx_for("clerk11"), 11)
    board = make_board()
    panel = board.board
    asked: list[str] = []

    def answer(_cls: object, _parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return len(asked) > 1  # "no" the first time, "yes" the second

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(answer))
    panel.buttons["close_day"].click()
    assert "仍在等候的 2 个号和窗口上的 1 个号将记为弃号" in asked[0]
    assert [t.state for t in all_tickets(hall_db)] == ["called", "waiting", "waiting"]
    panel.buttons["close_day"].click()
    qtbot.waitUntil(lambda: "已闭厅" in panel.status.text())
    assert panel.status.text() == ("大厅日 2026-11-24 已闭厅：3 个未办结的号记为弃号，"
                                   "0 个预约记为失约，关闭 1 个窗口")
    assert [t.state for t in all_tickets(hall_db)] == ["abandoned"] * 3
    qtbot.waitUntil(lambda: _window(board, 11).state == "closed")
    # Closed by mistake: the same button reopens the day, with a reason.
    qtbot.waitUntil(lambda: panel.buttons["close_day"].text() == "重新开厅…")
    panel.select_window(11)
    assert not panel.buttons["open"].isEnabled()  # it was on, and refused (day_closed_window)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda *_a, **_k: "误点日终"))
    panel.buttons["close_day"].click()
    qtbot.waitUntil(lambda: panel.buttons["close_day"].text() == "日终闭厅…")
    panel.select_window(11)
    assert panel.buttons["open"].isEnabled()
    assert tickets.take_ticket(kiosk, "A").number == "A003"


@SQLITE_ONLY
def test_after_a_missed_close_the_board_alerts_and_the_close_names_each_day(
        qtbot: QtBot, qapp: QApplication, make_board: MakeBoard,
        ctx_for: Callable[[str], Ctx], clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The board showed no sign that yesterday was not closed, and the evening's close said
    "4 个未办结的号记为弃号" of a day whose report shows 2."""
    from hallapp.services.day import DayCloseResult
    from hallapp.ui.common.qt_app import set_language

    kiosk = ctx_for("kiosk1")
    for _ in range(2):
        tickets.take_ticket(kiosk, "A")
    clock.advance(days=1)  # nobody closed the 24th
    for _ in range(2):
        tickets.take_ticket(kiosk, "A")
    board = make_board()
    panel = board.board
    lines = [panel.alerts_model.data(panel.alerts_model.index(r, 0))
             for r in range(panel.alerts_model.rowCount())]
    assert lines[0].startswith("昨日未日终：2026-11-24 还有 2 个号未办结")
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *_a: True))
    panel.buttons["close_day"].click()
    qtbot.waitUntil(lambda: "已闭厅" in panel.status.text())
    assert panel.status.text() == ("大厅日 2026-11-25 已闭厅：4 个未办结的号记为弃号（当日 2 个，"
                                   "11-24 2 个），0 个预约记为失约，关闭 0 个窗口")
    qtbot.waitUntil(lambda: "day_not_closed" not in _alerts(board))
    set_language(qapp, "en")
    try:
        assert panel._closed_text(DayCloseResult(
            "2027-01-04", 3, 0, 1, (("2027-01-04", 1), ("2026-12-31", 2)))) == (
            "Hall day 2027-01-04 closed. Tickets recorded as abandoned: 3 (that day 1, "
            "2026-12-31: 2); appointments as missed: 0; windows closed: 1")
    finally:
        set_language(qapp, "zh")


def all_tickets(db: Database) -> list[Ticket]:
    with db.read_session() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.id)))


@SQLITE_ONLY
def test_kpi_view_shows_the_day_and_drills_down(qtbot: QtBot, qapp: QApplication,
                                                make_board: MakeBoard,
                                                ctx_for: Callable[[str], Ctx],
                                                clock: FakeClock) -> None:
    busy_day(ctx_for, clock)
    board = make_board((1920, 1080))
    kpi = board.kpi
    assert kpi.hours_chart.view is None  # QtCharts: built when the tab is first shown
    board.tabs.setCurrentWidget(kpi)
    assert kpi.hours_chart.view is not None
    kpi.set_period(date(2026, 11, 24), date(2026, 11, 24), "queue")
    qtbot.waitUntil(lambda: not kpi.busy and kpi.report is not None and kpi.report.by == "queue")
    rows = {r.key: r for r in kpi.model.rows()}
    assert rows["A"].tickets == 5
    assert kpi.cards["wait_mean"].text().endswith("10.2")
    assert kpi.cards["no_show"].toolTip() == "25.0%（1/4）"
    assert kpi.cards["on_spot"].text().endswith("50.0% ≥25%✓ ≥50%✓")  # Shenzhen's targets
    assert [p for p in kpi.hours_chart.points if p[0] == "09"] == [("09", 6.0, 10.2)]
    assert kpi.model.data(kpi.model.index(0, 0)) == "A 商事登记"
    qapp.setProperty("hallapp_lang", "en")
    try:
        assert kpi.model.data(kpi.model.index(0, 0)) == "A Business registration"
    finally:
        qapp.setProperty("hallapp_lang", "zh")
    kpi.drill("queue", "A", "no_show")
    qtbot.waitUntil(lambda: hasattr(kpi, "drill_dialog"))
    assert kpi.drill_dialog.model.rowCount() == 1
    kpi.set_period(date(2026, 11, 1), date(2026, 11, 24))
    qtbot.waitUntil(lambda: not kpi.busy and kpi.report is not None and kpi.report.start.day == 1)
    assert not kpi.trend_chart.isHidden()
    assert len(kpi.trend_chart.points) == 24  # every day, those without tickets at zero
    assert [p for p in kpi.trend_chart.points if p[1]] == [("2026-11-24", 6.0, 10.2)]
    kpi.set_period(date(2026, 11, 1), date(2026, 11, 5))
    qtbot.waitUntil(lambda: not kpi.busy and kpi.report is not None and kpi.report.end.day == 5)
    assert kpi.trend_chart.view is not None
    assert kpi.trend_chart.view.chart().title() == "每日取号与平均等候：无数据"


@SQLITE_ONLY
def test_models_hold_up(qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
                        clock: FakeClock, qtmodeltester: object) -> None:
    busy_day(ctx_for, clock)
    board = make_board()
    board.kpi.set_period(date(2026, 11, 24), date(2026, 11, 24), "window")
    qtbot.waitUntil(lambda: not board.kpi.busy and board.kpi.report is not None
                    and board.kpi.report.by == "window")
    for model in (board.board.windows_model, board.board.queues_model,
                  board.board.alerts_model, board.kpi.model, board.work.followups):
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    followup = board.work.followups.rows()[0]  # staff by name, as on the board
    assert board.work.followups.cell_text(followup, "clerk") == followup.clerk_name
    assert followup.clerk_name not in (None, followup.clerk)


@SQLITE_ONLY
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_nothing_is_clipped(make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
                            clock: FakeClock, size: tuple[int, int]) -> None:
    busy_day(ctx_for, clock)
    board = make_board(size)
    for tab in (board.board, board.kpi, board.work):
        board.tabs.setCurrentWidget(tab)
        QApplication.processEvents()
        assert clipped(tab, tables=True) == [], tab.__class__.__name__


@SQLITE_ONLY
def test_english_queue_names_are_whole_at_1280_by_800(make_board: MakeBoard) -> None:
    """Long English names wrap onto a second line instead of ending in "…"."""
    application("en")
    try:
        board = make_board((1280, 800))
        table, model = board.board.queues_table, board.board.queues_model
        names = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
        assert "C Social insurance, housing fund, talent" in names
        assert cut_cells(table, 0) == []
        assert not table.verticalScrollBar().isVisible()
        windows = board.board.windows_model  # and the windows by theirs
        assert windows.data(windows.index(0, 0)) == "1 Service window 1"
    finally:
        application("zh")


@SQLITE_ONLY
def test_todays_appointments_by_queue_follow_the_feed_and_the_clock(
        qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
        clock: FakeClock, qtmodeltester: object) -> None:
    from datetime import time

    from hallapp.services import appointments

    [nine] = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 11, 24), time(9),
                                       time(9, 30), capacity=3)
    clerk = ctx_for("clerk1")
    booked = [appointments.book(clerk, nine.id) for _ in range(2)]
    board = make_board(feed=True)
    model = board.board.queues_model

    def cells(code: str) -> tuple[str, str, str]:
        row = next(n for n, q in enumerate(model.rows()) if q.code == code)
        return tuple(model.data(model.index(row, model.COLUMNS.index(c)))  # type: ignore[return-value]
                     for c in ("booked", "arrived", "expected"))

    qtbot.waitUntil(lambda: cells("B") == ("2", "0", "2"))
    assert cells("A") == ("", "", "")  # no bookings: nothing to say
    appointments.checkin(ctx_for("kiosk1"), booked[0].code)  # the feed brings it
    qtbot.waitUntil(lambda: cells("B") == ("2", "1", "1"))
    clock.advance(minutes=16)  # the slot's grace is over: the other one is overdue
    qtbot.waitUntil(lambda: cells("B") == ("2", "1", "0"))
    row = next(n for n, q in enumerate(model.rows()) if q.code == "B")
    tip = model.data(model.index(row, model.COLUMNS.index("expected")),
                     Qt.ItemDataRole.ToolTipRole)
    assert tip == "另有 1 人已过签到宽限时间未到"
    qtmodeltester.check(model)  # type: ignore[attr-defined]


@SQLITE_ONLY
def test_the_kpi_view_shows_how_many_appointments_were_kept(
        qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
        clock: FakeClock) -> None:
    """The 预约履约率 card: of the period's bookings that came (on time or late) or were
    missed, the share that came; clicking it shows the table by queue of the reports."""
    from datetime import time, timedelta

    from hallapp.services import appointments, day

    [nine] = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 11, 24), time(9),
                                       time(9, 30), capacity=4)
    clerk = ctx_for("clerk1")
    came, missed, cancelled = (appointments.book(clerk, nine.id) for _ in range(3))
    appointments.checkin(ctx_for("kiosk1"), came.code)
    appointments.cancel(clerk, cancelled.code, "行程有变")
    clock.now = clock.now + timedelta(hours=9)  # 18:00 in the hall: the day is closed
    day.close_day(ctx_for("supervisor1"))
    assert missed.code
    board = make_board()
    kpi = board.kpi
    board.tabs.setCurrentWidget(kpi)
    kpi.set_period(date(2026, 11, 24), date(2026, 11, 24))
    qtbot.waitUntil(lambda: not kpi.busy and kpi.keeping is not None)
    card = kpi.cards["appointments"]
    assert card.text() == "预约履约率\n50.0%"  # 1 came, 1 missed; the cancelled one not counted
    assert card.toolTip() == "已到（含迟到）1 / 已到与失约 2"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(kpi, "drill_dialog"))
    model = kpi.drill_dialog.model
    assert [model.header_text(c) for c in model.COLUMNS][:3] == ["队列", "预约", "按时签到"]
    assert model.cell_text(model.row(0), "失约") == "1"
    assert model.cell_text(model.row(0), "取消") == "1"
    assert model.cell_text(model.row(0), "履约率") == "50.0%（1/2）"
    assert kpi.drill_dialog.windowTitle() == "预约履约：2026-11-24 至 2026-11-24"
    assert model.cell_text(model.row(0), "队列") == "B 不动产登记"
    application("en")  # the queue by its English name (it read "B 不动产登记")
    try:
        kpi.show_appointments()
        model = kpi.drill_dialog.model
        assert model.cell_text(model.row(0), "队列") == "B Real estate registration"
    finally:
        application("zh")


@SQLITE_ONLY
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_queue_table_fits_its_half_of_a_small_screen(
        make_board: MakeBoard, ctx_for: Callable[[str], Ctx], clock: FakeClock,
        lang: str) -> None:
    """At 1280×800 every column of the queue table is as wide as its header, none is
    scrolled out of sight, and in Chinese every queue's name is whole. (In English the long
    names are cut, whole in their tooltip; the headers are short, and say in full what they
    stand for in theirs.)"""
    busy_day(ctx_for, clock)
    application(lang)
    try:
        board = make_board()
        table, model = board.board.queues_table, board.board.queues_model
        header = table.horizontalHeader()
        QApplication.processEvents()
        texts = [str(model.headerData(c, Qt.Orientation.Horizontal))
                 for c in range(model.columnCount())]
        assert [t for c, t in enumerate(texts)
                if header.sectionSize(c) < header.fontMetrics().horizontalAdvance(t)] == []
        assert table.horizontalScrollBar().maximum() == 0
        names = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
        if lang == "zh":
            assert "C 社保医保公积金人才" in names
            assert [n for n in names if table.fontMetrics().horizontalAdvance(n)
                    > header.sectionSize(0)] == []
        else:
            assert "A Business registration" in names
            assert model.headerData(1, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.ToolTipRole) == "People waiting now"
    finally:
        application("zh")


def test_drill_down_labels_read_in_the_terminal_language(qapp: QApplication) -> None:
    """The states, outcomes and totals that the drill-downs carry as Chinese labels read in
    English on an English terminal, and the items by their English names (they read in
    Chinese); other names and numbers stay as they are."""
    import re

    from hallapp.services.kpi_drill import Drill
    from hallapp.ui.supervisor.models import DrillModel

    drill = Drill("tickets", ("号码", "状态", "办结时效"),
                  (("A001", "已叫号", ""), ("SZFT-1", "当场办结", "超时办结"),
                   ("合计", "待回访", "是"), ("企业注销登记", "已受理", "")), 4, False,
                  (("企业注销登记", "Deregistration of an enterprise"),))
    application("en")
    try:
        model = DrillModel()
        model.set_drill(drill)
        cells = [[model.cell_text(model.row(n), c) for c in drill.columns] for n in range(4)]
        assert cells[0] == ["A001", "Called", ""]
        assert cells[3][0] == "Deregistration of an enterprise"  # the item's English name
        assert cells[2] == ["Total", "To follow up", "Yes"]
        assert cells[1][2] == "Late"
        assert not re.search(r"[\u4e00-\u9fff]", cells[1][1])
        assert model.header_text("状态") != "状态"
        assert model.header_text("取号时间") == "Taken at"
    finally:
        application("zh")
    assert model.cell_text(model.row(0), "状态") == "已叫号"
    assert model.cell_text(model.row(3), "号码") == "企业注销登记"
