"""Admin services: every edit validated with the import's messages, audited, all-or-nothing.

Each bad input must be refused with a ValidationError naming the field (the UI puts the
message next to that field) and must leave the database as it was: no change, no audit row.
Good input must write exactly one audit row with before and after; items get a new version
when their content changed, and the old version stays readable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import FakeClock
from racekit import in_flight
from sqlalchemy import func, select

from hallapp.core.errors import NotFound, PermissionDenied, StateError, ValidationError
from hallapp.services import admin, day
from hallapp.services.catalogue import export_catalogue, get_item, list_items
from hallapp.services.context import Ctx
from hallapp.services.hall import get_hall
from hallapp.store.models import AuditEntry, Department, Queue, ServiceItem
from hallapp.store.uow import Database

ITEM = "440300000000069391780001"  # 有限责任公司设立登记, promised 1 working day


@pytest.fixture
def ctx(ctx_for: Callable[[str], Ctx]) -> Ctx:
    return ctx_for("admin1")


def audits(db: Database) -> list[tuple[str, str | None, Any, Any]]:
    with db.read_session() as s:
        return [(a.action, a.entity_id, a.before, a.after)
                for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def snapshot(db: Database) -> tuple[Any, ...]:
    """Everything an admin edit could touch, to prove a refusal changed nothing."""
    with db.read_session() as s:
        return (
            int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0),
            sorted((i.code, i.version, i.in_force) for i in s.scalars(select(ServiceItem))),
            sorted((q.code, q.prefix, q.daily_quota, str(q.time_quotas))
                   for q in s.scalars(select(Queue))),
            sorted((d.code, d.name) for d in s.scalars(select(Department))),
        )


def refused(db: Database, ctx: Ctx, call: Callable[[], Any], field: str,
            *words: str) -> ValidationError:
    """``call`` raises ValidationError on ``field`` naming it, and changes nothing."""
    before, hall_before = snapshot(db), get_hall(ctx)
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field, info.value.message
    for word in words:
        assert word in info.value.message
    assert snapshot(db) == before
    assert get_hall(ctx) == hall_before
    return info.value


# --- settings ------------------------------------------------------------------------------


def test_settings_change_is_stored_and_audited(ctx: Ctx, hall_db: Database) -> None:
    n = len(audits(hall_db))
    result = admin.update_settings(ctx, {"rating_followup_working_days": 10,
                                         "mask_names": False, "alert_wait_factor": 3})
    assert result["rating_followup_working_days"] == 10
    settings = get_hall(ctx).settings
    assert (settings["rating_followup_working_days"], settings["mask_names"]) == (10, False)
    assert settings["announce_template"] == "请{number}号到{window}号窗口办理"  # untouched
    rows = audits(hall_db)[n:]
    assert rows == [("settings_update", rows[0][1],
                     {"alert_wait_factor": 1, "mask_names": True,
                      "rating_followup_working_days": 5},
                     {"alert_wait_factor": 3, "mask_names": False,
                      "rating_followup_working_days": 10})]
    admin.update_settings(ctx, {})  # nothing to change: no audit row
    assert len(audits(hall_db)) == n + 1


BAD_SETTINGS: list[tuple[dict[str, Any], str, str]] = [
    ({"no_such_setting": 1}, "no_such_setting", "未知的设置项"),
    ({"recall_max": 3, "announce_template": "请到{window}号窗口"}, "announce_template",
     "{number}"),
    ({"announce_template": "请{number}号到{window}号窗口{room}"}, "announce_template", "占位符"),
    ({"announce_template": "请{number}号到{window}号窗口{number.__class__}"}, "announce_template",
     "占位符"),  # read out as "<class 'str'>" otherwise
    ({"announce_template": "请{number}号到{window}号窗口{"}, "announce_template", "占位符"),
    ({"recall_max": 11}, "recall_max", "0 到 10"),
    ({"recall_max": "3"}, "recall_max", "整数"),
    ({"mask_names": 1}, "mask_names", "是/否"),
    ({"kiosk_admin_pin": "12ab"}, "kiosk_admin_pin", "数字"),
    ({"kiosk_admin_pin": "²³⁴⁵"}, "kiosk_admin_pin", "数字"),  # not on a kiosk's keypad
    ({"announce_template": "请{{number}}号到{window}号窗口"}, "announce_template",
     "须包含"),  # "{{number}}" reads out "{number}", never the number
    ({"rating_followup_working_days": 0}, "rating_followup_working_days", "差评整改期限"),
]


def test_bad_settings_are_refused_and_nothing_written(ctx: Ctx, hall_db: Database) -> None:
    for changes, field, word in BAD_SETTINGS:
        refused(hall_db, ctx, lambda c=changes: admin.update_settings(ctx, c), field, word)


# --- opening hours and devices --------------------------------------------------------------


def test_opening_hours_stored_normalised_and_audited(ctx: Ctx, hall_db: Database) -> None:
    n = len(audits(hall_db))
    admin.set_opening_hours(ctx, [("8:30", "12:00"), ("13：30", "17:30")], saturday=True)
    assert get_hall(ctx).opening_hours == {"periods": [["08:30", "12:00"], ["13:30", "17:30"]],
                                           "saturday": True}
    [(action, _id, before, after)] = audits(hall_db)[n:]
    assert action == "opening_hours_update"
    assert before["periods"] == [["09:00", "12:00"], ["14:00", "18:00"]]
    assert after["saturday"] is True


BAD_PERIODS: list[tuple[list[Any], str]] = [
    ([("09:00", "12:00"), ("11:00", "18:00")], "互不重叠"),
    ([("14:00", "18:00"), ("09:00", "12:00")], "先后"),
    ([("12:00", "09:00")], "无效"),
    ([("09:00", "25:00")], "超出范围"),
    ([("9点", "12:00")], "时间格式"),
    ([("09:00",)], "格式不正确"),
    ([], "不能为空"),
]


def test_bad_opening_hours_refused(ctx: Ctx, hall_db: Database) -> None:
    for periods, word in BAD_PERIODS:
        refused(hall_db, ctx, lambda p=periods: admin.set_opening_hours(ctx, p),
                "opening_hours", word)
    refused(hall_db, ctx, lambda: admin.set_opening_hours(ctx, [("09:00", "12:00")],
                                                          saturday="yes"),  # type: ignore[arg-type]
            "saturday")


def test_device_settings_stored_and_audited(ctx: Ctx, hall_db: Database) -> None:
    n = len(audits(hall_db))
    device = admin.set_device(ctx, " kiosk-east ", "kiosk", printer="  XP-58 ", roll_width_mm=58,
                              idle_seconds=90, language="en")
    assert device == {"kind": "kiosk", "printer": "XP-58", "roll_width_mm": 58,
                      "idle_seconds": 90, "language": "en"}
    assert get_hall(ctx).settings["devices"] == {"kiosk-east": device}
    assert audits(hall_db)[n:] == [("device_set", "kiosk-east", None, device)]


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite's write lock has no race
@pytest.mark.parametrize("save", ["settings", "device"])
def test_a_save_keeps_another_admins_change_made_meanwhile(ctx: Ctx, hall_db: Database,
                                                           save: str) -> None:
    """Each save wrote back the whole ``settings`` it had read: of two admins' changes to
    different keys (or a device) made at once, one was lost. A save now locks the hall's row
    as it reads it, so it waits for the other's save and keeps its change."""
    other = ("UPDATE hall SET settings = "
             "(settings::jsonb || CAST(:change AS jsonb))::json", {"change": '{"recall_max": 7}'})
    if save == "settings":
        outcome = in_flight(hall_db, [other],
                            lambda: admin.update_settings(ctx, {"announce_english": True}))
    else:
        outcome = in_flight(hall_db, [other],
                            lambda: admin.set_device(ctx, "kiosk-east", "kiosk"))
    assert (outcome.error, outcome.waited) == (None, True)
    settings = get_hall(ctx).settings
    assert settings["recall_max"] == 7
    if save == "settings":
        assert settings["announce_english"] is True
    else:
        assert list(settings["devices"]) == ["kiosk-east"]


