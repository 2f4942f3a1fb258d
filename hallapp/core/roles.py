"""Roles, permissions and the acting user.

The matrix is the single source of truth: services check it (``authorize``), the UI only
uses it to hide buttons, and a test walks every role × permission.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hallapp.core.errors import PermissionDenied, ValidationError


class Role(StrEnum):
    CLERK = "clerk"
    APPROVER = "approver"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    KIOSK = "kiosk"
    DISPLAY = "display"
    SYSTEM = "system"  # the installer and end-of-day jobs, never a login


class Perm(StrEnum):
    VIEW_HALL = "view_hall"
    TAKE_TICKET = "take_ticket"
    CHECKIN_APPOINTMENT = "checkin_appointment"
    BOOK_APPOINTMENT = "book_appointment"
    OPERATE_WINDOW = "operate_window"
    CALL_OUT_OF_ORDER = "call_out_of_order"
    CONTROL_WINDOW = "control_window"  # open/close/pause any window, change work profile
    MOVE_TICKETS = "move_tickets"
    CLOSE_DAY = "close_day"
    INTAKE_CASE = "intake_case"
    DELIVER_CASE = "deliver_case"
    REVIEW_CASE = "review_case"
    REVOKE_CASE = "revoke_case"
    RATE_SERVICE = "rate_service"
    FOLLOW_UP_RATING = "follow_up_rating"
    VIEW_KPI = "view_kpi"
    EDIT_CATALOGUE = "edit_catalogue"
    EDIT_HALL = "edit_hall"
    MANAGE_STAFF = "manage_staff"
    MANAGE_CALENDAR = "manage_calendar"
    MANAGE_BLACKLIST = "manage_blacklist"
    VIEW_AUDIT = "view_audit"
    PRINT = "print"
    # Receipts and notices carry the applicant's name and ID number: staff only, never the
    # public kiosk (which prints tickets, slips and checklists).
    PRINT_CASE = "print_case"
    BACKUP = "backup"


_P = Perm
_FRONT = {_P.VIEW_HALL, _P.OPERATE_WINDOW, _P.CALL_OUT_OF_ORDER, _P.INTAKE_CASE,
          _P.DELIVER_CASE, _P.PRINT, _P.PRINT_CASE, _P.TAKE_TICKET, _P.CHECKIN_APPOINTMENT,
          _P.BOOK_APPOINTMENT}
MATRIX: dict[Role, frozenset[Perm]] = {
    Role.CLERK: frozenset(_FRONT),
    Role.APPROVER: frozenset({_P.VIEW_HALL, _P.REVIEW_CASE, _P.PRINT, _P.PRINT_CASE}),
    Role.SUPERVISOR: frozenset(_FRONT | {_P.CONTROL_WINDOW, _P.MOVE_TICKETS, _P.CLOSE_DAY,
                                         _P.REVOKE_CASE, _P.FOLLOW_UP_RATING, _P.VIEW_KPI,
                                         _P.MANAGE_BLACKLIST, _P.VIEW_AUDIT}),
    Role.ADMIN: frozenset({_P.VIEW_HALL, _P.EDIT_CATALOGUE, _P.EDIT_HALL, _P.MANAGE_STAFF,
                           _P.MANAGE_CALENDAR, _P.MANAGE_BLACKLIST, _P.VIEW_AUDIT, _P.VIEW_KPI,
                           _P.CONTROL_WINDOW, _P.CLOSE_DAY, _P.REVOKE_CASE, _P.BACKUP,
                           _P.PRINT, _P.PRINT_CASE}),
    Role.KIOSK: frozenset({_P.VIEW_HALL, _P.TAKE_TICKET, _P.CHECKIN_APPOINTMENT,
                           _P.RATE_SERVICE, _P.PRINT}),
    Role.DISPLAY: frozenset({_P.VIEW_HALL, _P.RATE_SERVICE}),
    Role.SYSTEM: frozenset(Perm),
}

ROLE_NAMES_ZH = {Role.CLERK: "窗口人员", Role.APPROVER: "后台审批人员", Role.SUPERVISOR: "值班长",
                 Role.ADMIN: "管理员", Role.KIOSK: "自助取号机", Role.DISPLAY: "显示屏/评价器",
                 Role.SYSTEM: "系统"}
LOGIN_ROLES = tuple(r for r in Role if r is not Role.SYSTEM)


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in staff account or device, or the system itself."""

    username: str
    role: Role
    staff_id: int | None = None
    name: str = ""
    department_id: int | None = None
    window_number: int | None = None
    # The account's ``staff.session_epoch`` when it logged in: disabling the account or an
    # administrator resetting its password moves the stored one on, and every action of a
    # client logged in before is then refused (``SESSION_ENDED``).
    session_epoch: int = 0

    def can(self, perm: Perm) -> bool:
        return perm in MATRIX[self.role]


