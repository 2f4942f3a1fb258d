"""Staff accounts: login with lockout, add, list, change password, disable."""

from __future__ import annotations

import functools
import logging
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from hallapp.core.errors import (
    AuthError,
    NotFound,
    PermissionDenied,
    StateError,
    ValidationError,
)
from hallapp.core.roles import Actor, Perm, Role, parse_role, session_ended
from hallapp.core.texts import MAX_PERSON_NAME, bounded
from hallapp.services.context import Ctx, action, is_write_refused
from hallapp.store.models import Department, Staff, Window
from hallapp.store.uow import UnitOfWork

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8
USERNAME_RE = re.compile(r"[A-Za-z0-9_.@\-]{1,64}")
_hasher = PasswordHasher()
log = logging.getLogger("hallapp.staff")


@dataclass(frozen=True)
class StaffInfo:
    id: int
    username: str
    name: str
    role: str
    department: str | None
    window_number: int | None
    active: bool
    locked: bool


@functools.cache
def _dummy_hash() -> str:
    """A hash to check against for unknown users (made on first need, not at import)."""
    return _hasher.hash("not-a-password-0")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位", field="password",
                              code="password_short", minimum=MIN_PASSWORD)
    if password.isdigit() or password.isalpha():
        raise ValidationError("密码须同时包含字母和数字", field="password",
                              code="password_mix")


def _actor(row: Staff) -> Actor:
    return Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                 row.window_number, row.session_epoch)


def login(ctx: Ctx, username: str, password: str, *, reads_only: bool = False) -> Actor:
    """Check a password; five failures in a row lock the account for 15 minutes.

    ``reads_only``: for a command that only reads (a backup to another disk, a list, the
    hall's status). When the database takes no writes — its disk is full, its file or server
    read-only — the login's audit entry (and a failure's count) cannot be written; such a
    command then still checks the password, by reading alone, and the failure is logged. Any
    other command is refused as before: what it came to write could not be written either.
    """
    try:
        return _login(ctx, username, password)
    except DBAPIError as exc:
        if not reads_only or not is_write_refused(exc):
            raise
        log.warning("login of %s not audited: the database takes no writes (%s)",
                    username, exc.orig or exc)
    return _check_only(ctx, username, password)


def _check_only(ctx: Ctx, username: str, password: str) -> Actor:
    """``login``'s checks without its writes (the lockout is honoured, not counted)."""
    with ctx.uow(readonly=True) as uow:
        row = uow.session.scalars(select(Staff).where(
            func.lower(Staff.username) == func.lower(username))).first()
        if row is None or not row.active:
            _verify(_dummy_hash(), password)
            raise AuthError("用户名或密码错误", code="bad_credentials")
        _refuse_locked(row, uow.now)
        if _verify(row.password_hash, password):
            return _actor(row)
    raise AuthError("用户名或密码错误", code="bad_credentials")


def _login(ctx: Ctx, username: str, password: str) -> Actor:
    """``login``, writing its outcome.

    Every outcome is audited; the failure counter is committed before the refusal is raised,
    so a process that retries cannot escape the lockout.

    The password is checked (slowly) without a lock; the row is then locked and read again
    before its count is written. Guesses sent from many terminals at once each counted from
    the same stale value on PostgreSQL (eight terminals, 24 guesses, never locked): now the
    count goes up by one per guess, the fifth locks the account, and a guess that finds it
    locked by then, right or wrong, is refused as locked.
    """
    with ctx.uow() as uow:
        # As user names are unique: without regard to case (ix_staff_username_lower).
        row = uow.session.scalars(select(Staff).where(
            func.lower(Staff.username) == func.lower(username))).first()
        if row is None or not row.active:
            # Spend the same time as a real check, so the answer does not reveal which
            # user names exist; record the attempt for the audit.
            _verify(_dummy_hash(), password)
            uow.audit("login_failed", "staff", username, after={"known": row is not None})
            uow.commit()
            raise AuthError("用户名或密码错误", code="bad_credentials")
        _refuse_locked(row, uow.now)
        right = _verify(row.password_hash, password)
        uow.session.refresh(row, with_for_update=True)  # see the guesses in flight meanwhile
        _refuse_locked(row, uow.now)
        if right:
            row.failed_logins, row.locked_until = 0, None
            uow.actor = _actor(row)  # the audit names who logged in, not the terminal
            uow.audit("login", "staff", row.id)
            uow.commit()
            return _actor(row)
        locked = _count_failure(uow, row, action_name="login_failed")
        uow.commit()
    if locked:
        raise _locked_now()
    raise AuthError("用户名或密码错误", code="bad_credentials")


