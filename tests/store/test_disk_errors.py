"""A full or failing disk is said so, and only then: told by the driver's error code.

The first version looked for "disk" in the message: a full disk on a write (not at login)
still said "cannot connect to the database", and a PostgreSQL database named "diskless" that
did not exist was called a full disk.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from conftest import CHEAP_HALLAPP, PgServer
from sqlalchemy.exc import OperationalError

from hallapp.core.errors import DomainError
from hallapp.services.context import is_busy_error, is_connection_error, is_disk_error
from hallapp.store import schema
from hallapp.store.uow import Database
from hallapp.ui.common.errors import user_message

HALLAPP = Path(sys.executable).parent / "hallapp"


def _sqlite_error(message: str, code: int) -> OperationalError:
    inner = sqlite3.OperationalError(message)
    inner.sqlite_errorcode = code  # as the sqlite3 module sets it
    return OperationalError("INSERT", {}, inner)


def test_errors_are_told_by_their_codes() -> None:
    io_write = _sqlite_error("disk I/O error", 778)  # SQLITE_IOERR_WRITE
    full = _sqlite_error("database or disk is full", 13)  # SQLITE_FULL
    locked = _sqlite_error("unable to open database file", 14)  # SQLITE_CANTOPEN
    pg_full = OperationalError("INSERT", {}, psycopg.errors.DiskFull("could not extend file"))
    for exc in (io_write, full, pg_full):
        assert is_disk_error(exc), exc
        assert not is_connection_error(exc), exc
        # a terminal says so, rather than "cannot connect, retrying" (which mends nothing)
        assert user_message(exc).startswith("数据库所在的磁盘已满或无法写入，本次操作未保存")
    assert is_connection_error(locked)
    assert not is_disk_error(locked)


def test_a_lock_wait_cut_short_is_busy_not_unreachable() -> None:
    """SQLite's busy timeout (or its writer lock's) and PostgreSQL's lock_timeout: the
    database is there, another terminal held it too long. It said "无法连接数据库" (and the
    kiosk showed its offline page); a statement_timeout a site sets reads the same."""
    sqlite_busy = _sqlite_error("database is locked", 5)  # SQLITE_BUSY
    snapshot = _sqlite_error("database is locked", 517)  # SQLITE_BUSY_SNAPSHOT
    pg_lock = OperationalError("UPDATE", {}, psycopg.errors.LockNotAvailable("lock timeout"))
    pg_statement = OperationalError("SELECT", {}, psycopg.errors.QueryCanceled("timeout"))
    for exc in (sqlite_busy, snapshot, pg_lock, pg_statement):
        assert is_busy_error(exc), exc
        assert not is_connection_error(exc), exc
        assert not is_disk_error(exc), exc
        assert user_message(exc) == "数据库忙，本次操作未保存，请稍后重试"


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_full_disk_at_login_is_not_called_an_unreachable_database(
        hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object, **__: object) -> None:
        raise _sqlite_error("database or disk is full", 13)

    monkeypatch.setattr(hall_db.reader, "connect", full)
    with pytest.raises(DomainError) as refused:
        schema.ready_for_login(hall_db)
    assert refused.value.code == "db_disk"
    assert "磁盘已满" in refused.value.message


def test_a_missing_database_named_like_a_disk_is_unreachable(pg_server: PgServer) -> None:
    db = Database(pg_server.url_for("hallapp_diskless_nowhere"))
    try:
        with pytest.raises(DomainError) as refused:
            schema.ready_for_login(db)
    finally:
        db.dispose()
    assert refused.value.code == "db_unreachable"


def test_a_write_on_a_full_disk_says_so(tmp_path: Path) -> None:
    """The disk fills between commands: the login passes, the ticket's write fails. It said
    "无法连接数据库"; the file-size limit stands in for a full disk (the write fails with
    EFBIG, which SQLite reports as an I/O error, as it does ENOSPC)."""
    db = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    environ = {**os.environ, "HALLAPP_LOG_DIR": str(tmp_path / "log"),
               "HALLAPP_PASSWORD": "demo1234"}
    subprocess.run([*CHEAP_HALLAPP, "--db", db, "init", "--demo"], env=environ, check=True,
                   capture_output=True, timeout=120)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (80 * 1024, resource.RLIM_INFINITY))

    outcomes = []
    for _ in range(4):  # the first takes may still fit under the limit
        done = subprocess.run([str(HALLAPP), "--db", db, "--user", "kiosk1", "ticket", "take",
                               "A"], env=environ, capture_output=True, text=True, timeout=120,
                              preexec_fn=limited, check=False)
        outcomes.append((done.returncode, done.stderr))
        if done.returncode:
            break
    code, err = outcomes[-1]
    assert code == 10, outcomes
    assert "所在的磁盘已满或无法写入" in err, err
    assert "无法连接数据库" not in err
    assert "Traceback" not in err
