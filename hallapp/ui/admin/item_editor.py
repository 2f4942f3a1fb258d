"""The item editor: one service item's fields, its materials and its version history.

Saving sends the whole record to ``admin.save_item``; a changed record becomes the next
version (the status line says which), an unchanged one saves nothing. A refusal is shown
under the field the service named, on whichever page holds it, and nothing is saved.
Any version can be opened from the history; saving it makes it the newest version again.

A save says which version it started from (none: a new item), so the service refuses a new
item whose code is taken and an edit of a version another terminal has replaced since; the
editor tells an administrator with unsaved edits as soon as the change feed brings such a
version (:meth:`ItemEditor.check_in_force`).

Leaving an item with unsaved edits asks 保存 / 放弃 / 取消 (:meth:`ItemEditor.leave`). 停用事项
says first what is under way for the item (tickets waiting, bookings to cancel: see
``services.item_status``); a withdrawn item is shown read-only, with 恢复事项. Materials are
ordered with 上移/下移 or Ctrl+Up/Down: their order is the checklist's everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.catalogue import Item
from hallapp.core.errors import NotFound
from hallapp.services import admin, item_status
from hallapp.services.catalogue import get_item
from hallapp.services.item_status import WithdrawalImpact, Withdrawn
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors
from hallapp.ui.admin.dialogs import ConfirmDialog, UnsavedDialog
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, ChoiceDelegate, Column, EditableRowsModel
from hallapp.ui.admin.item_form import ItemForm
from hallapp.ui.admin.models import VersionTableModel
from hallapp.ui.common.widgets import make_button, make_label

MATERIAL_COLUMNS = (
    Column("code", QT_TRANSLATE_NOOP("Admin", "编码")),
    Column("name", QT_TRANSLATE_NOOP("Admin", "材料名称")),
    Column("name_en", QT_TRANSLATE_NOOP("Admin", "英文名称")),
    Column("required", QT_TRANSLATE_NOOP("Admin", "必需"), "bool", default=True),
    Column("core", QT_TRANSLATE_NOOP("Admin", "主审要件"), "bool", default=True),
    Column("form", QT_TRANSLATE_NOOP("Admin", "形式"), "choice", {
        "original": QT_TRANSLATE_NOOP("Admin", "原件"),
        "copy": QT_TRANSLATE_NOOP("Admin", "复印件"),
        "original_and_copy": QT_TRANSLATE_NOOP("Admin", "原件和复印件"),
        "electronic": QT_TRANSLATE_NOOP("Admin", "电子件")}, "original"),
    Column("copies", QT_TRANSLATE_NOOP("Admin", "份数"), "int", default=1),
    Column("paper_size", QT_TRANSLATE_NOOP("Admin", "纸张"), default="A4"),
    Column("source", QT_TRANSLATE_NOOP("Admin", "来源"), "choice", {
        "applicant": QT_TRANSLATE_NOOP("Admin", "申请人提供"),
        "other_office": QT_TRANSLATE_NOOP("Admin", "部门核发"),
        "online": QT_TRANSLATE_NOOP("Admin", "在线核验")}, "applicant"),
    Column("commitment_replaceable", QT_TRANSLATE_NOOP("Admin", "可承诺替代"), "bool",
           default=False),
    Column("listed_proof", QT_TRANSLATE_NOOP("Admin", "列入证明清单"), "bool", default=False),
    Column("proof_basis", QT_TRANSLATE_NOOP("Admin", "证明依据")),
    Column("requirement", QT_TRANSLATE_NOOP("Admin", "具体要求")),
    Column("requirement_en", QT_TRANSLATE_NOOP("Admin", "具体要求（英文）")),
    Column("where_to_get", QT_TRANSLATE_NOOP("Admin", "获取途径")),
    Column("notes", QT_TRANSLATE_NOOP("Admin", "备注")),
)


_MATERIAL_ROW = re.compile(r"^materials\[(\d+)\]\.(\w+)$")
_M_CODE = re.compile(r"M\d+")


def _scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that scrolls only when the tab is too short."""
    scroll = QScrollArea()
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setWidget(page)
    return scroll


