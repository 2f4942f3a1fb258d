"""Read-only table models of the admin tabs, with named columns.

Each model holds the frozen dataclasses (or plain dicts) a service returned and says what
each named column shows; headers are Chinese source strings translated in the
``AdminColumns`` context. Every model is checked with pytest-qt's ``qtmodeltester``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType as _ro
from typing import Any

from PySide6.QtCore import QObject

from hallapp.core.catalogue import Item
from hallapp.core.roles import ROLE_NAMES_ZH, Role
from hallapp.services.audit import AuditRow
from hallapp.services.calendar_admin import CalendarDayInfo
from hallapp.services.catalogue import ItemSummary
from hallapp.services.hall import WindowInfo
from hallapp.services.staff import StaffInfo
from hallapp.ui.admin.base import AdminEnv
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, tr
from hallapp.ui.common.errors import listed
from hallapp.ui.common.labels import audit_action_label, audit_entity_label, role_label
from hallapp.ui.common.table_model import DISPLAY, TOOLTIP, RecordTableModel

HANDLING = {"immediate": QT_TRANSLATE_NOOP("Admin", "即办件"),
            "promised": QT_TRANSLATE_NOOP("Admin", "承诺件")}
UNITS = {"working_day": QT_TRANSLATE_NOOP("Admin", "个工作日"),
         "natural_day": QT_TRANSLATE_NOOP("Admin", "个自然日"),
         "hour": QT_TRANSLATE_NOOP("Admin", "小时"),
         "immediate": QT_TRANSLATE_NOOP("Admin", "当场办结")}
WINDOW_KINDS = {"comprehensive": QT_TRANSLATE_NOOP("Admin", "综合窗口"),
                "specialised": QT_TRANSLATE_NOOP("Admin", "专业窗口"),
                "delivery": QT_TRANSLATE_NOOP("Admin", "出件窗口")}
PROFILE_MODES = {"precedence": QT_TRANSLATE_NOOP("Admin", "按优先级"),
                 "ratio": QT_TRANSLATE_NOOP("Admin", "按比例")}
WEEKDAYS = (QT_TRANSLATE_NOOP("Admin", "星期一"), QT_TRANSLATE_NOOP("Admin", "星期二"),
            QT_TRANSLATE_NOOP("Admin", "星期三"), QT_TRANSLATE_NOOP("Admin", "星期四"),
            QT_TRANSLATE_NOOP("Admin", "星期五"), QT_TRANSLATE_NOOP("Admin", "星期六"),
            QT_TRANSLATE_NOOP("Admin", "星期日"))


def limit_text(value: int, unit: str) -> str:
    if unit == "immediate":
        return tr(UNITS["immediate"])
    return f"{value} {tr(UNITS.get(unit, unit))}"


class NamedTableModel(RecordTableModel):
    """The shared base with the admin's env and headers from ``HEADERS`` ("Admin" context)."""

    HEADERS: Mapping[str, str] = _ro({})
    TEXT_ROLES = (DISPLAY, TOOLTIP)

    def __init__(self, env: AdminEnv | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.env = env

    def text(self, n: int, column: str) -> str:
        return self.cell_text(self._rows[n], column)

    def header_text(self, column: str) -> str:
        return tr(self.HEADERS[column])

    def cell_text(self, row: Any, column: str) -> str:
        value = row.get(column) if isinstance(row, dict) else getattr(row, column)
        return "" if value is None else str(value)


class ItemListModel(NamedTableModel):
    COLUMNS = ("name", "code", "version", "queue", "department", "handling_type", "materials")
    HEADERS = _ro({"code": QT_TRANSLATE_NOOP("Admin", "实施编码"),
                   "name": QT_TRANSLATE_NOOP("Admin", "事项名称"),
                   "version": QT_TRANSLATE_NOOP("Admin", "版本"),
                   "department": QT_TRANSLATE_NOOP("Admin", "部门"),
                   "queue": QT_TRANSLATE_NOOP("Admin", "队列"),
                   "handling_type": QT_TRANSLATE_NOOP("Admin", "办件类型"),
                   "materials": QT_TRANSLATE_NOOP("Admin", "材料数")})

    def find(self, code: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.code == code), -1)

    def cell_text(self, row: ItemSummary, column: str) -> str:
        if column == "handling_type":
            return tr(HANDLING.get(row.handling_type, row.handling_type))
        return super().cell_text(row, column)


