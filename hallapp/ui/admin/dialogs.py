"""The admin's dialogs, each behind a classmethod ``ask(...)`` so tests can replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hallapp.ui.common.widgets import ConfirmDialog, make_label

__all__ = ["ConfirmDialog", "OpenFileDialog", "PasswordDialog", "SaveFileDialog"]


class OpenFileDialog:
    """Choose a file to read (catalogue import, official calendar)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(path) if path else None


class SaveFileDialog:
    """Choose where to write a file (catalogue export)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, filters: str,
            suggested: str = "") -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(path) if path else None


class PasswordDialog(QDialog):
    """A new password for an account (typed twice)."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("重设密码"))
        self.first, self.second = QLineEdit(), QLineEdit()
        for edit, hint in ((self.first, self.tr("新密码（至少 8 位，含字母和数字）")),
                           (self.second, self.tr("再次输入新密码"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(hint)
        self.error = make_label("", "error", wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(self.tr("为账号 {0} 设置新密码").format(username)))
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        if self.first.text() != self.second.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            return
        self.accept()

    @classmethod
    def ask(cls, username: str, parent: QWidget | None = None) -> str | None:
        dialog = cls(username, parent)
        return dialog.first.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
