"""Staff login dialog: user name and password, the refusal shown under the fields."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.roles import Actor
from hallapp.services.context import Ctx
from hallapp.services.staff import login
from hallapp.ui.common.errors import user_message


class LoginDialog(QDialog):
    def __init__(self, ctx: Ctx, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(title or self.tr("登录"))
        self.user = QLineEdit()
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        title_label = QLabel(title or self.tr("工作人员登录"))
        title_label.setObjectName("title")
        layout.addWidget(title_label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_login(self) -> None:
        if not self.user.text().strip():
            self.error.setText(self.tr("请输入用户名"))
            return
        try:
            self.actor = login(self.ctx, self.user.text().strip(), self.password.text())
        except Exception as exc:
            self.error.setText(user_message(exc, "login"))
            self.password.clear()
            return
        self.accept()

    @classmethod
    def ask(cls, ctx: Ctx, title: str = "", parent: QWidget | None = None) -> Actor | None:
        dialog = cls(ctx, title, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
