"""What the batch writer (SQLite) refuses to serve: a database file replaced while it runs,
a file that is not there or has a newer schema, terminals of another program (and they
refuse a writer of another program); and what it serves although its socket's path is
longer than an AF_UNIX address. Its life otherwise: test_batch_writer_lifecycle.py."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import signal
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock, actor_for, served
from sqlalchemy import text
from writerkit import CtxFor, count

from hallapp.cli.main import main as cli_main
from hallapp.services import batch_writer, batching, tickets
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.batching import Answer, db_file
from hallapp.services.context import Ctx
from hallapp.store import schema
from hallapp.store.models import BatchRequest, Ticket
from hallapp.store.uow import Database

pytestmark = [pytest.mark.parametrize("engine_name", ["sqlite"]),
              pytest.mark.usefixtures("busy_lock")]


@contextmanager
def writer_command(url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Future[int]]:
    """``hallapp writer`` run in a thread, listening when the block starts; stopped (as by
    SIGTERM) at its end unless it stopped by itself. Its exit code is the future's result."""
    listening = threading.Event()
    handlers: dict[int, Callable[..., Any]] = {}
    serve = BatchWriter.serve

    def serving(self: BatchWriter, stop: threading.Event | None = None) -> None:
        listening.set()
        serve(self, stop)

    monkeypatch.setattr(BatchWriter, "serve", serving)
    monkeypatch.setattr(signal, "signal", lambda sig, handler: handlers.setdefault(sig, handler))
    with ThreadPoolExecutor(1) as pool:
        exit_code = pool.submit(cli_main, ["--db", url, "writer"])
        exit_code.add_done_callback(lambda _: listening.set())  # refused at start
        try:
            assert listening.wait(60)
            yield exit_code
        finally:
            if not exit_code.done() and signal.SIGTERM in handlers:
                handlers[signal.SIGTERM](signal.SIGTERM, None)


def _numbers(path: str) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT number FROM ticket ORDER BY id")]


def test_a_writer_whose_database_file_was_replaced_stops(
        hall_db: Database, ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The file is deleted and a backup restored to its path while the writer runs: the
    writer's next batch would have gone into the deleted file (the kiosk printed A002, the
    hall never saw it). It sends the batch back, the terminal writes it into the restored
    file, and ``hallapp writer`` exits 13 saying why."""
    kiosk = ctx_for("kiosk1")
    path = db_file(hall_db)
    with writer_command(hall_db.url, monkeypatch) as exit_code:
        assert tickets.take_ticket(kiosk, "A").number == "A001"  # the writer's connection
        with closing(sqlite3.connect(path)) as live, \
                closing(sqlite3.connect(f"{path}.backup")) as copy:
            live.backup(copy)
        hall_db.dispose()  # the terminals were restarted (README: stop them first)
        for name in (path, f"{path}-wal", f"{path}-shm"):
            if os.path.exists(name):
                os.unlink(name)
        os.rename(f"{path}.backup", path)
        assert tickets.take_ticket(kiosk, "A").number == "A002"
        assert _numbers(path) == ["A001", "A002"]
        assert exit_code.result(timeout=60) == 13
    assert "被删除或替换" in capsys.readouterr().err


def test_the_writer_starts_only_on_a_database_of_its_schema(
        hall_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """No file at the path: refused, and not created (it had created an empty file and served
    it). A schema newer than the program (one machine updated first): refused as every
    command refuses it."""
    missing = tmp_path / "typo.sqlite3"
    with writer_command(f"sqlite:///{missing}", monkeypatch) as exit_code:
        assert exit_code.done()
        assert exit_code.result() == 13
    assert f"数据库文件 {missing} 不存在" in capsys.readouterr().err
    assert not missing.exists()
    with hall_db.writer.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with writer_command(hall_db.url, monkeypatch) as exit_code:
        assert exit_code.done()
        assert exit_code.result() == 13
    assert f"结构版本 9999 比本程序（最新 {schema.HEAD}）新" in capsys.readouterr().err


def test_a_writer_of_another_program_is_not_used(
        hall_db: Database, ctx_for: CtxFor, serving: BatchWriter,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A writer left running the previous program (it had issued a ticket on a day the
    supervisor had closed): the terminal compares versions at its hello, logs the mismatch
    and writes directly; so does a writer older than the hello, which answers it "retry"."""
    monkeypatch.setattr(batch_writer, "program_version", lambda: "0.1.0 schema 0009 source x",
                        raising=False)
    kiosk = ctx_for("kiosk1")
    with caplog.at_level(logging.WARNING):
        assert tickets.take_ticket(kiosk, "A").number == "A001"
    assert serving.requests == 0
    assert count(hall_db, BatchRequest) == 0
    assert "runs another program (0.1.0 schema 0009 source x" in caplog.text
    assert "terminal pid" in caplog.text  # the writer logs it too
    client = batching._client(kiosk.db)
    assert client is not None
    assert client._socket() is None  # not asked again for a while
    monkeypatch.setattr(client, "_down_until", 0.0)
    monkeypatch.setattr(BatchWriter, "_hello",
                        lambda self, sock, _request: self._send(sock, Answer("retry")))
    with caplog.at_level(logging.WARNING):
        assert tickets.take_ticket(kiosk, "A").number == "A002"
    assert "older, without a version" in caplog.text
    assert serving.requests == 0