def _count_failure(uow: UnitOfWork, row: Staff, action_name: str) -> bool:
    """One more wrong password for ``row`` (at login, or as the old one when changing it),
    audited; the fifth in a row locks the account. True if it locked it."""
    row.failed_logins += 1
    locked = row.failed_logins >= MAX_FAILED_LOGINS
    if locked:
        row.locked_until, row.failed_logins = uow.now + LOCKOUT, 0
    uow.audit(action_name, "staff", row.id, after={"locked": locked})
    return locked


def _locked_now() -> AuthError:
    return AuthError("连续登录失败次数过多，账号已锁定 15 分钟", code="locked")


def _refuse_locked(row: Staff, now: datetime) -> None:
    if row.locked_until and row.locked_until > now:
        raise AuthError(f"账号已锁定，请于 {_minutes_left(row, now)} 分钟后再试",
                        code="locked")


def _minutes_left(row: Staff, now: datetime) -> int:
    assert row.locked_until is not None
    return max(1, math.ceil((row.locked_until - now).total_seconds() / 60))


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@action(Perm.MANAGE_STAFF)
def add_staff(ctx: Ctx, username: str, name: str, role: str, password: str, *,
              department: str | None = None, window_number: int | None = None) -> StaffInfo:
    username = username.strip()
    if not USERNAME_RE.fullmatch(username):
        # A name typed at every login and passed to --user: no spaces, nothing to quote.
        raise ValidationError("用户名须为 1–64 个字母、数字或 - _ . @（不含空格）",
                              field="username", code="username_format")
    if not name.strip():
        raise ValidationError("姓名不能为空", field="name", code="staff_name_required")
    name = bounded(name.strip(), "姓名", "name", MAX_PERSON_NAME)  # PostgreSQL's column: 100
    role_ = parse_role(role)
    check_password_rules(password)
    if role_ == Role.APPROVER and not department:  # the back office queue is a department's
        raise ValidationError("后台审批人员须指定所属部门", field="department",
                              code="approver_needs_department")
    password_hash = hash_password(password)  # ~90 ms of argon2: before the transaction
    with ctx.uow() as uow:
        # Admin1 beside admin1 would be two accounts nobody can tell apart at a glance.
        if uow.session.scalars(select(Staff.id).where(
                func.lower(Staff.username) == username.lower())).first():
            raise _username_taken(username)
        check_fixed_window(uow.session, window_number)
        dept_id = _department_id(uow.session, department)
        row = Staff(username=username, name=name.strip(), role=role_.value,
                    password_hash=password_hash, department_id=dept_id,
                    window_number=window_number, active=True, failed_logins=0,
                    password_changed_at=uow.now)
        uow.session.add(row)
        try:
            uow.session.flush()
        except IntegrityError:
            # The check above is a plain read: two admins adding Zhang9 and zhang9 at the
            # same instant both passed it. The unique index on lower(username) lets one in.
            raise _username_taken(username) from None
        info = _info(row, department)
        uow.audit("staff_add", "staff", row.id, after=_public(info))
        uow.emit("staff_changed", staff=row.id)
        uow.commit()
    return info


def check_fixed_window(session: Session, number: int | None) -> None:
    """An account's fixed window exists and is in use (not retired: ``window_admin``). Read
    FOR SHARE: a window being retired at this moment is waited for and then refused (read
    plainly, the account was given the window just as retiring it unassigned the others).
    Retiring locks the window, then the accounts: a deadlock with an edit holding the account
    is retried by ``@action``."""
    if number is None:
        return
    retired = session.scalar(select(Window.retired).where(Window.number == number)
                             .with_for_update(read=True))
    if retired is None:
        raise NotFound(f"窗口 {number} 不存在", field="window", code="unknown_window",
                       window=number)
    if retired:
        raise ValidationError(f"{number} 号窗口已停用", field="window", code="window_retired",
                              window=number)


def _username_taken(username: str) -> ValidationError:
    return ValidationError(f"用户名 {username} 已存在", field="username",
                           code="username_taken", username=username)


def _department_id(session: Session, code: str | None) -> int | None:
    if not code:
        return None
    dept_id = session.scalars(
        select(Department.id).where(Department.code == code)).first()
    if dept_id is None:
        raise NotFound(f"部门 {code} 不存在", field="department",
                       code="unknown_department", department=code)
    return int(dept_id)


def _info(row: Staff, department: str | None) -> StaffInfo:
    return StaffInfo(row.id, row.username, row.name, row.role, department, row.window_number,
                     row.active, row.locked_until is not None)


