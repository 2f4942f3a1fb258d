"""What keeps a public kiosk tidy: the idle watcher and the database probe.

* :class:`IdleWatcher` restarts the kiosk's idle timer on any touch, click or key aimed at
  the kiosk (or a dialog it owns), so an applicant who walks away leaves a clean screen.
* :class:`ConnectionProbe` asks the database, with backoff, whether it is back, for the one
  case the change feed cannot report: a service call failed during an outage so short that
  the feed never saw it. While the feed itself is offline it does nothing: the feed's
  ``connection_restored`` brings the kiosk back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from hallapp.services.context import Ctx
from hallapp.services.hall import get_hall
from hallapp.ui.common.tasks import run_task

INPUT_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress,
                          QEvent.Type.TouchBegin, QEvent.Type.Wheel})
PROBE_MS = (1000, 2000, 5000, 10000)


class IdleWatcher(QObject):
    """An application event filter; restarts ``timer`` on input aimed at ``root``."""

    def __init__(self, root: QWidget, timer: QTimer) -> None:
        super().__init__(root)
        self.root, self.timer = root, timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and isinstance(watched, QWidget):
            widget: QWidget | None = watched
            while widget is not None and widget is not self.root:
                widget = widget.parentWidget()
            if widget is self.root:
                self.timer.start()
        return False


class ConnectionProbe(QObject):
    """Calls ``answered`` once the database answers; gives up when ``wanted()`` is False."""

    def __init__(self, ctx: Ctx, wanted: Callable[[], bool], answered: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.wanted, self.answered = ctx, wanted, answered
        self.step = 0

    def start(self) -> None:
        self.step = 0
        self._schedule()

    def _schedule(self) -> None:
        delay = PROBE_MS[min(self.step, len(PROBE_MS) - 1)]
        self.step += 1
        QTimer.singleShot(delay, self, self._probe)

    def _probe(self) -> None:
        if not self.wanted():
            return

        def done(_hall: object) -> None:
            if isValid(self) and self.wanted():
                self.answered()

        def failed(_exc: BaseException) -> None:
            if isValid(self):
                self._schedule()

        run_task(lambda: get_hall(self.ctx), done, failed)
