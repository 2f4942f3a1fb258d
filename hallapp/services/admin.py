"""Administration: hall settings, opening hours, devices, single catalogue records.

Every edit is validated with the same rules (and messages) as the imports, audited with its
before and after, and announced on the change feed. Items are versioned: saving an item
whose content changed makes the next version; cases keep the version they were taken under.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any, TypeVar

from sqlalchemy import select

from hallapp.core.catalogue import MAX_NAME, FieldReader, parse_item
from hallapp.core.errors import StateError, ValidationError
from hallapp.core.green_channel import check_priority_classes
from hallapp.core.hallday import hall_day, parse_hhmm
from hallapp.core.roles import Perm
from hallapp.core.timelimits import OpeningHours
from hallapp.services.calendar_admin import cancel_closed_bookings, hall_time, recounted
from hallapp.services.catalogue import (
    parse_queue,
    store_item,
    upsert_departments,
    upsert_queues,
)
from hallapp.services.context import Ctx, action
from hallapp.services.hall import SECRET_SETTINGS, check_identity, get_hall_row
from hallapp.services.hall_lock import lock_hall
from hallapp.services.item_status import reinstate_item as reinstate_item
from hallapp.services.item_status import retire_item as retire_item
from hallapp.store.models import Department, Queue, ServiceItem

T = TypeVar("T")


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    minimum: int | None
    maximum: int | None
    label: str


SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("recall_max", int, 0, 10, "重呼次数上限"),
    Setting("noshow_reactivate_minutes", int, 0, 240, "过号后可重新激活的分钟数"),
    Setting("noshow_rejoin_after", int, 0, 50, "过号激活后排在其后的人数"),
    Setting("max_consecutive_priority_calls", int, 1, 20, "连续优先叫号上限"),
    Setting("aging_minutes", int, 0, 480, "低优先级队列最长等候（分钟，0 为不启用）"),
    Setting("warning_working_days", int, 0, 30, "办件预警（剩余工作日）"),
    Setting("rating_followup_working_days", int, 1, 30, "差评整改期限（工作日）"),
    Setting("mask_names", bool, None, None, "回执上隐去申请人姓名"),
    Setting("announce_template", str, 5, 60, "叫号播报模板"),
    Setting("announce_repeat", int, 1, 5, "叫号播报次数"),
    Setting("announce_english", bool, None, None, "叫号时加播英文"),
    Setting("display_notice", str, 0, 300, "综合屏滚动通知"),
    Setting("kiosk_admin_pin", str, 4, 12, "自助机管理密码"),
    Setting("alert_wait_factor", int, 1, 10, "等候超过目标的倍数告警"),
    Setting("alert_service_factor", int, 1, 10, "办理超过标准时长的倍数告警"),
    Setting("alert_idle_minutes", int, 1, 120, "窗口空闲告警（分钟，有人等候时）"),
    Setting("alert_bad_rating_minutes", int, 5, 1440, "差评提醒保留（分钟）"),
    Setting("appointment_missed_limit", int, 0, 10, "预约失约上限（0 为不限）"),
    Setting("appointment_missed_days", int, 1, 365, "失约统计天数"),
)}


def _check_setting(key: str, value: Any) -> Any:
    spec = SETTINGS.get(key)
    if spec is None:
        raise ValidationError(f"未知的设置项：{key}", field=key, code="unknown_setting",
                              setting=key)
    if spec.kind is bool:
        if not isinstance(value, bool):
            raise ValidationError(f"{spec.label}应为是/否", field=key, code="setting_yes_no")
        return value
    if spec.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{spec.label}应为整数", field=key, code="setting_integer")
        if not (spec.minimum or 0) <= value <= (spec.maximum or value):
            raise ValidationError(f"{spec.label}应在 {spec.minimum} 到 {spec.maximum} 之间",
                                  field=key, code="setting_range", minimum=spec.minimum,
                                  maximum=spec.maximum)
        return value
    text = str(value).strip()
    if not (spec.minimum or 0) <= len(text) <= (spec.maximum or len(text)):
        raise ValidationError(f"{spec.label}长度应在 {spec.minimum} 到 {spec.maximum} 字之间",
                              field=key, code="setting_length", minimum=spec.minimum,
                              maximum=spec.maximum)
    if key == "announce_template":
        _check_template(text)
    if key == "kiosk_admin_pin" and not (text.isascii() and text.isdigit()):  # not "²³⁴⁵"
        raise ValidationError("自助机管理密码应为数字", field=key, code="pin_digits")
    return text


def _check_template(text: str) -> None:
    """The display fills the template with str.format: other fields would fail at call time."""
    try:
        # The bare names only: "{number.__class__}" would be read out as "<class 'str'>";
        # and both really fields ("{{number}}" is the text "{number}", never the number).
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        fields = ["?"]
    if not set(fields) <= {"number", "window"}:
        raise ValidationError("叫号播报模板只能使用 {number} 和 {window} 两个占位符",
                              field="announce_template", code="template_fields")
    if not {"number", "window"} <= set(fields):
        raise ValidationError("叫号播报模板须包含 {number} 和 {window}",
                              field="announce_template", code="template_fields")


def _hidden(settings: Mapping[str, Any]) -> dict[str, Any]:
    return {k: "****" if k in SECRET_SETTINGS and v else v for k, v in settings.items()}


@action(Perm.EDIT_HALL)
def update_settings(ctx: Ctx, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change hall settings; all are validated before any is written."""
    if not isinstance(changes, Mapping):
        raise ValidationError("设置应为 名称→取值 的对象", field="settings",
                              code="settings_shape")
    checked = {key: _check_setting(key, value) for key, value in changes.items()}
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session, for_update=bool(checked))
        if not checked:  # nothing to change: no audit row, no feed event
            return dict(hall.settings)
        before = {k: hall.settings.get(k) for k in checked}
        hall.settings = {**hall.settings, **checked}
        # The PIN's change is recorded, not the PIN: supervisors read the audit log.
        uow.audit("settings_update", "hall", hall.id, before=_hidden(before),
                  after=_hidden(checked))
        uow.emit("hall_changed", keys=sorted(checked))
        uow.commit()
        return dict(hall.settings)


