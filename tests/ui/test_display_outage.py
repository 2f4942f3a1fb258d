"""The display after an outage: the feed goes on where it stopped (or from the head of a
database restored meanwhile), and the calls it missed are announced if still recent."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from test_display import FakeEngine, feed, make_display

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import backup as backup_svc
from hallapp.services import tickets
from hallapp.services.batching import db_file
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent, open_feed
from hallapp.ui.common.feed import FeedWatcher

__all__ = ["feed"]  # the fixture, imported from test_display


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_after_an_outage_the_feed_goes_on_where_it_stopped(
        qtbot: QtBot, hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The feed reopened at the new head, so a call made while the display was offline was
    shown on reload but never announced. The outage here: the reader fails once, right
    after a ticket is taken elsewhere."""
    from hallapp.ui.common import feed as feed_module

    system = Ctx(hall_db, SYSTEM_ACTOR, terminal="test")
    outage = [True]
    real_open = feed_module.open_feed
    opened: list[Any] = []

    def open_feed(db: Database, from_id: int | None = None) -> Any:
        reader = real_open(db, from_id=from_id)
        opened.append(reader)
        real_wait = reader.wait

        def wait(timeout: float) -> Any:
            if outage[0] and reader.last_id > 0:
                outage[0] = False
                tickets.take_ticket(system, "A")  # A002, while the reader is "down"
                raise OSError("connection reset by peer")
            return real_wait(timeout)

        reader.wait = wait
        return reader

    monkeypatch.setattr(feed_module, "open_feed", open_feed)
    watcher = FeedWatcher(hall_db, wait_seconds=0.1)
    seen: list[str] = []
    watcher.events_arrived.connect(lambda events: seen.extend(
        e.payload.get("number", "") for e in events if e.kind == "ticket_taken"))
    lost: list[str] = []
    watcher.connection_lost.connect(lost.append)
    watcher.start()
    try:
        # The feed starts at the head it finds: A001 is taken once it is open (taken before,
        # it was behind the feed's start and never seen, a race the test lost at times).
        qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
        tickets.take_ticket(system, "A")
        qtbot.waitUntil(lambda: "A002" in seen, timeout=10_000)
    finally:
        watcher.stop()
    assert lost == ["connection reset by peer"]
    assert seen == ["A001", "A002"]
    assert watcher.missed_until == open_feed(hall_db).head()  # A002's events came late


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_after_a_restore_from_an_earlier_backup_the_feed_goes_on_from_its_head(
        hall_db: Database) -> None:
    """Resumed at its old place, a feed whose database went back in time waited, silent,
    until the head passed that place again."""
    watcher = FeedWatcher(hall_db)
    head = open_feed(hall_db).head()
    reader, _ = watcher._reopen(head + 500, 0)  # as if the database had lost 500 events
    assert reader.last_id == head
    reader.close()


