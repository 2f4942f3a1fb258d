"""The number, very large, with people ahead and the expected wait — or why there is none.

Only masked personal data appears here (4403**********1234): the screen faces the hall. If
the ticket could not be printed it was withdrawn, and the page says so instead of showing a
number nobody holds on paper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.flow import IssueOutcome
from hallapp.ui.kiosk.widgets import KioskEnv, KioskPage, make_button, spaced_number


class ResultPage(KioskPage):
    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.outcome: IssueOutcome | None = None
        center = Qt.AlignmentFlag.AlignCenter
        self.heading = make_label("", "title", wrap=True, align=center)
        self.failure = make_label("", "failure", wrap=True, align=center)
        self.number = make_label("", "bigNumber", align=center)
        self.queue = make_label("", "resultQueue", wrap=True, align=center)
        self.wait = make_label("", "waitInfo", wrap=True, align=center)
        self.person = make_label("", "subtitle", align=center)
        self.hint = make_label("", "prompt", wrap=True, align=center)
        self.done_button = make_button("", "queue", "doneButton")
        self.done_button.setMinimumWidth(360)
        self.done_button.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addStretch(1)
        for widget in (self.heading, self.failure, self.number, self.queue, self.wait,
                       self.person, self.hint):
            layout.addWidget(widget)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.done_button.setText(self.tr("完成"))
        if self.outcome is not None:
            self.show_outcome(self.outcome, speak=False)

    def show_outcome(self, outcome: IssueOutcome, *, speak: bool = True) -> None:
        self.outcome = outcome
        failed = outcome.failed
        for widget in (self.heading, self.number, self.queue, self.wait, self.person):
            widget.setVisible(not failed)
        self.failure.setVisible(failed)
        if failed:
            self._show_failure(outcome)
        else:
            self._show_ticket(outcome)
        if speak:
            self.env.speak(self.spoken(outcome))

    def _show_failure(self, outcome: IssueOutcome) -> None:
        self.failure.setText(self.tr("打印失败，未出号，请联系工作人员"))
        # The printer's refusal in the screen's language (it was stored in Chinese).
        problem = user_message(outcome.error) if outcome.error else outcome.problem
        self.hint.setText(self.tr("原因：{problem}").format(problem=problem or ""))

    def _show_ticket(self, outcome: IssueOutcome) -> None:
        t = outcome.ticket
        self.heading.setText(self._heading(outcome))
        self.number.setText(t.number)
        self.queue.setText(self.env.queue_name(t.queue, t.queue_name))
        self.wait.setText(self.wait_text(outcome))
        masked = t.id_number_masked or t.phone_masked
        self.person.setText(masked)
        self.person.setVisible(bool(masked))
        late = self.tr("您已超过预约签到时间，按普通号排队。") if t.late_checkin else ""
        self.hint.setText(late + self._noshow_hint())

    def _heading(self, outcome: IssueOutcome) -> str:
        if outcome.ticket.precedence_given:  # the booking went to the ticket already held
            return self.tr("已为您现有的 {number} 号登记预约优先").format(
                number=outcome.ticket.number)
        if outcome.existing:
            return self.tr("您已取过号，请凭原号票等候叫号")
        return self.tr("取号成功，请取走号票")

    def wait_text(self, outcome: IssueOutcome) -> str:
        t, held = outcome.ticket, self.env.held_until(outcome.ticket)
        if held is not None and t.precedence_given:  # called from its own place until then
            return self.tr("{time} 起优先叫号，此前按原号顺序叫号").format(time=held)
        if held is not None:  # an early check-in: "0 ahead, about 0 min" would mislead
            return self.tr("预约号：{time} 起优先叫号").format(time=held)
        return self.tr("前面还有 {n} 人，预计等候约 {m} 分钟").format(
            n=t.people_ahead, m=t.estimated_minutes)

    def _noshow_hint(self) -> str:
        hall = self.env.hall
        minutes = int(hall.setting("noshow_reactivate_minutes")) if hall else 0
        if not minutes:
            return self.tr("请留意叫号屏幕和语音提示，过号需重新取号")
        return self.tr("请留意叫号屏幕和语音提示；过号后 {m} 分钟内可在本机“号票查询”重新排队"
                       ).format(m=minutes)

    def spoken(self, outcome: IssueOutcome) -> str:
        if outcome.failed:
            return self.tr("打印失败，未出号，请联系工作人员")
        t = outcome.ticket
        first = (self.tr("已为您现有的号登记预约优先") if t.precedence_given
                 else self.tr("您已取过号") if outcome.existing else self.tr("取号成功"))
        held = self.env.held_until(t)
        if held is not None:
            return self.tr("{first}，您的号码是{number}，{time}起优先叫号").format(
                first=first, number=spaced_number(t.number), time=held)
        return self.tr("{first}，您的号码是{number}，前面还有{n}人").format(
            first=first, number=spaced_number(t.number), n=t.people_ahead)
