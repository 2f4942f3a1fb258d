"""The 预约时段 tab as an administrator uses it: open a queue's slots for a day, see them in
the table, be refused (under the field named) when the hours overlap open slots or make no
sense, and see a clerk's booking arrive through the change feed.

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the service runs
on both engines in tests/services/test_appointments.py. The feed watcher is not started;
feed events are handed to the window by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from adminkit import MakeAdmin, admins, idle
from conftest import FakeClock, actor_for
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uikit import clipped

from hallapp.services import admin, appointments
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent
from hallapp.ui.admin.dialogs import OpenFileDialog
from hallapp.ui.admin.slots import SlotPage
from hallapp.ui.admin.window import AdminWindow, create
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application, set_language
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.common.widgets import ConfirmDialog

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])
TOMORROW = date(2026, 11, 25)  # the clock starts Tuesday 2026-11-24 09:00 in Shanghai


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    admin_windows = admins(qtbot, hall_db, clock)
    make = next(admin_windows)

    def make_on_slots(lang: str = "zh") -> AdminWindow:
        window = make(lang)
        qtbot.waitUntil(lambda: window.slots.queue.count() > 0)
        return window

    yield make_on_slots
    next(admin_windows, None)


def fill(page: SlotPage, queue: str, day: date, start: QTime, end: QTime, minutes: int,
         capacity: int) -> None:
    page.queue.setCurrentIndex(page.queue.findData(queue))
    page.day.setDate(QDate(day.year, day.month, day.day))
    page.start.setTime(start)
    page.end.setTime(end)
    page.minutes.setValue(minutes)
    page.capacity.setValue(capacity)


def click_open(qtbot: QtBot, window: AdminWindow) -> None:
    qtbot.mouseClick(window.slots.open_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)


def table(page: SlotPage) -> list[tuple[str, ...]]:
    columns = ("queue", "hours", "capacity", "booked", "free")
    return [tuple(page.model.text(n, c) for c in columns) for n in range(page.model.rowCount())]


def slots_of_b(ctx: Ctx) -> list[appointments.SlotInfo]:
    return appointments.list_slots(ctx, TOMORROW, "B")


def test_open_slots_refuse_overlap_and_bad_hours_then_see_a_booking(
        qtbot: QtBot, make_admin: MakeAdmin, ctx_for: Callable[[str], Ctx]) -> None:
    window = make_admin()
    page = window.slots
    window.tabs.setCurrentWidget(page)
    assert page.day.date() == QDate(2026, 11, 24)  # today in the hall, by the service clock
    assert page.model.rowCount() == 0
    fill(page, "B", TOMORROW, QTime(9, 0), QTime(10, 30), 30, 3)
    idle(qtbot, window)
    click_open(qtbot, window)
    assert page.status.text() == "已开放 3 个时段（09:00–10:30）"
    rows = table(page)
    assert [r[1:] for r in rows] == [("09:00–09:30", "3", "0", "3"),
                                     ("09:30–10:00", "3", "0", "3"),
                                     ("10:00–10:30", "3", "0", "3")]
    assert all(r[0].startswith("B ") for r in rows)
    admin = ctx_for("admin1")
    opened = slots_of_b(admin)
    assert [(s.capacity, s.booked) for s in opened] == [(3, 0)] * 3
    assert opened[0].starts_at == datetime(2026, 11, 25, 1, 0, tzinfo=UTC)

    # The same hours again: refused under the start time, nothing created, the form kept.
    click_open(qtbot, window)
    assert "不能重复开放" in page.errors.message("start")
    assert "09:00" in page.errors.message("start")
    assert page.errors.fields["start"][1].isVisible()
    assert page.start.property("invalid") == "true"
    assert page.status.text() == ""
    assert len(slots_of_b(admin)) == 3
    assert (page.queue.currentData(), page.start.time(), page.end.time()) == (
        "B", QTime(9, 0), QTime(10, 30))
    assert clipped(window) == []  # the long refusal fits at 1280×800

    # An end before the start: refused under the end time, the start's message gone.
    page.start.setTime(QTime(14, 0))
    page.end.setTime(QTime(13, 0))
    click_open(qtbot, window)
    assert "结束晚于开始" in page.errors.message("slot")
    assert page.errors.message("start") == ""
    assert page.end.property("invalid") == "true"
    assert len(slots_of_b(admin)) == 3

    # A clerk books the first slot; the feed event makes the tab reload.
    appointments.book(ctx_for("clerk1"), opened[0].id, phone="13812345678")
    window.feed.events_arrived.emit([FeedEvent(1, datetime.now(UTC), "appointment_booked",
                                               {"slot": opened[0].id})])
    qtbot.waitUntil(lambda: page.model.text(0, "booked") == "1")
    idle(qtbot, window)
    assert table(page)[0][1:] == ("09:00–09:30", "3", "1", "2")


def test_changing_the_day_reloads_the_table(qtbot: QtBot, make_admin: MakeAdmin,
                                            ctx_for: Callable[[str], Ctx]) -> None:
    appointments.create_slots(ctx_for("admin1"), "A", TOMORROW, time(14, 0), time(15, 0), 60, 2)
    window = make_admin()
    page = window.slots
    assert page.model.rowCount() == 0  # today has none
    page.day.setDate(QDate(2026, 11, 25))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert table(page)[0][1:] == ("14:00–15:00", "2", "0", "2")
    page.day.setDate(QDate(2026, 11, 26))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    idle(qtbot, window)


def test_slot_model_passes_the_model_tester(qtbot: QtBot, make_admin: MakeAdmin,
                                            qtmodeltester: Any,
                                            ctx_for: Callable[[str], Ctx]) -> None:
    appointments.create_slots(ctx_for("admin1"), "C", TOMORROW, time(9, 0), time(10, 0))
    window = make_admin()
    window.slots.day.setDate(QDate(2026, 11, 25))
    qtbot.waitUntil(lambda: window.slots.model.rowCount() == 2)
    idle(qtbot, window)
    qtmodeltester.check(window.slots.model)


ITEM_A = "440300000000069391780001"  # 有限责任公司设立登记, queue A
ITEM_A2 = "440300000000069391780006"  # 合伙企业设立登记, queue A
NO_BOOKING = "440300000000069391780004"  # 个体工商户设立登记, queue A: 支持预约 no


def test_in_english_queues_and_items_go_by_their_english_names(
        qtbot: QtBot, qapp: QApplication, make_admin: MakeAdmin,
        ctx_for: Callable[[str], Ctx]) -> None:
    """The slots kept for an item showed its Chinese name beside the queue's English one."""
    appointments.create_slots(ctx_for("admin1"), "B", TOMORROW, time(9, 0), time(9, 30))
    appointments.create_slots(ctx_for("admin1"), "A", TOMORROW, time(9, 0), time(9, 30),
                              item_code=ITEM_A)
    try:
        window = make_admin("en")
        page = window.slots
        assert page.queue.itemText(page.queue.findData("B")) == "B Real estate registration"
        page.day.setDate(QDate(2026, 11, 25))
        qtbot.waitUntil(lambda: page.model.rowCount() == 2)
        company = "Establishment registration of a limited company"
        assert sorted(r[0:3:2] for r in full_table(page)) == [
            ("A Business registration", company),
            ("B Real estate registration", "Any (any item of the queue)")]
        page.queue.setCurrentIndex(page.queue.findData("A"))
        assert page.item.itemText(page.item.findData(ITEM_A)) == company
        idle(qtbot, window)
    finally:
        set_language(qapp, "zh")


