"""Read-then-write races on PostgreSQL, interleaved deterministically.

SQLite's one write lock serialises whole units of work, so these races exist on PostgreSQL
only (on SQLite the other terminal would wait for the action under test).

* ``meanwhile``: another terminal's whole action runs, and commits, between the action under
  test's read and its write (at the first call of a function the action makes in between).
  The action must not take a row lock before that point: the other would wait for it.
* ``lock_waited``: polls the server until a session waits for a lock.
* ``in_flight``: another terminal's write, made on its own connection and not yet committed
  (it holds the row's lock), while the action under test runs in a thread. Once the action
  waits for that lock — or ends without having waited — the other write commits (or rolls
  back) and the action's outcome is returned. For actions that lock the row as they read it.

An action that read before the other write and wrote its stale values back after it (a lost
update) is then seen in the rows it left.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text

from hallapp.store.uow import Database

Statement = tuple[str, dict[str, Any]]


@dataclass
class Outcome:
    value: Any = None
    error: Exception | None = None
    waited: bool = False  # the action waited for the other write's row lock


def lock_waited(db: Database, thread: threading.Thread | None = None,
                timeout: float = 10.0) -> bool:
    """Poll the server's own view of its sessions until one on ``db``'s database waits for a
    lock (``wait_event_type = 'Lock'``: blocked, not merely slow): True; False once
    ``thread`` (the one expected to wait) has ended, or after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    with db.reader.connect() as conn:
        while (thread is None or thread.is_alive()) and time.monotonic() < deadline:
            waiting = conn.execute(text(
                "SELECT COUNT(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'")).scalar_one()
            conn.rollback()  # a fresh snapshot of pg_stat_activity each time
            if waiting:
                return True
            time.sleep(0.01)
    return False


def in_flight(db: Database, statements: Sequence[Statement], action: Callable[[], Any], *,
              commit: bool = True, timeout: float = 10.0) -> Outcome:
    """Run ``action`` while ``statements`` are written and uncommitted on another
    connection; commit them (``commit=False``: roll them back) once it waits for them."""
    assert not db.is_sqlite, "SQLite's write lock has no such race"
    out = Outcome()

    def run() -> None:
        try:
            out.value = action()
        except Exception as exc:  # handed to the test thread
            out.error = exc

    with db.writer.connect() as other:
        for sql, params in statements:
            other.execute(text(sql), params)
        thread = threading.Thread(target=run)
        thread.start()
        out.waited = lock_waited(db, thread, timeout)
        if commit:
            other.commit()
        else:
            other.rollback()
        thread.join(timeout=timeout)
    assert not thread.is_alive(), "the action never finished"
    return out


def meanwhile(monkeypatch: pytest.MonkeyPatch, owner: object, name: str,
              other: Callable[[], Any], *, after: bool = False) -> list[Any]:
    """Make the first call of ``owner.name`` run ``other`` (another terminal's action, in its
    own transaction) before doing its own work — or, ``after``, once it has done it (a read
    it made is then out of date). The list returned receives what ``other`` returned, or
    the exception it raised."""
    real = getattr(owner, name)
    results: list[Any] = []

    def run_other() -> None:
        try:
            results.append(other())
        except Exception as exc:  # the test looks at it
            results.append(exc)

    def with_other(*args: Any, **kwargs: Any) -> Any:
        monkeypatch.setattr(owner, name, real)
        if not after:
            run_other()
        value = real(*args, **kwargs)
        if after:
            run_other()
        return value

    monkeypatch.setattr(owner, name, with_other)
    return results
