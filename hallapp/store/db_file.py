"""A SQLite database file replaced under a running process, and how the process follows it.

A backup is restored to a SQLite database's path by deleting the file (with its ``-wal`` and
``-shm``) and restoring into a new one there, or a file is moved over it. A connection opened
before goes on with the file it opened, now unlinked: a kiosk, counter or board left running
read and wrote a database nobody else saw (its tickets printed, never called). Each engine
therefore records the file (device, inode) a connection opened and, whenever the pool hands
that connection out — at the start of every unit of work — compares it with the file now at
the path (one ``os.stat``, about 1 µs). A connection to a replaced file is discarded and a new
one opened on the file now there: the unit of work runs on the restored database. No file at
the path (between the delete and the restore) keeps the connection as it is: connecting would
create an empty database there.

Closing a connection to the unlinked file never touches the new file's ``-wal`` or ``-shm``:
SQLite refuses to checkpoint into a file that was unlinked (SQLITE_READONLY_DBMOVED), and so
never deletes the journal files at the path.

The batch writer checks the same (:func:`file_id`) before each batch and stops instead; the
change feed's reader says so to its watcher, which starts again from the new file's head
(``hallapp.store.feed``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

log = logging.getLogger("hallapp.store")

FileId = tuple[int, int]


def file_id(path: str) -> FileId | None:
    """The file at ``path`` (device, inode), or None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def follow_replaced_file(engine: Engine, path: str) -> None:
    """Make ``engine``'s pool replace a connection whose file is no longer at ``path``."""
    path = os.path.abspath(path)

    @event.listens_for(engine, "connect")
    def _opened(_dbapi_conn: Any, record: Any) -> None:
        record.info["file_id"] = file_id(path)

    @event.listens_for(engine, "checkout")
    def _checked_out(_dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        opened = record.info.get("file_id")
        now = file_id(path)
        if opened is None:
            record.info["file_id"] = now
        elif now is not None and now != opened:
            log.warning("database file %s was replaced: connecting to the new file", path)
            # The pool discards this connection and opens one on the file now there.
            raise DisconnectionError(f"database file {path} replaced")
