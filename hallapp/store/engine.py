"""Engines and sessions for SQLite (embedded) and PostgreSQL (a hall of many machines).

SQLite settings, and why:
- WAL: kiosks, windows and boards on one machine read while one of them writes.
- ``synchronous=FULL``: in WAL mode NORMAL may lose the last commits on power loss; a ticket
  that was printed must exist after a power cut, so every commit waits for its fsync.
- ``foreign_keys=ON`` and a 15 s busy timeout (writers queue instead of failing).
- Writers open ``BEGIN IMMEDIATE``: the write lock is taken at the start of the unit of work,
  so two processes can never read the same "next serial" or "next ticket" and both act on it.
  Readers use a second engine whose transactions are deferred, so boards never block writers.
- Writers queue for that lock in the kernel (an exclusive ``flock`` on ``<db>-writer.lock``,
  held from BEGIN IMMEDIATE to COMMIT/ROLLBACK), not in SQLite's busy handler: the handler
  polls with sleeps growing to 100 ms and no order, so with 16 terminals a kiosk could lose
  the race for seconds (p99 5–8 s measured, up to the 15 s timeout and "database is locked").
  The kernel wakes the next writer when the lock is released and drops it if a process dies.
  The wait is bounded as SQLite's busy timeout is: a process stopped inside a write (SIGSTOP,
  a hung disk) made every other writer wait forever. A writer that finds the lock taken hands
  the blocking ``flock`` to a thread, on a descriptor of its own, and waits for it at most
  15 s; then it fails with SQLite's own "database is locked" (``SQLITE_BUSY``), and the thread,
  if it gets the lock later, closes its descriptor, which releases it.

PostgreSQL settings, and why (``pg_connect_args``; a hall is many machines on a LAN, and one
of them can stop answering at any moment: suspended, its cable pulled, its program frozen):
- ``idle_in_transaction_session_timeout`` 10 s: a terminal stopped inside a unit of work kept
  its row locks — the change feed's head among them, which every write takes — and the whole
  hall, logins included, waited for it; a machine cut off from the network until TCP gave up
  (two hours). hallapp never idles inside a transaction on purpose (its longest, the KPI
  roll-up, backup and restore, run statement after statement), so the server ends such a
  session after 10 s: its transaction rolls back and the others go on.
- ``lock_timeout`` 15 s (as SQLite's busy timeout): a terminal that waits longer for a lock
  fails with "数据库忙" instead of waiting without end. Longer than the idle timeout, so the
  terminals behind a frozen one wait for it to be dropped rather than failing.
- TCP keepalives (10 s idle, then 3 probes 5 s apart) on the terminal's side (libpq) and the
  server's: a peer that vanished is noticed in about 25 s on either side, not after TCP's two
  hours; and the terminal's ``tcp_user_timeout`` of 25 s, for a statement sent and never
  acknowledged (fifteen minutes of retransmissions otherwise, keepalives not being sent then).
- No ``statement_timeout``: a long report, backup or migration is legitimate work.
A parameter in the database URL wins over these (``?keepalives_idle=30``, ``?options=-c
lock_timeout=30s``), as do server settings in ``PGOPTIONS``.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError

from hallapp.core.errors import DomainError
from hallapp.store.db_file import follow_replaced_file

SQLITE_BUSY_TIMEOUT_MS = 15_000
SQLITE_BUSY = 5  # the result code of "database is locked"


# A full or failing disk, told by the driver's code: SQLite's primary result codes SQLITE_IOERR
# (10) and SQLITE_FULL (13); PostgreSQL's SQLSTATEs 58030 io_error and 53100 disk_full.
_SQLITE_DISK_CODES = (10, 13)
_POSTGRES_DISK_STATES = ("53100", "58030")


def is_disk_error(exc: BaseException) -> bool:
    """True when the database's disk is full or cannot be written, as opposed to a database
    that cannot be reached. By code, not by words: a server's message names databases and
    hosts (a database called "diskless" is not a disk), and its own words vary by language."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _SQLITE_DISK_CODES  # extended codes keep the primary low byte
    return getattr(orig, "sqlstate", None) in _POSTGRES_DISK_STATES


# PostgreSQL's deadlock_detected and serialization_failure: the server rolled the transaction
# back because it met another's; run again, it normally goes through.
_CONFLICT_STATES = ("40P01", "40001")


def is_conflict_error(exc: BaseException) -> bool:
    """True when the transaction was rolled back for meeting another (a deadlock, a
    serialization failure): the database is reachable, and the action may be run again."""
    orig = getattr(exc, "orig", None) or exc
    return getattr(orig, "sqlstate", None) in _CONFLICT_STATES


