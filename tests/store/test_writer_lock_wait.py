"""The SQLite writer lock (``<db>-writer.lock``, ``hallapp.store.engine``) is waited for as long
as SQLite's busy timeout, no longer: a process stopped inside a write transaction had made
every other writer of the machine wait forever."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from hallapp.store import engine
from hallapp.store.uow import Database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the writer queue uses flock")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with database.writer.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    yield database
    database.dispose()


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[int]:
    """Another process's write transaction, stopped while it holds the lock (its own open
    file, as another process's would be)."""
    fd = os.open(f"{tmp_path / 'w.sqlite3'}-writer.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield fd
    os.close(fd)


def _insert(db: Database, x: int) -> None:
    with db.writer.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": x})


@pytest.mark.parametrize("threads", [None, 0])
def test_a_writer_gives_up_after_the_busy_timeout(
        db: Database, holder: int, threads: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """It fails as SQLite's own busy timeout does ("database is locked", SQLITE_BUSY), after
    that timeout; once the holder goes on, writing works again (the lock given up on is not
    kept by the thread that was waiting for it). With no waiting thread free it tries the
    lock until the timeout."""
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 300)
    if threads is not None:
        monkeypatch.setattr(engine._LockWaiters, "MOST", threads)
        monkeypatch.setattr(engine, "_waiters", None)
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        attempt = pool.submit(_insert, db, 1)
        try:
            with pytest.raises(OperationalError, match="database is locked") as failed:
                attempt.result(timeout=10)
        finally:
            fcntl.flock(holder, fcntl.LOCK_UN)  # a writer that waits forever gets it now
    assert 0.3 <= time.monotonic() - started < 10
    assert isinstance(failed.value.orig, sqlite3.OperationalError)
    assert failed.value.orig.sqlite_errorcode == engine.SQLITE_BUSY
    _insert(db, 2)
    with db.reader.connect() as conn:
        assert conn.execute(text("SELECT x FROM t")).scalars().all() == [2]


def test_a_writer_waits_for_the_lock_and_gets_it_when_released(
        db: Database, holder: int) -> None:
    with ThreadPoolExecutor(1) as pool:
        attempt = pool.submit(_insert, db, 1)
        with pytest.raises(FutureTimeout):
            attempt.result(timeout=0.2)  # queued behind the holder
        fcntl.flock(holder, fcntl.LOCK_UN)
        attempt.result(timeout=10)
    with db.reader.connect() as conn:
        assert conn.execute(text("SELECT x FROM t")).scalars().all() == [1]


def test_a_process_that_gave_up_exits(db: Database, holder: int) -> None:
    """The thread still waiting for the lock does not keep its process alive (``hallapp``
    printed "database is locked" and then hung at exit)."""
    script = ("import sys; from sqlalchemy import text; from hallapp.store import engine; "
              "from hallapp.store.uow import Database; engine.SQLITE_BUSY_TIMEOUT_MS = 300\n"
              "try:\n"
              "    with Database(sys.argv[1]).writer.begin() as conn:\n"
              "        conn.execute(text('INSERT INTO t VALUES (1)'))\n"
              "except Exception as exc:\n"
              "    print(type(exc).__name__, exc.orig)")
    done = subprocess.run([sys.executable, "-c", script, db.url], capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "OperationalError database is locked", done.stderr
    assert done.returncode == 0
