"""One terminal that stops answering does not stop the hall (PostgreSQL; engine.py).

A kiosk stopped inside its commit (a suspended laptop, a pulled cable) held the change feed's
head, which every write locks: every other write, logins included, waited for it, for as long
as it stayed stopped (or until TCP gave up, two hours on). Now the server ends a session idle
inside a transaction (``idle_in_transaction_session_timeout``), a lock waited for past
``lock_timeout`` fails the action with "数据库忙", and keepalives notice a vanished peer.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from PySide6.QtWidgets import QApplication
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from hallapp.services import tickets
from hallapp.services.context import Ctx, is_busy_error, is_connection_error
from hallapp.store import engine
from hallapp.store.feed import FeedReader
from hallapp.store.feed_log import read_head
from hallapp.store.setup_lock import SETUP_LOCK_KEY, setup_lock
from hallapp.store.uow import Database
from hallapp.ui.common.errors import BUSY_ZH, SESSION_ENDED_ZH, user_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from racekit import lock_waited

pytestmark = pytest.mark.parametrize("engine_name", ["postgresql"])
SETTINGS = ("lock_timeout", "idle_in_transaction_session_timeout", "tcp_keepalives_idle",
            "statement_timeout")
HEAD_LOCKED = "SELECT event_seq FROM feed_head WHERE id = 1 FOR UPDATE"


def _shown(db: Database) -> list[Any]:
    with db.writer.connect() as conn:
        return [conn.execute(text(f"SHOW {name}")).scalar_one() for name in SETTINGS]


def _client(db: Database) -> dict[str, str]:
    with db.writer.connect() as conn:
        return dict(conn.connection.dbapi_connection.info.get_parameters())  # type: ignore


def test_every_connection_bounds_lock_waits_and_idle_transactions(empty_db: Database) -> None:
    assert _shown(empty_db) == ["15s", "10s", "10", "0"]  # no statement_timeout: reports
    client = _client(empty_db)
    assert {k: client.get(k) for k in ("keepalives", "keepalives_idle", "keepalives_interval",
                                       "keepalives_count", "tcp_user_timeout")} == {
        "keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5",
        "keepalives_count": "3", "tcp_user_timeout": "25000"}
    reader = FeedReader(empty_db)  # the change feed's own LISTEN connection: the same
    try:
        listener = reader._listen()
        assert listener.execute("SHOW idle_in_transaction_session_timeout").fetchone() == (
            "10s",)
        assert listener.info.get_parameters()["keepalives_idle"] == "10"
    finally:
        reader.close()


def test_the_database_url_and_pgoptions_override_them(
        empty_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGOPTIONS", "-c tcp_keepalives_idle=60")
    db = Database(f"{empty_db.url}?keepalives_idle=30&options=-c%20lock_timeout%3D2s")
    try:
        assert _shown(db) == ["2s", "10s", "60", "0"]
        assert _client(db)["keepalives_idle"] == "30"
    finally:
        db.dispose()


def test_a_lock_held_past_the_lock_timeout_says_the_database_is_busy(
        hall_db: Database, clock: FakeClock, qapp: QApplication) -> None:
    """Another terminal holds the feed's head (stopped inside its commit): taking a ticket
    fails after the lock timeout (300 ms here) with "数据库忙", not "cannot connect" (the
    kiosk's offline page), not an internal error, and not an endless wait."""
    db = Database(f"{hall_db.url}?options=-c%20lock_timeout%3D300ms")
    kiosk = Ctx(db, actor_for(db, "kiosk1"), clock=clock, terminal="test")
    try:
        with hall_db.writer.connect() as frozen:
            frozen.execute(text(HEAD_LOCKED))
            started = time.monotonic()
            with pytest.raises(OperationalError) as failed:
                tickets.take_ticket(kiosk, "A")
            assert time.monotonic() - started < 5
    finally:
        db.dispose()
    assert is_busy_error(failed.value)
    assert not is_connection_error(failed.value)  # not the kiosk's offline page
    assert user_message(failed.value) == BUSY_ZH
    qapp.setProperty("hallapp_lang", "en")
    try:
        assert user_message(failed.value).startswith("The database is busy; this was not")
    finally:
        qapp.setProperty("hallapp_lang", "zh")


def test_a_terminal_stopped_inside_its_transaction_holds_the_hall_only_briefly(
        hall_db: Database, ctx_for: Any, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The stopped kiosk's session is ended by the server (after 300 ms here): the kiosk
    waiting behind it takes its ticket; the stopped one, woken, is told its action was lost."""
    monkeypatch.setitem(engine.PG_SERVER_SETTINGS, "idle_in_transaction_session_timeout",
                        "300ms")
    stopped_db = Database(hall_db.url)
    stopped = Ctx(stopped_db, actor_for(stopped_db, "kiosk2"), clock=clock, terminal="k2")
    other = ctx_for("kiosk1")
    taken: list[Any] = []

    def stopped_kiosk_takes() -> None:
        with stopped.uow() as uow:
            read_head(uow.raw)  # the feed head locked, as inside a commit: then nothing
            thread = threading.Thread(target=lambda: taken.append(
                tickets.take_ticket(other, "A")), daemon=True)
            thread.start()
            thread.join(timeout=10)
            assert not thread.is_alive(), "the hall waited for the stopped kiosk"
            uow.raw.value("SELECT 1")  # the stopped kiosk wakes up: its action fails

    try:
        with pytest.raises(DBAPIError) as ended:
            stopped_kiosk_takes()
    finally:
        stopped_db.dispose()
    assert [t.number for t in taken] == ["A001"]
    assert user_message(ended.value) == SESSION_ENDED_ZH


def test_a_setup_still_queues_behind_another_past_the_lock_timeout(
        empty_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two machines starting on a new database: the second waits for the first's setup (an
    init --demo takes seconds), however short the lock timeout of a terminal's action."""
    monkeypatch.setitem(engine.PG_SERVER_SETTINGS, "lock_timeout", "1ms")
    db = Database(empty_db.url)
    entered: list[BaseException | None] = []

    def second_setup() -> None:
        try:
            with setup_lock(db):
                entered.append(None)
        except BaseException as exc:  # handed to the test
            entered.append(exc)

    try:
        with empty_db.writer.connect() as first:
            first.execute(text("SELECT pg_advisory_lock(:k)"), {"k": SETUP_LOCK_KEY})
            first.commit()
            thread = threading.Thread(target=second_setup, daemon=True)
            thread.start()
            lock_waited(empty_db, thread)
            thread.join(timeout=0.2)  # 200 times its lock timeout
            assert thread.is_alive(), entered
            first.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": SETUP_LOCK_KEY})
            first.commit()
            thread.join(timeout=10)
    finally:
        db.dispose()
    assert entered == [None]

