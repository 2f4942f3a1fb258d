"""Backup and restore: a consistent online copy, portable between SQLite and PostgreSQL.

The backup is one gzip file of JSON lines: a header (format, schema revision, table list),
then every row of every table in dependency order, then an end line with the number of rows
of each table. It is read inside a single read transaction (a snapshot on both engines:
SQLite WAL readers see one consistent state, PostgreSQL runs it REPEATABLE READ), so
terminals keep working while it runs. The file is readable by its owner only: it holds ID
numbers and password hashes. The backup checks the audit log's hash chain as it copies it:
a broken chain is reported (log, result, the backup's own audit entry), never a reason not
to write the backup — the data matter most.

A restore goes into an empty database, in one transaction that commits only if the end
line's counts match what was read (a file cut short lost rows of tables the audit chain does
not cover) and the audit chain verifies (or the caller accepts it broken, which the
restore's audit entry records); otherwise nothing of it stays. The file's rows fit the
schema revision of the program that wrote it, so the restore first brings the empty database
to that revision, loads the rows, then migrates them to this program's head as any update
would: a backup taken before a software update restores after it. One written by a newer
program (a revision these migrations do not know) is refused. Backups made before the end
line existed (no ``version`` in the header) restore without the count check.
"""

from __future__ import annotations

import base64
import gzip
import json
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError
from sqlalchemy.types import Date, LargeBinary

from hallapp.core.audit_chain import ChainEntry, ChainProblem, normal_json, verify_chain
from hallapp.core.errors import DomainError, NotFound, OutputError, StateError, ValidationError
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, Database, action
from hallapp.store import schema
from hallapp.store.base import UTCDateTime
from hallapp.store.engine import is_disk_error, is_write_refused
from hallapp.store.feed_log import LogRows, number_log, read_head, write_log
from hallapp.store.models import AuditEntry, Base, FeedHead
from hallapp.store.rawsql import RawSQL
from hallapp.store.setup_lock import setup_lock

FORMAT = "hallapp-backup"
VERSION = 2  # 2: the end line with the row counts
BATCH = 2000
log = logging.getLogger("hallapp.backup")


@dataclass(frozen=True)
class BackupResult:
    path: str
    tables: int
    rows: int
    revision: str | None  # the schema revision of the rows in the file
    # The first audit entry the hash chain fails at, and why (None: the chain is intact).
    audit_broken_at: int | None = None
    audit_problem: str | None = None
    audit_problem_code: str | None = None  # its code (``core.audit_chain``), for its English
    # Whether the backup is in the audit log: a database whose disk is full, or that is
    # read-only, cannot take the entry, and the backup is written all the same.
    audited: bool = True
    migrated_to: str | None = None  # a restore: the revision the rows were brought to


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
        total, revision, problems = _write(ctx, tmp)
        tmp.replace(target)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"无法写入备份文件 {target}：{reason}", code="backup_not_written",
                          path=str(target), reason=reason) from exc
    finally:
        tmp.unlink(missing_ok=True)  # whatever stopped it: no half-written .part left
    after: dict[str, Any] = {"path": str(target), "rows": total}
    broken = problems[0] if problems else None
    if broken is not None:
        log.warning("backup %s: the audit chain is broken at entry %s (%s); backup written",
                    target, broken.entry_id, broken.problem)
        after.update(audit_broken_at=broken.entry_id, audit_problem=broken.problem)
    try:
        with ctx.uow() as uow:
            uow.audit("backup", "database", None, after=after)
            uow.commit()
        audited = True
    except DBAPIError as exc:
        if not is_write_refused(exc):
            raise
        # The disk is full or the database read-only: the file is whole and is what matters.
        log.warning("backup %s written, but not audited: the database takes no writes (%s)",
                    target, exc.orig or exc)
        audited = False
    return BackupResult(str(target), len(Base.metadata.sorted_tables), total, revision,
                        *_broken_at(problems), audited=audited)


def _write(ctx: Ctx, tmp: Path) -> tuple[int, str | None, list[ChainProblem]]:
    tables = Base.metadata.sorted_tables
    counts: dict[str, int] = {}
    problems: list[ChainProblem] = []
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
                written = _written(out, table.name, _rows(conn, table), counts)
                if table.name == AuditEntry.__tablename__:  # checked as it is copied
                    problems = verify_chain((_chain_entry(r) for r in written), *_head(conn))
                else:
                    deque(written, maxlen=0)  # the rows are written as they are read
            out.write(json.dumps({"end": counts}) + "\n")
    return sum(counts.values()), revision, problems


def _written(out: TextIO, name: str, rows: Iterable[dict[str, Any]],
             counts: dict[str, int]) -> Iterator[dict[str, Any]]:
    for row in rows:
        out.write(json.dumps({"t": name, "r": row}, ensure_ascii=False) + "\n")
        counts[name] += 1
        yield row


def _chain_entry(r: Any) -> ChainEntry:
    at = r["at"] if isinstance(r["at"], str) else r["at"].isoformat()
    return ChainEntry(r["id"], at, r["actor"], r["action"], r["entity"], r["entity_id"],
                      r["before"], r["after"], r["prev_hash"], r["hash"])


