"""事项目录: the item list with search, the item editor, catalogue import and export.

Import and export use the exchange format of ``docs/catalogue-format.md`` as JSON or XLSX
(chosen by the file's extension); an import is all-or-nothing and its refusal names the
sheet, row and field, shown under the list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.errors import ValidationError
from hallapp.services.catalogue import ImportResult, export_catalogue, import_catalogue, list_items
from hallapp.services.input_file import read_file, read_text
from hallapp.ui.admin.base import AdminEnv, AdminPanel
from hallapp.ui.admin.dialogs import OpenFileDialog, SaveFileDialog
from hallapp.ui.admin.item_editor import ItemEditor
from hallapp.ui.admin.models import ItemListModel
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_button, make_label, restyle

FILTERS = "JSON (*.json);;Excel (*.xlsx)"


def read_catalogue(path: Path) -> dict[str, Any]:
    """A catalogue file as a document; a broken file is a ValidationError, not a crash."""
    if path.suffix.lower() == ".xlsx":
        from hallapp.services.catalogue_xlsx import from_xlsx  # openpyxl: only for Excel

        return from_xlsx(read_file(path))
    try:
        doc = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        message = QCoreApplication.translate("Admin", "JSON 格式错误：{0}").format(exc)
        raise ValidationError(message, field="file") from None
    if not isinstance(doc, dict):
        raise ValidationError(QCoreApplication.translate("Admin", "JSON 顶层应为对象"),
                              field="file")
    return doc


def write_catalogue(doc: dict[str, Any], path: Path) -> int:
    if path.suffix.lower() == ".xlsx":
        from hallapp.services.catalogue_xlsx import to_xlsx  # openpyxl: only for Excel

        path.write_bytes(to_xlsx(doc))
    else:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(doc.get("items") or [])


class CataloguePage(AdminPanel):
    FEED_KINDS = ("catalogue_changed",)

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = ItemListModel(env, self)
        self.editor = ItemEditor(env)
        self.editor.item_saved.connect(self._on_editor_item_saved)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按事项名称或编码搜索"))
        self.search.returnPressed.connect(self.refresh)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.show_withdrawn = QCheckBox(self.tr("已停用的事项"))
        self.show_withdrawn.setToolTip(self.tr("列出已停用的事项，可打开后恢复"))
        self.show_withdrawn.toggled.connect(self._on_show_withdrawn_toggled)
        self.message = make_label("", "error", wrap=True)
        self.departments: list[dict[str, Any]] = []
        self.queues: list[dict[str, Any]] = []
        self._build()

    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("itemTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.column("name"), QHeaderView.ResizeMode.Stretch)
        for name in ("department", "handling_type", "materials"):  # in the editor; room
            self.table.setColumnHidden(self.model.column(name), True)
        self.table.clicked.connect(self._on_table_clicked)
        new, imp, exp = (make_button(self.tr("新建事项"), "secondary"),
                         make_button(self.tr("导入…"), "secondary"),
                         make_button(self.tr("导出…"), "secondary"))
        new.clicked.connect(self._on_new_clicked)
        imp.clicked.connect(self.import_file)
        exp.clicked.connect(self.export_file)
        buttons = QHBoxLayout()
        for b in (new, imp, exp):
            buttons.addWidget(b)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_withdrawn)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def resizeEvent(self, event: Any) -> None:
        """Give the list two fifths of the width once; afterwards the admin's split stays."""
        super().resizeEvent(event)
        if not self._sized and self.isVisible():
            self._sized = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 2 // 5, width - width * 2 // 5])

    def refresh(self) -> None:
        ctx, query = self.env.ctx, self.search.text().strip() or None
        withdrawn = self.show_withdrawn.isChecked()

        def load() -> tuple[list[Any], dict[str, Any]]:
            return list_items(ctx, query, withdrawn=withdrawn), export_catalogue(ctx)

        self.call(load, self._on_loaded, self._show_message)

    def _on_loaded(self, result: tuple[list[Any], dict[str, Any]]) -> None:
        items, doc = result
        self.model.set_rows(items)
        self.departments, self.queues = doc["departments"], doc["queues"]
        self.editor.form.set_choices(self.departments, self.queues)
        if self.editor.code is not None:
            n = self.model.find(self.editor.code)
            if n >= 0:
                self.table.selectRow(n)

    def on_feed(self, payloads: list[dict[str, Any]]) -> None:
        """Another terminal changed the catalogue: the list reloads; so does the item shown
        when its version in force changed, unless it has unsaved edits: then the editor says
        that their save would be refused (an import names no item: it is checked too)."""
        self.refresh()
        code = self.editor.code
        if code and any(p.get("item") in (code, None) for p in payloads):
            self.editor.check_in_force()

    def open_item(self, code: str) -> None:
        """Open item ``code`` of the list (a withdrawn one at its latest version), once the
        edits of the item shown are saved or given up (:meth:`ItemEditor.leave`)."""
        n = self.model.find(code)
        summary = self.model.row(n) if n >= 0 else None
        withdrawn_at = summary.version if summary is not None and summary.withdrawn else None
        if code == self.editor.code and self.editor.is_dirty():
            self._select(code)  # the item being edited: its edits stay
        elif code == self.editor.code:
            self._open(code, withdrawn_at)
        elif not self.editor.leave(lambda: self._open(code, withdrawn_at)):
            self._select(self.editor.code)  # stayed (or saving): the list shows the item edited

    def _open(self, code: str, withdrawn_at: int | None) -> None:
        self._select(code)
        self.editor.open_item(code, withdrawn_at=withdrawn_at)

    def _select(self, code: str | None) -> None:
        n = self.model.find(code) if code is not None else -1
        if n >= 0:
            self.table.selectRow(n)
        else:
            self.table.clearSelection()

    def _on_table_clicked(self, index: QModelIndex) -> None:
        self.open_item(self.model.row(index.row()).code)

    def _on_show_withdrawn_toggled(self, _checked: bool) -> None:
        self.refresh()

    def _on_search_text_changed(self, text: str) -> None:
        if not text:
            self.refresh()

    def _on_new_clicked(self) -> None:
        first = (self.departments[0]["code"] if self.departments else None,
                 self.queues[0]["code"] if self.queues else None)
        if not self.editor.leave(lambda: self._new(*first)):
            self._select(self.editor.code)

    def _new(self, department: str | None, queue: str | None) -> None:
        self.table.clearSelection()
        self.editor.new_item(department, queue)

    def _on_editor_item_saved(self, _code: str) -> None:
        self.refresh()

    def _show_message(self, exc: BaseException | str, ok: bool = False) -> None:
        restyle(self.message, "result" if ok else "error")
        self.message.setText(exc if isinstance(exc, str) else user_message(exc, "catalogue"))

    def import_file(self) -> None:
        path = OpenFileDialog.ask(self, self.tr("导入事项目录"), FILTERS)
        if path is None:
            return
        ctx = self.env.ctx
        self._show_message(self.tr("正在导入 {0}…").format(path.name), ok=True)
        self.call(lambda: import_catalogue(ctx, read_catalogue(path)), self._on_imported,
                  self._show_message)

    def _on_imported(self, r: ImportResult) -> None:
        self._show_message(self.tr("已导入：部门 {0}，队列 {1}，新事项 {2}，新版本 {3}，未变 {4}")
                           .format(r.departments, r.queues, r.items_added, r.items_new_version,
                                   r.items_unchanged), ok=True)
        self.refresh()

    def export_file(self) -> None:
        path = SaveFileDialog.ask(self, self.tr("导出事项目录"), FILTERS, "catalogue.json")
        if path is None:
            return
        ctx = self.env.ctx
        self.call(lambda: write_catalogue(export_catalogue(ctx), path),
                  lambda n: self._show_message(
                      self.tr("已导出 %n 个事项到 {0}", "", n).format(path.name), ok=True),
                  self._show_message)
