"""Backup and restore: same rows, intact audit chain, across engines, while others write.

The backup reads one snapshot; a writer that commits while it runs must neither block it
nor leak half of its change into the file (that would break the restored audit chain).
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from backupkit import rewrite
from sqlalchemy import func, select

from hallapp.core.errors import DomainError, OutputError, PermissionDenied, StateError
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import backup as backup_svc
from hallapp.services import staff
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx
from hallapp.store import schema
from hallapp.store.models import AuditEntry, Base, FeedHead, Staff
from hallapp.store.uow import Database


def _counts(db: Database) -> dict[str, int]:
    with db.reader.connect() as conn:
        return {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
                for t in Base.metadata.sorted_tables}


def _head(db: Database) -> tuple[int, str, int]:
    with db.read_session() as s:
        head = s.get(FeedHead, 1)
        assert head is not None
        return head.audit_seq, head.audit_hash, head.event_seq


def _restore_and_check(target: Database, path: Path,
                       expected: dict[str, int], head: tuple[int, str, int]) -> None:
    result = backup_svc.restore(Ctx(target, SYSTEM_ACTOR, terminal="restore"), path)
    assert result.rows == sum(expected.values())
    # The restore itself is the one audit entry more.
    assert _counts(target) == {**expected, "audit_log": expected["audit_log"] + 1}
    assert _head(target) == (head[0] + 1, _head(target)[1], head[2])
    report = verify_audit(Ctx(target, SYSTEM_ACTOR))
    assert report.ok, report.problems
    assert report.entries == expected["audit_log"] + 1
    with target.read_session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None
        assert (last.action, last.entity) == ("restore", "database")
    # The restored hall keeps working: new ids continue after the restored ones.
    admin = Ctx(target, SYSTEM_ACTOR, terminal="test")
    info = staff.add_staff(admin, "after_restore", "恢复后", "clerk", "restore123")
    assert info.id > max(s.id for s in staff.list_staff(admin) if s.username != info.username)
    assert verify_audit(admin).ok


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_backup_from_sqlite_restores_into_postgresql(
        ctx_for: Callable[[str], Ctx], hall_db: Database, pg_empty: Database,
        tmp_path: Path) -> None:
    assert hall_db.is_sqlite
    expected, head = _counts(hall_db), _head(hall_db)
    path = tmp_path / "hall.backup.gz"
    backup_svc.backup(ctx_for("admin1"), path)
    _restore_and_check(pg_empty, path, expected, head)
    with pg_empty.read_session() as s:
        clerk = s.scalars(select(Staff).where(Staff.username == "clerk1")).one()
        assert clerk.active is True
        assert clerk.password_changed_at is not None
        assert clerk.password_changed_at.tzinfo is not None


def test_restore_into_a_non_empty_database_is_refused(
        ctx_for: Callable[[str], Ctx], hall_db: Database, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        backup_svc.backup(ctx_for("supervisor1"), tmp_path / "nope.gz")
    assert not (tmp_path / "nope.gz").exists()
    path = tmp_path / "hall.backup.gz"
    backup_svc.backup(ctx_for("admin1"), path)
    before = _counts(hall_db)
    with pytest.raises(StateError) as err:
        backup_svc.restore(Ctx(hall_db, SYSTEM_ACTOR), path)
    assert err.value.code == "not_empty"
    assert "空数据库" in err.value.message
    assert _counts(hall_db) == before


def test_backup_and_restore_while_a_writer_commits(
        ctx_for: Callable[[str], Ctx], hall_db: Database, empty_db: Database,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Backup, then restore into an empty database of the same engine.

    A writer holds its transaction open as the backup starts and commits mid-way. The
    backup must not wait for it (the reader never blocks on a writer) and must not see the
    commit: restored, the database is the one from before the write, chain intact.
    """
    admin = ctx_for("admin1")
    expected, head = _counts(hall_db), _head(hall_db)
    real_rows = backup_svc._rows
    with admin.uow() as writer:
        row = writer.session.scalars(select(Staff).where(Staff.username == "clerk1")).one()
        row.active = False
        writer.audit("staff_disable", "staff", row.id, after={"active": False})
        writer.session.flush()  # holds the write lock (SQLite) / row locks (PostgreSQL)
        calls: list[str] = []

        def rows_then_commit(conn: Any, table: Any) -> Any:
            if not calls:
                writer.commit()  # lands after the backup's snapshot began
            calls.append(table.name)
            return real_rows(conn, table)

        monkeypatch.setattr(backup_svc, "_rows", rows_then_commit)
        path = tmp_path / "during.backup.gz"
        result = backup_svc.backup(admin, path)
    assert len(calls) == len(Base.metadata.sorted_tables)
    assert result.rows == sum(expected.values())
    assert result.tables == len(Base.metadata.sorted_tables)
    assert not path.with_suffix(".gz.part").exists()
    with hall_db.read_session() as s:  # the backup is audited, after the snapshot it took
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None
    assert (last.action, last.actor) == ("backup", "admin1")
    assert _counts(hall_db)["audit_log"] == expected["audit_log"] + 2  # the write + backup
    _restore_and_check(empty_db, path, expected, head)
    with empty_db.read_session() as s:
        clerk = s.scalars(select(Staff).where(Staff.username == "clerk1")).one()
        assert clerk.active is True


def _tamper(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        rec = json.loads(line)
        if rec.get("t") == "audit_log" and rec["r"]["id"] == 3:
            rec["r"]["actor"] = "admin1"
            line = json.dumps(rec, ensure_ascii=False) + "\n"
        out.append(line)
    return out


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_backup_refused_leaves_nothing_behind(
        ctx_for: Callable[[str], Ctx], hall_db: Database, pg_empty: Database,
        tmp_path: Path) -> None:
    """A tampered backup was refused after its rows had been committed; one cut short (its
    last lines gone) restored with rows missing; one cut mid-stream was an internal error."""
    good = tmp_path / "hall.backup.gz"
    backup_svc.backup(ctx_for("admin1"), good)
    assert stat.S_IMODE(good.stat().st_mode) == 0o600  # ID numbers and password hashes
    schema.upgrade(pg_empty)  # as `hallapp db upgrade` leaves a new database
    empty = _counts(pg_empty)
    restore = Ctx(pg_empty, SYSTEM_ACTOR, terminal="restore")
    cut = good.read_bytes()
    (tmp_path / "half.gz").write_bytes(cut[:len(cut) // 2])
    cases = [
        ("audit_broken", rewrite(good, tmp_path / "tampered.gz", _tamper)),
        ("backup_truncated", rewrite(good, tmp_path / "short.gz", lambda lines: lines[:-30])),
        ("bad_backup", tmp_path / "half.gz"),
        # A row the database refuses (a key twice) is the file's fault too, not the database's.
        ("bad_backup", rewrite(good, tmp_path / "twice.gz",
                                lambda lines: [lines[0], lines[1], *lines[1:]])),
    ]
    for code, path in cases:
        with pytest.raises(DomainError) as err:
            backup_svc.restore(restore, path)
        assert err.value.code == code
        assert "未恢复任何数据" in err.value.message
        assert _counts(pg_empty) == empty, code
    backup_svc.restore(restore, good)  # the database is still empty: the good one goes in
    with pytest.raises(OutputError, match="无法写入备份文件"):
        backup_svc.backup(ctx_for("admin1"), tmp_path / "no" / "such" / "dir.gz")
