"""Staff accounts: login, lockout after five failures, disabled accounts, password rules.

The clock is a FakeClock handed in through Ctx, so the 15-minute lockout is crossed by
moving time, not by waiting. Tests that log in many times first swap the demo accounts'
argon2 hashes (and the hasher) for cheap ones: same code path, milliseconds instead of
~90 ms per check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import CHEAP, FakeClock
from sqlalchemy import select

from hallapp.core.errors import (
    AuthError,
    NotFound,
    PermissionDenied,
    StateError,
    ValidationError,
)
from hallapp.core.roles import SYSTEM_ACTOR, Actor, Role
from hallapp.services import staff
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, Staff
from hallapp.store.uow import Database

DEMO_PASSWORD = "demo1234"


@pytest.fixture
def anon(hall_db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Ctx:
    """The context a login screen has: nobody logged in yet (cheap password hashes)."""
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    return Ctx(hall_db, Actor("anonymous", Role.DISPLAY), clock=clock, terminal="test")


def _audits(db: Database, action: str) -> list[AuditEntry]:
    with db.read_session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                              .order_by(AuditEntry.id)))


def _staff_id(db: Database, username: str) -> int:
    with db.read_session() as s:
        return int(s.scalars(select(Staff.id).where(Staff.username == username)).one())


def test_login_ok_wrong_password_unknown_user_disabled(
        hall_db: Database, clock: FakeClock, ctx_for: Callable[[str], Ctx]) -> None:
    """With the real demo hashes and hasher."""
    anon = Ctx(hall_db, Actor("anonymous", Role.DISPLAY), clock=clock, terminal="test")
    actor = staff.login(anon, "clerk1", DEMO_PASSWORD)
    assert (actor.username, actor.role) == ("clerk1", Role.CLERK)
    assert actor.staff_id == _staff_id(hall_db, "clerk1")
    logins = _audits(hall_db, "login")
    assert [(a.entity, a.entity_id) for a in logins] == [("staff", str(actor.staff_id))]
    for username in ("clerk1", "nobody"):
        with pytest.raises(AuthError) as err:
            staff.login(anon, username, "wrong-pass1")
        assert (err.value.code, err.value.exit_code) == ("bad_credentials", 15)
        assert "用户名或密码错误" in err.value.message
    admin = ctx_for("admin1")
    staff.set_active(admin, "clerk6", False)
    with pytest.raises(AuthError) as err:
        staff.login(anon, "clerk6", DEMO_PASSWORD)
    assert err.value.code == "bad_credentials"
    assert {s.username: s.active for s in staff.list_staff(admin)}["clerk6"] is False
    staff.set_active(admin, "clerk6", True)
    assert staff.login(anon, "clerk6", DEMO_PASSWORD).username == "clerk6"
    # Names are unique without regard to case, and typed so: "Clerk6" is clerk6's login
    assert staff.login(anon, "Clerk6", DEMO_PASSWORD).username == "clerk6"
    assert [a.after for a in _audits(hall_db, "staff_disable")] == [{"active": False}]
    assert [a.after for a in _audits(hall_db, "staff_enable")] == [{"active": True}]


def test_five_failures_lock_the_account_for_15_minutes(anon: Ctx, hall_db: Database,
                                                       clock: FakeClock) -> None:
    for attempt in range(1, 6):
        with pytest.raises(AuthError) as err:
            staff.login(anon, "clerk2", f"wrong{attempt}x")
        assert err.value.code == ("locked" if attempt == 5 else "bad_credentials")
    # Every failure is audited, the fifth with the lock.
    failed = _audits(hall_db, "login_failed")
    assert [a.entity_id for a in failed] == [str(_staff_id(hall_db, "clerk2"))] * 5
    assert [a.after for a in failed] == [{"locked": False}] * 4 + [{"locked": True}]
    assert all(a.terminal == "test" for a in failed)
    # Even the right password is refused while locked.
    with pytest.raises(AuthError) as err:
        staff.login(anon, "clerk2", DEMO_PASSWORD)
    assert err.value.code == "locked"
    assert "15 分钟" in err.value.message
    # Other accounts are not affected.
    assert staff.login(anon, "clerk3", DEMO_PASSWORD).username == "clerk3"
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AuthError) as err:
        staff.login(anon, "clerk2", DEMO_PASSWORD)
    assert err.value.code == "locked"
    assert "1 分钟" in err.value.message
    clock.advance(seconds=1)
    assert staff.login(anon, "clerk2", DEMO_PASSWORD).username == "clerk2"
    with hall_db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == "clerk2")).one()
        assert (row.failed_logins, row.locked_until) == (0, None)


def test_failures_must_be_in_a_row_and_admin_lifts_a_lock(
        anon: Ctx, ctx_for: Callable[[str], Ctx]) -> None:
    for _ in range(4):
        with pytest.raises(AuthError):
            staff.login(anon, "clerk5", "bad-pass1")
    staff.login(anon, "clerk5", DEMO_PASSWORD)  # a good login starts the count again
    for _ in range(4):
        with pytest.raises(AuthError) as err:
            staff.login(anon, "clerk5", "bad-pass1")
        assert err.value.code == "bad_credentials"
    with pytest.raises(AuthError) as err:
        staff.login(anon, "clerk5", "bad-pass1")
    assert err.value.code == "locked"
    staff.set_password(ctx_for("admin1"), "clerk5", "reset1234")
    assert staff.login(anon, "clerk5", "reset1234").username == "clerk5"
    with pytest.raises(NotFound):
        staff.set_password(ctx_for("admin1"), "ghost", "reset1234")
    with pytest.raises(PermissionDenied):
        staff.set_password(ctx_for("supervisor1"), "clerk5", "reset1234")


def test_change_password_needs_the_old_one_and_follows_the_rules(
        anon: Ctx, hall_db: Database, ctx_for: Callable[[str], Ctx]) -> None:
    clerk7 = ctx_for("clerk7")
    with pytest.raises(AuthError) as wrong:
        staff.change_password(clerk7, "clerk7", "not-the-old1", "newpass123")
    assert wrong.value.code == "bad_old_password"
    assert staff.login(anon, "clerk7", DEMO_PASSWORD).username == "clerk7"
    with pytest.raises(ValidationError) as bad:
        staff.change_password(clerk7, "clerk7", DEMO_PASSWORD, "onlyletters")
    assert bad.value.field == "password"
    staff.change_password(clerk7, "CLERK7", DEMO_PASSWORD, "newpass123")  # as a login: any case
    with pytest.raises(AuthError):
        staff.login(anon, "clerk7", DEMO_PASSWORD)
    assert staff.login(anon, "clerk7", "newpass123").username == "clerk7"
    assert len(_audits(hall_db, "password_change")) == 1
    admin = ctx_for("admin1")
    with pytest.raises(ValidationError) as bad:
        staff.add_staff(admin, "newbie", "新人", "clerk", "short1")
    assert bad.value.field == "password"
    with pytest.raises(ValidationError):
        staff.set_password(admin, "clerk9", "123456789")
    assert staff.login(anon, "clerk9", DEMO_PASSWORD).username == "clerk9"


def test_a_password_is_changed_only_by_its_own_active_account(
        anon: Ctx, hall_db: Database, ctx_for: Callable[[str], Ctx]) -> None:
    """Any logged-in terminal (a kiosk!) could change any account's password, a disabled
    one's too: the service never looked at who asked."""
    for asker, target in (("kiosk1", "admin1"), ("clerk1", "clerk2"), ("admin1", "clerk2")):
        with pytest.raises(PermissionDenied) as refused:
            staff.change_password(ctx_for(asker), target, DEMO_PASSWORD, "Pwned1234")
        assert refused.value.code == "not_own_account", asker
    with pytest.raises(PermissionDenied):  # the login screen's context is nobody's account
        staff.change_password(anon, "anonymous", DEMO_PASSWORD, "Pwned1234")
    clerk6 = ctx_for("clerk6")  # logged in, then disabled by an admin: logged out
    staff.set_active(ctx_for("admin1"), "clerk6", False)
    with pytest.raises(PermissionDenied) as refused:
        staff.change_password(clerk6, "clerk6", DEMO_PASSWORD, "Pwned1234")
    assert refused.value.code == "session_ended"
    assert _audits(hall_db, "password_change") == []
    staff.set_active(ctx_for("admin1"), "clerk6", True)
    for username in ("admin1", "clerk2", "clerk6"):
        assert staff.login(anon, username, DEMO_PASSWORD).username == username


