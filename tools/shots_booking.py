"""The shots of appointments and of tickets taken at the counter: the admin's 预约时段 tab,
the counter's 预约 and 取号 tabs (``tools/screenshots.py appointments`` and ``desk``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from shotkit import COMPANY_SETUP, SIZES, TMP, ctx_as, save, settle


def appointments_shots(out: Path) -> list[Path]:
    """预约 (1280×800): tomorrow's slots in the admin's 预约时段 tab (queue A's own, two kept
    for one of its items, queue B's), and the counter's 预约 tab just after booking one of
    the item's for that item (code and QR shown, the day's bookings)."""
    from datetime import time as at  # the module ``time`` is the clock here
    from datetime import timedelta

    from hallapp.core.hallday import hall_day
    from hallapp.services import appointments
    from hallapp.services.halltime import build_calendar
    from hallapp.ui.admin.window import create as create_admin
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.counter.window import create as create_counter

    admin = ctx_as("admin1")
    with admin.uow(readonly=True) as uow:  # the next day the hall opens (shots run any day)
        calendar = build_calendar(uow.session)
    tomorrow = hall_day(admin.clock()) + timedelta(days=1)
    while not calendar.is_working_day(tomorrow):
        tomorrow += timedelta(days=1)
    made = appointments.create_slots(admin, "A", tomorrow, at(9), at(12), capacity=4)
    kept = appointments.create_slots(admin, "A", tomorrow, at(9), at(10), capacity=2,
                                     item_code=COMPANY_SETUP)
    appointments.create_slots(admin, "B", tomorrow, at(14), at(16), minutes=60, capacity=6)
    desk = ctx_as("clerk2")
    for slot, phone in ((0, "13812345678"), (0, "13912345678"), (1, "13700001111")):
        appointments.book(desk, made[slot].id, phone=phone)
    window: Any = create_admin(admin, FeedWatcher(admin.db), {})
    window.resize(*SIZES["1280x800"])
    window.show()
    window.tabs.setCurrentWidget(window.slots)
    window.slots.day.setDate(_qdate(tomorrow))
    settle(window, lambda: window.slots.model.rowCount() == len(made) + len(kept) + 2)
    window.slots.table.selectRow(0)  # the chosen slot's capacity, under the table
    paths = [save(window, out / "admin-slots-1280x800.png")]
    window.close()
    window.deleteLater()
    clerk = ctx_as("clerk1")
    counter: Any = create_counter(clerk, FeedWatcher(clerk.db), {
        "window": 1, "journal_dir": TMP / "journal-booking"})
    counter.resize(*SIZES["1280x800"])
    counter.show()
    counter.tabs.setCurrentWidget(counter.booking)
    booking = counter.booking
    settle(counter, lambda: booking.queue.count() > 0)
    booking.day.setDate(_qdate(tomorrow))
    settle(counter, lambda: booking.slots.rowCount() == len(made) + len(kept))
    booking.item.setCurrentIndex(booking.item.findData(COMPANY_SETUP))
    booking.slot_table.selectRow([s.id for s in booking.slots.rows()].index(kept[1].id))
    booking.edits["name"].setText("王小明")
    booking.edits["phone"].setText("13612345678")
    booking.book_button.click()
    settle(counter, lambda: booking.qr.isVisible() and booking.bookings.rowCount() == 4)
    paths.append(save(counter, out / "counter-booking-1280x800.png"))
    counter.close()
    counter.deleteLater()
    return paths


def desk_shot(out: Path) -> list[Path]:
    """取号 (1280×800): the counter's tab just after taking a green-channel ticket for an
    elderly applicant, with the item chosen."""
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.counter.window import create as create_counter

    clerk = ctx_as("clerk1")
    counter: Any = create_counter(clerk, FeedWatcher(clerk.db), {
        "window": 1, "journal_dir": TMP / "journal-desk"})
    counter.resize(*SIZES["1280x800"])
    counter.show()
    desk = counter.desk
    counter.tabs.setCurrentWidget(desk)
    settle(counter, lambda: desk.queue.count() > 0 and desk.priority.count() > 1)
    desk.queue.setCurrentIndex(desk.queue.findData("A"))
    desk.item.setCurrentIndex(desk.item.findData(COMPANY_SETUP))
    desk.priority.setCurrentIndex(desk.priority.findData("elderly"))
    desk.edits["phone"].setText("13612345678")
    desk.take_button.click()
    settle(counter, lambda: bool(desk.number.text()))
    path = save(counter, out / "counter-desk-1280x800.png")
    counter.close()
    counter.deleteLater()
    return [path]


def _qdate(day: date) -> Any:
    from PySide6.QtCore import QDate

    return QDate(day.year, day.month, day.day)
