"""The item editor's catalogue actions: withdrawing an item in use (the counts asked about
first), reinstating a withdrawn one, ordering materials, unsaved edits never lost silently;
and the hours tab keeping an admin's unsaved opening hours through feed events.

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the services
run on both engines in tests/services/test_admin.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time

import pytest
from adminkit import ITEM, MakeAdmin, admin_ctx, admins, feed, idle, open_item
from conftest import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hallapp.services import admin, appointments, tickets
from hallapp.services.catalogue import get_item, list_items
from hallapp.services.context import Ctx, Database
from hallapp.ui.admin.calendar import HoursCalendarPage
from hallapp.ui.admin.dialogs import ConfirmDialog, UnsavedDialog

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])
OTHER = "440300000000069391780006"  # 合伙企业设立登记, queue A


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    yield from admins(qtbot, hall_db, clock)


def answers(monkeypatch: pytest.MonkeyPatch, dialog: type, *replies: object) -> list[str]:
    """``dialog.ask`` answers ``replies`` in turn; the texts it was asked, to read."""
    asked: list[str] = []
    queue = list(replies)

    def ask(_cls: type, _parent: QWidget | None, *texts: str) -> object:
        asked.append(texts[-1])
        return queue.pop(0)

    monkeypatch.setattr(dialog, "ask", classmethod(ask))
    return asked


def test_withdrawing_an_item_in_use_says_what_it_touches_then_reinstating(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock,
        ctx_for: Callable[[str], Ctx], monkeypatch: pytest.MonkeyPatch) -> None:
    tickets.take_ticket(ctx_for("kiosk1"), item_code=ITEM)
    [slot, *_] = appointments.create_slots(ctx_for("admin1"), "A", date(2026, 11, 24),
                                           time(10), time(11), item_code=ITEM)
    booking = appointments.book(ctx_for("clerk1"), slot.id, item_code=ITEM)
    window = make_admin()
    open_item(qtbot, window)
    page, editor = window.catalogue, window.catalogue.editor
    asked = answers(monkeypatch, ConfirmDialog, False, True)
    editor.retire_button.click()
    qtbot.waitUntil(lambda: len(asked) == 1)
    idle(qtbot, window)
    assert "今日仍有 1 人在等候此事项" in asked[0]
    assert "另有 1 个未签到的预约将被取消" in asked[0]
    other = admin_ctx(hall_db, clock)
    assert get_item(other, ITEM).version == 1  # not confirmed: still in force
    editor.retire_button.click()
    qtbot.waitUntil(lambda: "已停用" in editor.status.text())
    idle(qtbot, window)
    assert booking.code in editor.status.text()
    assert "1 人等候" in editor.status.text()
    assert ITEM not in {s.code for s in list_items(other)}
    assert editor.reinstate_button.isVisible()
    assert not editor.retire_button.isVisible()
    page.show_withdrawn.setChecked(True)
    qtbot.waitUntil(lambda: page.model.find(ITEM) >= 0)
    idle(qtbot, window)
    assert page.model.rowCount() == 1  # the withdrawn items only
    page.open_item(ITEM)
    qtbot.waitUntil(lambda: "已停用" in editor.title.text())
    idle(qtbot, window)
    assert not editor.save_button.isEnabled()
    editor.reinstate_button.click()
    qtbot.waitUntil(lambda: "已恢复" in editor.status.text())
    idle(qtbot, window)
    assert get_item(other, ITEM).version == 1
    assert "生效中" in editor.title.text()
    assert editor.retire_button.isVisible()
    assert editor.save_button.isEnabled()


def test_materials_move_up_and_down_and_keep_that_order(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    open_item(qtbot, window)
    editor = window.catalogue.editor
    editor.pages.setCurrentIndex(2)
    codes = [r["code"] for r in editor.materials.rows()]
    table = editor.material_table
    table.setFocus()
    table.setCurrentIndex(editor.materials.index(1, 1))
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [r["code"] for r in editor.materials.rows()][:3] == [codes[0], codes[2], codes[1]]
    assert table.currentIndex().row() == 2  # the moved material stays selected
    editor.up_button.click()
    editor.up_button.click()
    assert [r["code"] for r in editor.materials.rows()][:3] == [codes[1], codes[0], codes[2]]
    editor.up_button.click()  # already first: stays
    assert table.currentIndex().row() == 0
    table.setCurrentIndex(editor.materials.index(len(codes) - 1, 1))
    editor.down_button.click()  # already last: stays
    assert table.currentIndex().row() == len(codes) - 1
    editor.save()
    qtbot.waitUntil(lambda: "已保存为第 2 版" in editor.status.text())
    idle(qtbot, window)
    saved = [m.code for m in get_item(admin_ctx(hall_db, clock), ITEM).materials]
    assert saved == [codes[1], codes[0], *codes[2:]]


def test_unsaved_edits_are_asked_about_before_another_item_or_closing(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_admin()
    open_item(qtbot, window)
    page, editor = window.catalogue, window.catalogue.editor
    other = admin_ctx(hall_db, clock)
    editor.form.lines["fee"].setText("不收费（本窗口改）")
    asked = answers(monkeypatch, UnsavedDialog, "cancel", "discard", "save", "cancel", "save")
    page.open_item(OTHER)  # 取消: stays, the edit kept
    idle(qtbot, window)
    assert len(asked) == 1
    assert "未保存" in asked[0]
    assert (editor.code, editor.form.lines["fee"].text()) == (ITEM, "不收费（本窗口改）")
    assert page.model.row(page.table.currentIndex().row()).code == ITEM
    page.open_item(OTHER)  # 放弃
    qtbot.waitUntil(lambda: editor.code == OTHER)
    idle(qtbot, window)
    assert get_item(other, ITEM).fee == "不收费"
    editor.form.lines["fee"].setText("另行收费")
    page.open_item(ITEM)  # 保存, then on to ITEM
    qtbot.waitUntil(lambda: editor.code == ITEM)
    idle(qtbot, window)
    assert (get_item(other, OTHER).version, get_item(other, OTHER).fee) == (2, "另行收费")
    assert not editor.is_dirty()
    editor.form.lines["fee"].setText("不收费（关窗前改）")
    window.close()  # 取消: the window stays
    assert window.isVisible()
    assert len(asked) == 4
    window.close()  # 保存, then closed
    qtbot.waitUntil(lambda: not window.isVisible())
    idle(qtbot, window)
    assert get_item(other, ITEM).fee == "不收费（关窗前改）"


def test_a_session_ended_closes_the_window_unasked(
        qtbot: QtBot, make_admin: MakeAdmin, monkeypatch: pytest.MonkeyPatch) -> None:
    """The launcher lets the window of an ended session close (allow_close): its edits could
    not be saved anyway, and no question stands between the admin and the login."""
    window = make_admin()
    open_item(qtbot, window)
    window.catalogue.editor.form.lines["fee"].setText("不收费（本窗口改）")
    asked = answers(monkeypatch, UnsavedDialog)
    window.allow_close()
    window.close()
    assert not window.isVisible()
    assert asked == []


def periods(page: HoursCalendarPage) -> list[list[str]]:
    return [[r["start"], r["end"]] for r in page.periods.rows()]


def test_the_hours_tab_keeps_unsaved_hours_through_feed_events(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """Any feed event of the hall (a device saved elsewhere) reloaded the tab and reset the
    periods being typed; now they stay, and a change of the stored hours is told."""
    window = make_admin()
    page = window.hours
    window.tabs.setCurrentWidget(page)
    assert periods(page)
    page.periods.setData(page.periods.index(0, 1), "11:30")  # typing, not saved
    edited = periods(page)
    feed(window, "hall_changed", keys=["devices"])  # another terminal's device settings
    idle(qtbot, window)
    assert periods(page) == edited
    assert page.status.text() == ""  # the stored hours did not change: nothing to say
    other = admin_ctx(hall_db, clock)
    admin.set_opening_hours(other, [("08:30", "12:00"), ("14:00", "17:30")])
    feed(window, "hall_changed", keys=["opening_hours"])
    qtbot.waitUntil(lambda: "其他终端已修改开放时间" in page.status.text())
    # A warning, in red as the item editor's note of a version saved meanwhile: it was in
    # the green of a confirmation ("开放时间已保存").
    assert page.status.objectName() == "error"
    assert page.status.palette().color(QPalette.ColorRole.WindowText) == QColor("#c8102e")
    idle(qtbot, window)
    assert periods(page) == edited
    page.findChild(QWidget, "revertHours").click()  # 撤销修改: the stored hours
    assert periods(page) == [["08:30", "12:00"], ["14:00", "17:30"]]
    assert (page.status.text(), page.status.objectName()) == ("", "result")
    admin.set_opening_hours(other, [("09:00", "12:00")])
    feed(window, "hall_changed", keys=["opening_hours"])  # nothing edited: follows
    qtbot.waitUntil(lambda: periods(page) == [["09:00", "12:00"]])
    idle(qtbot, window)


def test_the_settings_and_green_tabs_tell_a_change_meanwhile_in_red(
        qtbot: QtBot, make_admin: MakeAdmin) -> None:
    """Their note that another terminal changed what is being edited was in the green of a
    confirmation ("已保存 2 项设置"); it is red now, as the hours tab's, and 撤销修改 (the
    latest values shown) clears it."""
    window = make_admin()
    settings, green = window.settings, window.green
    settings.widgets["recall_max"].setValue(settings.widgets["recall_max"].value() + 1)
    green.model.add_row()
    feed(window, "hall_changed", keys=["settings"])
    for page, note in ((settings, "其他终端修改了大厅设置"), (green, "其他终端修改了大厅配置")):
        qtbot.waitUntil(lambda page=page, note=note: note in page.status.text())
        assert page.status.objectName() == "error"
        assert page.status.palette().color(QPalette.ColorRole.WindowText) == QColor("#c8102e")
    idle(qtbot, window)
    settings.refresh()  # 撤销修改
    green.revert_button.click()
    for page in (settings, green):
        qtbot.waitUntil(lambda page=page: page.status.text() == "")
        assert page.status.objectName() == "result"
    idle(qtbot, window)
