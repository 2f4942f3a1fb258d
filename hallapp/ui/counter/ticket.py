"""The ticket being served, prominent: its number very large, the queue, green-channel and
appointment marks, the wait (first call − take, exact seconds) and the service time running.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from hallapp.services.queue_common import TicketInfo
from hallapp.ui.common.widgets import duration_text, make_label, seconds_between
from hallapp.ui.counter.base import CENTER


class CurrentTicketPanel(QFrame):
    def __init__(self, clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.ticket: TicketInfo | None = None
        self.window_state = "open"  # the window's: what a clerk with no ticket may do
        self.held_by: str | None = None  # another clerk holding the window: F1 is off here
        self.day_closed = False  # 日终闭厅: 开窗 is off until the supervisor reopens the day
        self.priority_names: dict[str, str] = {}
        self.queue_names: dict[str, str] = {}  # in the screen's language
        self.setObjectName("card")
        self.caption = make_label("", "hint")
        self.number = make_label("", "bigNumber")
        self.number.setAlignment(CENTER)
        self.queue = make_label("", "subtitle", wrap=True)
        self.queue.setAlignment(CENTER)
        self.marks = make_label("", "marks", wrap=True)
        self.marks.setAlignment(CENTER)
        self.state = make_label("", "subtitle")
        self.state.setAlignment(CENTER)
        self.wait = make_label("", "timing")
        self.service = make_label("", "timing")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(4)
        for widget in (self.caption, self.number, self.queue, self.marks, self.state):
            layout.addWidget(widget)
        times = QHBoxLayout()  # side by side: the counter fits a 1366×768 screen
        times.addWidget(self.wait)
        times.addStretch(1)
        times.addWidget(self.service)
        layout.addLayout(times)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("当前号码"))
        self.show_ticket(self.ticket)

    def _idle_hint(self) -> str:
        """What the clerk can do with no ticket, as the window stands (F1 only calls when
        the window is open, and to the clerk who holds it)."""
        if self.held_by is not None:
            return self.tr("窗口由 {0} 使用中，接手窗口后才能叫号").format(self.held_by)
        if self.window_state == "paused":
            return self.tr("窗口已暂停，按 F8 恢复后叫号")
        if self.window_state == "closed" and self.day_closed:
            return self.tr("今日已日终闭厅，窗口不再开放")
        if self.window_state == "closed":
            return self.tr("窗口未开放，点“开窗”后叫号")
        return self.tr("暂无正在办理的号，按 F1 叫号")

    def show_ticket(self, ticket: TicketInfo | None) -> None:
        self.ticket = ticket
        if ticket is None:
            self.number.setText("—")
            self.queue.setText(self._idle_hint())
            for label in (self.marks, self.state, self.wait, self.service):
                label.setText("")
            self.marks.hide()
            self.timer.stop()
            return
        self.number.setText(ticket.number)
        self.queue.setText(f"{ticket.queue} "
                           f"{self.queue_names.get(ticket.queue, ticket.queue_name)}")
        marks = []
        if ticket.priority:
            name = self.priority_names.get(ticket.priority, ticket.priority)
            marks.append(self.tr("绿色通道：{0}").format(name))
        if ticket.appointment:
            marks.append(self.tr("预约"))
        if ticket.recalls:
            marks.append(self.tr("已重呼 {0} 次").format(ticket.recalls))
        self.marks.setText(" · ".join(marks))
        self.marks.setVisible(bool(marks))
        self.state.setText({"called": self.tr("已叫号，等候到窗"),
                            "serving": self.tr("正在办理")}.get(ticket.state, ticket.state))
        first_call = ticket.first_called_at or ticket.called_at
        self.wait.setText(self.tr("等候时长 {0}").format(
            duration_text(seconds_between(ticket.taken_at, first_call))))
        self._on_timer_timeout()
        self.timer.start()

    def service_seconds(self) -> float | None:
        ticket = self.ticket
        if ticket is None or ticket.started_at is None:
            return None
        return seconds_between(ticket.started_at, self.clock())

    def _on_timer_timeout(self) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        if ticket.started_at is None:
            called = seconds_between(ticket.called_at, self.clock())
            self.service.setText(self.tr("叫号后 {0}").format(duration_text(called)))
        else:
            self.service.setText(self.tr("办理用时 {0}").format(
                duration_text(self.service_seconds())))
