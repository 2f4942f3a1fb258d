"""The admin's item and queue forms: what a new record starts with, what a blank or taken
value is refused with, what happens when another administrator saved first, and how a
refusal reads beside its field (the field's label, in the screen's language; never the
file's key such as ``statutory_limit.value``, nor an import's "windows：第 1 行").

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the services
run on both engines in tests/services/test_admin.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from adminkit import ITEM, MakeAdmin, admin_ctx, admins, button, idle, open_item
from conftest import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.core.catalogue import Limit
from hallapp.services import admin, hall
from hallapp.services.catalogue import export_catalogue, get_item
from hallapp.services.context import Database
from hallapp.services.feed import FeedEvent
from hallapp.ui.admin.window import AdminWindow

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    yield from admins(qtbot, hall_db, clock)


def test_a_blank_time_slot_quota_is_refused_not_stored_as_one(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    page = window.queues
    window.tabs.setCurrentWidget(page)
    for name, text in (("code", "H"), ("name", "公积金提取"), ("prefix", "H")):
        page.edits[name].setText(text)
    button(page, "添加时段").click()  # 09:00–12:00, the quota left to the admin
    assert page.slots.rows() == [{"start": "09:00", "end": "12:00", "quota": ""}]
    page.save()
    qtbot.waitUntil(lambda: "不能为空" in page.errors.message("time_quotas"))
    idle(qtbot, window)
    assert page.status.text() == ""
    assert "H" not in {q["code"] for q in export_catalogue(admin_ctx(hall_db, clock))["queues"]}
    page.slots.setData(page.slots.index(0, page.slots.column("quota")), "60")
    page.save()
    qtbot.waitUntil(lambda: "队列 H 已保存" in page.status.text())
    idle(qtbot, window)
    queues = {q["code"]: q for q in export_catalogue(admin_ctx(hall_db, clock))["queues"]}
    assert queues["H"]["time_quotas"] == [{"start": "09:00", "end": "12:00", "quota": 60}]


def test_a_new_item_with_a_taken_code_is_refused_beside_the_code(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    page, editor = window.catalogue, window.catalogue.editor
    page._on_new_clicked()
    form = editor.form
    assert not form.lines["code"].isReadOnly()
    form.lines["code"].setText(ITEM)  # the code of 有限责任公司设立登记, by mistake
    form.lines["name"].setText("测试新事项")
    editor.save()
    qtbot.waitUntil(lambda: "已存在" in editor.errors.message("code"))
    idle(qtbot, window)
    assert editor.errors.message("code") == f"事项编码 {ITEM} 已存在（有限责任公司设立登记）"
    assert editor.pages.currentIndex() == 0
    item = get_item(admin_ctx(hall_db, clock), ITEM)
    assert (item.version, item.name, len(item.materials)) == (1, "有限责任公司设立登记", 7)
    form.lines["code"].setText("440300000000069399990001")
    editor.save()
    qtbot.waitUntil(lambda: "已保存为第 1 版" in editor.status.text())
    idle(qtbot, window)
    assert get_item(admin_ctx(hall_db, clock), "440300000000069399990001").name == "测试新事项"
    assert form.lines["code"].isReadOnly()  # saved: the code is the item's identity now


def _feed(window: AdminWindow, code: str = ITEM) -> None:
    window.feed.events_arrived.emit([FeedEvent(1, datetime.now(UTC), "catalogue_changed",
                                               {"item": code})])


def test_an_edit_another_admin_overtook_is_told_and_refused(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """Admin A edits the fee while admin B saves a new promised limit: A is told at once,
    and A's save is refused instead of bringing back B's version's limit."""
    window = make_admin()
    open_item(qtbot, window)
    editor = window.catalogue.editor
    editor.form.lines["fee"].setText("不收费（本窗口改）")
    other = admin_ctx(hall_db, clock)
    theirs = get_item(other, ITEM).as_dict()
    theirs["promised_limit"] = {"value": 3, "unit": "working_day"}
    admin.save_item(other, theirs, based_on=1)
    _feed(window)
    qtbot.waitUntil(lambda: "第 2 版" in editor.error.text())
    idle(qtbot, window)
    assert "撤销修改" in editor.error.text()
    assert editor.form.lines["fee"].text() == "不收费（本窗口改）"  # the edit stays on screen
    editor.save()
    qtbot.waitUntil(lambda: "未保存" in editor.error.text())
    idle(qtbot, window)
    assert editor.status.text() == ""
    item = get_item(other, ITEM)
    assert (item.version, item.promised_limit.value, item.fee) == (2, 3, "不收费")
    editor.revert_button.click()  # version 2 loaded: the edit made again is saved on it
    qtbot.waitUntil(lambda: "第 2 版（生效中）" in editor.title.text())
    editor.form.lines["fee"].setText("不收费（本窗口改）")
    editor.save()
    qtbot.waitUntil(lambda: "已保存为第 3 版" in editor.status.text())
    idle(qtbot, window)
    item = get_item(other, ITEM)
    assert (item.promised_limit.value, item.fee) == (3, "不收费（本窗口改）")


