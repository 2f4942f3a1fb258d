"""大厅设置: the hall's name, address and phone on top (:mod:`hallapp.ui.admin.identity`); below,
the form generated from ``admin.SETTINGS`` (recall limits, no-show rules, anti-starvation,
warnings, the 差评 follow-up deadline, alert thresholds, masking, the call announcement, the
display notice, the kiosk PIN).

Numbers are bounded by the schema; texts are checked by the service (a template without
{number} is refused under its field). Only the settings changed are sent, in one call, so
one bad value saves none.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallapp.services import admin
from hallapp.services.admin import SETTINGS, Setting
from hallapp.services.hall import HallInfo, get_hall
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors
from hallapp.ui.admin.identity import HallIdentityBox
from hallapp.ui.common.widgets import make_button, make_label, restyle


def setting_widget(spec: Setting) -> QWidget:
    if spec.kind is bool:
        return QCheckBox()
    if spec.kind is int:
        spin = QSpinBox()
        spin.setRange(spec.minimum or 0, spec.maximum or 99_999)
        return spin
    edit = QLineEdit()
    if spec.maximum:
        edit.setMaxLength(spec.maximum)
    return edit


class SettingsPage(AdminPanel):
    FEED_KINDS = ("hall_changed",)

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.status = make_label("", "result", wrap=True)
        self.widgets = {key: setting_widget(spec) for key, spec in SETTINGS.items()}
        self.loaded: dict[str, Any] = {}
        columns = QHBoxLayout()
        keys = list(SETTINGS)
        half = (len(keys) + 1) // 2
        for part in (keys[:half], keys[half:]):
            form = QFormLayout()
            for key in part:
                label = make_label(QCoreApplication.translate("AdminSettings", SETTINGS[key].label),
                                   wrap=True)
                form.addRow(label, self.errors.add(key, self.widgets[key]))
            columns.addLayout(form, 1)
        self.identity = HallIdentityBox(env.ctx, self.call)
        body = QWidget()
        stack = QVBoxLayout(body)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.identity)
        stack.addLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        save, revert = make_button(self.tr("保存设置"), name="saveSettings"), make_button(
            self.tr("撤销修改"), "secondary")
        save.clicked.connect(self.save)
        revert.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(revert)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        hint = self.tr("叫号播报模板可用 {number}（号码）和 {window}（窗口号）。"
                       "修改后各终端即时生效。")
        layout.addWidget(make_label(hint, "hint", wrap=True))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)

    def refresh(self) -> None:
        ctx = self.env.ctx
        self.call(lambda: get_hall(ctx), self._on_hall_loaded, self.errors.show)

    def on_feed(self, _payloads: list[dict[str, Any]]) -> None:
        """Another terminal saved settings: reload unless the admin is mid-edit."""
        if not self.changes() and not self.identity.changes():
            self.refresh()
        else:  # in red, as the hours tab's note: not a confirmation
            restyle(self.status, "error")
            self.status.setText(self.tr("其他终端修改了大厅设置；保存前可先撤销修改以查看最新值"))

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        self.identity.load(hall)
        self.errors.clear()
        if self.status.objectName() == "error":  # 撤销修改: the latest values are shown now
            restyle(self.status, "result")
            self.status.setText("")
        self.loaded = {key: hall.setting(key) for key in SETTINGS}  # stored, else default
        for key, value in self.loaded.items():
            self.set_value(key, value)

    def set_value(self, key: str, value: Any) -> None:
        widget = self.widgets[key]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value) if value is not None else widget.minimum())
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))

    def value(self, key: str) -> Any:
        widget = self.widgets[key]
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def changes(self) -> dict[str, Any]:
        """Settings whose shown value differs from the one in force (the stored one, else the
        default; a setting with neither is unset, and an empty text or unticked box leaves it
        so)."""
        out = {}
        for key in SETTINGS:
            stored, shown, widget = self.loaded.get(key), self.value(key), self.widgets[key]
            unset = ("", False, widget.minimum() if isinstance(widget, QSpinBox) else None)
            if (shown not in unset) if stored is None else (shown != stored):
                out[key] = shown
        return out

    def save(self) -> None:
        changes, ctx = self.changes(), self.env.ctx
        self.errors.clear()
        restyle(self.status, "result")
        if not changes:
            self.status.setText(self.tr("没有修改"))
            return
        self.call(lambda: admin.update_settings(ctx, changes),
                  lambda _r: self._on_saved(len(changes)), self.errors.show)

    def _on_saved(self, count: int) -> None:
        self.status.setText(self.tr("已保存 %n 项设置", "", count))
        self.refresh()
