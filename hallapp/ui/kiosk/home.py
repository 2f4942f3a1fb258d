"""The kiosk's first page: one big button per queue, item search, check-in, elder mode.

Waiting counts come from ``hall_status`` and are refreshed when the change feed reports a
ticket event (the window calls :meth:`HomePage.refresh`), never by a polling timer. A
refresh asked for while one runs is run once more afterwards, so a burst of events costs
two queries at most.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.day import QueueStatus, hall_status
from hallapp.services.queue_common import TICKET_QR_PREFIX
from hallapp.ui.common.errors import is_english, local_name, user_message
from hallapp.ui.common.widgets import make_label
from hallapp.ui.kiosk.widgets import KioskEnv, KioskPage, is_id_card, make_button

WRAP_AT = 7  # queue names longer than this break before their bracketed part


def queue_text(name: str) -> str:
    """综合出件（领证取件） becomes two lines, 商事登记 stays one. A name with spaces
    (English) is left to the button, which breaks it between words to fit its width."""
    if " " not in name.strip() and len(name) > WRAP_AT and "（" in name:
        head, _, tail = name.partition("（")
        return f"{head}\n（{tail}"
    return name


def is_ticket_scan(text: str) -> bool:
    """A ticket's QR code, as a scanner types it."""
    return text.strip().upper().startswith(TICKET_QR_PREFIX)


