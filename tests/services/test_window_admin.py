"""Retiring, reinstating and renaming a window (``window_admin``).

A window no longer used stayed offered everywhere. Retired (only once closed and holding no
ticket), it is kept for its history but nobody opens it, the boards and plans leave it out,
and no account keeps or gets it as its fixed window; reinstated, it is a closed window again.
Its number stays (accounts, tickets and the log name it); its label is renamed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from hallapp.core.errors import PermissionDenied, StateError, ValidationError
from hallapp.services import (
    day,
    hall,
    simulate,
    staff,
    supervisor,
    tickets,
    window_admin,
    windows,
)
from hallapp.services.context import Ctx
from hallapp.services.ratings import RatingInput, rate
from hallapp.services.staff_edit import edit_staff
from hallapp.store.models import AuditEntry, Staff
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def _audits(db: Database) -> list[tuple[str, object, object]]:
    with db.read_session() as s:
        return [(a.action, a.before, a.after) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(("window_retire", "window_reinstate")))
            .order_by(AuditEntry.id))]


def test_a_retired_window_is_kept_but_never_worked_and_comes_back_reinstated(
        hall_db: Database, ctx_for: CtxFor) -> None:
    admin, clerk2, sup = ctx_for("admin1"), ctx_for("clerk2"), ctx_for("supervisor1")
    windows.open_window(clerk2, 2)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk2, 2)
    with pytest.raises(StateError) as in_use:
        window_admin.retire_window(admin, 2)
    assert in_use.value.code == "window_in_use"
    windows.finish(clerk2, 2)
    windows.close_window(clerk2, 2)
    done = window_admin.retire_window(admin, 2)
    assert (done.number, done.retired, done.changed, done.unassigned) == (2, True, True,
                                                                          ("clerk2",))
    with hall_db.read_session() as s:
        assert s.scalars(select(Staff.window_number).where(Staff.username == "clerk2")).one() \
            is None
    for act in (lambda: windows.open_window(sup, 2), lambda: windows.open_window(clerk2, 2)):
        with pytest.raises(StateError) as retired:
            act()
        assert retired.value.code == "window_retired"
    assert 2 not in [w.number for w in day.hall_status(sup).windows]
    assert 2 not in [w.number for w in supervisor.board(sup).windows]
    assert 2 not in [w.number for w in hall.list_windows(sup)]
    assert 2 not in simulate.hall_profiles(sup)
    assert next(w for w in hall.list_windows(admin, with_retired=True) if w.number == 2).retired
    for assign in (lambda: edit_staff(admin, "clerk3", window_number=2),
                   lambda: staff.add_staff(admin, "new2", "新人", "clerk", "Passw0rd99",
                                           window_number=2)):
        with pytest.raises(ValidationError) as refused:
            assign()
        assert (refused.value.code, refused.value.field) == ("window_retired", "window")
    assert not window_admin.retire_window(admin, 2).changed  # no second entry
    assert window_admin.reinstate_window(admin, 2).changed
    assert windows.open_window(clerk2, 2).state == "open"
    assert [a for a, _, _ in _audits(hall_db)] == ["window_retire", "window_reinstate"]
    assert _audits(hall_db)[0][1] == {"retired": False}


def test_a_window_is_renamed_its_number_kept(hall_db: Database, ctx_for: CtxFor) -> None:
    admin = ctx_for("admin1")
    done = window_admin.rename_window(admin, 3, " 综合受理三号窗 ", "Window 3 ")
    assert (done.number, done.name, done.name_en) == (3, "综合受理三号窗", "Window 3")
    assert next(w for w in hall.list_windows(admin) if w.number == 3).name == "综合受理三号窗"
    assert not window_admin.rename_window(admin, 3, "综合受理三号窗", "Window 3").changed
    with pytest.raises(ValidationError) as empty:
        window_admin.rename_window(admin, 3, "  ")
    assert (empty.value.code, empty.value.field) == ("window_name_required", "name")
    with hall_db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "window_rename")).one()
    assert entry.before == {"name": "综合受理3号窗", "name_en": "Service window 3"}
    assert entry.after == {"name": "综合受理三号窗", "name_en": "Window 3", "window": 3}


def test_only_an_admin_retires_or_renames(ctx_for: CtxFor) -> None:
    for act in (window_admin.retire_window, window_admin.reinstate_window):
        with pytest.raises(PermissionDenied):
            act(ctx_for("supervisor1"), 5)
    with pytest.raises(PermissionDenied):
        window_admin.rename_window(ctx_for("clerk5"), 5, "x")


def test_a_rating_pad_left_at_a_retired_window_is_refused(hall_db: Database,
                                                         ctx_for: CtxFor) -> None:
    """The ratings service checked only that the window existed: a pad started for window 9
    after it was retired stored ratings of a window nobody works."""
    window_admin.retire_window(ctx_for("admin1"), 9)
    with pytest.raises(StateError) as refused:
        rate(ctx_for("display1"), RatingInput(5), window=9, channel="pad")
    assert refused.value.code == "window_retired"
    assert rate(ctx_for("display1"), RatingInput(5), window=8, channel="pad").level == 5