class VersionTableModel(NamedTableModel):
    """The versions of one item, oldest first (rows are ``Item``)."""

    COLUMNS = ("version", "name", "promised_limit", "materials", "state")
    HEADERS = _ro({"version": QT_TRANSLATE_NOOP("Admin", "版本"),
                   "name": QT_TRANSLATE_NOOP("Admin", "事项名称"),
                   "promised_limit": QT_TRANSLATE_NOOP("Admin", "承诺时限"),
                   "materials": QT_TRANSLATE_NOOP("Admin", "材料数"),
                   "state": QT_TRANSLATE_NOOP("Admin", "状态")})
    current: int | None = None

    def cell_text(self, row: Item, column: str) -> str:
        if column == "promised_limit":
            return limit_text(row.promised_limit.value, row.promised_limit.unit)
        if column == "materials":
            return str(len(row.materials))
        if column == "state":
            return tr(QT_TRANSLATE_NOOP("Admin", "生效中") if row.version == self.current
                      else QT_TRANSLATE_NOOP("Admin", "历史版本"))
        return super().cell_text(row, column)


class QueueTableModel(NamedTableModel):
    """Queues as exported (dicts with time quotas)."""

    COLUMNS = ("code", "name", "prefix", "category", "daily_quota", "time_quotas",
               "target_wait_minutes")
    HEADERS = _ro({"code": QT_TRANSLATE_NOOP("Admin", "编码"),
                   "name": QT_TRANSLATE_NOOP("Admin", "队列名称"),
                   "prefix": QT_TRANSLATE_NOOP("Admin", "号码前缀"),
                   "category": QT_TRANSLATE_NOOP("Admin", "类别"),
                   "daily_quota": QT_TRANSLATE_NOOP("Admin", "每日限额"),
                   "time_quotas": QT_TRANSLATE_NOOP("Admin", "分时段限额"),
                   "target_wait_minutes": QT_TRANSLATE_NOOP("Admin", "目标等候(分)")})

    def cell_text(self, row: dict[str, Any], column: str) -> str:
        if column == "name" and not row.get("active", True):  # no new tickets (queue_admin)
            return f"{row['name']}（{tr(QT_TRANSLATE_NOOP('Admin', '停用'))}）"
        if column == "time_quotas":
            return listed((f"{q['start']}–{q['end']} {q['quota']}"
                           for q in row.get("time_quotas") or []), "；")
        if column == "daily_quota" and row.get("daily_quota") is None:
            return tr(QT_TRANSLATE_NOOP("Admin", "不限"))
        return super().cell_text(row, column)


class DepartmentTableModel(NamedTableModel):
    COLUMNS = ("code", "name")
    HEADERS = _ro({"code": QT_TRANSLATE_NOOP("Admin", "部门编码"),
                   "name": QT_TRANSLATE_NOOP("Admin", "部门名称")})


class WindowTableModel(NamedTableModel):
    COLUMNS = ("number", "name", "kind", "profile_mode", "profile", "state")
    HEADERS = _ro({"number": QT_TRANSLATE_NOOP("Admin", "窗口号"),
                   "name": QT_TRANSLATE_NOOP("Admin", "名称"),
                   "kind": QT_TRANSLATE_NOOP("Admin", "类型"),
                   "profile_mode": QT_TRANSLATE_NOOP("Admin", "叫号方式"),
                   "profile": QT_TRANSLATE_NOOP("Admin", "服务队列"),
                   "state": QT_TRANSLATE_NOOP("Admin", "当前状态")})
    STATES = _ro({"open": QT_TRANSLATE_NOOP("Admin", "开放"),
                  "paused": QT_TRANSLATE_NOOP("Admin", "暂停"),
                  "closed": QT_TRANSLATE_NOOP("Admin", "关闭")})

    def find(self, number: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.number == number), -1)

    def cell_text(self, row: WindowInfo, column: str) -> str:
        if column == "kind":
            return tr(WINDOW_KINDS.get(row.kind, row.kind))
        if column == "profile_mode":
            return tr(PROFILE_MODES.get(row.profile_mode, row.profile_mode))
        if column == "state":
            # Retired (window_admin): no longer used, its state is not a working one.
            return tr(QT_TRANSLATE_NOOP("Admin", "已停用") if row.retired
                      else self.STATES.get(row.state, row.state))
        if column == "profile":
            if row.profile_mode == "ratio":
                return " : ".join(f"{p.queue}×{p.ratio}" for p in row.profile)
            return " > ".join(p.queue for p in row.profile)
        return super().cell_text(row, column)


