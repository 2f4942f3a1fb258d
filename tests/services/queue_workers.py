"""Worker processes for the queue concurrency test (started with the "spawn" context).

Each worker builds its own ``Database`` and ``Ctx`` from a URL and a username, exactly as a
kiosk or counter terminal does, and talks to the others only through the database. Progress
and flags live in lock-free shared integers (``Value(..., lock=False)``): a worker killed with
SIGKILL while holding a multiprocessing lock would otherwise block the supervisor forever.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from hallapp.core.errors import EmptyQueue, StateError
from hallapp.core.roles import Actor, Role
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import Staff
from hallapp.store.uow import Database

IDLE_PAUSE_S = 0.01
THROUGH_WRITER = "QUEUE_WORKERS_THROUGH_WRITER"


def shifted_clock(offset_s: float) -> Callable[[], datetime]:
    """Real time moved to a fixed test day: orderings stay real, the hall day stays fixed."""
    offset = timedelta(seconds=offset_s)
    return lambda: datetime.now(UTC) + offset


def _ctx(url: str, username: str, terminal: str, offset_s: float) -> Ctx:
    if os.environ.get(THROUGH_WRITER):
        # Every batchable operation goes to the batch writer while it runs, not only those
        # that meet a busy write lock, so that killing the writer hits requests in flight.
        from hallapp.services import batching

        batching._Client.contended = lambda self: True  # type: ignore[method-assign]
    db = Database(url)
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        actor = Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                      row.window_number)
    return Ctx(db, actor, clock=shifted_clock(offset_s), terminal=terminal)


def kiosk(url: str, username: str, terminal: str, queues: tuple[str, ...], count: int,
          progress: Any, ready: Any, offset_s: float) -> None:
    """Take tickets round-robin over ``queues`` until ``count`` are taken (resumes after kill).

    ``progress`` is bumped after each commit, so a kill between commit and bump costs one
    extra ticket, never a missing one; the checks do not depend on the exact total.
    """
    ctx = _ctx(url, username, terminal, offset_s)
    ready.value = 1
    while progress.value < count:
        tickets.take_ticket(ctx, queues[progress.value % len(queues)])
        progress.value += 1


def window(url: str, username: str, number: int, kiosks_done: Any, progress: Any,
           ready: Any, offset_s: float) -> None:
    """Open the window, then call next and finish until the kiosks are done and it is idle.

    A restarted window may still hold the ticket its killed predecessor called: call_next
    refuses with ``window_busy`` and the worker finishes that ticket first, as a clerk would.
    """
    ctx = _ctx(url, username, f"window{number}", offset_s)
    windows.open_window(ctx, number)
    ready.value = 1
    while True:
        # Read the flag before looking at the queue: an empty queue seen after the kiosks
        # were done is really empty.
        done = bool(kiosks_done.value)
        try:
            windows.call_next(ctx, number)
        except EmptyQueue:
            if done:
                return
            time.sleep(IDLE_PAUSE_S)
            continue
        except StateError as exc:
            if exc.code == "call_contention":
                continue
            if exc.code != "window_busy":
                raise
        windows.finish(ctx, number)
        progress.value += 1


def batch_writer(url: str, progress: Any, ready: Any, offset_s: float) -> None:
    """The database's batch writer, as ``hallapp writer`` runs it, until SIGTERM;
    ``progress``: the requests it has answered."""
    from hallapp.services.batch_writer import BatchWriter

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    writer = BatchWriter(url)
    writer.start()
    ready.value = 1
    try:
        while not stop.is_set():
            writer.step(timeout=0.2)
            progress.value = writer.requests
    finally:
        writer.close()