def test_slots_kept_for_one_item_beside_the_queues_own(
        qtbot: QtBot, make_admin: MakeAdmin, ctx_for: Callable[[str], Ctx]) -> None:
    window = make_admin()
    page = window.slots
    window.tabs.setCurrentWidget(page)
    fill(page, "A", TOMORROW, QTime(9, 0), QTime(10, 0), 30, 4)
    idle(qtbot, window)
    # The item list follows the queue: "any item" first, then the queue's items only.
    assert page.item.itemData(0) is None
    offered = [page.item.itemData(n) for n in range(1, page.item.count())]
    assert {ITEM_A, ITEM_A2} <= set(offered)
    assert NO_BOOKING not in offered  # takes no appointments
    assert all(code.startswith("44030000000006939178") for code in offered)
    click_open(qtbot, window)  # the queue's own slots
    page.item.setCurrentIndex(page.item.findData(ITEM_A))
    page.capacity.setValue(1)
    click_open(qtbot, window)  # the same hours, kept for one item: places of their own
    assert page.status.text() == "已开放 2 个时段（09:00–10:00）"
    any_item, company = "不限（本队列任一事项）", "有限责任公司设立登记"
    assert sorted(r[1:4] for r in full_table(page)) == [
        ("09:00–09:30", any_item, "4"), ("09:00–09:30", company, "1"),
        ("09:30–10:00", any_item, "4"), ("09:30–10:00", company, "1")]
    click_open(qtbot, window)  # that item's hours again: refused under the start time
    assert "有限责任公司设立登记" in page.errors.message("start")
    assert page.item.currentData() == ITEM_A  # the form is kept
    kept = [s for s in appointments.list_slots(ctx_for("admin1"), TOMORROW, "A") if s.item_code]
    assert [(s.item_code, s.capacity) for s in kept] == [(ITEM_A, 1)] * 2
    page.queue.setCurrentIndex(page.queue.findData("B"))  # another queue, its own items
    assert page.item.findData(ITEM_A) == -1
    assert page.item.currentData() is None
    assert clipped(window) == []


