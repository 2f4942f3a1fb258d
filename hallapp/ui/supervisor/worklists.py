"""Work lists: 差评 follow-ups to call back (with their deadline) and cases near or past
their deadline. A follow-up is closed here with a note (回访整改情况)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hallapp.services import ratings, worklists
from hallapp.services.context import Ctx
from hallapp.ui.counter.base import make_button, make_label
from hallapp.ui.counter.dialogs import ReasonDialog
from hallapp.ui.supervisor.base import SupervisorPanel, make_table
from hallapp.ui.supervisor.models import DueCaseModel, FollowupModel

NOTE_PRESETS = ("已电话回访，致歉并说明情况", "已核实，对工作人员进行提醒教育", "已整改到位",
                "经核实为恶意差评，申诉成立")


class WorkListPanel(SupervisorPanel):
    def __init__(self, ctx: Ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.followups = FollowupModel(self)
        self.cases = DueCaseModel(self)
        self.followups_table = make_table(self.followups)
        self.cases_table = make_table(self.cases, stretch=1)
        self.close_button = make_button("", None, "closeFollowup")
        self.close_button.clicked.connect(self.close_selected)
        self.followups_title = make_label("", "section")
        self.cases_title = make_label("", "section")
        self.status = make_label("", "hint", wrap=True)
        self.loaded = False
        top = QHBoxLayout()
        top.addWidget(self.followups_title, 1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.followups_table, 1)
        layout.addWidget(self.cases_title)
        layout.addWidget(self.cases_table, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setText(self.tr("办结回访…"))
        self._titles()

    def _titles(self) -> None:
        open_n = sum(f.state != "closed" for f in self.followups.rows())
        overdue = sum(c.timeliness == "overdue" for c in self.cases.rows())
        self.followups_title.setText(self.tr("差评回访（未办结 {0} 件）").format(open_n))
        self.cases_title.setText(self.tr("临近期限与已逾期办件（逾期 {0} 件）").format(overdue))

    def refresh(self) -> None:
        ctx = self.ctx

        def load() -> tuple[Any, Any]:
            pending = [f for f in ratings.list_followups(ctx) if f.state != "closed"]
            return pending, worklists.due_cases(ctx)

        self.call(load, self._on_loaded, "supervisor: work lists")

    def _on_loaded(self, result: tuple[Any, Any]) -> None:
        followups, cases = result
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
                                self.tr("填写回访与整改情况（记入审计日志）"), NOTE_PRESETS)
        if note is None:
            return
        ctx = self.ctx
        self.call(lambda: ratings.close_followup(ctx, f.id, note),
                  lambda _r: self.refresh(), "supervisor: close follow-up")
