"""The counter under test: counter windows on the demo hall at window 1, printing to PDF files
under ``tmp_path / "documents"`` (``counters``, the body of each module's counter fixture)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from conftest import FakeClock, actor_for
from pytestqt.qtbot import QtBot

from hallapp.services.context import Ctx, Database
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.printing import PdfCaseDocumentPrinter
from hallapp.ui.counter.window import CounterWindow, create

MakeCounter = Callable[..., CounterWindow]


def counters(qtbot: QtBot, hall_db: Database, clock: FakeClock,
             tmp_path: Path) -> Iterator[MakeCounter]:
    """Makes counter windows (window 1, the feed not started, loaded), stops them after."""
    application("zh")
    made: list[CounterWindow] = []

    def make(size: tuple[int, int] = (1280, 800), user: str = "clerk1") -> CounterWindow:
        ctx = Ctx(hall_db, actor_for(hall_db, user), clock=clock, terminal="counter-test")
        printer = PdfCaseDocumentPrinter(ctx, tmp_path / "documents")
        window = create(ctx, FeedWatcher(hall_db), {"window": 1, "printer": printer,
                                                    "journal_dir": tmp_path})
        qtbot.addWidget(window)
        made.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: window.state is not None and bool(window.profile))
        return window

    yield make
    wait_for_tasks()
    for window in made:
        window.feed.stop()
