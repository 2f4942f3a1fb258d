"""The window clerk's workstation (窗口工作台).

``create(ctx, feed, options)`` is what the launcher calls; the clerk has logged in there
(``ctx.actor``). The window number is ``options["window"]`` or the clerk's own. Options
(all optional): ``printer`` (see :mod:`hallapp.ui.counter.printing`), ``printer_name``,
``journal_dir`` (where the intake journal lives; default the user data dir), ``lang`` (the
command line's ``--lang``). Without ``lang`` the counter speaks the language of its terminal's
settings (管理 → 终端设备), whose printer and roll width it takes too (see ``printing``).

Left: the current ticket, the one-key operations (F1–F9) and the window's queues. Right:
收件 (intake), 查件/出件 (look a case up, take it up, hand it out; Ctrl+F) and 预约
(appointments). The window's state and queue lengths
refresh from the change feed; a lost database shows a red banner and disables every
operation, while what the clerk types keeps going into the local journal.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from hallapp.services.context import Ctx
from hallapp.services.day import HallStatus, hall_status
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import get_hall, list_windows
from hallapp.services.queue_common import TicketInfo
from hallapp.services.search import note_events
from hallapp.services.windows import NextCall, WindowState, window_state
from hallapp.ui.common.banner import ConnectionBanner
from hallapp.ui.common.device import device_for, follow_language
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.widgets import MessageLabel, ScrolledMessage, restyle
from hallapp.ui.counter.base import CounterEnv, CounterPanel
from hallapp.ui.counter.booking import BookingPanel
from hallapp.ui.counter.controls import BACK_TO_LINE, CallControls
from hallapp.ui.counter.delivery import DeliveryPanel
from hallapp.ui.counter.desk import TicketDeskPanel
from hallapp.ui.counter.holder import HolderBar, held_by_other
from hallapp.ui.counter.intake import IntakePanel
from hallapp.ui.counter.journal import IntakeJournal
from hallapp.ui.counter.printing import DevicePrinter, counter_printer
from hallapp.ui.counter.status import QueuePanel, StatusHeader
from hallapp.ui.counter.style import COUNTER_QSS
from hallapp.ui.counter.ticket import CurrentTicketPanel

if TYPE_CHECKING:
    from hallapp.services.case_views import CaseDetail  # loaded with the first case

log = logging.getLogger("hallapp.ui.counter")
REFRESH_EVENTS = ("ticket_", "window", "day_", "queue", "appointment_", "catalogue_")
LEFT_WIDTH = 400


class CounterWindow(CounterPanel):
    def __init__(self, ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        options = dict(options or {})
        number = int(options.get("window") or ctx.actor.window_number or 0)
        super().__init__(CounterEnv(ctx, number), parent)
        self.feed = feed
        self.profile: list[str] = []
        self.state: WindowState | None = None
        self._refreshing = self._dirty = False
        # The window's work profile and the hall (green-channel names) are read with the
        # first refresh, and again after the supervisor or the administrator changes them.
        self._setup_stale = True
        self._generation = 0  # bumped by each operation, so older reads are not shown
        self.setObjectName("counter")
        self.setStyleSheet(COUNTER_QSS)
        self.header = StatusHeader(number, ctx.actor.name or ctx.actor.username)
        self.banner = ConnectionBanner(feed, self.set_online, self.refresh, log)
        self.ticket = CurrentTicketPanel(ctx.clock)
        self.holder = HolderBar(self.env)  # shown at a window another clerk holds
        self.controls = CallControls(self.env)
        self.queues = QueuePanel()
        # Hidden while empty: its empty line left the ticket's number a few pixels short at
        # 1366×768 in English (a window another clerk holds, a green-channel ticket). At most
        # three lines, the rest scrolling: a long refusal shrank the number to 41 px.
        self.message = MessageLabel("error")
        self.message_area = ScrolledMessage(self.message)
        self.options = options
        # one printer for every document of the window
        self.printer = printer = counter_printer(ctx, options)
        self.intake = IntakePanel(self.env, printer,
                                  IntakeJournal(number, options.get("journal_dir"), ctx.clock))
        self.delivery = DeliveryPanel(self.env)
        self.booking = BookingPanel(self.env, printer)
        self.desk = TicketDeskPanel(self.env, printer)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("work")
        self.tabs.addTab(self.intake, "")
        self.tabs.addTab(self.delivery, "")
        self.tabs.addTab(self.booking, "")
        self.tabs.addTab(self.desk, "")
        self._build()
        self._connect(feed)
        self.shortcuts = self.controls.install_shortcuts(self)
        find = QShortcut(QKeySequence.StandardKey.Find, self)  # Ctrl+F: 查件
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.find_case)
        self.shortcuts.append(find)
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        left = QWidget()
        left.setFixedWidth(LEFT_WIDTH)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        # Never below its height: the window's queues give up theirs first (their rows scroll).
        self.ticket.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        column.addWidget(self.ticket)
        column.addWidget(self.controls)
        column.addWidget(self.message_area)
        column.addWidget(self.queues, 1)
        body = QHBoxLayout()
        body.setContentsMargins(12, 8, 12, 12)
        body.addWidget(left)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header.add_trailing(self.holder.mine)  # the holder's part: see ``holder``
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.holder)  # the width of the counter: see ``holder``
        layout.addLayout(body, 1)

    def _connect(self, feed: FeedWatcher) -> None:
        self.banner.watch(self, self.controls, self.intake, self.delivery, self.booking,
                          self.desk, self.holder)
        self.holder.claimed.connect(self._on_holder_claimed)
        self.holder.released.connect(self._on_holder_released)
        self.holder.failed.connect(self._refused)
        self.controls.acted.connect(self._on_controls_acted)
        self.controls.failed.connect(self._refused)
        self.controls.undecided = self.intake.undecided  # asked before its ticket leaves
        self.controls.withdrawn.connect(self.intake.case_withdrawn)
        self.intake.title_changed.connect(lambda title: self.tabs.setTabText(0, title))
        self.delivery.intake_refusal = self.intake.take_up_refusal
        self.delivery.taken_up.connect(self._on_delivery_taken_up)
        feed.events_arrived.connect(self._on_feed_events_arrived)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("窗口工作台 · {0}号窗口").format(self.env.window))
        self.tabs.setTabText(0, self.intake.title())  # "A001 的收件": whose intake it is
        self.tabs.setTabText(1, self.tr("查件/出件"))
        self.tabs.setTabText(2, self.tr("预约"))
        self.tabs.setTabText(3, self.tr("取号"))
        self.banner.setText(self.tr("与数据库的连接已中断，正在自动重试。窗口操作已暂停；"
                                    "正在录入的收件内容已保存在本机，连接恢复后继续提交。"))

    def find_case(self) -> None:
        """Ctrl+F: the 查件 tab, its search field focused and selected to type over."""
        self.tabs.setCurrentWidget(self.delivery)
        self.delivery.scan.setFocus()
        self.delivery.scan.selectAll()

    def _on_delivery_taken_up(self, detail: CaseDetail) -> None:
        """A case taken up for the applicant in front: into the intake, to decide again."""
        self.intake.take_up(detail)
        self.tabs.setCurrentWidget(self.intake)

    # --- refresh ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Window state and queue lengths; a refresh asked for meanwhile runs after it."""
        if self._refreshing:
            self._dirty = True
            return
        self._refreshing, self._dirty = True, False
        ctx, number, setup = self.env.ctx, self.env.window, self._setup_stale
        self._setup_stale = False
        generation = self._generation

        def load() -> tuple[WindowState, HallStatus, Any]:
            extra = (list_windows(ctx), get_hall(ctx)) if setup else None
            return window_state(ctx, number), hall_status(ctx), extra

        self.call(load, lambda result: self._on_refreshed(generation, result),
                  lambda exc: self._on_refresh_failed(exc, setup))

    def _on_refreshed(self, generation: int,
                      result: tuple[WindowState, HallStatus, Any]) -> None:
        state, status, extra = result
        if generation != self._generation:  # read before an operation of ours: stale
            self._refreshing = False
            self._setup_stale |= extra is not None
            self.refresh()
            return
        if extra is not None:
            windows, hall = extra
            mine = next((w for w in windows if w.number == self.env.window), None)
            self.profile = [p.queue for p in mine.profile] if mine else []
            self.controls.recall_max = int(hall.setting("recall_max"))
            device = device_for(hall.settings, self.env.ctx.terminal, "counter")
            if isinstance(self.printer, DevicePrinter):
                self.printer.follow(device)
            follow_language(device, self.options)
            self.intake.set_zone(hall.timezone)
            self.holder.zone = ZoneInfo(hall.timezone)
            self.delivery.view.zone = self.intake.zone
            self.ticket.priority_names = {
                str(p.get("code")): local_name(str(p.get("name")), p.get("name_en"))
                for p in hall.priority_classes}
        self._refreshing = False
        if not self.env.online and self.feed.online:
            self.set_online(True)  # a short outage the feed never saw is over
        self.ticket.queue_names = {q.code: local_name(q.name, q.name_en) for q in status.queues}
        self.show_state(state)
        by_code = {q.code: q for q in status.queues}
        self.queues.show_queues([by_code[c] for c in self.profile if c in by_code])
        self.controls.queues = [f"{q.code} {self.ticket.queue_names[q.code]}"
                                for q in status.queues if q.active]
        if self._dirty:
            self.refresh()

    def _on_refresh_failed(self, exc: BaseException, setup: bool) -> None:
        self._refreshing = False
        self._setup_stale |= setup
        self._refused(user_message(exc, "counter: refresh"))

    def show_state(self, state: WindowState) -> None:
        self.state = state
        self.header.show_state(state)
        self.holder.set_state(state)
        self.controls.set_state(state)
        self.tabs.setEnabled(not held_by_other(self.env, state))
        self.ticket.window_state = state.state
        self.ticket.day_closed = state.day_closed
        self.ticket.held_by = state.holder if held_by_other(self.env, state) else None
        self.ticket.show_ticket(state.ticket)
        self.intake.set_ticket(state.ticket)

    def _told(self, text: str) -> None:
        """What an operation did, in green: in the red of a refusal, "A001 已挂起" or
        "已接手 1 号窗口" read as if it had failed."""
        restyle(self.message, "result")
        self.message.setText(text)

    def _refused(self, text: str) -> None:
        """What was refused or failed, in red."""
        restyle(self.message, "error")
        self.message.setText(text)

    def _on_holder_claimed(self, state: WindowState) -> None:
        self._generation += 1
        self._told(self.tr("已接手 {0} 号窗口").format(state.number))
        self.show_state(state)
        self.refresh()

    def _on_holder_released(self, state: WindowState) -> None:
        self._generation += 1
        self._told(self.tr("已离开 {0} 号窗口：窗口保持开放，其他工作人员可接手；"
                                     "回来后在此操作即重新接手").format(state.number))
        self.show_state(state)
        self.refresh()

    def _on_controls_acted(self, name: str, result: object) -> None:
        self._generation += 1
        self.message.clear()
        if isinstance(result, WindowState):
            self.show_state(result)
        elif isinstance(result, NextCall):
            self._show_ticket(result.called)
            if result.called is None:
                self._told(self.tr("{0} 已办结；暂无等候").format(
                    result.finished.number if result.finished else ""))
        elif isinstance(result, TicketInfo) and name in ("call_next", "call_ticket", "recall",
                                                         "start"):
            self._show_ticket(result)
        elif isinstance(result, TicketInfo) and name in BACK_TO_LINE:
            self._told(self.tr("{0} 已回到队列，前面 {1} 人").format(
                result.number, result.people_ahead))
        elif isinstance(result, TicketInfo):
            self._told(self._gone_message(name, result))
        self.refresh()

    def _gone_message(self, name: str, ticket: TicketInfo) -> str:
        """What became of the ticket that left the window: the panel only empties, and after a
        transfer the clerk should be able to tell the applicant where to wait."""
        if name == "transfer":
            queue = self.ticket.queue_names.get(ticket.queue, ticket.queue_name)
            window = self.controls.transfer_window
            where = queue if window is None else self.tr("{0}（{1} 号窗口）").format(queue, window)
            return self.tr("{0} 已转至 {1}，前面 {2} 人").format(
                ticket.number, where, ticket.people_ahead)
        texts = {"noshow": self.tr("{0} 已过号"),
                 "suspend": self.tr("{0} 已挂起：补齐材料后凭原号回到本窗口"),
                 "finish": self.tr("{0} 已办结")}
        return texts[name].format(ticket.number) if name in texts else ""

    def _show_ticket(self, ticket: TicketInfo | None) -> None:
        """The window's new ticket at once, before the refresh reads the window again."""
        if self.state is not None:
            self.show_state(replace(self.state, ticket=ticket))

    # --- feed and connection ---------------------------------------------------------------

    def _on_feed_events_arrived(self, events: list[FeedEvent]) -> None:
        note_events(self.env.ctx.db, events)
        if any(e.kind == "hall_changed" for e in events):
            self._setup_stale = True
            self.refresh()
        if any(e.kind in ("hall_changed", "catalogue_changed") for e in events):
            self.desk.setup_changed()  # green channels; queues and items added or renamed
        if any(e.kind == "catalogue_changed" for e in events):
            self.booking.catalogue_changed()
        if any(e.kind == "window_changed" and e.payload.get("profile") for e in events):
            self._setup_stale = True  # a work profile changed (the window's own, perhaps)
        if any(e.kind.startswith(REFRESH_EVENTS) for e in events):
            self.refresh()
        if self.booking.queues and any(e.kind.startswith("appointment_") for e in events):
            self.booking.refresh()
        changed = {str(e.payload.get("case")) for e in events if e.kind == "case_changed"}
        if changed:  # the 出件 tab's cases: 待出件 now, handed out elsewhere…
            self.delivery.cases_changed(changed)

    def set_online(self, online: bool) -> None:
        self.env.online = online
        self.banner.setVisible(not online)
        self.controls.update_enabled()
        self.holder.update_enabled()
        self.delivery.set_online(online)
        self.booking.set_online(online)
        self.desk.set_online(online)
        self.intake.set_online(online)
        if online:
            self.refresh()


def create(ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None) -> CounterWindow:
    """Launcher entry point (``hallapp run counter``)."""
    return CounterWindow(ctx, feed, options)
