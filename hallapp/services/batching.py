"""Sending the hall's busiest writes to the batch writer of a SQLite database.

Why. On SQLite every write transaction of the machine queues for one lock and ends with its
own fsync; a take or a call costs most of its time in Python work done while everybody else
waits for that lock. The batch writer (``hallapp.services.batch_writer``, ``hallapp
writer``) is one process per database file that runs the operations of all terminals on the
machine in shared transactions — each operation a savepoint of its own, one commit (and one
fsync) for all that arrived meanwhile — and answers each terminal after that commit.

How. A function decorated with :func:`batchable` (take, call next, finish) runs in the
writer when the database is SQLite, the writer's socket (``<db file>-writer.sock``) is there,
and writes are queueing (the machine's write lock was taken at this or a recent operation,
``_Client.contended``): in a rush the operation joins the writer's next batch, while a
terminal that finds the lock free writes directly, as fast as with no writer (through the
writer, a lone operation pays a second process and its answer's round trip: p99 2–5 ms
more at a hall's pace, bench/RESULTS.md). Otherwise, or when the writer cannot be reached,
it runs here, directly, as before.

The writer is an accelerator, never a dependency: exactness still comes from the database
(the writer holds the same write lock as everybody else, and unique constraints stay the
last line). The operation runs in the writer with this terminal's actor, terminal name and
clock reading; its permission is checked here before sending and again in the writer, where
its units of work also check that the account still stands (``UnitOfWork``).

A request that was sent but got no answer (the writer died) is looked up by its id in
``batch_request``, which the writer fills in the operation's own savepoint: found, its
answer is returned; not found, nothing of it was committed, and it runs here. The look-up
opens a write transaction, so a writer still finishing its batch is waited for.

Terminal and writer run the same program, or the terminal writes directly. A writer left
running the previous program had issued a ticket on a day the supervisor had closed (it did
not know day closing yet). Each connection starts with a hello that carries this program's
version (:func:`program_version`: the package's version, the schema's head and a digest of
its source); the writer answers with its own. They differ: the terminal logs a warning and
writes directly, asking again after ``MISMATCH_RETRY_S``; the writer logs it too, and sends
back any request on a connection that did not say a matching hello (a terminal of an older
program sends none). A writer older than the hello answers it ``retry``, as an operation it
does not know: a mismatch.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import logging
import os
import pickle
import secrets
import socket
import struct
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from sqlalchemy.engine import make_url

import hallapp
from hallapp.core.roles import Actor, Perm, Role, authorize
from hallapp.services.context import Ctx
from hallapp.store.engine import holds_writer_lock, lock_taken_elsewhere, writer_lock_path
from hallapp.store.schema import HEAD
from hallapp.store.uow import Database

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("hallapp.batching")

BATCHABLE: dict[str, Callable[..., Any]] = {}
RECONNECT_AFTER_S = 1.0
MISMATCH_RETRY_S = 60.0
BUSY_FOR_S = 1.0
HELLO = "hallapp.services.batching.hello"  # no operation of that name: older writers refuse it
_HEADER = struct.Struct("!I")
_LOOKUP = "SELECT answer FROM batch_request WHERE id = :id"


class Request(NamedTuple):  # named tuples pickle in half the time of dataclasses
    id: str
    op: str
    actor: Actor
    terminal: str | None
    now: datetime
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


class Answer(NamedTuple):
    """``ok`` with the result (pickled: the writer pickles it once, for ``batch_request``
    and for the terminal), ``error`` with the domain error to raise, or ``retry``: nothing
    of the request was committed and the terminal should run it itself. ``shared``: other
    terminals' requests were in the same batch (writes are still queueing)."""

    kind: str
    value: Any = None
    shared: bool = False


def _db_file(db: Database) -> str:
    return make_url(db.url).database or ""


def db_file(db: Database) -> str:
    """The absolute path of a SQLite database's file."""
    return os.path.abspath(_db_file(db))


def socket_path(db: Database) -> str | None:
    """Where the writer of this database listens; None when there can be none."""
    path = _db_file(db)
    if not db.is_sqlite or path in ("", ":memory:") or path.startswith("file:"):
        return None
    return f"{os.path.abspath(path)}-writer.sock"


SUN_PATH_BYTES = 108  # an AF_UNIX address (Linux; 104 on the BSDs)


