"""Backup and restore: a consistent online copy, portable between SQLite and PostgreSQL.

The backup is one gzip file of JSON lines: a header (format, schema revision, table list),
then every row of every table in dependency order, then an end line with the number of rows
of each table. It is read inside a single read transaction (a snapshot on both engines:
SQLite WAL readers see one consistent state, PostgreSQL runs it REPEATABLE READ), so
terminals keep working while it runs. The file is readable by its owner only: it holds ID
numbers and password hashes.

A restore goes into an empty database at the same schema revision, in one transaction that
commits only if the end line's counts match what was read (a file cut short lost rows of
tables the audit chain does not cover) and the audit chain verifies; otherwise nothing of it
stays. Backups made before the end line existed (no ``version`` in the header) restore
without the count check.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Integer, Table, func, insert, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.types import Date, LargeBinary

from hallapp.core.audit_chain import ChainEntry, verify_chain
from hallapp.core.errors import NotFound, OutputError, StateError, ValidationError
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.store import schema
from hallapp.store.base import UTCDateTime
from hallapp.store.models import AuditEntry, Base, FeedHead

FORMAT = "hallapp-backup"
VERSION = 2  # 2: the end line with the row counts
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
    try:
        total, revision = _write(ctx, tmp)
        tmp.replace(target)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"无法写入备份文件 {target}：{reason}", code="backup_not_written",
                          path=str(target), reason=reason) from exc
    finally:
        tmp.unlink(missing_ok=True)  # whatever stopped it: no half-written .part left
    with ctx.uow() as uow:
        uow.audit("backup", "database", None, after={"path": str(target), "rows": total})
        uow.commit()
    return BackupResult(str(target), len(Base.metadata.sorted_tables), total, revision)


def _write(ctx: Ctx, tmp: Path) -> tuple[int, str | None]:
    tables = Base.metadata.sorted_tables
    counts: dict[str, int] = {}
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a .part left by an older version keeps its mode otherwise
    with os.fdopen(fd, "wb") as raw, ctx.db.reader.connect() as conn:
        if not ctx.db.is_sqlite:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin(), gzip.open(raw, "wt", encoding="utf-8") as out:
            revision = _revision(conn)
            header = {"format": FORMAT, "version": VERSION, "revision": revision,
                      "tables": [t.name for t in tables], "at": ctx.clock().isoformat()}
            out.write(json.dumps(header, ensure_ascii=False) + "\n")
            for table in tables:
                counts[table.name] = 0
                for row in _rows(conn, table):
                    out.write(json.dumps({"t": table.name, "r": row}, ensure_ascii=False) + "\n")
                    counts[table.name] += 1
            out.write(json.dumps({"end": counts}) + "\n")
    return sum(counts.values()), revision


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def restore(ctx: Ctx, path: str | Path) -> BackupResult:
    """Load a backup into an empty database (the caller has migrated it to head)."""
    source = Path(path)
    if not source.is_file():
        raise NotFound(f"备份文件不存在：{source}", field="path", code="no_file")
    schema.upgrade(ctx.db)
    tables = {t.name: t for t in Base.metadata.tables.values()}
    try:
        with gzip.open(source, "rt", encoding="utf-8") as src, \
                ctx.db.writer.begin() as conn:
            header = _header(src.readline(), conn)
            _require_empty(conn, tables)
            total = _load(conn, src, tables, header.get("version") is not None)
            _reset_sequences(conn, tables)
            _verify_chain(conn)  # raises: the transaction rolls back, nothing stays
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError, KeyError,
            TypeError, ValueError, StatementError) as exc:
        raise ValidationError(f"备份文件 {source} 已损坏或不完整（{type(exc).__name__}），"
                              "未恢复任何数据", field="path", code="bad_backup") from exc
    with ctx.uow() as uow:
        uow.audit("restore", "database", None, after={"path": str(source), "rows": total})
        uow.commit()
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


def _load(conn: Connection, src: Any, tables: dict[str, Table], counted: bool) -> int:
    """Insert every row; with ``counted`` (a backup with an end line) the end line must come
    last and name exactly the rows read, table by table."""
    total, current = 0, None
    batch: list[dict[str, Any]] = []
    read: dict[str, int] = {}
    end: dict[str, int] | None = None
    for line in src:
        rec = json.loads(line)
        if end is not None:
            raise ValidationError("备份文件在结尾记录之后还有内容", field="path",
                                  code="bad_backup")
        if "end" in rec:
            end = rec["end"]
            continue
        read[rec["t"]] = read.get(rec["t"], 0) + 1
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
    if counted and (end is None or {k: v for k, v in end.items() if v} != read):
        raise ValidationError("备份文件不完整（结尾记录缺失或行数不符），可能被截断，"
                              "未恢复任何数据", field="path", code="backup_truncated")
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


def _verify_chain(conn: Connection) -> None:
    """The restored audit chain, read in the restore's own transaction before it commits."""
    log, head = AuditEntry.__table__, FeedHead.__table__
    rows = conn.execution_options(yield_per=BATCH).execute(
        select(log).order_by(log.c.id)).mappings()  # streamed: years of entries
    entries = (ChainEntry(r["id"], r["at"].isoformat(), r["actor"], r["action"], r["entity"],
                          r["entity_id"], r["before"], r["after"], r["prev_hash"], r["hash"])
               for r in rows)
    top = conn.execute(select(head.c.audit_seq, head.c.audit_hash)).first()
    if verify_chain(entries, top[0] if top else None, top[1] if top else None):
        raise StateError("备份中的审计链校验失败，备份文件可能被改动，未恢复任何数据",
                         code="audit_broken")
