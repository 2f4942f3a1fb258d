"""What the batch writer (SQLite) refuses to serve: a database file replaced while it runs.
Its life otherwise: test_batch_writer_lifecycle.py."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from typing import Any

import pytest
from writerkit import CtxFor

from hallapp.cli.main import main as cli_main
from hallapp.services import tickets
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.batching import db_file
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
        try:
            assert listening.wait(60) or exit_code.done()
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
