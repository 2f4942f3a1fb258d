"""Terminal processes for the day-close race test (started with the "spawn" context).

Each builds its own ``Database`` and ``Ctx`` as a terminal does, waits at a barrier so that
all start together, acts until the day's close stops it, and sends back what it was told
through a pipe: only the database is shared. Kiosks bump a lock-free shared count of tickets
taken; the supervisors close once the kiosks are well under way.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from hallapp.core.errors import DomainError, EmptyQueue
from hallapp.core.roles import Actor, Role
from hallapp.services import day, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import Staff
from hallapp.store.uow import Database

GIVE_UP_S = 20.0  # a terminal the close never stopped: the test then fails on what it saw
TAKEN_BEFORE_CLOSE = 12


def _ctx(url: str, username: str, offset_s: float) -> Ctx:
    db = Database(url)
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        actor = Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                      row.window_number)
    offset = timedelta(seconds=offset_s)
    return Ctx(db, actor, clock=lambda: datetime.now(UTC) + offset, terminal=f"t-{username}")


def terminal(role: str, url: str, username: str, number: int, offset_s: float, taken: Any,
             barrier: Any, out: Any) -> None:
    """Run ``role`` (a function below) as ``username``; send its outcomes (a list of
    strings: what each action returned or the refusal's code, ``error:…`` if it was not a
    refusal)."""
    ctx = _ctx(url, username, offset_s)
    if role == "worker":
        windows.open_window(ctx, number)
    barrier.wait()
    outcomes: list[str] = []
    try:
        ROLES[role](ctx, number, taken, outcomes)
    except Exception as exc:  # reported, not raised: the test says what went wrong
        outcomes.append(f"error:{type(exc).__name__}:{str(exc)[:300]}")
    out.send(outcomes)
    out.close()


def _until(refused: str, act: Callable[[], str], outcomes: list[str]) -> None:
    """``act`` again and again until it is refused with ``refused`` (or time is up)."""
    deadline = time.monotonic() + GIVE_UP_S
    while time.monotonic() < deadline:
        try:
            outcomes.append(act())
        except DomainError as exc:
            outcomes.append(exc.code)
            if exc.code == refused:
                return


def kiosk(ctx: Ctx, number: int, taken: Any, outcomes: list[str]) -> None:
    """Take tickets in A and B until the day is closed; each taken: ``taken:<id>``."""
    def take() -> str:
        ticket = tickets.take_ticket(ctx, "AB"[len(outcomes) % 2])
        taken.value += 1
        return f"taken:{ticket.id}"

    _until("day_closed", take, outcomes)


def opener(ctx: Ctx, number: int, taken: Any, outcomes: list[str]) -> None:
    """Open the window and close it again, until opening is refused for the closed day."""
    def open_and_close() -> str:
        state = windows.open_window(ctx, number).state
        windows.close_window(ctx, number)
        return state

    _until("day_closed_window", open_and_close, outcomes)


def worker(ctx: Ctx, number: int, taken: Any, outcomes: list[str]) -> None:
    """The pager's next key at an open window, until the close has closed the window."""
    def next_key() -> str:
        try:
            return str(windows.finish_and_call_next(ctx, number).called is not None)
        except EmptyQueue:
            return "empty"

    _until("window_closed", next_key, outcomes)


def closer(ctx: Ctx, number: int, taken: Any, outcomes: list[str]) -> None:
    """Close the day once the kiosks have taken a few tickets."""
    deadline = time.monotonic() + GIVE_UP_S
    while taken.value < TAKEN_BEFORE_CLOSE and time.monotonic() < deadline:
        time.sleep(0.005)
    try:
        outcomes.append(f"closed:{day.close_day(ctx).abandoned}")
    except DomainError as exc:
        outcomes.append(exc.code)


ROLES: dict[str, Callable[[Ctx, int, Any, list[str]], None]] = {
    "kiosk": kiosk, "opener": opener, "worker": worker, "closer": closer}
