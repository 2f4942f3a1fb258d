"""What every service call carries: the database, the acting user, the clock, the terminal.

Each service is one function per user action, decorated with ``@action(Perm.X)``: the
permission is checked here, in the service layer, before anything else runs, whatever the
UI shows. ``REGISTRY`` lists every action so a test can walk the whole role × action matrix.
That the account is still active, with the password it logged in with, is checked in the
action's own transaction (``UnitOfWork``); when it is not, the client hears of it through
``Ctx.on_session_ended`` (its user is asked to log in again).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError

from hallapp.core.errors import Conflict, PermissionDenied, ValidationError
from hallapp.core.roles import SESSION_ENDED, Actor, Perm, authorize
from hallapp.store.engine import (
    is_busy_error,
    is_conflict_error,
    is_disk_error,
    is_session_dropped,
    is_write_refused,
)
from hallapp.store.uow import ActionScope, Clock, Database, UnitOfWork, commits_so_far, utc_now

__all__ = ["REGISTRY", "SESSION_ENDED", "Clock", "Ctx", "Database", "action", "as_dict",
           "check_row_limit", "is_busy_error", "is_connection_error", "is_disk_error",
           "is_session_dropped", "is_session_ended", "is_write_refused"]

log = logging.getLogger("hallapp.services")
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Ctx:
    db: Database
    actor: Actor
    clock: Clock = utc_now  # the default stands for the database's clock (Database.clock)
    terminal: str | None = None
    # Called (on whatever thread ran the action) when an action was refused because the
    # account was disabled or its password reset since the login: the client logs out.
    on_session_ended: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        if self.clock is utc_now:  # looked up at each call: nothing touches the database here
            db = self.db
            object.__setattr__(self, "clock", lambda: db.clock())

    def uow(self, *, readonly: bool = False, lock_actor: bool = True) -> UnitOfWork:
        return UnitOfWork(self.db, self.actor, clock=self.clock, terminal=self.terminal,
                          readonly=readonly, lock_actor=lock_actor)

    def acting_as(self, actor: Actor) -> Ctx:
        return replace(self, actor=actor)


REGISTRY: dict[str, Perm] = {}

# Runs of an action, in all, when PostgreSQL rolls its transaction back for meeting another's
# (a deadlock, a serialization failure): run again, it normally goes through.
CONFLICT_TRIES = 3


def action(perm: Perm) -> Callable[[Callable[Concatenate[Ctx, P], R]],
                                   Callable[Concatenate[Ctx, P], R]]:
    """Mark a service function as a user action needing ``perm``."""

    def wrap(fn: Callable[Concatenate[Ctx, P], R]) -> Callable[Concatenate[Ctx, P], R]:
        REGISTRY[f"{fn.__module__}.{fn.__qualname__}"] = perm

        @functools.wraps(fn)
        def checked(ctx: Ctx, /, *args: P.args, **kwargs: P.kwargs) -> R:
            authorize(ctx.actor, perm)
            scope = ActionScope()
            try:
                with scope:
                    if not scope.outermost:  # an action inside another: the outer one reruns it
                        return fn(ctx, *args, **kwargs)
                    return _run_through_conflicts(functools.partial(fn, ctx, *args, **kwargs))
            except PermissionDenied as exc:
                # Told once, by the action the client called (not by those it called).
                if (ctx.on_session_ended is not None and scope.outermost
                        and exc.code == SESSION_ENDED):
                    ctx.on_session_ended()
                raise

        checked.required_perm = perm  # type: ignore[attr-defined]
        return checked

    return wrap


def is_session_ended(exc: BaseException) -> bool:
    """True for the refusal of a client whose account was disabled, or its password reset,
    since it logged in."""
    return isinstance(exc, PermissionDenied) and exc.code == SESSION_ENDED


def _run_through_conflicts(run: Callable[[], R]) -> R:
    """``run()``, again after a deadlock or serialization failure, which undid its transaction
    whole, as long as it had committed nothing before (a second run would do that twice);
    then refused as a conflict. A deadlock was shown as a lost connection ("无法连接数据库",
    CLI exit 10), and the clerk's action was simply lost."""
    for attempt in range(1, CONFLICT_TRIES + 1):
        committed = commits_so_far()
        try:
            return run()
        except DBAPIError as exc:
            if not is_conflict_error(exc):
                raise
            if attempt == CONFLICT_TRIES or commits_so_far() != committed:
                raise Conflict("操作冲突：其他终端同时在处理相同的记录，本次操作未保存，请重试",
                               code="db_conflict") from exc
            log.info("conflict (%s), run again (%d)", getattr(exc.orig, "sqlstate", ""),
                     attempt)
    raise AssertionError("unreachable")


def as_dict(obj: Any, zone: tzinfo | None = None) -> Any:
    """Frozen dataclasses to plain JSON-able values (CLI --json).

    With ``zone`` every aware instant is given in it (ISO 8601 with that zone's offset), so
    one output never mixes UTC with the hall's offset.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: as_dict(getattr(obj, f.name), zone) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [as_dict(v, zone) for v in obj]
    if isinstance(obj, dict):
        return {str(k): as_dict(v, zone) for k, v in obj.items()}
    if isinstance(obj, datetime) and zone is not None and obj.tzinfo is not None:
        return obj.astimezone(zone).isoformat()
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    return obj


def is_connection_error(exc: BaseException) -> bool:
    """True when ``exc`` means the database cannot be reached (as opposed to a bug, or to a
    full disk: reconnecting mends nothing there, and the clerk must be told so; or to a lock
    another terminal held past the lock timeout: the database is there, and busy)."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if is_disk_error(exc) or is_conflict_error(exc) or is_busy_error(exc):  # it answered
        return False
    if isinstance(exc, OperationalError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


MOST_ROWS = 5000


def check_row_limit(limit: int) -> int:
    """A list's "at most N rows", refused outside 1…5000 (a negative LIMIT means "no limit" to
    SQLite and an error to PostgreSQL)."""
    if not 1 <= limit <= MOST_ROWS:
        raise ValidationError(f"条数须在 1 到 {MOST_ROWS} 之间（现为 {limit}）", field="limit",
                              code="row_limit", most=MOST_ROWS, limit=limit)
    return limit
