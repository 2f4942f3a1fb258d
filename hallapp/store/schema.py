"""Bring any database to the head revision with Alembic (the app and ``hallapp db upgrade``).

The migrations live in the repository's ``db/`` folder; the installed package finds them
next to itself (editable install) or through HALLAPP_MIGRATIONS.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, select

from hallapp.store.models import FeedHead
from hallapp.store.uow import Database


def migrations_dir() -> Path:
    env = os.environ.get("HALLAPP_MIGRATIONS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "db"


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision(db: Database) -> str | None:
    return ScriptDirectory.from_config(alembic_config(db)).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.reader.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database) -> str | None:
    """Migrate to head and make sure the singleton rows exist; returns the revision."""
    cfg = alembic_config(db)
    with db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    _ensure_feed_head(db)
    return current_revision(db)


def _ensure_feed_head(db: Database) -> None:
    with db.writer.begin() as conn:
        if conn.execute(select(FeedHead.id)).first() is None:
            conn.execute(insert(FeedHead).values(id=1, audit_seq=0, event_seq=0,
                                                 audit_hash="0" * 64))
