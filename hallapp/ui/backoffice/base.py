"""What the back-office widgets share: off-thread service calls and small widget helpers.

A panel runs service calls with :meth:`BackofficePanel.call`; the result comes back on the
GUI thread only while the panel still exists, and a lost database is reported as
``connection_failed`` (the window shows its banner) besides the panel's own error slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget
from shiboken6 import isValid

from hallapp.services.context import Ctx, is_connection_error
from hallapp.ui.common.tasks import run_task


@dataclass
class BackofficeEnv:
    """The approver's context, the hall's time zone, and what the window learns as it runs:
    whether the database answers (``online``) and the department's code (from the cases)."""

    ctx: Ctx
    tz: tzinfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    online: bool = True
    department: str | None = None

    def local(self, moment: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
        """A stored moment as hall time, for the approver's screen."""
        if moment is None:
            return "—"
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(self.tz).strftime(fmt)


class BackofficePanel(QWidget):
    connection_failed = Signal(object)

    def __init__(self, env: BackofficeEnv, parent: QWidget | None = None) -> None:
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


def set_invalid(edit: QLineEdit | QPlainTextEdit, invalid: bool) -> None:
    """Red border (``[invalid="true"]`` in the style sheets) while the field is wrong."""
    edit.setProperty("invalid", "true" if invalid else "false")
    edit.style().unpolish(edit)
    edit.style().polish(edit)


def repolish(widget: QWidget, **props: str) -> None:
    """Set dynamic properties the style sheet selects on, and apply them now."""
    for name, value in props.items():
        widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)

