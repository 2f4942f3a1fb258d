"""窗口与工作配置: windows and their work profiles (queues served, precedence or ratio).

Saved with ``hall.configure_windows``; the profile says which queues a window calls from and
in what order (by precedence) or mix (by ratio, e.g. 2:1). The window chosen in the list is
retired (no longer used: closed, holding no ticket) or reinstated with ``window_admin``; a
retired window stays listed, its state 已停用.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.services import window_admin
from hallapp.services.hall import WindowInfo, configure_windows, list_queues, list_windows
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors
from hallapp.ui.admin.editable import (
    QT_TRANSLATE_NOOP,
    ChoiceDelegate,
    Column,
    EditableRowsModel,
    tr,
)
from hallapp.ui.admin.models import PROFILE_MODES, WINDOW_KINDS, WindowTableModel
from hallapp.ui.admin.queues import table_view
from hallapp.ui.common.widgets import make_button, make_label


def profile_columns(queues: dict[str, str]) -> tuple[Column, ...]:
    return (Column("queue", QT_TRANSLATE_NOOP("Admin", "队列"), "choice", queues),
            Column("precedence", QT_TRANSLATE_NOOP("Admin", "优先级（1 最先）"), "int", default=1),
            Column("ratio", QT_TRANSLATE_NOOP("Admin", "比例"), "int", default=1))


class WindowPage(AdminPanel):
    # The windows configured (hall.configure_windows), a window opened, paused, resumed,
    # closed or claimed (its 当前状态: windows, supervisor) and the day's close (it closes the
    # windows still open); queues renamed or added (the profile's choices).
    FEED_KINDS = ("windows_changed", "window_changed", "day_closed", "catalogue_changed")

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = WindowTableModel(env, self)
        self.profile = EditableRowsModel(profile_columns({}), self)
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.status = make_label("", "result", wrap=True)
        self.chosen: int | None = None  # the number of the window chosen in the list
        # The existing window the form shows (None: a new one). Saving writes the window of the
        # form's number: the form first showed window 1's number with nothing else, and a
        # number changed or left there overwrote that window's name and queues unasked.
        self.editing: int | None = None
        self.number, self.name, self.name_en = QSpinBox(), QLineEdit(), QLineEdit()
        self.number.setRange(1, 999)
        self.kind, self.mode = QComboBox(), QComboBox()
        for combo, choices in ((self.kind, WINDOW_KINDS), (self.mode, PROFILE_MODES)):
            for value, label in choices.items():
                combo.addItem(tr(label), value)
        self._build()

    def _build(self) -> None:
        self.table = table_view(self.model, "profile")
        self.table.clicked.connect(self._on_table_clicked)
        self.profile_table = QTableView()
        self.profile_table.setModel(self.profile)
        self.profile_table.setItemDelegate(ChoiceDelegate(self.profile, self.profile_table))
        header = self.profile_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # headers whole
        header.setStretchLastSection(True)
        add, remove = make_button(self.tr("添加队列"), "secondary"), make_button(
            self.tr("删除所选队列"), "secondary")
        add.clicked.connect(self._on_add_clicked)
        remove.clicked.connect(self._on_remove_clicked)
        form = QFormLayout()
        form.addRow(self.tr("窗口号"), self.errors.add("number", self.number))
        form.addRow(self.tr("窗口名称"), self.errors.add("name", self.name))
        form.addRow(self.tr("英文名称"), self.errors.add("name_en", self.name_en))
        form.addRow(self.tr("窗口类型"), self.errors.add("kind", self.kind))
        form.addRow(self.tr("叫号方式"), self.errors.add("profile_mode", self.mode))
        rows = QHBoxLayout()
        rows.addWidget(add)
        rows.addWidget(remove)
        rows.addStretch(1)
        profile = QWidget()
        col = QVBoxLayout(profile)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.profile_table, 1)
        col.addLayout(rows)
        form.addRow(self.tr("服务队列"), self.errors.add("profile", profile, profile_columns({})))
        new, save = make_button(self.tr("新建窗口"), "secondary"), make_button(
            self.tr("保存窗口"), name="saveWindow")
        new.clicked.connect(self._on_new_clicked)
        save.clicked.connect(self.save)
        self.retire_button = make_button(self.tr("停用窗口"), "danger", "retireWindow")
        self.retire_button.setEnabled(False)
        self.retire_button.clicked.connect(self.toggle_retired)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.retire_button)
        buttons.addWidget(new)
        buttons.addWidget(save)
        right = QVBoxLayout()
        right.addWidget(make_label(self.tr("按优先级：先叫优先级数字小的队列；按比例：按比例轮流叫号"
                                           "（如 2:1），低优先级队列不会被饿死。"), "hint",
                                   wrap=True))
        right.addLayout(form, 1)
        right.addWidget(self.error)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(right, 2)

    def refresh(self) -> None:
        ctx = self.env.ctx
        self.call(lambda: (list_windows(ctx, with_retired=True), list_queues(ctx)),
                  self._on_loaded, self.errors.show)

    def _on_loaded(self, result: tuple[list[WindowInfo], list[Any]]) -> None:
        windows, queues = result
        self.model.set_rows(windows)
        self._update_retire_button()
        if self.editing is None and not self.name.text():  # an empty form: a new window
            self.number.setValue(max((w.number for w in windows), default=0) + 1)
        rows = self.profile.rows()
        self.profile.columns = profile_columns({q.code: f"{q.code} {q.name}" for q in queues})
        self.profile.set_rows(rows)

    def show_window(self, w: WindowInfo) -> None:
        self.errors.clear()
        self.editing = w.number
        self.number.setValue(w.number)
        self.number.setReadOnly(True)  # its number is which window it is
        self.name.setText(w.name)
        self.name_en.setText(w.name_en or "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(w.kind)))
        self.mode.setCurrentIndex(max(0, self.mode.findData(w.profile_mode)))
        self.profile.set_rows([{"queue": p.queue, "precedence": p.precedence, "ratio": p.ratio}
                               for p in w.profile])

    def record(self) -> dict[str, Any]:
        return {"number": self.number.value(), "name": self.name.text().strip(),
                "name_en": self.name_en.text().strip() or None,
                "kind": self.kind.currentData(), "profile_mode": self.mode.currentData(),
                "profile": self.profile.rows()}

    def save(self) -> None:
        raw, ctx = self.record(), self.env.ctx
        self.errors.clear()
        if raw["number"] != self.editing and any(w.number == raw["number"]
                                                 for w in self.model.rows()):
            self.errors.show_at("number", self.tr(
                "{0}号窗口已存在：要修改它，请在左侧列表中选中；新建窗口请换一个窗口号"
            ).format(raw["number"]))
            self.status.setText("")
            return
        self.call(lambda: configure_windows(ctx, [raw]),
                  lambda windows: self._on_saved(raw["number"], windows), self.errors.show)

    def _on_saved(self, number: int, windows: list[WindowInfo]) -> None:
        self.editing = number  # saved again, it is this window
        self.number.setReadOnly(True)
        self.model.set_rows(windows)
        self._update_retire_button()
        self.status.setText(self.tr("{0}号窗口已保存").format(number))

    def _on_table_clicked(self, index: QModelIndex) -> None:
        self.chosen = self.model.row(index.row()).number
        self.show_window(self.model.row(index.row()))
        self.status.setText("")
        self._update_retire_button()

    def _chosen_row(self) -> WindowInfo | None:
        return next((w for w in self.model.rows() if w.number == self.chosen), None)

    def _update_retire_button(self) -> None:
        row = self._chosen_row()
        self.retire_button.setEnabled(row is not None)
        retired = row is not None and row.retired
        self.retire_button.setText(self.tr("恢复使用") if retired else self.tr("停用窗口"))

    def toggle_retired(self) -> None:
        """Retire the chosen window, or reinstate it."""
        row, ctx = self._chosen_row(), self.env.ctx
        if row is None:
            return
        fn = window_admin.reinstate_window if row.retired else window_admin.retire_window
        number = row.number
        self.errors.clear()
        self.status.setText("")
        self.call(lambda: fn(ctx, number), self._on_retired_set, self.errors.show)

    def _on_retired_set(self, done: window_admin.WindowChange) -> None:
        if not done.retired:
            text = self.tr("{0}号窗口已恢复使用").format(done.number)
        elif done.unassigned:
            text = self.tr("{0}号窗口已停用；以下账号不再固定在此窗口：{1}").format(
                done.number, "、".join(done.unassigned))
        else:
            text = self.tr("{0}号窗口已停用").format(done.number)
        self.status.setText(text)
        self.refresh()

    def _on_new_clicked(self) -> None:
        used = [w.number for w in self.model.rows()]
        self.show_window(WindowInfo(max(used, default=0) + 1, "", "comprehensive", "closed",
                                    None, "precedence", ()))
        self.editing = None
        self.number.setReadOnly(False)
        self.status.setText("")
        self.chosen = None
        self._update_retire_button()

    def _on_add_clicked(self) -> None:
        first = next(iter(self.profile.columns[0].choices), None)
        self.profile.add_row({"queue": first, "precedence": self.profile.rowCount() + 1})

    def _on_remove_clicked(self) -> None:
        index = self.profile_table.currentIndex()
        if index.isValid():
            self.profile.remove_row(index.row())