BAD_DEVICES: list[tuple[dict[str, Any], str]] = [
    ({"roll_width_mm": 70}, "roll_width_mm"),
    ({"roll_width_mm": True}, "roll_width_mm"),
    ({"idle_seconds": 5}, "idle_seconds"),
    ({"language": "fr"}, "language"),
    ({"kind": "toaster"}, "kind"),
    ({"terminal": "  "}, "terminal"),
]


def test_bad_devices_refused(ctx: Ctx, hall_db: Database) -> None:
    for kwargs, field in BAD_DEVICES:
        args = {"terminal": "kiosk-east", "kind": "kiosk", **kwargs}
        refused(hall_db, ctx, lambda a=args: admin.set_device(ctx, **a), field)


# --- items ---------------------------------------------------------------------------------


def test_item_edit_makes_next_version_and_keeps_the_old(ctx: Ctx, hall_db: Database) -> None:
    n = len(audits(hall_db))
    raw = get_item(ctx, ITEM).as_dict()
    assert raw["version"] == 1
    assert raw["promised_limit"] == {"value": 1, "unit": "working_day"}
    assert admin.save_item(ctx, raw)["outcome"] == "unchanged"  # same content: no version
    assert audits(hall_db)[n:] == []
    raw["promised_limit"] = {"value": 2, "unit": "working_day"}
    raw["materials"].append({"code": "M99", "name": "新增材料", "core": False})
    assert admin.save_item(ctx, raw) == {"code": ITEM, "version": 2, "outcome": "new_version"}
    assert get_item(ctx, ITEM).promised_limit.value == 2
    assert get_item(ctx, ITEM).version == 2
    assert get_item(ctx, ITEM, 1).promised_limit.value == 1
    assert [s.version for s in list_items(ctx) if s.code == ITEM] == [2]
    # The fields changed, before and after: a bad edit can be put back by hand.
    [(action, entity_id, before, after)] = audits(hall_db)[n:]
    assert (action, entity_id) == ("item_save", ITEM)
    assert set(before) == set(after) - {"outcome"} == {"version", "promised_limit",
                                                        "materials"}
    assert (before["version"], before["promised_limit"]) == (1, {"value": 1,
                                                                 "unit": "working_day"})
    assert (after["version"], after["outcome"]) == (2, "new_version")
    assert len(after["materials"]) == len(before["materials"]) + 1
    raw["promised_limit"]["value"] = 3  # an edit of the form still saying version 1
    assert admin.save_item(ctx, raw)["version"] == 3


