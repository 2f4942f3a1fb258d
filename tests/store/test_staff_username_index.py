"""One account per user name whatever its case, as a database fact (migration 0011).

``add_staff`` refused Admin1 beside admin1 by a plain read, so two admins adding Zhang9 and
zhang9 at the same instant on PostgreSQL both got in. The unique index on lower(username)
refuses the second row on both engines; a database that already held such a pair has the
later account renamed by the migration, not the upgrade stopped.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import column, insert, select, table, text
from sqlalchemy.exc import IntegrityError

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx
from hallapp.store import schema
from hallapp.store.models import AuditEntry, Staff
from hallapp.store.uow import Database

INDEX = "ix_staff_username_lower"


def _index_sql(db: Database) -> str:
    query = ("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"
             if db.is_sqlite else "SELECT indexdef FROM pg_indexes WHERE indexname = :name")
    with db.reader.connect() as conn:
        return str(conn.execute(text(query), {"name": INDEX}).scalar() or "")


def _account(username: str) -> dict[str, object]:
    return {"username": username, "name": "张三", "role": "clerk", "password_hash": "x",
            "active": True, "failed_logins": 0,
            "password_changed_at": datetime(2026, 11, 24, tzinfo=UTC)}


def test_the_database_refuses_a_name_differing_only_in_case(hall_db: Database) -> None:
    sql = _index_sql(hall_db)
    assert "UNIQUE" in sql.upper()
    assert "lower(" in sql.lower()
    with pytest.raises(IntegrityError), hall_db.writer.begin() as conn:
        conn.execute(insert(Staff).values(_account("ADMIN1")))
    with hall_db.writer.begin() as conn:  # another name is still welcome
        conn.execute(insert(Staff).values(_account("admin1x")))


def back_to_0010_with_a_pair(db: Database) -> None:
    """The database as two admins adding Clerk1 and CLERK1 at one instant left it."""
    from alembic import command

    cfg = schema.alembic_config(db)
    with db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    assert _index_sql(db) == ""
    # The staff table as it was at 0010 (the model's has columns added since).
    old_staff = table("staff", *map(column, ("username", "name", "role", "password_hash",
                                             "active", "failed_logins")))
    with db.writer.begin() as conn:
        for username in ("Clerk1", "CLERK1"):
            account = _account(username)
            del account["password_changed_at"]
            conn.execute(insert(old_staff).values(account))


def test_the_migration_renames_the_later_of_a_pair_already_there(
        hall_db: Database, caplog: pytest.LogCaptureFixture) -> None:
    back_to_0010_with_a_pair(hall_db)
    with caplog.at_level(logging.WARNING, logger="hallapp"):
        assert schema.upgrade(hall_db) == schema.HEAD
    with hall_db.reader.connect() as conn:
        first, second, third = conn.execute(select(Staff.id, Staff.username).where(
            Staff.username.ilike("clerk1") | Staff.username.ilike("clerk1.%"))
            .order_by(Staff.id)).all()
    assert first.username == "clerk1"  # the demo's account keeps its name
    assert (second.username, third.username) == (f"Clerk1.{second.id}", f"CLERK1.{third.id}")
    with hall_db.reader.connect() as conn:  # 0012: existing accounts start at epoch 0
        assert set(conn.execute(select(Staff.session_epoch)).scalars()) == {0}
    assert _index_sql(hall_db) != ""
    # Said in hallapp's log (a logger outside "hallapp" reached only stderr, lost when a
    # client migrated at start) and in the audit log, by the system.
    warned = [r.getMessage() for r in caplog.records if r.name == "hallapp.migrations"]
    assert len(warned) == 2
    for said, row, old in zip(warned, (second, third), ("Clerk1", "CLERK1"), strict=True):
        assert f"账号 {old}（id {row.id}）已改名为 {row.username}" in said
        assert "更早的账号 clerk1" in said
    with hall_db.read_session() as s:
        renames = s.scalars(select(AuditEntry).where(AuditEntry.action == "staff_rename")
                            .order_by(AuditEntry.id)).all()
    assert [(a.actor, a.actor_id, a.entity, a.entity_id, a.before, a.after) for a in renames] == [
        ("system", None, "staff", str(row.id), {"username": old}, {"username": row.username})
        for row, old in ((second, "Clerk1"), (third, "CLERK1"))]
    assert verify_audit(Ctx(hall_db, SYSTEM_ACTOR)).ok
