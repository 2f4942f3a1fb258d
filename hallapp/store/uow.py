"""The database handle and the unit of work every user action runs in.

A unit of work collects audit entries and change-feed events while the action runs and
writes them in ``commit`` just before the transaction commits, under the single feed-head row
lock. That keeps the audit hash chain and the feed ids contiguous and in commit order on both
engines; on PostgreSQL the same transaction sends ``NOTIFY hallapp_feed`` so listening
terminals wake at once (see ``hallapp.store.feed``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from hallapp.core.audit_chain import canonical, normal_json
from hallapp.core.errors import ValidationError
from hallapp.core.roles import Actor, session_ended
from hallapp.store.batch import Batch
from hallapp.store.engine import hide_password, is_sqlite, make_engine
from hallapp.store.feed_log import LogRows, number_log, read_head, write_log
from hallapp.store.rawsql import RawSQL
from hallapp.store.server_clock import ServerClock

Clock = Callable[[], datetime]

# Units of work committed in this thread: an action run again after a deadlock
# (``hallapp.services.context.action``) is run again only if its first run committed nothing.
_COMMITS: ContextVar[int] = ContextVar("hallapp_commits", default=0)


def commits_so_far() -> int:
    return _COMMITS.get()


def utc_now() -> datetime:
    return datetime.now(UTC)


class Database:
    """Engines and session factories for one database URL (built once, in app.py or the CLI)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        try:
            self.is_sqlite = is_sqlite(url)
            self.writer: Engine = make_engine(url, writer=True, echo=echo)
        except (ArgumentError, ImportError):  # unparsable, or an engine we do not support
            raise ValidationError("数据库地址无效：应如 sqlite:////路径/hall.sqlite3 或 "
                                  "postgresql+psycopg://用户@主机/库名", field="db",
                                  code="db_url") from None
        self.reader: Engine = (make_engine(url, writer=False, echo=echo) if self.is_sqlite
                               else self.writer)
        # The hall's time: the server's on PostgreSQL (terminals on several machines).
        self.clock: Clock = utc_now if self.is_sqlite else ServerClock(self.reader)
        # Set only inside the batch writer (``hallapp.services.batch_writer``): the open
        # transaction that every unit of work joins, each as a savepoint of its own.
        self.batch: Batch | None = None
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)

    @property
    def safe_url(self) -> str:
        return hide_password(self.url)

    def write_session(self) -> Session:
        return self._write_sessions()

    def read_session(self) -> Session:
        return self._read_sessions()

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()


# The staff accounts whose standing a unit of work checked during the service action now
# running (``ActionScope``): a read-only unit of work after that one need not check again.
_CHECKED: ContextVar[set[int] | None] = ContextVar("hallapp_actor_checked", default=None)
_STANDING = "SELECT active, session_epoch FROM staff WHERE id = :id"


class ActionScope:
    """One user action (``services.context.action``, the batch writer's operation): its
    first unit of work checks the actor's account; its read-only ones after that do not,
    its writing ones always do. Nested scopes are the outermost one. (A class: a generator
    context manager cost three times as much, at every action.)"""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _CHECKED.set(set()) if _CHECKED.get() is None else None

    @property
    def outermost(self) -> bool:
        """Whether this scope is the action itself, not an action it called."""
        return self._token is not None

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _CHECKED.reset(self._token)


@dataclass
class _Pending:
    audits: list[dict[str, Any]] = field(default_factory=list)
    events: list[tuple[str, str]] = field(default_factory=list)  # kind, JSON text