def test_new_item_and_retire(ctx: Ctx, hall_db: Database) -> None:
    raw = {"code": "NEW-1", "name": "新事项", "department": "SZAMR", "queue": "A",
           "materials": [{"code": "M01", "name": "申请表"}]}
    assert admin.save_item(ctx, raw) == {"code": "NEW-1", "version": 1, "outcome": "added"}
    admin.retire_item(ctx, "NEW-1")
    assert "NEW-1" not in {s.code for s in list_items(ctx)}
    assert get_item(ctx, "NEW-1", 1).name == "新事项"  # history stays
    assert [a[0] for a in audits(hall_db)[-2:]] == ["item_save", "item_retire"]
    with pytest.raises(NotFound):
        admin.retire_item(ctx, "NEW-1")


def test_a_new_item_never_replaces_one_with_its_code(ctx: Ctx, hall_db: Database) -> None:
    """新建事项 with the code of 有限责任公司设立登记 made that item's version 2, with none
    of its 7 materials: a save marked as a new item (based on nothing) is refused."""
    raw = {"code": ITEM, "name": "测试新事项", "department": "SZAMR", "queue": "A"}
    error = refused(hall_db, ctx, lambda: admin.save_item(ctx, raw, based_on=0), "code",
                    f"事项编码 {ITEM} 已存在", "有限责任公司设立登记")
    assert error.code == "item_code_taken"
    assert len(get_item(ctx, ITEM).materials) == 7
    assert admin.save_item(ctx, {**raw, "code": "NEW-2"}, based_on=0)["outcome"] == "added"
    admin.retire_item(ctx, "NEW-2")  # a withdrawn item's code keeps its history
    error = refused(hall_db, ctx, lambda: admin.save_item(ctx, {**raw, "code": "NEW-2"},
                                                          based_on=0), "code", "已停用")
    assert error.code == "item_code_retired"