def test_a_day_picked_before_the_first_load_stays(qtbot: QtBot, hall_db: Database,
                                                  clock: FakeClock, qapp: QApplication) -> None:
    """The first load sets today's date in the hall's zone; a day the admin (or a script)
    picked before it must not be reset to today."""
    application("zh")
    ctx = Ctx(hall_db, actor_for(hall_db, "admin1"), clock=clock, terminal="admin-test")
    appointments.create_slots(ctx, "A", TOMORROW, time(9, 0), time(10, 0))
    window = create(ctx, FeedWatcher(hall_db), {})
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.slots)
    window.slots.day.setDate(QDate(2026, 11, 25))
    qtbot.waitUntil(lambda: window.slots.model.rowCount() == 2)
    idle(qtbot, window)
    assert window.slots.day.date() == QDate(2026, 11, 25)
    wait_for_tasks()


def full_table(page: SlotPage) -> list[tuple[str, ...]]:
    columns = page.model.COLUMNS
    return [tuple(page.model.text(n, c) for c in columns) for n in range(page.model.rowCount())]


def test_the_chosen_slot_changes_capacity_or_is_removed(
        qtbot: QtBot, make_admin: MakeAdmin, ctx_for: Callable[[str], Ctx],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, second = appointments.create_slots(ctx_for("admin1"), "B", TOMORROW, time(9, 0),
                                          time(10, 0), 30, 3)
    appointments.book(ctx_for("clerk1"), second.id)
    window = make_admin()
    page = window.slots
    window.tabs.setCurrentWidget(page)
    page.day.setDate(QDate(2026, 11, 25))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    idle(qtbot, window)
    assert not page.capacity_button.isEnabled()  # nothing chosen
    page.table.selectRow(1)  # 09:30–10:00, one place booked
    assert page.chosen_capacity.value() == 3
    assert "09:30–10:00" in page.chosen_label.text()
    page.chosen_capacity.setValue(1)
    qtbot.mouseClick(page.capacity_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: table(page)[1][2] == "1")
    assert page.status.text() == "已将 09:30–10:00 的容量改为 1"
    assert page.chosen_slot() is not None  # still chosen after the reload
    page.chosen_capacity.setValue(1)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a: True))
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)  # booked: refused
    idle(qtbot, window)
    assert "不能删除" in page.chosen_error.text()
    assert page.model.rowCount() == 2
    page.table.selectRow(0)  # 09:00–09:30, never booked
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.status.text() == "已删除 09:00–09:30 的时段"
    assert [s.id for s in slots_of_b(ctx_for("admin1"))] == [second.id]
    assert clipped(window) == []


