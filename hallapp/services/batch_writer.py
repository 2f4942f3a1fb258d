"""The batch writer: one process per SQLite database that commits the terminals' busiest
writes together (``hallapp writer``; why and how the terminals use it: ``batching``).

The loop: wait until some terminal sent a request; read every request that has arrived
from every terminal; run them one after the other in one write transaction (``BEGIN
IMMEDIATE`` under the machine's writer lock, as any writer), each operation in savepoints
of its own (``UnitOfWork`` joins ``Database.batch``), so a refusal undoes only its
own writes and the others stand; write the batch's audit entries and events (numbered in
memory as the operations committed, ``hallapp.store.batch``); commit once; answer each
terminal. While a batch runs the
next requests gather in the sockets, so the busier the hall, the more each commit carries;
a lone request is committed at once, without waiting for company.

Between batches the writer keeps running counts of the queues' waiting lines, so the people
ahead of a new ticket are not counted over the whole line at each take (``queue_sql._Line``;
emptied whenever something else may have changed a line), and what its operations read but
never write — settings, recent service times, windows serving a queue (``RawSQL.memoised``;
emptied when another connection commits or an operation is rolled back: bench/RESULTS.md,
fix 19).

A terminal gets its answer only after the commit. What the writer committed for a request
is also stored in ``batch_request`` (in that operation's savepoint), for a terminal whose
writer died before answering; entries older than a day are deleted.

One writer per database: it holds an exclusive lock on ``<socket>.lock`` while it runs; a
second one exits with :class:`AlreadyRunning`.

The writer serves the database file it started on, and only that one: before each batch it
compares the file at the database's path with the one it opened (device and inode, one
``os.stat``, about 2 µs). A file deleted or replaced while it ran — a backup restored to the
same path — would otherwise have received every take and call it made from then on, while
the hall read the new file (its kiosk printed B003–B005, the database had B001 and B002).
It then sends that batch back to its terminals, which write it directly into the file now at
the path, and stops (:attr:`BatchWriter.stopped`; ``hallapp writer`` exits with 13): started
again, it checks the new file as at any start.

At start it checks the database as every command does: the file must exist (it is not
created), hold a hall's schema, and not be newer than this program (an older one is brought
to head). It serves only terminals of its own program: each connection's hello must carry
this program's version (``batching.program_version``), or that connection's requests are
sent back to run directly. The socket is created with mode 0600: only
the hall's own account can connect (the requests are pickled, and such a peer can open the
database file itself anyway).
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import pickle
import selectors
import socket
import threading
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from hallapp.core.errors import DomainError, StateError
from hallapp.services import tickets, windows  # noqa: F401 - register their operations
from hallapp.services.batching import (
    BATCHABLE,
    HELLO,
    Answer,
    Request,
    db_file,
    program_version,
    recv_frame,
    send_frame,
    socket_path,
    unix_address,
)
from hallapp.services.context import Ctx
from hallapp.store.batch import Batch
from hallapp.store.db_file import file_id
from hallapp.store.engine import folder_error, open_beside
from hallapp.store.rawsql import RawSQL
from hallapp.store.schema import ready_for_login
from hallapp.store.uow import ActionScope, Database, utc_now

log = logging.getLogger("hallapp.batch_writer")

KEEP_REQUESTS = timedelta(days=1)
_RECORD = "INSERT INTO batch_request (id, at, answer) VALUES (:id, :at, :answer)"
_FORGET = "DELETE FROM batch_request WHERE at < :before"


class AlreadyRunning(RuntimeError):
    """Another batch writer holds this database's writer lock file."""


