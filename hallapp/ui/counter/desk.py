"""取号: a clerk takes a ticket for an applicant (人工取号, channel "window").

For those who cannot use the kiosk (the elderly, a disabled applicant, someone without a
phone or ID card at hand) a clerk at a window or the guide desk (导办台) takes the number
for them: the same line and daily serial as the kiosk's, its quotas and its one waiting
ticket per ID number. The clerk picks the queue, optionally the matter (事项: the queue's
items) and a green-channel class, and may enter the ID number and phone; a refusal is
shown under the field it is about, and nothing typed is lost. The number is shown large
with the people ahead and the wait; 打印号票 prints the ticket (roll format, through the
counter's document printer), as often as asked, each copy in the print log.

The ticket services come with reportlab behind printing, so printing is imported where
first used, as in :mod:`hallapp.ui.counter.booking`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.context import Ctx
from hallapp.services.hall import HallInfo, QueueInfo, get_hall, list_queues
from hallapp.services.queue_common import TicketInfo
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.widgets import item_choices, make_button, make_label, queue_choices
from hallapp.ui.counter.base import CounterEnv, CounterPanel, FieldNotes, PrintRow
from hallapp.ui.counter.printing import CaseDocumentPrinter, roll_width

if TYPE_CHECKING:
    from hallapp.services.catalogue import ItemSummary
    from hallapp.services.printing import PrintRecord

FIELDS = ("queue", "item", "priority", "id_number", "phone")  # those a refusal may name
Catalogue = tuple[list[QueueInfo], list["ItemSummary"], HallInfo]


def _load(ctx: Ctx) -> Catalogue:
    from hallapp.services.catalogue import list_items

    return list_queues(ctx), list_items(ctx), get_hall(ctx)


def _take(ctx: Ctx, queue: str, item: str | None, priority: str | None,
          id_number: str | None, phone: str | None) -> TicketInfo:
    from hallapp.services.tickets import take_ticket

    return take_ticket(ctx, queue, priority=priority, id_number=id_number, phone=phone,
                       item_code=item, channel="window")


class TicketDeskPanel(CounterPanel):
    def __init__(self, env: CounterEnv, printer: CaseDocumentPrinter,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.printer = printer
        self.items: list[ItemSummary] = []
        self.queue_names: dict[str, str] = {}  # by code, in the screen's language
        self.hall: HallInfo | None = None
        self.ticket: TicketInfo | None = None  # the one taken last, shown on the right
        self.queue, self.item, self.priority = QComboBox(), QComboBox(), QComboBox()
        for name, combo in (("deskQueue", self.queue), ("deskItem", self.item),
                            ("deskPriority", self.priority)):
            combo.setObjectName(name)
        self.edits = {"id_number": QLineEdit(), "phone": QLineEdit()}
        self.fields: dict[str, QWidget] = {"queue": self.queue, "item": self.item,
                                           "priority": self.priority, **self.edits}
        self.labels = {name: make_label() for name in FIELDS}
        self.hint = make_label("", "hint", wrap=True)
        self.message = make_label("", "error", wrap=True)
        self.notes = FieldNotes(self.fields, self.message)
        self.take_button = make_button("", "primary", "deskTake")
        self.print_button = make_button("", "secondary", "deskPrint")
        self.print_button.setEnabled(False)  # until a ticket is shown
        self.print_row = PrintRow(self.print_button, "englishTicket")
        self.number = make_label("", "bigNumber")
        self.detail = make_label("", "result", wrap=True)
        self._build()
        self.queue.currentIndexChanged.connect(self._show_items)
        self.take_button.clicked.connect(self._on_take_clicked)
        for edit in self.edits.values():  # Enter in a field takes the number
            edit.returnPressed.connect(self._on_field_return)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.retranslate()

    def _build(self) -> None:
        form = QFormLayout()
        for name in FIELDS:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(self.fields[name])
            column.addWidget(self.notes.labels[name])
            form.addRow(self.labels[name], column)
        left = QVBoxLayout()
        left.addWidget(self.hint)
        left.addLayout(form)
        left.addWidget(self.message)
        left.addWidget(self.take_button)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.number)
        right.addWidget(self.detail)
        right.addLayout(self.print_row)
        right.addStretch(1)
        body = QHBoxLayout(self)
        body.addLayout(left, 3)
        body.addLayout(right, 2)

    def retranslate(self) -> None:
        texts = {"queue": self.tr("队列"), "item": self.tr("事项"), "priority": self.tr("绿色通道"),
                 "id_number": self.tr("身份证号码"), "phone": self.tr("手机号码")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        for edit in self.edits.values():
            edit.setPlaceholderText(self.tr("选填"))
        self.hint.setText(self.tr("为不便使用自助机的申请人取号（导办、帮办）：与自助机同一号段，"
                                  "同样受每日及时段号量限制；同一身份证在同一队列只有一个等候中的号。"))
        self.take_button.setText(self.tr("取号"))
        self.print_button.setText(self.tr("打印号票"))
        self.print_row.retranslate(self.tr("英文号票"), self.tr("为阅读英文的办事人打印英文号票"))
        if self.item.count():
            self.item.setItemText(0, self._any_item())
        if self.hall is not None:
            self._show_priorities(self.hall)
        if self.ticket is not None:
            self._show_ticket(self.ticket)

    def _any_item(self) -> str:
        return self.tr("不限（本队列任一事项）")

    def set_online(self, online: bool) -> None:
        self.take_button.setEnabled(online)
        self.print_button.setEnabled(online and self.ticket is not None)

    # --- loading ---------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.hall is None:
            ctx = self.env.ctx
            self.call(lambda: _load(ctx), self._on_loaded, self._show_failure)

    def setup_changed(self) -> None:
        """The administrator changed the hall (its green channels) or the catalogue (a queue
        or item added, renamed or withdrawn): read them again now if the tab has been shown,
        else when it is."""
        if self.hall is not None:
            ctx = self.env.ctx
            self.call(lambda: _load(ctx), self._on_loaded, self._show_failure)

    def _on_loaded(self, loaded: Catalogue) -> None:
        queues, self.items, self.hall = loaded
        self.queue_names = {q.code: local_name(q.name, q.name_en) for q in queues}
        queue_choices(self.queue, queues)
        self._show_items()
        self._show_priorities(self.hall)

    def _show_items(self) -> None:
        queue = self.queue.currentData()
        item_choices(self.item, self._any_item(),
                     ((i.code, local_name(i.name, i.name_en)) for i in self.items
                      if i.queue == queue))

    def _show_priorities(self, hall: HallInfo) -> None:
        chosen = self.priority.currentData()
        self.priority.blockSignals(True)
        self.priority.clear()
        self.priority.addItem(self.tr("普通"), None)
        for p in hall.priority_classes:
            self.priority.addItem(local_name(str(p.get("name")), p.get("name_en")),
                                  str(p.get("code")))
        self.priority.setCurrentIndex(max(0, self.priority.findData(chosen)))
        self.priority.blockSignals(False)

    def _show_failure(self, exc: BaseException) -> None:
        self.message.setText(user_message(exc, "counter: ticket desk"))

    # --- taking ----------------------------------------------------------------------------

    def _on_field_return(self) -> None:
        if self.take_button.isEnabled():
            self._on_take_clicked()

    def _on_take_clicked(self) -> None:
        queue = self.queue.currentData()
        if not queue:
            return  # nothing loaded yet
        item, priority = self.item.currentData(), self.priority.currentData()
        id_number, phone = (self.edits[n].text().strip() or None for n in ("id_number", "phone"))
        self.notes.clear()
        self.take_button.setEnabled(False)
        ctx = self.env.ctx
        self.call(lambda: _take(ctx, queue, item, priority, id_number, phone), self._on_taken,
                  self._on_take_failed)

    def _on_taken(self, ticket: TicketInfo) -> None:
        self.take_button.setEnabled(self.env.online)
        for edit in self.edits.values():
            edit.clear()  # the applicant's details do not wait here for the next one
        self.priority.setCurrentIndex(0)
        self._show_ticket(ticket)
        self.print_button.setEnabled(self.env.online)

    def _show_ticket(self, ticket: TicketInfo) -> None:
        self.ticket = ticket
        self.number.setText(ticket.number)
        lines = [self.tr("{queue}，前面 {ahead} 人，预计等候 {minutes} 分钟").format(
            queue=self.queue_names.get(ticket.queue, ticket.queue_name),
            ahead=ticket.people_ahead,
            minutes=ticket.estimated_minutes)]
        lines += [text for text in (self._item_name(ticket.item_code),
                                    self._priority_name(ticket.priority)) if text]
        if ticket.existing:
            lines.insert(0, self.tr("该身份证在本队列已有等候中的号，未另取新号"))
        self.detail.setText("\n".join(lines))

    def _item_name(self, code: str | None) -> str | None:
        return next((local_name(i.name, i.name_en) for i in self.items if i.code == code), code)

    def _priority_name(self, code: str | None) -> str | None:
        """"绿色通道：60岁以上老人" for a green-channel ticket."""
        if not code or self.hall is None:
            return None
        found = next((p for p in self.hall.priority_classes if p.get("code") == code), {})
        name = local_name(str(found.get("name", code)), found.get("name_en"))
        return self.tr("绿色通道：{0}").format(name)

    def _on_take_failed(self, exc: BaseException) -> None:
        self.take_button.setEnabled(self.env.online)
        self.notes.show(exc, "counter: take ticket")  # or a quota reached, on the message line

    # --- printing --------------------------------------------------------------------------

    def _on_print_clicked(self) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        self.print_button.setEnabled(False)  # one click, one copy
        ctx, printer, lang = self.env.ctx, self.printer, self.print_row.lang
        width = roll_width(printer)

        def print_ticket() -> PrintRecord:
            from hallapp.services.printing import ticket_document  # reportlab

            return printer.print_job(ticket_document(ctx, ticket.id, width, lang=lang))

        self.call(print_ticket, self._on_printed, self._on_print_failed)

    def _on_printed(self, record: PrintRecord) -> None:
        self.print_button.setEnabled(self.env.online)
        self.message.setText("")
        where = (self.tr("已保存为 PDF：{0}").format((record.printer or "").removeprefix("pdf:"))
                 if record.outcome == "saved" else self.tr("号票已打印"))
        if self.ticket is not None:
            self._show_ticket(self.ticket)
            self.detail.setText(f"{self.detail.text()}\n{where}")

    def _on_print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(self.env.online)
        self.message.setText(self.tr("号票打印失败：{0}").format(
            user_message(exc, "counter: print ticket")))
