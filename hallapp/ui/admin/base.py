"""What the admin tabs share: off-thread service calls, field errors, small widget helpers.

A tab is an :class:`AdminPanel`. It calls services with :meth:`AdminPanel.call` (off the GUI
thread; the callbacks run only while the panel lives), refreshes itself when the window hands
it a change-feed event (:meth:`AdminPanel.refresh`), and shows a refused edit next to the
field the service named (:class:`FieldErrors`), in the service's Chinese message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
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

from hallapp.core.errors import NotFound, ValidationError
from hallapp.services.context import Ctx
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, Column, tr
from hallapp.ui.common.errors import field_message, user_message
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

    # feed event kinds that make this tab reload (see AdminWindow)
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
_PART = re.compile(r"(?:\[(\d+)\])?(?:\.(\w+))?")
# Refusals whose import wording names a value of the file ("immediate"): in the form's words.
FORM_TEXTS = {
    "limit_zero": QT_TRANSLATE_NOOP("Admin", "应大于 0（当场办结的事项请选单位“当场办结”）"),
    "immediate_limit": QT_TRANSLATE_NOOP("Admin", "即办件的承诺时限单位应为“当场办结”"),
}


class FieldErrors:
    """Error labels under the fields of a form, found by the name a ValidationError gives.

    ``materials[2].copies`` is shown at ``materials[2].copies`` if registered, else at
    ``materials[2]``, then ``materials``; errors naming no known field go to ``general``.
    Beside its field a refusal says what is wrong, and where in a table field by the row and
    the column's header ("第 3 行“份数”：应在 0 到 99 之间"), not by the file's key.
    """

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.columns: dict[str, dict[str, str]] = {}  # a table field's headers, by column

    def add(self, name: str, widget: QWidget, columns: Sequence[Column] = ()) -> QWidget:
        """Register ``widget`` as field ``name`` (a table of ``columns``); returns the widget
        with its error label."""
        label = make_label("", "fieldError", wrap=True)
        label.hide()
        self.fields[name] = (widget, label)
        self.columns[name] = {c.name: c.header for c in columns}
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
        key = self.lookup(exc.field) if isinstance(exc, ValidationError | NotFound) else None
        if key is None:
            self.general.setText(user_message(exc, "admin"))
            return None
        return self.show_at(key, self._at_field(exc, key) if isinstance(exc, ValidationError)
                            else user_message(exc, "admin"))

    def show_at(self, key: str, text: str) -> QWidget:
        """``text`` beside field ``key`` (a refusal the form makes before any service call)."""
        self.clear()
        widget, label = self.fields[key]
        label.setText(text)
        label.show()
        repolish(widget, invalid="true")
        return widget

    def message(self, name: str) -> str:
        """The error shown at field ``name`` ("" if none): what tests and screenshots read."""
        return self.fields[name][1].text()

    def _at_field(self, exc: ValidationError, key: str) -> str:
        """``exc`` beside field ``key``: the problem alone ("不能为空", not "字段 prefix 不能为空",
        which names the file's key, not the label shown), after the row and column of a
        table field. A refusal that counts its entries itself ("第 5 个绿色通道类别…") stays."""
        if exc.facts.get("entry") is not None:
            return user_message(exc, "admin")
        match = _PART.fullmatch((exc.field or key)[len(key):])
        row, column = match.groups() if match else (None, None)
        header = self.columns.get(key, {}).get(column or "")
        if row is not None and header:
            where = QCoreApplication.translate("FieldErrors", "第 {0} 行“{1}”").format(
                int(row) + 1, tr(header))
        elif row is not None:
            where = QCoreApplication.translate("FieldErrors", "第 {0} 行").format(int(row) + 1)
        elif header:
            where = QCoreApplication.translate("FieldErrors", "“{0}”列").format(tr(header))
        else:
            where = ""
        own = FORM_TEXTS.get(exc.code)
        return field_message(exc, where, tr(own) if own else None)


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
