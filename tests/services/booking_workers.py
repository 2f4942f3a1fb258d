"""Desk processes for the booking race test (started with the "spawn" context).

Each desk builds its own ``Database`` and ``Ctx`` as a counter terminal does, waits at a
barrier so that all start booking at the same instant, and reports what it was told through
a pipe. It shares nothing else with the other desks: only the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from hallapp.core.errors import DomainError
from hallapp.core.roles import Actor, Role
from hallapp.services import appointments
from hallapp.services.context import Ctx
from hallapp.store.models import Staff
from hallapp.store.uow import Database


def desk(url: str, username: str, now_iso: str, attempts: list[tuple[int, str]],
         barrier: Any, out: Any) -> None:
    """Book each (slot id, ID number) in turn; send back one outcome per attempt: the
    booking code, or the refusal's code."""
    db = Database(url)
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        actor = Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                      row.window_number)
    now = datetime.fromisoformat(now_iso)
    ctx = Ctx(db, actor, clock=lambda: now, terminal=f"desk-{username}")
    outcomes: list[tuple[int, str, str]] = []
    barrier.wait()
    for slot_id, id_number in attempts:
        try:
            code = appointments.book(ctx, slot_id, id_number=id_number).code
            outcomes.append((slot_id, id_number, f"booked:{code}"))
        except DomainError as exc:
            outcomes.append((slot_id, id_number, f"refused:{exc.code}"))
    out.send(outcomes)
    out.close()
