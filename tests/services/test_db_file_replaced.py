"""A client left running while a backup is restored to its SQLite database's path goes on
with the restored file (``hallapp.store.db_file``), its change feed too."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import backup as backup_svc
from hallapp.services import tickets
from hallapp.services.batching import db_file
from hallapp.services.context import Ctx
from hallapp.services.feed import open_feed
from hallapp.store.feed import DatabaseReplaced
from hallapp.store.models import Ticket
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def _restore_to_the_path(hall_db: Database, backup: Path) -> None:
    """As README says: the file and its -wal and -shm deleted, the backup restored there
    (by another process: a Database of its own)."""
    path = db_file(hall_db)
    for name in (path, f"{path}-wal", f"{path}-shm"):
        if os.path.exists(name):
            os.unlink(name)
    restorer = Database(hall_db.url)
    try:
        backup_svc.restore(Ctx(restorer, SYSTEM_ACTOR, terminal="restore"), backup)
    finally:
        restorer.dispose()


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_running_client_goes_on_with_the_restored_file(
        hall_db: Database, ctx_for: CtxFor, tmp_path: Path) -> None:
    """The kiosk kept its connections to the deleted file: after the restore it issued A003
    there (printed, never called: the hall's database had A001 only) and the board read the
    deleted file's tickets."""
    kiosk = ctx_for("kiosk1")
    assert tickets.take_ticket(kiosk, "A").number == "A001"
    backup_svc.backup(Ctx(hall_db, SYSTEM_ACTOR, terminal="backup"), tmp_path / "b.gz")
    assert tickets.take_ticket(kiosk, "A").number == "A002"  # after the backup: not restored
    feed = open_feed(hall_db)
    _restore_to_the_path(hall_db, tmp_path / "b.gz")
    # The next unit of work, reading and writing, is the restored file's.
    with hall_db.read_session() as s:
        assert s.scalars(select(Ticket.number)).all() == ["A001"]
    assert tickets.take_ticket(kiosk, "A").number == "A002"
    with hall_db.read_session() as s:
        assert s.scalars(select(Ticket.number).order_by(Ticket.id)).all() == ["A001", "A002"]
    # The feed says so once (its watcher starts again from the new file's head), then reads
    # the new file's events.
    with pytest.raises(DatabaseReplaced):
        feed.poll()
    again = open_feed(hall_db, from_id=min(feed.last_id, feed.head()))
    tickets.take_ticket(kiosk, "A")  # A003
    assert "ticket_taken" in {e.kind for e in again.poll()}
    hall_db.dispose()  # closing the deleted file's connections leaves the new one whole
    fresh = Database(hall_db.url)
    with fresh.read_session() as s:
        assert s.scalars(select(Ticket.number).order_by(Ticket.id)).all() == [
            "A001", "A002", "A003"]
    fresh.dispose()
