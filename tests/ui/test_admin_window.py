"""The admin client as an administrator uses it: edit an item and get a new version, see a
refusal under the field it names with nothing saved, change hall settings, verify the audit
log, import and export the catalogue, and refresh from the change feed.

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the services
under these tabs run on both engines in tests/services/test_admin.py. The feed watcher is
not started; feed events are handed to the window by hand. File dialogs are replaced
through their ``ask`` classmethods.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from adminkit import ITEM, MakeAdmin, admin_ctx, admins, idle, open_item
from conftest import FakeClock, actor_for
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from uikit import clipped

from hallapp.services import admin, day, staff, supervisor, windows
from hallapp.services.catalogue import export_catalogue, get_item
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent, FeedReader, open_feed
from hallapp.services.hall import get_hall, list_windows
from hallapp.store.models import AuditEntry, Hall
from hallapp.ui.admin.dialogs import ConfirmDialog, OpenFileDialog, SaveFileDialog
from hallapp.ui.common.qt_app import set_language

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    yield from admins(qtbot, hall_db, clock)

def audit_count(db: Database) -> int:
    with db.read_session() as s:
        return s.query(AuditEntry).count()


def test_edit_promised_limit_saves_version_two(qtbot: QtBot, make_admin: MakeAdmin,
                                               hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    open_item(qtbot, window)
    editor = window.catalogue.editor
    assert editor.versions.rowCount() == 1
    editor.form.promised.value.setValue(2)
    assert editor.is_dirty()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "第 2 版" in editor.status.text())
    idle(qtbot, window)
    ctx = admin_ctx(hall_db, clock)
    assert get_item(ctx, ITEM).version == 2
    assert get_item(ctx, ITEM).promised_limit.value == 2
    assert get_item(ctx, ITEM, 1).promised_limit.value == 1
    # what the form does not show is kept: the English texts of the item and its materials
    old, new = get_item(ctx, ITEM, 1), get_item(ctx, ITEM)
    assert (new.name_en, new.conditions_en, new.materials) == (
        old.name_en, old.conditions_en, old.materials)
    assert new.materials[0].name_en
    assert "第 2 版（生效中）" in editor.title.text()
    assert [editor.versions.text(n, "version") for n in range(2)] == ["1", "2"]
    assert editor.versions.text(1, "state") == "生效中"
    row = window.catalogue.model.find(ITEM)
    assert window.catalogue.model.text(row, "version") == "2"
    # Open version 1 from the history and save it: its content becomes version 3.
    editor.version_table.selectRow(0)
    editor.open_version_button.click()
    assert editor.form.promised.value.value() == 1
    assert "正在查看第 1 版" in editor.title.text()
    editor.save()
    qtbot.waitUntil(lambda: "第 3 版" in editor.status.text())
    assert get_item(ctx, ITEM).promised_limit.value == 1


def test_bad_value_is_shown_next_to_its_field_and_nothing_saved(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    open_item(qtbot, window)
    editor, before = window.catalogue.editor, audit_count(hall_db)
    editor.form.promised.value.setValue(0)
    editor.pages.setCurrentIndex(0)
    editor.save()
    qtbot.waitUntil(lambda: editor.errors.message("promised_limit") != "")
    # in the form's words: not the file's key (promised_limit.value) nor its unit (immediate)
    assert editor.errors.message("promised_limit") == "应大于 0（当场办结的事项请选单位“当场办结”）"
    label = editor.errors.fields["promised_limit"][1]
    assert label.isVisible()
    assert editor.pages.currentWidget().isAncestorOf(editor.form.handling_page)  # its page
    assert editor.form.promised.property("invalid") == "true"
    assert editor.status.text() == ""
    # A material's copies out of range: shown under the materials, the cell selected.
    editor.form.promised.value.setValue(1)
    copies = editor.materials.index(2, editor.materials.column("copies"))
    editor.materials.setData(copies, "100")
    editor.save()
    qtbot.waitUntil(lambda: "0 到 99" in editor.errors.message("materials"))
    assert editor.errors.message("promised_limit") == ""
    assert editor.pages.currentIndex() == 2
    assert editor.material_table.currentIndex() == copies
    # An empty name: back on the first page.
    editor.materials.setData(copies, "1")
    editor.form.lines["name"].setText("  ")
    editor.save()
    qtbot.waitUntil(lambda: "不能为空" in editor.errors.message("name"))
    assert editor.pages.currentIndex() == 0
    idle(qtbot, window)
    assert get_item(admin_ctx(hall_db, clock), ITEM).version == 1
    assert audit_count(hall_db) == before


def test_materials_rows_added_and_removed(qtbot: QtBot, make_admin: MakeAdmin,
                                          hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    open_item(qtbot, window)
    editor = window.catalogue.editor
    editor.pages.setCurrentIndex(2)
    rows = editor.materials.rowCount()
    editor._on_add_material_clicked()
    n = editor.materials.rowCount() - 1
    editor.materials.setData(editor.materials.index(n, editor.materials.column("name")),
                             "补充说明")
    for column, text in (("name_en", "Further explanation"),
                         ("requirement_en", "Signed by the applicant")):
        editor.materials.setData(editor.materials.index(n, editor.materials.column(column)), text)
    editor.form.texts["conditions_en"].setPlainText("Companies registered in Shenzhen")
    assert editor.form.lines["keywords_en"].text().startswith("start a company; ")
    editor.form.lines["keywords_en"].setText("licence;  replacement ；lost")
    core = editor.materials.index(n, editor.materials.column("core"))
    editor.materials.setData(core, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    editor.material_table.selectRow(0)
    editor._on_remove_material_clicked()
    assert editor.materials.rowCount() == rows
    editor.save()
    qtbot.waitUntil(lambda: "第 2 版" in editor.status.text())
    item = get_item(admin_ctx(hall_db, clock), ITEM)
    assert item.materials[0].code == "M02"
    assert item.materials[-1].name == "补充说明"
    assert (item.materials[-1].name_en, item.materials[-1].requirement_en) == (
        "Further explanation", "Signed by the applicant")  # the English, typed in the form
    assert item.conditions_en == "Companies registered in Shenzhen"
    assert item.keywords_en == ("licence", "replacement", "lost")
    assert item.materials[-1].core is False


def test_settings_change_and_refusal(qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database,
                                     clock: FakeClock) -> None:
    window = make_admin()
    page = window.settings
    window.tabs.setCurrentWidget(page)
    assert page.changes() == {}
    page.widgets["rating_followup_working_days"].setValue(10)
    page.widgets["mask_names"].setChecked(False)
    assert page.changes() == {"rating_followup_working_days": 10, "mask_names": False}
    page.save()
    qtbot.waitUntil(lambda: "已保存 2 项设置" in page.status.text())
    idle(qtbot, window)
    settings = get_hall(admin_ctx(hall_db, clock)).settings
    assert settings["rating_followup_working_days"] == 10
    assert settings["mask_names"] is False
    before = audit_count(hall_db)
    page.widgets["announce_template"].setText("请到{window}号窗口")
    page.widgets["recall_max"].setValue(5)
    page.save()
    qtbot.waitUntil(lambda: "{number}" in page.errors.message("announce_template"))
    assert page.errors.message("recall_max") == ""
    idle(qtbot, window)
    assert get_hall(admin_ctx(hall_db, clock)).settings["recall_max"] == 3  # none saved
    assert audit_count(hall_db) == before


def test_a_setting_never_stored_shows_its_default_and_stays_unstored(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """A hall set up before a setting existed has no value for it: the form shows the value in
    force (the default: alerts at 2 × the standard service time), not the spin box's minimum,
    and saving something else leaves it unstored."""
    with hall_db.write_session() as s:
        hall = s.scalars(select(Hall)).one()
        hall.settings = {k: v for k, v in hall.settings.items()
                         if k not in ("alert_service_factor", "alert_idle_minutes")}
        s.commit()
    page = make_admin().settings
    assert page.widgets["alert_service_factor"].value() == 2
    assert page.widgets["alert_idle_minutes"].value() == 5
    assert page.changes() == {}
    page.widgets["recall_max"].setValue(2)
    assert page.changes() == {"recall_max": 2}
    page.widgets["alert_idle_minutes"].setValue(10)
    assert page.changes() == {"recall_max": 2, "alert_idle_minutes": 10}


def test_audit_verify_shows_ok_then_names_the_broken_row(
        qtbot: QtBot, qapp: QApplication, make_admin: MakeAdmin, hall_db: Database) -> None:
    window = make_admin()
    page = window.audit
    window.tabs.setCurrentWidget(page)
    assert page.model.rowCount() > 30
    page.verify()
    qtbot.waitUntil(lambda: "校验通过" in page.result.text())
    assert page.result.property("ok") == "true"
    page.entity.setCurrentIndex(page.entity.findData("staff"))
    page.refresh()
    idle(qtbot, window)
    rows = range(page.model.rowCount())
    assert {page.model.text(n, "entity") for n in rows} == {"人员账号"}
    # The log's codes (staff_add) read as names.
    assert {page.model.text(n, "action") for n in rows} == {"新增人员"}
    page.table.clicked.emit(page.model.index(0, 0))
    assert "修改后" in page.detail.toPlainText()
    with hall_db.write_session() as s:
        s.execute(update(AuditEntry).where(AuditEntry.id == 5).values(actor="intruder"))
        s.commit()
    page.verify()
    qtbot.waitUntil(lambda: "校验失败" in page.result.text())
    assert "第 5 条记录 内容与哈希不符（记录被改动）" in page.result.text()
    assert page.result.property("ok") == "false"
    set_language(qapp, "en")  # read "entry 5 内容与哈希不符（记录被改动）"
    try:
        page.verify()
        qtbot.waitUntil(lambda: "Verification failed" in page.result.text())
        assert page.result.text().startswith(
            "Verification failed: entry 5 does not match its hash (altered) (")
    finally:
        set_language(qapp, "zh")


def test_catalogue_export_and_import_through_file_dialogs(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_admin()
    page = window.catalogue
    for suffix in ("json", "xlsx"):
        target = tmp_path / f"catalogue.{suffix}"
        monkeypatch.setattr(SaveFileDialog, "ask", classmethod(lambda *_a, t=target: t))
        page.export_file()
        qtbot.waitUntil(lambda s=suffix: f"catalogue.{s}" in page.message.text())
        assert "已导出 46 个事项" in page.message.text()
    doc = json.loads((tmp_path / "catalogue.json").read_text(encoding="utf-8"))
    doc["items"][0]["name"] += "（修订）"
    (tmp_path / "edited.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(OpenFileDialog, "ask", classmethod(lambda *_a: tmp_path / "edited.json"))
    page.import_file()
    qtbot.waitUntil(lambda: "新版本 1" in page.message.text())
    doc["items"][1]["promised_limit"] = {"value": 0, "unit": "working_day"}
    (tmp_path / "bad.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(OpenFileDialog, "ask", classmethod(lambda *_a: tmp_path / "bad.json"))
    page.import_file()
    qtbot.waitUntil(lambda: "第 2 行" in page.message.text())
    assert "promised_limit.value" in page.message.text()
    assert len(export_catalogue(admin_ctx(hall_db, clock))["items"]) == 46


def test_lists_refresh_from_the_change_feed(qtbot: QtBot, make_admin: MakeAdmin,
                                            hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    open_item(qtbot, window)
    other = admin_ctx(hall_db, clock)
    raw = get_item(other, ITEM).as_dict()
    raw["name"] = "有限责任公司设立登记（新）"
    admin.save_item(other, raw)
    admin.update_settings(other, {"recall_max": 7})
    staff.set_active(other, "clerk2", False)  # the staff tab had no feed event to hear
    now = datetime.now(UTC)
    window.feed.events_arrived.emit([
        FeedEvent(1, now, "catalogue_changed", {"item": ITEM}),
        FeedEvent(2, now, "hall_changed", {"keys": ["recall_max"]}),
        FeedEvent(3, now, "staff_changed", {"staff": 2, "active": False})])
    qtbot.waitUntil(lambda: "（新）" in window.catalogue.editor.title.text())
    idle(qtbot, window)
    row = window.catalogue.model.find(ITEM)
    assert window.catalogue.model.text(row, "version") == "2"
    assert window.settings.widgets["recall_max"].value() == 7
    assert not window.staff.model.row(window.staff.model.find("clerk2")).active


def test_window_states_follow_the_window_actions_on_the_feed(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    """当前状态 follows what clerks, supervisors and the day's close do to the windows: the
    events they really emit (read from the feed) are handed to the window."""
    window = make_admin()
    page = window.windows

    def state(number: int) -> str:
        return page.model.text(page.model.find(number), "state")

    def deliver(reader: FeedReader) -> None:
        window.feed.events_arrived.emit(reader.poll())
        idle(qtbot, window)

    reader = open_feed(hall_db)
    assert (state(1), state(2)) == ("关闭", "关闭")
    clerk = Ctx(hall_db, actor_for(hall_db, "clerk1"), clock=clock, terminal="w1")
    boss = Ctx(hall_db, actor_for(hall_db, "supervisor1"), clock=clock, terminal="board")
    own = clerk.actor.window_number or 1
    windows.open_window(clerk, own)
    supervisor.open_window(boss, 2)
    supervisor.pause_window(boss, 2, "系统故障")
    deliver(reader)
    assert (state(own), state(2)) == ("开放", "暂停")
    day.close_day(boss)
    deliver(reader)
    assert (state(own), state(2)) == ("关闭", "关闭")
    reader.close()


def test_queue_window_staff_device_calendar_edits(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_admin()
    ctx = admin_ctx(hall_db, clock)
    queues = window.queues
    queues.show_queue({"code": "H", "name": "公积金提取", "prefix": "a1"})
    queues.save()
    qtbot.waitUntil(lambda: "大写字母" in queues.errors.message("prefix"))
    # beside its field, the problem alone: not the file's key ("字段 prefix …")
    assert queues.errors.message("prefix") == "应为 1–2 个大写字母"
    queues.edits["prefix"].setText("H")
    queues.slots.add_row({"start": "12:00", "end": "09:00", "quota": 5})
    queues.save()
    qtbot.waitUntil(lambda: "晚于开始时间" in queues.errors.message("time_quotas"))
    queues.slots.set_rows([{"start": "09:00", "end": "12:00", "quota": 5}])
    queues.save()
    qtbot.waitUntil(lambda: "队列 H 已保存" in queues.status.text())
    idle(qtbot, window)
    assert any(q["code"] == "H" for q in export_catalogue(ctx)["queues"])
    szamr = next(n for n, r in enumerate(queues.dept_model.rows()) if r["code"] == "SZAMR")
    queues._on_dept_table_clicked(queues.dept_model.index(szamr, 0))  # with its English name
    assert queues.dept_edits["name_en"].text() == "Shenzhen Administration for Market Regulation"
    queues.dept_edits["name_en"].setText("x" * 201)
    queues.save_department()
    qtbot.waitUntil(lambda: "过长" in queues.dept_errors.message("name_en"))
    assert queues.dept_errors.message("name_en") == "过长（201 字，最多 200 字）"
    queues.dept_edits["name_en"].setText("Market Regulation Administration")
    queues.save_department()
    qtbot.waitUntil(lambda: "部门 SZAMR 已保存" in queues.dept_status.text())
    idle(qtbot, window)
    assert {"code": "SZAMR", "name": "深圳市市场监督管理局",
            "name_en": "Market Regulation Administration"} in export_catalogue(ctx)["departments"]
    devices = window.devices
    devices.terminal.setText("kiosk-east")
    devices.idle.setValue(5)
    devices.save()
    qtbot.waitUntil(lambda: "10 到 600" in devices.errors.message("idle_seconds"))
    devices.idle.setValue(90)
    devices.save()
    qtbot.waitUntil(lambda: devices.model.rowCount() == 1)
    assert get_hall(ctx).settings["devices"]["kiosk-east"]["idle_seconds"] == 90
    hours = window.hours
    hours.periods.set_rows([{"start": "09:00", "end": "12:00"}, {"start": "11:00", "end": "17:00"}])
    hours.save_hours()
    qtbot.waitUntil(lambda: "互不重叠" in hours.errors.message("opening_hours"))
    (tmp_path / "2027.json").write_text(json.dumps(
        {"year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-02-06"]}), encoding="utf-8")
    monkeypatch.setattr(OpenFileDialog, "ask", classmethod(lambda *_a: tmp_path / "2027.json"))
    hours.load_file()
    qtbot.waitUntil(lambda: "2027 年" in hours.summary.text())
    days = {hours.days.text(n, "day"): hours.days.text(n, "working")
            for n in range(hours.days.rowCount())}
    assert days == {"2027-01-01": "休息", "2027-02-06": "上班"}
    hours.year.setValue(2099)
    hours.show_year()
    qtbot.waitUntil(lambda: "2099" in hours.cal_error.text())
    staff = window.staff
    for name, text in (("username", "clerk99"), ("name", "新同事"), ("password", "short")):
        staff.edits[name].setText(text)
    staff.add()
    qtbot.waitUntil(lambda: "至少 8 位" in staff.errors.message("password"))
    staff.edits["password"].setText("newpass123")
    staff.add()
    qtbot.waitUntil(lambda: staff.model.find("clerk99") >= 0)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *_a: True))
    windows = window.windows
    windows.show_window(windows.model.row(0))
    windows.name.setText("综合受理一号窗")
    assert windows.name_en.text() == "Service window 1"
    windows.name_en.setText("x" * 201)
    windows.save()
    qtbot.waitUntil(lambda: "过长" in windows.errors.message("name_en"))
    windows.name_en.setText("General service window 1")
    windows.save()
    qtbot.waitUntil(lambda: "1号窗口已保存" in windows.status.text())
    assert windows.model.text(0, "name") == "综合受理一号窗"
    assert list_windows(ctx)[0].name_en == "General service window 1"


def test_models_pass_the_model_tester(qtbot: QtBot, make_admin: MakeAdmin,
                                      qtmodeltester: Any, hall_db: Database,
                                      clock: FakeClock) -> None:
    admin.set_device(admin_ctx(hall_db, clock), "kiosk-east", "kiosk")
    window = make_admin()
    open_item(qtbot, window)
    window.windows.show_window(window.windows.model.row(0))
    window.queues.show_queue(window.queues.model.row(0))
    editor = window.catalogue.editor
    models = [window.catalogue.model, editor.materials, editor.versions, window.queues.model,
              window.queues.dept_model, window.queues.slots, window.windows.model,
              window.windows.profile, window.staff.model, window.devices.model,
              window.hours.periods, window.hours.days, window.audit.model]
    for model in models:
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_nothing_clipped(qtbot: QtBot, make_admin: MakeAdmin, size: tuple[int, int]) -> None:
    window = make_admin(size=size)
    open_item(qtbot, window)
    editor = window.catalogue.editor
    editor.form.promised.value.setValue(0)
    editor.save()  # a long field error on the handling page
    qtbot.waitUntil(lambda: editor.errors.message("promised_limit") != "")
    window.audit.verify()
    qtbot.waitUntil(lambda: "校验" in window.audit.result.text() and not window.audit.busy)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        pages = range(editor.pages.count()) if tab == 0 else [None]
        for page in pages:
            if page is not None:
                editor.pages.setCurrentIndex(page)
            QApplication.processEvents()
            assert window.size() == QSize(*size)
            assert clipped(window) == [], f"tab {window.tabs.tabText(tab)} page {page}"


def test_the_title_names_the_hall_in_the_screens_language(make_admin: MakeAdmin) -> None:
    assert make_admin().title.text() == "深圳市行政服务大厅（演示） · 管理"
    assert make_admin("en").title.text() == (
        "Shenzhen Administrative Service Hall (demo) · Administration")
