"""The supervisor's workstation (值班长看板).

``create(ctx, feed, options)`` is what the launcher calls. Tabs: the live board (windows,
queues, alerts, acts), the figures (KPIs, charts, drill-down, export) and the work lists
(差评 follow-ups, cases near or past their deadline) and the staffing planner (排班预测,
loaded when first shown). The board and the work lists refresh
from the change feed; the figures when asked.

Options (all optional): ``chime`` — a callable played on a new alert, or False for none
(default: ``resources/sounds/chime.wav`` through QSoundEffect when QtMultimedia and the
file are there, loaded just after the window's first frame); ``refresh_ms`` — how often
the board re-reads what time alone changes (default 15 s); ``export_dir`` — where reports
are saved (default the user's documents).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QTimer, QUrl
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from hallapp.config import resources_dir
from hallapp.services.context import Ctx
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import get_hall
from hallapp.ui.common.deferred import after_first_frame
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.hall_today import HallToday
from hallapp.ui.counter.base import make_label
from hallapp.ui.supervisor.board import BoardPanel
from hallapp.ui.supervisor.kpi import KpiPanel
from hallapp.ui.supervisor.planner import PlannerPanel
from hallapp.ui.supervisor.worklists import WorkListPanel

log = logging.getLogger("hallapp.ui.supervisor")
WORKLIST_EVENTS = ("case_", "followup_", "rating")
SUPERVISOR_QSS = """
QWidget#supervisor QPushButton { font-size: 15px; padding: 6px 12px; }
QWidget#supervisor QPushButton[kind="secondary"]:disabled { background: #f3f5f8;
    color: #a0abb8; border: 2px solid #d3dae3; }
QWidget#supervisor QTabBar::tab { font-size: 17px; padding: 8px 18px; }
QWidget#supervisor QTableView { font-size: 15px; }
QLabel#section { font-size: 17px; font-weight: bold; color: #0b4a8b; }
"""


class Chime:
    """The hall chime through QSoundEffect; silent until :meth:`load` found QtMultimedia.

    Loading is left until after the first frame: QtMultimedia and its audio backend cost
    ~17 MB and tens of ms, and no alert can chime before the board's second refresh.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.effect: Any = None

    def load(self) -> None:
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            return
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(self.path)))
        effect.setVolume(0.6)
        self.effect = effect

    def __call__(self) -> None:
        if self.effect is not None:
            self.effect.play()


def default_chime() -> Chime | None:
    """The hall chime (not loaded yet: call ``load``), or None without the sound file."""
    path = resources_dir() / "sounds" / "chime.wav"
    return Chime(path) if path.exists() else None


class SupervisorWindow(QWidget):
    def __init__(self, ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        options = dict(options or {})
        self.ctx, self.feed = ctx, feed
        self.setObjectName("supervisor")
        self.setStyleSheet(SUPERVISOR_QSS)
        chime = options.get("chime")
        self._sound: Callable[[], None] | None = chime or None
        if chime is None:
            self._sound = sound = default_chime()
            if sound is not None:
                after_first_frame(self, sound.load)
        export_dir = Path(options.get("export_dir") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        refresh_ms = int(options.get("refresh_ms", 15000))
        # "Today" as the hall's clock says now: the window may stay open for days.
        self.today = HallToday(ctx.clock, self, refresh_ms)
        self.board = BoardPanel(ctx, self._sound, refresh_ms)
        self.kpi = KpiPanel(ctx, self.today, export_dir)
        self.work = WorkListPanel(ctx, refresh_ms)
        self.planner = PlannerPanel(ctx, self.today)
        self.tabs = QTabWidget()
        for panel in (self.board, self.kpi, self.work, self.planner):
            self.tabs.addTab(panel, "")
            panel.failed.connect(self._on_panel_failed)
        self.banner = make_label("", "banner", wrap=True)
        self.banner.hide()
        self.message = make_label("", "error", wrap=True)
        self.message.hide()  # until a tab fails: empty, its line went to the tabs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.board.acted.connect(self._on_board_acted)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        feed.events_arrived.connect(self._on_feed_events_arrived)
        feed.connection_lost.connect(self._on_feed_connection_lost)
        feed.connection_restored.connect(self._on_feed_connection_restored)
        self.retranslate()
        self.board.refresh()
        self.work.refresh()
        QTimer.singleShot(0, self._load_hall)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("值班长看板"))
        for i, text in enumerate((self.tr("实时看板"), self.tr("运行指标"), self.tr("工作清单"),
                                  self.tr("排班预测"))):
            self.tabs.setTabText(i, text)
        self.banner.setText(self.tr("与数据库的连接已中断，正在自动重试；看板内容可能不是最新。"))

    def _load_hall(self) -> None:
        ctx = self.ctx

        def done(hall: Any) -> None:
            from zoneinfo import ZoneInfo

            zone = ZoneInfo(hall.timezone)
            for model in (self.board.alerts_model, self.work.followups, self.work.cases):
                model.zone = zone
            self.today.set_zone(hall.timezone)
            day = self.today()
            self.kpi.set_period(day, day)

        self.board.call(lambda: get_hall(ctx), done, "supervisor: hall")

    def _on_panel_failed(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _on_board_acted(self, _name: str) -> None:
        self.message.clear()
        self.message.hide()

    def _on_tabs_current_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.work:
            self.work.refresh()

    def _on_feed_events_arrived(self, events: list[FeedEvent]) -> None:
        self.board.refresh()
        if any(e.kind.startswith(WORKLIST_EVENTS) for e in events):
            self.work.refresh()

    def _on_feed_connection_lost(self, why: str) -> None:
        log.warning("supervisor: feed lost: %s", why)
        self.banner.show()

    def _on_feed_connection_restored(self) -> None:
        # What failed during the outage ("无法连接数据库…") is no longer true, and the work
        # list missed the events meanwhile: both were left as they were.
        self.banner.hide()
        self.message.clear()
        self.message.hide()
        self.board.refresh()
        self.work.refresh()


def create(ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None
           ) -> SupervisorWindow:
    """Launcher entry point (``hallapp run supervisor``)."""
    return SupervisorWindow(ctx, feed, options)

