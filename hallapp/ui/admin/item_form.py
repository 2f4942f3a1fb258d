"""The fields of a service item (十统一 elements, limits, 四办 flags, 容缺/告知承诺/秒批).

:class:`ItemForm` shows one record in ``Item.as_dict()`` shape (:meth:`ItemForm.load`) and
gives it back edited (:meth:`ItemForm.collect`); keys the form does not show are kept as they
were. It checks nothing itself: the service validates and names the field, and the field's
error label (registered in the editor's :class:`FieldErrors`) shows the message.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.catalogue import (
    ITEM_TYPES,
    LIMIT_UNITS,
    MAX_LIMIT,
    MAX_VISITS,
    NORM_MINUTES,
)
from hallapp.ui.admin.base import FieldErrors
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, tr
from hallapp.ui.admin.models import HANDLING, UNITS
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.labels import item_type_label

LINE_FIELDS = {"code": QT_TRANSLATE_NOOP("Admin", "实施编码"),
               "basic_code": QT_TRANSLATE_NOOP("Admin", "基本编码"),
               "name": QT_TRANSLATE_NOOP("Admin", "事项名称"),
               "name_en": QT_TRANSLATE_NOOP("Admin", "英文名称"),
               "sub_item": QT_TRANSLATE_NOOP("Admin", "子项"),
               "keywords": QT_TRANSLATE_NOOP("Admin", "检索关键词"),
               "keywords_en": QT_TRANSLATE_NOOP("Admin", "英文检索关键词"),
               "fee": QT_TRANSLATE_NOOP("Admin", "收费标准"),
               "fee_en": QT_TRANSLATE_NOOP("Admin", "收费标准（英文）"),
               "fee_basis": QT_TRANSLATE_NOOP("Admin", "收费依据")}
TEXT_FIELDS = {"conditions": QT_TRANSLATE_NOOP("Admin", "办理条件"),
               "conditions_en": QT_TRANSLATE_NOOP("Admin", "办理条件（英文）"),
               "legal_basis": QT_TRANSLATE_NOOP("Admin", "设定依据"),
               "process": QT_TRANSLATE_NOOP("Admin", "办理流程"),
               "form_elements": QT_TRANSLATE_NOOP("Admin", "表单要素")}
LIST_FIELDS = ("legal_basis", "process", "form_elements")
KEYWORD_FIELDS = ("keywords", "keywords_en")
FLAGS = {"on_spot": QT_TRANSLATE_NOOP("Admin", "马上办"),
         "online": QT_TRANSLATE_NOOP("Admin", "网上办"),
         "nearby": QT_TRANSLATE_NOOP("Admin", "就近办"),
         "one_visit": QT_TRANSLATE_NOOP("Admin", "一次办")}
OPTIONS = {"tolerant_allowed": QT_TRANSLATE_NOOP("Admin", "允许容缺受理"),
           "commitment_allowed": QT_TRANSLATE_NOOP("Admin", "允许告知承诺制"),
           "appointment": QT_TRANSLATE_NOOP("Admin", "支持预约"),
           "express_delivery": QT_TRANSLATE_NOOP("Admin", "支持快递送达")}
APPLICANTS = {"person": QT_TRANSLATE_NOOP("Admin", "自然人"),
              "legal": QT_TRANSLATE_NOOP("Admin", "法人")}


class LimitEdit(QWidget):
    """A time limit: a number and its unit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QSpinBox()
        self.value.setRange(0, MAX_LIMIT)
        self.unit = QComboBox()
        for unit in LIMIT_UNITS:
            self.unit.addItem(tr(UNITS[unit]), unit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.value)
        row.addWidget(self.unit, 1)

    def set(self, raw: dict[str, Any] | None) -> None:
        raw = raw or {}
        self.value.setValue(int(raw.get("value") or 0))
        self.unit.setCurrentIndex(max(0, self.unit.findData(raw.get("unit", "working_day"))))

    def get(self) -> dict[str, Any]:
        return {"value": self.value.value(), "unit": self.unit.currentData()}


