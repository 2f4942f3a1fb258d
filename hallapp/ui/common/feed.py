"""The change feed inside a Qt client: a background thread waits for events and hands
them to the GUI thread, so views refresh only what changed, without F5.

The thread never emits a Qt signal: it puts what it saw in a queue, and a timer in the GUI
thread takes it out and emits there. A signal emitted from a Python thread is posted to the
GUI thread as an event, and one still queued when its watcher or receiver went away reached
the event loop as "Slot 'FeedWatcher::' not found" (seen once in some full runs, never at
will). With the queue nothing crosses threads but plain Python objects.

Losing the database is a state, not a crash: ``connection_lost`` fires once (the window
shows its banner), the thread retries with backoff, and ``connection_restored`` fires when
the database answers again. The feed then goes on after the last event it delivered, so
what happened meanwhile arrives too (a call display announces the calls it missed).
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from hallapp.services.context import Database
from hallapp.services.feed import FeedEvent, open_feed

log = logging.getLogger("hallapp.ui.feed")

DELIVERY_MS = 50  # how often the GUI thread looks for what the feed thread saw


class FeedWatcher(QObject):
    events_arrived = Signal(list)  # list[FeedEvent]
    connection_lost = Signal(str)
    connection_restored = Signal()

    def __init__(self, db: Database, parent: QObject | None = None, *,
                 wait_seconds: float = 0.5) -> None:
        super().__init__(parent)
        self.db, self.wait_seconds = db, wait_seconds
        self._stop = threading.Event()
        self.halt = self._stop  # set from anywhere: the thread ends at its next wait
        self._thread: threading.Thread | None = None
        self.online = True  # as the GUI thread last heard it
        self._thread_online = True  # as the feed thread sees it
        # Ids up to this one arrived late, after an outage (a call display announces only
        # the recent ones of those); set before the events are emitted.
        self.missed_until = 0
        self._inbox: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._delivery = QTimer(self)
        self._delivery.setInterval(DELIVERY_MS)
        self._delivery.timeout.connect(self.deliver)

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="hallapp-feed", daemon=True)
            self._thread.start()
            self._delivery.start()

    # Declared slots: a method connected undeclared is registered as a dynamic slot at run
    # time (PySide warns of it).
    @Slot()
    def stop(self) -> None:
        self._stop.set()
        self._delivery.stop()
        if self._thread is not None:
            self._thread.join(timeout=3)
            self._thread = None
        while not self._inbox.empty():  # stopped, nothing more is delivered
            self._inbox.get_nowait()

    @Slot()
    def deliver(self) -> None:
        """In the GUI thread: emit what the feed thread has seen since, in its order."""
        while not self._stop.is_set():
            try:
                kind, value = self._inbox.get_nowait()
            except queue.Empty:
                return
            if kind == "events":
                missed_until, events = value
                self.missed_until = missed_until
                self.events_arrived.emit(events)
            elif kind == "lost":
                self.online = False
                self.connection_lost.emit(value)
            else:
                self.online = True
                self.connection_restored.emit()

    def _run(self) -> None:
        reader: Any = None
        resume: int | None = None  # after an outage: the last event seen, not the new head
        missed_until = 0
        backoff = 0.5
        while not self._stop.is_set():
            try:
                if reader is None:
                    reader, missed_until = self._reopen(resume, missed_until)
                events: list[FeedEvent] = reader.wait(self.wait_seconds)
                self._set_online(True)
                backoff = 0.5
                if events:
                    self._inbox.put(("events", (missed_until, events)))
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

    def _reopen(self, resume: int | None, missed_until: int) -> tuple[Any, int]:
        """A reader at the start, or after an outage where the last one stopped, and the
        id up to which events came late. A head below that point means the database was
        restored from an earlier backup meanwhile: going on from the old point would wait,
        silently, until the head passed it again."""
        reader = open_feed(self.db, from_id=resume)
        if resume is not None:
            head = reader.head()
            if head < resume:
                reader.last_id = head
            else:
                missed_until = head  # (resume, head] happened while offline
        return reader, missed_until

    def _set_online(self, online: bool, why: str = "") -> None:
        if online == self._thread_online:
            return
        self._thread_online = online
        self._inbox.put(("lost", why) if not online else ("restored", None))