def _public(info: StaffInfo) -> dict[str, object]:
    return {"username": info.username, "name": info.name, "role": info.role,
            "department": info.department, "window_number": info.window_number,
            "active": info.active}


@action(Perm.MANAGE_STAFF)
def list_staff(ctx: Ctx) -> list[StaffInfo]:
    with ctx.uow(readonly=True) as uow:
        rows = uow.session.execute(
            select(Staff, Department.code).outerjoin(Department).order_by(Staff.username)).all()
        return [StaffInfo(s.id, s.username, s.name, s.role, code, s.window_number, s.active,
                          bool(s.locked_until and s.locked_until > uow.now))
                for s, code in rows]


def change_password(ctx: Ctx, username: str, old_password: str, new_password: str) -> None:
    """A logged-in account changes its own password, giving the old one; an admin resets
    anyone else's (``set_password``).

    Any terminal could change any account's password, a disabled one's too, and wrong old
    passwords were neither counted nor audited: guessing there went round the lockout. Now
    ``username`` must be the actor's own (whatever its case), a disabled or locked account is
    refused, and a wrong old password counts as a failed login (audited, the fifth in a row
    locks the account), committed before the refusal as at ``login``.
    """
    if ctx.actor.staff_id is None or username.strip().lower() != ctx.actor.username.lower():
        raise PermissionDenied("只能修改自己的密码；其他账号的密码由管理员重设",
                               code="not_own_account", username=username)
    check_password_rules(new_password)
    # The row is locked here, not at the unit of work's start (``lock_actor``): FOR NO KEY
    # UPDATE, as an admin's reset does (they are taken in turn), which neither waits for the
    # audit entries of the account's other terminals nor keeps them waiting.
    with ctx.uow(lock_actor=False) as uow:
        row = uow.session.get(Staff, ctx.actor.staff_id,
                              with_for_update={"key_share": True})
        if row is not None and row.session_epoch != ctx.actor.session_epoch:
            raise session_ended(ctx.actor)  # reset by an admin since the unit of work began
        if row is None or not row.active:
            raise AuthError("账号已停用，不能修改密码", code="account_disabled")
        _refuse_locked(row, uow.now)
        if _verify(row.password_hash, old_password):
            row.password_hash, row.password_changed_at = hash_password(new_password), uow.now
            row.failed_logins = 0  # the right password, as a login, starts the count again
            uow.audit("password_change", "staff", row.id)
            uow.commit()
            return
        locked = _count_failure(uow, row, action_name="password_change_failed")
        uow.commit()
    if locked:
        raise _locked_now()
    raise AuthError("原密码不正确", code="bad_old_password")


@action(Perm.MANAGE_STAFF)
def set_password(ctx: Ctx, username: str, new_password: str) -> None:
    """An admin sets a password (and lifts a lockout). A client logged in with the account
    before is refused from now on (``session_epoch``): its user logs in again, with the new
    password. An admin setting their own keeps their client, as changing it does."""
    check_password_rules(new_password)
    password_hash = hash_password(new_password)  # argon2: before the transaction
    with ctx.uow(lock_actor=False) as uow:
        row = _locked(uow.session, ctx, username)
        row.password_hash, row.password_changed_at = password_hash, uow.now
        row.failed_logins, row.locked_until = 0, None
        if row.id != ctx.actor.staff_id:
            row.session_epoch += 1
        uow.audit("password_set", "staff", row.id)
        uow.emit("staff_changed", staff=row.id)
        uow.commit()


@dataclass(frozen=True)
class ActiveChange:
    """What ``set_active`` did besides: the cases a disabled approver gave back, and the
    windows a disabled clerk held — freed, or kept held with a ticket in service there
    until the supervisor reassigns them (``window_holder.free_windows_of``)."""

    released: list[str]
    windows_freed: tuple[int, ...] = ()
    windows_kept: tuple[int, ...] = ()


