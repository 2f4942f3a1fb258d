"""Helpers shared by the UI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QTableView, QWidget


def clipped(root: QWidget, *, tables: bool = False) -> list[str]:
    """The visible labels, buttons and check boxes below ``root`` whose text needs more room
    than they were given (a wrapped label: more height for its width); with ``tables``, also
    the tables that scroll sideways."""
    bad = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if tables and isinstance(w, QTableView) and w.horizontalScrollBar().isVisible():
            bad.append(f"table {type(w.model()).__name__} scrolls sideways")
        if isinstance(w, QLabel | QAbstractButton) and w.text() and not fits(w):
            size, hint = w.size(), w.sizeHint()
            bad.append(f"{type(w).__name__} {w.objectName()!r} {w.text()[:20]!r}: "
                       f"{size.width()}x{size.height()} < {hint.width()}x{hint.height()}")
    return bad


def fits(w: QLabel | QAbstractButton) -> bool:
    """Whether the widget's text has the room it needs (one pixel of rounding allowed)."""
    size, hint = w.size(), w.sizeHint()
    if isinstance(w, QLabel) and w.wordWrap():
        return w.heightForWidth(size.width()) <= size.height() + 1
    return hint.width() <= size.width() + 1 and hint.height() <= size.height() + 1