class ItemEditor(AdminPanel):
    item_saved = Signal(str)  # the item's code, after a new version or a retirement

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.code: str | None = None  # the item shown (None: a new item)
        self.current_version: int | None = None  # in force when opened: what a save is based on
        self._saving = False
        self._loaded: dict[str, Any] = {}
        self.withdrawn = False  # the item shown is withdrawn: reinstated, not saved
        self._after_save: Callable[[], object] | None = None  # what a 保存 on leaving goes on to
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.form = ItemForm(self.errors)
        self.materials = EditableRowsModel(MATERIAL_COLUMNS, self)
        self.versions = VersionTableModel(env, self)
        self.title = make_label("", "section", wrap=True)
        self.status = make_label("", "result", wrap=True)
        self.pages = QTabWidget()
        self.pages.setObjectName("itemPages")
        # The fields scroll: the form's own height (13 rows) made the admin window taller
        # than a 1366×768 screen before the style sheet's sizes were known.
        self.pages.addTab(_scrolling(self.form.basic_page), self.tr("基本信息"))
        self.pages.addTab(_scrolling(self.form.handling_page), self.tr("时限与办理"))
        self.pages.addTab(self._materials_page(), self.tr("申请材料"))
        self.pages.addTab(self._versions_page(), self.tr("版本历史"))
        self._build()
        self.setEnabled(False)

    def _build(self) -> None:
        self.save_button = make_button(self.tr("保存（生成新版本）"), name="saveItem")
        self.revert_button = make_button(self.tr("撤销修改"), "secondary")
        self.retire_button = make_button(self.tr("停用事项"), "danger")
        self.reinstate_button = make_button(self.tr("恢复事项"), name="reinstateItem")
        self.reinstate_button.hide()
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.retire_button.clicked.connect(self.retire)
        self.reinstate_button.clicked.connect(self.reinstate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for b in (self.revert_button, self.retire_button, self.reinstate_button,
                  self.save_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _materials_page(self) -> QWidget:
        self.material_table = QTableView()
        self.material_table.setModel(self.materials)
        self.material_table.setItemDelegate(ChoiceDelegate(self.materials, self.material_table))
        self.material_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.material_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        add, remove = make_button(self.tr("添加材料"), "secondary"), make_button(
            self.tr("删除所选材料"), "secondary")
        self.up_button, self.down_button = (make_button(self.tr("上移"), "secondary", "moveUp"),
                                            make_button(self.tr("下移"), "secondary", "moveDown"))
        add.clicked.connect(self._on_add_material_clicked)
        remove.clicked.connect(self._on_remove_material_clicked)
        self.up_button.clicked.connect(lambda: self.move_material(-1))
        self.down_button.clicked.connect(lambda: self.move_material(1))
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.material_table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_material(step))
        row = QHBoxLayout()
        row.addWidget(make_label(self.tr("勾选框可直接点击；双击单元格编辑。材料的顺序即窗口、"
                                         "自助机和告知单上清单的顺序（Ctrl+↑/↓ 移动所选材料）。"),
                                 "hint", wrap=True), 1)
        for b in (add, remove, self.up_button, self.down_button):
            row.addWidget(b)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.errors.add("materials", self.material_table, MATERIAL_COLUMNS), 1)
        layout.addLayout(row)
        return page

    def _versions_page(self) -> QWidget:
        self.version_table = QTableView()
        self.version_table.setModel(self.versions)
        self.version_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.version_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.version_table.horizontalHeader().setStretchLastSection(True)
        self.open_version_button = make_button(self.tr("打开所选版本"), "secondary")
        self.open_version_button.clicked.connect(self._on_open_version_clicked)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(make_label(self.tr("办件保留受理时的版本。打开历史版本后保存，"
                                            "将以其内容生成新的版本。"), "hint", wrap=True))
        layout.addWidget(self.version_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_version_button)
        layout.addLayout(row)
        return page

    # --- loading -----------------------------------------------------------------------------

    def open_item(self, code: str, status: str = "", withdrawn_at: int | None = None) -> None:
        """Open the version in force of item ``code``: what the next save is based on; or,
        with ``withdrawn_at``, that (latest) version of a withdrawn item, to reinstate."""
        ctx = self.env.ctx
        self.call(lambda: get_item(ctx, code, withdrawn_at),
                  lambda item: self._on_opened(item, status, withdrawn_at is not None),
                  self.errors.show)

    def _on_opened(self, item: Item, status: str, withdrawn: bool = False) -> None:
        self.code, self.current_version = item.code, item.version
        self.show_item(item, status)
        self._set_withdrawn(withdrawn)
        if withdrawn:
            self.title.setText(self.tr("{0} · 第 {1} 版（已停用）").format(item.name,
                                                                      item.version))

    def _set_withdrawn(self, withdrawn: bool) -> None:
        """A withdrawn item is shown to be reinstated (恢复事项), not saved or withdrawn."""
        self.withdrawn = withdrawn
        self.setEnabled(True)
        self.save_button.setEnabled(not withdrawn)
        self.retire_button.setVisible(not withdrawn)
        self.reinstate_button.setVisible(withdrawn)

    def show_item(self, item: Item, status: str = "") -> None:
        """Show ``item`` (the version in force, or one from the history)."""
        if item.code != self.code or self.current_version is None:
            self.current_version = item.version
        self.code = item.code
        self.form.lines["code"].setReadOnly(True)  # an item's identity: a new code is a new item
        self._load(item.as_dict())
        if item.version == self.current_version:
            self.title.setText(self.tr("{0} · 第 {1} 版（生效中）").format(item.name, item.version))
        else:
            self.title.setText(self.tr("{0} · 正在查看第 {1} 版（当前生效第 {2} 版）").format(
                item.name, item.version, self.current_version))
        self.status.setText(status)
        self.retire_button.setEnabled(True)
        self._load_versions(item.code)

    def new_item(self, department: str | None, queue: str | None) -> None:
        """An empty item with the catalogue's defaults (承诺件, 20 and 10 working days, one
        visit, 15 minutes: docs/catalogue-format.md), in ``department`` and ``queue``."""
        self.code, self.current_version = None, None
        blank = Item(code="", name="", department=department or "", queue=queue or "")
        self._load({**blank.as_dict(), "department": department, "queue": queue})
        self.form.lines["code"].setReadOnly(False)
        self.title.setText(self.tr("新建事项"))
        self.status.setText("")
        self._set_withdrawn(False)
        self.retire_button.setEnabled(False)
        self.versions.set_rows([])
        self.pages.setCurrentIndex(0)

    def _load(self, raw: dict[str, Any]) -> None:
        self.errors.clear()
        self.form.load(raw)
        self.materials.set_rows(raw.get("materials") or [])
        self._loaded = self.record()
        self.setEnabled(True)

    def _load_versions(self, code: str) -> None:
        ctx, newest = self.env.ctx, self.current_version or 1

        def fetch() -> list[Item]:
            found = []
            for version in range(1, newest + 1):
                try:
                    found.append(get_item(ctx, code, version))
                except NotFound:
                    continue  # a number skipped by an import
            return found

        def done(items: list[Item]) -> None:
            if code == self.code:
                self.versions.current = self.current_version
                self.versions.set_rows(items)

        self.call(fetch, done, self.errors.show)

    # --- editing -----------------------------------------------------------------------------

    def record(self) -> dict[str, Any]:
        """The record as the form shows it, in ``Item.as_dict()`` shape."""
        return {**self.form.collect(), "materials": self.materials.rows()}

    def is_dirty(self) -> bool:
        return self.isEnabled() and not self.withdrawn and self.record() != self._loaded

    def leave(self, then: Callable[[], object]) -> bool:
        """Before the item shown is left (another item, a new one, the window closed): with
        unsaved edits ask 保存 / 放弃 / 取消; ``then`` goes on at once unless the admin
        stays (False) or saves: then after the save, and not at all if it is refused (the
        refusal is shown beside its field, the edits kept)."""
        if not self.is_dirty():
            then()
            return True
        answer = UnsavedDialog.ask(self, self.tr("事项“{0}”有未保存的修改。保存后继续吗？")
                                   .format(self.form.lines["name"].text() or self.code or ""))
        if answer == "discard":
            self._loaded = self.record()
            then()
            return True
        if answer == "save":
            self._after_save = then
            self.save()
        return False

    def save(self) -> None:
        raw, ctx = self.record(), self.env.ctx
        based_on = 0 if self.code is None else self.current_version
        self.errors.clear()
        self.status.setText(self.tr("正在保存…"))
        self._saving = True
        self.call(lambda: admin.save_item(ctx, raw, based_on=based_on),
                  lambda result: self._on_saved(result, raw), self._on_save_failed)

    def _on_saved(self, result: dict[str, Any], raw: dict[str, Any] | None = None) -> None:
        self._saving = False
        if raw is not None:
            self._loaded = raw  # saved: nothing to ask about while the new version loads
        then, self._after_save = self._after_save, None
        code, version = result["code"], result["version"]
        if result["outcome"] == "unchanged":
            status = self.tr("内容未改变，未生成新版本（仍为第 {0} 版）").format(version)
        else:
            status = self.tr("已保存为第 {0} 版").format(version)
        self.code, self.current_version = code, version
        self.open_item(code, status)
        self.item_saved.emit(code)
        if then is not None:
            then()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._after_save = None
        self.status.setText("")
        widget = self.errors.show(exc)
        for n in range(self.pages.count()):
            page = self.pages.widget(n)
            if widget is not None and page is not None and page.isAncestorOf(widget):
                self.pages.setCurrentIndex(n)
                if isinstance(page, QScrollArea):
                    page.ensureWidgetVisible(widget)
        field = getattr(exc, "field", None) or ""
        match = _MATERIAL_ROW.match(field)
        if match and any(c.name == match.group(2) for c in MATERIAL_COLUMNS):
            index = self.materials.index(int(match.group(1)), self.materials.column(match.group(2)))
            self.material_table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def retire(self) -> None:
        """Withdraw the item, after saying what is under way for it (see item_status)."""
        code, ctx = self.code, self.env.ctx
        if code is None:
            return
        self.errors.clear()
        self.call(lambda: item_status.withdrawal_impact(ctx, code), self._on_impact_counted,
                  self.errors.show)

    def _on_impact_counted(self, impact: WithdrawalImpact) -> None:
        code, ctx = impact.code, self.env.ctx
        if code != self.code:
            return
        question = self.tr("停用后自助机和窗口将不再提供事项 {0}，历史版本保留。").format(code)
        if impact.waiting_tickets or impact.bookings:
            question += self.tr("今日仍有 {0} 人在等候此事项（号保留，由窗口告知），另有 {1} 个"
                                "未签到的预约将被取消（需通知申请人）。").format(
                impact.waiting_tickets, impact.bookings)
        if not ConfirmDialog.ask(self, self.tr("停用事项"), question + self.tr("确定停用？")):
            return
        self.call(lambda: admin.retire_item(ctx, code, force=True), self._on_retired,
                  self.errors.show)

    def _on_retired(self, done: Withdrawn) -> None:
        self._loaded = self.record()
        self._set_withdrawn(True)
        status = self.tr("事项 {0} 已停用").format(done.code)
        if done.waiting_tickets:
            status += self.tr("；今日仍有 {0} 人等候，号保留").format(done.waiting_tickets)
        if done.cancelled_bookings:
            status += self.tr("；已取消 %n 个预约，请通知申请人（预约码：{0}）", "",
                              len(done.cancelled_bookings)).format(
                "、".join(done.cancelled_bookings))
        self.status.setText(status)
        self.title.setText(self.tr("{0} · 第 {1} 版（已停用）").format(
            self.form.lines["name"].text(), done.version))
        self.item_saved.emit(done.code)

    def reinstate(self) -> None:
        code, ctx = self.code, self.env.ctx
        if code is None or not self.withdrawn:
            return
        self.errors.clear()
        self.call(lambda: admin.reinstate_item(ctx, code),
                  lambda version: self._on_reinstated(code, version), self.errors.show)

    def _on_reinstated(self, code: str, version: int) -> None:
        self._set_withdrawn(False)
        self.open_item(code, self.tr("事项 {0} 已恢复，第 {1} 版生效").format(code, version))
        self.item_saved.emit(code)

    def check_in_force(self) -> None:
        """The catalogue changed at another terminal: when the version in force of the item
        shown is no longer the one it was opened at, reload it; with unsaved edits, say so
        instead (their save would be refused) and keep them on screen."""
        code, ctx = self.code, self.env.ctx
        if code is None:
            return

        def fetch() -> int | None:
            try:
                return get_item(ctx, code).version
            except NotFound:
                return None  # retired

        self.call(fetch, lambda version: self._on_in_force(code, version), self.errors.show)

    def _on_in_force(self, code: str, version: int | None) -> None:
        if code != self.code or version == self.current_version or self._saving or \
                self.withdrawn:
            return
        if version is None and self.is_dirty():
            self.errors.general.setText(self.tr("此事项已在其他终端停用，当前的修改无法保存。"))
        elif version is None:
            self.setEnabled(False)
            self.status.setText(self.tr("事项 {0} 已在其他终端停用").format(code))
        elif self.is_dirty():
            self.errors.general.setText(self.tr(
                "此事项已在其他终端保存为第 {0} 版，当前的修改尚未保存，保存将被拒绝：请记下修改，"
                "点击“撤销修改”载入第 {0} 版后重新修改。").format(version))
        else:
            self.open_item(code)

    def _on_revert_clicked(self) -> None:
        if self.code is not None:
            self.open_item(self.code, withdrawn_at=self.current_version if self.withdrawn
                           else None)

    def move_material(self, step: int) -> None:
        """Move the selected material up (-1) or down (1): the checklist's order."""
        index = self.material_table.currentIndex()
        if not index.isValid():
            return
        to = self.materials.move_row(index.row(), step)
        self.material_table.selectionModel().setCurrentIndex(
            self.materials.index(to, index.column()),
            QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _on_add_material_clicked(self) -> None:
        n = self.materials.add_row({"code": next_material_code(
            [str(row.get("code") or "") for row in self.materials.rows()])})
        self.material_table.setCurrentIndex(self.materials.index(n, self.materials.column("name")))

    def _on_remove_material_clicked(self) -> None:
        rows = {i.row() for i in self.material_table.selectionModel().selectedIndexes()}
        for n in sorted(rows, reverse=True):
            self.materials.remove_row(n)

    def _on_open_version_clicked(self) -> None:
        rows = self.version_table.selectionModel().selectedRows()
        if rows:
            item: Item = self.versions.row(rows[0].row())
            self.leave(lambda: self.show_item(
                item, self.tr("正在查看历史版本；保存将以其内容生成新版本")))


def next_material_code(codes: list[str]) -> str:
    """A code for a material added after ``codes``: above every M-number in use and the count
    (M01…M07 less M03 gives M08, not a second M07; nor a deleted M03's code again)."""
    numbers = [int(code[1:]) for code in codes if _M_CODE.fullmatch(code)]
    return f"M{max([len(codes), *numbers]) + 1:02d}"
