"""The change feed inside a Qt client: a background thread waits for events and hands
them to the GUI thread by signal, so views refresh only what changed, without F5.

Losing the database is a state, not a crash: ``connection_lost`` fires once (the window
shows its banner), the thread retries with backoff, and ``connection_restored`` fires when
the database answers again. The feed then goes on after the last event it delivered, so
what happened meanwhile arrives too (a call display announces the calls it missed).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from hallapp.services.context import Database
from hallapp.services.feed import FeedEvent, open_feed

log = logging.getLogger("hallapp.ui.feed")


class FeedWatcher(QObject):
    events_arrived = Signal(list)  # list[FeedEvent]
    connection_lost = Signal(str)
    connection_restored = Signal()

    def __init__(self, db: Database, parent: QObject | None = None, *,
                 wait_seconds: float = 0.5) -> None:
        super().__init__(parent)
        self.db, self.wait_seconds = db, wait_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.online = True
        # Ids up to this one arrived late, after an outage (a call display announces only
        # the recent ones of those); set before the events are emitted.
        self.missed_until = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="hallapp-feed", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)
            self._thread = None
        # What the thread emitted is queued for the GUI thread; stopped, nothing more is
        # delivered: a call queued for a watcher deleted since ("Slot 'FeedWatcher::' not
        # found") was an error in the event loop.
        QCoreApplication.removePostedEvents(self)

    def _run(self) -> None:
        reader: Any = None
        resume: int | None = None  # after an outage: the last event seen, not the new head
        backoff = 0.5
        while not self._stop.is_set():
            try:
                if reader is None:
                    reader = self._reopen(resume)
                events: list[FeedEvent] = reader.wait(self.wait_seconds)
                self._set_online(True)
                backoff = 0.5
                if events:
                    self.events_arrived.emit(events)
            except Exception as exc:
                log.warning("feed: %s", exc)
                self._set_online(False, str(exc))
                if reader is not None:
                    resume = reader.last_id
                    reader.close()
                reader = None
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
        if reader is not None:
            reader.close()

    def _reopen(self, resume: int | None) -> Any:
        """A reader at the start, or after an outage where the last one stopped. A head
        below that point means the database was restored from an earlier backup meanwhile:
        going on from the old point would wait, silently, until the head passed it again."""
        reader = open_feed(self.db, from_id=resume)
        if resume is not None:
            head = reader.head()
            if head < resume:
                reader.last_id = head
            else:
                self.missed_until = head  # (resume, head] happened while offline
        return reader

    def _set_online(self, online: bool, why: str = "") -> None:
        if online == self.online:
            return
        self.online = online
        if online:
            self.connection_restored.emit()
        else:
            self.connection_lost.emit(why)
