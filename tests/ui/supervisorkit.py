"""The supervisor's window under test (``supervisors``, the body of each module's fixture):
supervisor1 on the demo hall, loaded, stopped after and the application back in Chinese."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from conftest import FakeClock, actor_for
from pytestqt.qtbot import QtBot

from hallapp.services.context import Ctx, Database
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.supervisor.window import SupervisorWindow, create

MakeBoard = Callable[..., SupervisorWindow]


def supervisors(qtbot: QtBot, hall_db: Database, clock: FakeClock, tmp_path: Path,
                **options: Any) -> Iterator[MakeBoard]:
    """Makes supervisor windows with ``options`` (``refresh_ms`` …) and the board, KPI and work
    lists loaded; ``lang`` sets the language first, ``feed`` starts the feed (polling every
    0.1 s), ``chimes`` counts the chimes (none rings otherwise)."""
    application("zh")
    made: list[SupervisorWindow] = []

    def make(size: tuple[int, int] | None = (1280, 800), *, lang: str | None = None,
             feed: bool = False, chimes: list[int] | None = None) -> SupervisorWindow:
        if lang is not None:
            application(lang)
        ctx = Ctx(hall_db, actor_for(hall_db, "supervisor1"), clock=clock, terminal="sup")
        watcher = FeedWatcher(hall_db, wait_seconds=0.1)
        chime = (lambda: chimes.append(1)) if chimes is not None else False
        window = create(ctx, watcher, {"chime": chime, "export_dir": tmp_path, **options})
        qtbot.addWidget(window)
        made.append(window)
        if size is not None:  # None: as the window sizes itself
            window.resize(*size)
        window.show()
        if feed:
            watcher.start()
        qtbot.waitUntil(lambda: window.board.board is not None and window.kpi.report is not None
                        and window.work.loaded)
        return window

    yield make
    wait_for_tasks()
    for window in made:
        window.feed.stop()
        window.board.poller.stop()
    application("zh")
