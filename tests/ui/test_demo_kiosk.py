"""``hallapp demo`` runs the kiosk in a process of its own: the kiosk switches its process's
language for each applicant who asks, and in the demo's one process that turned the counter
and the supervisor board beside it half English (headers cut: "eceive", "Waitin") until the
kiosk timed out."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services.context import Database
from hallapp.ui import launcher
from hallapp.ui.common.errors import is_english
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import set_language
from hallapp.ui.common.tasks import wait_for_tasks


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_demo_kiosk_runs_apart_so_its_language_stays_its_own(
        qtbot: QtBot, qapp: QApplication, hall_db: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[str, list[str], dict[str, str]]] = []

    def start(process: launcher.ApartClient, program: str, args: list[str]) -> None:
        env = process.processEnvironment()
        started.append((program, args, {k: env.value(k) for k in
                                        ("HALLAPP_DB_URL", "HALLAPP_PASSWORD")}))

    created: list[Any] = []
    real = launcher.create_client

    def create_client(role: str, *args: Any, **kwargs: Any) -> Any:
        widget = real(role, *args, **kwargs)
        created.append((role, widget))
        return widget

    monkeypatch.setattr(launcher.ApartClient, "start", start)
    monkeypatch.setattr(launcher, "create_client", create_client)
    monkeypatch.setattr(launcher, "available_roles", lambda: ["kiosk", "display"])
    monkeypatch.setattr(launcher, "quit_on_signals", lambda _app: None)
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    try:
        assert launcher.run_demo(hall_db.url, lang="en") == 0
        assert [role for role, _w in created] == ["display"]  # no kiosk in this process
        [(program, args, env)] = started
        assert program == sys.executable
        assert args[-6:] == ["--user", "kiosk1", "run", "kiosk", "--lang", "en"]
        assert env == {"HALLAPP_DB_URL": hall_db.url, "HALLAPP_PASSWORD": "demo1234"}
        assert hall_db.url not in args  # a password in the URL stays off the command line
        assert is_english()
    finally:
        for _role, widget in created:
            for feed in widget.findChildren(FeedWatcher):
                feed.stop()
            widget.close()
        wait_for_tasks()
        set_language(qapp, "zh")


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_client_destroyed_after_its_watchers_python_side_tells_the_thread_only(
        qtbot: QtBot, qapp: QApplication, hall_db: Database) -> None:
    """The launcher connected the widget's ``destroyed`` to ``feed.stop``: at exit (and at a
    test's teardown) the watcher's Python side could be torn down first, and the call into it
    failed in the event loop ("'FeedWatcher' object has no attribute '_stop'", before that
    "Slot 'FeedWatcher::' not found"). Now only the thread's event is set."""
    from conftest import actor_for

    widget = launcher.create_client("display", hall_db, actor_for(hall_db, "display1"), {})
    watcher = widget.findChild(FeedWatcher)
    assert watcher is not None
    halt = watcher.halt
    watcher.stop()
    watcher.__dict__.clear()  # as the garbage collector clears it, before the widget goes
    gone: list[object] = []
    widget.destroyed.connect(lambda *_: gone.append(True))
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=10_000)
    assert halt.is_set()
    wait_for_tasks()