@action(Perm.EDIT_HALL)
def set_identity(ctx: Ctx, changes: Mapping[str, Any]) -> dict[str, str | None]:
    """Change the hall's name, English name, address, English address or phone (the fields
    given; an empty optional one clears it), all checked before any is written; the five as
    they now are.

    The tickets, slips, receipts and notices printed from now on, and the kiosk's and the
    display's header, follow (``hall_changed``)."""
    if not isinstance(changes, Mapping):
        raise ValidationError("大厅信息应为 名称→取值 的对象", field="hall",
                              code="settings_shape")
    checked = check_identity(changes, partial=True)
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session, for_update=True)
        before = {k: getattr(hall, k) for k in checked}
        changed = {k: v for k, v in checked.items() if before[k] != v}
        for key, value in changed.items():
            setattr(hall, key, value)
        now = {"name": hall.name, "name_en": hall.name_en, "address": hall.address,
               "address_en": hall.address_en, "phone": hall.phone}
        if not changed:  # nothing to change: no audit row, no feed event
            return now
        uow.audit("hall_identity_update", "hall", hall.id,
                  before={k: before[k] for k in changed}, after=changed)
        uow.emit("hall_changed", keys=sorted(changed))
        uow.commit()
        return now


@action(Perm.EDIT_HALL)
def set_priority_classes(ctx: Ctx, classes: Any) -> list[dict[str, str]]:
    """Replace the hall's green-channel classes (all checked before any is written).

    Tickets already taken keep their class: a class removed is no longer offered, and
    those still waiting keep their green-channel place."""
    checked = check_priority_classes(classes)
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session)
        before = list(hall.priority_classes or [])
        if checked == before:  # nothing changed: no audit row, no feed event
            return checked
        hall.priority_classes = checked
        uow.audit("priority_classes_update", "hall", hall.id, before={"classes": before},
                  after={"classes": checked})
        uow.emit("hall_changed", keys=["priority_classes"])
        uow.commit()
        return checked


def _parse_periods(periods: Any) -> tuple[tuple[time, time], ...]:
    """Each period a [start, end] pair of "HH:MM" texts; anything else is named, not a crash."""
    if not isinstance(periods, list | tuple):
        raise ValidationError("开放时段应为列表", field="opening_hours",
                              code="opening_hours_shape")
    parsed = []
    for n, pair in enumerate(periods, start=1):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValidationError(f"第 {n} 个开放时段格式不正确，应为 [开始, 结束]",
                                  field="opening_hours", code="opening_hours_shape")
        parsed.append((parse_hhmm(pair[0], field="opening_hours"),
                       parse_hhmm(pair[1], field="opening_hours")))
    return tuple(parsed)