def test_an_item_without_edits_follows_the_version_saved_elsewhere(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    open_item(qtbot, window)
    editor = window.catalogue.editor
    other = admin_ctx(hall_db, clock)
    theirs = get_item(other, ITEM).as_dict()
    theirs["promised_limit"] = {"value": 3, "unit": "working_day"}
    admin.save_item(other, theirs, based_on=1)
    _feed(window)
    qtbot.waitUntil(lambda: editor.form.promised.value.value() == 3)
    idle(qtbot, window)
    assert "第 2 版（生效中）" in editor.title.text()  # not "viewing 2, 1 in force"
    assert editor.error.text() == ""
    editor.form.norm.setValue(editor.form.norm.value() + 5)
    editor.save()  # based on version 2, which it now shows
    qtbot.waitUntil(lambda: "已保存为第 3 版" in editor.status.text())
    admin.retire_item(other, ITEM)
    _feed(window)
    qtbot.waitUntil(lambda: "已在其他终端停用" in editor.status.text())
    assert not editor.isEnabled()


def test_a_new_item_starts_from_the_catalogue_defaults(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """It started as 即办件 with limits of 0, 0 visits and 0 minutes: three refusals before
    the first save, then 0 visits (全程网办) stored without anyone choosing it."""
    window = make_admin()
    window.catalogue._on_new_clicked()
    editor = window.catalogue.editor
    form = editor.form
    assert form.handling.currentData() == "promised"
    assert form.statutory.get() == {"value": 20, "unit": "working_day"}
    assert form.promised.get() == {"value": 10, "unit": "working_day"}
    assert (form.visits.value(), form.norm.value()) == (1, 15)
    assert form.item_type.currentData() == "公共服务"
    form.visits.setValue(0)
    assert form.visits.text() == "0（全程网办）"  # 0 visits is a choice, and says what it is
    form.visits.setValue(1)
    form.lines["code"].setText("440300000000069399990001")
    form.lines["name"].setText("测试事项")
    editor.save()  # saved at the first attempt
    qtbot.waitUntil(lambda: "已保存为第 1 版" in editor.status.text())
    idle(qtbot, window)
    item = get_item(admin_ctx(hall_db, clock), "440300000000069399990001")
    assert (item.handling_type, item.statutory_limit, item.promised_limit) == (
        "promised", Limit(20, "working_day"), Limit(10, "working_day"))
    assert (item.visits_required, item.service_norm_minutes) == (1, 15)
    assert (item.department, item.queue) == (window.catalogue.departments[0]["code"],
                                             window.catalogue.queues[0]["code"])


def test_a_material_added_after_a_deletion_gets_a_free_code(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    open_item(qtbot, window)
    editor = window.catalogue.editor
    editor.pages.setCurrentIndex(2)
    assert [r["code"] for r in editor.materials.rows()] == [f"M0{n}" for n in range(1, 8)]
    editor.material_table.selectRow(2)
    editor._on_remove_material_clicked()
    editor._on_add_material_clicked()  # proposed M07 again: refused as a repeated code
    n = editor.materials.rowCount() - 1
    editor.materials.setData(editor.materials.index(n, editor.materials.column("name")),
                             "股东会决议")
    assert [r["code"] for r in editor.materials.rows()] == [
        "M01", "M02", "M04", "M05", "M06", "M07", "M08"]
    editor.save()
    qtbot.waitUntil(lambda: "已保存为第 2 版" in editor.status.text())
    idle(qtbot, window)
    assert get_item(admin_ctx(hall_db, clock), ITEM).material("M08").name == "股东会决议"


FORM_TEXTS = {  # (field, Chinese, English) of each refusal, as shown beside its field
    "statutory_0": ("statutory_limit", "应大于 0（当场办结的事项请选单位“当场办结”）",
                    'Must be more than 0 (for an item completed on the spot, choose "On the '
                    'spot").'),
    "copies_100": ("materials", "第 3 行“份数”：应在 0 到 99 之间",
                   'Row 3, "Copies": must be a whole number from 0 to 99.'),
    "code_twice": ("materials", "“编码”列：M01 重复", 'Column "Code": M01 appears twice.'),
    "name_blank": ("name", "不能为空", "Must not be empty."),
    "quota_blank": ("time_quotas", "第 1 行“限额”：不能为空", 'Row 1, "Quota": must not be empty.'),
    "slot_order": ("time_quotas", "第 2 行：结束时间应晚于开始时间",
                   "Row 2: the end must be after the start."),
    "precedence": ("profile", "第 1 行“优先级（1 最先）”：应为 1–99 的整数",
                   'Row 1, "Precedence (1 = first)": must be a whole number from 1 to 99.'),
    "queue_twice": ("profile", "队列 A 重复", "Queue A is listed twice."),
    "window_name": ("name", "过长（201 字，最多 200 字）",
                    "Too long (201 characters; at most 200)."),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refusal_reads_in_the_forms_words_beside_its_field(
        qtbot: QtBot, make_admin: MakeAdmin, lang: str) -> None:
    """The labels' words, the table's row and column: never 字段 statutory_limit.value,
    字段 materials.code, time_quotas[0].quota nor "windows：第 1 行：字段 profile.precedence"
    (row 1 there was the window's place in the import, not the profile's row)."""
    window = make_admin(lang)
    editor, queues, windows = window.catalogue.editor, window.queues, window.windows
    materials = editor.materials

    def shown(key: str, page: Any, change: Callable[[], object]) -> None:
        field, chinese, english = FORM_TEXTS[key]
        change()
        page.save()
        qtbot.waitUntil(lambda: page.errors.message(field) != "")
        idle(qtbot, window)
        assert page.errors.message(field) == (english if lang == "en" else chinese), key

    for key, change in (
            ("statutory_0", lambda: editor.form.statutory.value.setValue(0)),
            ("copies_100", lambda: materials.setData(materials.index(
                2, materials.column("copies")), "100")),
            ("code_twice", lambda: materials.setData(materials.index(
                1, materials.column("code")), "M01")),
            ("name_blank", lambda: editor.form.lines["name"].setText(" "))):
        open_item(qtbot, window)
        shown(key, editor, change)
    slots = queues.slots
    queues.show_queue({"code": "H", "name": "公积金提取", "prefix": "H"})
    shown("quota_blank", queues, lambda: slots.add_row({"start": "09:00", "end": "12:00"}))
    shown("slot_order", queues, lambda: slots.set_rows([
        {"start": "09:00", "end": "12:00", "quota": 5},
        {"start": "14:00", "end": "13:00", "quota": 5}]))
    profile = windows.profile
    windows.show_window(windows.model.row(0))
    shown("precedence", windows, lambda: profile.setData(profile.index(0, 1), "abc"))
    shown("queue_twice", windows, lambda: (profile.setData(profile.index(0, 1), "1"),
                                           profile.add_row({"queue": "A", "precedence": 3})))
    profile.remove_row(profile.rowCount() - 1)
    shown("window_name", windows, lambda: windows.name.setText("x" * 201))



@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_window_fits_a_1366_by_768_screen(qtbot: QtBot, make_admin: MakeAdmin,
                                             lang: str) -> None:
    """The item editor's 13 rows of fields, sized before the style sheet applied, made the
    window 800 px tall as it was shown: its buttons went below a 768 px screen's edge."""
    window = make_admin(lang, (1366, 768))
    assert window.height() == 768
    open_item(qtbot, window)
    page = window.catalogue.editor.pages.currentWidget()
    assert page.isAncestorOf(window.catalogue.editor.form.basic_page)
    assert not page.verticalScrollBar().isVisible()  # the fields still whole, unscrolled
    # the item's queue and department in the screen's language (in English: "A 商事登记")
    form = window.catalogue.editor.form
    assert form.queue.currentText() == {"zh": "A 商事登记", "en": "A Business registration"}[lang]
    assert form.department.currentText().startswith(
        {"zh": "SZAMR 深圳市市场监督管理局", "en": "SZAMR Shenzhen Administration"}[lang])


def test_the_window_form_never_overwrites_another_window(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """The tab opened with window 1's number and nothing else in the form: 保存窗口 then
    renamed window 1 "1号窗口" and dropped its queues, saying "1号窗口已保存". And the number
    of the window chosen could be changed to another's, which took the first one's name and
    queues. Now an empty form is a new window, and a number in use is refused beside it."""
    window = make_admin()
    page = window.windows
    idle(qtbot, window)
    before = hall.list_windows(admin_ctx(hall_db, clock), with_retired=True)
    assert page.number.value() == max(w.number for w in before) + 1  # a new window's
    page.number.setValue(1)
    page.save()
    assert page.errors.message("number").startswith("1号窗口已存在")
    page.show_window(page.model.row(2))  # window 3
    qtbot.keyClick(page.number, Qt.Key.Key_Up)  # towards window 4
    assert page.number.value() == 3  # which window it is: not edited
    page.number.setValue(4)  # had it been: refused, not saved over window 4
    page.save()
    assert page.errors.message("number").startswith("4号窗口已存在")
    page.number.setValue(3)
    page.name.setText("综合受理三号窗")
    page.save()
    qtbot.waitUntil(lambda: page.status.text() == "3号窗口已保存")
    after = {w.number: w for w in hall.list_windows(admin_ctx(hall_db, clock),
                                                    with_retired=True)}
    assert after[1] == before[0]
    assert after[4] == before[3]
    assert after[3].name == "综合受理三号窗"



def test_a_new_queue_given_a_code_in_use_is_refused(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """A new queue typed with code A was saved over queue A (its name, prefix, quotas)."""
    window = make_admin()
    queues = window.queues
    before = export_catalogue(admin_ctx(hall_db, clock))["queues"]
    queues.clear_form()
    queues.show_queue({"code": "a", "name": "公积金提取", "prefix": "H"})
    queues.save()
    assert queues.errors.message("code").startswith("队列 A 已存在")
    idle(qtbot, window)
    assert export_catalogue(admin_ctx(hall_db, clock))["queues"] == before
