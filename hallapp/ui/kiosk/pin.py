"""The admin PIN that unlocks a kiosk (to close it, e.g. for maintenance).

The kiosk runs full screen in public; only staff who know the PIN may leave it. The PIN
comes from the hall setting ``kiosk_admin_pin``, else ``options["admin_pin"]``, else the
installation default. A wrong PIN keeps the kiosk locked.
"""

from __future__ import annotations

import hmac

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.widgets import KeypadWidget, make_button

DEFAULT_PIN = "246810"


def pin_matches(entered: str | None, expected: str) -> bool:
    return entered is not None and hmac.compare_digest(entered.strip().encode(),
                                                       expected.encode())


class AdminPinDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("管理员验证"))
        self.setModal(True)
        self.title = make_label(self.tr("请输入管理员密码"), "title")
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(16)
        self.pin.returnPressed.connect(self.accept)
        keypad = KeypadWidget([str(d) for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 0)], 3, [self.pin])
        ok = make_button(self.tr("确定"))
        ok.clicked.connect(self.accept)
        cancel = make_button(self.tr("取消"), "secondary")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pin)
        layout.addWidget(keypad)
        layout.addLayout(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> str | None:
        """The PIN typed, or None if cancelled (tests replace this)."""
        dialog = cls(parent)
        dialog.pin.setFocus()
        return dialog.pin.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
