"""Appointment check-in: scan the booking's QR code or type its 8-character code.

The appointment service accepts the code or the QR payload ("HALLAPP:A:XXXXXXXX"); the
ticket is printed like any other, and withdrawn if printing fails. A queue ticket scanned
here goes to its status page instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hallapp.services.appointments import CODE_ALPHABET
from hallapp.ui.common.errors import screen_lang
from hallapp.ui.kiosk.code_entry import CodeEntryPage
from hallapp.ui.kiosk.flow import IssueOutcome, checkin_and_print
from hallapp.ui.kiosk.home import is_ticket_scan
from hallapp.ui.kiosk.widgets import KioskEnv


class CheckinPage(CodeEntryPage):
    issued = Signal(object)  # IssueOutcome
    ticket_scanned = Signal(str)  # a queue ticket's QR code, scanned here by mistake

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, CODE_ALPHABET, 11, "checkinSubmit", 40, parent)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(12)
        for widget in self.question():
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("预约签到"))
        self.prompt.setText(self.tr("请将预约二维码对准扫描口，或输入 8 位预约码后点击签到"))
        self.back_button.setText(self.tr("返回"))
        self.submit_button.setText(self.tr("签到取号"))

    def id_card_text(self) -> str:
        return self.tr("预约签到不用刷身份证：请扫描预约二维码，或输入 8 位预约码")

    def submit(self, text: str | None = None) -> None:
        """Check in with ``text`` (a scan from elsewhere) or what the field holds."""
        value = self.entered(text, self.tr("请扫描预约二维码或输入预约码"))
        if value is None:
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
        ctx, lang = self.env.ctx, screen_lang()  # the ticket's language
        self.call(lambda: checkin_and_print(ctx, printer, value, lang),
                  self._on_checkin_finished, self._on_checkin_failed)

    def _on_checkin_finished(self, outcome: IssueOutcome) -> None:
        self.reset()
        self.issued.emit(outcome)

    def _on_checkin_failed(self, exc: BaseException) -> None:
        self.refuse(exc, "kiosk: check-in")
