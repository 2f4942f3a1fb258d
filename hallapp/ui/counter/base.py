"""What every counter panel shares: the service context, the window number, off-thread calls.

A panel runs service calls with :meth:`CounterPanel.call`; the result comes back on the GUI
thread, a lost database goes to the window as ``connection_failed`` (banner, buttons off)
instead of a message box, and a panel destroyed meanwhile is left alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from hallapp.core.errors import ValidationError
from hallapp.services.context import Ctx
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.panel import ServicePanel
from hallapp.ui.common.widgets import (
    duration_text,
    make_button,
    make_label,
    seconds_between,
    set_invalid,
)

# the shared helpers stay importable from here (the supervisor client imports them so)
__all__ = ["CENTER", "CounterEnv", "CounterPanel", "duration_text", "make_button", "make_label",
           "seconds_between"]


@dataclass
class CounterEnv:
    """The clerk's context and the window they work; ``online`` follows the change feed."""

    ctx: Ctx
    window: int
    online: bool = True


class CounterPanel(ServicePanel):
    def __init__(self, env: CounterEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env


CENTER = Qt.AlignmentFlag.AlignCenter


class FieldNotes:
    """A form's refusals: under the field a refusal names (the field marked and focused),
    else on the form's general line. The labels under the fields show only when they
    have something to say: empty, they would space the form out."""

    def __init__(self, fields: Mapping[str, QWidget], general: QLabel) -> None:
        self.fields, self.general = dict(fields), general
        self.labels = {name: make_label("", "error", wrap=True) for name in self.fields}
        for label in self.labels.values():
            label.hide()

    def clear(self) -> None:
        self.general.clear()
        for name, label in self.labels.items():
            label.clear()
            label.hide()
            set_invalid(self.fields[name], False)

    def show(self, exc: BaseException, context: str) -> None:
        field = exc.field if isinstance(exc, ValidationError) else None
        text = user_message(exc, context)
        if field not in self.fields:
            self.general.setText(text)
            return
        self.say(field, text)

    def say(self, field: str, text: str) -> None:
        """``text`` under ``field`` (a field of this form), the field marked and focused."""
        set_invalid(self.fields[field], True)
        self.labels[field].setText(text)
        self.labels[field].show()
        self.fields[field].setFocus()


class PrintRow(QHBoxLayout):
    """A print button with its "in English" box beside it: the paper for an applicant who
    reads English (the clerk's screen language says nothing about the applicant's)."""

    def __init__(self, button: QWidget, name: str) -> None:
        super().__init__()
        self.english = QCheckBox()
        self.english.setObjectName(name)
        self.addWidget(button)
        self.addWidget(self.english)
        self.addStretch(1)

    def retranslate(self, text: str, tooltip: str) -> None:
        self.english.setText(text)
        self.english.setToolTip(tooltip)

    @property
    def lang(self) -> str:
        return "en" if self.english.isChecked() else "zh"