# A database that takes no writes at all: SQLITE_READONLY (8: a read-only file or folder) and
# PostgreSQL's 25006 read_only_sql_transaction (a standby, a read-only default).
_SQLITE_READONLY = 8
_POSTGRES_READONLY = "25006"
# Held by someone else: SQLITE_BUSY (5) and SQLITE_LOCKED (6) once the busy timeout is over;
# PostgreSQL's 55P03 lock_not_available (a lock timeout).
_SQLITE_BUSY_CODES = (5, 6)
# PostgreSQL's 55P03 lock_not_available (lock_timeout) and 57014 query_canceled (a
# statement_timeout, should a site set one).
_POSTGRES_BUSY_STATES = ("55P03", "57014")


def _codes(exc: BaseException) -> tuple[int | None, str | None]:
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return (code & 0xFF if isinstance(code, int) else None), getattr(orig, "sqlstate", None)


def is_write_refused(exc: BaseException) -> bool:
    """True when the database cannot take a write now but may still be read: its disk is
    full or failing, or it is read-only (``is_disk_error`` and the read-only codes)."""
    sqlite_code, sqlstate = _codes(exc)
    return is_disk_error(exc) or sqlite_code == _SQLITE_READONLY or sqlstate == _POSTGRES_READONLY


def is_busy_error(exc: BaseException) -> bool:
    """True when another terminal or process held the database locked past the busy or lock
    timeout: the database is there and nothing was saved; trying again later will do (said
    "数据库忙"; "cannot connect" would send the reader looking for it)."""
    sqlite_code, sqlstate = _codes(exc)
    return sqlite_code in _SQLITE_BUSY_CODES or sqlstate in _POSTGRES_BUSY_STATES


# The server ended the session: 25P03 idle_in_transaction_session_timeout, 57P05
# idle_session_timeout (should a site set one).
_POSTGRES_ENDED_STATES = ("25P03", "57P05")


def is_session_dropped(exc: BaseException) -> bool:
    """True when the PostgreSQL server ended this terminal's session because it stopped
    answering inside a transaction (``idle_in_transaction_session_timeout``): the action was
    rolled back; the next one gets a new connection."""
    orig = getattr(exc, "orig", None) or exc
    return getattr(orig, "sqlstate", None) in _POSTGRES_ENDED_STATES


def is_privilege_error(exc: BaseException) -> bool:
    """PostgreSQL's insufficient_privilege (42501): the account may not do this, e.g. create
    tables in schema public of a database it does not own (refused from PostgreSQL 15)."""
    orig = getattr(exc, "orig", None) or exc
    return getattr(orig, "sqlstate", None) == "42501"


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


class _Held(threading.local):
    depth = 0


_HELD = _Held()


class WriterConnection(sqlite3.Connection):
    """A writer connection that holds the cross-process writer lock for its transaction.

    A second writer opened by a thread that already holds the lock (a nested unit of work)
    does not queue for it — that would wait for itself forever; it meets SQLite's busy
    timeout as before. Without ``fcntl`` (Windows) there is no queue, only the busy handler.
    """

    lock_fd: int | None = None
    lock_path = ""
    _held = False
    _held_fd: int | None = None  # ``lock_fd``, or the descriptor a waiting thread locked

    def acquire_writer_lock(self) -> None:
        if self.lock_fd is None or self._held or _HELD.depth or sys.platform == "win32":
            return
        import fcntl

        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fd = self.lock_fd
        except BlockingIOError:
            fd = _wait_for_lock(self.lock_path, SQLITE_BUSY_TIMEOUT_MS / 1000)
        self._held, self._held_fd = True, fd
        _HELD.depth += 1

    def release_writer_lock(self) -> None:
        if not self._held or self._held_fd is None or sys.platform == "win32":
            return
        import fcntl

        fd, self._held, self._held_fd = self._held_fd, False, None
        _HELD.depth -= 1
        if fd == self.lock_fd:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            os.close(fd)  # a waiting thread's own descriptor: closing it releases the lock

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.release_writer_lock()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.release_writer_lock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.release_writer_lock()
            if self.lock_fd is not None:
                os.close(self.lock_fd)
                self.lock_fd = None


