"""A notice line that scrolls right to left, for notices longer than the screen is wide."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, QTimer
from PySide6.QtGui import QHideEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

STEP_PX = 2
TICK_MS = 30
GAP_PX = 120


class MarqueeLabel(QLabel):
    """Keeps its text in ``text()`` (so it can be read and checked) and paints it moving.

    Its size hint asks only for one line of height: scrolling text is never clipped, it is
    shown over time.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("marquee")
        self._offset = 0
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(min(metrics.horizontalAdvance(self.text()), 200),
                     metrics.height() + self.contentsMargins().top()
                     + self.contentsMargins().bottom())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._offset = 0
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _on_timer_timeout(self) -> None:
        span = self.fontMetrics().horizontalAdvance(self.text()) + GAP_PX
        self._offset = (self._offset + STEP_PX) % max(span, 1)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Copies of the text one ``span`` apart, shifted left by the offset: a seamless loop."""
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        rect, metrics = self.contentsRect(), self.fontMetrics()
        span = metrics.horizontalAdvance(self.text()) + GAP_PX
        baseline = rect.top() + (rect.height() - metrics.height()) // 2 + metrics.ascent()
        x = rect.left() + (rect.width() - self._offset) % span - span
        while x < rect.right():
            painter.drawText(QPoint(x, baseline), self.text())
            x += span
        painter.end()
