"""My ticket (号票查询 · 过号重排): scan the ticket's QR code or type its number, see where it
stands, and re-join the line after a missed call.

The printed ticket says "扫码查看排队进度"; this page is where that scan lands (the home page
passes ticket scans on). A ticket passed as absent may re-join within the hall's
``noshow_reactivate_minutes`` (``tickets.reactivate``: behind the next few in line); the
applicant keeps the ticket in hand, so nothing is printed. Tickets can be looked up by a
typed number, so the page shows no personal data at all, not even masked.
"""

from __future__ import annotations

import string

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hallapp.services import tickets
from hallapp.services.queue_common import TicketInfo
from hallapp.services.tickets import TicketStatus
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.code_entry import CodeEntryPage
from hallapp.ui.kiosk.widgets import KioskEnv, make_button, spaced_number

KEYS = list(string.ascii_uppercase + string.digits)


class TicketStatusPage(CodeEntryPage):
    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        self.status: TicketStatus | None = None
        self.rejoined = False
        super().__init__(env, KEYS, 12, "statusSubmit", 60, parent)
        center = Qt.AlignmentFlag.AlignCenter
        self.heading = make_label("", "title", wrap=True, align=center)
        self.number = make_label("", "bigNumber", align=center)
        self.queue = make_label("", "resultQueue", wrap=True, align=center)
        self.state = make_label("", "waitInfo", wrap=True, align=center)
        self.hint = make_label("", "prompt", wrap=True, align=center)
        self.rejoin_button = make_button("", "queue", "rejoinButton")
        self.rejoin_button.setMinimumWidth(360)
        self.rejoin_button.clicked.connect(self.rejoin)
        self._build()
        self.retranslate()
        self.reset()

    def _build(self) -> None:
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.rejoin_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(12)
        for widget in self.question():
            layout.addWidget(widget)
        layout.addStretch(1)
        for widget in (self.heading, self.number, self.queue, self.state, self.hint):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.title.setText(self.tr("号票查询 · 过号重排"))
        self.prompt.setText(self.tr(
            "请将号票上的二维码对准扫描口，或输入号票上的号码（如 A018）后点击查询"))
        self.back_button.setText(self.tr("返回"))
        self.submit_button.setText(self.tr("查询"))
        self.rejoin_button.setText(self.tr("重新排队"))
        if self.status is not None:
            self._show_texts(self.status)

    # --- asking ----------------------------------------------------------------------------

    def reset(self) -> None:
        super().reset()
        self.status, self.rejoined = None, False
        self._asking(True)

    def _asking(self, asking: bool) -> None:
        """Show the question (field and keypad) or the answer (the ticket's state)."""
        question = (self.prompt, self.code, self.error, self.keypad, self.submit_button)
        answer = (self.number, self.queue, self.state, self.hint)
        # Hide before showing: both at once do not fit, and the window would grow to hold them.
        for widget in answer if asking else question:
            widget.hide()
        for widget in question if asking else answer:
            widget.show()
        # "已重新排队" only while the re-joined ticket waits: not above its call, or "已办结".
        waiting = self.status is not None and self.status.ticket.state == "waiting"
        self.heading.setVisible(not asking and self.rejoined and waiting)
        self.rejoin_button.setVisible(not asking and self._may_rejoin())
        self.submit_button.setEnabled(True)
        self.rejoin_button.setEnabled(True)

    def id_card_text(self) -> str:
        return self.tr("查询号票不用刷身份证：请扫描号票上的二维码，或输入号票上的号码")

    def submit(self, text: str | None = None) -> None:
        """Look up ``text`` (a scan passed on by the home page) or what the field holds."""
        value = self.entered(text, self.tr("请扫描号票二维码或输入号码"))
        if value is None:
            return
        self.submit_button.setEnabled(False)
        self.error.setText(self.tr("正在查询，请稍候……"))
        ctx = self.env.ctx
        self.call(lambda: tickets.find_ticket(ctx, value), self._on_status_loaded,
                  self._on_lookup_failed)

    def _on_status_loaded(self, status: TicketStatus) -> None:
        self.show_status(status)
        self.env.speak(self.tr("{number}，{state}").format(
            number=spaced_number(status.ticket.number), state=self.state.text()))

    def follow_feed(self) -> None:
        """Something changed in the hall: while the answer is shown, read the ticket again,
        so "前面 3 人" counts down (and "请到 5 号窗口" appears) as the applicant watches."""
        status = self.status
        if status is None:
            return
        ctx, ticket_id, rejoined = self.env.ctx, status.ticket.id, self.rejoined
        self.call(lambda: tickets.ticket_status(ctx, ticket_id),
                  lambda fresh: self._on_followed(ticket_id, fresh, rejoined),
                  lambda _exc: None)  # the next event, or the applicant, tries again

    def _on_followed(self, ticket_id: int, fresh: TicketStatus, rejoined: bool) -> None:
        if self.status is not None and self.status.ticket.id == ticket_id:
            self.show_status(fresh, rejoined=rejoined)

    def _on_lookup_failed(self, exc: BaseException) -> None:
        self.refuse(exc, "kiosk: ticket status")

    # --- the answer ------------------------------------------------------------------------

    def _may_rejoin(self) -> bool:
        return self.status is not None and self.status.reactivate_until is not None

    def rejoin(self) -> None:
        status = self.status
        if status is None:
            return
        self.rejoin_button.setEnabled(False)
        ctx, ticket_id = self.env.ctx, status.ticket.id
        self.call(lambda: tickets.reactivate(ctx, ticket_id), self._on_rejoined,
                  self._on_rejoin_failed)

    def _on_rejoined(self, ticket: TicketInfo) -> None:
        self.show_status(TicketStatus(ticket, None), rejoined=True)
        self.env.speak(self.tr("已重新排队，您的号码是{number}，前面还有{n}人").format(
            number=spaced_number(ticket.number), n=ticket.people_ahead))

    def _on_rejoin_failed(self, exc: BaseException) -> None:
        # Too late by now, or the ID took another ticket meanwhile: say why, offer nothing.
        self.status = None
        self.rejoin_button.hide()
        self.hint.setText(user_message(exc, "kiosk: reactivate"))

    def show_status(self, status: TicketStatus, *, rejoined: bool = False) -> None:
        """The answer: where the ticket stands (``rejoined``: it has just re-joined)."""
        self.status, self.rejoined = status, rejoined
        self._show_texts(status)
        self._asking(False)

    def _show_texts(self, status: TicketStatus) -> None:
        t = status.ticket
        self.heading.setText(self.tr("已重新排队，请凭原号票等候叫号"))
        self.number.setText(t.number)
        self.queue.setText(self.env.queue_name(t.queue, t.queue_name))
        self.state.setText(self.state_text(status))
        self.hint.setText(self.hint_text(status))

    def state_text(self, status: TicketStatus) -> str:
        t = status.ticket
        held = self.env.held_until(t)
        if held is not None:  # "前面还有 0 人" while others are called would mislead
            return self.tr("预约号：{time} 起优先叫号").format(time=held)
        if t.state == "waiting":
            return self.tr("等候中：前面还有 {n} 人，预计等候约 {m} 分钟").format(
                n=t.people_ahead, m=t.estimated_minutes)
        if t.state == "suspended" and t.window is None:
            return self.tr("已挂起，补齐材料后请联系工作人员")
        texts = {"called": self.tr("正在叫号，请到 {w} 号窗口"),
                 "serving": self.tr("正在 {w} 号窗口办理"),
                 "suspended": self.tr("已挂起，补齐材料后请到 {w} 号窗口"),
                 "done": self.tr("已办结"),
                 "no_show": self.tr("已过号")}
        # Otherwise abandoned at the day's end, or withdrawn because it was not printed.
        return texts.get(t.state, self.tr("本号已作废")).format(w=t.window)

    def hint_text(self, status: TicketStatus) -> str:
        t, until = status.ticket, status.reactivate_until
        if until is not None:
            return self.tr("{time} 前可点击“重新排队”，无需重新取号").format(
                time=self.env.hall_time(until))
        if t.state == "no_show":
            return self.tr("已超过可重新排队的时间，请重新取号")
        if t.state in ("abandoned", "cancelled"):
            return self.tr("请重新取号")
        if t.state == "suspended":
            return self.tr("无需重新取号，工作人员会为您恢复排队")
        return ""
