"""Retiring a window, reinstating it, and renaming it.

A window no longer used (a counter removed) could only stay in the hall, offered to clerks, on
the boards and in the staffing plans. Retired, it is kept — tickets, service records, ratings
and the audit log refer to it — but no one opens or works it (``window_retired``), the boards,
the counter's choice of window and the planners leave it out, and an account can no longer be
given it as its fixed window (accounts that had it lose it, named in the audit entry). It is
retired only once closed and holding no ticket. Reinstated, it is a closed window again.

A window is known by its number: the accounts' fixed windows, the tickets sent to a window, the
rating pads and the announcements name it so, and the audit log's history with it. Its number
therefore stays; what is renamed is its label (the name on the boards and tickets, and the
English one), audited with the label before.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from hallapp.core.catalogue import MAX_NAME
from hallapp.core.errors import StateError, ValidationError
from hallapp.core.roles import Perm
from hallapp.core.texts import bounded
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import open_ticket_at, release_targeted, window_by_number
from hallapp.store.models import Staff, Window


@dataclass(frozen=True)
class WindowChange:
    """A window after an administrator's change; ``changed``: False when it already was so.
    ``unassigned``: the accounts whose fixed window it was (retiring)."""

    number: int
    name: str
    name_en: str | None
    retired: bool
    changed: bool
    unassigned: tuple[str, ...] = ()


def _change(w: Window, changed: bool, unassigned: tuple[str, ...] = ()) -> WindowChange:
    return WindowChange(w.number, w.name, w.name_en, w.retired, changed, unassigned)


@action(Perm.EDIT_HALL)
def retire_window(ctx: Ctx, number: int) -> WindowChange:
    """Take a closed window that holds no ticket out of use; its history stays."""
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session)
        w = window_by_number(uow.session, hall, number, lock=True)
        if w.retired:
            return _change(w, False)
        if w.state != "closed":
            raise StateError(f"{number} 号窗口正在使用，请先关闭再停用", field="window",
                             code="window_in_use", window=number)
        if open_ticket_at(uow.session, w.id) is not None:
            raise StateError(f"{number} 号窗口还有未办结的号，请先处理", field="window",
                             code="window_busy", window=number)
        released = release_targeted(uow.session, hall, number, uow.now)
        holders = tuple(uow.session.scalars(select(Staff.username).where(
            Staff.window_number == number).order_by(Staff.username)))
        uow.session.execute(update(Staff).where(Staff.window_number == number)
                            .values(window_number=None).execution_options(
                                synchronize_session=False))
        w.retired, w.clerk_id = True, None
        # By its id, as the window's other entries (``WindowOp.done``), its number after.
        uow.audit("window_retire", "window", w.id, before={"retired": False},
                  after={"retired": True, "window": number, "unassigned": list(holders),
                         "released": released})
        uow.emit("windows_changed", window=number)
        if holders:
            uow.emit("staff_changed")
        uow.commit()
        return _change(w, True, holders)


@action(Perm.EDIT_HALL)
def reinstate_window(ctx: Ctx, number: int) -> WindowChange:
    """Put a retired window back in use, closed (its work profile as it was)."""
    with ctx.uow() as uow:
        w = window_by_number(uow.session, get_hall_row(uow.session), number, lock=True)
        if not w.retired:
            return _change(w, False)
        w.retired = False
        uow.audit("window_reinstate", "window", w.id, before={"retired": True},
                  after={"retired": False, "window": number})
        uow.emit("windows_changed", window=number)
        uow.commit()
        return _change(w, True)


@action(Perm.EDIT_HALL)
def rename_window(ctx: Ctx, number: int, name: str, name_en: str | None = None) -> WindowChange:
    """A window's label (and English label; empty: none). Its number stays (see above)."""
    name = name.strip()
    if not name:
        raise ValidationError("窗口名称不能为空", field="name", code="window_name_required")
    name = bounded(name, "窗口名称", "name", MAX_NAME)
    english = bounded((name_en or "").strip(), "英文名称", "name_en", MAX_NAME) or None
    with ctx.uow() as uow:
        w = window_by_number(uow.session, get_hall_row(uow.session), number, lock=True)
        before = {"name": w.name, "name_en": w.name_en}
        after = {"name": name, "name_en": english}
        if before == after:
            return _change(w, False)
        w.name, w.name_en = name, english
        uow.audit("window_rename", "window", w.id, before=before,
                  after={**after, "window": number})
        uow.emit("windows_changed", window=number)
        uow.commit()
        return _change(w, True)
