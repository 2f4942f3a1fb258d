"""人员: staff accounts and roles — add, edit (name, role, department, window), reset a password
(lifts a lockout), disable, enable.

Accounts are never deleted: a disabled account keeps its name in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.roles import LOGIN_ROLES, ROLE_NAMES_ZH, Role
from hallapp.services import staff, staff_edit
from hallapp.services.staff import StaffInfo
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors, beside, form_box
from hallapp.ui.admin.dialogs import ConfirmDialog, PasswordDialog
from hallapp.ui.admin.models import StaffTableModel
from hallapp.ui.admin.queues import table_view
from hallapp.ui.admin.staff_dialog import StaffEditDialog
from hallapp.ui.common.errors import listed, user_message
from hallapp.ui.common.labels import role_label
from hallapp.ui.common.widgets import make_button, make_label


class StaffPage(AdminPanel):
    # Accounts added, disabled, enabled or reset at another admin terminal.
    FEED_KINDS = ("staff_changed",)

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = StaffTableModel(env, self)
        self.error = make_label("", "error", wrap=True)  # the new-account form's
        self.errors = FieldErrors(self.error)
        self.list_error = make_label("", "error", wrap=True)  # a row action's (disable, enable)
        self.status = make_label("", "result", wrap=True)
        self.edits = {n: QLineEdit() for n in ("username", "name", "password", "department")}
        self.edits["password"].setEchoMode(QLineEdit.EchoMode.Password)
        self.edits["department"].setPlaceholderText(self.tr("部门编码（后台审批人员必填）"))
        self.role = QComboBox()
        for role in LOGIN_ROLES:
            self.role.addItem(role_label(ROLE_NAMES_ZH[role]), role.value)
        self.window_number = QSpinBox()
        self.window_number.setRange(0, 999)
        self.window_number.setSpecialValueText(self.tr("无"))
        self._build()

    def _build(self) -> None:
        self.table = table_view(self.model, "name")
        self.table.clicked.connect(self._on_table_clicked)
        self.edit_button = make_button(self.tr("修改账号"), "secondary")
        self.reset_button = make_button(self.tr("重设密码"), "secondary")
        self.toggle_button = make_button(self.tr("停用账号"), "danger")
        for b in (self.edit_button, self.reset_button, self.toggle_button):
            b.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_active)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.reset_button)
        actions.addWidget(self.toggle_button)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.list_error)
        left.addLayout(actions)
        form = QFormLayout()
        labels = {"username": self.tr("用户名"), "name": self.tr("姓名"),
                  "password": self.tr("初始密码"), "department": self.tr("部门")}
        for name in ("username", "name"):
            form.addRow(labels[name], self.errors.add(name, self.edits[name]))
        form.addRow(self.tr("角色"), self.errors.add("role", self.role))
        for name in ("department", "password"):
            form.addRow(labels[name], self.errors.add(name, self.edits[name]))
        # "window": the field add_staff's refusals name (窗口 77 不存在), as --window does
        form.addRow(self.tr("固定窗口"), self.errors.add("window", self.window_number))
        add = make_button(self.tr("添加账号"), name="addStaff")
        add.clicked.connect(self.add)
        beside(self, left, form_box(self.tr("新账号"), form, self.error, add))

    def refresh(self) -> None:
        ctx = self.env.ctx
        self.call(lambda: staff.list_staff(ctx), self.model.set_rows, self.errors.show)

    def selected(self) -> StaffInfo | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _on_table_clicked(self, index: QModelIndex) -> None:
        info = self.model.row(index.row())
        self.edit_button.setEnabled(True)
        self.reset_button.setEnabled(True)
        self.toggle_button.setEnabled(info.username != self.env.ctx.actor.username)
        self.toggle_button.setText(self.tr("停用账号") if info.active else self.tr("启用账号"))

    def add(self) -> None:
        values: dict[str, Any] = {n: e.text() for n, e in self.edits.items()}
        role, window = self.role.currentData(), self.window_number.value() or None
        ctx = self.env.ctx
        self.errors.clear()
        self.call(lambda: staff.add_staff(ctx, values["username"], values["name"], role,
                                          values["password"],
                                          department=values["department"].strip() or None,
                                          window_number=window),
                  self._on_added, self.errors.show)

    def _on_added(self, info: StaffInfo) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.status.setText(self.tr("账号 {0} 已添加").format(info.username))
        self.refresh()

    def edit_account(self) -> None:
        info = self.selected()
        if info is None:
            return
        ctx, username = self.env.ctx, info.username
        done: list[staff_edit.StaffEdit] = []

        def save(values: dict[str, Any], saved: Callable[[object], object],
                 refused: Callable[[BaseException], object]) -> None:
            def saved_edit(result: staff_edit.StaffEdit) -> None:
                done.append(result)
                saved(result)

            self.call(lambda: staff_edit.edit_staff(ctx, username, **values), saved_edit,
                      refused)

        self.list_error.setText("")
        # The dialog stays open until the edit is saved: a refusal is shown in it.
        if StaffEditDialog.ask(info, save, self) and done:
            self._done(self._edited_text(done[0]))

    def _edited_text(self, done: staff_edit.StaffEdit) -> str:
        username = done.info.username
        if not done.changed:
            return self.tr("账号 {0} 没有变化").format(username)
        windows = self._windows_text(done.windows_freed, done.windows_kept)
        if done.sessions_ended:
            return self.tr("账号 {0} 已修改；该账号须重新登录").format(username) + windows
        return self.tr("账号 {0} 已修改").format(username) + windows

    def reset_password(self) -> None:
        info = self.selected()
        if info is None:
            return
        ctx, username = self.env.ctx, info.username

        def save(password: str, saved: Callable[[object], object],
                 refused: Callable[[BaseException], object]) -> None:
            self.call(lambda: staff.set_password(ctx, username, password), saved, refused)

        self.list_error.setText("")
        # The dialog stays open until the password is saved: a refusal is shown in it.
        if PasswordDialog.ask(username, save, self):
            self._done(self.tr("账号 {0} 的密码已重设").format(username))

    def toggle_active(self) -> None:
        info = self.selected()
        if info is None:
            return
        ctx, active = self.env.ctx, not info.active
        if not active and not ConfirmDialog.ask(self, self.tr("停用账号"),
                                                self._disable_question(info)):
            return
        self.list_error.setText("")
        self.call(lambda: staff.set_active(ctx, info.username, active),
                  lambda done: self._done(self._active_text(info.username, active, done)),
                  self._on_failed)

    def _disable_question(self, info: StaffInfo) -> str:
        if info.role == Role.APPROVER.value:  # set_active gives their claimed cases back
            question = self.tr("停用账号 {0}（{1}）？该账号将立即退出登录，不能再登录；"
                               "其已认领、尚未办结的办件将退回部门待审。账号不会删除，可以再启用。")
        else:
            question = self.tr("停用账号 {0}（{1}）？该账号将立即退出登录，不能再登录；"
                               "账号不会删除，可以再启用。")
        return question.format(info.username, info.name)

    def _active_text(self, username: str, active: bool, done: staff.ActiveChange) -> str:
        if active:
            return self.tr("账号 {0} 已启用").format(username)
        released = done.released
        if released:  # a disabled approver's claims go back to the department's queue
            text = self.tr("账号 {0} 已停用；其认领的 {1} 件办件已退回待审：{2}").format(
                username, len(released), listed(released))
        else:
            text = self.tr("账号 {0} 已停用").format(username)
        return text + self._windows_text(done.windows_freed, done.windows_kept)

    def _windows_text(self, freed: tuple[int, ...], kept: tuple[int, ...]) -> str:
        """What became of the window a clerk leaving the counter held (``free_windows_of``)."""
        text = ""
        if freed:
            text += self.tr("；其使用的 {0} 号窗口已释放").format(listed([str(n) for n in freed]))
        if kept:
            text += self.tr("；{0} 号窗口正在办理，仍由其占用，请值班长改派").format(
                listed([str(n) for n in kept]))
        return text

    def _done(self, text: str) -> None:
        self.list_error.setText("")
        self.status.setText(text)
        self.refresh()

    def _on_failed(self, exc: BaseException) -> None:
        """Refusals of a row action belong to the list, not to the new-account form."""
        self.status.setText("")
        self.list_error.setText(user_message(exc, "staff"))
