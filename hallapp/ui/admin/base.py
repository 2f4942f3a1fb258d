"""What the admin tabs share: off-thread service calls, field errors, small widget helpers.

A tab is an :class:`AdminPanel`. It calls services with :meth:`AdminPanel.call` (off the GUI
thread; the callbacks run only while the panel lives), refreshes itself when the window hands
it a change-feed event (:meth:`AdminPanel.refresh`), and shows a refused edit next to the
field the service named (:class:`FieldErrors`), in the service's Chinese message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.errors import ValidationError
from hallapp.services.context import Ctx
from hallapp.ui.common.errors import is_english, user_message
from hallapp.ui.common.panel import ServicePanel
from hallapp.ui.common.widgets import make_label, repolish


@dataclass
class AdminEnv:
    """The admin's service context and the hall's time zone (for the audit's times)."""

    ctx: Ctx
    tz: tzinfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))

    def local(self, moment: datetime | str | None, fmt: str = "%Y-%m-%d %H:%M:%S") -> str:
        if moment is None:
            return "—"
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(self.tz).strftime(fmt)


class AdminPanel(ServicePanel):
    """One tab of the admin client."""

    #: feed event kinds that make this tab reload (see AdminWindow)
    FEED_KINDS: tuple[str, ...] = ()

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._pending = 0  # service calls in flight

    @property
    def busy(self) -> bool:
        """True while a service call of this tab has not answered (tests wait on it)."""
        return self._pending > 0

    def refresh(self) -> None:
        """Reload what the tab shows from the services."""

    def call(self, fn: Callable[[], Any], on_done: Callable[[Any], object],
             on_error: Callable[[BaseException], object]) -> None:
        """As :meth:`ServicePanel.call`, counting the calls in flight for :attr:`busy`."""
        self._pending += 1

        def done(result: Any) -> None:
            self._pending -= 1
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._pending -= 1
            on_error(exc)

        super().call(fn, done, failed)


_INDEX = re.compile(r"\[\d+\]$")


class FieldErrors:
    """Error labels under the fields of a form, found by the name a ValidationError gives.

    ``materials[2].copies`` is shown at ``materials[2].copies`` if registered, else at
    ``materials[2]``, then ``materials``; errors naming no known field go to ``general``.
    """

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, name: str, widget: QWidget) -> QWidget:
        """Register ``widget`` as field ``name``; returns the widget with its error label."""
        label = make_label("", "fieldError", wrap=True)
        label.hide()
        self.fields[name] = (widget, label)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(label)
        return box

    def clear(self) -> None:
        self.general.setText("")
        for widget, label in self.fields.values():
            label.setText("")
            label.hide()
            repolish(widget, invalid="false")

    def lookup(self, name: str | None) -> str | None:
        while name:
            if name in self.fields:
                return name
            trimmed = _INDEX.sub("", name)
            name = trimmed if trimmed != name else name.rpartition(".")[0]
        return None

    def show(self, exc: BaseException) -> QWidget | None:
        """Show ``exc`` next to its field (or as the general message); return that field."""
        self.clear()
        key = self.lookup(exc.field) if isinstance(exc, ValidationError) else None
        if key is None:
            self.general.setText(user_message(exc, "admin"))
            return None
        widget, label = self.fields[key]
        label.setText(_at_field(exc) if isinstance(exc, ValidationError) and key == exc.field
                      else user_message(exc, "admin"))
        label.show()
        repolish(widget, invalid="true")
        return widget

    def message(self, name: str) -> str:
        """The error shown at field ``name`` ("" if none): what tests and screenshots read."""
        return self.fields[name][1].text()


def _at_field(exc: ValidationError) -> str:
    """A refusal shown beside its own field: a record reader's problem alone in Chinese
    ("不能为空", not "字段 prefix 不能为空", which names the file's key, not the label shown)."""
    problem = exc.facts.get("problem")
    return str(problem) if problem and not is_english() else user_message(exc, "admin")


def form_box(title: str, form: QFormLayout, error: QLabel, button: QPushButton, *,
             hint: str = "", status: QLabel | None = None) -> QGroupBox:
    """A tab's side form: a titled box with an optional hint, the fields, the error line of a
    refusal and the action button (at the right, after a status line when there is one)."""
    box = QGroupBox(title)
    col = QVBoxLayout(box)
    if hint:
        col.addWidget(make_label(hint, "hint", wrap=True))
    col.addLayout(form)
    col.addWidget(error)
    row = QHBoxLayout()
    if status is None:
        row.addStretch(1)
    else:
        row.addWidget(status, 1)
    row.addWidget(button)
    col.addLayout(row)
    col.addStretch(1)
    return box


def beside(panel: QWidget, left: QWidget | QLayout, box: QGroupBox) -> None:
    """The tab's layout: its table (or list) on the left, three fifths; the form box right."""
    layout = QHBoxLayout(panel)
    if isinstance(left, QLayout):
        layout.addLayout(left, 3)
    else:
        layout.addWidget(left, 3)
    layout.addWidget(box, 2)