def test_wrong_old_passwords_count_towards_the_lockout(
        anon: Ctx, hall_db: Database, clock: FakeClock, ctx_for: Callable[[str], Ctx]) -> None:
    """Wrong old passwords were neither counted nor audited: unlimited guessing beside the
    login's lockout. They now count as failed logins, each audited."""
    clerk2 = ctx_for("clerk2")
    for attempt in range(1, 6):
        with pytest.raises(AuthError) as err:
            staff.change_password(clerk2, "clerk2", f"guess{attempt}x", "Pwned1234")
        assert err.value.code == ("locked" if attempt == 5 else "bad_old_password")
    failed = _audits(hall_db, "password_change_failed")
    assert [a.entity_id for a in failed] == [str(_staff_id(hall_db, "clerk2"))] * 5
    assert [a.after for a in failed] == [{"locked": False}] * 4 + [{"locked": True}]
    for attempt in (lambda: staff.login(anon, "clerk2", DEMO_PASSWORD),
                    lambda: staff.change_password(clerk2, "clerk2", DEMO_PASSWORD, "New12345")):
        with pytest.raises(AuthError) as err:
            attempt()
        assert err.value.code == "locked"
    clock.advance(minutes=15)
    with pytest.raises(AuthError):  # a login failure and a wrong old password: one count
        staff.login(anon, "clerk2", "wrong-pass1")
    for _ in range(3):
        with pytest.raises(AuthError):
            staff.change_password(clerk2, "clerk2", "guess-againx1", "Pwned1234")
    staff.change_password(clerk2, "clerk2", DEMO_PASSWORD, "New12345")  # starts it again
    with hall_db.read_session() as s:
        assert s.scalars(select(Staff.failed_logins).where(
            Staff.username == "clerk2")).one() == 0
    assert staff.login(anon, "clerk2", "New12345").username == "clerk2"


