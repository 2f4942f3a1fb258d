"""The approver's desk (后台审批): ``create(ctx, feed, options)`` is what the launcher calls.

The approver has logged in there (``ctx.actor``, with their department). Left: the
department's review queue; right: the open case and its actions. Options (all optional):
``printer`` (anything with ``print_job(job, reprint=False)``, e.g.
:class:`hallapp.ui.common.printing.DocumentPrinter`; default: PDF files under the user data
dir), ``refresh_ms`` (a full re-read of the queue, so working days left follow the calendar;
default five minutes).

The change feed's ``case_changed`` events of this department re-read only those cases; a
lost database shows a red banner and disables every action until it answers again.
"""

from __future__ import annotations

import logging
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from hallapp.services.case_views import CaseInfo
from hallapp.services.context import Ctx
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import HallInfo, get_hall
from hallapp.ui.backoffice.base import BackofficeEnv, BackofficePanel
from hallapp.ui.backoffice.detail import CaseDetailPanel
from hallapp.ui.backoffice.queue import ReviewQueuePanel
from hallapp.ui.backoffice.style import BACKOFFICE_QSS
from hallapp.ui.common.banner import ConnectionBanner
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.labels import case_label
from hallapp.ui.common.widgets import make_label

log = logging.getLogger("hallapp.ui.backoffice")
REFRESH_MS = 5 * 60 * 1000


class BackofficeWindow(BackofficePanel):
    def __init__(self, ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        options = dict(options or {})
        super().__init__(BackofficeEnv(ctx), parent)
        self.feed = feed
        self.setObjectName("backoffice")
        self.setStyleSheet(BACKOFFICE_QSS)
        self.header = QFrame()
        self.header.setObjectName("header")
        self.title = make_label("", "title")
        self.who = make_label("", "subtitle")
        self.banner = ConnectionBanner(feed, self.set_online, self._probe, log)
        self.queue = ReviewQueuePanel(self.env)
        self.detail = CaseDetailPanel(self.env, options.get("printer"))
        self.note = make_label("", "note", wrap=True)
        self.note.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(int(options.get("refresh_ms") or REFRESH_MS))
        self.timer.timeout.connect(self.queue.reload)
        self._build()
        self._connect(feed)
        self.retranslate()
        self.call(lambda: get_hall(ctx), self._on_hall_loaded, lambda _exc: None)
        self.queue.reload()
        self.timer.start()

    def _build(self) -> None:
        row = QHBoxLayout(self.header)
        row.setContentsMargins(20, 8, 20, 8)
        row.addWidget(self.title, 1)
        row.addWidget(self.who)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("desk")
        splitter.addWidget(self.queue)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        body = QVBoxLayout()
        body.setContentsMargins(12, 8, 12, 12)
        body.addWidget(self.note)
        body.addWidget(splitter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

    def _connect(self, feed: FeedWatcher) -> None:
        self.banner.watch(self, self.queue, self.detail, self.detail.action_bar)
        self.queue.case_selected.connect(self._on_queue_case_selected)
        self.queue.loaded.connect(self._show_title)
        self.detail.action_bar.acted.connect(self._on_actions_acted)
        self.detail.action_bar.failed.connect(self._on_actions_failed)
        feed.events_arrived.connect(self._on_feed_events_arrived)

    def retranslate(self) -> None:
        actor = self.env.ctx.actor
        self.who.setText(self.tr("审批人员：{0}").format(actor.name or actor.username))
        self.banner.setText(self.tr("与数据库的连接已中断，正在自动重试。审批操作已暂停，"
                                    "连接恢复后自动刷新。"))
        self._show_title()

    def _show_title(self) -> None:
        rows = self.queue.model.rows()
        name = local_name(rows[0].department_name, rows[0].department_name_en) if rows else ""
        title = self.tr("后台审批")
        self.title.setText(f"{title} · {name}" if name else title)
        self.setWindowTitle(self.title.text())

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        zone = ZoneInfo(hall.timezone)
        if zone != self.env.tz:
            self.env.tz = zone
            self.queue.reload()
            self.detail.reload()

    # --- the open case and its actions --------------------------------------------------------

    def open_case(self, number: str) -> None:
        self.note.hide()
        self.detail.open_case(number)

    def _on_queue_case_selected(self, number: str) -> None:
        self.open_case(number)

    def _on_actions_acted(self, action: str, result: object) -> None:
        if isinstance(result, CaseInfo):
            self.queue.apply(result.number, result)
            self.detail.reload()
            self._say(self._done_text(action, result))
        elif action == "print":
            # imported here, not at start-up (reportlab); the print has loaded it already
            from hallapp.services.printing import PrintRecord

            if isinstance(result, PrintRecord):
                where = (result.printer or "").removeprefix("pdf:")
                self._say(self.tr("通知书已输出：{0}").format(where))

    def _done_text(self, action: str, info: CaseInfo) -> str:
        if action == "mark_ready":
            return self.tr("办件 {0} 结果已制作，已推送综合窗口待出件").format(info.number)
        return self.tr("办件 {0}：{1}").format(info.number, case_label(info.state_label))

    def _on_actions_failed(self, message: str) -> None:
        self.detail.message.setText(message)
        self.detail.reload()

    def _say(self, text: str) -> None:
        self.detail.message.clear()
        self.note.setText(text)
        self.note.show()

    # --- feed and connection ----------------------------------------------------------------

    def _on_feed_events_arrived(self, events: list[FeedEvent]) -> None:
        mine = self.env.department
        numbers = {str(e.payload.get("case")) for e in events if e.kind == "case_changed"
                   and e.payload.get("case")
                   and (mine is None or e.payload.get("department") == mine)}
        if not numbers:
            return
        self.queue.update_cases(numbers)
        if self.detail.number in numbers:
            self.detail.reload()

    def set_online(self, online: bool) -> None:
        was = self.env.online
        self.env.online = online
        self.banner.setVisible(not online)
        self.detail.action_bar.update_enabled()
        if online and not was:
            self.queue.reload()
            self.detail.reload()

    def _probe(self) -> None:
        self.call(lambda: get_hall(self.env.ctx), lambda _hall: self.set_online(True),
                  lambda _exc: None)


def create(ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None
           ) -> BackofficeWindow:
    """Launcher entry point (``hallapp run backoffice``)."""
    return BackofficeWindow(ctx, feed, options)
