"""Always in view: which window this is, its state (open, paused with the reason, closed),
the connection banner, and the queues of its work profile with their lengths."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.day import QueueStatus
from hallapp.services.windows import WindowState
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.widgets import make_label
from hallapp.ui.counter.models import QueueStatusModel


class StatusHeader(QFrame):
    """The header strip: window, state, clerk; and the red banner while offline."""

    def __init__(self, window: int, clerk: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number, self.clerk = window, clerk
        self.state: WindowState | None = None
        self.setObjectName("header")
        self.title = make_label("", "title")
        self.state_label = make_label("", "windowState")
        self.clerk_label = make_label("", "subtitle")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 8, 20, 8)
        row.addWidget(self.title)
        row.addSpacing(24)
        row.addWidget(self.state_label, 1)
        row.addWidget(self.clerk_label)
        self.row = row
        self.retranslate()

    def add_trailing(self, widget: QWidget) -> None:
        """``widget`` at the end of the row, after the clerk (the holder's 离开窗口)."""
        self.row.addWidget(widget)

    def retranslate(self) -> None:
        name = f" · {local_name(self.state.name, self.state.name_en)}" if self.state else ""
        self.title.setText(self.tr("{0}号窗口").format(self.number) + name)
        self.clerk_label.setText(self.tr("工作人员：{0}").format(self.clerk))
        self.show_state(self.state)

    def show_state(self, state: WindowState | None) -> None:
        self.state = state
        if state is None:
            self.state_label.setText(self.tr("正在读取窗口状态……"))
            return
        self.title.setText(self.tr("{0}号窗口").format(self.number)
                           + f" · {local_name(state.name, state.name_en)}")
        text = {"open": self.tr("● 开放"), "closed": self.tr("○ 已关闭"),
                "paused": self.tr("‖ 暂停")}.get(state.state, state.state)
        if state.state == "paused" and state.reason:
            text += self.tr("（{0}）").format(state.reason)
        self.state_label.setText(text)
        self.state_label.setProperty("state", state.state)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)


class QueuePanel(QWidget):
    """The work profile's queues: waiting count, longest wait, estimated wait."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueStatusModel(self)
        self.title = make_label("", "section")
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # A long English name ("B Real estate registration") wraps and its row grows, as on
        # the supervisor's board, instead of ending in "…" beside the English headers.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The first to give up height (its rows scroll): a refusal of several lines under the
        # counter's buttons took it from the ticket's number instead.
        self.table.setMinimumHeight(1)
        self.total = make_label("", "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("本窗口队列"))
        self.show_queues(self.model.rows())

    def show_queues(self, queues: list[QueueStatus]) -> None:
        self.model.set_rows(queues)
        waiting = sum(q.waiting for q in queues)
        self.total.setText(self.tr("合计等候 {0} 人").format(waiting))

    def waiting(self) -> dict[str, int]:
        return {q.code: q.waiting for q in self.model.rows()}
