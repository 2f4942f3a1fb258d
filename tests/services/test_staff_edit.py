"""Editing an account (``staff_edit.edit_staff``): name, role, department, fixed window.

An administrator could add, disable and reset accounts but not correct one. Now the change is
checked as adding is, audited with before and after, and a change of role or department ends
the account's open sessions; the last active administrator keeps the role.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import FakeClock
from racekit import in_flight
from sqlalchemy import select

from hallapp.core.errors import NotFound, PermissionDenied, StateError, ValidationError
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import staff, tickets, windows
from hallapp.services.context import Ctx
from hallapp.services.staff_edit import edit_staff
from hallapp.services.window_holder import claim_window
from hallapp.store.models import AuditEntry, Staff, Window
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def _row(db: Database, username: str) -> Staff:
    with db.read_session() as s:
        return s.scalars(select(Staff).where(Staff.username == username)).one()


def _audits(db: Database) -> list[AuditEntry]:
    with db.read_session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "staff_edit")))


def test_a_clerk_moved_to_the_back_office_is_logged_out_and_audited(
        hall_db: Database, ctx_for: CtxFor) -> None:
    clerk, admin = ctx_for("clerk3"), ctx_for("admin1")
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    done = edit_staff(admin, "CLERK3", role="approver", department="SZAMR",
                      window_number=None, name=" 张伟（后台） ")
    assert done.info.role == "approver"
    assert done.info.department == "SZAMR"
    assert done.info.window_number is None
    assert done.info.name == "张伟（后台）"
    assert done.sessions_ended
    assert set(done.changed) == {"name", "role", "department", "window_number"}
    with pytest.raises(PermissionDenied) as refused:  # the clerk's open client
        windows.open_window(clerk, 3)
    assert refused.value.code == "session_ended"
    [entry] = _audits(hall_db)
    assert entry.before == {"name": "张伟", "role": "clerk", "department": None,
                            "window_number": 3}
    assert entry.after == {"name": "张伟（后台）", "role": "approver", "department": "SZAMR",
                           "window_number": None, "sessions_ended": True}
    row = _row(hall_db, "clerk3")
    assert (row.role, row.window_number) == ("approver", None)


def test_a_new_name_or_window_keeps_the_session_and_nothing_changed_writes_nothing(
        hall_db: Database, ctx_for: CtxFor) -> None:
    clerk, admin = ctx_for("clerk4"), ctx_for("admin1")
    done = edit_staff(admin, "clerk4", window_number=9)
    assert done.changed == {"window_number": (4, 9)}
    assert not done.sessions_ended
    windows.open_window(clerk, 4)  # still logged in
    assert edit_staff(admin, "clerk4", window_number=9, role="clerk").changed == {}
    assert len(_audits(hall_db)) == 1


@pytest.mark.parametrize(("change", "error", "code", "field"), [
    ({"role": "approver"}, ValidationError, "approver_needs_department", "department"),
    ({"role": "boss"}, ValidationError, "unknown_role", "role"),
    ({"window_number": 77}, NotFound, "unknown_window", "window"),
    ({"department": "NOPE"}, NotFound, "unknown_department", "department"),
    ({"name": "  "}, ValidationError, "staff_name_required", "name"),
])
def test_refusals_name_their_field_and_change_nothing(
        hall_db: Database, ctx_for: CtxFor, change: dict[str, object],
        error: type[Exception], code: str, field: str) -> None:
    with pytest.raises(error) as refused:
        edit_staff(ctx_for("admin1"), "clerk5", **change)  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.field) == (code, field)  # type: ignore[attr-defined]
    assert _row(hall_db, "clerk5").role == "clerk"
    assert _audits(hall_db) == []


def test_only_an_admin_edits_accounts(ctx_for: CtxFor) -> None:
    with pytest.raises(PermissionDenied):
        edit_staff(ctx_for("supervisor1"), "clerk5", name="x")


def test_the_last_active_admin_keeps_the_role_even_when_demoting_himself(
        hall_db: Database, clock: FakeClock, ctx_for: CtxFor) -> None:
    admin = ctx_for("admin1")
    with pytest.raises(StateError) as refused:
        edit_staff(admin, "admin1", role="supervisor")
    assert refused.value.code == "last_admin_role"
    system = Ctx(hall_db, SYSTEM_ACTOR, clock=clock, terminal="test")
    with pytest.raises(StateError):
        edit_staff(system, "admin1", role="clerk")
    # With a second admin, admin1 may step down: their own client is then logged out.
    staff.add_staff(admin, "admin2", "副管理员", "admin", "Passw0rd99")
    done = edit_staff(admin, "admin1", role="supervisor")
    assert done.sessions_ended
    with pytest.raises(PermissionDenied):
        staff.list_staff(admin)
    admin2 = ctx_for("admin2")
    with pytest.raises(StateError) as last:
        edit_staff(admin2, "admin2", role="clerk")
    assert last.value.code == "last_admin_role"


def _holder(db: Database, number: int) -> tuple[str | None, str]:
    with db.read_session() as s:
        w = s.scalars(select(Window).where(Window.number == number)).one()
        held = s.get(Staff, w.clerk_id) if w.clerk_id is not None else None
        return (held.username if held else None), w.state


def test_a_clerk_leaving_the_counter_lets_go_of_the_window(hall_db: Database,
                                                           ctx_for: CtxFor) -> None:
    """Disabling an account, or moving a clerk to another role, left the window they held
    held: no other clerk could work it until the supervisor reassigned it. Now it is freed
    (still open, for the next clerk to act there), audited; one with a ticket in service
    stays held — the applicant is at the counter — and the answer says so."""
    admin = ctx_for("admin1")
    windows.open_window(ctx_for("clerk6"), 6)
    windows.open_window(ctx_for("clerk2"), 2)
    windows.open_window(ctx_for("clerk1"), 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(ctx_for("clerk1"), 1)
    done = staff.set_active(admin, "clerk6", False)
    assert (done.windows_freed, done.windows_kept) == ((6,), ())
    assert _holder(hall_db, 6) == (None, "open")
    moved = edit_staff(admin, "clerk2", role="supervisor")
    assert (moved.windows_freed, moved.windows_kept) == ((2,), ())
    assert _holder(hall_db, 2) == (None, "open")
    busy = staff.set_active(admin, "clerk1", False)
    assert (busy.windows_freed, busy.windows_kept) == ((), (1,))
    assert _holder(hall_db, 1) == ("clerk1", "open")
    with hall_db.read_session() as s:
        released = [(a.before, a.after) for a in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "window_release").order_by(AuditEntry.id))]
        disabled = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "staff_disable").order_by(AuditEntry.id.desc())).first()
    assert released == [
        ({"clerk": "clerk6"}, {"window": 6, "clerk": None, "reason": "账号停用"}),
        ({"clerk": "clerk2"}, {"window": 2, "clerk": None, "reason": "账号调岗"})]
    assert disabled is not None
    assert disabled.after["windows_kept"] == [1]
    assert claim_window(ctx_for("clerk3"), 2).holder_user == "clerk3"  # free to take


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_fixed_window_given_while_it_is_retired_is_refused(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """clerk3 was given window 12 while another administrator's retirement of it was written
    and not yet committed: the edit read it in use and the account kept a retired window."""
    out = in_flight(hall_db, [('UPDATE "window" SET retired = true WHERE number = 12', {})],
                    lambda: edit_staff(ctx_for("admin1"), "clerk3", window_number=12))
    assert out.waited
    assert isinstance(out.error, ValidationError), out
    assert out.error.code == "window_retired"
    with hall_db.read_session() as s:
        assert s.scalar(select(Staff.window_number).where(Staff.username == "clerk3")) == 3
