"""The batch writer's life (SQLite): a writer that dies before or after its commit, a
terminal with no writer (or a stale socket), one writer per database, ``hallapp writer`` as
its own process, and request ids. What it does while it runs: test_batch_writer.py.
"""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import served
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url
from writerkit import CtxFor, count

from hallapp.cli.main import main as cli_main
from hallapp.services import batching, tickets
from hallapp.services.batch_writer import AlreadyRunning, BatchWriter
from hallapp.store.engine import writer_lock_path
from hallapp.store.models import BatchRequest, Ticket
from hallapp.store.uow import Database, UnitOfWork

pytestmark = [pytest.mark.parametrize("engine_name", ["sqlite"]),
              pytest.mark.usefixtures("busy_lock")]


def test_writer_gone_after_commit_answer_is_looked_up(
        hall_db: Database, ctx_for: CtxFor, writer: BatchWriter,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer commits, then dies before answering: the terminal gets the committed
    ticket from batch_request and does not take a second one."""
    monkeypatch.setattr(writer, "_answer", lambda sock, _answer: _hang_up(writer, sock))
    with served(writer):
        info = tickets.take_ticket(ctx_for("kiosk1"), "A")
    assert info.number == "A001"
    assert writer.requests == 1
    assert count(hall_db, Ticket) == 1


def test_writer_gone_before_commit_terminal_runs_it(
        hall_db: Database, ctx_for: CtxFor, writer: BatchWriter,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer dies in the middle of the batch: nothing of it was committed, so the
    terminal runs the operation itself — one ticket, not zero, not two."""
    def die(requests: list[tuple[socket.socket, Any]]) -> None:
        with UnitOfWork(writer.db, ctx_for("kiosk1").actor) as uow:
            uow.raw.run("DELETE FROM daily_counter")  # begun, never committed
        for sock, _ in requests:
            _hang_up(writer, sock)

    monkeypatch.setattr(writer, "_run_batch", die)
    with served(writer):
        info = tickets.take_ticket(ctx_for("kiosk1"), "A")
    assert info.number == "A001"
    assert count(hall_db, Ticket) == 1
    assert count(hall_db, BatchRequest) == 0  # run directly: nothing to look up later


def test_request_ids_are_unique_and_sort_in_the_order_sent(engine_name: str) -> None:
    """Ids sent at about the same time are neighbours in batch_request's primary key (a
    batch writes one index page for them, not one random page per request)."""
    ids = [batching.request_id() for _ in range(200)]
    assert len(set(ids)) == 200
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)  # fits VARCHAR(32)
    assert ids == sorted(ids)


def _hang_up(writer: BatchWriter, sock: socket.socket) -> None:
    writer._selector.unregister(sock)
    sock.close()


def test_without_a_writer_terminals_write_directly(hall_db: Database,
                                                   ctx_for: CtxFor) -> None:
    path = batching.socket_path(hall_db)
    assert path is not None
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)  # a socket file nobody listens on (a writer that died)
    stale.close()
    assert tickets.take_ticket(ctx_for("kiosk1"), "A").number == "A001"
    assert count(hall_db, BatchRequest) == 0


def test_one_writer_per_database(hall_db: Database, writer: BatchWriter,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(AlreadyRunning):
        BatchWriter(hall_db.url).start()
    assert cli_main(["--db", hall_db.url, "writer"]) == 13
    assert "已有批量写入进程" in capsys.readouterr().err


HALLAPP = Path(sys.executable).parent / "hallapp"


@pytest.mark.real_lock
def test_hallapp_writer_process(hall_db: Database, ctx_for: CtxFor, tmp_path: Path,
                                qtbot: QtBot) -> None:
    """``hallapp writer`` as its own process: a take made while another writer holds the
    write lock goes through it; SIGTERM stops it cleanly, saying what it did, and removes
    its socket."""
    env = {**os.environ, "HALLAPP_LOG_DIR": str(tmp_path)}
    sock = batching.socket_path(hall_db)
    assert sock is not None
    writer = subprocess.Popen([str(HALLAPP), "--db", hall_db.url, "writer"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = os.open(writer_lock_path(str(make_url(hall_db.url).database)),
                   os.O_RDWR | os.O_CREAT, 0o644)
    try:
        assert writer.stdout is not None
        assert "批量写入进程已启动" in writer.stdout.readline()  # listening from here on
        version = subprocess.run([str(HALLAPP), "--db", hall_db.url, "--version"], env=env,
                                 capture_output=True, text=True, timeout=120, check=True)
        assert "批量写入进程: 运行中" in version.stdout
        fcntl.flock(lock, fcntl.LOCK_EX)  # another terminal is writing
        with ThreadPoolExecutor(1) as pool:
            taken = pool.submit(tickets.take_ticket, ctx_for("kiosk1"), "C")
            # It met the busy lock and went to the writer. Linux lists in /proc/net/unix the
            # listening socket and each accepted one under the path.
            qtbot.waitUntil(lambda: Path("/proc/net/unix").read_text().count(sock) >= 2,
                            timeout=60_000)
            fcntl.flock(lock, fcntl.LOCK_UN)
            assert taken.result(timeout=60).number == "C001"
    finally:
        os.close(lock)
        writer.send_signal(signal.SIGTERM)
        try:
            out, err = writer.communicate(timeout=60)
        finally:
            writer.kill()
    assert writer.returncode == 0, err
    assert "已停止：1 批，1 个操作" in out
    assert count(hall_db, BatchRequest) == 1
    assert not os.path.exists(sock)
    assert not batching.writer_running(hall_db)


def test_hallapp_writer_refuses_postgresql(engine_name: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Refused before anything connects (no server at that address)."""
    assert engine_name == "sqlite"  # the module's parameter; this test needs no database
    assert cli_main(["--db", "postgresql+psycopg://u@127.0.0.1:1/x", "writer"]) == 13
    assert "只用于本机 SQLite" in capsys.readouterr().err