@pytest.mark.parametrize(("password", "problem"), [
    ("ab1", "至少 8 位"),
    ("abcdefgh", "字母和数字"),
    ("12345678", "字母和数字"),
])
def test_password_rules(password: str, problem: str) -> None:
    with pytest.raises(ValidationError) as err:
        staff.check_password_rules(password)
    assert err.value.field == "password"
    assert problem in err.value.message


def test_add_staff_and_duplicate_username(anon: Ctx, ctx_for: Callable[[str], Ctx],
                                         hall_db: Database) -> None:
    admin = ctx_for("admin1")
    info = staff.add_staff(admin, "  zhang3 ", "张三", "approver", "zhang1234",
                           department="SZAMR")
    assert (info.username, info.role, info.department, info.active) == (
        "zhang3", "approver", "SZAMR", True)
    actor = staff.login(anon, "zhang3", "zhang1234")
    assert actor.role is Role.APPROVER
    assert actor.department_id is not None
    with pytest.raises(ValidationError) as err:
        staff.add_staff(admin, "zhang3", "张三二", "clerk", "zhang1234")
    assert err.value.field == "username"
    assert err.value.code == "username_taken"
    with pytest.raises(NotFound) as err:
        staff.add_staff(admin, "li4", "李四", "clerk", "li4pass12", department="NOPE")
    assert err.value.field == "department"
    with pytest.raises(ValidationError) as err:
        staff.add_staff(admin, "wang5", "王五", "system", "wang5pass1")
    assert err.value.field == "role"
    for bad in ("a b!", "", "x" * 65, "王五"):  # --user must take it as typed
        with pytest.raises(ValidationError) as err:
            staff.add_staff(admin, bad, "王五", "clerk", "wang5pass1")
        assert err.value.code == "username_format", bad
    assert [a.after["username"] for a in _audits(hall_db, "staff_add")
            if a.after and a.actor == "admin1"] == ["zhang3"]