def test_a_terminal_of_another_program_writes_directly(
        hall_db: Database, ctx_for: CtxFor, writer: BatchWriter) -> None:
    """An older terminal sends its requests without a hello; a newer one says another
    version: their requests are sent back, unread, to run where they came from."""
    kiosk = ctx_for("kiosk1")
    take = batching.Request(batching.request_id(), "hallapp.services.tickets._take_placed",
                            kiosk.actor, "test", kiosk.clock(),
                            ("A", None, None, None, None, "kiosk", False, None), {})
    other = take._replace(op="hallapp.services.batching.hello",
                          args=("0.2.0 schema 0012 source y",))  # a newer program's hello
    for first in (None, other):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as terminal:
            terminal.connect(writer.path)
            answers = [_asked(writer, terminal, request)
                       for request in ([take] if first is None else [first, take])]
            assert answers[-1].kind == "retry"
    assert writer.requests == 0
    assert count(hall_db, Ticket) == 0


def _asked(writer: BatchWriter, terminal: socket.socket, request: batching.Request) -> Answer:
    """The writer's answer to ``request``, its loop stepped by hand until it came."""
    batching.send_frame(terminal, pickle.dumps(request))
    terminal.settimeout(0.05)
    try:
        while True:
            writer.step(0.05)
            try:
                payload = batching.recv_frame(terminal)
            except TimeoutError:
                continue
            assert payload is not None
            answer: Answer = pickle.loads(payload)
            return answer
    finally:
        terminal.settimeout(None)


def test_a_database_deep_in_long_folders_has_its_writer(
        hall_db: Database, tmp_path: Path, clock: FakeClock) -> None:
    """Its socket's path does not fit an AF_UNIX address (108 bytes): the writer refused to
    start ("只用于本机 SQLite 数据库文件") and the terminals never looked for it. Both now
    reach the socket beside the database through a descriptor of its folder."""
    folder = tmp_path / "a_very_long_directory_name_for_the_hall_database" / ("level_" * 8)
    folder.mkdir(parents=True)
    hall_db.dispose()
    shutil.copyfile(db_file(hall_db), folder / "hall.sqlite3")
    deep = Database(f"sqlite:///{folder / 'hall.sqlite3'}")
    writer = BatchWriter(deep.url)
    assert len(os.fsencode(writer.path)) >= batching.SUN_PATH_BYTES
    writer.start()
    try:
        assert batching.writer_running(deep)
        kiosk = Ctx(deep, actor_for(deep, "kiosk1"), clock=clock, terminal="test")
        with served(writer):
            assert tickets.take_ticket(kiosk, "A").number == "A001"
        assert writer.requests == 1
        assert count(deep, BatchRequest) == 1
    finally:
        writer.close()
        deep.dispose()


def test_a_database_file_name_too_long_for_any_socket_address_is_said(
        hall_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hall_db.dispose()
    long_name = tmp_path / f"{'hall_' * 19}.sqlite3"
    shutil.copyfile(db_file(hall_db), long_name)
    assert cli_main(["--db", f"sqlite:///{long_name}", "writer"]) == 13
    assert "数据库文件名过长" in capsys.readouterr().err
    assert not os.path.exists(f"{long_name}-writer.sock")
