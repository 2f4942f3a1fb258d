"""The admin's dialogs, each behind a classmethod ``ask(...)`` so tests can replace them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hallapp.ui.admin.base import FieldErrors
from hallapp.ui.common.widgets import ConfirmDialog, make_label

__all__ = ["ConfirmDialog", "OpenFileDialog", "PasswordDialog", "SaveFileDialog",
           "SavingDialog", "UnsavedDialog"]


class UnsavedDialog:
    """Unsaved edits, before they would be left: "save", "discard" or "cancel" (stay)."""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str) -> str:
        translate = QCoreApplication.translate
        box = QMessageBox(QMessageBox.Icon.Question, translate("UnsavedDialog", "未保存的修改"),
                          text, QMessageBox.StandardButton.NoButton, parent)
        role = QMessageBox.ButtonRole
        answers = {
            box.addButton(translate("UnsavedDialog", "保存"), role.AcceptRole): "save",
            box.addButton(translate("UnsavedDialog", "放弃"), role.DestructiveRole): "discard",
            box.addButton(translate("UnsavedDialog", "取消"), role.RejectRole): "cancel"}
        box.setEscapeButton(next(b for b, a in answers.items() if a == "cancel"))
        box.exec()
        clicked = box.clickedButton()
        return next((a for b, a in answers.items() if b is clicked), "cancel")


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


# Starts saving a password: (password, on_saved, on_refused), the callbacks on the GUI thread.
SavePassword = Callable[[str, Callable[[object], object], Callable[[BaseException], object]],
                        None]


class SavingDialog(QDialog):
    """A dialog that saves before it closes: OK starts :meth:`_save` (the caller runs the
    service off the GUI thread and calls back), a refusal is shown in the dialog beside its
    field with what was typed kept, and Esc does not close it while the save is in flight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saving = False
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _checked(self) -> bool:
        """What the dialog checks itself before saving (False: told, not saved)."""
        return True

    def _save(self, saved: Callable[[object], object],
              refused: Callable[[BaseException], object]) -> None:
        raise NotImplementedError

    def _first_field(self) -> QWidget:
        """Where the cursor goes after a refusal that names no field of the dialog."""
        raise NotImplementedError

    def _on_buttons_accepted(self) -> None:
        self.errors.clear()
        if not self._checked():
            return
        self.saving = True
        self.buttons.setEnabled(False)
        self._save(self._on_saved, self._on_refused)

    def _on_saved(self, _result: object) -> None:
        self.saving = False
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        field = self.errors.show(exc)
        (field or self._first_field()).setFocus()

    def reject(self) -> None:
        if not self.saving:  # not closed (Esc) while saving
            super().reject()


class PasswordDialog(SavingDialog):
    """A new password for an account (typed twice), saved before the dialog closes: a refusal
    ("密码至少 8 位") is shown under the password with what was typed kept, to correct it."""

    def __init__(self, username: str, save: SavePassword, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("重设密码"))
        self.save = save
        self.first, self.second = QLineEdit(), QLineEdit()
        for edit, hint in ((self.first, self.tr("新密码（至少 8 位，含字母和数字）")),
                           (self.second, self.tr("再次输入新密码"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(hint)
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(self.tr("为账号 {0} 设置新密码").format(username)))
        layout.addWidget(self.errors.add("password", self.first))
        layout.addWidget(self.second)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _checked(self) -> bool:
        if self.first.text() != self.second.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            return False
        return True

    def _save(self, saved: Callable[[object], object],
              refused: Callable[[BaseException], object]) -> None:
        self.save(self.first.text(), saved, refused)

    def _first_field(self) -> QWidget:
        return self.first

    @classmethod
    def ask(cls, username: str, save: SavePassword, parent: QWidget | None = None) -> bool:
        """True once ``save`` has saved a password typed in the dialog; False if cancelled."""
        return cls(username, save, parent).exec() == QDialog.DialogCode.Accepted