@action(Perm.EDIT_HALL)
def set_opening_hours(ctx: Ctx, periods: list[tuple[str, str]], saturday: bool = False
                      ) -> dict[str, Any]:
    """Opening periods of every working day; stored as normalised "HH:MM" pairs.

    As a calendar change does (``calendar_admin``), in the same transaction: the deadlines
    of the open cases and follow-ups due from today are counted again on the new hours, and
    the bookings of the Saturdays no longer opened, and of the slots outside the new hours,
    are cancelled by the hall (their codes are returned as ``cancelled_bookings``, for
    staff to tell the applicants); those slots take no more bookings."""
    parsed = _parse_periods(periods)
    if not isinstance(saturday, bool):
        raise ValidationError("周六是否开放应为是/否", field="saturday",
                              code="setting_yes_no")
    with ctx.uow() as uow:
        # Exclusive, as a calendar change: Saturdays it closes lose their bookings (hall_lock).
        hall = lock_hall(uow.session)
        OpeningHours(parsed, hall.timezone)  # validates order, overlap, zone
        before = dict(hall.opening_hours)
        time_before = hall_time(uow.session, hall)
        hall.opening_hours = {"periods": [[f"{a:%H:%M}", f"{b:%H:%M}"] for a, b in parsed],
                              "saturday": saturday}
        today = hall_day(uow.now, hall.timezone)
        cancelled = cancel_closed_bookings(uow, today, None,
                                           _closed_reason(before, hall.opening_hours))
        uow.audit("opening_hours_update", "hall", hall.id, before=before,
                  after={**hall.opening_hours, "bookings_cancelled": len(cancelled),
                         **recounted(uow, today, time_before)})
        uow.emit("hall_changed", keys=["opening_hours"])
        uow.commit()
        return {**hall.opening_hours, "cancelled_bookings": list(cancelled)}


def _closed_reason(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """Why the hall cancelled bookings when its hours changed (the applicant is told)."""
    saturday = before.get("saturday") is True and after.get("saturday") is not True
    if before.get("periods") == after.get("periods"):
        return "大厅周六不再开放"
    return ("大厅周六不再开放，开放时间也已调整" if saturday
            else "大厅调整了开放时间，该时段不再开放")


DEVICE_KINDS = ("kiosk", "display", "counter", "rating")


def _not_int(value: Any) -> bool:
    return isinstance(value, bool) or not isinstance(value, int)


@action(Perm.EDIT_HALL)
def set_device(ctx: Ctx, terminal: str, kind: str, *, printer: str | None = None,
               roll_width_mm: int = 80, idle_seconds: int = 60,
               language: str = "zh") -> dict[str, Any]:
    """Settings of one terminal (by its name, HALLAPP_TERMINAL): kind, printer, roll, idle."""
    terminal = terminal.strip() if isinstance(terminal, str) else ""
    if not terminal or len(terminal) > 64:
        raise ValidationError("终端名称不能为空且不超过 64 字符", field="terminal",
                              code="terminal_name")
    if kind not in DEVICE_KINDS:
        raise ValidationError(f"终端类型 {kind} 无效，应为 {'/'.join(DEVICE_KINDS)} 之一",
                              field="kind", code="device_kind")
    printer = (printer or "").strip() or None
    if printer is not None and len(printer) > 200:
        raise ValidationError("打印机名称不超过 200 字符", field="printer",
                              code="printer_name")
    if _not_int(roll_width_mm) or roll_width_mm not in (58, 80):
        raise ValidationError("热敏纸宽度应为 58 或 80 毫米", field="roll_width_mm",
                              code="roll_width")
    if _not_int(idle_seconds) or not 10 <= idle_seconds <= 600:
        raise ValidationError("无操作返回首页时间应在 10 到 600 秒之间", field="idle_seconds",
                              code="idle_seconds")
    if language not in ("zh", "en"):
        raise ValidationError("界面语言应为 zh 或 en", field="language", code="language")
    device = {"kind": kind, "printer": printer, "roll_width_mm": roll_width_mm,
              "idle_seconds": idle_seconds, "language": language}
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session, for_update=True)  # the other keys are written back
        devices = dict(hall.settings.get("devices") or {})
        before = devices.get(terminal)
        devices[terminal] = device
        hall.settings = {**hall.settings, "devices": devices}
        uow.audit("device_set", "device", terminal, before=before, after=device)
        uow.emit("hall_changed", keys=["devices"])
        uow.commit()
    return device


