"""The live board: windows, queues, alerts, and the supervisor's acts on them.

Refreshes from the change feed (any event: a call at any counter, a ticket taken, a rating),
and on a timer for what time alone changes (a wait passing its target, a window idling).
Elapsed times tick every second from the board's clock without asking the database. A new
alert (one whose key was not shown before) plays the chime once, if a chime is set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hallapp.services import day, supervisor
from hallapp.services.context import Ctx
from hallapp.services.day import DayCloseResult
from hallapp.services.supervisor import Board, BoardWindow
from hallapp.services.window_holder import assign_window
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.tasks import run_task
from hallapp.ui.common.widgets import ConfirmDialog
from hallapp.ui.counter.base import make_button, make_label
from hallapp.ui.counter.dialogs import ReasonDialog, preset_pairs
from hallapp.ui.supervisor.base import SupervisorPanel, make_table
from hallapp.ui.supervisor.dialogs import AssignDialog, MoveDialog, ProfileDialog
from hallapp.ui.supervisor.models import AlertModel, QueueBoardModel, WindowBoardModel

# Stored in Chinese (the audit log, the board's status), offered in the screen's language.
PAUSE_REASONS = ("工作人员临时离开",
                 "系统故障",
                 "业务培训",
                 "支援其他窗口")


class BoardPanel(SupervisorPanel):
    acted = Signal(str)

    def __init__(self, ctx: Ctx, chime: Callable[[], None] | None = None,
                 refresh_ms: int = 15000, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.chime = chime
        self.board: Board | None = None
        self.seen_alerts: set[str] | None = None
        self.chimes = 0
        self._refreshing = self._dirty = False
        self.windows_model = WindowBoardModel(self)
        self.queues_model = QueueBoardModel(self)
        self.alerts_model = AlertModel(self)
        # One line per window, the name elided (whole in its tooltip): wrapped English names
        # hid the 14th window at 1366×768.
        self.windows_table = make_table(self.windows_model, stretch=0)
        self.queues_table = make_table(self.queues_model, stretch=0, wrap=True)
        # Each alert on a line of its own, wrapped to the table's width (the section's title
        # says what they are): a long department name no longer pushes the message out of
        # sight, in English behind a sideways scroll bar.
        self.alerts_table = make_table(self.alerts_model, wrap=True)
        self.alerts_table.horizontalHeader().hide()
        self.clock = make_label("", "subtitle")
        self.status = make_label("", "hint", wrap=True)
        self.status.hide()  # until an act has something to say: its line went to the tables
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        self.ticker = QTimer(self)
        self.ticker.timeout.connect(self._on_ticker_timeout)
        self.ticker.start(1000)
        self.poller = QTimer(self)
        self.poller.timeout.connect(self.refresh)
        self.poller.start(refresh_ms)
        self.windows_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.retranslate()

    def _build(self) -> None:
        actions = QHBoxLayout()
        for name, kind in (("open", "secondary"), ("pause", "secondary"), ("resume", "secondary"),
                           ("close", "secondary"), ("profile", None), ("assign", None),
                           ("move", None),
                           ("close_day", "secondary")):
            button = make_button("", kind, name)
            button.clicked.connect(lambda _=False, n=name: self.act(n))
            self.buttons[name] = button
            # close_day: the hall's, not a window's: beside the hall day; assign there too,
            # as the row under the windows has no room left for it at 1280 wide in English
            if name not in ("close_day", "assign"):
                actions.addWidget(button)
        actions.addStretch(1)
        left = QVBoxLayout()
        self.windows_title = make_label("", "section")
        left.addWidget(self.windows_title)
        left.addWidget(self.windows_table, 1)
        left.addLayout(actions)
        right = QVBoxLayout()
        self.alerts_title = make_label("", "section")
        self.queues_title = make_label("", "section")
        right.addWidget(self.alerts_title)
        right.addWidget(self.alerts_table, 1)
        right.addWidget(self.queues_title)
        # As tall as its few rows (the alerts take the rest): at 1366×768 in English, two
        # wrapped names put its last queue behind a scroll bar beside empty alert lines.
        self.queues_table.setSizeAdjustPolicy(
            QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.queues_table.setSizePolicy(QSizePolicy.Policy.Preferred,
                                        QSizePolicy.Policy.Maximum)
        right.addWidget(self.queues_table)
        body = QHBoxLayout()
        # Halves: at 1280×800 the queues' names and figures need as much as the windows.
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        top = QHBoxLayout()
        top.addWidget(self.clock, 1)
        top.addWidget(self.buttons["assign"])
        top.addWidget(self.buttons["close_day"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self._update_buttons()

    def retranslate(self) -> None:
        self.windows_title.setText(self.tr("窗口"))
        self.alerts_title.setText(self.tr("提醒"))
        self.queues_title.setText(self.tr("队列（等候时间单位：分钟）"))
        for name, text in (("open", "开放"), ("pause", "暂停…"), ("resume", "恢复"),
                           ("close", "关闭"), ("profile", "调整工作配置…"),
                           ("assign", "改派窗口…"),
                           ("move", "转移号码…")):
            self.buttons[name].setText(self.tr(text))
        self._show_day_button()

    def _show_day_button(self) -> None:
        """日终闭厅…, or once the day is closed 重新开厅… (for a close made by mistake)."""
        closed = self.board is not None and self.board.day_closed
        self.buttons["close_day"].setText(self.tr("重新开厅…") if closed else self.tr("日终闭厅…"))

    # --- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._refreshing:
            self._dirty = True
            return
        self._refreshing, self._dirty = True, False
        ctx = self.ctx
        self.call(lambda: supervisor.board(ctx), self.show_board, "supervisor: board",
                  self._on_refresh_failed)

    def _on_refresh_failed(self, _exc: BaseException) -> None:
        self._refreshing = False

    def show_board(self, board: Board) -> None:
        self._refreshing = False
        selected = self.selected_window()
        self.board = board
        self._show_day_button()
        self.windows_model.set_rows(list(board.windows))
        self.windows_model.set_now(board.now)
        self.queues_model.set_board(list(board.queues), board.appointments)
        self.alerts_model.set_rows(list(board.alerts))
        self._select(selected.number if selected else None)
        self._show_clock(board.now)
        keys = {a.key for a in board.alerts}
        if self.seen_alerts is not None and keys - self.seen_alerts and self.chime:
            self.chimes += 1
            self.chime()
        self.seen_alerts = keys if self.seen_alerts is None else self.seen_alerts | keys
        self._update_buttons()
        if self._dirty:
            self.refresh()

    def _on_ticker_timeout(self) -> None:
        now = self.ctx.clock()
        self.windows_model.set_now(now)
        self._show_clock(now)

    def _show_clock(self, now: datetime) -> None:
        if self.board is None:
            return
        local = now.astimezone(self.alerts_model.zone).strftime("%H:%M:%S")
        self.clock.setText(self.tr("大厅日 {0}　{1}　提醒 {2} 条").format(
            self.board.hall_day.isoformat(), local, len(self.board.alerts)))

    # --- acting ----------------------------------------------------------------------------

    def selected_window(self) -> BoardWindow | None:
        rows = self.windows_table.selectionModel().selectedRows()
        return self.windows_model.row(rows[0].row()) if rows else None

    def _select(self, number: int | None) -> None:
        for i, w in enumerate(self.windows_model.rows()):
            if w.number == number:
                self.windows_table.selectRow(i)

    def select_window(self, number: int) -> None:
        self._select(number)
        self._update_buttons()

    def _update_buttons(self, *_: Any) -> None:
        w = self.selected_window()
        state = w.state if w else None
        # the day closed (日终闭厅), no window opens till the day is reopened (重新开厅…)
        day_closed = self.board is not None and self.board.day_closed
        self.buttons["open"].setEnabled(state in ("closed", "paused") and not day_closed)
        self.buttons["pause"].setEnabled(state == "open")
        self.buttons["resume"].setEnabled(state == "paused")
        self.buttons["close"].setEnabled(state in ("open", "paused") and not (w and w.ticket))
        self.buttons["profile"].setEnabled(w is not None)
        self.buttons["assign"].setEnabled(state in ("open", "paused"))
        self.buttons["move"].setEnabled(self.board is not None)
        self.buttons["close_day"].setEnabled(self.board is not None)

    def act(self, name: str) -> None:
        """Run one of the board's acts on the selected window (or on queues for ``move``)."""
        w, ctx = self.selected_window(), self.ctx
        job = self._job(name, w, ctx)
        if job is None:
            return
        self.status.clear()
        self.status.hide()

        def done(result: object) -> None:
            if isinstance(result, DayCloseResult):
                self.status.setText(self._closed_text(result))
            else:
                self.status.setText(self.tr("已完成：{0}").format(self.buttons[name].text()))
            self.status.show()
            self.acted.emit(name)
            self.refresh()

        self.call(job, done, f"supervisor: {name}")

    def _closed_text(self, result: DayCloseResult) -> str:
        """What the close did; with the tickets of earlier days it closed too (a day whose
        close was missed) counted apart, since the closed day's report counts only its own."""
        days = ""
        if len(result.abandoned_by_day) > 1:
            closed = result.hall_day
            counts = [self.tr("当日 {0} 个").format(n) if d == closed else self.tr(
                "{0} {1} 个").format(d[5:] if d[:4] == closed[:4] else d, n)
                for d, n in result.abandoned_by_day]
            days = self.tr("（{0}）").format(self.tr("，").join(counts))
        return self.tr("大厅日 {0} 已闭厅：{1} 个未办结的号记为弃号{4}，{2} 个预约记为失约，"
                       "关闭 {3} 个窗口").format(result.hall_day, result.abandoned,
                                               result.missed_appointments,
                                               result.windows_closed, days)

    def _job(self, name: str, w: BoardWindow | None, ctx: Ctx) -> Callable[[], Any] | None:
        if name == "move":
            return self._move_job(ctx)
        if name == "close_day":
            closed = self.board is not None and self.board.day_closed
            return self._reopen_day_job(ctx) if closed else self._close_day_job(ctx)
        return None if w is None else self._window_job(name, w, ctx)

    def _window_job(self, name: str, w: BoardWindow, ctx: Ctx) -> Callable[[], Any] | None:
        number = w.number
        if name == "pause":
            reason = ReasonDialog.ask(self, self.tr("暂停窗口"),
                                      self.tr("暂停 {0} 号窗口的原因").format(number),
                                      preset_pairs("BoardPanel", PAUSE_REASONS))
            return None if reason is None else (
                lambda: supervisor.pause_window(ctx, number, reason))
        if name == "profile":
            queues = self._queue_labels()
            answer = ProfileDialog.ask(self, number, queues, w.profile, w.profile_mode)
            return None if answer is None else (lambda: supervisor.change_profile(
                ctx, number, answer.entries, mode=answer.mode, reason=answer.reason))
        simple = {"open": supervisor.open_window, "resume": supervisor.resume_window,
                  "close": supervisor.close_window}
        if name in simple:
            return lambda: simple[name](ctx, number)
        return self._assign_job(ctx, w)

    def _assign_job(self, ctx: Ctx, w: BoardWindow) -> Callable[[], Any] | None:
        """改派窗口: to a clerk of the hall, or nobody. The dialog waits for the service: a
        refusal (the clerk works another window) showed under the board once the dialog had
        closed, the reason typed lost; now it shows in the dialog, the answer kept."""
        clerks = self.board.clerks if self.board else ()
        number = w.number

        def submit(answer: tuple[str | None, str], done: Callable[[Any], None],
                   failed: Callable[[BaseException], None]) -> None:
            clerk, reason = answer
            run_task(lambda: assign_window(ctx, number, clerk, reason), done, failed)

        result = AssignDialog.ask(self, number, w.clerk, clerks, submit)
        return None if result is None else (lambda: result)  # done: said and refreshed

    def _queue_labels(self) -> list[str]:
        """The hall's queues as the board names them ("A Business registration" in English)."""
        return [f"{q.code} {local_name(q.name, q.name_en)}"
                for q in (self.board.queues if self.board else ())]

    def _move_job(self, ctx: Ctx) -> Callable[[], Any] | None:
        queues = self._queue_labels()
        move = MoveDialog.ask(self, queues)
        if move is None:
            return None
        return lambda: supervisor.move_tickets(ctx, move.from_queue, move.to_queue,
                                               move.numbers, count=move.count,
                                               reason=move.reason)

    def _reopen_day_job(self, ctx: Ctx) -> Callable[[], Any] | None:
        reason = ReasonDialog.ask(self, self.tr("重新开厅"), self.tr(
            "重新开厅后可以再取号、开窗；日终已记为弃号的号不会恢复。原因："))
        return None if reason is None else (lambda: day.reopen_day(ctx, reason))

    def _close_day_job(self, ctx: Ctx) -> Callable[[], Any] | None:
        """日终: asked first, with what it will do to the hall as the board shows it now."""
        board = self.board
        waiting = sum(q.waiting for q in board.queues) if board else 0
        held = sum(1 for w in board.windows if w.ticket) if board else 0
        question = self.tr(
            "日终闭厅：仍在等候的 {0} 个号和窗口上的 {1} 个号将记为弃号（保留记录，不删除），"
            "未签到的过期预约记为失约，所有窗口关闭。过号将不能再重新排队。确定吗？"
        ).format(waiting, held)
        if not ConfirmDialog.ask(self, self.tr("日终闭厅"), question):
            return None
        return lambda: day.close_day(ctx)


# The button texts of retranslate() and the pause reasons, literally, for pyside6-lupdate.
_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("BoardPanel", "开放"),
    QT_TRANSLATE_NOOP("BoardPanel", "暂停…"),
    QT_TRANSLATE_NOOP("BoardPanel", "恢复"),
    QT_TRANSLATE_NOOP("BoardPanel", "关闭"),
    QT_TRANSLATE_NOOP("BoardPanel", "调整工作配置…"),
    QT_TRANSLATE_NOOP("BoardPanel", "改派窗口…"),
    QT_TRANSLATE_NOOP("BoardPanel", "转移号码…"),
    # PAUSE_REASONS
    QT_TRANSLATE_NOOP("BoardPanel", "工作人员临时离开"),
    QT_TRANSLATE_NOOP("BoardPanel", "系统故障"),
    QT_TRANSLATE_NOOP("BoardPanel", "业务培训"),
    QT_TRANSLATE_NOOP("BoardPanel", "支援其他窗口"),
)