def _head(conn: Connection) -> tuple[int | None, str | None]:
    head = FeedHead.__table__
    top = conn.execute(select(head.c.audit_seq, head.c.audit_hash)).first()
    return (top[0], top[1]) if top else (None, None)


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def restore(ctx: Ctx, path: str | Path, *, accept_broken_audit: bool = False) -> BackupResult:
    """Load a backup into an empty database (of any revision this program knows, or none).

    ``accept_broken_audit``: restore a backup whose audit chain does not verify (the hall's
    own database was broken when it was taken); the restore's audit entry says where."""
    source = Path(path)
    if not source.is_file():
        raise NotFound(f"备份文件不存在：{source}", field="path", code="no_file",
                       path=str(source))
    if not os.access(source, os.R_OK):  # not readable by this user: not a damaged file
        raise OutputError(f"无法读取备份文件 {source}：没有读取权限", code="backup_not_read",
                          path=str(source))
    db = ctx.db
    try:
        with gzip.open(source, "rt", encoding="utf-8") as src:
            lines = _lines(src, source)
            header = _header(next(lines, (1, ""))[1], db, source)
            with setup_lock(db), db.writer.begin() as conn:
                total, problems = _restore_in(conn, ctx, header, lines, source,
                                              accept_broken_audit)
    except DBAPIError as exc:
        if is_disk_error(exc):
            raise DomainError(f"数据库 {db.safe_url} 所在的磁盘已满或无法写入，未恢复任何数据："
                              "请清理磁盘空间后再恢复", code="db_disk", url=db.safe_url) from exc
        if isinstance(exc, OperationalError):
            raise  # the database went away or is held by another process: said by the caller
        raise _bad(source, f"数据库拒绝了其中的数据：{type(exc.orig or exc).__name__}") from exc
    except StatementError as exc:  # a value of the wrong type for its column
        raise _bad(source, f"数据不符：{type(exc.orig or exc).__name__}") from exc
    return BackupResult(str(source), len(header["tables"]), total, header["revision"],
                        *_broken_at(problems), migrated_to=schema.HEAD)


def _restore_in(conn: Connection, ctx: Ctx, header: dict[str, Any],
                lines: Iterator[tuple[int, str]], source: Path,
                accept_broken_audit: bool) -> tuple[int, list[ChainProblem]]:
    """The restore, in its one transaction: the rows, at their revision, then at head."""
    revision = header["revision"]
    _prepare(conn, ctx.db, revision)
    tables = _tables_at(conn, header["tables"], source)
    total = _load(conn, lines, tables, header.get("version") is not None, source)
    schema.migrate_on(conn, ctx.db, schema.HEAD)  # as any update would
    _reset_sequences(conn, Base.metadata.tables)
    problems = _chain_problems(conn)
    after: dict[str, Any] = {"path": str(source), "rows": total, "revision": revision}
    if problems:
        first = problems[0]
        if not accept_broken_audit:
            raise StateError(f"备份中的审计链在第 {first.entry_id} 条记录处校验失败"
                             f"（{first.problem}），备份文件可能被改动，未恢复任何数据；"
                             "确认仍要恢复，请加 --accept-broken-audit（恢复会记入审计日志）",
                             code="audit_broken", audit_entry=first.entry_id)
        after.update(audit_broken_at=first.entry_id, audit_problem=first.problem)
        log.warning("restore %s: audit chain broken at entry %s (%s), accepted",
                    source, first.entry_id, first.problem)
    # In the restore's own transaction: restored, it is in the log, or neither is.
    _audit_here(conn, ctx, action_name="restore", after=after)
    return total, problems


def _broken_at(problems: list[ChainProblem]) -> tuple[int | None, str | None, str | None]:
    first = problems[0] if problems else None
    return (None, None, None) if first is None else (first.entry_id, first.problem, first.code)


def _bad(source: Path, detail: str) -> ValidationError:
    return ValidationError(f"备份文件 {source} 已损坏或不完整（{detail}），未恢复任何数据",
                           field="path", code="bad_backup", path=str(source))


def _lines(src: TextIO, source: Path) -> Iterator[tuple[int, str]]:
    """The file's lines, numbered; a file that cannot be read on (not gzip, cut short,
    not UTF-8) is refused as the bad backup it is, whatever the database is doing."""
    number = 0
    try:
        for number, line in enumerate(src, start=1):
            yield number, line
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise _bad(source, f"第 {number + 1} 行无法读取：{type(exc).__name__}") from exc


def _header(line: str, db: Database, source: Path) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except json.JSONDecodeError:
        header = {}
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValidationError("不是 hallapp 备份文件", field="path", code="bad_backup",
                              why="not_backup")
    revision, tables = header.get("revision"), header.get("tables")
    if not isinstance(revision, str) or not isinstance(tables, list):
        raise _bad(source, "文件头缺少结构版本或表清单")
    version = header.get("version")
    if revision not in schema.known_revisions(db) or (
            isinstance(version, int) and version > VERSION):
        raise StateError(f"备份 {source} 由更新版本的 hallapp 制作（结构版本 {revision}，"
                         f"本程序最新 {schema.HEAD}）：请先把本机的 hallapp 升级到制作备份的"
                         "版本或更新的版本，再恢复", code="backup_newer", revision=revision,
                         head=schema.HEAD)
    return header