class StaffTableModel(NamedTableModel):
    COLUMNS = ("username", "name", "role", "department", "window_number", "active")
    HEADERS = _ro({"username": QT_TRANSLATE_NOOP("Admin", "用户名"),
                   "name": QT_TRANSLATE_NOOP("Admin", "姓名"),
                   "role": QT_TRANSLATE_NOOP("Admin", "角色"),
                   "department": QT_TRANSLATE_NOOP("Admin", "部门"),
                   "window_number": QT_TRANSLATE_NOOP("Admin", "窗口"),
                   "active": QT_TRANSLATE_NOOP("Admin", "状态")})

    def find(self, username: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.username == username), -1)

    def cell_text(self, row: StaffInfo, column: str) -> str:
        if column == "role":
            return role_label(ROLE_NAMES_ZH.get(Role(row.role), row.role))
        if column == "active":
            if row.locked:
                return tr(QT_TRANSLATE_NOOP("Admin", "已锁定"))
            if row.active:
                return tr(QT_TRANSLATE_NOOP("Admin", "启用"))
            return tr(QT_TRANSLATE_NOOP("Admin", "停用"))
        return super().cell_text(row, column)


class DeviceTableModel(NamedTableModel):
    """Rows are ``(terminal, settings dict)`` from the hall setting ``devices``."""

    COLUMNS = ("terminal", "kind", "printer", "roll_width_mm", "idle_seconds", "language")
    HEADERS = _ro({"terminal": QT_TRANSLATE_NOOP("Admin", "终端名称"),
                   "kind": QT_TRANSLATE_NOOP("Admin", "类型"),
                   "printer": QT_TRANSLATE_NOOP("Admin", "打印机"),
                   "roll_width_mm": QT_TRANSLATE_NOOP("Admin", "纸宽(毫米)"),
                   "idle_seconds": QT_TRANSLATE_NOOP("Admin", "返回首页(秒)"),
                   "language": QT_TRANSLATE_NOOP("Admin", "语言")})
    KINDS = _ro({"kiosk": QT_TRANSLATE_NOOP("Admin", "自助取号机"),
                 "display": QT_TRANSLATE_NOOP("Admin", "综合屏"),
                 "counter": QT_TRANSLATE_NOOP("Admin", "窗口工作台"),
                 "rating": QT_TRANSLATE_NOOP("Admin", "评价器")})

    def cell_text(self, row: tuple[str, dict[str, Any]], column: str) -> str:
        terminal, device = row
        if column == "terminal":
            return terminal
        if column == "kind":
            return tr(self.KINDS.get(device.get("kind", ""), str(device.get("kind"))))
        if column == "language":
            return "中文" if device.get("language") == "zh" else "English"
        value = device.get(column)
        return "—" if value is None else str(value)


class CalendarDayTableModel(NamedTableModel):
    """Days of a year that differ from the plain week: rows are ``CalendarDayInfo``."""

    COLUMNS = ("day", "weekday", "working", "note")
    HEADERS = _ro({"day": QT_TRANSLATE_NOOP("Admin", "日期"),
                   "weekday": QT_TRANSLATE_NOOP("Admin", "星期"),
                   "working": QT_TRANSLATE_NOOP("Admin", "安排"),
                   "note": QT_TRANSLATE_NOOP("Admin", "说明")})

    def cell_text(self, row: CalendarDayInfo, column: str) -> str:
        if column == "day":
            return row.day.isoformat()
        if column == "weekday":
            return tr(WEEKDAYS[row.day.weekday()])
        if column == "working":
            if row.working:
                return tr(QT_TRANSLATE_NOOP("Admin", "上班"))
            return tr(QT_TRANSLATE_NOOP("Admin", "休息"))
        return row.note or ""


class AuditTableModel(NamedTableModel):
    COLUMNS = ("id", "at", "actor", "terminal", "action", "entity", "entity_id")
    HEADERS = _ro({"id": QT_TRANSLATE_NOOP("Admin", "序号"),
                   "at": QT_TRANSLATE_NOOP("Admin", "时间"),
                   "actor": QT_TRANSLATE_NOOP("Admin", "操作人"),
                   "terminal": QT_TRANSLATE_NOOP("Admin", "终端"),
                   "action": QT_TRANSLATE_NOOP("Admin", "操作"),
                   "entity": QT_TRANSLATE_NOOP("Admin", "对象"),
                   "entity_id": QT_TRANSLATE_NOOP("Admin", "对象编号")})

    def cell_text(self, row: AuditRow, column: str) -> str:
        if column == "at" and self.env is not None:
            return self.env.local(row.at)
        if column == "action":
            return audit_action_label(row.action)
        if column == "entity":
            return audit_entity_label(row.entity)
        return super().cell_text(row, column)
