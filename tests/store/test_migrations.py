"""The Alembic history builds exactly the schema the models describe, on both engines.

A model change without a migration (or a migration that drifts from the model) would make
a fresh hall's database differ from the one the code expects; compare_metadata finds that.
Alembic does not compare the WHERE clause of partial indexes, so those are checked apart:
they carry rules (one item version in force, one open ticket per window).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from hallapp.core.errors import StateError
from hallapp.store import schema
from hallapp.store.models import Base, FeedHead, ServiceItem
from hallapp.store.uow import Database


@pytest.fixture
def fresh_db(request: pytest.FixtureRequest, engine_name: str) -> Iterator[Database]:
    """A database with no tables at all (not copied from the migrated template)."""
    if engine_name == "sqlite":
        db = Database(f"sqlite:///{Path(tempfile.mkdtemp()) / 'fresh.sqlite3'}")
        yield db
        db.dispose()
        return
    server = request.getfixturevalue("pg_server")
    name = server.create()
    db = Database(server.url_for(name))
    yield db
    db.dispose()
    server.drop(name)


def _diff(db: Database) -> list[object]:
    """SQLite cannot reflect an index on an expression (lower(username)): alembic skips it
    there, with a warning, and test_staff_username_index.py checks it by name instead."""
    with db.reader.connect() as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", ".*expression-based index ix_staff_username_lower")
        warnings.filterwarnings("ignore", ".*expression-based index 'ix_staff_username_lower'")
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True})
        return list(compare_metadata(ctx, Base.metadata))


def test_upgrade_of_an_empty_database_gives_the_models_schema(fresh_db: Database) -> None:
    assert schema.current_revision(fresh_db) is None
    revision = schema.upgrade(fresh_db)
    assert revision == schema.head_revision(fresh_db)
    assert schema.current_revision(fresh_db) == schema.head_revision(fresh_db)
    assert _diff(fresh_db) == []
    _check_partial_indexes(fresh_db)


def _check_partial_indexes(db: Database) -> None:
    """compare_metadata ignores WHERE clauses; a lost one would silently drop a rule."""
    dialect = "sqlite" if db.is_sqlite else "postgresql"
    insp = inspect(db.reader)
    partial = [(t.name, ix.name) for t in Base.metadata.sorted_tables for ix in t.indexes
               if ix.dialect_kwargs.get(f"{dialect}_where") is not None]
    assert len(partial) >= 3
    for table, name in partial:
        reflected = {ix["name"]: ix for ix in insp.get_indexes(table)}
        assert name in reflected, f"index {name} missing on {table}"
        where = reflected[name].get("dialect_options", {}).get(f"{dialect}_where")
        assert where is not None, f"{name} lost its WHERE"
        assert str(where).strip(), f"{name} lost its WHERE"


def _check_one_version_in_force(hall_db: Database) -> None:
    with hall_db.writer.begin() as conn:
        row = conn.execute(select(*ServiceItem.__table__.columns).limit(1)).mappings().one()
        fresh = {k: v for k, v in row.items() if k != "id"}
        fresh["created_at"] = datetime(2026, 11, 24, tzinfo=UTC)
        conn.execute(insert(ServiceItem).values(
            {**fresh, "version": 90, "in_force": False}))
        conn.execute(insert(ServiceItem).values(
            {**fresh, "version": 91, "in_force": False}))
    with pytest.raises(IntegrityError), hall_db.writer.begin() as conn:
        conn.execute(insert(ServiceItem).values(
            {**fresh, "version": 92, "in_force": True}))


def test_upgrade_twice_is_harmless(hall_db: Database) -> None:
    """Upgrading a populated database at head changes nothing; its rules still hold."""
    with hall_db.reader.connect() as conn:
        before = {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
                  for t in Base.metadata.sorted_tables}
        head_before = conn.execute(select(FeedHead.__table__)).all()
    assert schema.upgrade(hall_db) == schema.head_revision(hall_db)
    assert schema.upgrade(hall_db) == schema.head_revision(hall_db)
    with hall_db.reader.connect() as conn:
        after = {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
                 for t in Base.metadata.sorted_tables}
        assert conn.execute(select(FeedHead.__table__)).all() == head_before
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert after == before
    assert before["staff"] > 0
    assert versions == [schema.head_revision(hall_db)]
    assert schema.current_revision(hall_db) == schema.head_revision(hall_db)
    assert _diff(hall_db) == []
    _check_one_version_in_force(hall_db)


def test_head_constant_is_alembics_head(hall_db: Database) -> None:
    """``schema.HEAD`` short-cuts the start-up check; a new migration must move it."""
    assert schema.head_revision(hall_db) == schema.HEAD


def test_a_database_at_head_starts_without_loading_alembic(hall_db: Database) -> None:
    code = ("import sys; from hallapp.store.uow import Database; "
            "from hallapp.store import schema; "
            f"print(schema.upgrade(Database({hall_db.url!r})), 'alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.split() == [schema.HEAD, "False"]


def test_a_command_after_a_software_update_upgrades_the_database_first(
        hall_db: Database, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A hall's database two migrations behind the program (as after an update): the first
    command brings it to head instead of failing on a new column (window.name_en once). The
    downgrade on the way is a test too: SQLite would not copy a table others refer to."""
    from alembic import command

    from hallapp.cli.main import main

    cfg = schema.alembic_config(hall_db)
    with hall_db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-2")
    assert schema.current_revision(hall_db) != schema.HEAD
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    assert main(["--db", hall_db.url, "--user", "supervisor1", "queue", "status",
                 "--json"]) == 0
    assert "windows" in capsys.readouterr().out
    assert schema.current_revision(hall_db) == schema.HEAD
    assert _diff(hall_db) == []


def test_a_database_newer_than_the_program_says_so(
        hall_db: Database, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One machine updated before the others: the rest failed with alembic's English
    "Can't locate revision" as an internal error."""
    from hallapp.cli.main import main

    with hall_db.writer.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    assert main(["--db", hall_db.url, "--user", "supervisor1", "queue", "status"]) == 13
    err = capsys.readouterr().err
    assert f"结构版本 9999 比本程序（最新 {schema.HEAD}）新" in err
    assert "内部错误" not in err
    with pytest.raises(StateError) as refused:
        schema.upgrade(hall_db)  # as every client does at start
    assert refused.value.code == "db_newer"


def test_every_migration_undoes_on_a_populated_database(hall_db: Database) -> None:
    """Down to the first revision and up again with the demo hall's rows in place: on SQLite
    a downgrade that copied a table others refer to (batch mode) failed on foreign keys."""
    from alembic import command

    for target in ("0001", "head"):
        cfg = schema.alembic_config(hall_db)
        with hall_db.writer.begin() as conn:
            cfg.attributes["connection"] = conn
            (command.downgrade if target == "0001" else command.upgrade)(cfg, target)
    assert schema.current_revision(hall_db) == schema.HEAD
    assert _diff(hall_db) == []
