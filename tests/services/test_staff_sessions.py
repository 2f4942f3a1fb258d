"""Open sessions end with their account: a client that logged in before its account was
disabled, or its password reset by an administrator, is refused whatever it asks next.

The services checked only the role the client had at login: a disabled clerk went on calling
tickets, and a disabled admin's open client enabled itself again, then disabled the admin who
had disabled it. Each unit of work now reads the account's row (active, session epoch) in its
own transaction; users changing their own password keep their client. ``ctx_for`` stands for a
client logged in when it is made (its actor carries the account's epoch as a login does).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest
from conftest import CHEAP, FakeClock
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from hallapp.core.errors import PermissionDenied
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import staff, tickets, windows
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.context import Ctx
from hallapp.store import rawsql
from hallapp.store.models import AuditEntry, Event, Staff, Ticket
from hallapp.store.uow import Database

DEMO_PASSWORD = "demo1234"
CtxFor = Callable[[str], Ctx]


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """New passwords hashed with CHEAP: the sessions are the point here, not the hashing."""
    monkeypatch.setattr(staff, "_hasher", CHEAP)


def _refused(act: Callable[[], object]) -> None:
    with pytest.raises(PermissionDenied) as refused:
        act()
    assert refused.value.code == "session_ended"
    assert refused.value.message == "账号已停用或密码已重置，请重新登录"


def _states(db: Database) -> dict[str, str]:
    with db.read_session() as s:
        return {number: state for number, state in s.execute(select(Ticket.number, Ticket.state))}


def _logged_in(db: Database, clock: FakeClock, username: str, password: str) -> Ctx:
    anon = Ctx(db, SYSTEM_ACTOR, clock=clock, terminal="test")
    return Ctx(db, staff.login(anon, username, password), clock=clock, terminal="test")


def test_a_disabled_clerk_can_no_longer_call_even_once_enabled_again(
        hall_db: Database, clock: FakeClock, ctx_for: CtxFor) -> None:
    kiosk, clerk, admin = ctx_for("kiosk1"), ctx_for("clerk1"), ctx_for("admin1")
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    staff.set_active(admin, "clerk1", False)
    for act in (lambda: windows.finish_and_call_next(clerk, 1),
                lambda: windows.call_next(clerk, 1),
                lambda: windows.window_state(clerk, 1)):  # reads too
        _refused(act)
    assert _states(hall_db) == {"A001": "called", "A002": "waiting", "A003": "waiting"}
    staff.set_active(admin, "clerk1", True)
    _refused(lambda: windows.finish_and_call_next(clerk, 1))  # that session stays ended
    again = _logged_in(hall_db, clock, "clerk1", DEMO_PASSWORD)
    assert windows.finish_and_call_next(again, 1).called is not None
    assert _states(hall_db) == {"A001": "done", "A002": "called", "A003": "waiting"}


def test_disabled_devices_stop_too(hall_db: Database, ctx_for: CtxFor) -> None:
    kiosk, display, admin = ctx_for("kiosk1"), ctx_for("display1"), ctx_for("admin1")
    tickets.take_ticket(kiosk, "A")
    for device in ("kiosk1", "display1"):
        staff.set_active(admin, device, False)
    _refused(lambda: tickets.take_ticket(kiosk, "A"))
    _refused(lambda: tickets.ticket_status(display, "A001"))
    assert _states(hall_db) == {"A001": "waiting"}


def test_a_password_reset_ends_the_sessions_from_before_it(
        hall_db: Database, clock: FakeClock, ctx_for: CtxFor) -> None:
    clerk = ctx_for("clerk2")
    staff.set_password(ctx_for("admin1"), "clerk2", "Fresh1234")
    _refused(lambda: windows.open_window(clerk, 2))
    again = _logged_in(hall_db, clock, "clerk2", "Fresh1234")
    assert windows.open_window(again, 2).state == "open"


def test_changing_ones_own_password_keeps_ones_client(
        hall_db: Database, clock: FakeClock, ctx_for: CtxFor) -> None:
    clerk = _logged_in(hall_db, clock, "clerk3", DEMO_PASSWORD)
    staff.change_password(clerk, "clerk3", DEMO_PASSWORD, "Mine12345")
    assert windows.open_window(clerk, 3).state == "open"
    staff.change_password(clerk, "clerk3", "Mine12345", "Again1234")  # and again
    assert _logged_in(hall_db, clock, "clerk3", "Again1234").actor.username == "clerk3"
    admin = ctx_for("admin1")  # an admin resetting their own, in the staff tab
    staff.set_password(admin, "admin1", "Admin1234")
    assert "admin1" in {i.username for i in staff.list_staff(admin)}  # still logged in


def test_two_admins_resetting_each_other_at_once_are_taken_in_turn(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """The second finds its own account reset: refused (on PostgreSQL too, where each locks
    both rows, in one go and in the same order: neither waits for the other in a circle)."""
    staff.add_staff(ctx_for("admin1"), "admin2", "第二管理员", "admin", "Admin2pass")
    first, second = ctx_for("admin1"), ctx_for("admin2")
    start = threading.Barrier(2)

    def reset(ctx: Ctx, other: str) -> str:
        start.wait()
        try:
            staff.set_password(ctx, other, "Other1234")
        except PermissionDenied as exc:
            return exc.code
        return "ok"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(reset, (first, second), ("admin2", "admin1")))
    assert outcomes == ["ok", "session_ended"]


def test_a_disabled_admin_cannot_enable_itself_nor_disable_the_other(
        hall_db: Database, ctx_for: CtxFor) -> None:
    admin1 = ctx_for("admin1")
    staff.add_staff(admin1, "admin2", "第二管理员", "admin", "Admin2pass")
    admin2 = ctx_for("admin2")
    staff.set_active(admin1, "admin2", False)
    _refused(lambda: staff.set_active(admin2, "admin2", True))
    _refused(lambda: staff.set_active(admin2, "admin1", False))
    _refused(lambda: staff.list_staff(admin2))
    assert {i.username: i.active for i in staff.list_staff(admin1)
            if i.role == "admin"} == {"admin1": True, "admin2": False}
    with hall_db.read_session() as s:  # the open staff tabs refresh on these
        kinds = s.scalars(select(Event.kind).where(Event.kind == "staff_changed")).all()
        disabling = s.scalars(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "staff_disable")).one()
    assert (len(kinds), disabling) == (2, 1)  # added, disabled


def test_the_client_hears_of_it_once_per_refused_action(
        hall_db: Database, ctx_for: CtxFor) -> None:
    heard: list[str] = []
    clerk = replace(ctx_for("clerk1"), on_session_ended=lambda: heard.append("clerk1"))
    windows.open_window(clerk, 1)
    staff.set_active(ctx_for("admin1"), "clerk1", False)
    _refused(lambda: windows.call_next(clerk, 1))  # an action calling an action: heard once
    assert heard == ["clerk1"]


def test_an_action_costs_one_read_of_the_account(
        hall_db: Database, ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    """Taking a ticket writes, then reads its place in line in a second unit of work: the
    account is read once, in the first."""
    kiosk = ctx_for("kiosk1")
    seen: list[str] = []
    execute = rawsql.RawSQL._execute

    def counted(raw: rawsql.RawSQL, sql: str, params: dict[str, Any]) -> Any:
        seen.append(sql)
        return execute(raw, sql, params)

    monkeypatch.setattr(rawsql.RawSQL, "_execute", counted)
    tickets.take_ticket(kiosk, "A")
    assert sum("session_epoch" in sql for sql in seen) == 1


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_disable_waits_for_an_action_under_way(hall_db: Database, ctx_for: CtxFor) -> None:
    """On PostgreSQL a writing unit of work holds its account's row (FOR SHARE) until it ends:
    a disable or a reset (FOR NO KEY UPDATE) waits for it (an approver's claim made meanwhile
    is then given back), and an action starting after either waits for it, then is refused.
    What a row naming the account takes (KEY SHARE: an audit entry) is not held up. (On
    SQLite every writer holds the hall's write lock from its start.)"""
    with ctx_for("approver_szamr").uow() as uow:
        assert uow.raw is not None  # the account checked, its row held
        with hall_db.writer.connect() as other:
            row = "SELECT id FROM staff WHERE username = 'approver_szamr' FOR "
            assert other.execute(text(row + "KEY SHARE NOWAIT")).scalar() is not None
            with pytest.raises(OperationalError):
                other.execute(text(row + "NO KEY UPDATE NOWAIT"))


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.usefixtures("busy_lock")
def test_the_batch_writer_refuses_a_disabled_terminal(
        hall_db: Database, ctx_for: CtxFor, serving: BatchWriter) -> None:
    """Takes, calls and finishes run in the writer with the terminal's actor: refused there,
    answered as a refusal (the terminal does not then run it itself)."""
    heard: list[str] = []
    kiosk = replace(ctx_for("kiosk1"), on_session_ended=lambda: heard.append("kiosk1"))
    clerk = replace(ctx_for("clerk1"), on_session_ended=lambda: heard.append("clerk1"))
    tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 1)  # not batched
    admin = ctx_for("admin1")
    staff.set_active(admin, "kiosk1", False)
    staff.set_active(admin, "clerk1", False)
    _refused(lambda: tickets.take_ticket(kiosk, "A"))
    _refused(lambda: windows.call_next(clerk, 1))
    _refused(lambda: windows.finish_and_call_next(clerk, 1))
    assert serving.requests == 4  # the first take and the three refused in the writer
    assert heard == ["kiosk1", "clerk1", "clerk1"]
    assert _states(hall_db) == {"A001": "waiting"}
    with hall_db.read_session() as s:
        assert s.scalar(select(Staff.session_epoch).where(Staff.username == "kiosk1")) == 1
