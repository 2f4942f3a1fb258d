"""Appointment check-in: scan the booking's QR code or type its 8-character code.

QR scanners type like keyboards ("HALLAPP:A:XXXXXXXX" then Enter), so the code field just
takes whatever arrives and submits on Enter. The appointment service accepts the code or
the QR payload; the ticket is printed like any other, and withdrawn if printing fails.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from hallapp.services.appointments import CODE_ALPHABET
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_label, set_invalid
from hallapp.ui.kiosk.flow import IssueOutcome, checkin_and_print
from hallapp.ui.kiosk.home import is_ticket_scan
from hallapp.ui.kiosk.widgets import (
    KeypadWidget,
    KioskEnv,
    KioskPage,
    make_button,
    refuse_code,
)


class CheckinPage(KioskPage):
    issued = Signal(object)  # IssueOutcome
    ticket_scanned = Signal(str)  # a queue ticket's QR code, scanned here by mistake

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.title = make_label("", "title")
        self.prompt = make_label("", "prompt", wrap=True)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(40)
        self.code.returnPressed.connect(self.submit)
        self.error = make_label("", "error", wrap=True)
        self.keypad = KeypadWidget(list(CODE_ALPHABET), 11, [self.code])
        self.back_button = make_button("", "secondary", "backButton")
        self.back_button.clicked.connect(self.home_requested)
        self.submit_button = make_button("", "queue", "checkinSubmit")
        self.submit_button.setMinimumWidth(360)
        self.submit_button.clicked.connect(self.submit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(12)
        for widget in (self.title, self.prompt, self.code, self.error, self.keypad):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("预约签到"))
        self.prompt.setText(self.tr("请将预约二维码对准扫描口，或输入 8 位预约码后点击签到"))
        self.back_button.setText(self.tr("返回"))
        self.submit_button.setText(self.tr("签到取号"))

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
        """Check in with ``text`` (a scan from elsewhere) or what the field holds."""
        value = (text if isinstance(text, str) else self.code.text()).strip()
        if not value:
            self.error.setText(self.tr("请扫描预约二维码或输入预约码"))
            return
        if is_ticket_scan(value):  # the ticket, not the booking: show where it stands
            self.reset()
            self.ticket_scanned.emit(value)
            return
        printer = self.env.printer
        if printer is None:
            self.error.setText(self.tr("取号机尚未就绪，请稍候"))
            return
        self.submit_button.setEnabled(False)
        self.error.setText(self.tr("正在签到，请稍候……"))
        ctx = self.env.ctx
        self.call(lambda: checkin_and_print(ctx, printer, value), self._on_checkin_finished,
                  self._on_checkin_failed)

    def _on_checkin_finished(self, outcome: IssueOutcome) -> None:
        self.reset()
        self.issued.emit(outcome)

    def _on_checkin_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        refuse_code(self.code, self.error, user_message(exc, "kiosk: check-in"))
