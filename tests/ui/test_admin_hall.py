"""The admin client's hall tabs: 大厅信息 (name, English name, address, phone) on the settings
tab, and the opening-hours and calendar tab.

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the services run
on both engines in tests/services/test_hall_identity.py and test_admin.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest
from adminkit import MakeAdmin, admin_ctx, admins, idle
from conftest import FakeClock, actor_for
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import admin, appointments
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent
from hallapp.services.hall import get_hall

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    yield from admins(qtbot, hall_db, clock)


def test_the_hall_is_renamed_on_the_settings_tab(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    box = window.settings.identity
    assert box.fields["name"].text() == "深圳市行政服务大厅（演示）"
    assert box.fields["phone"].text() == "0755-88123456"
    assert box.fields["address_en"].text().startswith("1/F, Block B, Citizen Center")
    box.fields["name"].setText("深圳市南山区政务服务中心")
    box.fields["address"].setText("深圳市南山区南山大道2072号")
    box.fields["address_en"].setText("2072 Nanshan Avenue, Shenzhen")
    box.fields["phone"].setText("0755 2666 1234")
    box.save()
    qtbot.waitUntil(lambda: box.status.text() == "大厅信息已保存")
    hall = get_hall(admin_ctx(hall_db, clock))
    assert (hall.name, hall.address, hall.address_en, hall.phone) == (
        "深圳市南山区政务服务中心", "深圳市南山区南山大道2072号",
        "2072 Nanshan Avenue, Shenzhen", "0755-26661234")
    assert box.fields["phone"].text() == "0755-26661234"  # as stored
    assert hall.name_en == "Shenzhen Administrative Service Hall (demo)"  # not sent, kept
    window.feed.events_arrived.emit([FeedEvent(1, datetime.now(UTC), "hall_changed",
                                               {"keys": ["address", "name", "phone"]})])
    qtbot.waitUntil(lambda: window.title.text() == "深圳市南山区政务服务中心 · 管理")


def test_a_refused_identity_is_shown_at_its_field_and_kept(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    box = window.settings.identity
    box.fields["address"].setText("深圳市南山区南山大道2072号")
    box.fields["phone"].setText("12345")
    box.save()
    idle(qtbot, window)
    qtbot.waitUntil(lambda: "电话号码格式不正确" in box.errors.message("phone"))
    assert box.errors.message("address") == ""
    assert (box.fields["phone"].text(), box.fields["address"].text()) == (
        "12345", "深圳市南山区南山大道2072号")
    assert get_hall(admin_ctx(hall_db, clock)).phone == "0755-88123456"  # nothing saved
    # another terminal's save of a setting does not wipe what is being typed
    admin.update_settings(admin_ctx(hall_db, clock), {"recall_max": 2})
    window.feed.events_arrived.emit([FeedEvent(1, datetime.now(UTC), "hall_changed",
                                               {"keys": ["recall_max"]})])
    idle(qtbot, window)
    assert box.fields["phone"].text() == "12345"
    box.fields["name"].setText("")
    box.save()
    idle(qtbot, window)
    qtbot.waitUntil(lambda: "不能为空" in box.errors.message("name"))


def test_the_calendar_form_follows_the_halls_midnight(
        qtbot: QtBot, make_admin: MakeAdmin, clock: FakeClock) -> None:
    """Left open overnight, the form still started on yesterday (the day read at opening)."""
    window = make_admin()
    page = window.hours
    assert page.day.date() == QDate(2026, 11, 24)
    clock.now = clock.now.replace(hour=16, minute=1)  # 00:01 on the 25th in the hall
    page.today.check()  # what its timer does every half minute
    assert page.day.date() == QDate(2026, 11, 25)
    page.day.setDate(QDate(2026, 12, 31))  # picked: a later turn of the day leaves it
    clock.now = clock.now.replace(day=25)
    page.today.check()
    assert page.day.date() == QDate(2026, 12, 31)
    assert page.year.value() == 2026


def test_the_calendar_form_moves_into_the_new_year(
        qtbot: QtBot, make_admin: MakeAdmin, clock: FakeClock) -> None:
    window = make_admin()
    page = window.hours
    clock.now = clock.now.replace(month=12, day=31, hour=16, minute=1)  # 1 January 2027
    page.today.check()
    assert (page.day.date(), page.year.value()) == (QDate(2027, 1, 1), 2027)
    idle(qtbot, window)


def test_new_hours_say_how_many_bookings_the_hall_cancelled(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    ctx = admin_ctx(hall_db, clock)
    [nine, *_] = appointments.create_slots(ctx, "A", date(2026, 11, 25), time(9), time(10))
    clerk = Ctx(hall_db, actor_for(hall_db, "clerk1"), clock=clock, terminal="w1")
    code = appointments.book(clerk, nine.id).code
    window = make_admin()
    page = window.hours
    page.periods.set_rows([{"start": "10:00", "end": "12:00"}, {"start": "14:00", "end": "18:00"}])
    page.save_hours()
    qtbot.waitUntil(lambda: page.status.text().startswith("开放时间已保存"))
    assert page.status.text() == ("开放时间已保存；已取消新开放时间外的 1 个预约（这些时段不再接受"
                                  f"预约），请通知申请人（预约码：{code}）")


def test_the_slots_tab_follows_the_halls_midnight(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """Left open overnight, 预约时段 still showed (and opened slots on) yesterday."""
    appointments.create_slots(admin_ctx(hall_db, clock), "A", date(2026, 11, 25), time(9),
                              time(10))
    window = make_admin()
    page = window.slots
    assert page.chosen_day() == date(2026, 11, 24)
    clock.now = clock.now.replace(hour=16, minute=1)  # 00:01 on the 25th in the hall
    page.today.check()
    assert page.chosen_day() == date(2026, 11, 25)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # that day's slots
