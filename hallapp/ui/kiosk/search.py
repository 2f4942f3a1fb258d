"""Search results: every matching item as a card with its full name and department.

The search itself is :func:`hallapp.services.search.search_items` (name, keyword or pinyin
initials); the index is cached per process, so after the first search a query costs no
database round trip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.search import ItemHit, search_items
from hallapp.ui.common.errors import is_english, local_name, user_message
from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.widgets import ItemCard, KioskEnv, KioskPage, is_id_card, make_button

MAX_RESULTS = 12


class SearchPage(KioskPage):
    item_chosen = Signal(str)

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.hits: list[ItemHit] = []
        self.cards: list[ItemCard] = []
        self.title = make_label("", "title")
        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.returnPressed.connect(self._on_query_submitted)
        self.search_button = make_button("")
        self.search_button.clicked.connect(self._on_query_submitted)
        self.status = make_label("", "subtitle", wrap=True)
        self.back_button = make_button("", "secondary", "backButton")
        self.back_button.clicked.connect(self.home_requested)
        self.results = QWidget()
        self.results_layout = QVBoxLayout(self.results)
        self.results_layout.setSpacing(12)
        self.results_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.results)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("查找办理事项"))
        self.query.setPlaceholderText(self.tr("输入名称、关键词或拼音首字母"))
        self.search_button.setText(self.tr("搜索"))
        self.back_button.setText(self.tr("返回首页"))

    def reset(self) -> None:
        self.query.clear()
        self.show_hits([])
        self.status.clear()

    def start(self, text: str) -> None:
        """Show this page searching for ``text``."""
        self.query.setText(text)
        self._on_query_submitted()

    def _on_query_submitted(self) -> None:
        text = self.query.text().strip()
        if is_id_card(text):  # the card reader typed into the field: drop it, never show it
            self.query.clear()
            self.show_hits([])
            self.status.setText(self.tr("请先找到要办理的事项，到取号页再刷身份证"))
            return
        if not text:
            return
        self.status.setText(self.tr("正在查找……"))
        ctx, english = self.env.ctx, is_english()
        # Not an item whose queue is deactivated: no ticket could be taken for it.
        self.call(lambda: search_items(ctx, text, MAX_RESULTS, english, offered=True),
                  self._on_search_finished, self._on_search_failed)

    def _on_search_finished(self, hits: list[ItemHit]) -> None:
        self.show_hits(hits)
        if hits:
            self.status.setText(self.tr("找到 %n 个事项，请点击查看所需材料", "", len(hits)))
        else:
            self.status.setText(self.tr("没有找到相关事项，请换个关键词，或直接返回首页按业务取号"))

    def _on_search_failed(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc, "kiosk: search"))

    def show_hits(self, hits: list[ItemHit]) -> None:
        for card in self.cards:
            card.deleteLater()
        self.hits, self.cards = list(hits), []
        for hit in hits:
            card = ItemCard(hit.code, local_name(hit.name, hit.name_en),
                            local_name(hit.department_name, hit.department_name_en))
            card.clicked.connect(self.item_chosen)
            self.results_layout.insertWidget(self.results_layout.count() - 1, card)
            self.cards.append(card)
        self.results.adjustSize()
        self.results_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
