"""终端设备: per-terminal settings — kind, ticket printer, thermal roll, idle return, language.

Terminals are named by ``HALLAPP_TERMINAL``; the client of the saved kind running under that
name applies them at once (``hallapp.ui.common.device``): a kiosk its language, printer, roll
width and idle time; a counter its printer, roll width and language; a call display its
language; a rating pad its language and idle time. ``--lang`` wins over the saved language.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from hallapp.services import admin
from hallapp.services.hall import HallInfo, get_hall
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors, beside, form_box
from hallapp.ui.admin.editable import tr
from hallapp.ui.admin.models import DeviceTableModel
from hallapp.ui.admin.queues import table_view
from hallapp.ui.common.widgets import make_button, make_label


class DevicePage(AdminPanel):
    FEED_KINDS = ("hall_changed",)

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = DeviceTableModel(env, self)
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.status = make_label("", "result", wrap=True)
        self.terminal, self.printer = QLineEdit(), QLineEdit()
        self.printer.setPlaceholderText(self.tr("留空则保存为 PDF"))
        self.kind, self.roll, self.language = QComboBox(), QComboBox(), QComboBox()
        for value, label in DeviceTableModel.KINDS.items():
            self.kind.addItem(tr(label), value)
        for width in (80, 58):
            self.roll.addItem(self.tr("{0} 毫米").format(width), width)
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.idle = QSpinBox()
        self.idle.setRange(0, 9999)
        self.idle.setValue(60)
        self._build()

    def _build(self) -> None:
        self.table = table_view(self.model, "printer")
        self.table.clicked.connect(self._on_table_clicked)
        form = QFormLayout()
        form.addRow(self.tr("终端名称"), self.errors.add("terminal", self.terminal))
        form.addRow(self.tr("终端类型"), self.errors.add("kind", self.kind))
        form.addRow(self.tr("打印机"), self.errors.add("printer", self.printer))
        form.addRow(self.tr("热敏纸宽度"), self.errors.add("roll_width_mm", self.roll))
        form.addRow(self.tr("无操作返回首页（秒）"), self.errors.add("idle_seconds", self.idle))
        form.addRow(self.tr("界面语言"), self.errors.add("language", self.language))
        save = make_button(self.tr("保存终端设置"), name="saveDevice")
        save.clicked.connect(self.save)
        box = form_box(self.tr("终端设置"), form, self.error, save, status=self.status,
                       hint=self.tr("终端名称即该电脑的 HALLAPP_TERMINAL。"))
        beside(self, self.table, box)

    def refresh(self) -> None:
        ctx = self.env.ctx
        self.call(lambda: get_hall(ctx), self._on_hall_loaded, self.errors.show)

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        devices = hall.settings.get("devices") or {}
        self.model.set_rows(sorted(devices.items()))

    def show_device(self, terminal: str, device: dict[str, Any]) -> None:
        self.errors.clear()
        self.terminal.setText(terminal)
        for combo, key in ((self.kind, "kind"), (self.roll, "roll_width_mm"),
                           (self.language, "language")):
            combo.setCurrentIndex(max(0, combo.findData(device.get(key))))
        self.printer.setText(device.get("printer") or "")
        self.idle.setValue(int(device.get("idle_seconds") or 60))

    def save(self) -> None:
        terminal, kind = self.terminal.text(), self.kind.currentData()
        options = {"printer": self.printer.text().strip() or None,
                   "roll_width_mm": self.roll.currentData(), "idle_seconds": self.idle.value(),
                   "language": self.language.currentData()}
        ctx = self.env.ctx
        self.errors.clear()
        self.call(lambda: admin.set_device(ctx, terminal, kind, **options),
                  lambda _r: self._on_saved(terminal.strip()), self.errors.show)

    def _on_saved(self, terminal: str) -> None:
        self.status.setText(self.tr("终端 {0} 的设置已保存").format(terminal))
        self.refresh()

    def _on_table_clicked(self, index: QModelIndex) -> None:
        self.show_device(*self.model.row(index.row()))
        self.status.setText("")
