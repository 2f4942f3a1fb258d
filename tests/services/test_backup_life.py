"""Backups over the hall's life: across software updates, of a broken audit chain, onto a
full disk.

A backup taken before an update was refused after it ("备份的数据库版本 0010 与当前版本 0011
不同，请先用同版本程序恢复": the restore migrated the empty database to head first). A backup
of a database whose audit chain was broken succeeded, and could never be restored. A restore
that filled the disk blamed the backup file. The old backups here were written by the old
programs themselves (tests/data/backups/README.md): a backup's rows follow its revision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from backupkit import OLD, header, rewrite
from conftest import FakeClock, actor_for
from sqlalchemy import event, func, inspect, select, text

from hallapp.core.errors import DomainError, StateError, ValidationError
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import backup as backup_svc
from hallapp.services import staff, tickets
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx
from hallapp.store import schema
from hallapp.store.models import AuditEntry, Hall, Queue, Staff, Ticket
from hallapp.store.uow import Database


@pytest.fixture
def blank_db(request: pytest.FixtureRequest, engine_name: str,
             tmp_path: Path) -> Iterator[Database]:
    """A database with nothing in it, not even the schema: a new file, a new database."""
    if engine_name != "sqlite":
        yield request.getfixturevalue("pg_empty")
        return
    db = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    yield db
    db.dispose()


def _restorer(db: Database) -> Ctx:
    return Ctx(db, SYSTEM_ACTOR, terminal="restore")


def _last_entry(db: Database) -> AuditEntry:
    with db.read_session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None
    return last


def _tables(db: Database) -> list[str]:
    with db.reader.connect() as conn:
        return inspect(conn).get_table_names()


@pytest.mark.parametrize("revision", ["0001", "0010"])
@pytest.mark.parametrize("target", ["blank_db", "empty_db"])
def test_a_backup_taken_before_an_update_restores_after_it(
        request: pytest.FixtureRequest, engine_name: str, revision: str, target: str,
        clock: FakeClock) -> None:
    """Into a new database, or one this program created (at head: brought down to the
    backup's revision first, while it is empty); then migrated to head as any update is."""
    db: Database = request.getfixturevalue(target)  # on the engine of ``engine_name``
    result = backup_svc.restore(_restorer(db), OLD / f"hall-{revision}.backup.gz")
    assert (result.revision, result.migrated_to) == (revision, schema.HEAD)
    assert result.audit_broken_at is None
    assert schema.current_revision(db) == schema.HEAD
    with db.read_session() as s:
        names = set(s.scalars(select(Staff.username)))
        queue, hall = s.scalars(select(Queue)).one(), s.scalars(select(Hall)).one()
        ticket = s.scalars(select(Ticket)).one()
    # Migration 0011 ran on the restored rows: the 0001 program let "zhang9" in beside Zhang9.
    assert names == {"admin", "kiosk1", "Zhang9"} | ({"zhang9.4"} if revision == "0001" else set())
    assert (queue.code, queue.name_en, hall.closed_day, ticket.number) == ("A", None, None, "A001")
    report = verify_audit(_restorer(db))
    assert report.ok, report.problems
    last = _last_entry(db)
    assert (last.action, last.actor, last.id) == ("restore", "system", report.entries)
    assert last.after["revision"] == revision
    # The restored hall works: its own password, the next ticket after the restored one.
    admin = _restorer(db).acting_as(staff.login(_restorer(db), "admin", "admin12345"))
    assert admin.actor.username == "admin"
    kiosk = Ctx(db, actor_for(db, "kiosk1"), clock=clock, terminal="test")
    assert tickets.take_ticket(kiosk, "A").number == "A002"
    assert verify_audit(_restorer(db)).ok


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_backup_from_a_newer_program_is_refused_before_anything_is_made(
        blank_db: Database, tmp_path: Path) -> None:
    later = {"revision": lambda h: h.update(revision="0099"),
             "format": lambda h: h.update(version=backup_svc.VERSION + 1)}
    for what, change in later.items():
        path = rewrite(OLD / "hall-0010.backup.gz", tmp_path / f"{what}.gz", header(change))
        with pytest.raises(StateError) as refused:
            backup_svc.restore(_restorer(blank_db), path)
        assert refused.value.code == "backup_newer", what
        assert "更新版本的 hallapp" in refused.value.message
        assert refused.value.exit_code == 13
        assert _tables(blank_db) == []  # not even the schema was made


def _break_chain(db: Database, entry: int) -> None:
    with db.writer.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'clerk9' WHERE id = :id"), {"id": entry})


def test_a_broken_audit_chain_is_backed_up_said_and_restored_only_when_accepted(
        ctx_for: Callable[[str], Ctx], hall_db: Database, empty_db: Database,
        tmp_path: Path) -> None:
    """The backup was written and said nothing; its file could never be restored."""
    _break_chain(hall_db, 3)
    path = tmp_path / "broken.backup.gz"
    result = backup_svc.backup(ctx_for("admin1"), path)
    assert path.is_file()
    assert (result.audit_broken_at, result.audited) == (3, True)
    assert "哈希" in (result.audit_problem or "")
    entry = _last_entry(hall_db)  # the backup's own entry says so too
    assert (entry.action, entry.after["audit_broken_at"]) == ("backup", 3)

    with pytest.raises(StateError) as refused:
        backup_svc.restore(_restorer(empty_db), path)
    assert refused.value.code == "audit_broken"
    assert "第 3 条" in refused.value.message
    assert "--accept-broken-audit" in refused.value.message
    with empty_db.read_session() as s:  # nothing of it stayed
        assert s.scalar(select(func.count()).select_from(Staff)) == 0

    restored = backup_svc.restore(_restorer(empty_db), path, accept_broken_audit=True)
    assert restored.audit_broken_at == 3
    entry = _last_entry(empty_db)
    assert (entry.action, entry.after["audit_broken_at"]) == ("restore", 3)
    assert entry.after["audit_problem"] == restored.audit_problem
    report = verify_audit(_restorer(empty_db))  # the break is still there, and only it
    assert {p.entry_id for p in report.problems} == {3}


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_full_disk_during_a_restore_is_not_blamed_on_the_backup(
        ctx_for: Callable[[str], Ctx], hall_db: Database, blank_db: Database,
        tmp_path: Path) -> None:
    """Every driver error is a StatementError, so a full disk was "备份文件已损坏" (exit 11).
    SQLite's max_page_count stands in for the disk: past it, writes fail with SQLITE_FULL."""
    path = tmp_path / "hall.backup.gz"
    backup_svc.backup(ctx_for("admin1"), path)
    schema.upgrade(blank_db)
    with blank_db.reader.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    blank_db.dispose()

    @event.listens_for(blank_db.writer, "connect")
    def _small_disk(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 20}")

    with pytest.raises(DomainError) as refused:
        backup_svc.restore(_restorer(blank_db), path)
    assert (refused.value.code, refused.value.exit_code) == ("db_disk", 10)
    assert "磁盘已满" in refused.value.message
    assert "未恢复任何数据" in refused.value.message
    assert not isinstance(refused.value, ValidationError)
    with blank_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Staff)) == 0