SYSTEM_ACTOR = Actor("system", Role.SYSTEM, name="系统")


# What each permission allows, as a refusal names it.
PERM_LABELS: dict[Perm, str] = {
    Perm.VIEW_HALL: "查看大厅", Perm.TAKE_TICKET: "取号",
    Perm.CHECKIN_APPOINTMENT: "预约签到", Perm.BOOK_APPOINTMENT: "预约登记",
    Perm.OPERATE_WINDOW: "窗口叫号办理", Perm.CALL_OUT_OF_ORDER: "指定叫号",
    Perm.CONTROL_WINDOW: "调度窗口", Perm.MOVE_TICKETS: "转移号码", Perm.CLOSE_DAY: "日终闭厅",
    Perm.INTAKE_CASE: "收件", Perm.DELIVER_CASE: "出件", Perm.REVIEW_CASE: "审批办件",
    Perm.REVOKE_CASE: "撤销办件", Perm.RATE_SERVICE: "评价", Perm.FOLLOW_UP_RATING: "差评回访",
    Perm.VIEW_KPI: "查看运行指标", Perm.EDIT_CATALOGUE: "维护事项目录",
    Perm.EDIT_HALL: "修改大厅设置", Perm.MANAGE_STAFF: "管理人员账号",
    Perm.MANAGE_CALENDAR: "维护工作日历", Perm.MANAGE_BLACKLIST: "管理失信名单",
    Perm.VIEW_AUDIT: "查看审计日志", Perm.PRINT: "打印", Perm.PRINT_CASE: "打印办件文书",
    Perm.BACKUP: "备份与恢复",
}


# The same in English, for the refusal's English text (hallapp.core.error_text): the roles as
# the English screens name them (RoleLabels in the .ts; a test keeps them equal), and what
# each permission allows as a verb phrase ("… is not allowed to close the day").
ROLE_NAMES_EN = {Role.CLERK: "Window clerk", Role.APPROVER: "Approver",
                 Role.SUPERVISOR: "Supervisor", Role.ADMIN: "Administrator",
                 Role.KIOSK: "Kiosk", Role.DISPLAY: "Display/rating pad", Role.SYSTEM: "System"}
PERM_LABELS_EN: dict[Perm, str] = {
    Perm.VIEW_HALL: "view the hall", Perm.TAKE_TICKET: "take tickets",
    Perm.CHECKIN_APPOINTMENT: "check in bookings", Perm.BOOK_APPOINTMENT: "book appointments",
    Perm.OPERATE_WINDOW: "call and serve tickets at a window",
    Perm.CALL_OUT_OF_ORDER: "call a chosen ticket", Perm.CONTROL_WINDOW: "control windows",
    Perm.MOVE_TICKETS: "move tickets", Perm.CLOSE_DAY: "close the day",
    Perm.INTAKE_CASE: "receive cases", Perm.DELIVER_CASE: "hand out results",
    Perm.REVIEW_CASE: "review cases", Perm.REVOKE_CASE: "revoke cases",
    Perm.RATE_SERVICE: "rate the service", Perm.FOLLOW_UP_RATING: "follow up poor ratings",
    Perm.VIEW_KPI: "view the hall's figures", Perm.EDIT_CATALOGUE: "edit the service catalogue",
    Perm.EDIT_HALL: "change the hall's settings", Perm.MANAGE_STAFF: "manage staff accounts",
    Perm.MANAGE_CALENDAR: "edit the working calendar",
    Perm.MANAGE_BLACKLIST: "manage the blacklist", Perm.VIEW_AUDIT: "view the audit log",
    Perm.PRINT: "print", Perm.PRINT_CASE: "print case documents",
    Perm.BACKUP: "back up and restore the database",
}


def authorize(actor: Actor, perm: Perm) -> None:
    if not actor.can(perm):
        raise PermissionDenied(
            f"{ROLE_NAMES_ZH[actor.role]}（{actor.username}）无权{PERM_LABELS[perm]}",
            role=actor.role.value, perm=perm.value, username=actor.username)


SESSION_ENDED = "session_ended"


def session_ended(actor: Actor) -> PermissionDenied:
    """The refusal of every action of a client whose account was disabled, or its password
    reset by an administrator, after it logged in: its user must log in again."""
    return PermissionDenied("账号已停用或密码已重置，请重新登录", code=SESSION_ENDED,
                            username=actor.username)


def parse_role(value: str) -> Role:
    try:
        role = Role(value)
    except ValueError:
        role = None
    if role is None or role is Role.SYSTEM:
        names = "/".join(r.value for r in LOGIN_ROLES)
        raise ValidationError(f"角色 {value!r} 无效，应为 {names} 之一", field="role",
                              code="unknown_role", role=value)
    return role
