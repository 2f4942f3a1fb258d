"""Bring any database to the head revision with Alembic (the app and ``hallapp db upgrade``).

The migrations live in the repository's ``db/`` folder; the installed package finds them
next to itself (editable install) or through HALLAPP_MIGRATIONS.

Every client migrates at start, and nearly always there is nothing to do: a plain read of
``alembic_version`` against ``HEAD`` answers that, and Alembic itself (~0.2 s and ~15 MB at
each client start) is imported only when an upgrade is due.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select, text
from sqlalchemy.exc import DBAPIError

from hallapp.core.errors import DomainError, PermissionDenied, StateError
from hallapp.store.engine import is_disk_error, is_privilege_error
from hallapp.store.feed_log import SystemAudit
from hallapp.store.models import FeedHead
from hallapp.store.rawsql import RawSQL
from hallapp.store.uow import Database

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration in db/versions; tests/store/test_migrations.py checks it is Alembic's head.
HEAD = "0020"


def migrations_dir() -> Path:
    env = os.environ.get("HALLAPP_MIGRATIONS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "db"


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision(db: Database) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(db)).get_current_head()


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.reader.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions(db: Database) -> list[str]:
    """Every revision this program's migrations know, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(db))
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def migrate_on(conn: Connection, db: Database, revision: str) -> None:
    """Bring the schema reached through ``conn`` to ``revision``, up or down, inside the
    transaction ``conn`` is in (a restore: nothing of it stays if the restore fails).

    Going down is only ever done on an empty database (a restore of an older backup into a
    database created by this program): the downgrades drop columns and tables."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    cfg = alembic_config(db)
    cfg.attributes["connection"] = conn
    current = MigrationContext.configure(conn).get_current_revision()
    order = known_revisions(db)
    if current is None or order.index(current) < order.index(revision):
        command.upgrade(cfg, revision)
    elif current != revision:
        command.downgrade(cfg, revision)


def _stored_revision(db: Database) -> str | None:
    """The revision in ``alembic_version`` (None if there is none, or no such table)."""
    try:
        with db.reader.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            conn.rollback()
    except DBAPIError as exc:  # a new database: no table yet
        if is_privilege_error(exc):
            raise privilege_error(db, exc) from None
        return None
    return None if row is None else str(row[0])


def privilege_error(db: Database, exc: DBAPIError) -> PermissionDenied:
    """The database account may not create or read hallapp's tables: said with what to do,
    instead of an internal error ("permission denied for schema public")."""
    url = db.writer.url
    user, name = url.username or "?", url.database or "?"
    reason = (str(exc.orig or exc).splitlines() or [""])[0]
    return PermissionDenied(
        f"数据库账号 {user} 在 {db.safe_url} 上权限不足（{reason}）：hallapp 的账号须是该数据库的"
        f"所有者（PostgreSQL 15 起，只有所有者能在 public 模式中建表）。请由管理员执行 "
        f"createdb -O {user} {name} 建库，或 ALTER DATABASE {name} OWNER TO {user}（已有的"
        f"表也须属于该账号）；见 README「Several machines」", code="db_privilege",
        user=user, database=name, reason=reason)


def upgrade(db: Database) -> str | None:
    """Migrate to head and make sure the singleton rows exist; returns the revision."""
    if _stored_revision(db) == HEAD:
        _ensure_feed_head(db)
        return HEAD
    from alembic import command

    from hallapp.store.setup_lock import setup_lock

    cfg = alembic_config(db)
    with setup_lock(db):  # two terminals starting at once on an older database: in turn
        _refuse_newer(cfg, _stored_revision(db), db)
        try:
            with db.writer.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                _audit_renames(conn, cfg.attributes.get("staff_renamed") or [], db)
        except DBAPIError as exc:
            if is_privilege_error(exc):
                raise privilege_error(db, exc) from None
            raise
        _ensure_feed_head(db)
    return current_revision(db)


def _audit_renames(conn: Connection, renamed: list[tuple[int, str, str]], db: Database) -> None:
    """The accounts migration 0011 renamed (names differing only in case), in the audit log
    by the system, in the migration's transaction: it said so only in a warning on stderr."""
    if not renamed:
        return
    raw = RawSQL(conn)
    _ensure_feed_head_in(raw)
    entries = SystemAudit("migration")
    for ident, old, new in renamed:
        entries.audit("staff_rename", "staff", ident, before={"username": old},
                      after={"username": new})
    entries.write(raw, db.clock())