class BatchWriter:
    def __init__(self, url: str) -> None:
        self.db = Database(url)
        path = socket_path(self.db)
        if path is None:
            raise ValueError("the batch writer is for a SQLite database file")
        self.path = path
        self.db_file = db_file(self.db)
        # The database file this writer serves (device, inode): recorded at start, or at
        # the first batch of a writer that was not started (tests, bench).
        self._file_id: tuple[int, int] | None = None
        self.stopped: str | None = None  # why it stopped serving, when it did
        self._lock_fd: int | None = None
        self._conn: Connection | None = None
        self._listener: socket.socket | None = None
        self._selector = selectors.DefaultSelector()
        # Connections whose hello carried this program's version (True), or that were told
        # otherwise and logged once (False).
        self._peers: dict[socket.socket, bool] = {}
        self._forget_after: datetime | None = None
        # Kept from batch to batch while nobody else commits (the connection's data_version
        # when last checked): the running counts of the waiting lines (``queue_sql.position``)
        # and what the batched operations read but never write (``RawSQL.memoised``).
        self._lines: dict[Any, Any] = {}
        self._memo: dict[Any, Any] = {}
        self._data_version: tuple[Connection, int] | None = None
        self.batches = 0
        self.requests = 0

    def start(self) -> None:
        """Check the database, take the one-writer lock and listen (the terminals start
        using it from now)."""
        if not os.path.isfile(self.db_file):  # checked first: connecting would create it
            folder = os.path.dirname(self.db_file)
            if not os.path.isdir(folder):
                raise folder_error(folder)
            raise StateError(f"数据库文件 {self.db_file} 不存在：请先运行 hallapp init，"
                             "或检查 --db 的路径", code="writer_no_database", path=self.db_file)
        ready_for_login(self.db)  # a hall's schema, not newer than ours; an older one: to head
        fd = open_beside(f"{self.path}.lock", 0o600)  # a read-only folder: said so
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(f"a batch writer already serves {self.path}") from None
        self._lock_fd = fd
        self._file_id = file_id(self.db_file)
        if os.path.exists(self.path):
            os.unlink(self.path)  # left by a writer that died; we hold the lock now
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_mask = os.umask(0o177)
        try:
            with unix_address(self.path) as address:
                listener.bind(address)
        except OSError as exc:
            listener.close()
            self.close()
            if exc.errno != errno.ENAMETOOLONG:
                raise
            raise StateError(f"数据库文件名过长，批量写入进程无法建立套接字 {self.path}："
                             "请缩短数据库的文件名", code="writer_path_too_long",
                             path=self.path) from None
        finally:
            os.umask(old_mask)
        listener.listen(128)
        listener.setblocking(False)
        self._listener = listener
        self._selector.register(listener, selectors.EVENT_READ)
        log.info("batch writer listening on %s", self.path)

    def serve(self, stop: threading.Event | None = None) -> None:
        """Run batches until ``stop`` is set (checked at least every half second), or until
        the writer stops serving (:attr:`stopped`)."""
        if self._listener is None:
            self.start()
        try:
            while (stop is None or not stop.is_set()) and self.stopped is None:
                self.step(timeout=0.5)
        finally:
            self.close()

    def step(self, timeout: float | None) -> int:
        """Wait for requests, run those that arrived as one batch; how many ran."""
        requests: list[tuple[socket.socket, Request]] = []
        for key, _ in self._selector.select(timeout):
            sock: socket.socket = key.fileobj  # type: ignore[assignment]
            if sock is self._listener:
                self._accept()
            else:
                requests.extend(self._read(sock))
        if requests:
            self._run_batch(requests)
        return len(requests)

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                conn, _ = self._listener.accept()
            except BlockingIOError:
                return
            conn.setblocking(True)  # a terminal sends a whole frame at once
            self._selector.register(conn, selectors.EVENT_READ)

    def _read(self, sock: socket.socket) -> list[tuple[socket.socket, Request]]:
        """The request this terminal sent (one at a time: it waits for each answer)."""
        try:
            payload = recv_frame(sock)
        except OSError:
            payload = None
        if payload is None:
            self._hang_up(sock)
            return []
        try:
            request: Request = pickle.loads(payload)
            op = request.op
        except Exception:  # a program whose requests this one cannot even read
            log.warning("unreadable request; sent back to its terminal", exc_info=True)
            self._send(sock, Answer("retry"))
            return []
        if op == HELLO:
            self._hello(sock, request)
            return []
        if not self._peers.get(sock, False):
            if sock not in self._peers:
                log.warning("a terminal sent %s without saying its program version (an older "
                            "hallapp): its requests are sent back to run directly", op)
                self._peers[sock] = False
            self._send(sock, Answer("retry"))
            return []
        return [(sock, request)]

    def _hello(self, sock: socket.socket, request: Request) -> None:
        theirs, ours = (request.args or (None,))[0], program_version()
        self._peers[sock] = theirs == ours
        if theirs != ours:
            log.warning("terminal %s runs another program (%s; this writer: %s): its requests "
                        "are sent back to run directly", request.terminal, theirs, ours)
        self._send(sock, Answer("ok", ours))

    def _hang_up(self, sock: socket.socket) -> None:
        self._selector.unregister(sock)
        self._peers.pop(sock, None)
        sock.close()

    def _run_batch(self, requests: list[tuple[socket.socket, Request]]) -> None:
        if not self._same_file():
            self._stop_serving(requests)
            return
        if self._conn is None:  # kept from batch to batch: no pool checkout per batch
            self._conn = self.db.writer.connect()
            if not self._same_file():  # replaced while it was being opened
                self._stop_serving(requests)
                return
        conn = self._conn
        answers: list[Answer]
        try:
            conn.begin()  # BEGIN IMMEDIATE, under the machine's writer lock
            batch = self.db.batch = Batch(conn, self._memo)
            self._check_others(batch.raw, conn)
            records: list[dict[str, object]] = []
            answers = [self._run_one(batch, request, records) for _, request in requests]
            batch.write_log()
            batch.raw.run_many(_RECORD, records)
            self._forget_old(batch.raw)
            conn.commit()
        except Exception:
            log.exception("batch of %d failed; the terminals run them themselves",
                          len(requests))
            self._forget_known()
            self._conn = None
            conn.close()  # rolls back; the next batch starts on a fresh connection
            answers = [Answer("retry")] * len(requests)
        finally:
            self.db.batch = None
        self.batches += 1
        self.requests += len(requests)
        shared = len(requests) > 1  # the terminals keep sending here while this lasts
        for (sock, _), answer in zip(requests, answers, strict=True):
            self._answer(sock, answer._replace(shared=shared) if shared else answer)

    def _same_file(self) -> bool:
        """Whether the file at the database's path is still the one this writer serves."""
        current = file_id(self.db_file)
        if self._file_id is None:
            self._file_id = current
        return current is not None and current == self._file_id

    def _stop_serving(self, requests: list[tuple[socket.socket, Request]]) -> None:
        """The database file was deleted or replaced: send the batch back (its terminals run
        it themselves, in the file now at the path) and stop."""
        self.stopped = (f"数据库文件 {self.db_file} 在批量写入进程运行时被删除或替换"
                        "（如从备份恢复）：批量写入进程已停止，各终端改为直接写库；"
                        "请确认数据库无误后重新启动 hallapp writer")
        log.error("database file %s was deleted or replaced while the writer ran (a backup "
                  "restored?); %d request(s) sent back to their terminals, and the writer "
                  "stops", self.db_file, len(requests))
        for sock, _ in requests:
            self._answer(sock, Answer("retry"))

    def _check_others(self, raw: RawSQL, conn: Connection) -> None:
        """Forget what was kept from earlier batches if another connection committed since
        the last batch (or this is a new connection): it may have changed any of it."""
        version = (conn, int(raw.value("PRAGMA data_version")))
        if version != self._data_version:
            self._forget_known()
            self._data_version = version

    def _forget_known(self) -> None:
        self._lines.clear()
        self._memo.clear()

    def _run_one(self, batch: Batch, request: Request, records: list[dict[str, object]]
                 ) -> Answer:
        """Run one request in a savepoint; what it committed is recorded in ``records``."""
        answer = self._run_op(batch, request, records)
        if answer.kind != "ok":
            # Rolled back: what it read into the memo after its own writes is gone too.
            self._forget_known()
        elif batch.raw.lines is None:
            self._lines.clear()  # it may have changed a line without reporting it
        batch.raw.lines = None
        return answer

    def _run_op(self, batch: Batch, request: Request, records: list[dict[str, object]]
                ) -> Answer:
        operation = BATCHABLE.get(request.op)
        if operation is None:  # a terminal of another version: it runs the request itself
            log.warning("unknown operation %s; the terminal runs it itself", request.op)
            return Answer("retry")
        ctx = Ctx(self.db, request.actor, clock=lambda: request.now, terminal=request.terminal)
        raw, mark = batch.raw, batch.mark()
        raw.lines = self._lines if getattr(operation, "keeps_waiting_lines", False) else None
        raw.run("SAVEPOINT request")
        try:
            # One action, as at the terminal: its units of work check that the account
            # still stands (the terminal's actor may have been disabled since it logged in).
            with ActionScope():
                result = operation(ctx, *request.args, **request.kwargs)
        except Exception as exc:
            raw.run("ROLLBACK TO SAVEPOINT request")
            raw.run("RELEASE SAVEPOINT request")
            batch.undo(mark)
            if isinstance(exc, DomainError):
                return Answer("error", exc)
            log.exception("%s failed in the batch writer; the terminal runs it itself",
                          request.op)
            return Answer("retry")
        raw.run("RELEASE SAVEPOINT request")
        pickled = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)  # once: recorded and sent
        # The writer's own clock: the terminal's may be set to another day (tests, demo).
        records.append({"id": request.id, "at": raw.at(utc_now()), "answer": pickled})
        return Answer("ok", pickled)

    def _forget_old(self, raw: RawSQL) -> None:
        now = utc_now()
        if self._forget_after is None or now >= self._forget_after:
            raw.run(_FORGET, before=raw.at(now - KEEP_REQUESTS))
            self._forget_after = now + timedelta(minutes=10)

    def _answer(self, sock: socket.socket, answer: Answer) -> None:
        """A batch's answer to one of its requests."""
        self._send(sock, answer)

    def _send(self, sock: socket.socket, answer: Answer) -> None:
        try:
            send_frame(sock, pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
        except OSError:  # the terminal went away; its outcome is in batch_request
            self._hang_up(sock)

    def close(self) -> None:
        for key in list(self._selector.get_map().values()):
            self._selector.unregister(key.fileobj)
            key.fileobj.close()  # type: ignore[union-attr]
        self._peers.clear()
        if self._listener is not None:
            self._listener = None
            if os.path.exists(self.path):
                os.unlink(self.path)
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        self.db.dispose()
