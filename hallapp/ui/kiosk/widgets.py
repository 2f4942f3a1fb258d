"""Building blocks of the kiosk pages: the page base, the on-screen keypad, clickable cards.

Every page is a :class:`KioskPage`: it gets the shared :class:`KioskEnv` in its
constructor, runs service calls off the GUI thread with :meth:`KioskPage.call`, hands a lost
database to the window (``connection_failed``) instead of showing a traceback, and redraws
its text on a language change.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from hallapp.services.context import Ctx, is_connection_error
from hallapp.services.hall import HallInfo
from hallapp.ui.common.printer_api import TicketPrinter
from hallapp.ui.common.tasks import run_task
from hallapp.ui.kiosk.printing import PdfTicketPrinter


@dataclass
class KioskEnv:
    """What every page shares: the service context, the printer, the voice, the hall.

    ``printer`` is ``options["printer"]`` or, once the hall is loaded, ``fallback``.
    """

    ctx: Ctx
    printer: TicketPrinter | None = None
    speaker: Callable[[str], None] = lambda _text: None
    hall: HallInfo | None = None
    elder: bool = False
    fallback: PdfTicketPrinter | None = None  # saves PDFs; also prints checklists

    def speak(self, text: str) -> None:
        """Spoken prompts are for elder mode only; a broken voice never stops the kiosk."""
        if self.elder:
            with contextlib.suppress(Exception):
                self.speaker(text)


class KioskPage(QWidget):
    home_requested = Signal()
    connection_failed = Signal(object)

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env

    def retranslate(self) -> None:
        """Set every user-visible text again (called on build and on a language change)."""

    def reset(self) -> None:
        """Forget what the last applicant typed (idle timeout, back to home)."""

    def set_elder(self, on: bool) -> None:
        """Show only what an elderly applicant needs."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def call(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        """Run ``fn`` off the GUI thread; a lost database goes to the window's offline page."""

        def done(result: Any) -> None:
            if isValid(self):
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            if is_connection_error(exc):
                self.connection_failed.emit(exc)
            else:
                on_error(exc)

        run_task(fn, done, failed)


def make_label(text: str = "", name: str | None = None, *, wrap: bool = False,
               align: Qt.AlignmentFlag | None = None) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if align is not None:
        label.setAlignment(align)
    return label


def make_button(text: str = "", kind: str | None = None, name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    if kind:
        button.setProperty("kind", kind)
    if name:
        button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch screen: fields keep the focus
    return button


def set_invalid(edit: QLineEdit, invalid: bool) -> None:
    edit.setProperty("invalid", "true" if invalid else "false")
    edit.style().unpolish(edit)
    edit.style().polish(edit)


class KeypadWidget(QWidget):
    """On-screen keys that type into whichever of ``targets`` last had the focus."""

    BACKSPACE = "⌫"
    CLEAR = "clear"

    def __init__(self, keys: Sequence[str], columns: int, targets: Sequence[QLineEdit],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self.targets = list(targets)
        self.target: QLineEdit | None = self.targets[0] if self.targets else None
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate([*keys, self.BACKSPACE, self.CLEAR]):
            button = make_button(self.tr("清空") if key == self.CLEAR else key, "secondary")
            button.setObjectName("key")
            button.setMinimumSize(64, 52)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            span = columns - i % columns if key == self.CLEAR else 1
            grid.addWidget(button, i // columns, i % columns, 1, span)
            self.buttons[key] = button
        for edit in self.targets:
            edit.installEventFilter(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.buttons[self.CLEAR].setText(self.tr("清空"))
        super().changeEvent(event)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self.targets:
            self.target = watched
        return False

    def press(self, key: str) -> None:
        edit = self.target
        if edit is None:
            return
        if key == self.BACKSPACE:
            edit.backspace()
        elif key == self.CLEAR:
            edit.clear()
        else:
            edit.insert(key)
        edit.setFocus()


class ItemCard(QFrame):
    """A search result: the item's full name (wrapped, never cut) and its department."""

    clicked = Signal(str)

    def __init__(self, code: str, name: str, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.name_label = make_label(name, "subtitle", wrap=True)
        self.detail_label = make_label(detail, "hint", wrap=True)
        layout.addWidget(self.name_label)
        layout.addWidget(self.detail_label)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.code)
        super().mouseReleaseEvent(event)


class TapLabel(QLabel):
    """The hall title: tapping it ``taps`` times in ``span`` seconds opens the admin PIN."""

    tapped_enough = Signal()

    def __init__(self, taps: int = 5, span: float = 4.0, parent: QWidget | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(parent)
        self.taps, self.span = taps, span
        self.clock = clock or time.monotonic
        self._times: list[float] = []

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        now = self.clock()
        self._times = [t for t in self._times if now - t <= self.span] + [now]
        if len(self._times) >= self.taps:
            self._times.clear()
            self.tapped_enough.emit()
        super().mouseReleaseEvent(event)
