"""The audit log: every state change leaves a row; tampering is found and the row named.

The chain is written under the feed-head lock, so two processes writing at once must still
give contiguous ids and a valid chain; that is checked with real OS processes on both
engines (threads in one process would share the GIL and hide races less reliably).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, text

from hallapp.cli.main import main
from hallapp.core.audit_chain import entry_hash
from hallapp.core.errors import ValidationError
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import backup, catalogue, hall, staff
from hallapp.services.audit import list_audit, verify_audit
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, FeedHead, Staff
from hallapp.store.uow import Database

WRITES_PER_PROCESS = 20


def _actions_after(db: Database, last_id: int) -> list[tuple[str, str]]:
    with db.read_session() as s:
        return [(a.action, a.actor) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id))]


def _max_id(db: Database) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.max(AuditEntry.id))) or 0)


def test_every_state_change_is_audited(ctx_for: Callable[[str], Ctx], hall_db: Database,
                                       clock: Any, tmp_path: Path) -> None:
    admin = ctx_for("admin1")
    start = _max_id(hall_db)
    report = verify_audit(admin)  # the fresh demo hall
    assert report.ok, report.problems
    assert report.entries == start > 30
    _refuse_two_actions(admin)
    assert _max_id(hall_db) == start
    staff.add_staff(admin, "audited1", "审计一", "clerk", "audit1234")
    staff.login(admin, "audited1", "audit1234")
    staff.set_active(admin, "audited1", False)
    staff.set_password(admin, "audited1", "audit5678")
    doc = catalogue.export_catalogue(admin)
    doc["items"][0]["name"] += "（修订）"
    catalogue.import_catalogue(admin, doc)
    hall.configure_windows(admin, [{"number": 99, "name": "测试窗口", "profile": []}])
    backup.backup(admin, tmp_path / "b.jsonl.gz")
    assert _actions_after(hall_db, start) == [
        ("staff_add", "admin1"), ("login", "audited1"), ("staff_disable", "admin1"),
        ("password_set", "admin1"), ("item_import", "admin1"), ("catalogue_import", "admin1"),
        ("windows_configure", "admin1"), ("backup", "admin1")]
    rows = list_audit(admin, limit=8)
    assert all(r.at == clock().isoformat() for r in rows)
    assert {r.terminal for r in rows} == {"test"}
    assert rows[-1].after["username"] == "audited1"
    assert rows[2].after == {
        "departments": len(doc["departments"]), "queues": len(doc["queues"]),
        "items_added": 0, "items_new_version": 1, "items_unchanged": len(doc["items"]) - 1}
    assert verify_audit(admin).ok


def _refuse_two_actions(admin: Ctx) -> None:
    """Refused actions (one before, one inside the transaction) must leave no audit row."""
    with pytest.raises(ValidationError):
        staff.add_staff(admin, "clerk1", "重复", "clerk", "audit1234")
    doc = catalogue.export_catalogue(admin)
    doc["items"][-1]["queue"] = "NOQ"
    with pytest.raises(ValidationError):
        catalogue.import_catalogue(admin, doc)


def _json_sql(db: Database) -> str:
    return ":v" if db.is_sqlite else "CAST(:v AS json)"


def _edit_row_5(db: Database) -> None:
    with db.writer.begin() as conn:
        conn.execute(text(f"UPDATE audit_log SET after = {_json_sql(db)} WHERE id = 5"),
                     {"v": '{"username": "mallory", "role": "admin"}'})


def _edit_and_rehash_row_5(db: Database) -> None:
    """A smarter forger recomputes the row's own hash; the next row's link still breaks."""
    with db.writer.begin() as conn:
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.id == 5)).one()
        after = {"username": "mallory", "role": "admin"}
        digest = entry_hash(row.prev_hash, 5, row.at.isoformat(), row.actor, row.action,
                            row.entity, row.entity_id, row.before, after)
        conn.execute(text(f"UPDATE audit_log SET after = {_json_sql(db)}, hash = :h "
                          "WHERE id = 5"), {"v": '{"role": "admin", "username": "mallory"}',
                                            "h": digest})


def _delete(row_id: int | None) -> Callable[[Database], None]:
    def delete(db: Database) -> None:
        target = "(SELECT MAX(id) FROM audit_log)" if row_id is None else str(row_id)
        with db.writer.begin() as conn:
            conn.execute(text(f"DELETE FROM audit_log WHERE id = {target}"))

    return delete


def _put_back(db: Database, rows: list[dict[str, Any]]) -> None:
    with db.writer.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id.in_([r["id"] for r in rows])))
        conn.execute(insert(AuditEntry), rows)


def test_tampering_is_detected_and_the_row_named(
        ctx_for: Callable[[str], Ctx], hall_db: Database, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Each forgery is found and named; undone, the chain verifies again (no false alarm).

    Then the same through ``hallapp audit verify``: exit 0, and after tampering non-zero
    with the row number printed.
    """
    admin = ctx_for("admin1")
    last = _max_id(hall_db)
    with hall_db.reader.connect() as conn:
        saved = [dict(r) for r in conn.execute(select(AuditEntry.__table__)).mappings()]
    cases = [(_edit_row_5, [5]), (_edit_and_rehash_row_5, [6]), (_delete(None), [last, last]),
             (_delete(7), [7, 8])]
    for tamper, named in cases:
        tamper(hall_db)
        report = verify_audit(admin)
        assert (tamper, [p.entry_id for p in report.problems]) == (tamper, named)
        assert not report.ok
        _put_back(hall_db, saved)
        assert verify_audit(admin).ok, tamper
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    argv = ["--db", hall_db.url, "--user", "admin1", "audit", "verify"]
    assert main(argv) == 0
    assert "审计日志完好" in capsys.readouterr().out
    _edit_row_5(hall_db)
    assert main(argv) == 3
    out = capsys.readouterr().out
    assert "第 5 条" in out
    assert "第 6 条" not in out


def _toggle_worker(url: str, username: str, count: int, barrier: Any) -> None:
    """One OS process: ``count`` audited writes on one account, after a common start."""
    db = Database(url)
    ctx = Ctx(db, SYSTEM_ACTOR, terminal=f"proc-{username}")
    staff.list_staff(ctx)  # connect and configure the mappers before the race starts
    barrier.wait()
    for n in range(count):
        staff.set_active(ctx, username, n % 2 == 1)
    db.dispose()


def test_chain_stays_valid_with_two_writing_processes(hall_db: Database) -> None:
    start = _max_id(hall_db)
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(2)
    procs = [spawn.Process(target=_toggle_worker,
                           args=(hall_db.url, user, WRITES_PER_PROCESS, barrier))
             for user in ("clerk10", "clerk11")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    with hall_db.read_session() as s:
        ids = list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))
        head = s.get(FeedHead, 1)
        terminals = list(s.scalars(select(AuditEntry.terminal).where(AuditEntry.id > start)))
        active = dict(s.execute(select(Staff.username, Staff.active).where(
            Staff.username.in_(["clerk10", "clerk11"]))).all())
    assert ids == list(range(1, start + 2 * WRITES_PER_PROCESS + 1))
    assert head is not None
    assert head.audit_seq == ids[-1]
    assert sorted({t or "" for t in terminals}) == ["proc-clerk10", "proc-clerk11"]
    assert terminals.count("proc-clerk10") == WRITES_PER_PROCESS
    assert active == {"clerk10": True, "clerk11": True}
    report = verify_audit(Ctx(hall_db, SYSTEM_ACTOR))
    assert report.ok, report.problems
    assert report.entries == len(ids)
