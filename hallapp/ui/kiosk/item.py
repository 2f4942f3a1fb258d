"""One service item, shown before queueing: who handles it, how fast, and every material.

The applicant checks the materials here (请核对材料) before taking a ticket, so nobody waits
an hour to learn that a document is missing; the checklist can be printed to take home.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.catalogue import Item, Material, is_free
from hallapp.services.catalogue import get_item
from hallapp.services.search import ItemHit, find_item
from hallapp.ui.common.errors import local_name, screen_lang, user_message
from hallapp.ui.common.labels import item_type_label
from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.printing import checklist_data, print_checklist
from hallapp.ui.kiosk.widgets import KioskEnv, KioskPage, make_button


class ItemPage(KioskPage):
    take_requested = Signal(str, str, str)  # queue code, item code, item name as shown

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.item: Item | None = None
        self.hit: ItemHit | None = None
        self.name = make_label("", "title", wrap=True)
        self.department = make_label("", "subtitle", wrap=True)
        self.badges = QHBoxLayout()
        self.facts = make_label("", "subtitle", wrap=True)
        self.notice = make_label("", "notice", wrap=True)
        self.materials_title = make_label("", "subtitle")
        self.material_rows: list[QFrame] = []
        self.message = make_label("", "hint", wrap=True)
        self.back_button = make_button("", "secondary", "backButton")
        self.back_button.clicked.connect(self.home_requested)
        self.print_button = make_button("", "secondary", "printChecklistButton")
        self.print_button.clicked.connect(self._on_print_clicked)
        self.take_button = make_button("", "queue", "takeButton")
        self.take_button.setMinimumWidth(360)
        self.take_button.clicked.connect(self._on_take_clicked)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setSpacing(12)
        for widget in (self.name, self.department):
            self.body_layout.addWidget(widget)
        self.body_layout.addLayout(self.badges)
        for widget in (self.facts, self.notice, self.materials_title):
            self.body_layout.addWidget(widget)
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.take_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.notice.setText(self.tr("请核对材料，材料不齐可先看一次性告知"))
        self.back_button.setText(self.tr("返回"))
        self.print_button.setText(self.tr("打印材料清单"))
        self.take_button.setText(self.tr("取号"))
        if self.item is not None:
            self.show_item(self.item, self.hit)

    def reset(self) -> None:
        self.message.clear()

    def open(self, code: str) -> None:
        """Load item ``code`` (from the catalogue in force) and show it."""
        self.message.setText(self.tr("正在加载……"))
        self.take_button.setEnabled(False)
        ctx = self.env.ctx
        self.call(lambda: (get_item(ctx, code), find_item(ctx, code)),
                  lambda pair: self.show_item(*pair), self._on_load_failed)

    def _on_load_failed(self, exc: BaseException) -> None:
        self.message.setText(user_message(exc, "kiosk: item"))

    def show_item(self, item: Item, hit: ItemHit | None) -> None:
        self.item, self.hit = item, hit
        self.message.clear()
        self.take_button.setEnabled(True)
        self.name.setText(local_name(item.name, item.name_en))
        dept = local_name(hit.department_name, hit.department_name_en) if hit else item.department
        kind = item_type_label(item.item_type)
        self.department.setText(self.tr("{dept} · {kind}").format(dept=dept, kind=kind))
        self._show_badges(item)
        self.facts.setText(self._facts(item))
        self.materials_title.setText(self.tr("所需材料（共 {n} 项）").format(n=len(item.materials)))
        for row in self.material_rows:
            row.deleteLater()
        self.material_rows = [self._material_row(i, m) for i, m in enumerate(item.materials, 1)]
        at = self.body_layout.indexOf(self.materials_title) + 1
        for offset, row in enumerate(self.material_rows):
            self.body_layout.insertWidget(at + offset, row)

    def _show_badges(self, item: Item) -> None:
        while self.badges.count():
            entry = self.badges.takeAt(0)
            widget = entry.widget() if entry is not None else None
            if widget is not None:
                widget.deleteLater()
        flags = item.flags
        names = [(flags.on_spot, self.tr("马上办")), (flags.online, self.tr("网上办")),
                 (flags.nearby, self.tr("就近办")), (flags.one_visit, self.tr("一次办"))]
        for on, text in names:
            if on:
                self.badges.addWidget(make_label(text, "badge"))
        self.badges.addStretch(1)

    def _facts(self, item: Item) -> str:
        # %n texts: English needs "1 visit" and "2 visits" (Qt's numerus forms).
        p = item.promised_limit
        if item.is_immediate:
            limit = self.tr("即办件：当场办结")
        elif p.unit == "natural_day":
            limit = self.tr("承诺件：%n个自然日内办结", "", p.value)
        elif p.unit == "hour":
            limit = self.tr("承诺件：%n小时内办结", "", p.value)
        else:
            limit = self.tr("承诺件：%n个工作日内办结", "", p.value)
        # The catalogue's fee is the hall's own text; "free" in its usual words is translated.
        fee = self.tr("不收费") if is_free(item.fee) else local_name(str(item.fee), item.fee_en)
        visits = self.tr("最多跑 %n 次", "", item.visits_required)
        separator = self.tr("　·　")  # full-width spaces around the dot in Chinese only
        return separator.join((limit, self.tr("收费：{0}").format(fee), visits))

    def _material_row(self, index: int, m: Material) -> QFrame:
        forms = {"original": self.tr("原件"), "copy": self.tr("复印件"),
                 "original_and_copy": self.tr("原件及复印件"), "electronic": self.tr("电子材料")}
        core = self.tr("主审要件") if m.core else self.tr("非主审要件")
        parts = [core, forms.get(m.form, m.form)]
        if m.copies > 0 and m.form != "electronic":
            parts.append(self.tr("%n 份", "", m.copies))
        parts.append(self.tr("必须提交") if m.required else self.tr("非必须"))
        if m.source == "online":
            parts.append(self.tr("可在线核验"))
        if m.commitment_replaceable:
            parts.append(self.tr("可告知承诺替代"))
        row = QFrame()
        row.setObjectName("card")
        layout = QVBoxLayout(row)
        layout.setContentsMargins(16, 10, 16, 10)
        name = local_name(m.name, m.name_en)
        layout.addWidget(make_label(f"{index}. {name}", "materialName", wrap=True))
        layout.addWidget(make_label(" · ".join(parts), "subtitle", wrap=True))
        requirement = local_name(m.requirement, m.requirement_en) if m.requirement else None
        if requirement:
            label: QLabel = make_label(self.tr("要求：{text}").format(text=requirement), "hint",
                                       wrap=True)
            layout.addWidget(label)
        return row

    def _on_take_clicked(self) -> None:
        if self.item is not None:
            self.take_requested.emit(self.item.queue, self.item.code,
                                     local_name(self.item.name, self.item.name_en))

    def _on_print_clicked(self) -> None:
        item, hall, env = self.item, self.env.hall, self.env
        if item is None or hall is None:
            return
        self.print_button.setEnabled(False)
        self.message.setText(self.tr("正在打印材料清单……"))
        lang = screen_lang()
        self.call(lambda: print_checklist(env.printer, env.fallback,
                                          checklist_data(hall, item, lang), lang),
                  self._on_print_finished, self._on_print_failed)

    def _on_print_finished(self, _result: object) -> None:
        self.print_button.setEnabled(True)
        self.message.setText(self.tr("材料清单已打印，请取走"))

    def _on_print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.message.setText(user_message(exc, "kiosk: checklist"))
