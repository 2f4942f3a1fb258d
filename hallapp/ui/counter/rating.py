"""The rating pad (评价器): a small window facing the applicant at one window.

It follows the change feed: each ``ticket_finished`` at its window (``options["window"]``)
brings up the five big buttons (非常满意 … 非常不满意), with optional efficiency, skill and
attitude rows above them; a tap on a big button submits (一次一评). It runs as a device
account (``display1`` in the demo): staff may not rate for applicants, so a clerk's login
shows a refusal instead of the buttons. Options: ``window``, ``idle_seconds`` (back to the
welcome page after this long; default 60), ``thanks_seconds`` (default 5), ``lang`` (the
command line's ``--lang``). Where these leave them open, the pad takes its idle time and
language from its terminal's settings (管理 → 终端设备), read at its start and after each
``hall_changed``. A pad at a retired window (停用, ``window_admin``) says so and offers no
rating — read at its start and after each ``windows_changed`` — where it used to show the
buttons and only the first rating learnt the refusal.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.roles import Perm
from hallapp.services.context import Ctx
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import HallInfo, get_hall
from hallapp.services.windows import WindowState, window_state
from hallapp.ui.common.device import device_for, follow_language
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.labels import LEVEL_TEXTS, level_label
from hallapp.ui.common.widgets import make_button, make_label
from hallapp.ui.counter.base import CENTER, CounterEnv, CounterPanel
from hallapp.ui.counter.style import COUNTER_QSS

if TYPE_CHECKING:
    from hallapp.services.ratings import RatingInfo

log = logging.getLogger("hallapp.ui.rating")
LEVELS = (5, 4, 3, 2, 1)
ASPECTS = ("efficiency", "skill", "attitude")


class RatingPad(CounterPanel):
    def __init__(self, ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        options = dict(options or {})
        super().__init__(CounterEnv(ctx, int(options.get("window")
                                             or ctx.actor.window_number or 0)), parent)
        self.feed = feed
        self.ticket: tuple[int, str] | None = None  # id, number
        self.setObjectName("ratingPad")
        self.setStyleSheet(COUNTER_QSS)
        self.allowed = ctx.actor.can(Perm.RATE_SERVICE)
        self.retired = False  # the window, as last read (``load_window``)
        self.stack = QStackedWidget()
        self.welcome = make_label("", "padTitle", wrap=True)
        self.welcome.setAlignment(CENTER)
        self.thanks = make_label("", "padTitle", wrap=True)
        self.thanks.setAlignment(CENTER)
        self.prompt = make_label("", "padTitle", wrap=True)
        self.prompt.setAlignment(CENTER)
        self.error = make_label("", "error", wrap=True)
        self.banner = make_label("", "banner", wrap=True)
        self.banner.hide()
        self.level_buttons: dict[int, QPushButton] = {}
        self.aspect_groups: dict[str, QButtonGroup] = {}
        self.aspect_labels: dict[str, Any] = {}
        self.pages = [self.welcome, self._rating_page(), self.thanks]
        for page in self.pages:
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.options = options
        self.idle_timer = self._timer(options.get("idle_seconds", 60))
        self.thanks_timer = self._timer(options.get("thanks_seconds", 5))
        feed.events_arrived.connect(self._on_feed_events_arrived)
        feed.connection_lost.connect(self._on_feed_connection_lost)
        feed.connection_restored.connect(self._on_feed_connection_restored)
        self.retranslate()
        self.go_idle()
        self.load_device()
        self.load_window()

    def load_device(self) -> None:
        """Read this terminal's settings (管理 → 终端设备) from the hall and apply them."""
        ctx = self.env.ctx
        self.call(lambda: get_hall(ctx), self._on_hall_loaded,
                  lambda exc: log.warning("rating pad: hall: %s", exc))

    def load_window(self) -> None:
        """Read whether the pad's window is retired: a retired one is rated by nobody."""
        ctx, number = self.env.ctx, self.env.window
        self.call(lambda: window_state(ctx, number), self._on_window_loaded,
                  lambda exc: log.warning("rating pad: window: %s", exc))

    def _on_window_loaded(self, state: WindowState) -> None:
        self.retired = state.retired
        self.retranslate()
        if self.retired and self.ticket is not None:
            self.go_idle()  # the welcome page says the window is retired

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        device = device_for(hall.settings, self.env.ctx.terminal, "rating")
        if device is not None and self.options.get("idle_seconds") is None:
            self.idle_timer.setInterval(1000 * device.idle_seconds)
        follow_language(device, self.options)

    def _timer(self, seconds: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(max(1, int(float(str(seconds)) * 1000)))
        timer.timeout.connect(self.go_idle)
        return timer

    def _rating_page(self) -> QWidget:
        page = QWidget()
        self.aspects_hint = make_label("", "hint")
        self.levels_hint = make_label("", "subtitle")
        aspects = QGridLayout()
        for row, aspect in enumerate(ASPECTS):
            self.aspect_labels[aspect] = make_label("", "subtitle")
            aspects.addWidget(self.aspect_labels[aspect], row, 0)
            group = QButtonGroup(self)
            for col, level in enumerate(LEVELS, start=1):
                button = make_button("", "secondary", f"{aspect}_{level}", wrap=True)
                button.setCheckable(True)
                button.setMinimumHeight(56)
                group.addButton(button, level)
                aspects.addWidget(button, row, col)
            self.aspect_groups[aspect] = group
        levels = QHBoxLayout()
        for level in LEVELS:
            # "Very dissatisfied" in the pad's big type: two lines on a 1024 px pad
            button = make_button("", "level", f"level_{level}", wrap=True)
            button.setProperty("level", str(level))
            button.setMinimumHeight(120)
            button.clicked.connect(partial(self.submit, level))
            levels.addWidget(button, 1)  # five equal buttons
            self.level_buttons[level] = button
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addStretch(1)
        layout.addWidget(self.prompt)
        layout.addSpacing(24)
        layout.addWidget(self.aspects_hint)
        layout.addLayout(aspects)
        layout.addSpacing(32)
        layout.addWidget(self.levels_hint)
        layout.addLayout(levels)
        layout.addWidget(self.error)
        layout.addStretch(1)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("服务评价 · {0}号窗口").format(self.env.window))
        if self.retired:
            self.welcome.setText(self.tr("{0}号窗口已停用，本评价器暂不提供服务评价")
                                 .format(self.env.window))
        elif self.allowed:
            self.welcome.setText(self.tr("{0}号窗口\n欢迎办理业务，办结后请对我们的服务作出评价")
                                 .format(self.env.window))
        else:
            self.welcome.setText(self.tr("评价器须以评价器设备账号登录；工作人员不能代替申请人评价"))
        self.thanks.setText(self.tr("感谢您的评价！"))
        self.aspects_hint.setText(self.tr("分项评价（可选）"))
        self.levels_hint.setText(self.tr("请点击下方按钮，对本次服务作出总体评价："))
        names = {"efficiency": self.tr("办事效率"), "skill": self.tr("业务水平"),
                 "attitude": self.tr("服务态度")}
        for aspect, label in self.aspect_labels.items():
            label.setText(names[aspect])
        for group in self.aspect_groups.values():
            for level in LEVELS:
                group.button(level).setText(level_label(LEVEL_TEXTS[level]))
        for level, button in self.level_buttons.items():
            button.setText(level_label(LEVEL_TEXTS[level]))
        self.banner.setText(self.tr("网络连接中断，暂时无法评价"))
        self._show_prompt()

    def _show_prompt(self) -> None:
        number = self.ticket[1] if self.ticket else ""
        self.prompt.setText(self.tr("请对 {0} 号本次服务作出评价").format(number))

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def go_idle(self) -> None:
        self.ticket = None
        self.idle_timer.stop()
        self.stack.setCurrentWidget(self.welcome)

    def ask(self, ticket_id: int, number: str) -> None:
        """Show the buttons for the ticket just finished at this window."""
        if not self.allowed or self.retired:
            return
        self.ticket = (ticket_id, number)
        for group in self.aspect_groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.error.clear()
        self._show_prompt()
        self._set_enabled(self.env.online)
        self.thanks_timer.stop()
        self.stack.setCurrentWidget(self.pages[1])
        self.idle_timer.start()

    def _set_enabled(self, on: bool) -> None:
        for button in self.level_buttons.values():
            button.setEnabled(on)

    def submit(self, level: int) -> None:
        if self.ticket is None:
            return
        aspects = {a: (g.checkedId() if g.checkedId() > 0 else None)
                   for a, g in self.aspect_groups.items()}
        ctx, window, ticket = self.env.ctx, self.env.window, str(self.ticket[0])
        self._set_enabled(False)
        self.call(lambda: _rate(ctx, level, aspects, ticket, window),
                  self._on_rated, self._on_rate_failed)

    def _on_rated(self, _info: RatingInfo) -> None:
        self.ticket = None
        self.idle_timer.stop()
        self.stack.setCurrentWidget(self.thanks)
        self.thanks_timer.start()

    def _on_rate_failed(self, exc: BaseException) -> None:
        self._set_enabled(self.env.online)
        self.error.setText(user_message(exc, "rating pad"))

    def _on_feed_events_arrived(self, events: list[FeedEvent]) -> None:
        if any(e.kind == "hall_changed" for e in events):
            self.load_device()
        if any(e.kind == "windows_changed" for e in events):
            self.load_window()
        for event in events:
            payload = event.payload
            if (event.kind == "ticket_finished" and payload.get("window") == self.env.window
                    and payload.get("ticket") is not None):
                self.ask(int(payload["ticket"]), str(payload.get("number") or ""))

    def _on_feed_connection_lost(self, _why: str) -> None:
        self.env.online = False
        self.banner.show()
        self._set_enabled(False)

    def _on_feed_connection_restored(self) -> None:
        self.env.online = True
        self.banner.hide()
        self._set_enabled(True)


def _rate(ctx: Ctx, level: int, aspects: dict[str, int | None], ticket: str,
          window: int) -> RatingInfo:
    """On the worker thread. The ratings service imports the case and calendar rules
    (~50 ms) that the pad's first frame does not need, so it loads with the first rating."""
    from hallapp.services.ratings import RatingInput, rate

    rating = RatingInput(level, aspects["efficiency"], aspects["skill"], aspects["attitude"])
    return rate(ctx, rating, ticket=ticket, window=window, channel="pad")


def create(ctx: Ctx, feed: FeedWatcher, options: dict[str, Any] | None = None) -> RatingPad:
    """Launcher entry point (``hallapp run rating``)."""
    return RatingPad(ctx, feed, options)
