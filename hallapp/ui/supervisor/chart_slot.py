"""A place for a chart that builds the chart the first time it is shown.

QtCharts and its chart views (~12 MB, tens of ms) would otherwise load at supervisor start,
for the KPI and planner tabs nobody has opened yet. The slot keeps the last drawing asked
of it and replays it when the chart exists, so callers fill it whether it is shown or not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from hallapp.ui.supervisor.charts import ChartView


def _chart_view() -> ChartView:
    from hallapp.ui.supervisor.charts import ChartView

    return ChartView()


class ChartSlot(QWidget):
    """Stands in for a :class:`~hallapp.ui.supervisor.charts.ChartView` until first shown.

    ``draw(fn)`` calls ``fn(view)`` now if the chart exists, else when it is built; only the
    last drawing is kept (each one replaces the whole chart).
    """

    def __init__(self, make: Callable[[], ChartView] = _chart_view,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make = make
        self._draw: Callable[[Any], None] | None = None
        self.view: ChartView | None = None
        self.setMinimumHeight(220)  # a ChartView's own minimum, so layouts do not jump
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def sizeHint(self) -> QSize:
        # Before its chart exists the slot is empty; a splitter sizing the KPI tab by hints
        # would then give the chart almost nothing. Ask for what the chart will need.
        return QSize(320, self.minimumHeight())

    @property
    def points(self) -> list[tuple[str, float, float]]:
        """What the chart shows (for tests); empty until it has been built."""
        return self.view.points if self.view is not None else []

    def draw(self, fn: Callable[[Any], None]) -> None:
        self._draw = fn
        if self.view is not None:
            fn(self.view)

    def showEvent(self, event: QShowEvent) -> None:
        if self.view is None:
            self.view = self._make()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.view)
            if self._draw is not None:
                self._draw(self.view)
        super().showEvent(event)