@action(Perm.MANAGE_STAFF)
def set_active(ctx: Ctx, username: str, active: bool) -> ActiveChange:
    """Enable or disable an account. Disabling an approver gives back the cases they had
    claimed (no one else could act on them); disabling a clerk frees the window they hold
    (see ``ActiveChange``).

    Disabling also ends the account's open sessions (``session_epoch``): whatever a client
    logged in with it asks next is refused, and enabling the account again does not bring
    them back."""
    # here, not at the top: the windows need the hall, the hall this module
    from hallapp.services.window_holder import LeftWindows, free_windows_of

    with ctx.uow(lock_actor=False) as uow:
        row = _get(uow.session, username)
        if not active and row.username == ctx.actor.username:
            raise StateError("不能停用自己正在使用的账号", field="username", code="disable_self")
        # Disabling an admin: every active admin's row is locked too, to count them.
        admins = not active and row.role == Role.ADMIN.value
        held = _lock(uow.session, ctx, username, admins=admins)
        released: list[str] = []
        if not active:
            if admins:
                _refuse_locking_out(row, held)
            if row.active:
                row.session_epoch += 1
            if row.role == Role.APPROVER.value:
                # here, not at the top: the back office needs the hall, the hall this module
                from hallapp.services.backoffice import release_claims_of

                released = release_claims_of(uow, row, "账号停用")
            left = free_windows_of(uow, row.id, "账号停用")
        else:
            left = LeftWindows()
        before = row.active
        row.active = active
        uow.audit("staff_enable" if active else "staff_disable", "staff", row.id,
                  before={"active": before},
                  after={"active": active, **({"released": released} if released else {}),
                         **({"windows_kept": list(left.kept)} if left.kept else {})})
        uow.emit("staff_changed", staff=row.id, active=active)
        uow.commit()
    return ActiveChange(released, left.freed, left.kept)


def _refuse_locking_out(row: Staff, held: list[Staff], *, demote: bool = False) -> None:
    """An administrator disabling the last active admin account left the hall with nobody
    able to administer it. The active admins' rows are locked while counted (``held``): two
    admins disabling each other at once are taken in turn, and the second is refused.
    ``demote``: the account keeps working but is to lose the admin role (``staff_edit``)."""
    if not row.active:
        return
    if sum(1 for r in held if r.role == Role.ADMIN.value and r.active) > 1:
        return
    if demote:
        raise StateError(f"{row.username} 是最后一个在用的管理员账号，不能改为其他角色",
                         field="role", code="last_admin_role", username=row.username)
    raise StateError(f"{row.username} 是最后一个在用的管理员账号，不能停用",
                     field="username", code="last_admin", username=row.username)


def _locked(session: Session, ctx: Ctx, username: str) -> Staff:
    """The account ``username``, its row held (``_lock``)."""
    wanted = username.strip().lower()  # whatever its case, as at login (``_get``)
    row = next((r for r in _lock(session, ctx, username) if r.username.lower() == wanted),
               None)
    if row is None:
        raise _unknown(username)
    return row


def _lock(session: Session, ctx: Ctx, username: str, *, admins: bool = False) -> list[Staff]:
    """Lock the rows of ``username`` and of the acting admin (``admins``: and of every
    active admin) FOR NO KEY UPDATE, re-read; refuse the actor if their own account was
    disabled or reset meanwhile. Returns the rows held.

    Holding the account's row makes its actions under way finish first (each holds the row
    FOR SHARE: ``UnitOfWork``; a claim an approver makes meanwhile is then given back), and
    the actions it starts meanwhile wait, then are refused. All in one statement, in the
    order of the ids: the administration's transactions lock staff rows only so, so they
    never wait for each other in a circle; and as the actor's own row is held too, of two
    admins disabling or resetting each other at once the second is refused. (FOR UPDATE
    would also wait for the key share that every audit entry takes on its author's row,
    under the feed-head lock our own commit waits for: a deadlock.)"""
    which = or_(func.lower(Staff.username) == username.strip().lower(),
                Staff.id == ctx.actor.staff_id)
    if admins:
        which = or_(which, and_(Staff.role == Role.ADMIN.value, Staff.active.is_(True)))
    held = list(session.scalars(
        select(Staff).where(which).order_by(Staff.id).with_for_update(key_share=True)
        .execution_options(populate_existing=True)))
    own = next((r for r in held if r.id == ctx.actor.staff_id), None)
    if ctx.actor.staff_id is not None and (
            own is None or not own.active or own.session_epoch != ctx.actor.session_epoch):
        raise session_ended(ctx.actor)
    return held


def _get(session: Session, username: str) -> Staff:
    """The account of ``username`` whatever its case, as at login (``--user CLERK3`` logged
    in, but ``staff disable CLERK3`` answered 账号 CLERK3 不存在)."""
    row = session.scalars(select(Staff).where(
        func.lower(Staff.username) == func.lower(username.strip()))).first()
    if row is None:
        raise _unknown(username)
    return row


def _unknown(username: str) -> NotFound:
    return NotFound(f"账号 {username} 不存在", field="username", code="unknown_account",
                    username=username)
