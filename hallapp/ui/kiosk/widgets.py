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
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

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

from hallapp.services.context import Ctx
from hallapp.services.hall import HallInfo
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.panel import ServicePanel
from hallapp.ui.common.printer_api import TicketPrinter
from hallapp.ui.common.widgets import make_button as common_button
from hallapp.ui.common.widgets import make_label

if TYPE_CHECKING:
    from hallapp.services.day import QueueStatus
    from hallapp.services.queue_common import TicketInfo
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
    queues: list[QueueStatus] = field(default_factory=list)  # as the home page last read them

    def queue_name(self, code: str, fallback: str) -> str:
        """Queue ``code``'s name in this screen's language (``fallback`` if it is unknown)."""
        queue = next((q for q in self.queues if q.code == code), None)
        return fallback if queue is None else local_name(queue.name, queue.name_en)

    def hall_time(self, at: datetime) -> str:
        """``at`` on the hall's clock, as "HH:MM"."""
        zone = ZoneInfo(self.hall.timezone) if self.hall else None
        return at.astimezone(zone).strftime("%H:%M")

    def held_until(self, ticket: TicketInfo) -> str | None:
        """"HH:MM" for an appointment checked in before its slot (called with priority from
        then, see ``TicketInfo.held_until``); None for any other ticket."""
        start = ticket.held_until(self.ctx.clock())
        return None if start is None else self.hall_time(start)

    def speak(self, text: str) -> None:
        """Spoken prompts are for elder mode only; a broken voice never stops the kiosk."""
        if self.elder:
            with contextlib.suppress(Exception):
                self.speaker(text)


class KioskPage(ServicePanel):
    home_requested = Signal()
    # a lost database goes to the window's offline page only, never to the page's error slot
    CONNECTION_ERRORS_TO_CALLER = False

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env

    def reset(self) -> None:
        """Forget what the last applicant typed (idle timeout, back to home)."""

    def set_elder(self, on: bool) -> None:
        """Show only what an elderly applicant needs."""

    def set_hall(self, hall: HallInfo) -> None:
        """The hall has been read again (a page built later finds it in ``env.hall``)."""


def spaced_number(number: str) -> str:
    """A ticket number as a prompt speaks it: character by character ("A 0 1 5"), so the
    voice says "A zero one five", not "A zero fifteen" (as the call display's English call does)."""
    return " ".join(number)


def is_id_card(text: str) -> bool:
    """Whether ``text`` is an ID number, as the card reader types it into the focused field
    (a search box, a code field): such a field must drop it, never show or echo it."""
    from hallapp.core.identity import is_id_number  # not before the first frame

    return is_id_number(text)


def make_button(text: str = "", kind: str | None = None, name: str | None = None, *,
                wrap: bool = False) -> QPushButton:
    """The shared button that never takes the focus (touch screen: fields keep it);
    ``wrap``: it breaks its text between words to fit its width."""
    button = common_button(text, kind, name, wrap=wrap)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


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
