"""A deadlock (or serialization failure) is another terminal's action met at the same moment,
not a lost connection: the action is run again, and if it cannot be (it committed something
before, or lost three times) it is refused as a conflict.

It was shown as "无法连接数据库" (the CLI's exit 10, the screens' reconnect message), and the
clerk's action was lost.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import psycopg.errors
import pytest
from racekit import lock_waited
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from hallapp.core.errors import Conflict
from hallapp.services import day
from hallapp.services.context import (
    CONFLICT_TRIES,
    Ctx,
    _run_through_conflicts,
    is_connection_error,
)
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def _deadlock() -> OperationalError:
    return OperationalError("UPDATE ticket …", {}, psycopg.errors.DeadlockDetected())


def test_a_deadlock_is_not_a_lost_connection() -> None:
    assert not is_connection_error(_deadlock())
    serialization = OperationalError("UPDATE …", {}, psycopg.errors.SerializationFailure())
    assert not is_connection_error(serialization)
    assert is_connection_error(OperationalError("SELECT 1", {}, psycopg.OperationalError()))


def test_an_action_that_keeps_meeting_others_is_refused_as_a_conflict() -> None:
    runs = []

    def deadlocks() -> None:
        runs.append(1)
        raise _deadlock()

    with pytest.raises(Conflict, match="操作冲突") as refused:
        _run_through_conflicts(deadlocks)
    assert (refused.value.code, refused.value.exit_code, len(runs)) == ("db_conflict", 21,
                                                                        CONFLICT_TRIES)


def test_an_action_that_committed_before_its_deadlock_is_not_run_twice(
        ctx_for: CtxFor) -> None:
    runs = []

    def commits_then_deadlocks() -> None:
        runs.append(1)
        with ctx_for("supervisor1").uow() as uow:
            uow.commit()
        raise _deadlock()

    with pytest.raises(Conflict):
        _run_through_conflicts(commits_then_deadlocks)
    assert len(runs) == 1


@pytest.mark.parametrize("engine_name", ["postgresql"])  # overrides the both-engines fixture
def test_a_close_that_deadlocks_is_run_again(hall_db: Database, ctx_for: CtxFor) -> None:
    """A transaction holds window 1 (as a clerk's action) and then asks for the hall row,
    which the close holds while it waits for window 1: the server rolls the close back
    (it waited first, so it finds the deadlock), and the close runs again once the other
    transaction is gone."""
    result: dict[str, Any] = {}

    def close() -> None:
        try:
            result["closed"] = day.close_day(ctx_for("supervisor1"))
        except Exception as exc:  # handed to the test thread
            result["error"] = exc

    with hall_db.writer.connect() as other:
        other.execute(text("SET deadlock_timeout = '10s'"))  # the close finds the deadlock
        other.execute(text('SELECT id FROM "window" WHERE number = 1 FOR UPDATE'))
        thread = threading.Thread(target=close)
        thread.start()
        assert lock_waited(hall_db, thread), "the day close never waited for the window's lock"
        other.execute(text("SELECT id FROM hall FOR UPDATE"))  # granted once the close lost
        other.rollback()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert "error" not in result, result
    assert result["closed"].hall_day == "2026-11-24"
    with hall_db.read_session() as s:
        closes = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "day_close"))
    assert closes == 1
