"""The batch writer's open transaction, which every unit of work it runs joins.

Inside a batch (``hallapp.services.batch_writer``) a unit of work is a savepoint of the
writer's transaction (``UnitOfWork``), its statements run on the batch's ``raw`` (whose memo
holds what the batched operations read but never write), and its audit entries and events
are numbered from the batch's feed head in memory and written once, with the head, before
the batch commits: four statements per batch instead of four per operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from hallapp.core.roles import Actor
from hallapp.store.feed_log import Head, LogRows, number_log, read_head, write_log
from hallapp.store.rawsql import RawSQL


@dataclass(frozen=True)
class Mark:
    """Where the batch's log stood before an operation (to undo the operation's part)."""

    head: Head | None
    audits: int
    events: int


class Batch:
    def __init__(self, conn: Connection, memo: dict[Any, Any] | None = None) -> None:
        self.conn = conn
        self.raw = RawSQL(conn, memo={} if memo is None else memo)
        self._head: Head | None = None
        self._rows = LogRows([], [])

    def log(self, actor: Actor, terminal: str | None, now: datetime,
            audits: list[dict[str, Any]], events: list[tuple[str, str]]) -> None:
        """Number a unit of work's entries after those logged earlier in the batch."""
        head = self._head or read_head(self.raw)
        self._head = number_log(self.raw, head, actor, terminal, now, audits, events,
                                self._rows)

    def mark(self) -> Mark:
        return Mark(self._head, len(self._rows.audits), len(self._rows.events))

    def undo(self, mark: Mark) -> None:
        """Forget what was logged since ``mark`` (its operation was rolled back)."""
        self._head = mark.head
        del self._rows.audits[mark.audits:]
        del self._rows.events[mark.events:]

    def write_log(self) -> None:
        """Write the batch's entries and head; just before the commit."""
        if self._head is not None:
            write_log(self.raw, self._rows, self._head)