@action(Perm.EDIT_CATALOGUE)
def save_item(ctx: Ctx, raw: Mapping[str, Any], *, based_on: int | None = None
              ) -> dict[str, Any]:
    """Create an item or its next version from an edited record (Item.as_dict() shape).

    ``based_on`` is what the editor started from: 0 for a new item, refused when its code is
    taken (新建事项 with an existing code replaced that item); else the version that was in
    force when the item was opened, refused when another terminal has saved or retired the
    item since (the second of two administrators undid the first one's edit). None (a
    script that means to overwrite): no check."""
    item = parse_item(raw)
    with ctx.uow() as uow:
        s = uow.session
        dept = s.scalar(select(Department.id).where(Department.code == item.department))
        if dept is None:
            raise ValidationError(f"字段 department 未知部门 {item.department}", field="department",
                                  code="unknown_department", department=item.department,
                                  problem=f"未知部门 {item.department}")
        queue = s.scalar(select(Queue.id).where(Queue.code == item.queue))
        if queue is None:
            raise ValidationError(f"字段 queue 未知队列 {item.queue}", field="queue",
                                  code="unknown_queue", problem=f"未知队列 {item.queue}")
        # Two saves of one item take turns (PostgreSQL): the second sees the first's version.
        versions = s.scalars(select(ServiceItem.version).where(
            ServiceItem.code == item.code).with_for_update()).all()
        current = s.scalars(select(ServiceItem).where(
            ServiceItem.code == item.code, ServiceItem.in_force.is_(True))).first()
        if based_on is not None:
            _check_basis(item.code, current, bool(versions), based_on)
        stored = store_item(s, item, dept, queue, uow.now)
        if stored.outcome != "unchanged":
            before, after = stored.audit_values()
            uow.audit("item_save", "service_item", item.code, before=before, after=after)
            uow.emit("catalogue_changed", item=item.code)
        uow.commit()
        return {"code": item.code, "version": stored.version, "outcome": stored.outcome}


def _check_basis(code: str, current: ServiceItem | None, known: bool, based_on: int) -> None:
    """Refuse a save that would replace what its editor never saw (see ``save_item``)."""
    if based_on == 0 and current is not None:
        message = f"事项编码 {code} 已存在（{current.name}）"
        raise ValidationError(message, field="code", code="item_code_taken", item=code,
                              name=current.name, problem=message,
                              name_en=current.data.get("name_en") or current.name)
    if based_on == 0 and known:
        message = f"事项编码 {code} 属于已停用的事项，不能用于新事项"
        raise ValidationError(message, field="code", code="item_code_retired", item=code,
                              problem=message)
    if based_on != 0 and current is None:
        raise StateError(f"事项 {code} 已在其他终端停用，本次修改未保存",
                         code="item_retired_meanwhile", item=code)
    if based_on != 0 and current is not None and current.version != based_on:
        raise StateError(f"事项 {code} 已在其他终端保存为第 {current.version} 版（本次修改基于"
                         f"第 {based_on} 版），本次修改未保存：请点击“撤销修改”载入第 "
                         f"{current.version} 版后重新修改", code="item_changed_meanwhile",
                         item=code, version=current.version, based_on=based_on)


@action(Perm.EDIT_CATALOGUE)
def save_queue(ctx: Ctx, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Create or change a queue (name, prefix, quotas, target wait) — import rules apply.

    The messages are the import's, without its "queues：第 1 行：" prefix: a form has no rows.
    """
    parsed = _single_record(lambda: parse_queue(raw, 1))
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session)
        old = uow.session.scalars(select(Queue).where(Queue.code == parsed["code"])).first()
        before = None if old is None else {"name": old.name, "name_en": old.name_en,
                                           "prefix": old.prefix,
                                           "daily_quota": old.daily_quota,
                                           "time_quotas": old.time_quotas}
        today = hall_day(uow.now, hall.timezone)
        _single_record(lambda: upsert_queues(uow.session, hall, [parsed], today))
        uow.audit("queue_save", "queue", parsed["code"], before=before, after=parsed)
        uow.emit("catalogue_changed", queue=parsed["code"])
        uow.commit()
    return parsed


_RECORD_PREFIX = re.compile(r"^(?:queues：)?(?:第 1 行：)?")


def _single_record(fn: Callable[[], T]) -> T:
    """Run an import parser on one form record and drop the sheet/row part of its messages."""
    try:
        return fn()
    except ValidationError as exc:
        raise exc.restated(_RECORD_PREFIX.sub("", exc.message), field=exc.field) from None


@action(Perm.EDIT_CATALOGUE)
def save_department(ctx: Ctx, code: str, name: str, name_en: str | None = None) -> None:
    r = FieldReader({"code": code, "name": name, "name_en": name_en}, None)
    dept = {"code": r.code("code"), "name": r.req_text("name", MAX_NAME),
            "name_en": r.text("name_en", max_len=MAX_NAME)}
    with ctx.uow() as uow:
        old = uow.session.scalars(select(Department).where(
            Department.code == dept["code"])).first()
        before = None if old is None else {"code": old.code, "name": old.name,
                                           "name_en": old.name_en}
        upsert_departments(uow.session, [dept])
        uow.audit("department_save", "department", dept["code"], before=before, after=dept)
        uow.emit("catalogue_changed", department=dept["code"])
        uow.commit()
