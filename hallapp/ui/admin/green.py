"""绿色通道: the hall's green-channel classes (the elderly, the disabled, the military…).

Kiosks offer them in this order, tickets and counters show their names, and a ticket of a
class is called before the ordinary ones of its queue. The table is edited in place and
saved as a whole (``admin.set_priority_classes``): one bad row saves nothing, and the
refusal names the row under the table. Tickets already taken keep their class.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QTableView, QVBoxLayout, QWidget

from hallapp.services import admin
from hallapp.services.hall import HallInfo, get_hall
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, Column, EditableRowsModel
from hallapp.ui.common.widgets import make_button, make_label, restyle

CLASS_COLUMNS = (Column("code", QT_TRANSLATE_NOOP("Admin", "编码")),
                 Column("name", QT_TRANSLATE_NOOP("Admin", "名称")),
                 Column("name_en", QT_TRANSLATE_NOOP("Admin", "英文名称")))


class GreenChannelPage(AdminPanel):
    FEED_KINDS = ("hall_changed",)

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = EditableRowsModel(CLASS_COLUMNS, self)
        self.loaded: list[dict[str, Any]] = []
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.status = make_label("", "result", wrap=True)
        self.table = QTableView()
        self.table.setObjectName("greenClasses")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 320)
        self.add_button = make_button(self.tr("添加类别"), "secondary", "addClass")
        self.remove_button = make_button(self.tr("删除所选"), "secondary", "removeClass")
        self.up_button = make_button(self.tr("上移"), "secondary", "classUp")
        self.down_button = make_button(self.tr("下移"), "secondary", "classDown")
        self.revert_button = make_button(self.tr("撤销修改"), "secondary")
        self.save_button = make_button(self.tr("保存"), name="saveClasses")
        self.add_button.clicked.connect(lambda: self.model.add_row())
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.up_button.clicked.connect(lambda: self.move_chosen(-1))
        self.down_button.clicked.connect(lambda: self.move_chosen(1))
        self.revert_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save)
        self._build()

    def _build(self) -> None:
        hint = self.tr("自助机按此顺序列出绿色通道类别；号票和窗口显示其名称，"
                       "同队列内先于普通号叫号。编码由小写字母、数字、下划线组成，"
                       "保存后不宜再改（elderly 按身份证核对年满 60 周岁）。已取的号保留原类别。")
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addWidget(self.up_button)
        rows.addWidget(self.down_button)
        rows.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(hint, "hint", wrap=True))
        layout.addWidget(self.errors.add("priority_classes", self.table), 1)
        layout.addLayout(rows)
        layout.addWidget(self.error)
        layout.addLayout(actions)

    def refresh(self) -> None:
        ctx = self.env.ctx
        self.call(lambda: get_hall(ctx), self._on_hall_loaded, self.errors.show)

    def on_feed(self, _payloads: list[dict[str, Any]]) -> None:
        """Another terminal changed the hall: reload unless the admin is mid-edit."""
        if self.model.rows() == self.loaded:
            self.refresh()
        else:  # in red, as the hours tab's note: not a confirmation
            restyle(self.status, "error")
            self.status.setText(self.tr("其他终端修改了大厅配置；保存前可先撤销修改以查看最新值"))

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        self.errors.clear()
        if self.status.objectName() == "error":  # 撤销修改: the latest classes are shown now
            restyle(self.status, "result")
            self.status.setText("")
        self.loaded = [{c.name: entry.get(c.name, "") for c in CLASS_COLUMNS}
                       for entry in hall.priority_classes]
        self.model.set_rows(self.loaded)

    def _on_remove_clicked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def move_chosen(self, step: int) -> None:
        """Move the chosen class up (-1) or down (1): the kiosk lists them in this order."""
        index = self.table.currentIndex()
        rows, n = self.model.rows(), index.row()
        if not index.isValid() or not 0 <= n + step < len(rows):
            return
        rows[n], rows[n + step] = rows[n + step], rows[n]
        self.model.set_rows(rows)
        self.table.setCurrentIndex(self.model.index(n + step, index.column()))

    def save(self) -> None:
        classes, ctx = self.model.rows(), self.env.ctx
        self.errors.clear()
        restyle(self.status, "result")
        self.status.setText("")
        self.call(lambda: admin.set_priority_classes(ctx, classes), self._on_saved,
                  self.errors.show)

    def _on_saved(self, classes: list[dict[str, str]]) -> None:
        self.loaded = [{c.name: entry.get(c.name, "") for c in CLASS_COLUMNS}
                       for entry in classes]
        self.model.set_rows(self.loaded)
        self.status.setText(
            self.tr("已保存 %n 个绿色通道类别，各终端即时生效", "", len(classes)))