@contextmanager
def unix_address(path: str) -> Iterator[str]:
    """An address that reaches the socket file ``path`` and fits ``SUN_PATH_BYTES``: the path
    itself, or for a longer one (a database deep in folders with long names; the writer had
    refused it as "not a SQLite file") the same file through a descriptor of its folder,
    ``/proc/self/fd/N/<name>`` (Linux). OSError ENAMETOOLONG when neither fits."""
    if len(os.fsencode(path)) < SUN_PATH_BYTES:
        yield path
        return
    folder, name = os.path.split(path)
    fd = os.open(folder, getattr(os, "O_PATH", os.O_RDONLY) | os.O_DIRECTORY)
    try:
        address = f"/proc/self/fd/{fd}/{name}"
        if len(os.fsencode(address)) >= SUN_PATH_BYTES or not os.path.isdir(address[:-len(name)]):
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), path)
        yield address
    finally:
        os.close(fd)


@functools.cache
def program_version() -> str:
    """This program as the batch writer and its terminals compare it: the package's version
    (the same for every build so far), the schema's head and a digest of the package's
    source (any change to the code the writer runs changes it; ~10–40 ms, once)."""
    root = Path(hallapp.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return f"{hallapp.__version__} schema {HEAD} source {digest.hexdigest()[:12]}"


def hello() -> Request:
    """The first request on a connection to the writer: this program's version."""
    return Request(request_id(), HELLO, Actor("anonymous", Role.DISPLAY), f"pid {os.getpid()}",
                   datetime.now(UTC), (program_version(),), {})


def writer_running(db: Database) -> bool:
    """Whether a batch writer answers on this database's socket (``hallapp --version``)."""
    path = socket_path(db)
    if path is None or not os.path.exists(path):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            with unix_address(path) as address:
                probe.connect(address)
        except OSError:
            return False
    return True


def batchable(fn: Callable[Concatenate[Ctx, P], R]) -> Callable[Concatenate[Ctx, P], R]:
    """Run ``fn`` in the batch writer when there is one (see the module docstring)."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    BATCHABLE[name] = fn
    perm: Perm | None = getattr(fn, "required_perm", None)

    @functools.wraps(fn)
    def routed(ctx: Ctx, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if perm is not None:  # refused here, before anything is sent (the writer checks too)
            authorize(ctx.actor, perm)
        client = _client(ctx.db)
        if (client is None or holds_writer_lock() or not client.present()
                or not client.contended()):
            return fn(ctx, *args, **kwargs)
        request = Request(request_id(), name, ctx.actor, ctx.terminal, ctx.clock(),
                          tuple(args), dict(kwargs))
        answer = client.send(request)
        if answer is None:
            answer = _committed_answer(ctx, request.id)
        if answer is None or answer.kind == "retry":
            return fn(ctx, *args, **kwargs)
        if answer.kind == "error":
            raise answer.value
        return pickle.loads(answer.value)  # type: ignore[no-any-return]

    return routed


def request_id() -> str:
    """A new request's id: the clock in nanoseconds, then 64 random bits (32 hex digits).
    Requests sent at about the same time sort together, so the writer's inserts into the
    primary key of ``batch_request`` go to one index page per batch, not one random page
    per request as with uuid4 (a batch of 8 takes wrote 49 pages, now 44)."""
    return f"{time.time_ns():016x}{secrets.token_hex(8)}"


def keeps_waiting_lines(fn: F) -> F:
    """Mark a batchable operation that reports each ticket it adds to a waiting line
    (``queue_sql.line_taken``) and changes no line otherwise. The batch writer's running
    line counts (``queue_sql.position``) are kept across such operations; any other
    operation, or a refusal, empties them."""
    fn.keeps_waiting_lines = True  # type: ignore[attr-defined]
    return fn


def _committed_answer(ctx: Ctx, request_id: str) -> Answer | None:
    """After the writer went away: what it committed for this request, if anything."""
    with ctx.uow() as uow:  # a write transaction: waits for a writer still committing
        stored = uow.raw.value(_LOOKUP, id=request_id)
    return None if stored is None else Answer("ok", bytes(stored))


class _Client:
    """This process's connections to one database's writer (one per thread)."""

    def __init__(self, path: str, lock_path: str) -> None:
        self.path, self.lock_path = path, lock_path
        self._local = threading.local()
        self._down_until = 0.0

    def present(self) -> bool:
        """A writer may be listening: its socket file is there, and it was not found gone
        in the last ``RECONNECT_AFTER_S`` (checked first: a hall without a writer never
        probes the write lock)."""
        return time.monotonic() >= self._down_until and os.path.exists(self.path)

    def contended(self) -> bool:
        """Whether writes on this machine are queueing: some writer holds the write lock
        now, or did at one of this thread's operations in the last ``BUSY_FOR_S``, or this
        thread's last request to the writer shared its batch with others in that time. The
        memory matters: the lock is free while the writer answers its batch, just when its
        terminals come back with their next operation, and those that then wrote directly
        kept the writer's next batch waiting (measured: +4 % takes/s with 16 terminals
        instead of +40 %); and in a rush a terminal whose memory ran out wrote directly
        about once a second when it found the lock free between two batches (bench/
        RESULTS.md, fix 18)."""
        now = time.monotonic()
        if now < getattr(self._local, "busy_until", 0.0):
            return True
        if self._lock_busy():
            self._local.busy_until = now + BUSY_FOR_S
            return True
        return False

    def _lock_busy(self) -> bool:
        """One descriptor per thread: ``flock`` belongs to the open file, so two threads
        sharing one could take and release each other's lock."""
        fd: int | None = getattr(self._local, "lock_fd", None)
        if fd is None or self._local.lock_pid != os.getpid():
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            self._local.lock_fd, self._local.lock_pid = fd, os.getpid()
        return lock_taken_elsewhere(fd)  # no client on Windows (``_client``): no fcntl

    def _socket(self) -> socket.socket | None:
        sock: socket.socket | None = getattr(self._local, "sock", None)
        if sock is not None and self._local.pid == os.getpid():  # not inherited by a fork
            return sock
        if time.monotonic() < self._down_until or not os.path.exists(self.path):
            return None
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with unix_address(self.path) as address:
                sock.connect(address)
            theirs = self._hello(sock)
        except OSError:
            sock.close()
            self._down_until = time.monotonic() + RECONNECT_AFTER_S
            return None
        ours = program_version()
        if theirs != ours:
            log.warning("the batch writer of %s runs another program (%s; this terminal: %s): "
                        "writing directly; restart the writer with this version",
                        self.path, theirs or "older, without a version", ours)
            sock.close()
            self._down_until = time.monotonic() + MISMATCH_RETRY_S
            return None
        self._local.sock, self._local.pid = sock, os.getpid()
        return sock

    @staticmethod
    def _hello(sock: socket.socket) -> str | None:
        """The writer's program version (None from a writer that does not say it)."""
        send_frame(sock, pickle.dumps(hello(), pickle.HIGHEST_PROTOCOL))
        payload = recv_frame(sock)
        if payload is None:
            raise ConnectionResetError("the batch writer closed the connection")
        answer: Answer = pickle.loads(payload)
        return answer.value if answer.kind == "ok" and isinstance(answer.value, str) else None

    def send(self, request: Request) -> Answer | None:
        """The writer's answer; ``Answer('retry')`` if it could not be asked; None if it was
        asked and went away before answering (the outcome is then in ``batch_request``)."""
        sock = self._socket()
        if sock is None:
            return Answer("retry")
        try:
            send_frame(sock, pickle.dumps(request, pickle.HIGHEST_PROTOCOL))
        except OSError:
            self._drop()
            return Answer("retry")  # not sent whole: the writer never runs a partial frame
        try:
            payload = recv_frame(sock)
        except OSError:
            payload = None
        if payload is None:
            log.warning("batch writer went away during %s; looking up its outcome", request.op)
            self._drop()
            return None
        answer: Answer = pickle.loads(payload)
        if answer.shared:
            self._local.busy_until = time.monotonic() + BUSY_FOR_S
        return answer

    def _drop(self) -> None:
        sock = getattr(self._local, "sock", None)
        self._local.sock = None
        self._down_until = time.monotonic() + RECONNECT_AFTER_S
        if sock is not None:
            sock.close()


_CLIENTS: weakref.WeakKeyDictionary[Database, _Client | None] = weakref.WeakKeyDictionary()


def _client(db: Database) -> _Client | None:
    if db.batch is not None:  # this is the writer itself
        return None
    try:
        return _CLIENTS[db]
    except KeyError:
        path = socket_path(db)
        client = _CLIENTS[db] = (None if path is None or sys.platform == "win32" else
                                 _Client(path, writer_lock_path(_db_file(db))))
        return client


def send_frame(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def recv_frame(sock: socket.socket) -> bytes | None:
    """One length-prefixed frame, or None at end of stream."""
    header = _recv_exactly(sock, _HEADER.size)
    if header is None:
        return None
    return _recv_exactly(sock, _HEADER.unpack(header)[0])


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = sock.recv(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
