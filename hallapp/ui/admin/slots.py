"""预约时段: open bookable appointment slots for a queue and day (as ``hallapp appointment
slots`` does on the command line) and see how full the day's slots are.

The table shows every queue's slots on the chosen day, grouped by queue, so the admin sees
what is already open before opening more; the service refuses hours that overlap a queue's
open slots, and the message appears under the start time.

Slots may be kept for one item of the queue (事项): a matter that needs a longer appointment
or its own specialist gets places of its own, beside (and at the same hours as) the queue's
slots for any of its matters. A booking in such a slot is for that item; its ticket carries
it.
"""

from __future__ import annotations

from datetime import date, time
from types import MappingProxyType as _ro

from PySide6.QtCore import QDate, QObject, QSignalBlocker, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.appointment_slots import remove_slot, set_capacity
from hallapp.services.appointments import SlotInfo, create_slots, list_slots
from hallapp.services.catalogue import ItemSummary, list_items
from hallapp.services.hall import QueueInfo, list_queues
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors, beside, form_box
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, tr
from hallapp.ui.admin.models import NamedTableModel
from hallapp.ui.admin.queues import table_view
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.hall_today import HallToday
from hallapp.ui.common.widgets import (
    ConfirmDialog,
    item_choices,
    make_button,
    make_label,
    queue_choices,
)

# ADMIN_QSS styles the spin boxes but not QTimeEdit (a QAbstractSpinBox, not a QSpinBox):
# the same padding, and the red border a refused field gets.
TIME_EDIT_QSS = """
QTimeEdit { padding: 3px; font-size: 15px; }
QTimeEdit[invalid="true"] { border: 2px solid #c8102e; }
"""


ANY_ITEM = QT_TRANSLATE_NOOP("Admin", "不限（本队列任一事项）")


class SlotTableModel(NamedTableModel):
    """Slots of one day (rows are ``SlotInfo``), their hours on the hall's wall clock."""

    COLUMNS = ("queue", "hours", "item", "capacity", "booked", "free")
    HEADERS = _ro({"queue": QT_TRANSLATE_NOOP("Admin", "队列"),
                   "hours": QT_TRANSLATE_NOOP("Admin", "时段"),
                   "item": QT_TRANSLATE_NOOP("Admin", "限定事项"),
                   "capacity": QT_TRANSLATE_NOOP("Admin", "容量"),
                   "booked": QT_TRANSLATE_NOOP("Admin", "已约"),
                   "free": QT_TRANSLATE_NOOP("Admin", "余量")})

    def __init__(self, env: AdminEnv | None = None, parent: QObject | None = None) -> None:
        super().__init__(env, parent)
        self.queue_names: dict[str, str] = {}  # code -> name, from list_queues
        self.item_names: dict[str, str] = {}  # code -> name in the screen's language

    def cell_text(self, row: SlotInfo, column: str) -> str:
        if column == "queue":
            return f"{row.queue} {self.queue_names.get(row.queue, '')}".strip()
        if column == "hours":
            return self.hours_text(row)
        if column == "item":
            if row.item_code is None:
                return tr(ANY_ITEM)
            return self.item_names.get(row.item_code) or row.item_name or row.item_code
        if column == "free":
            return str(max(0, row.capacity - row.booked))
        return super().cell_text(row, column)

    def hours_text(self, row: SlotInfo) -> str:
        if self.env is None:
            return f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M}"
        return f"{self.env.local(row.starts_at, '%H:%M')}–{self.env.local(row.ends_at, '%H:%M')}"