class _LockWaiters:
    """Threads that block in ``flock`` for this process's writers: daemons (one may wait for
    a stopped process forever, and must not keep its process from exiting), kept for the next
    wait, at most ``MOST`` at once."""

    MOST = 16

    def __init__(self) -> None:
        self._tasks: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._mutex = threading.Lock()
        self._threads = self._idle = 0

    def submit(self, task: Callable[[], None]) -> bool:
        """Run ``task`` in a waiting thread; False when all ``MOST`` are busy."""
        with self._mutex:
            if self._idle:
                self._idle -= 1
            elif self._threads < self.MOST:
                self._threads += 1
                threading.Thread(target=self._work, name="writer-lock", daemon=True).start()
            else:
                return False
        self._tasks.put(task)
        return True

    def _work(self) -> None:
        while True:
            self._tasks.get()()
            with self._mutex:
                self._idle += 1


_waiters: tuple[int, _LockWaiters] | None = None


def _waiting_threads() -> _LockWaiters:
    """This process's waiting threads (new ones in a forked child: it has none of them)."""
    global _waiters
    if _waiters is None or _waiters[0] != os.getpid():
        _waiters = (os.getpid(), _LockWaiters())
    return _waiters[1]


def _wait_for_lock(path: str, timeout: float) -> int:
    """A new descriptor of ``path`` holding its exclusive ``flock``, taken within ``timeout``
    seconds; else SQLite's "database is locked". The kernel queues the waiting thread, and
    wakes it when the lock is released, as it queued the writer itself before. (With every
    waiting thread busy — many writers behind a stopped one — it tries every 10 ms.)"""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    taken, mutex = threading.Event(), threading.Lock()
    abandoned = False

    def wait() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass  # not taken: the writer times out
        else:
            with mutex:
                if not abandoned:
                    taken.set()
                    return
        os.close(fd)  # too late (or failed): releases the lock it got

    if not _waiting_threads().submit(wait):
        return _try_for_lock(fd, timeout)
    if not taken.wait(timeout):
        with mutex:
            abandoned = not taken.is_set()
        if abandoned:
            raise _busy()
    return fd


def _try_for_lock(fd: int, timeout: float) -> int:
    import fcntl

    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise _busy() from None
            time.sleep(0.01)


def _busy() -> sqlite3.OperationalError:
    """The error of SQLite's busy timeout."""
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode, busy.sqlite_errorname = SQLITE_BUSY, "SQLITE_BUSY"
    return busy


def holds_writer_lock() -> bool:
    """Whether this thread is inside a write transaction that holds the writer lock."""
    return _HELD.depth > 0


def lock_taken_elsewhere(fd: int) -> bool:
    """Whether another open file holds the ``flock`` of ``fd``'s file (POSIX only)."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    fcntl.flock(fd, fcntl.LOCK_UN)
    return False


def writer_lock_path(db_file: str) -> str:
    return f"{os.path.abspath(db_file)}-writer.lock"


def open_beside(path: str, mode: int = 0o644) -> int:
    """Open (or create) a file that lives beside a SQLite database (its locks, the batch
    writer's socket lock). A folder that is not there, or cannot be written (a read-only file
    system), is said in words and names the folder (exit 10), not as an internal error."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, mode)
    except OSError as exc:
        raise folder_error(os.path.dirname(os.path.abspath(path)), exc) from None


def folder_error(folder: str, exc: OSError | None = None) -> DomainError:
    """The refusal for a SQLite database whose folder is missing, or not writable (``exc``)."""
    if exc is None or isinstance(exc, FileNotFoundError) or not os.path.isdir(folder):
        return DomainError(f"数据库所在的文件夹 {folder} 不存在：请先建立该文件夹，或检查数据库路径"
                           "（--db 或 HALLAPP_DB_URL）", code="db_folder_missing", folder=folder)
    reason = exc.strerror or type(exc).__name__
    return DomainError(f"无法在数据库所在的文件夹 {folder} 中建立文件（{reason}）：SQLite 需要在"
                       "数据库文件旁写入锁与日志文件，请检查该文件夹的权限，或是否为只读的文件系统",
                       code="db_folder_unwritable", folder=folder, reason=reason)


def _open_lock_file(path: str) -> Any:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        if isinstance(dbapi_conn, WriterConnection):
            dbapi_conn.lock_fd = open_beside(path)
            dbapi_conn.lock_path = path

    return on_connect


def _begin_immediate(conn: Connection) -> None:
    # Straight to the driver: SQLAlchemy does not track a textual BEGIN (isolation_level is
    # None), and its statement machinery cost more than the BEGIN itself.
    dbapi_conn = conn.connection.dbapi_connection
    assert dbapi_conn is not None
    try:
        if isinstance(dbapi_conn, WriterConnection):
            dbapi_conn.acquire_writer_lock()  # "database is locked" after the busy timeout
        dbapi_conn.execute("BEGIN IMMEDIATE")
    except BaseException as exc:
        if isinstance(dbapi_conn, WriterConnection):
            dbapi_conn.release_writer_lock()
        if isinstance(exc, sqlite3.Error):  # as SQLAlchemy would raise it ("database is locked")
            raise DBAPIError.instance("BEGIN IMMEDIATE", None, exc, sqlite3.Error) from exc
        raise