def _refuse_newer(cfg: Config, stored: str | None, db: Database) -> None:
    """A revision this program does not know was written by a newer hallapp (one machine
    updated before the others): say so, instead of alembic's English internal error."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    if stored is None:
        return
    try:
        ScriptDirectory.from_config(cfg).get_revision(stored)
    except CommandError:
        raise StateError(f"数据库 {db.safe_url} 的结构版本 {stored} 比本程序（最新 {HEAD}）新："
                         "请把本机的 hallapp 升级到与其他终端相同的版本", code="db_newer",
                         stored=stored, head=HEAD) from None


def ready_for_login(db: Database) -> None:
    """Before a command or a client logs in: the database exists, answers and holds a hall
    with its accounts (said in words here, not as "用户名或密码错误" or an internal error on
    the first query), and is at head (``upgrade_if_behind``). It never creates a database:
    SQLite would have made an empty file at a mistyped path, and a client migrated it."""
    missing = missing_file(db)
    if missing is not None:
        raise StateError(f"数据库文件 {missing} 不存在：请检查数据库地址（--db 或 "
                         "HALLAPP_DB_URL）；新的大厅先运行 hallapp init 建库",
                         code="db_missing", path=missing)
    _refuse_read_only(db)
    try:
        with db.reader.connect() as conn:
            conn.rollback()
    except DBAPIError as exc:
        reason = (str(exc.orig or exc).splitlines() or [""])[0]
        if is_disk_error(exc):
            raise DomainError(f"数据库 {db.safe_url} 所在的磁盘已满或无法写入，请清理磁盘空间："
                              f"{reason}", code="db_disk", url=db.safe_url) from None
        raise DomainError(f"无法连接数据库 {db.safe_url}：{reason}", code="db_unreachable",
                          url=db.safe_url) from None
    if _stored_revision(db) is None:
        raise StateError(f"数据库 {db.safe_url} 尚未初始化：请先运行 hallapp init",
                         code="db_not_initialised", url=db.safe_url)
    _refuse_no_hall(db)
    upgrade_if_behind(db)


def missing_file(db: Database) -> str | None:
    """The path of a SQLite database file that does not exist (connecting would create it)."""
    path = db.writer.url.database if db.is_sqlite else None
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return None if os.path.exists(path) else os.path.abspath(path)


def _refuse_read_only(db: Database) -> None:
    """A SQLite file this account cannot write (or whose folder it cannot write while the
    WAL file is still to be made): reading worked and the first write failed, after the
    login, as "无法连接数据库，请稍候，系统将自动重试"."""
    path = db.writer.url.database if db.is_sqlite else None
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    folder = os.path.dirname(os.path.abspath(path))
    if os.access(path, os.W_OK) and (os.path.exists(f"{path}-wal")
                                      or os.access(folder, os.W_OK)):
        return
    raise DomainError(f"数据库文件 {os.path.abspath(path)} 只读：本机账号不能写入该文件或其所在"
                      "目录，请检查权限", code="db_readonly", path=os.path.abspath(path))


def _refuse_no_hall(db: Database) -> None:
    """A database migrated (``hallapp db upgrade``) but never given a hall, or one an older
    ``init`` left without accounts: every login was refused as a wrong password. Plain SQL,
    valid at every revision (a database behind is migrated only after this)."""
    with db.reader.connect() as conn:
        hall = conn.execute(text("SELECT name FROM hall ORDER BY id LIMIT 1")).scalar()
        accounts = conn.execute(text("SELECT count(*) FROM staff")).scalar()
        conn.rollback()
    if hall is None:
        raise StateError(f"数据库 {db.safe_url} 中没有大厅：请先运行 hallapp init",
                         code="db_not_initialised", url=db.safe_url)
    if not accounts:
        raise StateError(f"数据库中的大厅「{hall}」没有任何账号（上次 hallapp init 未完成）："
                         "请再运行一次 hallapp init（演示大厅为 hallapp init --demo）完成它",
                         code="init_unfinished", hall=str(hall), command="hallapp init [--demo]")


def upgrade_if_behind(db: Database) -> None:
    """A database older than this program is brought to head first (a command run after a
    software update would otherwise fail on a missing column); a current one costs one read,
    and a database never initialised is left alone for ``hallapp init`` to create."""
    stored = _stored_revision(db)
    if stored is not None and stored != HEAD:
        upgrade(db)


def _ensure_feed_head(db: Database) -> None:
    with db.writer.begin() as conn:
        if conn.execute(select(FeedHead.id)).first() is None:
            conn.execute(insert(FeedHead).values(id=1, audit_seq=0, event_seq=0,
                                                 audit_hash="0" * 64))


def _ensure_feed_head_in(raw: RawSQL) -> None:
    if raw.row("SELECT id FROM feed_head WHERE id = 1") is None:
        raw.run("INSERT INTO feed_head (id, audit_seq, audit_hash, event_seq) "
                "VALUES (1, 0, :h, 0)", h="0" * 64)
