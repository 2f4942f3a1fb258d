"""Backup and restore: a consistent online copy, portable between SQLite and PostgreSQL.

The backup is one gzip file of JSON lines: a header (format, schema revision, table list),
then every row of every table in dependency order. It is read inside a single read
transaction (a snapshot on both engines: SQLite WAL readers see one consistent state,
PostgreSQL runs it REPEATABLE READ), so terminals keep working while it runs. A restore goes
into an empty database at the same schema revision, in one transaction, and is checked by
verifying the audit chain before it commits.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Integer, Table, func, insert, select, text
from sqlalchemy.types import Date, LargeBinary

from hallapp.core.errors import NotFound, StateError, ValidationError
from hallapp.core.roles import SYSTEM_ACTOR, Perm
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx, action
from hallapp.store import schema
from hallapp.store.base import UTCDateTime
from hallapp.store.models import Base

FORMAT = "hallapp-backup"
BATCH = 2000


@dataclass(frozen=True)
class BackupResult:
    path: str
    tables: int
    rows: int
    revision: str | None


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for col in table.columns:
        value = out.get(col.name)
        if value is None:
            continue
        if isinstance(col.type, UTCDateTime):
            out[col.name] = datetime.fromisoformat(value)
        elif isinstance(col.type, Date):
            out[col.name] = date.fromisoformat(value)
        elif isinstance(col.type, LargeBinary):
            out[col.name] = base64.b64decode(value)
    return out


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    pk = list(table.primary_key.columns)
    result = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*pk))
    for row in result.mappings():
        yield {k: _encode(v) for k, v in row.items()}


@action(Perm.BACKUP)
def backup(ctx: Ctx, path: str | Path) -> BackupResult:
    target = Path(path)
    tmp = target.with_suffix(target.suffix + ".part")
    tables = Base.metadata.sorted_tables
    total = 0
    with ctx.db.reader.connect() as conn:
        if not ctx.db.is_sqlite:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin(), gzip.open(tmp, "wt", encoding="utf-8") as out:
            revision = _revision(conn)
            header = {"format": FORMAT, "revision": revision,
                      "tables": [t.name for t in tables], "at": ctx.clock().isoformat()}
            out.write(json.dumps(header, ensure_ascii=False) + "\n")
            for table in tables:
                for row in _rows(conn, table):
                    out.write(json.dumps({"t": table.name, "r": row}, ensure_ascii=False) + "\n")
                    total += 1
    tmp.replace(target)
    with ctx.uow() as uow:
        uow.audit("backup", "database", None, after={"path": str(target), "rows": total})
        uow.commit()
    return BackupResult(str(target), len(tables), total, revision)


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def restore(ctx: Ctx, path: str | Path) -> BackupResult:
    """Load a backup into an empty database (the caller has migrated it to head)."""
    source = Path(path)
    if not source.exists():
        raise NotFound(f"备份文件不存在：{source}", field="path", code="no_file")
    schema.upgrade(ctx.db)
    tables = {t.name: t for t in Base.metadata.tables.values()}
    with gzip.open(source, "rt", encoding="utf-8") as src, ctx.db.writer.begin() as conn:
        header = _header(src.readline(), conn)
        _require_empty(conn, tables)
        total = _load(conn, src, tables)
        _reset_sequences(conn, tables)
    report = _verify(ctx)
    if not report:
        raise StateError("恢复后审计链校验失败，备份文件可能被改动", code="audit_broken")
    return BackupResult(str(source), len(header["tables"]), total, header["revision"])


def _header(line: str, conn: Connection) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except json.JSONDecodeError:
        header = {}
    if header.get("format") != FORMAT:
        raise ValidationError("不是 hallapp 备份文件", field="path", code="bad_backup")
    if header.get("revision") != _revision(conn):
        raise StateError(f"备份的数据库版本 {header.get('revision')} 与当前版本 "
                         f"{_revision(conn)} 不同，请先用同版本程序恢复", code="revision_mismatch")
    return header  # type: ignore[no-any-return]


def _require_empty(conn: Connection, tables: dict[str, Table]) -> None:
    for name in ("hall", "ticket", "audit_log", "staff"):
        if conn.scalar(select(func.count()).select_from(tables[name])):
            raise StateError(f"目标数据库不为空（表 {name} 有数据），只能恢复到空数据库",
                             code="not_empty")
    # What is left is what the migrations seed (the feed head, the KPI summary mark): the
    # backup carries its own copies of those rows.
    for table in reversed(Base.metadata.sorted_tables):
        conn.execute(table.delete())


def _load(conn: Connection, src: Any, tables: dict[str, Table]) -> int:
    total, current = 0, None
    batch: list[dict[str, Any]] = []
    for line in src:
        rec = json.loads(line)
        if rec["t"] != current and batch:
            conn.execute(insert(tables[current]), batch)  # type: ignore[index]
            batch = []
        current = rec["t"]
        batch.append(_decode(tables[current], rec["r"]))
        total += 1
        if len(batch) >= BATCH:
            conn.execute(insert(tables[current]), batch)
            batch = []
    if batch:
        conn.execute(insert(tables[current]), batch)  # type: ignore[index]
    return total


def _reset_sequences(conn: Connection, tables: dict[str, Table]) -> None:
    """PostgreSQL identity sequences must continue after the restored ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables.values():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        # pg_get_serial_sequence is NULL for ids we number ourselves; setval(NULL) is a no-op.
        # Names are quoted: "window" is a reserved word in PostgreSQL.
        quote = conn.dialect.identifier_preparer.quote
        name, col = quote(table.name), quote(pk[0].name)
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:table, :col), "
            f"COALESCE((SELECT MAX({col}) FROM {name}), 0) + 1, false)"),
            {"table": name, "col": pk[0].name})


def _verify(ctx: Ctx) -> bool:
    return verify_audit(ctx.acting_as(SYSTEM_ACTOR)).ok
