"""The change feed: how terminals on other processes and machines learn what changed.

Design. Every writing unit of work appends its events to the ``event`` table under the
``feed_head`` row lock, numbering them ``event_seq + 1 …`` (see ``uow.py``). Ids are
therefore contiguous and appear in commit order: a reader that has seen id N has seen
everything up to N, and never needs to re-read old rows.

A terminal keeps the last id it processed. To check for news it reads one integer,
``feed_head.event_seq`` (a primary-key lookup), and only when that moved does it fetch
``event WHERE id > last``. On SQLite (several processes on one machine) that check is
cheap enough to run every 50–100 ms. On PostgreSQL (several machines) the writer also
sends ``NOTIFY hallapp_feed`` in the same transaction, so a reader blocked in
:meth:`FeedReader.wait` wakes as soon as the commit is visible instead of polling; the
poll stays as a fallback after a lost notification or a reconnect.
"""

from __future__ import annotations

import select as _select
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from hallapp.store.db_file import file_id
from hallapp.store.engine import pg_connect_args
from hallapp.store.feed_log import FEED_CHANNEL
from hallapp.store.models import Event, FeedHead
from hallapp.store.uow import Database

MAX_BATCH = 500


class DatabaseReplaced(Exception):
    """The SQLite file this reader followed was replaced (a backup restored to its path)."""


@dataclass(frozen=True)
class FeedEvent:
    id: int
    at: datetime
    kind: str
    payload: dict[str, Any]


class FeedReader:
    """Reads new events after a starting point (the head when created, by default)."""

    def __init__(self, db: Database, *, from_id: int | None = None) -> None:
        self.db = db
        path = db.writer.url.database or ""
        # A SQLite file's path, to notice a backup restored there (``db_file``).
        self._path = path if db.is_sqlite and path not in ("", ":memory:") \
            and not path.startswith("file:") else None
        self._file = file_id(self._path) if self._path else None
        self.last_id = self.head() if from_id is None else from_id
        self._listener: Any = None

    def _check_file(self) -> None:
        """Raise :class:`DatabaseReplaced` once the file at the path is another one: its
        events are numbered anew, so going on after ``last_id`` would skip or mix them. The
        watcher starts a reader again, from the new file's head, as after an outage."""
        if self._path is None:
            return
        now = file_id(self._path)
        if now is not None and now != self._file:
            self._file = now
            raise DatabaseReplaced(f"数据库文件 {self._path} 已被替换（如恢复了备份），"
                                   "改读新的文件")

    def head(self) -> int:
        with self.db.reader.connect() as conn:
            value = conn.execute(select(FeedHead.event_seq).where(FeedHead.id == 1)).scalar()
            conn.rollback()
        return int(value or 0)

    def poll(self) -> list[FeedEvent]:
        """Events committed since the last poll (empty when the head has not moved)."""
        self._check_file()
        if self.head() <= self.last_id:
            return []
        with self.db.reader.connect() as conn:
            rows = conn.execute(select(Event).where(Event.id > self.last_id)
                                .order_by(Event.id).limit(MAX_BATCH)).all()
            conn.rollback()
        events = [FeedEvent(r.id, r.at, r.kind, r.payload) for r in rows]
        if events:
            self.last_id = events[-1].id
        return events

    def wait(self, timeout: float = 1.0, interval: float = 0.05) -> list[FeedEvent]:
        """Block until something happens or ``timeout`` passes; return the new events."""
        deadline = time.monotonic() + timeout
        while True:
            events = self.poll()
            left = deadline - time.monotonic()
            if events or left <= 0:
                return events
            if self.db.is_sqlite:
                time.sleep(min(interval, left))
            else:
                self._wait_notify(min(left, 1.0))

    def _wait_notify(self, timeout: float) -> None:
        try:
            conn = self._listen()
            _select.select([conn.fileno()], [], [], timeout)
            for _ in conn.notifies(timeout=0, stop_after=100):
                pass
        except Exception:
            self.close()
            time.sleep(min(timeout, 0.2))

    def _listen(self) -> Any:
        if self._listener is None:
            import psycopg
            from psycopg.conninfo import make_conninfo

            url = self.db.writer.url.set(drivername="postgresql")
            # The engines' keepalives: a listener whose server vanished is noticed and
            # replaced, not left waiting for notifications that never come.
            conninfo = make_conninfo(url.render_as_string(hide_password=False),
                                     **pg_connect_args(url))
            conn = psycopg.connect(conninfo, autocommit=True)
            conn.execute(f"LISTEN {FEED_CHANNEL}")
            self._listener = conn
        return self._listener

    def close(self) -> None:
        if self._listener is not None:
            try:
                self._listener.close()
            finally:
                self._listener = None