class SlotPage(AdminPanel):
    # catalogue_changed: a queue added or renamed on the 队列 tab
    FEED_KINDS = ("appointment_slots_opened", "appointment_slots_changed", "appointment_booked",
                  "appointment_cancelled", "catalogue_changed")

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = SlotTableModel(env, self)
        self.error = make_label("", "error", wrap=True)
        self.errors = FieldErrors(self.error)
        self.status = make_label("", "result", wrap=True)
        self.queue = QComboBox()
        self.item = QComboBox()
        self.item.setObjectName("slotItem")
        self.items: list[ItemSummary] = []
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        # The hall's day, followed past midnight (a tab left open overnight kept yesterday).
        self.today = HallToday(env.ctx.clock, self)
        self.today.turned.connect(self._on_day_turned)
        self.show_today()
        self.start, self.end = QTimeEdit(QTime(9, 0)), QTimeEdit(QTime(12, 0))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.setStyleSheet(TIME_EDIT_QSS)
        self.minutes, self.capacity = QSpinBox(), QSpinBox()
        self.minutes.setRange(5, 240)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(30)
        self.capacity.setRange(1, 999)
        self.capacity.setValue(4)
        self._dated_in_hall_zone = self._day_picked = False
        # The slot chosen in the table: its capacity changed, or removed if never booked.
        self.chosen_capacity = QSpinBox()
        self.chosen_capacity.setObjectName("chosenCapacity")
        self.chosen_capacity.setRange(1, 999)
        self.chosen_label = make_label(wrap=True)
        self.capacity_button = make_button(self.tr("修改容量"), "secondary", "setCapacity")
        self.remove_button = make_button(self.tr("删除时段"), "secondary", "removeSlot")
        self.chosen_error = make_label("", "error", wrap=True)
        self._build()
        self.day.dateChanged.connect(self._on_day_changed)
        self.queue.currentIndexChanged.connect(self._show_items)
        self.table.selectionModel().selectionChanged.connect(self._on_slot_chosen)
        self.capacity_button.clicked.connect(self.set_capacity)
        self.remove_button.clicked.connect(self.remove_slot)
        self._on_slot_chosen()

    def _build(self) -> None:
        self.table = table_view(self.model, "item")
        form = QFormLayout()
        form.addRow(self.tr("队列"), self.errors.add("queue", self.queue))
        form.addRow(self.tr("事项"), self.errors.add("item", self.item))
        form.addRow(self.tr("日期"), self.errors.add("day", self.day))
        form.addRow(self.tr("开始"), self.errors.add("start", self.start))
        # "slot" (minutes < 5, capacity < 1 or end not after start): the spin boxes' ranges
        # rule out the first two here, so the refusal is about the end time.
        form.addRow(self.tr("结束"), self.errors.add("slot", self.end))
        form.addRow(self.tr("每段分钟"), self.minutes)
        form.addRow(self.tr("每段人数"), self.capacity)
        self.open_button = make_button(self.tr("开放时段"), name="openSlots")
        self.open_button.clicked.connect(self.open_slots)
        hint = self.tr("左表为所选日期各队列的时段；同一队列已开放的时间不能重复开放。"
                       "选定事项则开放该事项专用的名额，可与队列通用时段同时开放。")
        box = form_box(self.tr("开放预约时段"), form, self.error, self.open_button,
                       status=self.status, hint=hint)
        chosen = QHBoxLayout()
        chosen.addWidget(self.chosen_label, 1)
        for widget in (self.chosen_capacity, self.capacity_button, self.remove_button):
            chosen.addWidget(widget)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(chosen)
        left.addWidget(self.chosen_error)
        beside(self, left, box)

    def show_today(self) -> None:
        """The hall's day now, by the service clock (tests and the hall agree on it)."""
        today = self.today()
        with QSignalBlocker(self.day):
            self.day.setDate(QDate(today.year, today.month, today.day))

    def _on_day_turned(self, before: date, day: date) -> None:
        """Midnight in the hall: a day still on the one that ended (or never picked) moves to
        the new one, and its slots are shown."""
        if not self._day_picked or self.chosen_day() == before:
            self.show_today()
            self.load_slots()

    def chosen_day(self) -> date:
        picked = self.day.date()
        return date(picked.year(), picked.month(), picked.day())

    def refresh(self) -> None:
        if not self._dated_in_hall_zone:
            # The first refresh follows the hall's loading: its zone is known only now.
            # (A day the admin picked before it stays picked.)
            self._dated_in_hall_zone = True
            with QSignalBlocker(self.today):  # the day is set below, if not picked
                self.today.set_zone(getattr(self.env.tz, "key", self.today.zone))
            if not self._day_picked:
                self.show_today()
        ctx, day = self.env.ctx, self.chosen_day()
        self.call(lambda: (list_queues(ctx), list_items(ctx), list_slots(ctx, day)),
                  lambda result: self._on_loaded(day, *result), self.errors.show)

    def _on_loaded(self, day: date, queues: list[QueueInfo], items: list[ItemSummary],
                   slots: list[SlotInfo]) -> None:
        self.items = items
        self.model.item_names = {i.code: local_name(i.name, i.name_en) for i in items}
        self._show_queues(queues)
        self._show_items()
        self._on_slots_loaded(day, slots)

    def _show_queues(self, queues: list[QueueInfo]) -> None:
        queue_choices(self.queue, queues)
        self.model.queue_names = {q.code: local_name(q.name, q.name_en) for q in queues}

    def _show_items(self) -> None:
        """The chosen queue's items, after "any item" (slots of the queue's own)."""
        queue = self.queue.currentData()
        item_choices(self.item, tr(ANY_ITEM),
                     ((i.code, local_name(i.name, i.name_en)) for i in self.items
                      if i.queue == queue and i.appointment))

    def load_slots(self) -> None:
        ctx, day = self.env.ctx, self.chosen_day()
        self.call(lambda: list_slots(ctx, day),
                  lambda slots: self._on_slots_loaded(day, slots), self.errors.show)

    def _on_slots_loaded(self, day: date, slots: list[SlotInfo]) -> None:
        if day != self.chosen_day():
            return  # an answer for a day the admin has since moved away from
        chosen = self.chosen_slot()
        rows = sorted(slots, key=lambda s: (s.queue, s.starts_at))
        self.model.set_rows(rows)
        ids = [s.id for s in rows]
        if chosen is not None and chosen.id in ids:  # still there: still chosen
            self.table.selectRow(ids.index(chosen.id))
        self._on_slot_chosen()

    def open_slots(self) -> None:
        ctx, queue, day = self.env.ctx, self.queue.currentData() or "", self.chosen_day()
        item = self.item.currentData()
        start, end = _time(self.start.time()), _time(self.end.time())
        minutes, capacity = self.minutes.value(), self.capacity.value()
        self.errors.clear()
        self.status.setText("")
        self.call(lambda: create_slots(ctx, queue, day, start, end, minutes, capacity, item),
                  self._on_opened, self.errors.show)

    def _on_opened(self, slots: list[SlotInfo]) -> None:
        self.status.setText(self.tr("已开放 %n 个时段（{0}–{1}）", "", len(slots)).format(
            self.env.local(slots[0].starts_at, "%H:%M"),
            self.env.local(slots[-1].ends_at, "%H:%M")))
        self.load_slots()

    # --- the slot chosen in the table ------------------------------------------------------

    def chosen_slot(self) -> SlotInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows()[rows[0].row()] if rows else None

    def _on_slot_chosen(self) -> None:
        slot = self.chosen_slot()
        self.chosen_error.setText("")
        open_ = slot is not None and slot.ends_at > self.env.ctx.clock()
        for widget in (self.chosen_capacity, self.capacity_button, self.remove_button):
            widget.setEnabled(open_)
        if slot is None:
            self.chosen_label.setText(self.tr("在上表中选择一个时段可修改容量或删除"))
            return
        self.chosen_label.setText(self.tr("所选 {0} {1} 容量").format(
            slot.queue, self.model.hours_text(slot)))
        self.chosen_capacity.setValue(slot.capacity)

    def set_capacity(self) -> None:
        slot, capacity = self.chosen_slot(), self.chosen_capacity.value()
        if slot is None:
            return
        ctx = self.env.ctx
        self.call(lambda: set_capacity(ctx, slot.id, capacity),
                  lambda changed: self._on_slot_changed(self.tr("已将 {0} 的容量改为 {1}").format(
                      self.model.hours_text(changed), changed.capacity)),
                  self._on_slot_change_failed)

    def remove_slot(self) -> None:
        slot = self.chosen_slot()
        if slot is None or not ConfirmDialog.ask(
                self, self.tr("删除时段"), self.tr("删除 {0} {1} 的预约时段？").format(
                    slot.queue, self.model.hours_text(slot))):
            return
        ctx = self.env.ctx
        self.call(lambda: remove_slot(ctx, slot.id),
                  lambda gone: self._on_slot_changed(self.tr("已删除 {0} 的时段").format(
                      self.model.hours_text(gone))),
                  self._on_slot_change_failed)

    def _on_slot_changed(self, said: str) -> None:
        self.status.setText(said)
        self.load_slots()

    def _on_slot_change_failed(self, exc: BaseException) -> None:
        self.chosen_error.setText(user_message(exc, "admin: change slot"))

    def _on_day_changed(self, _day: QDate) -> None:
        self._day_picked = True
        # What was said about opening slots was said about the day left behind.
        self.errors.clear()
        self.status.setText("")
        self.load_slots()


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())
