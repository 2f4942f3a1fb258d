"""The full-screen page a kiosk shows while the database cannot be reached.

No ticket can be issued without the database, so the kiosk says so plainly (暂停取号) and
comes back by itself when the change feed reports the connection restored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.widgets import KioskEnv, KioskPage


class OfflinePage(KioskPage):
    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        center = Qt.AlignmentFlag.AlignCenter
        self.banner = make_label("", "banner", wrap=True, align=center)
        self.message = make_label("", "title", wrap=True, align=center)
        self.hint = make_label("", "subtitle", wrap=True, align=center)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 60)
        layout.addStretch(1)
        layout.addWidget(self.banner)
        layout.addSpacing(40)
        layout.addWidget(self.message)
        layout.addSpacing(20)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.banner.setText(self.tr("暂停取号"))
        self.message.setText(self.tr("系统连接中断，暂时无法取号"))
        self.hint.setText(self.tr("系统正在自动恢复，请稍候；如需帮助请联系工作人员"))
