"""预约: book an appointment for an applicant at the window (or on the phone), see the day's
bookings, cancel one.

The clerk picks a day and a queue, then one of its slots still taking bookings (an
administrator opens them; one past its grace period is not offered); the matter (事项) is
optional, and picking one leaves only the slots it may use: the queue's own and those kept
for that item (a slot kept for an item books that item even when none is picked). Name, ID
number and phone are optional, and a wrong one is explained under its field with nothing
booked and nothing cleared. A booking shows its 8-character code and its QR code on screen,
for the applicant to photograph or note; the kiosk's 预约签到 takes either. The day's bookings
are listed across the tab's width with personal data masked, and one not yet checked in can
be cancelled with a reason, which frees its place. 打印预约凭条 prints (or reprints) the slip
of the booking shown, through the counter's document printer; the print log keeps every copy.

The appointment services come with ticket issuing behind them, and the printing service with
reportlab, so they are imported where first used (as :mod:`hallapp.ui.counter.intake` does):
this tab is not on the first frame.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.hallday import hall_zone
from hallapp.services.context import Ctx
from hallapp.services.hall import QueueInfo, get_hall, list_queues
from hallapp.ui.common.errors import is_english, local_name, user_message
from hallapp.ui.common.hall_today import HallToday
from hallapp.ui.common.qr import qr_pixmap
from hallapp.ui.common.widgets import (
    item_choices,
    make_button,
    make_label,
    queue_choices,
    row_table,
)
from hallapp.ui.counter.base import CounterEnv, CounterPanel, FieldNotes, PrintRow
from hallapp.ui.counter.dialogs import ReasonDialog
from hallapp.ui.counter.models import BookingModel, SlotModel, slot_span
from hallapp.ui.counter.printing import CaseDocumentPrinter, roll_width

if TYPE_CHECKING:
    from hallapp.services.appointments import AppointmentInfo, SlotInfo
    from hallapp.services.catalogue import ItemSummary
    from hallapp.services.printing import PrintRecord

FIELDS = ("name", "id_number", "phone")
ALL_FIELDS = ("item", *FIELDS)  # those a refusal may name
QR_PIXELS = 150


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _load_catalogue(ctx: Ctx) -> tuple[list[QueueInfo], list[ItemSummary], str]:
    from hallapp.services.catalogue import list_items

    return list_queues(ctx), list_items(ctx), get_hall(ctx).timezone


def _load_day(ctx: Ctx, day: date, queue: str) -> tuple[list[SlotInfo], list[AppointmentInfo]]:
    from hallapp.services import appointments

    return (appointments.list_slots(ctx, day, queue),
            appointments.list_bookings(ctx, day, queue))


class BookingPanel(CounterPanel):
    def __init__(self, env: CounterEnv, printer: CaseDocumentPrinter,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.printer = printer
        self.queues: list[QueueInfo] = []
        self.items: list[ItemSummary] = []
        self.day_slots: list[SlotInfo] = []  # the queue's; the table shows the item's
        self.slots, self.bookings = SlotModel(self), BookingModel(self)
        self.day = QDateEdit()
        self.day.setObjectName("bookingDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.zone = hall_zone()  # until the hall is read
        # The earliest day to book follows the hall's clock: the counter stays open for days.
        self.today = HallToday(env.ctx.clock, self)
        self.today.turned.connect(self._on_day_turned)
        self.day.setDate(_qdate(self.today()))
        self.day.setMinimumDate(self.day.date())
        self.queue = QComboBox()
        self.queue.setObjectName("bookingQueue")
        self.item = QComboBox()
        self.item.setObjectName("bookingItem")
        self.slot_table = row_table(self.slots, "slots", stretch="item")
        self.booking_table = row_table(self.bookings, "bookings", stretch="item")
        self.edits = {name: QLineEdit() for name in FIELDS}
        self.book_button = make_button("", "primary", "book")
        self.cancel_button = make_button("", "secondary", "cancelBooking")
        self.print_button = make_button("", "secondary", "printSlip")
        self.print_button.setEnabled(False)  # until a booking is shown
        self.slip_row = PrintRow(self.print_button, "englishSlip")
        self.message = make_label("", "error", wrap=True)
        self.notes = FieldNotes({"item": self.item, **self.edits}, self.message)
        self.result = make_label("", "result", wrap=True)
        self.code = make_label("", "bookingCode")
        self.qr = QLabel()
        self.qr.setFixedSize(QR_PIXELS, QR_PIXELS)
        self.qr.hide()
        self.labels = {k: make_label() for k in ("day", "queue", *ALL_FIELDS, "slots", "list")}
        self._build()
        self._connect()
        self.retranslate()

    def _build(self) -> None:
        top = QHBoxLayout()
        for key, widget in (("day", self.day), ("queue", self.queue)):
            top.addWidget(self.labels[key])
            top.addWidget(widget, 1)
        form = QFormLayout()
        for name in FIELDS:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(self.edits[name])
            column.addWidget(self.notes.labels[name])
            form.addRow(self.labels[name], column)
        item_row = QHBoxLayout()
        item_row.addWidget(self.labels["item"])
        item_row.addWidget(self.item, 1)
        left = QVBoxLayout()
        left.addLayout(item_row)
        left.addWidget(self.notes.labels["item"])
        left.addWidget(self.labels["slots"])
        left.addWidget(self.slot_table, 1)
        answer = QVBoxLayout()
        answer.addWidget(self.code)
        answer.addWidget(self.result)
        answer.addLayout(self.slip_row)
        answer.addStretch(1)
        done = QHBoxLayout()
        done.addWidget(self.qr)
        done.addLayout(answer, 1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.message)
        right.addWidget(self.book_button)
        right.addLayout(done, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        # The day's bookings across the whole tab: code, slot, item, applicant and state
        # (with the ticket) did not fit half of it at 1280×800.
        listed = QHBoxLayout()
        listed.addWidget(self.labels["list"])
        listed.addStretch(1)
        listed.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 3)
        layout.addLayout(listed)
        layout.addWidget(self.booking_table, 2)

    def _connect(self) -> None:
        self.day.dateChanged.connect(self.refresh)
        self.queue.currentIndexChanged.connect(self._on_queue_changed)
        self.item.currentIndexChanged.connect(self._show_slots)
        self.book_button.clicked.connect(self._on_book_clicked)
        for edit in self.edits.values():  # Enter in a field books the chosen slot
            edit.returnPressed.connect(self._on_field_return)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)

    def retranslate(self) -> None:
        texts = {"day": self.tr("日期"), "queue": self.tr("队列"), "item": self.tr("事项"),
                 "name": self.tr("姓名"),
                 "id_number": self.tr("身份证号码"), "phone": self.tr("手机号码"),
                 "slots": self.tr("可预约时段（选择一个）"), "list": self.tr("当日预约")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        for name in FIELDS:
            self.edits[name].setPlaceholderText(self.tr("选填"))
        if self.item.count():
            self.item.setItemText(0, self._any_item())
        self.book_button.setText(self.tr("预约"))
        self.cancel_button.setText(self.tr("取消所选预约"))
        self.print_button.setText(self.tr("打印预约凭条"))
        self.slip_row.retranslate(self.tr("英文凭条"),
                                  self.tr("为阅读英文的办事人打印英文预约凭条"))
        self.slots.retranslate()
        self.bookings.retranslate()

    def set_online(self, online: bool) -> None:
        self.book_button.setEnabled(online)
        self.cancel_button.setEnabled(online)
        self.print_button.setEnabled(online and bool(self.code.text()))

    # --- loading ---------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.queues:
            ctx = self.env.ctx
            self.call(lambda: _load_catalogue(ctx), self._on_catalogue_loaded,
                      self._show_failure)

    def catalogue_changed(self) -> None:
        """A queue or item was added, renamed or withdrawn: read them again now if the tab
        has been shown, else when it is (the chosen queue and item stay chosen)."""
        if self.queues:
            ctx = self.env.ctx
            self.call(lambda: _load_catalogue(ctx), self._on_catalogue_loaded,
                      self._show_failure)

    def _on_catalogue_loaded(self, loaded: tuple[list[QueueInfo], list[ItemSummary], str]
                             ) -> None:
        first = not self.queues
        self.queues, self.items, timezone = loaded
        self._use_zone(ZoneInfo(timezone), first)
        self.slots.item_names = self.bookings.item_names = {
            i.code: local_name(i.name, i.name_en) for i in self.items}
        queue_choices(self.queue, self.queues)
        self._on_queue_changed()

    def _use_zone(self, zone: ZoneInfo, first: bool) -> None:
        """Slot times and "today" on the hall's clock, known once the hall is read (the
        first read also moves the day shown to the hall's today)."""
        self.zone = self.slots.zone = self.bookings.zone = zone
        self.today.set_zone(zone.key)
        if first:
            self.day.setDate(_qdate(self.today()))

    def _on_day_turned(self, _before: date, day: date) -> None:
        """No booking for a day gone: a day shown before the new one moves to it."""
        self.day.setMinimumDate(_qdate(day))

    def _any_item(self) -> str:
        return self.tr("不限（本队列任一事项）")

    def _on_queue_changed(self) -> None:
        """The queue's items to pick from, then its slots and bookings."""
        queue = self.queue.currentData()
        item_choices(self.item, self._any_item(),
                     ((i.code, local_name(i.name, i.name_en)) for i in self.items
                      if i.queue == queue and i.appointment))
        self.refresh()

    def selected_day(self) -> date:
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def refresh(self) -> None:
        """The chosen day's slots and bookings of the chosen queue (after a feed event too)."""
        queue = self.queue.currentData()
        if not queue:
            return
        ctx, day = self.env.ctx, self.selected_day()
        self.call(lambda: _load_day(ctx, day, queue), self._on_day_loaded, self._show_failure)

    def _on_day_loaded(self, loaded: tuple[list[SlotInfo], list[AppointmentInfo]]) -> None:
        self.day_slots, bookings = loaded
        self.bookings.set_rows(bookings)
        self._show_slots()

    def _show_slots(self) -> None:
        """The slots the picked item may use (all of the queue's when none is picked) that
        still take bookings (an ended one, or one past its grace period, is refused); the
        chosen one stays chosen while it has a place left."""
        chosen, item, now = self.chosen_slot(), self.item.currentData(), self.env.ctx.clock()
        slots = [s for s in self.day_slots
                 if (item is None or s.item_code in (None, item)) and s.takes_bookings(now)]
        self.slots.set_rows(slots)
        ids = [s.id for s in slots]
        if chosen is not None and chosen.id in ids:
            n = ids.index(chosen.id)
            if slots[n].booked < slots[n].capacity:  # a slot filled meanwhile is let go
                self.slot_table.selectRow(n)
        none_open = (self.tr("该日该队列没有开放的预约时段"),
                     self.tr("该日没有该事项可约的时段"))
        if not slots:
            self.message.setText(none_open[0] if item is None or not self.day_slots
                                 else none_open[1])
        elif self.message.text() in none_open:
            self.message.clear()

    def _show_failure(self, exc: BaseException) -> None:
        self.message.setText(user_message(exc, "counter: appointments"))

    # --- booking and cancelling ------------------------------------------------------------

    def chosen_slot(self) -> SlotInfo | None:
        rows = self.slot_table.selectionModel().selectedRows()
        return self.slots.row(rows[0].row()) if rows else None

    def _on_field_return(self) -> None:
        if self.book_button.isEnabled():
            self._on_book_clicked()

    def _on_book_clicked(self) -> None:
        slot = self.chosen_slot()
        if slot is None:
            self.message.setText(self.tr("请先在上表中选择一个时段"))
            return
        values = {name: self.edits[name].text().strip() or None for name in FIELDS}
        item = self.item.currentData()
        self.notes.clear()
        self.book_button.setEnabled(False)
        ctx = self.env.ctx

        def book() -> AppointmentInfo:
            from hallapp.services import appointments

            return appointments.book(ctx, slot.id, name=values["name"], item_code=item,
                                     id_number=values["id_number"], phone=values["phone"])

        self.call(book, self._on_booked, self._on_book_failed)

    def _on_booked(self, booking: AppointmentInfo) -> None:
        self.book_button.setEnabled(True)
        for edit in self.edits.values():
            edit.clear()
        self.code.setText(booking.code)
        queue = self.queue.currentText()
        if booking.item_code:
            names = self.bookings.item_names
            dot = " · " if is_english() else "·"  # "registration·Establishment" ran together
            queue = f"{queue}{dot}{names.get(booking.item_code) or booking.item_name}"
        self.result.setText(self.tr("预约成功：{day} {time}，{queue}。请申请人记下预约码或拍下"
                                    "二维码，到时在自助机“预约签到”取号").format(
            day=booking.slot_start.astimezone(self.zone).strftime("%m-%d"),
            time=slot_span(booking.slot_start, booking.slot_end, self.zone), queue=queue))
        self.qr.setPixmap(qr_pixmap(booking.qr_payload, QR_PIXELS))
        self.qr.show()
        self.print_button.setEnabled(self.env.online)
        self.refresh()

    def _on_book_failed(self, exc: BaseException) -> None:
        self.book_button.setEnabled(True)
        self.notes.show(exc, "counter: book appointment")
        self.refresh()  # the slot may have filled meanwhile

    def _on_cancel_clicked(self) -> None:
        rows = self.booking_table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("请先在当日预约中选择要取消的一条"))
            return
        booking = self.bookings.row(rows[0].row())
        reason = ReasonDialog.ask(self.window(), self.tr("取消预约"),
                                  self.tr("取消预约 {0} 的原因").format(booking.code),
                                  [("申请人来电取消", self.tr("申请人来电取消")),
                                   ("申请人现场取消", self.tr("申请人现场取消"))])
        if reason is None:
            return
        ctx = self.env.ctx

        def cancel() -> AppointmentInfo:
            from hallapp.services import appointments

            return appointments.cancel(ctx, booking.code, reason)

        self.call(cancel, self._on_cancelled, self._show_failure)

    def _on_cancelled(self, booking: AppointmentInfo) -> None:
        self.message.clear()
        self.result.setText(self.tr("预约 {0} 已取消，名额已释放").format(booking.code))
        self.refresh()

    # --- the slip --------------------------------------------------------------------------

    def _on_print_clicked(self) -> None:
        """The slip of the booking shown (again: a reprint, which the print log marks)."""
        self.print_button.setEnabled(False)  # one click, one copy
        ctx, printer, code = self.env.ctx, self.printer, self.code.text()
        lang, width = self.slip_row.lang, roll_width(printer)

        def print_slip() -> PrintRecord:
            from hallapp.services.printing import appointment_document  # reportlab

            return printer.print_job(appointment_document(ctx, code, width, lang=lang))

        self.call(print_slip, self._on_slip_printed, self._on_slip_failed)

    def _on_slip_printed(self, record: PrintRecord) -> None:
        self.print_button.setEnabled(self.env.online)
        where = (self.tr("已保存为 PDF：{0}").format((record.printer or "").removeprefix("pdf:"))
                 if record.outcome == "saved" else self.tr("预约凭条已打印"))
        self.message.clear()
        booked = self.result.text().split("\n")[0]  # the booking line stays above
        self.result.setText(f"{booked}\n{where}")

    def _on_slip_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(self.env.online)
        self.message.setText(self.tr("预约凭条打印失败：{0}").format(
            user_message(exc, "counter: print appointment slip")))