class ItemForm(QWidget):
    """The item's own fields in two pages (basic, handling); the editor places the pages."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.base: dict[str, Any] = {}
        self.lines = {name: QLineEdit() for name in LINE_FIELDS}
        self.lines["keywords"].setPlaceholderText(self.tr("多个关键词用；分隔"))
        self.lines["keywords_en"].setPlaceholderText(self.tr("如 company; business licence"))
        self.texts = {name: QPlainTextEdit() for name in TEXT_FIELDS}
        for name in LIST_FIELDS:
            self.texts[name].setPlaceholderText(self.tr("每行一条"))
        for edit in self.texts.values():
            edit.setMinimumHeight(64)
        self.item_type, self.department, self.queue = QComboBox(), QComboBox(), QComboBox()
        for t in ITEM_TYPES:
            self.item_type.addItem(item_type_label(t), t)
        self.handling = QComboBox()
        for value, label in HANDLING.items():
            self.handling.addItem(tr(label), value)
        self.statutory, self.promised = LimitEdit(), LimitEdit()
        self.visits, self.norm = QSpinBox(), QSpinBox()
        self.visits.setRange(0, MAX_VISITS)
        self.visits.setSpecialValueText(self.tr("0（全程网办）"))  # 0 is a choice, not a blank
        self.norm.setRange(*NORM_MINUTES)
        self.flags = {name: QCheckBox(tr(label)) for name, label in FLAGS.items()}
        self.options = {name: QCheckBox(tr(label)) for name, label in OPTIONS.items()}
        self.auto = QCheckBox(self.tr("符合条件的申请秒批（自动审批）"))
        self.auto_online = QCheckBox(self.tr("要求全部材料在线核验"))
        self.auto_types = {name: QCheckBox(tr(label)) for name, label in APPLICANTS.items()}
        self.basic_page, self.handling_page = self._basic_page(), self._handling_page()

    def _field(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        form.addRow(tr(label), self.errors.add(name, widget))

    def _basic_page(self) -> QWidget:
        page, grid = QWidget(), QGridLayout()
        left, right = QFormLayout(), QFormLayout()
        for name in ("code", "basic_code", "name", "name_en", "sub_item"):
            self._field(left, name, LINE_FIELDS[name], self.lines[name])
        self._field(left, "item_type", QT_TRANSLATE_NOOP("Admin", "事项类型"), self.item_type)
        self._field(left, "department", QT_TRANSLATE_NOOP("Admin", "实施部门"), self.department)
        self._field(left, "queue", QT_TRANSLATE_NOOP("Admin", "取号队列"), self.queue)
        for name in ("keywords", "keywords_en", "fee", "fee_en", "fee_basis"):
            self._field(left, name, LINE_FIELDS[name], self.lines[name])
        for name, label in TEXT_FIELDS.items():
            self._field(right, name, label, self.texts[name])
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        page.setLayout(grid)
        return page

    def _handling_page(self) -> QWidget:
        page, grid = QWidget(), QGridLayout()
        form = QFormLayout()
        self._field(form, "statutory_limit", QT_TRANSLATE_NOOP("Admin", "法定时限"), self.statutory)
        self._field(form, "promised_limit", QT_TRANSLATE_NOOP("Admin", "承诺时限"), self.promised)
        self._field(form, "handling_type", QT_TRANSLATE_NOOP("Admin", "办件类型"), self.handling)
        self._field(form, "visits_required", QT_TRANSLATE_NOOP("Admin", "到现场次数"), self.visits)
        self._field(form, "service_norm_minutes",
                    QT_TRANSLATE_NOOP("Admin", "标准办理时长（分钟）"), self.norm)
        grid.addLayout(form, 0, 0, 2, 1)
        # One under another: side by side, in English, they set the editor's width and
        # squeezed the catalogue list beside it to three characters a name.
        grid.addWidget(self._group(self.tr("四办"), "flags", list(self.flags.values()),
                                   vertical=True), 0, 1)
        options = [self.errors.add(name, box) if name.endswith("_allowed") else box
                   for name, box in self.options.items()]
        grid.addWidget(self._group(self.tr("容缺、告知承诺与送达"), None, options,
                                   vertical=True), 1, 1)
        auto = [self.auto, self.auto_online, *self.auto_types.values()]
        grid.addWidget(self._group(self.tr("秒批规则"), "auto_approve", auto), 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        page.setLayout(grid)
        return page

    def _group(self, title: str, field: str | None, boxes: Sequence[QWidget], *,
               vertical: bool = False) -> QWidget:
        group = QGroupBox(title)
        layout = QVBoxLayout(group) if vertical else QHBoxLayout(group)
        for box in boxes:
            layout.addWidget(box)
        layout.addStretch(1)
        return self.errors.add(field, group) if field else group

    # --- the record ------------------------------------------------------------------------

    def set_choices(self, departments: Sequence[dict[str, Any]],
                    queues: Sequence[dict[str, Any]]) -> None:
        """The departments and queues an item may name (codes stored, names shown)."""
        for combo, rows in ((self.department, departments), (self.queue, queues)):
            current = combo.currentData()
            combo.clear()
            for row in rows:
                name = local_name(row["name"], row.get("name_en"))  # the screen's language
                combo.addItem(f"{row['code']} {name}", row["code"])
            _select(combo, current)

    def load(self, raw: dict[str, Any]) -> None:
        self.base = copy.deepcopy(raw)
        for name, edit in self.lines.items():
            value = raw.get(name)
            separator = "; " if name == "keywords_en" else "；"
            edit.setText(separator.join(value) if isinstance(value, list) else str(value or ""))
            edit.setCursorPosition(0)
        for name, text in self.texts.items():
            value = raw.get(name)
            text.setPlainText("\n".join(value) if isinstance(value, list) else str(value or ""))
        for combo, name in ((self.item_type, "item_type"), (self.department, "department"),
                            (self.queue, "queue"), (self.handling, "handling_type")):
            _select(combo, raw.get(name))
        self.statutory.set(raw.get("statutory_limit"))
        self.promised.set(raw.get("promised_limit"))
        self.visits.setValue(int(raw.get("visits_required") or 0))
        self.norm.setValue(int(raw.get("service_norm_minutes") or 0))
        flags = raw.get("flags") or {}
        for name, box in self.flags.items():
            box.setChecked(bool(flags.get(name)))
        for name, box in self.options.items():
            box.setChecked(bool(raw.get(name)))
        self._load_auto(raw.get("auto_approve"))

    def _load_auto(self, auto: dict[str, Any] | None) -> None:
        self.auto.setChecked(auto is not None)
        self.auto_online.setChecked(bool((auto or {}).get("require_all_verified_online", True)))
        types = (auto or {}).get("applicant_types") or ["person"]
        for name, box in self.auto_types.items():
            box.setChecked(name in types)

    def collect(self) -> dict[str, Any]:
        """The record as edited; unshown keys (demo, version, materials) as loaded."""
        raw = copy.deepcopy(self.base)
        for name, edit in self.lines.items():
            raw[name] = edit.text().strip() or None
        for name in KEYWORD_FIELDS:  # one line, the words split at ; or ；
            raw[name] = [k.strip() for k in (raw[name] or "").replace(";", "；").split("；")
                         if k.strip()]
        for name, text in self.texts.items():
            value = text.toPlainText().strip()
            raw[name] = value.splitlines() if name in LIST_FIELDS else (value or None)
        raw.update(item_type=self.item_type.currentData(), department=self.department.currentData(),
                   queue=self.queue.currentData(), handling_type=self.handling.currentData(),
                   statutory_limit=self.statutory.get(), promised_limit=self.promised.get(),
                   visits_required=self.visits.value(), service_norm_minutes=self.norm.value())
        raw["flags"] = {name: box.isChecked() for name, box in self.flags.items()}
        raw.update({name: box.isChecked() for name, box in self.options.items()})
        raw["auto_approve"] = None if not self.auto.isChecked() else {
            "require_all_verified_online": self.auto_online.isChecked(),
            "applicant_types": [n for n, box in self.auto_types.items() if box.isChecked()]}
        return raw


def _select(combo: QComboBox, value: Any) -> None:
    """Select ``value``; a value the list lacks (an unknown queue) is added, not lost."""
    if value is None:
        return
    index = combo.findData(value)
    if index < 0:
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
