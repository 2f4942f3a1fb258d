"""Editing an existing account: its display name, role, department and fixed window.

An administrator could add, disable and reset accounts but not correct them: a clerk moved to
the back office, or to another window, needed a second account. ``edit_staff`` changes what
it is given and leaves the rest; the change is audited with its before and after.

A change of role or department ends the account's open sessions (``session_epoch``, as
disabling does): a client logged in before still acted with the old role's permissions, or
an approver on the old department's cases. An approver leaving the back office (or their
department) gives back the cases they had claimed, as a disabled one does. The last active
administrator keeps the role (``last_admin_role``): the hall would have nobody to administer
it, whoever asks — the administrator demoting themselves included. A clerk moved to another
role lets go of the window they hold, as a disabled one does (``window_holder``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

from sqlalchemy.orm import Session

from hallapp.core.errors import ValidationError
from hallapp.core.roles import Perm, Role, parse_role
from hallapp.core.texts import MAX_PERSON_NAME, bounded
from hallapp.services.context import Ctx, action
from hallapp.services.staff import (
    StaffInfo,
    _department_id,
    _get,
    _info,
    _lock,
    _refuse_locking_out,
    check_fixed_window,
)
from hallapp.services.window_holder import LeftWindows, free_windows_of
from hallapp.store.models import Department, Staff
from hallapp.store.uow import UnitOfWork


class _Keep(Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP  # a field left as it is (None clears the department or window)


@dataclass(frozen=True)
class StaffEdit:
    """What ``edit_staff`` did: the account now, the fields it changed (before → after),
    whether its open sessions were ended, and the cases given back."""

    info: StaffInfo
    changed: dict[str, tuple[object, object]]
    sessions_ended: bool
    released: tuple[str, ...]
    # A clerk moved to another role lets go of the window they hold (``free_windows_of``).
    windows_freed: tuple[int, ...] = ()
    windows_kept: tuple[int, ...] = ()


@action(Perm.MANAGE_STAFF)
def edit_staff(ctx: Ctx, username: str, *, name: str | _Keep = KEEP,
               role: str | _Keep = KEEP, department: str | _Keep | None = KEEP,
               window_number: int | _Keep | None = KEEP) -> StaffEdit:
    """Change an account's name, role, department (approvers) or fixed window."""
    new_name = KEEP if name is KEEP else _checked_name(name)
    new_role = KEEP if role is KEEP else parse_role(role)
    with ctx.uow(lock_actor=False) as uow:
        s = uow.session
        row = _get(s, username)
        demote = (new_role is not KEEP and row.role == Role.ADMIN.value
                  and new_role is not Role.ADMIN)
        # Held as disabling holds it (and, to count them, every active admin's), re-read.
        held = _lock(s, ctx, username, admins=demote)
        before = _fields(s, row)
        after = dict(before)
        if new_name is not KEEP:
            after["name"] = new_name
        if new_role is not KEEP:
            after["role"] = new_role.value
        if department is not KEEP:
            after["department"] = (department or "").strip() or None
        if window_number is not KEEP:
            after["window_number"] = window_number or None
        _check(s, after)
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        if not changed:  # nothing to change: no audit row, no feed event
            return StaffEdit(_info(row, _str(before["department"])), {}, False, ())
        if demote and "role" in changed:
            _refuse_locking_out(row, held, demote=True)
        left = (free_windows_of(uow, row.id, "账号调岗")
                if "role" in changed and before["role"] == Role.CLERK.value else LeftWindows())
        released = _apply(uow, row, after, changed)
        ended = bool({"role", "department"} & changed.keys()) and row.active
        if ended:
            row.session_epoch += 1
        uow.audit("staff_edit", "staff", row.id, before={k: b for k, (b, _) in changed.items()},
                  after={**{k: a for k, (_, a) in changed.items()},
                         **({"released": released} if released else {}),
                         **({"windows_kept": list(left.kept)} if left.kept else {}),
                         "sessions_ended": ended})
        uow.emit("staff_changed", staff=row.id)
        uow.commit()
        info = _info(row, _str(after["department"]))
    return StaffEdit(info, changed, ended, tuple(released), left.freed, left.kept)


def _checked_name(name: str) -> str:
    if not name.strip():
        raise ValidationError("姓名不能为空", field="name", code="staff_name_required")
    return bounded(name.strip(), "姓名", "name", MAX_PERSON_NAME)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _fields(s: Session, row: Staff) -> dict[str, object]:
    dept = None if row.department_id is None else s.get(Department, row.department_id)
    return {"name": row.name, "role": row.role, "department": dept.code if dept else None,
            "window_number": row.window_number}


def _check(s: Session, after: dict[str, object]) -> None:
    """The account as it would be: an approver has a department, its window exists."""
    if after["role"] == Role.APPROVER.value and not after["department"]:
        raise ValidationError("后台审批人员须指定所属部门", field="department",
                              code="approver_needs_department")
    _department_id(s, _str(after["department"]))  # refused if unknown
    number = after["window_number"]
    check_fixed_window(s, number if isinstance(number, int) else None)


def _apply(uow: UnitOfWork, row: Staff, after: dict[str, object],
           changed: dict[str, tuple[object, object]]) -> list[str]:
    """Write ``after`` to ``row``; an approver leaving the role or the department gives back
    the cases claimed. Returns those cases' numbers."""
    released: list[str] = []
    if row.role == Role.APPROVER.value and {"role", "department"} & changed.keys():
        # here, not at the top: the back office needs the hall, the hall this module
        from hallapp.services.backoffice import release_claims_of

        released = release_claims_of(uow, row, "账号角色或部门变更")
    row.name, row.role = str(after["name"]), str(after["role"])
    row.department_id = _department_id(uow.session, _str(after["department"]))
    number = after["window_number"]
    row.window_number = number if isinstance(number, int) else None
    return released
