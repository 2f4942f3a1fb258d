"""What the supervisor's panels share: the service context and off-thread calls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget
from shiboken6 import isValid

from hallapp.services.context import Ctx, is_connection_error
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.tasks import run_task


class SupervisorPanel(QWidget):
    """A panel that runs service calls off the GUI thread and reports errors by signal."""

    failed = Signal(str)
    connection_failed = Signal(object)

    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def retranslate(self) -> None:
        """Set every user-visible text again (on build and on a language change)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def call(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             context: str = "supervisor",
             on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fn`` off the GUI thread; callbacks run on it only while the panel lives."""

        def done(result: Any) -> None:
            if isValid(self):
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            if is_connection_error(exc):
                self.connection_failed.emit(exc)
            if on_error is not None:
                on_error(exc)
            self.failed.emit(user_message(exc, context))

        run_task(fn, done, failed)


def make_table(model: Any, *, stretch: int | None = -1, wrap: bool = False) -> QTableView:
    """A read-only row table; ``stretch``: the column that takes the spare width (-1 the last
    one; e.g. the names of a table of short figures), None for none. ``wrap``: long text
    wraps onto more lines and its row grows, instead of ending in "…" (for a few rows)."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(wrap)
    if wrap:
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch == -1)
    if stretch is not None and stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
