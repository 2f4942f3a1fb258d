"""One setup at a time per database: migrating the schema and creating the hall.

Two machines (or two ``hallapp demo``) starting at the same moment on a new database both
found it empty: PostgreSQL failed one with an internal error (a type created twice), and the
second demo found its appointment slots just opened by the first. Setup is rare and short,
so it simply queues: a PostgreSQL advisory lock (one number for the whole hall), or on SQLite
an exclusive ``flock`` on ``<db>-setup.lock``. Held by a process, it is taken again freely
(``init`` migrates inside its own setup).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from hallapp.store.engine import open_beside
from hallapp.store.uow import Database

SETUP_LOCK_KEY = 0x48414C4C  # "HALL"
_held = threading.local()


@contextmanager
def setup_lock(db: Database) -> Iterator[None]:
    depth: dict[str, int] = getattr(_held, "depth", None) or {}
    _held.depth = depth
    if depth.get(db.url):
        depth[db.url] += 1
        try:
            yield
        finally:
            depth[db.url] -= 1
        return
    with _locked(db):
        depth[db.url] = 1
        try:
            yield
        finally:
            depth[db.url] = 0


@contextmanager
def _locked(db: Database) -> Iterator[None]:
    if not db.is_sqlite:
        with db.writer.connect() as conn:
            # Queue for as long as the other setup takes (an init --demo: some seconds), not
            # the lock_timeout of a terminal's action (engine.py); for this transaction only.
            conn.execute(text("SET LOCAL lock_timeout = 0"))
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": SETUP_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": SETUP_LOCK_KEY})
                conn.commit()
        return
    path = db.writer.url.database
    if not path or path == ":memory:" or os.name != "posix":
        yield
        return
    import fcntl

    fd = open_beside(f"{os.path.abspath(path)}-setup.lock")  # a missing folder: said so
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
