"""The base of the kiosk pages that ask for a code: 预约签到 (a booking code) and 号票查询 (a
ticket number). A QR scanner types like a keyboard and presses Enter, so the field takes
whatever arrives and submits on Enter; the on-screen keys type into it too.

Each page sets the texts (in its own translation context) and says what a code does
(``submit``); the base builds the field, its keys, the error line under it and the two
buttons, and keeps a refused code in the field (``refuse``). An ID card read into the field
(the reader types into whatever has the focus) is dropped at once, never looked up or shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QWidget

from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_label, set_invalid
from hallapp.ui.kiosk.widgets import (
    KeypadWidget,
    KioskEnv,
    KioskPage,
    is_id_card,
    make_button,
)


class CodeEntryPage(KioskPage):
    def __init__(self, env: KioskEnv, keys: Sequence[str], columns: int, submit_name: str,
                 max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.title = make_label("", "title")
        self.prompt = make_label("", "prompt", wrap=True)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(max_length)
        self.code.returnPressed.connect(self.submit)
        self.error = make_label("", "error", wrap=True)
        self.keypad = KeypadWidget(list(keys), columns, [self.code])
        self.back_button = make_button("", "secondary", "backButton")
        self.back_button.clicked.connect(self.home_requested)
        self.submit_button = make_button("", "queue", submit_name)
        self.submit_button.setMinimumWidth(360)
        self.submit_button.clicked.connect(self.submit)

    def question(self) -> tuple[QWidget, ...]:
        """The widgets that ask, top to bottom (the buttons go at the foot of the page)."""
        return (self.title, self.prompt, self.code, self.error, self.keypad)

    def enter(self) -> None:
        self.reset()
        self.code.setFocus()
        self.env.speak(self.prompt.text())

    def reset(self) -> None:
        self.code.clear()
        self.error.clear()
        set_invalid(self.code, False)
        self.submit_button.setEnabled(True)

    def submit(self, text: str | None = None) -> None:
        """Act on ``text`` (a scan passed on from elsewhere) or on what the field holds."""

    def entered(self, text: str | None, missing: str) -> str | None:
        """The code to act on; None, with ``missing`` under the field, when there is none,
        or with ``id_card_text()`` when it is an ID number (the field is emptied)."""
        value = (text if isinstance(text, str) else self.code.text()).strip()
        if value and is_id_card(value):
            self.code.clear()
            value, missing = "", self.id_card_text()
        if not value:
            self.error.setText(missing)
            set_invalid(self.code, True)
            return None
        return value

    def id_card_text(self) -> str:
        """What to say when an ID card was read into the field instead of a code."""
        return ""

    def refuse(self, exc: BaseException, where: str) -> None:
        """The service refused the code: why, under the field. What was typed stays, selected,
        so it can be corrected, and a new scan or key replaces it."""
        self.submit_button.setEnabled(True)
        self.code.selectAll()
        set_invalid(self.code, True)
        self.error.setText(user_message(exc, where))
        self.code.setFocus()