def test_an_edit_of_a_replaced_version_is_refused(ctx: Ctx, ctx_for: Callable[[str], Ctx],
                                                  hall_db: Database) -> None:
    """Two administrators open version 1; the second save undid the first one's edit."""
    mine, theirs = get_item(ctx, ITEM).as_dict(), get_item(ctx, ITEM).as_dict()
    theirs["promised_limit"] = {"value": 3, "unit": "working_day"}
    assert admin.save_item(ctx, theirs, based_on=1)["version"] == 2
    mine["fee"] = "不收费（本窗口改）"
    before = snapshot(hall_db)
    with pytest.raises(StateError) as info:
        admin.save_item(ctx, mine, based_on=1)
    assert info.value.code == "item_changed_meanwhile"
    assert "第 2 版" in info.value.message
    assert "撤销修改" in info.value.message
    assert snapshot(hall_db) == before
    assert get_item(ctx, ITEM).promised_limit.value == 3
    mine = {**get_item(ctx, ITEM).as_dict(), "fee": "不收费（本窗口改）"}  # reloaded: saved
    assert admin.save_item(ctx, mine, based_on=2)["version"] == 3
    admin.retire_item(ctx, ITEM)
    with pytest.raises(StateError) as info:
        admin.save_item(ctx, mine, based_on=3)
    assert info.value.code == "item_retired_meanwhile"


def _all_core(raw: dict[str, Any]) -> None:
    for material in raw["materials"]:
        material["core"] = True


