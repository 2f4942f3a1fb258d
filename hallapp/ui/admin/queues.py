"""队列: queues (prefix, daily and time-slot quotas, target wait) and departments.

A queue is saved with ``admin.save_queue``, which applies the catalogue import's rules and
messages (prefix of 1–2 capital letters not used by another queue, quotas, "09:00"–"12:00"
slots); the message appears under the field it names. A queue chosen in the list is
deactivated (no new tickets or bookings; those waiting are still called) or activated again
with ``queue_admin.set_queue_active``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.services import admin, queue_admin
from hallapp.services.catalogue import export_catalogue
from hallapp.services.hall import list_queues
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, Column, EditableRowsModel
from hallapp.ui.admin.models import DepartmentTableModel, QueueTableModel
from hallapp.ui.common.widgets import make_button, make_label

SLOT_COLUMNS = (Column("start", QT_TRANSLATE_NOOP("Admin", "开始")),
                Column("end", QT_TRANSLATE_NOOP("Admin", "结束")),
                Column("quota", QT_TRANSLATE_NOOP("Admin", "限额"), "int"))


def table_view(model: Any, stretch: str | None = None) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(model.column(stretch), QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


class QueuePage(AdminPanel):
    FEED_KINDS = ("catalogue_changed",)

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model, self.dept_model = QueueTableModel(env, self), DepartmentTableModel(env, self)
        self.slots = EditableRowsModel(SLOT_COLUMNS, self)
        self.error, self.dept_error = make_label("", "error", wrap=True), make_label(
            "", "error", wrap=True)
        self.errors, self.dept_errors = FieldErrors(self.error), FieldErrors(self.dept_error)
        self.status = make_label("", "result", wrap=True)
        self.edits = {n: QLineEdit() for n in ("code", "name", "name_en", "prefix",
                                               "category", "daily_quota")}
        self.edits["daily_quota"].setPlaceholderText(self.tr("留空为不限"))
        self.target = QSpinBox()
        self.target.setRange(0, 9999)
        self.dept_edits = {n: QLineEdit() for n in ("code", "name", "name_en")}
        self.dept_status = make_label("", "result", wrap=True)
        self.chosen: str | None = None  # the queue chosen in the list (its code)
        layout = QHBoxLayout(self)
        layout.addWidget(self._queue_box(), 3)
        layout.addWidget(self._dept_box(), 2)
        self.clear_form()

    def _queue_box(self) -> QWidget:
        self.table = table_view(self.model, "time_quotas")
        self.table.clicked.connect(self._on_table_clicked)
        form = QFormLayout()
        labels = {"code": self.tr("队列编码"), "name": self.tr("队列名称"),
                  "name_en": self.tr("英文名称"), "prefix": self.tr("号码前缀"),
                  "category": self.tr("类别"), "daily_quota": self.tr("每日限额")}
        for name, edit in self.edits.items():
            form.addRow(labels[name], self.errors.add(name, edit))
        form.addRow(self.tr("目标等候（分钟）"),
                    self.errors.add("target_wait_minutes", self.target))
        self.slot_table = QTableView()
        self.slot_table.setModel(self.slots)
        self.slot_table.horizontalHeader().setStretchLastSection(True)
        self.slot_table.setMaximumHeight(150)
        add, remove = make_button(self.tr("添加时段"), "secondary"), make_button(
            self.tr("删除时段"), "secondary")
        add.clicked.connect(lambda: self.slots.add_row({"start": "09:00", "end": "12:00"}))
        remove.clicked.connect(self._on_remove_slot_clicked)
        slot_buttons = QHBoxLayout()
        slot_buttons.addWidget(add)
        slot_buttons.addWidget(remove)
        slot_buttons.addStretch(1)
        slots = QWidget()
        slot_col = QVBoxLayout(slots)
        slot_col.setContentsMargins(0, 0, 0, 0)
        slot_col.addWidget(self.slot_table)
        slot_col.addLayout(slot_buttons)
        form.addRow(self.tr("分时段限额"), self.errors.add("time_quotas", slots, SLOT_COLUMNS))
        new, save = make_button(self.tr("新建队列"), "secondary"), make_button(
            self.tr("保存队列"), name="saveQueue")
        new.clicked.connect(self.clear_form)
        save.clicked.connect(self.save)
        self.active_button = make_button(self.tr("停用队列"), "danger", "toggleQueue")
        self.active_button.setEnabled(False)
        self.active_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.active_button)
        buttons.addWidget(new)
        buttons.addWidget(save)
        box = QGroupBox(self.tr("取号队列"))
        col = QVBoxLayout(box)
        col.addWidget(self.table, 1)
        col.addLayout(form)
        col.addWidget(self.error)
        col.addLayout(buttons)
        return box

    def _dept_box(self) -> QWidget:
        self.dept_table = table_view(self.dept_model, "name")
        self.dept_table.clicked.connect(self._on_dept_table_clicked)
        form = QFormLayout()
        form.addRow(self.tr("部门编码"), self.dept_errors.add("code", self.dept_edits["code"]))
        form.addRow(self.tr("部门名称"), self.dept_errors.add("name", self.dept_edits["name"]))
        form.addRow(self.tr("英文名称"), self.dept_errors.add("name_en",
                                                          self.dept_edits["name_en"]))
        save = make_button(self.tr("保存部门"), name="saveDepartment")
        save.clicked.connect(self.save_department)
        box = QGroupBox(self.tr("实施部门"))
        col = QVBoxLayout(box)
        col.addWidget(self.dept_table, 1)
        col.addLayout(form)
        col.addWidget(self.dept_error)
        row = QHBoxLayout()
        row.addWidget(self.dept_status, 1)
        row.addWidget(save)
        col.addLayout(row)
        return box

    def refresh(self) -> None:
        ctx = self.env.ctx
        self.call(lambda: (export_catalogue(ctx),
                           {q.code: q.active for q in list_queues(ctx)}),
                  lambda loaded: self._on_loaded(*loaded), self.errors.show)

    def _on_loaded(self, doc: dict[str, Any], active: dict[str, bool]) -> None:
        # Whether each queue takes tickets: not in the exchange format, from list_queues.
        self.model.set_rows([{**q, "active": active.get(q["code"], True)}
                             for q in doc["queues"]])
        self._update_active_button()
        self.dept_model.set_rows(doc["departments"])

    def show_queue(self, q: dict[str, Any]) -> None:
        self.errors.clear()
        for name, edit in self.edits.items():
            value = q.get(name)
            edit.setText("" if value is None else str(value))
        self.target.setValue(int(q.get("target_wait_minutes") or 20))
        self.slots.set_rows(q.get("time_quotas") or [])

    def clear_form(self) -> None:
        self.show_queue({})
        self.status.setText("")
        self.table.clearSelection()
        self.chosen = None
        self.edits["code"].setReadOnly(False)
        self._update_active_button()

    def _chosen_row(self) -> dict[str, Any] | None:
        return next((r for r in self.model.rows() if r["code"] == self.chosen), None)

    def _update_active_button(self) -> None:
        row = self._chosen_row()
        self.active_button.setEnabled(row is not None)
        active = row is None or row.get("active", True)
        self.active_button.setText(self.tr("停用队列") if active else self.tr("启用队列"))

    def toggle_active(self) -> None:
        """Deactivate the chosen queue, or activate it again."""
        row, ctx = self._chosen_row(), self.env.ctx
        if row is None:
            return
        code, active = row["code"], not row.get("active", True)
        self.errors.clear()
        self.call(lambda: queue_admin.set_queue_active(ctx, code, active),
                  self._on_active_set, self.errors.show)

    def _on_active_set(self, done: queue_admin.QueueActive) -> None:
        if done.active:
            self.status.setText(self.tr("队列 {0} 已重新启用").format(done.code))
        else:
            self.status.setText(self.tr("队列 {0} 已停用：不再取号、预约；"
                                        "已在等候的 {1} 个号照常叫号")
                                .format(done.code, done.waiting))
        self.refresh()

    def record(self) -> dict[str, Any]:
        raw: dict[str, Any] = {n: e.text().strip() or None for n, e in self.edits.items()}
        quota = raw["daily_quota"]
        raw["daily_quota"] = int(quota) if quota and quota.isdecimal() else quota
        raw["target_wait_minutes"] = self.target.value()
        raw["time_quotas"] = self.slots.rows()
        return raw

    def save(self) -> None:
        raw, ctx = self.record(), self.env.ctx
        self.errors.clear()
        code = (raw["code"] or "").upper()
        if code != (self.chosen or "").upper() and any(
                str(r["code"]).upper() == code for r in self.model.rows()):
            # a new queue given a code in use was saved over that queue, unasked
            self.errors.show_at("code", self.tr(
                "队列 {0} 已存在：要修改它，请在左侧列表中选中；新建队列请换一个编码"
            ).format(code))
            self.status.setText("")
            return
        self.call(lambda: admin.save_queue(ctx, raw), self._on_saved, self.errors.show)

    def _on_saved(self, parsed: dict[str, Any]) -> None:
        self.chosen = parsed["code"]  # saved again, it is this queue
        self.edits["code"].setReadOnly(True)
        self.status.setText(self.tr("队列 {0} 已保存").format(parsed["code"]))
        self.show_queue(parsed)
        self.refresh()

    def save_department(self) -> None:
        code, name, name_en = (self.dept_edits[n].text() for n in ("code", "name", "name_en"))
        ctx = self.env.ctx
        self.dept_errors.clear()
        self.dept_status.setText("")
        self.call(lambda: admin.save_department(ctx, code, name, name_en),
                  lambda _r: self._on_department_saved(code), self.dept_errors.show)

    def _on_department_saved(self, code: str) -> None:
        self.dept_status.setText(self.tr("部门 {0} 已保存").format(code.strip()))
        self.refresh()

    def _on_table_clicked(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        self.chosen = row["code"]
        self.show_queue(row)
        self.edits["code"].setReadOnly(True)  # its code is which queue it is
        self._update_active_button()

    def _on_dept_table_clicked(self, index: QModelIndex) -> None:
        row = self.dept_model.row(index.row())
        for name, edit in self.dept_edits.items():
            edit.setText(row.get(name) or "")

    def _on_remove_slot_clicked(self) -> None:
        index = self.slot_table.currentIndex()
        if index.isValid():
            self.slots.remove_row(index.row())
