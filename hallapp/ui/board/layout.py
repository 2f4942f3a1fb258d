"""Widgets and layout of the call display, kept apart from its behaviour (display.py).

Sizes come from the hall style sheet (``QWidget#display …``); the few display-only rules
the shared sheet lacks are in ``DISPLAY_QSS`` and set on the display itself, which Qt
prefers over the application sheet whatever the selector's specificity.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.ui.board.marquee import MarqueeLabel
from hallapp.ui.board.models import RecentCallsModel, WaitingCountsModel

DISPLAY_QSS = """
QFrame#header { background: #0b4a8b; }
QLabel#hallName { font-size: 34px; font-weight: bold; }
QLabel#banner { background: #c8102e; color: #ffffff; font-size: 26px; font-weight: bold;
                padding: 10px; }
QFrame#latest { background: #0c2d52; border: 2px solid #174270; border-radius: 12px; }
QFrame#latest[flash="true"] { background: #174270; border: 4px solid #ffd23f; }
QLabel#latestCaption, QLabel#sectionTitle { font-size: 26px; font-weight: bold;
                color: #9cc3ee; }
QTableView#waitingTable { font-size: 26px; }
QLabel#status { font-size: 16px; color: #9aa8b8; }
QLabel#callWindowEn { color: #cfe0f5; }
"""
# The latest call grows with the screen: share of the window height per label.
SCALED = {"callNumber": 0.16, "callWindow": 0.075, "callWindowEn": 0.04}


class BoardTable(QTableView):
    """A read-only table whose rows share the height: ``slots`` rows fill the view, so a
    short list keeps normal row heights instead of stretching."""

    def __init__(self, model: QAbstractItemModel, slots: int | None, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.slots = slots
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        model.modelReset.connect(self._fit_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def minimumSizeHint(self) -> QSize:
        """A list without fixed slots asks for room for every row, so none is cut off."""
        hint = super().minimumSizeHint()
        if self.slots is not None:
            return hint
        rows = max(self.model().rowCount(), 1)
        height = (self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
                  + rows * self._min_row())
        return QSize(hint.width(), height)

    def _min_row(self) -> int:
        return self.fontMetrics().height() + 6

    def _fit_rows(self) -> None:
        count = self.slots or max(self.model().rowCount(), 1)
        height = max(self.viewport().height() // count, self._min_row())
        self.verticalHeader().setDefaultSectionSize(height)
        self.updateGeometry()


class DisplayLayout:
    """Builds the display's children on ``root``; the window fills in their texts.

    It keeps no reference to ``root``: a window in a Python reference cycle is freed by the
    cyclic garbage collector on whichever thread runs it -- a pool thread, where destroying
    a widget deadlocks or crashes.
    """

    def __init__(self, root: QWidget) -> None:
        root.setObjectName("display")
        root.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        root.setStyleSheet(DISPLAY_QSS)
        self._scaled: dict[str, int] = {}
        self.calls_model = RecentCallsModel(root)
        self.waiting_model = WaitingCountsModel(root)
        self.hall_name = _label("hallName")
        self.clock = _label("clock")
        self.banner = _label("banner", Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        self.latest_caption = _label("latestCaption", Qt.AlignmentFlag.AlignCenter)
        self.call_number = _label("callNumber", Qt.AlignmentFlag.AlignCenter)
        self.call_window = _label("callWindow", Qt.AlignmentFlag.AlignCenter)
        # the call in English beneath, when the hall announces calls in English too
        self.call_window_en = _label("callWindowEn", Qt.AlignmentFlag.AlignCenter)
        self.call_window_en.hide()
        self.calls_title = _label("sectionTitle")
        self.waiting_table = BoardTable(self.waiting_model, None, "waitingTable")
        # The counts are short: the queue names (long in English) get the rest of the width.
        self.waiting_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.calls_table = BoardTable(self.calls_model, 8, "callsTable")
        self.marquee = MarqueeLabel()
        self.status = _label("status")
        self.status.hide()
        self.latest = QFrame()
        self.latest.setObjectName("latest")
        self._arrange(root)

    def _arrange(self, root: QWidget) -> None:
        header = QFrame()
        header.setObjectName("header")
        top = QHBoxLayout(header)
        top.setContentsMargins(24, 12, 24, 12)
        top.addWidget(self.hall_name, 1)
        top.addWidget(self.clock)
        card = QVBoxLayout(self.latest)
        card.setContentsMargins(16, 12, 16, 16)
        card.addWidget(self.latest_caption)
        card.addWidget(self.call_number, 1)
        card.addWidget(self.call_window)
        card.addWidget(self.call_window_en)
        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self.latest, 3)
        left.addWidget(self.waiting_table, 2)
        right = QVBoxLayout()
        right.addWidget(self.calls_title)
        right.addWidget(self.calls_table, 1)
        body = QHBoxLayout()
        body.setContentsMargins(24, 8, 24, 8)
        body.setSpacing(24)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(header)
        outer.addWidget(self.banner)
        outer.addLayout(body, 1)
        outer.addWidget(self.marquee)
        outer.addWidget(self.status)
        self.marquee.setContentsMargins(24, 6, 24, 6)
        self.status.setContentsMargins(24, 0, 24, 6)

    def scale_to(self, root: QWidget, height: int) -> None:
        """Size the latest call for this screen height (hall.qss gives the minimum)."""
        sizes = {name: max(int(height * share), 0) for name, share in SCALED.items()}
        if sizes == self._scaled:
            return
        self._scaled = sizes
        rules = "".join(f"QLabel#{name} {{ font-size: {px}px; }}\n"
                        for name, px in sizes.items())
        root.setStyleSheet(DISPLAY_QSS + rules)

    def set_flash(self, on: bool) -> None:
        """Highlight the latest-call card (a new call blinks it a few times)."""
        self.latest.setProperty("flash", on)
        self.latest.style().unpolish(self.latest)
        self.latest.style().polish(self.latest)


def _label(name: str, align: Qt.AlignmentFlag | None = None) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    if align is not None:
        label.setAlignment(align)
    return label
