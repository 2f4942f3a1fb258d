"""The administration client (管理): one tab per thing the admin configures.

``create(ctx, feed, options)`` is what the launcher calls (``hallapp run admin``). Each tab
loads through the services off the GUI thread and reloads when the change feed reports a
change it shows (``FEED_KINDS``), whoever made it; the audit tab hears every event. A lost
database shows a banner until the feed reports it back.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from hallapp.services.context import Ctx
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import HallInfo, get_hall
from hallapp.ui.admin.audit import AuditPage
from hallapp.ui.admin.base import AdminEnv, AdminPanel
from hallapp.ui.admin.calendar import HoursCalendarPage
from hallapp.ui.admin.catalogue import CataloguePage
from hallapp.ui.admin.devices import DevicePage
from hallapp.ui.admin.green import GreenChannelPage
from hallapp.ui.admin.queues import QueuePage
from hallapp.ui.admin.settings import SettingsPage
from hallapp.ui.admin.slots import SlotPage
from hallapp.ui.admin.staff import StaffPage
from hallapp.ui.admin.style import ADMIN_QSS
from hallapp.ui.admin.windows import WindowPage
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.tasks import run_task
from hallapp.ui.common.widgets import make_label


class AdminWindow(QWidget):
    def __init__(self, ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feed = feed
        self.options = dict(options or {})
        self.env = AdminEnv(ctx)
        self.hall: HallInfo | None = None
        self._close_unasked_next = False  # see allow_close
        self.setObjectName("admin")
        self.setWindowTitle(self.tr("管理"))
        self.setStyleSheet(ADMIN_QSS)
        self.catalogue, self.queues = CataloguePage(self.env), QueuePage(self.env)
        self.windows, self.staff = WindowPage(self.env), StaffPage(self.env)
        self.hours, self.slots = HoursCalendarPage(self.env), SlotPage(self.env)
        self.devices = DevicePage(self.env)
        self.settings, self.green = SettingsPage(self.env), GreenChannelPage(self.env)
        self.audit = AuditPage(self.env)
        self._build()
        feed.events_arrived.connect(self._on_feed_events_arrived)
        feed.connection_lost.connect(self._on_feed_connection_lost)
        feed.connection_restored.connect(self._on_feed_connection_restored)
        for page in self.pages():
            page.connection_failed.connect(self._on_feed_connection_lost)
        self.load()

    def pages(self) -> tuple[AdminPanel, ...]:
        return (self.catalogue, self.queues, self.windows, self.staff, self.hours,
                self.slots, self.devices, self.settings, self.green, self.audit)

    def _build(self) -> None:
        header = QFrame()
        header.setObjectName("header")
        self.title = make_label(self.tr("管理"), "hallTitle")
        self.user = make_label(self.tr("管理员：{0}").format(
            self.env.ctx.actor.name or self.env.ctx.actor.username), "subtitle")
        row = QHBoxLayout(header)
        row.setContentsMargins(20, 8, 20, 8)
        row.addWidget(self.title, 1)
        row.addWidget(self.user)
        self.banner = make_label(self.tr("数据库连接中断，正在重试；此时的修改不会保存"), "banner",
                                 wrap=True)
        self.banner.hide()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        titles = (self.tr("事项目录"), self.tr("队列"), self.tr("窗口与工作配置"), self.tr("人员"),
                  self.tr("开放时间与日历"), self.tr("预约时段"), self.tr("终端设备"),
                  self.tr("大厅设置"), self.tr("绿色通道"), self.tr("审计日志"))
        for page, title in zip(self.pages(), titles, strict=True):
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.banner)
        body = QVBoxLayout()
        body.setContentsMargins(8, 8, 8, 8)
        body.addWidget(self.tabs)
        layout.addLayout(body, 1)

    def load(self) -> None:
        """The hall (its name and time zone), then every tab's contents."""
        ctx = self.env.ctx
        run_task(lambda: get_hall(ctx), self._on_hall_loaded, self._on_hall_failed)

    def _on_hall_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.title.setText(user_message(exc, "admin"))

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        if not isValid(self):
            return
        self._retitle(hall)
        self.env.tz = ZoneInfo(hall.timezone)
        for page in self.pages():
            page.refresh()

    def _retitle(self, hall: HallInfo) -> None:
        if isValid(self):
            self.hall = hall
            self.title.setText(self.tr("{0} · 管理").format(local_name(hall.name, hall.name_en)))

    def _on_feed_events_arrived(self, events: list[FeedEvent]) -> None:
        if any(e.kind == "hall_changed" and {"name", "name_en"} & set(e.payload.get("keys") or ())
               for e in events):  # the hall renamed (大厅信息): the title follows
            ctx = self.env.ctx
            run_task(lambda: get_hall(ctx), self._retitle, self._on_hall_failed)
        for page in self.pages():
            payloads = [e.payload for e in events
                        if page is self.audit or e.kind in page.FEED_KINDS]
            if not payloads:
                continue
            on_feed = getattr(page, "on_feed", None)
            if on_feed is not None:
                on_feed(payloads)
            else:
                page.refresh()

    def allow_close(self) -> None:
        """Let the next close() through unasked: the session ended (the launcher asks for the
        login again), and a save would be refused anyway."""
        self._close_unasked_next = True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed with unsaved edits in the item editor: 保存 (then closed once saved),
        放弃 or 取消 (the window stays)."""
        if self.catalogue.editor.is_dirty() and not self._close_unasked_next:
            event.ignore()
            self.tabs.setCurrentWidget(self.catalogue)
            self.catalogue.editor.leave(self._close_unasked)
            return
        super().closeEvent(event)

    def _close_unasked(self) -> None:
        if isValid(self):
            self.close()

    def _on_feed_connection_lost(self, *_why: object) -> None:
        self.banner.show()

    def _on_feed_connection_restored(self) -> None:
        self.banner.hide()
        for page in self.pages():
            page.refresh()


def create(ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None) -> AdminWindow:
    """Launcher entry point (``hallapp run admin``)."""
    return AdminWindow(ctx, feed, options)