def _edit(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(raw: dict[str, Any]) -> None:
        *head, last = path.split(".")
        target: Any = raw
        for key in head:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return apply


BAD_ITEM_EDITS: list[tuple[list[Callable[[dict[str, Any]], None]], str, str]] = [
    ([_edit("promised_limit.value", 0)], "promised_limit.value", "应大于 0"),
    ([_edit("promised_limit.unit", "week")], "promised_limit.unit", "无效"),
    ([_edit("name", " ")], "name", "不能为空"),
    ([_edit("department", "NODEPT")], "department", "未知部门"),
    ([_edit("queue", "ZZ")], "queue", "未知队列"),
    ([_edit("item_type", "行政许可证")], "item_type", "无效"),
    ([_edit("handling_type", "immediate")], "promised_limit", "即办件"),
    ([_edit("tolerant_allowed", True), _all_core], "tolerant_allowed", "非主审要件"),
    ([_edit("materials.1.code", "M01")], "materials.code", "重复"),
    ([_edit("materials.2.copies", 100)], "materials[2].copies", "0 到 99"),
    ([_edit("flags.online", "maybe")], "flags.online", "是/否"),
]


def test_bad_item_edits_refused_naming_the_field(ctx: Ctx, hall_db: Database) -> None:
    for edits, field, word in BAD_ITEM_EDITS:
        raw = get_item(ctx, ITEM).as_dict()
        for edit in edits:
            edit(raw)
        error = refused(hall_db, ctx, lambda r=raw: admin.save_item(ctx, r), field, word)
        assert field.split("[")[0].split(".")[0] in error.message  # names the field


# --- queues and departments ---------------------------------------------------------------


def test_queue_saved_with_quotas_and_audited(ctx: Ctx, hall_db: Database) -> None:
    raw = {"code": "H", "name": "公积金提取", "name_en": " Housing fund withdrawal ",
           "prefix": "h", "daily_quota": "120",
           "time_quotas": [{"start": "09:00", "end": "12:00", "quota": 60}],
           "target_wait_minutes": 15}
    parsed = admin.save_queue(ctx, raw)
    assert (parsed["prefix"], parsed["daily_quota"]) == ("H", 120)
    queues = {q["code"]: q for q in export_catalogue(ctx)["queues"]}
    assert queues["H"]["time_quotas"] == [{"start": "09:00", "end": "12:00", "quota": 60}]
    assert queues["H"]["name_en"] == "Housing fund withdrawal"
    assert {q.code: q.name_en for q in day.hall_status(ctx).queues}["H"] == (
        "Housing fund withdrawal")  # what the kiosk and the call display show in English
    admin.save_queue(ctx, {**raw, "daily_quota": None, "time_quotas": []})
    queues = {q["code"]: q for q in export_catalogue(ctx)["queues"]}
    assert (queues["H"]["daily_quota"], queues["H"]["time_quotas"]) == (None, [])
    rows = [a for a in audits(hall_db) if a[0] == "queue_save"]
    assert rows[0][2] is None
    assert rows[1][2]["daily_quota"] == 120


BAD_QUEUES: list[tuple[dict[str, Any], str, str]] = [
    ({"prefix": "A1"}, "prefix", "大写字母"),
    ({"prefix": "B"}, "prefix", "已被队列 B 使用"),
    ({"name": ""}, "name", "不能为空"),
    ({"daily_quota": 0}, "daily_quota", "1 到 100000"),
    ({"time_quotas": [{"start": "12:00", "end": "09:00", "quota": 5}]}, "time_quotas[0]",
     "晚于开始时间"),
    ({"time_quotas": [{"start": "9点", "end": "12:00", "quota": 5}]}, "time_quotas[0].start",
     "时间格式"),
    ({"time_quotas": [{"start": "09:00", "end": "12:00", "quota": "x"}]},
     "time_quotas[0].quota", "整数"),
    # A quota left blank (the form's new row) or missing: never a quota of 1.
    ({"time_quotas": [{"start": "09:00", "end": "12:00", "quota": ""}]},
     "time_quotas[0].quota", "不能为空"),
    ({"time_quotas": [{"start": "09:00", "end": "12:00"}]}, "time_quotas[0].quota", "不能为空"),
    ({"time_quotas": [{"start": "09:00", "end": "12:00", "quota": 10},
                      {"start": "10:00", "end": "11:00", "quota": 5}]},
     "time_quotas[1]", "重叠"),  # which quota held from 10 to 11 was chance
]


def test_bad_queues_refused(ctx: Ctx, hall_db: Database) -> None:
    for change, field, word in BAD_QUEUES:
        raw = {"code": "H", "name": "公积金提取", "prefix": "H", **change}
        error = refused(hall_db, ctx, lambda r=raw: admin.save_queue(ctx, r), field, word)
        assert not error.message.startswith(("queues", "第"))  # a form has no sheet or row


def test_a_prefix_stays_with_its_queue_for_the_day(ctx: Ctx, ctx_for: Callable[[str], Ctx],
                                                  hall_db: Database,
                                                  clock: FakeClock) -> None:
    """Queue A renamed Q during the day, then queue B given A, issued a second A001. After
    the day's close (as the refusal says) A may change; its old prefix waits for tomorrow."""
    from hallapp.services import day, tickets

    assert tickets.take_ticket(ctx_for("kiosk1"), "A").number == "A001"
    a = {"code": "A", "name": "商事登记", "prefix": "Q"}
    refused(hall_db, ctx, lambda: admin.save_queue(ctx, a), "prefix", "今日已取号")
    b = {"code": "B", "name": "不动产登记", "prefix": "C"}
    refused(hall_db, ctx, lambda: admin.save_queue(ctx, {**b, "prefix": "A"}), "prefix",
            "已被队列 A 使用")
    day.close_day(ctx_for("supervisor1"))
    admin.save_queue(ctx, a)  # refused after the close too, though the refusal said "日终后"
    refused(hall_db, ctx, lambda: admin.save_queue(ctx, {**b, "prefix": "A"}), "prefix",
            "前缀 A 今日已用于号码")
    clock.advance(days=1)  # the next hall day: B may take A
    admin.save_queue(ctx, {**b, "prefix": "A"})
    assert tickets.take_ticket(ctx_for("kiosk1"), "B").number == "A001"  # a new day's A001


def test_department_saved_and_audited(ctx: Ctx, hall_db: Database) -> None:
    admin.save_department(ctx, "NEWD", "新设部门")
    admin.save_department(ctx, "NEWD", "新设部门（更名）", " New department ")
    rows = [a for a in audits(hall_db) if a[0] == "department_save"]
    assert [(r[2], r[3]["name"], r[3]["name_en"]) for r in rows] == [
        (None, "新设部门", None),
        ({"code": "NEWD", "name": "新设部门", "name_en": None}, "新设部门（更名）",
         "New department")]
    refused(hall_db, ctx, lambda: admin.save_department(ctx, "NEWD", " "), "name", "不能为空")
    refused(hall_db, ctx, lambda: admin.save_department(ctx, "NEWD", "部门", "x" * 201),
            "name_en", "过长")
    exported = export_catalogue(ctx)["departments"]
    assert {"code": "NEWD", "name": "新设部门（更名）", "name_en": "New department"} in exported


# --- permissions ---------------------------------------------------------------------------

CALLS: dict[str, Callable[[Ctx], Any]] = {
    "update_settings": lambda c: admin.update_settings(c, {"recall_max": 2}),
    "set_opening_hours": lambda c: admin.set_opening_hours(c, [("09:00", "12:00")]),
    "set_device": lambda c: admin.set_device(c, "k1", "kiosk"),
    "save_item": lambda c: admin.save_item(c, {"code": "X", "name": "X", "department": "SZAMR",
                                               "queue": "A"}),
    "retire_item": lambda c: admin.retire_item(c, ITEM),
    "reinstate_item": lambda c: admin.reinstate_item(c, ITEM),
    "save_queue": lambda c: admin.save_queue(c, {"code": "H", "name": "H", "prefix": "H"}),
    "save_department": lambda c: admin.save_department(c, "D", "部门"),
}


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize("user", ["clerk1", "supervisor1"])
def test_only_admins_may_edit(ctx_for: Callable[[str], Ctx], hall_db: Database,
                              user: str) -> None:
    other = ctx_for(user)
    before = snapshot(hall_db)
    for name, call in CALLS.items():
        with pytest.raises(PermissionDenied):
            call(other)
        assert snapshot(hall_db) == before, name


def test_the_kiosk_pin_is_read_only_by_the_kiosk_and_the_administrator(
        ctx_for: Callable[[str], Ctx], hall_db: Database) -> None:
    """Any clerk or display read it from the hall's settings, and supervisors from the
    audit log."""
    admin.update_settings(ctx_for("admin1"), {"kiosk_admin_pin": "8642"})
    for who in ("admin1", "kiosk1"):
        assert get_hall(ctx_for(who)).settings["kiosk_admin_pin"] == "8642"
    for who in ("clerk1", "supervisor1", "display1", "approver_szamr"):
        assert "kiosk_admin_pin" not in get_hall(ctx_for(who)).settings
    with hall_db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "settings_update")
                          .order_by(AuditEntry.id.desc())).first()
    assert entry is not None
    assert entry.after == {"kiosk_admin_pin": "****"}
    assert "8642" not in str(entry.before)