def test_a_day_made_a_rest_day_says_which_bookings_the_hall_cancelled(
        qtbot: QtBot, make_admin: MakeAdmin, ctx_for: Callable[[str], Ctx],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The calendar tab turned a booked day into a rest day in silence: its bookings were
    later recorded as missed; now they are cancelled and staff are told which to call. One
    click on 调整 did it unasked: now it asks, saying what will happen."""
    monday = date(2026, 12, 7)
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "A", monday, time(9), time(10))
    code = appointments.book(ctx_for("clerk1"), slot.id, phone="13812345678").code
    window = make_admin()
    hours = window.hours
    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(ConfirmDialog, "ask",
                        classmethod(lambda _c, _p, _t, text: asked.append(text) or answer[0]))
    hours.day.setDate(QDate(2026, 12, 7))
    hours.working.setCurrentIndex(hours.working.findData(False))
    hours.set_days()  # one click, answered no: nothing changes
    assert asked == ["将 2026-12-07（1 天）调整为休息日：这些日子的预约将被取消（需通知申请人），"
                     "在办件的办理时限将重新计算。确定调整吗？"]
    assert not hours.busy
    assert hours.cal_status.text() == ""
    [booking] = appointments.list_bookings(ctx_for("clerk1"), monday)
    assert booking.state == "booked"
    answer[0] = True
    hours.set_days()
    qtbot.waitUntil(lambda: "已调整" in hours.cal_status.text())
    assert hours.cal_status.text() == (
        f"已调整 1 天（2026-12-07 起）；已取消这些日子的 1 个预约，请通知申请人（预约码：{code}）")
    idle(qtbot, window)


def test_a_notice_or_saturdays_closed_say_which_bookings_the_hall_cancelled(
        qtbot: QtBot, make_admin: MakeAdmin, ctx_for: Callable[[str], Ctx],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Loading a notice that made a booked day a holiday, or closing on Saturdays, left the
    bookings booked; now they are cancelled, and the tab says which, as for a rest day."""
    admin_ctx = ctx_for("admin1")
    admin.set_opening_hours(admin_ctx, [("09:00", "12:00"), ("14:00", "18:00")], saturday=True)
    [holiday, saturday] = [
        appointments.book(ctx_for("clerk1"), appointments.create_slots(
            admin_ctx, "A", day, time(9), time(10))[0].id, phone="13812345678").code
        for day in (date(2026, 12, 7), date(2026, 12, 5))]
    window = make_admin()
    hours = window.hours
    notice = tmp_path / "notice.json"
    notice.write_text(json.dumps({"year": 2026, "holidays": ["2026-12-07"], "workdays": []}),
                      encoding="utf-8")
    monkeypatch.setattr(OpenFileDialog, "ask", classmethod(lambda *_a: notice))
    hours.load_file()
    qtbot.waitUntil(lambda: "已载入" in hours.cal_status.text())
    assert hours.cal_status.text() == (f"已载入 2026 年官方日历（1 天调整）；已取消这些日子的 1 "
                                       f"个预约，请通知申请人（预约码：{holiday}）")
    idle(qtbot, window)
    hours.saturday.setChecked(False)
    hours.save_hours()
    qtbot.waitUntil(lambda: "已保存" in hours.status.text())
    assert hours.status.text() == ("开放时间已保存；已取消新开放时间外的 1 个预约（这些时段不再接受"
                                   f"预约），请通知申请人（预约码：{saturday}）")
    idle(qtbot, window)


def test_a_gbk_or_missing_calendar_or_catalogue_file_is_said_plainly(
        qtbot: QtBot, make_admin: MakeAdmin, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """A notice saved in GBK, or a file gone, showed 系统错误（参考号…）: GBK is read, a file
    that cannot be read is named."""
    window = make_admin()
    hours, catalogue = window.hours, window.catalogue
    notice, missing = tmp_path / "notice.json", tmp_path / "gone.json"
    notice.write_bytes(json.dumps({"year": 2028, "note": "国务院办公厅通知",
                                   "holidays": ["2028-01-03"]}, ensure_ascii=False)
                       .encode("gbk"))
    monkeypatch.setattr(OpenFileDialog, "ask", classmethod(lambda *_a: notice))
    hours.load_file()
    qtbot.waitUntil(lambda: "已载入" in hours.cal_status.text())
    assert hours.cal_status.text().startswith("已载入 2028 年官方日历（1 天调整）")
    idle(qtbot, window)
    monkeypatch.setattr(OpenFileDialog, "ask", classmethod(lambda *_a: missing))
    hours.load_file()
    idle(qtbot, window)
    assert hours.cal_error.text().startswith(f"无法读取文件 {missing}：")
    for name in ("gone.json", "gone.xlsx"):
        monkeypatch.setattr(OpenFileDialog, "ask", classmethod(lambda *_a, n=name: tmp_path / n))
        catalogue.import_file()
        idle(qtbot, window)
        assert catalogue.message.text().startswith(f"无法读取文件 {tmp_path / name}：")


def test_the_calendar_form_starts_on_the_halls_day_not_the_machines(
        qtbot: QtBot, make_admin: MakeAdmin, clock: FakeClock) -> None:
    """The form's day and year came from the machine's date: on 1 January at 00:30 in the
    hall, a machine on UTC offered 31 December of the year before."""
    clock.now = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)  # 2027-01-01 00:30 in Shanghai
    window = make_admin()
    hours = window.hours
    assert (hours.day.date(), hours.year.value()) == (QDate(2027, 1, 1), 2027)
    assert hours.count.value() == 1
    assert hours.working.currentData() is False
