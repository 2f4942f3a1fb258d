"""The administrator changes the green-channel classes: new ones are offered and taken at
once, a removed one is no longer offered while tickets that hold it keep their place; every
change is audited and announced on the feed; both engines."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from hallapp.core.errors import PermissionDenied, ValidationError
from hallapp.services import admin, hall, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, Event
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def test_classes_change_and_tickets_follow(ctx_for: CtxFor, hall_db: Database) -> None:
    admin_ctx, kiosk = ctx_for("admin1"), ctx_for("kiosk1")
    old = hall.get_hall(admin_ctx).priority_classes
    held = tickets.take_ticket(kiosk, "A")  # ordinary, first in line
    pregnant = tickets.take_ticket(kiosk, "A", priority="pregnant")
    new = [c for c in old if c["code"] != "pregnant"] + [
        {"code": "fire_rescue", "name": "消防救援人员", "name_en": "Fire and rescue"}]
    assert admin.set_priority_classes(admin_ctx, new) == new
    assert hall.get_hall(kiosk).priority_classes == new
    assert tickets.take_ticket(kiosk, "A", priority="fire_rescue").priority == "fire_rescue"
    with pytest.raises(ValidationError) as exc:
        tickets.take_ticket(kiosk, "A", priority="pregnant")  # no longer offered
    assert exc.value.code == "unknown_priority"
    windows.open_window(ctx_for("clerk11"), 11)
    # The pregnant applicant keeps the green-channel place taken before the change.
    assert windows.call_next(ctx_for("clerk11"), 11).number == pregnant.number
    assert held.number == "A001"
    assert admin.set_priority_classes(admin_ctx, new) == new  # unchanged: nothing written
    with hall_db.read_session() as s:
        [entry] = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "priority_classes_update")).all()
        kinds = s.scalars(select(Event.kind).where(Event.kind == "hall_changed")).all()
    assert (entry.before, entry.after) == ({"classes": old}, {"classes": new})
    assert len(kinds) == 1


def test_a_bad_list_changes_nothing_and_only_admins_may(ctx_for: CtxFor) -> None:
    admin_ctx = ctx_for("admin1")
    old = hall.get_hall(admin_ctx).priority_classes
    with pytest.raises(ValidationError) as exc:
        admin.set_priority_classes(admin_ctx, [*old, {"code": "elderly", "name": "长者"}])
    assert exc.value.code == "priority_code_duplicate"
    with pytest.raises(PermissionDenied):
        admin.set_priority_classes(ctx_for("clerk1"), [])
    assert hall.get_hall(admin_ctx).priority_classes == old