def _prepare(conn: Connection, db: Database, revision: str) -> None:
    """Refuse a database that holds a hall; bring the empty one to the backup's revision
    and clear what the migrations seed (the backup carries its own copies of those rows)."""
    current = _revision(conn)
    if current is None:
        names = inspect(conn).get_table_names()
        if names:
            raise StateError(f"目标数据库不为空（已有表 {', '.join(sorted(names)[:3])} 等，"
                             "但没有 hallapp 结构版本），只能恢复到空数据库", code="not_empty")
    else:
        if current not in schema.known_revisions(db):
            raise StateError(f"数据库 {db.safe_url} 的结构版本 {current} 比本程序（最新 "
                             f"{schema.HEAD}）新：请把本机的 hallapp 升级到与其他终端相同的版本",
                             code="db_newer", stored=current, head=schema.HEAD)
        for name in ("hall", "ticket", "audit_log", "staff"):  # at every revision
            if conn.scalar(select(func.count()).select_from(Base.metadata.tables[name])):
                raise StateError(f"目标数据库不为空（表 {name} 有数据），只能恢复到空数据库",
                                 code="not_empty")
    schema.migrate_on(conn, db, revision)
    present = set(inspect(conn).get_table_names())
    for table in reversed(Base.metadata.sorted_tables):
        if table.name in present:
            conn.execute(table.delete())


def _tables_at(conn: Connection, names: list[Any], source: Path) -> dict[str, Table]:
    """The tables the file names, as they are at its revision: only the columns that
    revision has (a column added later is not in the rows, and the model's default for it
    must not be sent to a table without it), typed as the model types them."""
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    meta, out = MetaData(), {}
    for name in names:
        if not isinstance(name, str) or name not in present:
            raise _bad(source, f"表 {name} 不属于备份的结构版本")
        model = Base.metadata.tables.get(name)
        out[name] = Table(name, meta, *(
            Column(c["name"], model.c[c["name"]].type
                   if model is not None and c["name"] in model.c else c["type"])
            for c in inspector.get_columns(name)))
    return out


def _load(conn: Connection, lines: Iterator[tuple[int, str]], tables: dict[str, Table],
          counted: bool, source: Path) -> int:
    """Insert every row; with ``counted`` (a backup with an end line) the end line must come
    last and name exactly the rows read, table by table."""
    total, current = 0, None
    batch: list[dict[str, Any]] = []
    read: dict[str, int] = {}
    end: dict[str, int] | None = None
    for number, line in lines:
        if end is not None:
            raise ValidationError("备份文件在结尾记录之后还有内容", field="path",
                                  code="bad_backup")
        try:
            rec = json.loads(line)
            if "end" in rec:
                end = dict(rec["end"])
                continue
            name, row = rec["t"], rec["r"]
            table = tables[name]
            if not set(row) <= set(table.c.keys()):
                raise KeyError(", ".join(sorted(set(row) - set(table.c.keys()))))
            decoded = _decode(table, row)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _bad(source, f"第 {number} 行：{type(exc).__name__} {exc}") from exc
        read[name] = read.get(name, 0) + 1
        if name != current and batch:
            conn.execute(insert(tables[current]), batch)  # type: ignore[index]
            batch = []
        current = name
        batch.append(decoded)
        total += 1
        if len(batch) >= BATCH:
            conn.execute(insert(table), batch)
            batch = []
    if batch:
        conn.execute(insert(tables[current]), batch)  # type: ignore[index]
    if counted and (end is None or {k: v for k, v in end.items() if v} != read):
        raise ValidationError("备份文件不完整（结尾记录缺失或行数不符），可能被截断，"
                              "未恢复任何数据", field="path", code="backup_truncated")
    return total


def _reset_sequences(conn: Connection, tables: Any) -> None:
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


def _chain_problems(conn: Connection) -> list[ChainProblem]:
    """The restored audit chain, read in the restore's own transaction before it commits."""
    log_table = AuditEntry.__table__
    rows = conn.execution_options(yield_per=BATCH).execute(
        select(log_table).order_by(log_table.c.id)).mappings()  # streamed: years of entries
    return verify_chain((_chain_entry(r) for r in rows), *_head(conn))


def _audit_here(conn: Connection, ctx: Ctx, *, action_name: str, after: Any) -> None:
    """One audit entry written in ``conn``'s transaction (a unit of work opens its own)."""
    raw, rows = RawSQL(conn), LogRows([], [])
    entry = {"action": action_name, "entity": "database", "entity_id": None,
             "before": None, "after": normal_json(after)}
    head = number_log(raw, read_head(raw), ctx.actor, ctx.terminal, ctx.clock(), [entry], [],
                      rows)
    write_log(raw, rows, head)
