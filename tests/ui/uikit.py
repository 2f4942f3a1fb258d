"""Helpers shared by the UI tests."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView, QWidget

from hallapp.ui.common.widgets import ElidedLabel


def clipped(root: QWidget, *, tables: bool = False) -> list[str]:
    """The visible labels, buttons and check boxes below ``root`` whose text needs more room
    than they were given (a wrapped label: more height for its width; an elided one counts
    when its whole text is not its tooltip); with ``tables``, also the tables that scroll
    sideways."""
    bad = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if tables and isinstance(w, QTableView):
            bad.extend(cut_table(w))
        if isinstance(w, ElidedLabel) and w.toolTip() == w.text():
            continue  # cut short on purpose, whole on hover
        if isinstance(w, QLabel | QAbstractButton) and w.text() and not fits(w):
            size, hint = w.size(), w.sizeHint()
            bad.append(f"{type(w).__name__} {w.objectName()!r} {w.text()[:20]!r}: "
                       f"{size.width()}x{size.height()} < {hint.width()}x{hint.height()}")
    return bad


def cut_table(table: QTableView) -> list[str]:
    """What a table leaves out of sight: columns scrolled sideways, headers cut short."""
    model, header = table.model(), table.horizontalHeader()
    name = type(model).__name__
    bad = [f"table {name} scrolls sideways"] if table.horizontalScrollBar().isVisible() else []
    for column in range(model.columnCount()):
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        # The header's own margins and sort indicator room: a few pixels beyond the text
        # (the longest line of a header on two lines).
        needed = max(header.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        if not header.isSectionHidden(column) and header.sectionSize(column) + 2 < needed:
            bad.append(f"table {name}: header {text!r} cut")
    return bad


def cut_cells(table: QTableView, column: int) -> list[str]:
    """The texts of a column that need more room than their cells give them: more width on
    one line, or, in a table that wraps, more height at the column's width than the row's
    (the cell's side margins counted as a few pixels)."""
    model, metrics = table.model(), table.fontMetrics()
    width = table.columnWidth(column) - 8
    bad = []
    for row in range(model.rowCount()):
        text = str(model.index(row, column).data() or "")
        if table.wordWrap():
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                          Qt.TextFlag.TextWordWrap, text)
            cut = needed.width() > width or needed.height() > table.rowHeight(row)
        else:
            cut = metrics.horizontalAdvance(text) > width
        if cut:
            bad.append(text)
    return bad


def fits(w: QLabel | QAbstractButton) -> bool:
    """Whether the widget's text has the room it needs (one pixel of rounding allowed)."""
    size, hint = w.size(), w.sizeHint()
    if isinstance(w, QLabel) and w.wordWrap():
        return w.heightForWidth(size.width()) <= size.height() + 1
    return hint.width() <= size.width() + 1 and hint.height() <= size.height() + 1
