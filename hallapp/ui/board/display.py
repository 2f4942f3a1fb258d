"""The public call display (综合屏): the latest call very large, recent calls, people waiting
per queue, a scrolling notice, and the call spoken aloud.

It refreshes only from the change feed -- a call made at any window, in any process or on any
machine, shows within a moment, without F5 -- and it reads only through services, off the GUI
thread. Losing the database shows a banner and keeps the last state on screen; when the
database answers again everything is reloaded. Only numbers and windows are shown.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from hallapp.services.board import CallRecord, hall_name, recent_calls
from hallapp.services.context import Ctx, is_connection_error
from hallapp.services.day import QueueStatus, hall_status
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import HallInfo, get_hall, list_queues
from hallapp.ui.board.announcer import Announcer
from hallapp.ui.board.layout import DisplayLayout
from hallapp.ui.common.deferred import after_first_frame
from hallapp.ui.common.device import device_for, follow_language
from hallapp.ui.common.errors import is_english, local_name, user_message
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.tasks import run_task

log = logging.getLogger("hallapp.ui.display")

DEBOUNCE_MS = 100
RECENT_CALLS = 8
FLASH_TOGGLES = 6
FLASH_MS = 400
MIN_SCALE_HEIGHT = 760  # below this the latest call keeps the sizes it has at 760 px
CALL_EVENTS = frozenset({"ticket_called", "ticket_recalled"})
MISSED_CALL_ANNOUNCED = timedelta(minutes=2)
# Events after which a ticket may leave the "at a window" list (recent_calls).
CALL_LIST_EVENTS = CALL_EVENTS | {"ticket_noshow", "ticket_transferred", "ticket_suspended",
                                  "day_closed"}
COUNT_EVENTS = frozenset({"window_changed", "windows_changed", "day_closed"})
HALL_EVENTS = frozenset({"hall_changed", "hall_settings_changed"})
ALL_PARTS = frozenset({"hall", "calls", "counts"})


@dataclass(frozen=True)
class Snapshot:
    """What one off-thread load brought back; None means "not asked for this time"."""

    hall: HallInfo | None = None
    names: tuple[str, str | None] | None = None
    prefixes: dict[str, str] | None = None
    calls: list[CallRecord] | None = None
    queues: list[QueueStatus] | None = None


def load_snapshot(ctx: Ctx, parts: frozenset[str]) -> Snapshot:
    """Runs on the thread pool: only service calls, no widgets."""
    hall = names = prefixes = calls = queues = None
    if "hall" in parts:
        hall, names = get_hall(ctx), hall_name(ctx)
        prefixes = {q.code: q.prefix for q in list_queues(ctx)}
    if "calls" in parts:
        calls = recent_calls(ctx, RECENT_CALLS)
    if "counts" in parts:
        queues = list(hall_status(ctx).queues)
    return Snapshot(hall, names, prefixes, calls, queues)


def _weakly(method: Callable[[Any], None]) -> Callable[[Any], None]:
    """A callback that does not keep its window alive.

    ``run_task`` keeps its callbacks in a reference cycle until the cyclic garbage collector
    runs, possibly on a pool thread; a window held there would be destroyed on that thread.
    """
    ref = weakref.WeakMethod(method)

    def call(value: Any) -> None:
        target = ref()
        if target is not None:
            target(value)

    return call


def parts_for(events: list[FeedEvent]) -> set[str]:
    """Which parts of the screen the events make stale."""
    parts: set[str] = set()
    for event in events:
        if event.kind in CALL_LIST_EVENTS:
            parts.add("calls")
        if event.kind.startswith("ticket_") or event.kind in COUNT_EVENTS:
            parts.add("counts")
        if event.kind in HALL_EVENTS:
            parts.add("hall")
        if event.kind == "catalogue_changed":  # a queue added, renamed or given a new prefix
            parts |= {"hall", "counts"}
    return parts


class DisplayWindow(QWidget):
    """The 综合屏. ``refreshed`` fires each time a load has been applied to the screen."""

    refreshed = Signal()

    def __init__(self, ctx: Ctx, feed: FeedWatcher, announcer: Announcer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.feed = ctx, feed
        self.options: dict[str, Any] = {}  # the launcher's (``lang``: the command line's)
        self.announcer = announcer if announcer is not None else Announcer()
        self.announcer.setParent(self)
        if self.announcer.detecting:  # speech engine and chime: after the first frame
            self.announcer.ready.connect(self._on_announcer_ready)
            after_first_frame(self, self.announcer.detect)
        self.ui = DisplayLayout(self)
        self.calls_model, self.waiting_model = self.ui.calls_model, self.ui.waiting_model
        self.timezone = "Asia/Shanghai"
        self._dirty: set[str] = set()
        self._loading: frozenset[str] = frozenset()
        self._latest: tuple[str, int, Any] | None = None
        self._flashes = 0
        self._notice = ""
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._flash = QTimer(self, interval=FLASH_MS)
        self._flash.timeout.connect(self._on_flash_timeout)
        feed.events_arrived.connect(self._on_feed_events_arrived)
        feed.connection_lost.connect(self._on_feed_connection_lost)
        feed.connection_restored.connect(self._on_feed_connection_restored)
        self._retranslate()
        self._on_clock_timeout()
        self._clock.start()
        self.schedule(*ALL_PARTS)

    @property
    def offline(self) -> bool:
        return not self.ui.banner.isHidden()

    def schedule(self, *parts: str) -> None:
        """Mark parts stale; they reload together once events stop arriving for a moment."""
        self._dirty.update(parts)
        self._debounce.start()

    # -- feed --------------------------------------------------------------------------------

    def _on_feed_events_arrived(self, events: list[FeedEvent]) -> None:
        now = self.ctx.clock()
        for event in events:
            # Calls missed while offline are announced if recent: the applicant may still
            # be waiting for them; an older one would only send people to a busy window.
            # Live calls always (their age would hang on this machine's clock).
            late = event.id <= self.feed.missed_until
            if event.kind in CALL_EVENTS and event.payload.get("number") \
                    and not (late and now - event.at > MISSED_CALL_ANNOUNCED):
                self.announcer.announce(str(event.payload["number"]),
                                        event.payload.get("window") or "")
        parts = parts_for(events)
        if parts:
            self.schedule(*parts)

    def _on_feed_connection_lost(self, _why: str = "") -> None:
        self.ui.banner.show()

    def _on_feed_connection_restored(self) -> None:
        self.ui.banner.hide()
        self.schedule(*ALL_PARTS)

    # -- loading -----------------------------------------------------------------------------

    def _on_debounce_timeout(self) -> None:
        if self._loading or not self._dirty:
            return  # the running load re-arms the debounce when it ends
        parts, ctx = frozenset(self._dirty), self.ctx
        self._dirty.clear()
        self._loading = parts
        run_task(lambda: load_snapshot(ctx, parts), _weakly(self._on_load_done),
                 _weakly(self._on_load_failed))

    def _on_load_done(self, snapshot: Snapshot) -> None:
        if not isValid(self):
            return
        self._loading = frozenset()
        self._apply(snapshot)
        self._set_status("")
        if self._dirty:
            self._debounce.start()
        self.refreshed.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._dirty.update(self._loading)  # reload these once the database is back
        self._loading = frozenset()
        if is_connection_error(exc):
            self.ui.banner.show()
        else:
            self._set_status(user_message(exc, "display refresh"))

    def _apply(self, snap: Snapshot) -> None:
        if snap.hall is not None:
            self._apply_hall(snap.hall, snap.names, snap.prefixes or {})
        if snap.calls is not None:
            self._apply_calls(snap.calls)
        if snap.queues is not None:
            self.waiting_model.set_queues(snap.queues)

    def _apply_hall(self, hall: HallInfo, names: tuple[str, str | None] | None,
                    prefixes: dict[str, str]) -> None:
        # The language of the terminal's settings (管理 → 终端设备), unless --lang named one.
        follow_language(device_for(hall.settings, self.ctx.terminal, "display"), self.options)
        name, name_en = names or (hall.name, None)
        self.ui.hall_name.setText(local_name(name, name_en))
        self.timezone = hall.timezone or self.timezone
        self.announcer.configure(hall.settings.get("announce_template"),
                                 hall.settings.get("announce_repeat"),
                                 bool(hall.settings.get("announce_english")))
        self._notice = str(hall.settings.get("display_notice") or "")
        self.ui.marquee.setText(self._notice or self._default_notice())
        self._show_latest(self._latest_call())  # the English line follows announce_english
        self.waiting_model.prefixes = prefixes
        self._on_clock_timeout()

    def _apply_calls(self, calls: list[CallRecord]) -> None:
        self.calls_model.set_calls(calls)
        latest = calls[0] if calls else None
        key = (latest.number, latest.window, latest.called_at) if latest else None
        if key != self._latest and latest is not None and self._latest is not None:
            self._start_flash()
        self._latest = key
        self._show_latest(latest)

    def _show_latest(self, latest: CallRecord | None) -> None:
        if latest is None:
            self.ui.call_number.setText("")
            self.ui.call_window.setText(self.tr("请留意叫号"))
        else:
            self.ui.call_number.setText(latest.number)
            self.ui.call_window.setText(self.tr("请到{0}号窗口").format(latest.window))
        # A hall that announces in English shows the call in English too (a display that
        # already runs in English needs no second line).
        bilingual = self.announcer.english and not is_english()
        self.ui.call_window_en.setVisible(bilingual)
        self.ui.call_window_en.setText(
            f"Please go to window {latest.window}" if latest else "Please wait for your call")

    # -- small things ------------------------------------------------------------------------

    def _start_flash(self) -> None:
        self._flashes = FLASH_TOGGLES
        self._flash.start()

    def _on_flash_timeout(self) -> None:
        self._flashes -= 1
        self.ui.set_flash(self._flashes % 2 == 1)
        if self._flashes <= 0:
            self._flash.stop()
            self.ui.set_flash(False)

    def _on_clock_timeout(self) -> None:
        now = QDateTime.currentDateTime().toTimeZone(QTimeZone(self.timezone.encode()))
        self.ui.clock.setText(QLocale().toString(now, self.tr("yyyy年M月d日 dddd HH:mm:ss")))

    def _set_status(self, problem: str) -> None:
        """The bottom line: speech unavailable, or the last loading problem."""
        text = problem
        if not text and self.announcer.engine is None and not self.announcer.detecting:
            text = self.tr("语音播报未启用（未找到语音引擎）")
        self.ui.status.setText(text)
        self.ui.status.setVisible(bool(text))

    def _on_announcer_ready(self) -> None:
        if self.ui.status.isHidden():  # not showing a loading problem: say if speech is off
            self._set_status("")

    def _default_notice(self) -> str:
        return self.tr("请取号后留意叫号，过号请到服务台；办事指南请扫码查看")

    def _retranslate(self) -> None:
        self.ui.banner.setText(self.tr("连接中断，正在重试…"))
        self.ui.latest_caption.setText(self.tr("正在呼叫"))
        self.ui.calls_title.setText(self.tr("最近叫号"))
        self.calls_model.retranslate()
        self.waiting_model.retranslate()
        self.ui.marquee.setText(self._notice or self._default_notice())
        self._show_latest(self._latest_call())
        self._set_status("")

    def _latest_call(self) -> CallRecord | None:
        return self.calls_model.call_at(0) if self.calls_model.rowCount() else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.ui.scale_to(self, max(self.height(), MIN_SCALE_HEIGHT))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.announcer.clear()
        self._clock.stop()
        super().closeEvent(event)


def create(ctx: Ctx, feed: FeedWatcher, options: dict[str, Any]) -> QWidget:
    """Launcher entry point (``hallapp run display``). ``options["speech"] = "off"`` mutes it."""
    engine: Any = None if options.get("speech") == "off" else "auto"
    window = DisplayWindow(ctx, feed, Announcer(engine=engine))
    window.options = dict(options)
    window.setWindowTitle(QCoreApplication.translate("DisplayWindow", "综合屏"))
    if not options.get("fullscreen"):
        window.resize(1280, 800)
    return window