def test_the_hall_always_keeps_an_administrator(ctx_for: Callable[[str], Ctx],
                                                anon: Ctx) -> None:
    """The only admin could disable their own account, and then nobody could administer
    the hall."""
    from hallapp.core.errors import StateError

    admin = ctx_for("admin1")
    with pytest.raises(StateError, match="不能停用自己") as refused:
        staff.set_active(admin, "admin1", False)
    assert refused.value.code == "disable_self"
    staff.add_staff(admin, "admin2", "第二管理员", "admin", "Admin2345")
    second = ctx_for("admin2")
    staff.set_active(second, "admin1", False)  # two admins: one may go
    system = second.acting_as(SYSTEM_ACTOR)  # not an admin account itself
    with pytest.raises(StateError, match="admin2 是最后一个在用的管理员") as refused:
        staff.set_active(system, "admin2", False)
    assert refused.value.code == "last_admin"
    staff.set_active(second, "admin1", True)
    assert staff.login(anon, "admin1", "demo1234").username == "admin1"


def test_an_account_is_made_only_with_what_it_needs(ctx_for: Callable[[str], Ctx]) -> None:
    """A name over 100 characters failed on PostgreSQL with an internal error; an approver
    without a department, a clerk of a window that does not exist and Admin1 beside admin1
    were accepted."""
    admin = ctx_for("admin1")
    cases = [
        ({"name": "长" * 101}, "name", "过长"),
        ({"role": "approver"}, "department", "所属部门"),
        ({"window_number": 99}, "window", "窗口 99 不存在"),
        ({"username": "ADMIN1"}, "username", "已存在"),
    ]
    for change, field, words in cases:
        args: dict[str, Any] = {"username": "new1", "name": "新人", "role": "clerk",
                                "password": "Abcd1234", **change}
        with pytest.raises((ValidationError, NotFound), match=words) as refused:
            staff.add_staff(admin, args.pop("username"), args.pop("name"), args.pop("role"),
                            args.pop("password"), **args)
        assert refused.value.field == field
    assert staff.add_staff(admin, "new1", "长" * 100, "clerk", "Abcd1234",
                           window_number=3).window_number == 3


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite's write lock has no race
def test_two_admins_adding_one_name_in_two_cases_at_once(
        ctx_for: Callable[[str], Ctx], hall_db: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Both accounts were created: the check for the name in another case is a plain read,
    and another admin's zhang9 could be committed between it and the insert of Zhang9 (argon2
    hashing ran in between). The second is now refused as taken, by the unique index."""
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    admin = ctx_for("admin1")
    checked_department = staff._department_id  # runs after the check, before the insert

    def other_admin_first(session: Any, code: str | None) -> int | None:
        monkeypatch.setattr(staff, "_department_id", checked_department)
        staff.add_staff(admin, "zhang9", "张三", "clerk", "Abcd1234")  # its own transaction
        return checked_department(session, code)

    monkeypatch.setattr(staff, "_department_id", other_admin_first)
    with pytest.raises(ValidationError) as refused:
        staff.add_staff(admin, "Zhang9", "张三", "clerk", "Abcd1234")
    assert (refused.value.code, refused.value.field) == ("username_taken", "username")
    with hall_db.read_session() as s:
        assert s.scalars(select(Staff.username).where(
            Staff.username.ilike("zhang9"))).all() == ["zhang9"]


@pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite's write lock has no race
@pytest.mark.parametrize("password", ["guess-A1", DEMO_PASSWORD])
def test_a_guess_in_flight_counts_towards_the_lockout(
        anon: Ctx, hall_db: Database, monkeypatch: pytest.MonkeyPatch, password: str) -> None:
    """Guesses from many terminals at once each counted from the same stale value on
    PostgreSQL: eight terminals, 24 wrong passwords, never locked. Here another terminal's
    guess is counted while this login checks its password: a wrong one is then the fifth
    and locks the account; a right one finds it locked by the other and is refused too (it
    unlocked it)."""
    failures = 4 if password == DEMO_PASSWORD else 3
    for _ in range(failures):
        with pytest.raises(AuthError):
            staff.login(anon, "clerk3", "guess-earlier1")
    checked = staff._verify

    def other_terminal_meanwhile(stored: str, given: str) -> bool:
        monkeypatch.setattr(staff, "_verify", checked)
        with pytest.raises(AuthError) as other:  # its own transaction, committed
            staff.login(anon, "clerk3", "guess-B1")
        assert other.value.code == ("locked" if failures == 4 else "bad_credentials")
        return checked(stored, given)

    monkeypatch.setattr(staff, "_verify", other_terminal_meanwhile)
    with pytest.raises(AuthError) as refused:
        staff.login(anon, "clerk3", password)
    assert refused.value.code == "locked"
    with hall_db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == "clerk3")).one()
        assert (row.failed_logins, row.locked_until is not None) == (0, True)
    failed = _audits(hall_db, "login_failed")
    assert [a.after for a in failed] == [{"locked": False}] * 4 + [{"locked": True}]
    assert _audits(hall_db, "login") == []


def test_a_hall_configs_passwords_are_hashed_before_its_transaction(
        hall_db: Database, ctx_for: Callable[[str], Ctx],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 for each account of a hall config (the demo's 30: seconds on a busy machine)
    ran inside the transaction, which sat idle all that time; PostgreSQL now ends a session
    idle in its transaction for 10 s (store/engine.py), and ``init --demo`` failed."""
    from hallapp.services import hall

    hashed_in: list[int] = []

    def hash_password(password: str) -> str:
        hashed_in.append(hall_db.writer.pool.checkedout())  # type: ignore[attr-defined]
        return CHEAP.hash(password)

    monkeypatch.setattr(hall, "hash_password", hash_password)
    accounts = [{"username": f"bulk{n}", "role": "clerk", "password": "demo1234x"}
                for n in range(3)]
    assert hall.add_staff_bulk(ctx_for("admin1"), accounts) == 3
    assert hashed_in == [0, 0, 0]  # no connection out, so no transaction open


def test_an_account_is_found_by_its_name_in_any_case(anon: Ctx, hall_db: Database,
                                                     ctx_for: Callable[[str], Ctx]) -> None:
    """``--user CLERK3`` logged in, but disabling, enabling or resetting CLERK3 answered
    账号 CLERK3 不存在: the name was compared exactly there."""
    admin = ctx_for("admin1")
    staff.set_active(admin, "CLERK3", False)
    with pytest.raises(AuthError):
        staff.login(anon, "clerk3", DEMO_PASSWORD)
    staff.set_active(admin, "Clerk3", True)
    staff.set_password(admin, "CLERK3", "newpass123")
    assert staff.login(anon, "Clerk3", "newpass123").username == "clerk3"
    with pytest.raises(StateError) as refused:
        staff.set_active(admin, "ADMIN1", False)
    assert refused.value.code == "disable_self"
    assert [a.entity_id for a in _audits(hall_db, "staff_disable")] == [
        str(_staff_id(hall_db, "clerk3"))]
