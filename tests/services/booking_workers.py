"""Desk processes for the booking race tests (started with the "spawn" context).

Each desk builds its own ``Database`` and ``Ctx`` as a counter terminal does, waits at a
barrier so that all start booking at the same instant, and reports what it was told through
a pipe. It shares nothing else with the other desks: only the database.
"""

from __future__ import annotations

import time as time_
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select

from hallapp.core.errors import DomainError
from hallapp.core.roles import Actor, Role
from hallapp.services import appointments, calendar_admin
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


GIVE_UP_S = 20.0  # a desk the rest day never stopped: the test then fails on what it saw
BOOKED_BEFORE_REST_DAY = 4


def calendar_race(role: str, url: str, username: str, now_iso: str, days: dict[str, str],
                  slot_ids: list[int], booked: Any, barrier: Any, out: Any) -> None:
    """One terminal of the calendar race test; sends back its outcomes (strings).

    ``opener``: opens A's slots 09:00–12:00 on ``days["open"]``, then makes ``days["rest2"]``
    a rest day (another opener does both at the same moment). ``desk``: books ``slot_ids``
    round-robin until refused as the day is no longer a working day. ``rest``: once the
    desks have booked a few, makes ``days["rest"]`` (the day of ``slot_ids``) a rest day;
    sends the bookings it cancelled as ``cancelled:<code>``."""
    db = Database(url)
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        actor = Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                      row.window_number)
    now = datetime.fromisoformat(now_iso)
    ctx = Ctx(db, actor, clock=lambda: now, terminal=f"t-{username}-{role}")
    outcomes: list[str] = []
    barrier.wait()
    try:
        _CALENDAR_ROLES[role](ctx, {k: date.fromisoformat(v) for k, v in days.items()},
                              slot_ids, booked, outcomes)
    except Exception as exc:  # reported, not raised: the test says what went wrong
        outcomes.append(f"error:{type(exc).__name__}:{str(exc)[:300]}")
    out.send(outcomes)
    out.close()


def _opener(ctx: Ctx, days: dict[str, date], slot_ids: list[int], booked: Any,
            outcomes: list[str]) -> None:
    try:
        made = appointments.create_slots(ctx, "A", days["open"], time(9), time(12))
        outcomes.append(f"opened:{len(made)}")
    except DomainError as exc:
        outcomes.append(exc.code)
    calendar_admin.set_days(ctx, days["rest2"], 1, working=False, note="台风停工")
    outcomes.append("rest day")


def _desk(ctx: Ctx, days: dict[str, date], slot_ids: list[int], booked: Any,
          outcomes: list[str]) -> None:
    deadline = time_.monotonic() + GIVE_UP_S
    while time_.monotonic() < deadline:
        try:
            code = appointments.book(ctx, slot_ids[len(outcomes) % len(slot_ids)],
                                     phone="13812345678").code
            booked.value += 1
            outcomes.append(f"booked:{code}")
        except DomainError as exc:
            outcomes.append(exc.code)
            if exc.code == "slot_day_closed":
                return


def _rest(ctx: Ctx, days: dict[str, date], slot_ids: list[int], booked: Any,
          outcomes: list[str]) -> None:
    deadline = time_.monotonic() + GIVE_UP_S
    while booked.value < BOOKED_BEFORE_REST_DAY and time_.monotonic() < deadline:
        time_.sleep(0.005)
    cancelled = calendar_admin.set_days(ctx, days["rest"], 1, working=False, note="台风停工")
    outcomes += [f"cancelled:{code}" for code in cancelled.cancelled_bookings]


_CALENDAR_ROLES = {"opener": _opener, "desk": _desk, "rest": _rest}
