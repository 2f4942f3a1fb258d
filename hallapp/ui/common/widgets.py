"""Small widget helpers every client uses: labels, buttons, style-sheet states, durations,
a read-only row table, a yes/no question.

The style sheets select on object names and dynamic properties (``kind``, ``invalid``), so
the helpers only set those; a client that needs more (the kiosk's touch buttons) wraps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QWidget,
)

from hallapp.ui.common.errors import local_name
from hallapp.ui.common.wrap_button import WrappingButton

if TYPE_CHECKING:
    from hallapp.services.hall import QueueInfo
    from hallapp.ui.common.table_model import RecordTableModel


def make_label(text: str = "", name: str | None = None, *, wrap: bool = False,
               align: Qt.AlignmentFlag | None = None) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if align is not None:
        label.setAlignment(align)
    return label


class MessageLabel(QLabel):
    """A wrapped message line that takes no room while empty: shown when it has text."""

    text_set = Signal()

    def __init__(self, name: str | None = None) -> None:
        super().__init__("")
        if name:
            self.setObjectName(name)
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))
        self.text_set.emit()

    def clear(self) -> None:
        self.setText("")


class ScrolledMessage(QScrollArea):
    """A :class:`MessageLabel` as tall as its text up to ``lines`` lines, the rest scrolling:
    a long refusal cannot take the height of what is above it. No room while empty."""

    def __init__(self, label: MessageLabel, lines: int = 3) -> None:
        super().__init__()
        self.label, self.lines = label, lines
        self.setWidget(label)  # which shows it
        label.setVisible(bool(label.text()))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        label.text_set.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        text = self.label.text()
        self.setVisible(bool(text))
        if not text:
            return
        self.label.ensurePolished()
        margins = self.label.contentsMargins()
        cap = (self.lines * self.label.fontMetrics().lineSpacing()
               + margins.top() + margins.bottom())
        needed = self.label.heightForWidth(max(self.viewport().width(), 1))
        self.setFixedHeight(min(needed, cap) + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # the text's height at the new width


class ElidedLabel(QLabel):
    """One line of text that ends in "…" where it is narrower than its text, with the whole
    text as its tooltip. It asks for its full width but never insists on it, so a long
    title (a case number and a 40-character item name) cannot widen its window."""

    def __init__(self, text: str = "", name: str | None = None) -> None:
        super().__init__(text)
        if name:
            self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def shown_text(self) -> str:
        """The text as painted: elided to the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def setText(self, text: str) -> None:
        super().setText(text)
        self._show_tip()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_tip()

    def _show_tip(self) -> None:
        self.setToolTip(self.text() if self.shown_text() != self.text() else "")

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())


def make_button(text: str = "", kind: str | None = None, name: str | None = None, *,
                wrap: bool = False) -> QPushButton:
    """``wrap``: a button that breaks its text between words to fit its width."""
    button = WrappingButton(text) if wrap else QPushButton(text)
    if kind:
        button.setProperty("kind", kind)
    if name:
        button.setObjectName(name)
    return button


def repolish(widget: QWidget, **props: str) -> None:
    """Set dynamic properties the style sheet selects on, and apply them now."""
    for name, value in props.items():
        widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def restyle(widget: QWidget, name: str) -> None:
    """Give ``widget`` the style of the object name ``name`` now: a status line in green
    (``result``) for a confirmation, in red (``error``) for what needs attention."""
    widget.setObjectName(name)
    repolish(widget)


def set_invalid(edit: QWidget, invalid: bool) -> None:
    """Red border (``[invalid="true"]`` in the style sheets) while the field is wrong."""
    repolish(edit, invalid="true" if invalid else "false")


def duration_text(seconds: float | None) -> str:
    """Exact seconds as H:MM:SS or M:SS, from a difference of timestamps (no wrap at 60)."""
    if seconds is None:
        return "—"
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds_between(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds()


class ConfirmDialog:
    """Yes/no before an action that takes something out of service (a classmethod, so
    tests can answer it)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes


def row_table(model: RecordTableModel, name: str, stretch: str | None = None) -> QTableView:
    """A read-only table, one row selected at a time; ``stretch`` (a column) takes the
    width left over, the others fit their contents (all stretch without one)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.column(stretch), QHeaderView.ResizeMode.Stretch)
    return table


def queue_choices(combo: QComboBox, queues: Iterable[QueueInfo]) -> None:
    """Fill ``combo`` with ``queues`` ("A 综合受理", the code as data), keeping the chosen
    queue when it is still offered; no signal fires. A deactivated queue is not offered: it
    takes no ticket and no booking."""
    chosen = combo.currentData()
    with QSignalBlocker(combo):
        combo.clear()
        for q in (q for q in queues if q.active):
            combo.addItem(f"{q.code} {local_name(q.name, q.name_en)}", q.code)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))


def item_choices(combo: QComboBox, any_text: str, items: Iterable[tuple[str, str]]) -> None:
    """Fill ``combo`` with "any" (data None) and then ``items`` as (code, name), the code as
    each one's tooltip, keeping the chosen code when it is still offered; no signal fires."""
    chosen = combo.currentData()
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem(any_text, None)
        for code, name in items:
            combo.addItem(name, code)
            combo.setItemData(combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
