"""PostgreSQL connections are pinged at checkout only after being idle (engine.py).

A connection the server dropped while it sat idle in the pool is noticed by the ping and
replaced, so the action succeeds; one that died within the idle grace fails its action once
as a disconnection and the next action gets a fresh connection.
"""

from __future__ import annotations

import pytest
from conftest import PgServer
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from hallapp.store import engine as engine_module
from hallapp.store.uow import Database


@pytest.fixture
def pg_engine(pg_empty: Database) -> Engine:
    return pg_empty.writer  # built by make_engine, as every terminal's


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _kill(pg_server: PgServer, pid: int) -> None:
    with pg_server.admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})


def test_a_connection_dropped_while_idle_is_replaced_before_use(
        pg_server: PgServer, pg_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 0.0)  # every checkout is "idle"
    old = _backend_pid(pg_engine)
    _kill(pg_server, old)
    assert _backend_pid(pg_engine) != old  # no error reached the caller


def test_a_busy_connection_is_not_pinged_and_a_dead_one_fails_once(
        pg_server: PgServer, pg_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 3600.0)
    old = _backend_pid(pg_engine)
    _kill(pg_server, old)
    with pytest.raises(OperationalError):
        _backend_pid(pg_engine)  # used moments ago: not pinged, so its death shows here
    assert _backend_pid(pg_engine) != old  # discarded; the retry gets a new connection
