"""What every counter panel shares: the service context, the window number, off-thread calls.

A panel runs service calls with :meth:`CounterPanel.call`; the result comes back on the GUI
thread, a lost database goes to the window as ``connection_failed`` (banner, buttons off)
instead of a message box, and a panel destroyed meanwhile is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from shiboken6 import isValid

from hallapp.services.context import Ctx, is_connection_error
from hallapp.ui.common.tasks import run_task


@dataclass
class CounterEnv:
    """The clerk's context and the window they work; ``online`` follows the change feed."""

    ctx: Ctx
    window: int
    online: bool = True


class CounterPanel(QWidget):
    connection_failed = Signal(object)

    def __init__(self, env: CounterEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env

    def retranslate(self) -> None:
        """Set every user-visible text again (on build and on a language change)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def call(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        """Run ``fn`` off the GUI thread; callbacks run on it only while the panel lives."""

        def done(result: Any) -> None:
            if isValid(self):
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            if is_connection_error(exc):
                self.connection_failed.emit(exc)
            on_error(exc)

        run_task(fn, done, failed)


def make_label(text: str = "", name: str | None = None, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def make_button(text: str = "", kind: str | None = None, name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    if kind:
        button.setProperty("kind", kind)
    if name:
        button.setObjectName(name)
    return button


def set_invalid(edit: QLineEdit, invalid: bool) -> None:
    """Red border (hall.qss ``QLineEdit[invalid="true"]``) while the field is wrong."""
    edit.setProperty("invalid", "true" if invalid else "false")
    edit.style().unpolish(edit)
    edit.style().polish(edit)


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


CENTER = Qt.AlignmentFlag.AlignCenter
