"""大厅信息: the hall's name, English name, address and phone, on the settings tab.

They head every ticket, slip, receipt and notice the hall prints (the address and phone at
their foot), the kiosk and the call display (the English name on English screens). A refusal
is shown under its field and what was typed stays; only the fields changed are sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from hallapp.services import admin
from hallapp.services.context import Ctx
from hallapp.services.hall import IDENTITY_FIELDS, MAX_ADDRESS, MAX_PHONE, HallInfo
from hallapp.ui.admin.base import FieldErrors
from hallapp.ui.common.widgets import make_button, make_label

Call = Callable[[Callable[[], Any], Callable[[Any], object], Callable[[BaseException], object]],
                None]


class HallIdentityBox(QGroupBox):
    """The five fields, their own save button and status; ``load`` shows the hall's."""

    def __init__(self, ctx: Ctx, call: Call, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("大厅信息（打印在号票、回执和通知书上，显示在自助机和综合屏）"),
                         parent)
        self.ctx, self.call = ctx, call
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.status = make_label("", "result", wrap=True)
        self.fields = {key: QLineEdit() for key in IDENTITY_FIELDS}
        for key, edit in self.fields.items():
            edit.setObjectName(f"hall_{key}")
            edit.setMaxLength({"address": MAX_ADDRESS, "address_en": MAX_ADDRESS,
                               "phone": MAX_PHONE}.get(key, 200))
        self.fields["phone"].setPlaceholderText(self.tr("如 0755-88123456 或手机号"))
        self.loaded: dict[str, str] = {}
        labels = {"name": self.tr("名称"), "name_en": self.tr("英文名称"),
                  "address": self.tr("地址"), "address_en": self.tr("英文地址"),
                  "phone": self.tr("咨询电话")}
        grid = QGridLayout()
        for n, key in enumerate(IDENTITY_FIELDS):
            row, col = divmod(n, 2)
            grid.addWidget(make_label(labels[key]), row, col * 2)
            grid.addWidget(self.errors.add(key, self.fields[key]), row, col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        save = make_button(self.tr("保存大厅信息"), name="saveIdentity")
        save.clicked.connect(self.save)
        end = QHBoxLayout()
        end.addWidget(self.error, 1)
        end.addWidget(self.status, 1)
        end.addWidget(save)
        layout = QGridLayout(self)
        layout.addLayout(grid, 0, 0)
        layout.addLayout(end, 1, 0)

    def load(self, hall: HallInfo) -> None:
        self.errors.clear()
        self.loaded = {"name": hall.name, "name_en": hall.name_en or "",
                       "address": hall.address or "", "address_en": hall.address_en or "",
                       "phone": hall.phone or ""}
        for key, value in self.loaded.items():
            self.fields[key].setText(value)

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from the hall's (an emptied one: to be cleared)."""
        return {key: edit.text().strip() for key, edit in self.fields.items()
                if edit.text().strip() != self.loaded.get(key, "")}

    def save(self) -> None:
        changes, ctx = self.changes(), self.ctx
        self.errors.clear()
        self.status.setText("")
        if not changes:
            self.status.setText(self.tr("没有修改"))
            return
        self.call(lambda: admin.set_identity(ctx, changes), self._on_saved, self.errors.show)

    def _on_saved(self, now: dict[str, str | None]) -> None:
        self.loaded = {key: value or "" for key, value in now.items()}
        for key, value in self.loaded.items():  # as stored: the phone as the check wrote it
            self.fields[key].setText(value)
        # the window's title, the kiosks and displays follow the change feed (hall_changed)
        self.status.setText(self.tr("大厅信息已保存"))