class HomePage(KioskPage):
    queue_chosen = Signal(str, str)  # code, name
    search_requested = Signal(str)
    checkin_requested = Signal()
    status_requested = Signal()
    scan_received = Signal(str)
    elder_toggled = Signal()
    language_toggled = Signal()

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.queue_buttons: dict[str, QPushButton] = {}
        self._refreshing = self._again = False
        self.prompt = make_label("", "prompt", wrap=True)
        self.error = make_label("", "error", wrap=True)
        self.error.hide()
        self.notice = make_label("", "notice", wrap=True)  # an ID card read here: where to
        self.notice.hide()
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.returnPressed.connect(self._on_search_submitted)
        self.search.textEdited.connect(self._on_search_text_edited)
        self.search_button = make_button("", name="searchButton")
        self.search_button.clicked.connect(self._on_search_submitted)
        self.checkin_button = make_button("", "secondary", "checkinButton")
        self.checkin_button.clicked.connect(self.checkin_requested)
        self.status_button = make_button("", "secondary", "statusButton")
        self.status_button.clicked.connect(self.status_requested)
        self.elder_button = make_button("", "secondary", "elderButton")
        self.elder_button.clicked.connect(self.elder_toggled)
        self.language_button = make_button("", "secondary", "languageButton")
        self.language_button.clicked.connect(self.language_toggled)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.search_row = QWidget()
        row = QHBoxLayout(self.search_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.search_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.checkin_button)
        bottom.addWidget(self.status_button)
        bottom.addStretch(1)
        bottom.addWidget(self.elder_button)
        bottom.addWidget(self.language_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(16)
        layout.addWidget(self.prompt)
        layout.addLayout(self.grid, 3)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.notice)
        layout.addWidget(self.search_row)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("请点击要办理的业务取号"))
        self.search.setPlaceholderText(
            self.tr("搜索事项：输入名称、关键词或拼音首字母（如 yyzz 营业执照）"))
        self.search_button.setText(self.tr("搜索"))
        self.notice.setText(self.tr("请先点击要办理的业务，到取号页再刷身份证"))
        self.checkin_button.setText(self.tr("预约签到"))
        self.status_button.setText(self.tr("号票查询 · 过号重排"))
        # Each language is named in itself, so it is found whatever the current one is.
        self.language_button.setText("中文" if is_english() else "English")
        self._update_elder_text()
        self._update_buttons()
        self._relayout()  # the names in another language may need other columns

    def _update_elder_text(self) -> None:
        self.elder_button.setText(self.tr("退出适老模式") if self.env.elder
                                  else self.tr("适老模式"))

    def set_elder(self, on: bool) -> None:
        self.search_row.setVisible(not on)
        self.checkin_button.setVisible(not on)
        self.language_button.setVisible(not on)
        self._update_elder_text()
        self._relayout(force=True)

    def reset(self) -> None:
        self.search.clear()
        self.notice.hide()

    def untouched(self) -> bool:
        """Nothing typed and nothing said here for the last applicant."""
        return not self.search.text() and self.notice.isHidden()

    def _on_search_text_edited(self) -> None:
        self.notice.hide()

    # --- queue counts --------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the waiting counts (after a feed event); coalesces overlapping calls."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing, self._again = True, False
        self.call(lambda: hall_status(self.env.ctx), self._on_status_loaded,
                  self._on_status_failed)

    def _on_status_loaded(self, status: object) -> None:
        self._refreshing = False
        self.show_error("")
        self.set_queues(getattr(status, "queues", ()))
        if self._again:
            self.refresh()

    def _on_status_failed(self, exc: BaseException) -> None:
        self._refreshing = False
        self.show_error(user_message(exc, "kiosk: hall status"))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_queues(self, statuses: Sequence[QueueStatus]) -> None:
        # A deactivated queue still listed for its tickets waiting takes no new one.
        statuses = [s for s in statuses if s.active]
        codes = [s.code for s in statuses]
        self.env.queues = list(statuses)
        if codes != list(self.queue_buttons):
            for button in self.queue_buttons.values():
                button.deleteLater()
            self.queue_buttons = {code: self._queue_button(code) for code in codes}
            self._relayout(force=True)
        self._update_buttons()

    def _queue_button(self, code: str) -> QPushButton:
        button = make_button("", "queue", f"queue_{code}", wrap=True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setMaximumHeight(240)
        button.clicked.connect(lambda _=False, c=code: self._on_queue_clicked(c))
        return button

    def _update_buttons(self) -> None:
        for status in self.env.queues:
            button = self.queue_buttons.get(status.code)
            if button is not None:
                waiting = self.tr("等候 {n} 人").format(n=status.waiting)
                name = local_name(status.name, status.name_en)
                button.setText(f"{queue_text(name)}\n{waiting}")

    def _on_queue_clicked(self, code: str) -> None:
        self.queue_chosen.emit(code, self.env.queue_name(code, code))

    def _columns(self) -> int:
        """By the window's width, not the page's: a page grown by its buttons' text chose
        four columns and grew on (English in elder mode: 1814 px on a 1280 px screen)."""
        return 4 if self.window().width() >= 1600 else 3

    def _relayout(self, force: bool = False) -> None:
        """Three columns (four on a wide screen), or four when in three the buttons' names,
        broken into lines to fit, need more height than the page has (long English names in
        elder-mode type: four lines each in three columns, two or three in four)."""
        columns = self._columns()
        if columns < 4:
            self._place(columns, force)
            layout = self.layout()
            if layout is not None and layout.heightForWidth(self.width()) > self.height():
                columns = 4
        self._place(columns, force)

    def _place(self, columns: int, force: bool) -> None:
        if not force and self.grid.property("columns") == columns:
            return
        self.grid.setProperty("columns", columns)
        for i, button in enumerate(self.queue_buttons.values()):
            self.grid.removeWidget(button)
            self.grid.addWidget(button, i // columns, i % columns)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _on_search_submitted(self) -> None:
        # Appointments (with ticket issuing behind it) load with the first search or scan,
        # not before the first frame.
        from hallapp.services.appointments import qr_payload

        text = self.search.text().strip()
        if is_id_card(text):
            # The card reader typed into the search box: never search for (and show) the
            # number; the ID is asked for on the take page, once a service is chosen.
            self.search.clear()
            self.notice.show()
        elif text.upper().startswith(qr_payload("")) or is_ticket_scan(text):
            self.search.clear()
            self.scan_received.emit(text)
        elif text:
            self.search_requested.emit(text)
