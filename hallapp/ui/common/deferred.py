"""Start-up work the first screen does not need, run once that screen has been painted.

A client builds its window, the launcher shows it, and only then the slow extras start:
the kiosk's font warm-up, the display's speech engine and chime, the supervisor's alert
chime. ``QTimer.singleShot(0, ...)`` is not enough for that: a zero timer fires before the
first paint event, so its work would still delay the first frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

# A window that is never painted (hidden, or a test that never shows it) still gets its
# extras, this long after it was built.
FALLBACK_MS = 5000


class _FirstFrame(QObject):
    def __init__(self, widget: QWidget, fn: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(widget)
        self._widget: QWidget | None = widget
        self._fn: Callable[[], None] | None = fn
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._fn is not None:
            QTimer.singleShot(0, self, self._run)  # once this paint has reached the screen
        return False

    def _run(self) -> None:
        fn, widget, self._fn, self._widget = self._fn, self._widget, None, None
        if fn is None or widget is None:
            return
        widget.removeEventFilter(self)
        try:
            fn()  # may run a nested event loop (the display's speech engine start-up)
        finally:
            if isValid(self):  # the widget, and this child of it, may be gone meanwhile
                self.deleteLater()


def after_first_frame(widget: QWidget, fn: Callable[[], None], *,
                      fallback_ms: int = FALLBACK_MS) -> None:
    """Call ``fn`` once, on the GUI thread, just after ``widget`` first painted (or after
    ``fallback_ms`` if it never does). Nothing is called if the widget is destroyed first."""
    _FirstFrame(widget, fn, fallback_ms)
