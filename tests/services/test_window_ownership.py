"""Who works a window (``window_op.WindowOp.require_operator`` and ``require_opener``).

The demo hall: clerkN is assigned window N; window 5 serves queue C, window 6 queue D.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from hallapp.core.errors import NotFound, PermissionDenied
from hallapp.services import staff, supervisor, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def _refused(code: str, act: Callable[[], object]) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as refused:
        act()
    assert refused.value.code == code
    return refused.value


def test_the_first_clerk_at_a_window_the_supervisor_opened_claims_it(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """A window opened from the board holds no clerk, and it stayed so: every clerk could work
    it, and clerk2 passed as absent the ticket clerk1 had called there."""
    kiosk, boss, clerk1, clerk2 = (ctx_for(n) for n in ("kiosk1", "supervisor1", "clerk1",
                                                         "clerk2"))
    supervisor.open_window(boss, 5)
    tickets.take_ticket(kiosk, "C")
    tickets.take_ticket(kiosk, "C")
    assert windows.call_next(clerk1, 5).number == "C001"  # clerk1 relieves window 5
    _refused("not_your_window", lambda: windows.noshow(clerk2, 5, "x"))
    _refused("not_your_window", lambda: windows.open_window(ctx_for("clerk5"), 5))
    board = {w.number: w for w in supervisor.board(boss).windows}
    assert board[5].clerk == clerk1.actor.name
    with hall_db.read_session() as s:
        [claim] = s.scalars(select(AuditEntry).where(AuditEntry.action == "window_claim"))
    assert (claim.actor, claim.after) == ("clerk1", {"window": 5, "clerk": "clerk1"})
    windows.noshow(clerk1, 5, "多次呼叫未到")
    assert windows.call_next(boss, 5).number == "C002"  # the supervisor still acts anywhere
    windows.finish(clerk1, 5)
    windows.close_window(clerk1, 5)
    supervisor.open_window(boss, 5)  # closed, the window is free again for whoever comes
    windows.open_window(ctx_for("clerk5"), 5)
    _refused("not_your_window", lambda: windows.pause(clerk1, 5, "x"))


def test_a_clerk_cannot_open_another_clerks_own_window(ctx_for: CtxFor) -> None:
    """clerk1 could open window 6 before clerk6 came, and clerk6 was then locked out of it
    for the day."""
    clerk1 = ctx_for("clerk1")
    refused = _refused("window_assigned", lambda: windows.open_window(clerk1, 6))
    assert (refused.facts["window"], refused.facts["owner"], refused.facts["own"]) == (
        6, "clerk6", 1)
    assert windows.window_state(clerk1, 6).state == "closed"
    assert windows.open_window(ctx_for("clerk6"), 6).state == "open"
    assert windows.open_window(clerk1, 1).state == "open"


def test_relief_clerks_and_unassigned_windows(ctx_for: CtxFor) -> None:
    """What the hall needs of other windows stays: a clerk with no window of their own opens
    any closed window; a window no active clerk is assigned to is open to every clerk; and a
    window the supervisor opened is taken by the clerk who sits down at it."""
    admin = ctx_for("admin1")
    staff.add_staff(admin, "relief1", "机动人员", "clerk", "Relief123")
    assert windows.open_window(ctx_for("relief1"), 7).state == "open"
    _refused("not_your_window", lambda: windows.open_window(ctx_for("clerk7"), 7))
    staff.set_active(admin, "clerk14", False)  # window 14's clerk has left
    assert windows.open_window(ctx_for("clerk2"), 14).state == "open"
    supervisor.open_window(ctx_for("supervisor1"), 6)
    assert windows.open_window(ctx_for("clerk1"), 6).state == "open"
    _refused("not_your_window", lambda: windows.open_window(ctx_for("clerk6"), 6))


def test_a_refusal_as_a_window_operation_starts_ends_its_transaction(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """A window number that does not exist (or an account no longer allowed) was refused
    while the operation was opening its unit of work, which nothing then ended: its
    connection stayed checked out, on SQLite holding the hall's write lock, until the
    refusal's traceback was collected (an error slot that kept it kept the lock)."""
    clerk = ctx_for("clerk1")
    with pytest.raises(NotFound) as refused:
        windows.call_next(clerk, 99)
    assert refused.value.code == "unknown_window"
    assert hall_db.writer.pool.checkedout() == 0
    assert windows.open_window(clerk, 1).state == "open"
