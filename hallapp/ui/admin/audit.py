"""审计日志: browse the audit log (newest first, filtered by object and number) and verify
its hash chain; a broken chain names the row where it breaks.

The list reloads when the tab is shown after feed events, not on every event: a busy hall
writes many rows and the admin reads them on demand.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.audit_chain import ChainProblem
from hallapp.core.audit_labels import ENTITY_LABELS
from hallapp.services.audit import AuditReport, AuditRow, list_audit, verify_audit
from hallapp.ui.admin.base import AdminEnv, AdminPanel
from hallapp.ui.admin.models import AuditTableModel
from hallapp.ui.admin.queues import table_view
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.labels import audit_entity_label
from hallapp.ui.common.widgets import make_button, make_label, repolish


class AuditPage(AdminPanel):
    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = AuditTableModel(env, self)
        self.stale = False
        self.entity = QComboBox()
        self.entity.addItem(self.tr("全部对象"), "")
        for code in ENTITY_LABELS:
            self.entity.addItem(audit_entity_label(code), code)
        self.entity_id = QLineEdit()
        self.entity_id.setPlaceholderText(self.tr("对象编号（如事项编码、账号 ID）"))
        self.limit = QSpinBox()
        self.limit.setRange(10, 5000)
        self.limit.setValue(200)
        self.limit.setSuffix(self.tr(" 条"))
        self.result = make_label("", "verify", wrap=True)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self._build()

    def _build(self) -> None:
        search = make_button(self.tr("查询"), "secondary", "searchAudit")
        search.clicked.connect(self.refresh)
        self.entity_id.returnPressed.connect(self.refresh)
        self.verify_button = make_button(self.tr("校验日志完整性"), name="verifyAudit")
        self.verify_button.clicked.connect(self.verify)
        filters = QHBoxLayout()
        filters.addWidget(make_label(self.tr("对象")))
        filters.addWidget(self.entity)
        filters.addWidget(self.entity_id, 1)
        filters.addWidget(make_label(self.tr("最近")))
        filters.addWidget(self.limit)
        filters.addWidget(search)
        filters.addWidget(self.verify_button)
        self.table = table_view(self.model, "entity_id")
        self.table.clicked.connect(self._on_table_clicked)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.result)
        layout.addWidget(splitter, 1)

    def filters(self) -> dict[str, Any]:
        return {"limit": self.limit.value(), "entity": self.entity.currentData() or None,
                "entity_id": self.entity_id.text().strip() or None}

    def refresh(self) -> None:
        ctx, filters = self.env.ctx, self.filters()
        self.stale = False
        self.call(lambda: list_audit(ctx, **filters), self.model.set_rows, self._on_failed)

    def on_feed(self, _payloads: list[dict[str, Any]]) -> None:
        """New rows exist; reload now if the tab is shown, else when it is next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def verify(self) -> None:
        ctx = self.env.ctx
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("正在校验…"))
        self.call(lambda: verify_audit(ctx), self._on_verified, self._on_failed)

    def _on_verified(self, report: AuditReport) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            text = self.tr("校验通过：%n 条记录，哈希链完整，未发现改动", "", report.entries)
        else:
            first = report.problems[0]
            text = self.tr("校验失败：第 {0} 条记录 {1}（共发现 {2} 处问题，已检查 {3} 条）")
            text = text.format(first.entry_id, self._problem_text(first), len(report.problems),
                               report.entries)
        self.result.setText(text)
        repolish(self.result, ok="true" if report.ok else "false")

    def _problem_text(self, problem: ChainProblem) -> str:
        """What is wrong with an entry, in the screen's language (the report's is Chinese)."""
        texts = {
            "missing_entry": self.tr("缺少第 {0} 条记录（删除或插入）"),
            "prev_hash_mismatch": self.tr("前一条哈希不符（记录被改动或插入）"),
            "hash_mismatch": self.tr("内容与哈希不符（记录被改动）"),
            "tail_missing": self.tr("日志末尾记录缺失（与链头序号不符）"),
            "head_hash_mismatch": self.tr("链头哈希不符"),
        }
        text = texts.get(problem.code)
        return problem.problem if text is None else text.format(problem.entry_id)

    def _on_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.result.setText(user_message(exc, "audit"))
        repolish(self.result, ok="false")

    def _on_table_clicked(self, index: QModelIndex) -> None:
        row: AuditRow = self.model.row(index.row())
        self.detail.setPlainText(self.tr("修改前：\n{0}\n\n修改后：\n{1}").format(
            _pretty(row.before), _pretty(row.after)))


def _pretty(value: Any) -> str:
    if value is None:
        return "—"
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