class UnitOfWork:
    """``with UnitOfWork(db, actor) as uow: ...; uow.commit()`` — rollback unless committed.

    The transaction is opened by the first use of ``session`` (ORM) or ``raw`` (plain
    statements, ``hallapp.store.rawsql``). A unit of work that only needs ``raw`` — taking,
    calling and finishing tickets — never builds an ORM session, whose own bookkeeping cost
    as much CPU as the statements; one that uses both runs them in the same transaction.

    Inside the batch writer (``Database.batch`` set) a unit of work does not open a
    transaction: it joins the writer's, as a ``SAVEPOINT`` that ``commit`` releases and
    anything else rolls back, so a refusal undoes exactly its own writes; the writer
    commits the batch.

    A staff account's unit of work first checks, in its own transaction, that the account
    is still active and its session epoch the one the actor logged in with (one read of the
    staff row by its key): a client whose account was disabled, or its password reset by an
    administrator, since is refused (``session_ended``) whatever it calls and however (its
    window, the CLI, the batch writer). On SQLite every writer holds the write lock from its
    start, so a disable and an action are taken in turn. On PostgreSQL a writing unit of work
    holds the row ``FOR SHARE``: disabling the account or resetting its password (``FOR NO
    KEY UPDATE``) waits for the actions under way, and actions starting meanwhile wait for it,
    then are refused. (Neither lock conflicts with the ``KEY SHARE`` that a row naming the
    account takes, as every audit entry does, under the feed-head lock.) ``lock_actor=False``:
    the account administration, which locks the rows it changes itself: two administrators
    disabling each other at once would otherwise each hold their own row and wait for the
    other's.
    """

    def __init__(self, db: Database, actor: Actor, *, clock: Clock = utc_now,
                 terminal: str | None = None, readonly: bool = False,
                 lock_actor: bool = True) -> None:
        self.db, self.actor, self.terminal = db, actor, terminal
        self.clock = db.clock if clock is utc_now else clock
        self.readonly = readonly
        self.lock_actor = lock_actor
        # The system and a login screen have no account to check.
        self._actor_checked = actor.staff_id is None
        self._pending = _Pending()
        self._committed = False
        self._session: Session | None = None
        self._conn: Connection | None = None
        self._raw: RawSQL | None = None
        self._savepoint: str | None = None

    def __enter__(self) -> UnitOfWork:
        self.now = self.clock()
        return self

    @property
    def session(self) -> Session:
        if self._session is None:
            if self.db.batch is not None:
                self._join_batch()
                # Its own savepoint inside ours: its commit and close never end the batch.
                self._session = Session(bind=self._conn, expire_on_commit=False,
                                        join_transaction_mode="create_savepoint")
            elif self._conn is not None:
                # Joins the open transaction; committing or rolling back stays with us.
                self._session = Session(bind=self._conn, expire_on_commit=False)
            else:
                self._session = (self.db.read_session() if self.readonly
                                 else self.db.write_session())
            if not self._actor_checked:
                self._check_actor()
        return self._session

    @property
    def raw(self) -> RawSQL:
        if self._raw is None:
            if self.db.batch is not None:
                raw = self._join_batch()
            elif self._session is not None:
                raw = self._raw = RawSQL(self._session.connection())
            else:
                engine = self.db.reader if self.readonly else self.db.writer
                self._conn = engine.connect()
                self._conn.begin()  # BEGIN IMMEDIATE for writers on SQLite (engine.py)
                raw = self._raw = RawSQL(self._conn)
            if not self._actor_checked:
                self._check_actor()
            return raw
        return self._raw

    def _check_actor(self) -> None:
        """Refuse an actor whose account was disabled, or its password reset, since it
        logged in (see the class docstring); once per unit of work, at its start."""
        self._actor_checked = True
        staff_id = self.actor.staff_id
        assert staff_id is not None
        checked = _CHECKED.get()
        if self.readonly and checked is not None and staff_id in checked:
            return
        raw = self.raw
        lock = self.lock_actor and not self.readonly and not raw.sqlite
        found = raw.row(_STANDING + " FOR SHARE" if lock else _STANDING, id=staff_id)
        if found is None or not found[0] or found[1] != self.actor.session_epoch:
            raise session_ended(self.actor)
        if checked is not None:
            checked.add(staff_id)

    def _join_batch(self) -> RawSQL:
        """Our savepoint in the batch writer's open transaction, opened on first use (a
        read-only unit of work writes nothing to undo: it reads in the batch as it is)."""
        if self._raw is None:
            assert self.db.batch is not None
            self._conn, self._raw = self.db.batch.conn, self.db.batch.raw
            if not self.readonly:
                # One name for all: units of work nest strictly, and SQLite's RELEASE and
                # ROLLBACK TO take the newest savepoint of a name. A name per unit of work
                # made each statement new to the driver's statement cache (128 entries), which
                # evicted the batch's prepared INSERTs and SELECTs every few operations.
                self._savepoint = "uow"
                self._raw.run(f"SAVEPOINT {self._savepoint}")
        return self._raw

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.db.batch is not None and self._conn is self.db.batch.conn:
            self._leave_batch()
            return
        # close() alone ends the transaction without expiring loaded objects, so results
        # read in a read-only unit of work stay usable after it.
        if self._session is not None:
            if not self._committed and not self.readonly and self._conn is None:
                self._session.rollback()
            self._session.close()
        if self._conn is not None:
            if not self._committed:
                self._rollback(exc)
            self._conn.close()

    def _rollback(self, exc: BaseException | None) -> None:
        """Roll back the plain-statement connection. When the action failed because the
        connection is gone (the server ended a session idle inside its transaction, 25P03),
        the rollback fails too ("the connection is lost"): the action's own error, which
        says why, is the one raised, and the connection is discarded, not pooled."""
        assert self._conn is not None
        try:
            self._conn.rollback()
        except DBAPIError:
            if exc is None:
                raise
            self._conn.invalidate()

    def _leave_batch(self) -> None:
        assert self._raw is not None
        if self._session is not None:
            self._session.close()  # rolls back its own savepoint unless committed
        if self._savepoint is None:
            return
        if not self._committed:
            self._raw.run(f"ROLLBACK TO SAVEPOINT {self._savepoint}")
        self._raw.run(f"RELEASE SAVEPOINT {self._savepoint}")

    def audit(self, action: str, entity: str, entity_id: object = None, *,
              before: Any = None, after: Any = None, by: str | None = None) -> None:
        """``by``: an account without a staff row (``system``) that acts within this unit of
        work, e.g. the 秒批 approving a case in the transaction that accepted it."""
        entry = {
            "action": action, "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            # Their JSON text, hashed and stored as it is.
            "before": normal_json(before), "after": normal_json(after)}
        if by is not None and by != self.actor.username:
            entry["by"] = by
        self._pending.audits.append(entry)

    def emit(self, kind: str, **payload: Any) -> None:
        self._pending.events.append((kind, canonical(payload)))

    def flush(self) -> None:
        """Send the ORM session's changes, if any, before plain statements that read them."""
        if self._session is not None:
            self._session.flush()

    def commit(self) -> None:
        if self.readonly:
            raise RuntimeError("read-only unit of work cannot commit")
        self.flush()
        if self._pending.audits or self._pending.events:
            self._write_log()
        if self._savepoint is not None:
            if self._session is not None:
                self._session.commit()  # releases the session's savepoint only
        elif self._conn is not None:
            self._conn.commit()
        elif self._session is not None:
            self._session.commit()
        self._committed = True
        _COMMITS.set(_COMMITS.get() + 1)

    def _write_log(self) -> None:
        """Number and write the pending audit entries and events under the feed-head lock
        (in the batch writer: number them after the batch's, which it writes at its end).

        Plain statements (``RawSQL``): this runs in every writing action while the whole hall
        waits for the lock, and SQLAlchemy's per-statement cost was most of its time.
        """
        raw, pending = self.raw, self._pending
        batch = self.db.batch
        if batch is not None and self._conn is batch.conn:
            batch.log(self.actor, self.terminal, self.now, pending.audits, pending.events)
            return
        rows = LogRows([], [])
        head = number_log(raw, read_head(raw), self.actor, self.terminal, self.now,
                          pending.audits, pending.events, rows)
        write_log(raw, rows, head)