def _begin_deferred(conn: Connection) -> None:
    # A reader's BEGIN, straight to the driver as the writer's: through exec_driver_sql it
    # cost a statement's worth of SQLAlchemy CPU before every read (every ticket view).
    dbapi_conn = conn.connection.dbapi_connection
    assert dbapi_conn is not None
    try:
        dbapi_conn.execute("BEGIN")
    except sqlite3.Error as exc:
        raise DBAPIError.instance("BEGIN", None, exc, sqlite3.Error) from exc


PING_AFTER_IDLE_S = 2.0


def _ping_when_idle(engine: Engine) -> None:
    """Test a pooled PostgreSQL connection before use, unless it was in use moments ago.

    SQLAlchemy's ``pool_pre_ping`` pings at every checkout: a round trip to the server
    before every action (two per ticket taken: the write and the read after it). A
    connection that worked less than ``PING_AFTER_IDLE_S`` ago is used as it is; one that
    has been idle longer (the server may have restarted, a link dropped) is pinged, and a
    dead one replaced. A connection that dies in between fails its action once, is
    discarded as disconnected, and the client's retry gets a fresh one.
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is not None and time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)  # outside any transaction, as pool_pre_ping
        except Exception as exc:
            raise DisconnectionError("connection dead at checkout") from exc


# PostgreSQL sessions (see the module docstring): what the server enforces, and the
# terminal's own TCP settings (libpq connection parameters).
PG_SERVER_SETTINGS = {
    "idle_in_transaction_session_timeout": "10s",
    "lock_timeout": "15s",
    "tcp_keepalives_idle": "10", "tcp_keepalives_interval": "5", "tcp_keepalives_count": "3",
}
PG_CLIENT_SETTINGS = {
    "keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5",
    "keepalives_count": "3", "tcp_user_timeout": "25000",
}


def pg_connect_args(url: str | URL) -> dict[str, str]:
    """The connection parameters of every PostgreSQL connection hallapp opens (the engines',
    the change feed's listener): ``PG_CLIENT_SETTINGS`` the URL does not set itself, and
    ``options`` setting ``PG_SERVER_SETTINGS``, then ``PGOPTIONS`` and the URL's own
    ``options`` (libpq reads ``PGOPTIONS`` only when ``options`` is not given; of two
    settings of one name the server takes the last)."""
    query = make_url(url).query
    args = {k: v for k, v in PG_CLIENT_SETTINGS.items() if k not in query}
    given = query.get("options", "")
    options = [f"-c {k}={v}" for k, v in PG_SERVER_SETTINGS.items()]
    options += [os.environ.get("PGOPTIONS", ""), " ".join(given) if isinstance(given, tuple)
                else given]
    args["options"] = " ".join(o for o in options if o)
    return args


def make_engine(url: str, *, writer: bool = True, echo: bool = False) -> Engine:
    """An engine for ``url``; on SQLite, ``writer`` selects BEGIN IMMEDIATE transactions."""
    if not is_sqlite(url):
        # No rollback when a connection goes back to the pool: every unit of work ends its
        # transaction itself (commit, or rollback on close), so that rollback was a second
        # round trip to the server on every action for nothing.
        engine = create_engine(url, echo=echo, pool_size=2, max_overflow=4,
                               pool_reset_on_return=None, connect_args=pg_connect_args(url))
        _ping_when_idle(engine)
        return engine
    path = make_url(url).database or ""
    queued = writer and path not in ("", ":memory:") and not path.startswith("file:")
    args: dict[str, Any] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    if queued:
        args["factory"] = WriterConnection
    engine = create_engine(url, echo=echo, connect_args=args)
    event.listen(engine, "connect", _sqlite_pragmas)
    if path not in ("", ":memory:") and not path.startswith("file:"):
        follow_replaced_file(engine, path)  # a backup restored to the path (db_file.py)
    if queued:
        event.listen(engine, "connect", _open_lock_file(writer_lock_path(path)))
    if writer:
        event.listen(engine, "begin", _begin_immediate)
    else:
        event.listen(engine, "begin", _begin_deferred)
    return engine


def hide_password(url: str) -> str:
    """``url`` with its password masked; one that does not parse is not shown at all (it
    may still hold a password)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<无法解析的数据库地址>"