def test_calls_missed_while_offline_are_announced_only_if_recent(
        qtbot: QtBot, hall_db: Database, feed: FeedWatcher) -> None:
    engine = FakeEngine()
    window = make_display(qtbot, hall_db, feed, engine)
    now = window.ctx.clock()
    feed.missed_until = 2  # events 1 and 2 arrive after an outage
    window._on_feed_events_arrived([
        FeedEvent(1, now - timedelta(minutes=10), "ticket_called",
                  {"number": "A001", "window": 1}),
        FeedEvent(2, now - timedelta(seconds=30), "ticket_called",
                  {"number": "A002", "window": 2}),
        # live: announced whatever its stamp says (this machine's clock may be off)
        FeedEvent(3, now - timedelta(minutes=10), "ticket_called",
                  {"number": "A003", "window": 3})])
    qtbot.waitUntil(lambda: len(engine.spoken()) == 4, timeout=10_000)
    assert engine.spoken() == ["请A零零二号到2号窗口办理"] * 2 + ["请A零零三号到3号窗口办理"] * 2


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_feed_delivers_in_the_gui_thread_and_nothing_once_stopped(
        qtbot: QtBot, hall_db: Database) -> None:
    """The feed thread emitted its signals itself: each crossed threads as a posted event,
    and one still queued when its watcher went away surfaced in the event loop as "Slot
    'FeedWatcher::' not found" (a CI run failed on it). Now the GUI thread emits."""
    from PySide6.QtCore import QThread

    system = Ctx(hall_db, SYSTEM_ACTOR, terminal="test")
    gui = QThread.currentThread()
    watcher = FeedWatcher(hall_db, wait_seconds=0.1)
    threads: list[Any] = []
    watcher.events_arrived.connect(lambda events: threads.append(QThread.currentThread()))
    watcher.start()
    try:
        tickets.take_ticket(system, "A")
        qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
        assert threads == [gui] * len(threads)
        watcher._inbox.put(("events", (0, [])))  # seen by the thread, not yet delivered
    finally:
        watcher.stop()
    delivered = len(threads)
    watcher.deliver()
    assert len(threads) == delivered


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_feed_whose_database_file_was_replaced_goes_on_with_the_new_file(
        qtbot: QtBot, hall_db: Database, tmp_path: Path) -> None:
    """A backup restored to the file's path while the feed ran: its reader polled the
    deleted file, whose head no longer moved, and the display heard of nothing again."""
    system = Ctx(hall_db, SYSTEM_ACTOR, terminal="test")
    backup_svc.backup(system, tmp_path / "b.gz")
    watcher = FeedWatcher(hall_db, wait_seconds=0.1)
    seen: list[str] = []
    watcher.events_arrived.connect(lambda events: seen.extend(
        e.payload.get("number", "") for e in events if e.kind == "ticket_taken"))
    lost: list[str] = []
    watcher.connection_lost.connect(lost.append)
    watcher.start()
    try:
        tickets.take_ticket(system, "A")
        qtbot.waitUntil(lambda: seen == ["A001"], timeout=10_000)
        path = db_file(hall_db)
        for name in (path, f"{path}-wal", f"{path}-shm"):
            if os.path.exists(name):
                os.unlink(name)
        restorer = Database(hall_db.url)
        backup_svc.restore(Ctx(restorer, SYSTEM_ACTOR, terminal="restore"), tmp_path / "b.gz")
        restorer.dispose()
        qtbot.waitUntil(lambda: bool(lost) and watcher.online, timeout=10_000)
        tickets.take_ticket(system, "A")  # A001 again: the restored file had none
        qtbot.waitUntil(lambda: seen == ["A001", "A001"], timeout=10_000)
    finally:
        watcher.stop()
    assert "已被替换" in lost[0]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_feed_registers_no_dynamic_slot(qtbot: QtBot, hall_db: Database) -> None:
    """A FeedWatcher method connected without @Slot is registered at run time as a dynamic
    slot, and a call to one came back in full runs as "Slot 'FeedWatcher::' not found"."""
    from PySide6.QtCore import QLoggingCategory, qInstallMessageHandler
    from PySide6.QtWidgets import QWidget

    said: list[str] = []
    QLoggingCategory.setFilterRules("qt.pyside.libpyside*=true")
    previous = qInstallMessageHandler(lambda _kind, _where, text: said.append(text))
    try:
        watcher = FeedWatcher(hall_db, wait_seconds=0.1)
        client = QWidget()
        client.destroyed.connect(watcher.stop)  # a declared slot too
        with qtbot.waitSignal(watcher._delivery.timeout, timeout=10_000):
            watcher.start()  # and its delivery timer fires
        client.deleteLater()
        qtbot.waitUntil(lambda: watcher._thread is None, timeout=10_000)
    finally:
        qInstallMessageHandler(previous)
        QLoggingCategory.setFilterRules("qt.pyside.libpyside*=false")
        watcher.stop()
    assert [text for text in said if "FeedWatcher" in text] == []
