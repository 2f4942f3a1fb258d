"""The case the clerk looked up (查件), as the applicant at the window asks about it: the item,
the applicant in full (the clerk's own screen; lists mask the ID number), where it stands and
until when, what is still owed, the latest step with its opinion (a return's reason, what a
补正 asks for), and what the window can do for it now.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from hallapp.ui.common.errors import local_name
from hallapp.ui.common.labels import case_label
from hallapp.ui.common.visits import visits_text
from hallapp.ui.common.widgets import make_label

if TYPE_CHECKING:
    from hallapp.services.case_views import CaseDetail, CaseInfo

DELIVERABLE = ("result_ready",)


def can_take_up(case: CaseInfo) -> bool:
    """Waiting at the front desk: returned by the department, or opened and not decided."""
    return case.state == "received"


def take_up_notice(found: CaseDetail) -> str:
    """What the intake says of a case taken up: a returned one, why it came back."""
    number = found.case.number
    returns = [t.opinion for t in found.transitions
               if t.to_state == "received" and t.from_state is not None and t.opinion]
    if found.case.accepted_at is not None and returns:
        return QCoreApplication.translate(
            "CaseView", "已接手退回的办件 {0}（退回原因：{1}），请重新核验材料后作出收件决定"
        ).format(number, returns[-1])
    return QCoreApplication.translate(
        "CaseView", "已接手办件 {0}，请核验材料后作出收件决定").format(number)


class CaseView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.zone: ZoneInfo | None = None  # the hall's, once the window has read it
        self.detail: CaseDetail | None = None
        self.title = make_label("", "subtitle", wrap=True)
        self.body = make_label("", "caseDetail", wrap=True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.title, self.body):  # all its lines, the list above gives way
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.doable = make_label("", "notice", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        for label in (self.title, self.body, self.doable):
            layout.addWidget(label)
        self.show_detail(None)

    def show_detail(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        self.setVisible(detail is not None)
        if detail is None:
            for label in (self.title, self.body, self.doable):
                label.clear()
            return
        case = detail.case
        self.title.setText(self.tr("{0} · {1}").format(
            case.number, local_name(case.item_name, case.item_name_en)))
        self.body.setText("\n".join(line for line in self._lines(detail) if line))
        self.doable.setText(self.tr("可办理：{0}").format(self._actions(case)))

    def _lines(self, detail: CaseDetail) -> list[str]:
        case = detail.case
        who = self.tr("申请人：{0}　证件号码：{1}").format(case.applicant_name, case.applicant_id)
        if case.phone:
            who += self.tr("　电话：{0}").format(case.phone)
        state = self.tr("状态：{0}").format(case_label(case.state_label))
        if case.deadline is not None:
            state += self.tr("　办结期限：{0}").format(self._time(case.deadline))
            left = case.remaining_working_days
            if case.timeliness == "stopped":  # 补正 awaited, 特别程序: frozen as it stopped
                state += (self.tr("（计时暂停，剩 {0} 个工作日）").format(left)
                          if left is not None else self.tr("（计时暂停）"))
            elif left is not None:
                state += (self.tr("（剩 {0} 个工作日）") if left >= 0
                          else self.tr("（已超期 {0} 个工作日）")).format(abs(left))
        where = self.tr("收件：{0}，{1} 号窗口").format(
            self._time(case.received_at), case.window or "—")
        came = self.tr("到厅 {0} 次：{1}").format(
            case.visits, visits_text(detail.visits, lambda at: self._time(at, "%m-%d %H:%M")))
        owed = ""
        if case.owed:
            names = [local_name(m.name, m.name_en) for m in detail.materials if m.owed]
            owed = self.tr("容缺待补：{0}").format("、".join(names))
            if case.supplement_deadline is not None:
                owed += self.tr("（须于 {0} 前补交）").format(
                    self._time(case.supplement_deadline, "%Y-%m-%d"))
        return [who, state, where, came, owed, self._latest(detail)]

    def _latest(self, detail: CaseDetail) -> str:
        """The latest step that says something (a return's reason, a 补正's request)."""
        said = [t for t in detail.transitions if t.opinion]
        if not said:
            return ""
        step = said[-1]
        return self.tr("最近：{0} {1}：{2}").format(
            self._time(step.at), step.actor_name or step.actor, step.opinion)

    def _actions(self, case: CaseInfo) -> str:
        actions = []
        if can_take_up(case):
            actions.append(self.tr("接手办理（在收件页核验材料、重新作出收件决定）"))
        if case.owed:
            actions.append(self.tr("补齐容缺材料"))
        if case.state == "correction_requested":
            actions.append(self.tr("补正材料已提交"))
        if case.state in DELIVERABLE:
            actions.append(self.tr("窗口出件或快递送达"))
        return "；".join(actions) or self.tr("无须窗口办理，可告知申请人办理进度")

    def _time(self, at: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
        return f"{at.astimezone(self.zone):{fmt}}"

    def text(self) -> str:
        """All it says, for tests."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))
