"""The staff tab's 修改账号 dialog: an account's name, role, department and fixed window.

As the password dialog, it saves before it closes: a refusal ("后台审批人员须指定所属部门") is
shown beside its field, or under the form when it names none, with what was typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.roles import LOGIN_ROLES, ROLE_NAMES_ZH
from hallapp.services.staff import StaffInfo
from hallapp.ui.admin.dialogs import SavingDialog
from hallapp.ui.common.labels import role_label
from hallapp.ui.common.widgets import make_label

# Starts saving the edit: (values, on_saved, on_refused), the callbacks on the GUI thread.
SaveEdit = Callable[[dict[str, Any], Callable[[object], object],
                     Callable[[BaseException], object]], None]


class StaffEditDialog(SavingDialog):
    """The account's fields, filled in; OK saves them (``values``) and closes once saved."""

    def __init__(self, info: StaffInfo, save: SaveEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改账号"))
        self.save = save
        self.name = QLineEdit(info.name)
        self.role = QComboBox()
        for role in LOGIN_ROLES:
            self.role.addItem(role_label(ROLE_NAMES_ZH[role]), role.value)
        self.role.setCurrentIndex(max(0, self.role.findData(info.role)))
        self.department = QLineEdit(info.department or "")
        self.department.setPlaceholderText(self.tr("部门编码（后台审批人员必填）"))
        self.window_number = QSpinBox()
        self.window_number.setRange(0, 999)
        self.window_number.setSpecialValueText(self.tr("无"))
        self.window_number.setValue(info.window_number or 0)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.errors.add("name", self.name))
        form.addRow(self.tr("角色"), self.errors.add("role", self.role))
        form.addRow(self.tr("部门"), self.errors.add("department", self.department))
        form.addRow(self.tr("固定窗口"), self.errors.add("window", self.window_number))
        self.setMinimumWidth(460)  # the department's hint and a refusal beside it, whole
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(self.tr("账号 {0}：修改角色或部门后，该账号须重新登录")
                                    .format(info.username), wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        """What ``edit_staff`` is given: every field (unchanged ones change nothing)."""
        return {"name": self.name.text(), "role": self.role.currentData(),
                "department": self.department.text().strip() or None,
                "window_number": self.window_number.value() or None}

    def _save(self, saved: Callable[[object], object],
              refused: Callable[[BaseException], object]) -> None:
        self.save(self.values(), saved, refused)

    def _first_field(self) -> QWidget:
        return self.name

    @classmethod
    def ask(cls, info: StaffInfo, save: SaveEdit, parent: QWidget | None = None) -> bool:
        """True once ``save`` has saved the edit; False if cancelled."""
        return cls(info, save, parent).exec() == QDialog.DialogCode.Accepted
