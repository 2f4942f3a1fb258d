"""Work lists: 差评 follow-ups to call back (with their deadline) and cases near or past
their deadline. A follow-up is closed here with a note (回访整改情况); a case's claim is given
back here, with a reason, when the approver holding it is away (释放认领). Read again on
the change feed, when shown, and on a timer while shown: a deadline passes with no event."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hallapp.services import backoffice, ratings, worklists
from hallapp.services.context import Ctx
from hallapp.ui.counter.base import make_button, make_label
from hallapp.ui.counter.dialogs import ReasonDialog, preset_pairs
from hallapp.ui.supervisor.base import SupervisorPanel, make_table
from hallapp.ui.supervisor.models import DueCaseModel, FollowupModel

# Stored in Chinese (the audit log, the case history), offered in the screen's language.
NOTE_PRESETS = ("已电话回访，致歉并说明情况",
                "已核实，对工作人员进行提醒教育",
                "已整改到位",
                "经核实为恶意差评，申诉成立")
RELEASE_PRESETS = ("审批人员请假，改派他人",
                   "审批人员外出，临近期限",
                   "审批人员已调岗")


class WorkListPanel(SupervisorPanel):
    def __init__(self, ctx: Ctx, refresh_ms: int = 15000,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.followups = FollowupModel(self)
        self.cases = DueCaseModel(self)
        self.followups_table = make_table(self.followups)
        self.cases_table = make_table(self.cases, stretch=1)
        self.close_button = make_button("", None, "closeFollowup")
        self.close_button.clicked.connect(self.close_selected)
        self.release_button = make_button("", None, "releaseClaim")
        self.release_button.clicked.connect(self.release_selected)
        self.followups_title = make_label("", "section")
        self.cases_title = make_label("", "section")
        self.status = make_label("", "hint", wrap=True)
        self.loaded, self._loading = False, False
        self.poller = QTimer(self)  # as the board: a case turns overdue at 18:00 unannounced
        self.poller.timeout.connect(self._on_poller_timeout)
        self.poller.start(refresh_ms)
        top = QHBoxLayout()
        top.addWidget(self.followups_title, 1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.followups_table, 1)
        cases_top = QHBoxLayout()
        cases_top.addWidget(self.cases_title, 1)
        cases_top.addWidget(self.release_button)
        layout.addLayout(cases_top)
        layout.addWidget(self.cases_table, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("办结回访…"))
        self.release_button.setText(self.tr("释放认领…"))
        self._titles()

    def _titles(self) -> None:
        open_n = sum(f.state != "closed" for f in self.followups.rows())
        # Cases, not rows: a case overdue on its decision and its 容缺 supplement is one case.
        overdue = len({c.number for c in self.cases.rows() if c.timeliness == "overdue"})
        self.followups_title.setText(self.tr("差评回访（未办结 {0} 件）").format(open_n))
        self.cases_title.setText(self.tr("临近期限与已逾期办件（逾期 {0} 件）").format(overdue))

    def _on_poller_timeout(self) -> None:
        if self.isVisible() and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        ctx, self._loading = self.ctx, True

        def load() -> tuple[Any, Any]:
            pending = [f for f in ratings.list_followups(ctx) if f.state != "closed"]
            return pending, worklists.due_cases(ctx)

        self.call(load, self._on_loaded, "supervisor: work lists", self._on_load_failed)

    def _on_load_failed(self, _exc: BaseException) -> None:
        self._loading = False

    def _on_loaded(self, result: tuple[Any, Any]) -> None:
        followups, cases = result
        self._loading = False
        self.followups.set_rows(list(followups))
        self.cases.set_rows(list(cases))
        self.loaded = True
        self._titles()

    def close_selected(self) -> None:
        rows = self.followups_table.selectionModel().selectedRows()
        if not rows:
            self.status.setText(self.tr("请先选择一条差评回访"))
            return
        f = self.followups.row(rows[0].row())
        note = ReasonDialog.ask(self, self.tr("办结差评回访"),
                                self.tr("填写回访与整改情况（记入审计日志）"),
                                preset_pairs("WorkListPanel", NOTE_PRESETS))
        if note is None:
            return
        ctx = self.ctx
        self.call(lambda: ratings.close_followup(ctx, f.id, note),
                  lambda _r: self.refresh(), "supervisor: close follow-up")

    def release_selected(self) -> None:
        """Give the selected case's claim back to its department (the approver is away)."""
        rows = self.cases_table.selectionModel().selectedRows()
        case = self.cases.row(rows[0].row()) if rows else None
        if case is None or not case.claimed_by:
            self.status.setText(self.tr("请先选择一件已有人认领的办件") if case is None
                                else self.tr("办件 {0} 无人认领，无需释放").format(case.number))
            return
        reason = ReasonDialog.ask(
            self, self.tr("释放认领"),
            self.tr("办件 {0} 由 {1} 认领审查。释放后退回本部门待审，其他审批人员可以认领"
                    "（记入审计日志）").format(case.number, case.claimed_by),
            preset_pairs("WorkListPanel", RELEASE_PRESETS))
        if reason is None:
            return
        ctx = self.ctx
        self.call(lambda: backoffice.release_claim(ctx, case.number, reason),
                  lambda _r: self._on_released(case.number), "supervisor: release claim")

    def _on_released(self, number: str) -> None:
        self.status.setText(self.tr("办件 {0} 已退回待审，其他审批人员可以认领").format(number))
        self.refresh()


# NOTE_PRESETS and RELEASE_PRESETS, literally, for pyside6-lupdate (shown via preset_pairs).
_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("WorkListPanel", "已电话回访，致歉并说明情况"),
    QT_TRANSLATE_NOOP("WorkListPanel", "已核实，对工作人员进行提醒教育"),
    QT_TRANSLATE_NOOP("WorkListPanel", "已整改到位"),
    QT_TRANSLATE_NOOP("WorkListPanel", "经核实为恶意差评，申诉成立"),
    QT_TRANSLATE_NOOP("WorkListPanel", "审批人员请假，改派他人"),
    QT_TRANSLATE_NOOP("WorkListPanel", "审批人员外出，临近期限"),
    QT_TRANSLATE_NOOP("WorkListPanel", "审批人员已调岗"),
)
