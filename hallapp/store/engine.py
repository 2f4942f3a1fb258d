"""Engines and sessions for SQLite (embedded) and PostgreSQL (a hall of many machines).

SQLite settings, and why:
- WAL: kiosks, windows and boards on one machine read while one of them writes.
- ``synchronous=FULL``: in WAL mode NORMAL may lose the last commits on power loss; a ticket
  that was printed must exist after a power cut, so every commit waits for its fsync.
- ``foreign_keys=ON`` and a 15 s busy timeout (writers queue instead of failing).
- Writers open ``BEGIN IMMEDIATE``: the write lock is taken at the start of the unit of work,
  so two processes can never read the same "next serial" or "next ticket" and both act on it.
  Readers use a second engine whose transactions are deferred, so boards never block writers.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 15_000


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _begin_*)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def make_engine(url: str, *, writer: bool = True, echo: bool = False) -> Engine:
    """An engine for ``url``; on SQLite, ``writer`` selects BEGIN IMMEDIATE transactions."""
    if not is_sqlite(url):
        return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=2, max_overflow=4)
    engine = create_engine(url, echo=echo,
                           connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


def hide_password(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
