"""init, db upgrade, --version, backup, restore, audit verify and list."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from hallapp import __version__
from hallapp.cli.cmd_admin import add_identity_options, identity_options
from hallapp.cli.common import (
    CliEnv,
    UsageError,
    add_json,
    ask_new_password,
    emit,
    int_arg,
    local_time,
    plain,
    table,
)
from hallapp.cli.lang import _, count, english
from hallapp.cli.ts_en import audit_action, audit_entity
from hallapp.core.audit_chain import PROBLEMS_EN
from hallapp.core.audit_labels import ENTITY_LABELS, action_label, entity_label
from hallapp.core.errors import OutputError
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.logs import log, setup_logging
from hallapp.services import audit as audit_svc
from hallapp.services import backup as backup_svc
from hallapp.services import batching
from hallapp.services.context import Ctx, Database, is_busy_error, is_disk_error
from hallapp.services.setup import InitResult, hall_exists, init_database
from hallapp.services.staff import check_password_rules
from hallapp.store import schema

AUDIT_BROKEN = 3  # the exit code when the audit log's hash chain does not verify


def register(sub: Any) -> None:
    p = sub.add_parser("init", help=_("建库（迁移到最新结构）并创建大厅；--demo 载入演示大厅",
                                      "Create the database (at the newest schema) and the hall; "
                                      "--demo loads the demo hall"))
    p.add_argument("--demo", action="store_true", help=_(
        "载入演示大厅（事项目录、窗口、账号）", "load the demo hall (items, windows, accounts)"))
    add_identity_options(p, "新大厅的")  # 名称 by default 政务服务中心
    add_json(p)
    p.set_defaults(func=cmd_init)

    db = sub.add_parser("db", help=_("数据库维护", "Database maintenance")
                        ).add_subparsers(dest="db_cmd", metavar="ACTION")
    up = db.add_parser("upgrade", help=_("把数据库迁移到最新结构版本",
                                         "Migrate the database to the newest schema version"))
    add_json(up)
    up.set_defaults(func=cmd_upgrade)

    b = sub.add_parser("backup", help=_("在线备份到文件（一致快照，可在 SQLite/PostgreSQL 间恢复）",
                                        "Back up online to a file (a consistent snapshot; restores "
                                        "to SQLite or PostgreSQL)"))
    b.add_argument("path", help=_("写入的备份文件路径（gzip 压缩）",
                                  "path of the backup file to write (gzip-compressed)"))
    add_json(b)
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser("restore", help=_("把备份恢复到一个空数据库",
                                         "Restore a backup into an empty database"))
    r.add_argument("path", help=_("备份文件路径（由 backup 生成，本版本或更早的版本均可）",
                                  "path of the backup file (made by backup, of this version or "
                                  "an earlier one)"))
    r.add_argument("--accept-broken-audit", action="store_true",
                   help=_("审计链校验失败的备份也恢复（恢复记录会写明审计链在哪一条断开）",
                          "restore a backup whose audit chain does not verify too (the "
                          "restore's record says where the chain breaks)"))
    add_json(r)
    r.set_defaults(func=cmd_restore)

    a = sub.add_parser("audit", help=_("审计日志", "Audit log")
                       ).add_subparsers(dest="audit_cmd", metavar="ACTION")
    v = a.add_parser("verify", help=_("校验审计日志哈希链，指出被改动的记录",
                                      "Verify the audit log's hash chain, naming entries changed"))
    add_json(v)
    v.set_defaults(func=cmd_audit_verify)
    ls = a.add_parser("list", help=_("最近的审计记录", "The latest audit log entries"))
    ls.add_argument("--limit", type=int_arg, default=50,
                    help=_("最多显示的条数（默认 50）", "most entries shown (default 50)"))
    ls.add_argument("--entity", choices=list(ENTITY_LABELS), metavar="ENTITY",
                    help=_("只看此类对象的记录：" + "、".join(
                        f"{code} {name}" for code, name in ENTITY_LABELS.items()),
                        "only entries about this kind of object: " + ", ".join(ENTITY_LABELS)))
    ls.add_argument("--entity-id", help=_("只看此对象的记录（对象 id，与 --entity 合用）",
                                          "only entries about this object (its id, with "
                                          "--entity)"))
    add_json(ls)
    ls.set_defaults(func=cmd_audit_list)


def show_version(env: CliEnv) -> int:
    db = env.db
    missing = _missing_sqlite_file(db)
    current = (_("数据库文件不存在（hallapp init 会创建它）",
                 "the database file does not exist (hallapp init creates it)")
               if missing else _revision_text(db))
    head = schema.head_revision(db)
    log.info("version %s db %s revision %s head %s", __version__, db.safe_url, current, head)
    print(_(f"hallapp {__version__}\n数据库: {db.safe_url}\n结构版本: {current}（最新 {head}）\n"
            f"日志: {setup_logging()}",
            f"hallapp {__version__}\nDatabase: {db.safe_url}\nSchema version: {current} "
            f"(newest {head})\nLog: {setup_logging()}"))
    if db.is_sqlite and not missing:
        running = batching.writer_running(db)
        print(_(f"批量写入进程: {'运行中' if running else '未运行（各终端直接写库）'}",
                "Batch writer: " + ("running" if running else
                                    "not running (each terminal writes to the database)")))
    return 0


def _missing_sqlite_file(db: Database) -> bool:
    """A SQLite file that is not there: --version looks, it does not create one (connecting
    would, and leave an empty database where the hall was expected)."""
    path = (db.writer.url.database or "") if db.is_sqlite else ""
    if path in ("", ":memory:") or path.startswith("file:"):
        return False
    return not os.path.exists(path)


def _revision_text(db: Database) -> str:
    try:
        current = schema.current_revision(db)
    except Exception as exc:
        reason = (str(getattr(exc, "orig", None) or exc).splitlines() or [""])[0]
        log.info("version: database not read: %r", exc)
        if is_disk_error(exc):
            return _(f"（数据库所在的磁盘已满或无法读写：{reason}）",
                     f"(the database's disk is full or cannot be read or written: {reason})")
        if is_busy_error(exc):
            return _(f"（数据库被占用：{reason}）", f"(the database is busy: {reason})")
        reason = reason or type(exc).__name__
        return _(f"（无法连接：{reason}）", f"(cannot connect: {reason})")
    return current or _("未初始化（请运行 hallapp init）", "not initialised (run hallapp init)")


@contextmanager
def _migration_warnings() -> Iterator[None]:
    """What a migration warns of (an account renamed by 0011) goes to hallapp's log and the
    audit log; whoever runs ``init`` or ``db upgrade`` reads it on stderr too."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(_("hallapp: 注意：", "hallapp: note: ")
                                           + "%(message)s"))
    logger = logging.getLogger("hallapp.migrations")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def cmd_init(env: CliEnv) -> int:
    identity = identity_options(env.args)
    if identity and env.args.demo:
        raise UsageError("--name、--name-en、--address、--phone 用于新大厅，不能与 --demo 合用"
                         "（演示大厅的信息在 resources/demo/hall.json；建成后可用 hall set 修改）",
                         why="init_demo_identity")
    if identity and hall_exists(env.db):
        raise UsageError("数据库中已有大厅，init 只迁移结构：修改大厅信息请用 hallapp hall set",
                         why="init_hall_exists")
    password = None
    if not env.args.demo and not hall_exists(env.db):
        password = os.environ.get("HALLAPP_ADMIN_PASSWORD")
        if password is None and sys.stdin.isatty():
            password = ask_new_password(_("新大厅管理员 admin 的密码: ",
                                          "Password of the new hall's administrator admin: "))
        if password is None:
            print(_("hallapp: 请设置 HALLAPP_ADMIN_PASSWORD（新大厅的 admin 密码）",
                    "hallapp: set HALLAPP_ADMIN_PASSWORD (the new hall's admin password)"),
                  file=sys.stderr)
            return 2
        check_password_rules(password)
    with _migration_warnings():
        result = init_database(env.db, demo=env.args.demo, admin_password=password,
                               identity=identity)
    emit(env.args, result, lambda r: _init_text(r, env.db.safe_url))
    return 0


def _init_text(r: InitResult, url: str) -> str:
    if english():
        done = (f"Demo hall created, {count(r.items, 'service item')}; every demo account's "
                "password is demo1234" if r.created and r.demo
                else "Hall and administrator account admin created" if r.created
                else "The hall exists already: only its schema was upgraded")
        return f"The database is ready: {url} (schema version {r.revision})\n{done}"
    done = (f"已创建演示大厅，事项 {r.items} 个；演示账号密码均为 demo1234" if r.created and r.demo
            else "已创建大厅和管理员账号 admin" if r.created else "大厅已存在，仅迁移结构")
    return f"数据库已就绪：{url}（结构版本 {r.revision}）\n{done}"


def cmd_upgrade(env: CliEnv) -> int:
    with _migration_warnings():
        revision = schema.upgrade(env.db)
    emit(env.args, {"revision": revision, "db": env.db.safe_url},
         lambda r: _(f"数据库已迁移到 {r['revision']}",
                     f"The database is at schema version {r['revision']}"))
    return 0


def cmd_backup(env: CliEnv) -> int:
    path = env.args.path
    if not Path(path).name or Path(path).name == ".." or Path(path).is_dir():
        # "" and "." have no file name: an internal error in the service, not a refusal.
        empty = not path.strip()
        reason = "路径为空" if empty else "是文件夹"
        message = f"无法写入备份文件 {path}：{reason}，请给出备份文件名".replace(" ：", "：")
        raise OutputError(message, code="backup_not_written", path=path, reason=reason,
                          why="empty_path" if empty else "folder")
    result = backup_svc.backup(env.ctx(reads_only=True), path)
    emit(env.args, result, lambda r: _(
        f"已备份 {r.rows} 行（{r.tables} 张表）到 {r.path}",
        f"Backed up {count(r.rows, 'row')} ({count(r.tables, 'table')}) to {r.path}"))
    if not result.audited:
        _warn(_("数据库无法写入（磁盘已满或只读），本次备份未记入审计日志；备份文件完好",
                "the database takes no writes (its disk is full, or it is read-only): this "
                "backup is not in the audit log; the backup file is whole"))
    if result.audit_broken_at is None:
        return 0
    # Written all the same (the data matter most), but said loudly, with its own exit code:
    # a scheduled backup's mail or monitor must show it.
    _warn(_(f"审计日志哈希链在第 {result.audit_broken_at} 条记录处校验失败"
            f"（{result.audit_problem}）：备份已照常写入，但恢复它须加 --accept-broken-audit；"
            "请运行 hallapp audit verify 查看，并报告管理员",
            f"the audit log's hash chain fails its check at entry {result.audit_broken_at}, "
            f"which {_problem_en(result.audit_problem_code, result.audit_problem)}: the backup "
            "is written all the same, but restoring it takes --accept-broken-audit; run "
            "hallapp audit verify to see it, and tell the administrator"))
    return AUDIT_BROKEN


def cmd_restore(env: CliEnv) -> int:
    ctx = Ctx(env.db, SYSTEM_ACTOR, terminal="restore")
    result = backup_svc.restore(ctx, env.args.path,
                                accept_broken_audit=env.args.accept_broken_audit)
    emit(env.args, result, _restore_text)
    if result.audit_broken_at is not None:
        _warn(_(f"备份中的审计链在第 {result.audit_broken_at} 条记录处断开"
                f"（{result.audit_problem}）：已按 --accept-broken-audit 恢复，并记入审计日志",
                f"the backup's audit chain breaks at entry {result.audit_broken_at}, which "
                f"{_problem_en(result.audit_problem_code, result.audit_problem)}: restored "
                "as --accept-broken-audit asks, and recorded in the audit log"))
    return 0


def _restore_text(r: backup_svc.BackupResult) -> str:
    migrated = r.revision != r.migrated_to
    if english():
        return (f"Restored {count(r.rows, 'row')} from {r.path}"
                + (f" (the backup's schema version {r.revision}, upgraded to {r.migrated_to})"
                   if migrated else ""))
    return f"已从 {r.path} 恢复 {r.rows} 行" + (
        f"（备份的结构版本 {r.revision}，已迁移到 {r.migrated_to}）" if migrated else "")


def _problem_en(code: str | None, chinese: str | None) -> str:
    """What is wrong with an audit entry, in English by its code (else its Chinese text)."""
    return PROBLEMS_EN.get(code or "") or chinese or ""


def _warn(text: str) -> None:
    log.warning("%s", text)
    print(_("hallapp: 警告：", "hallapp: warning: ") + text, file=sys.stderr)


def cmd_audit_verify(env: CliEnv) -> int:
    report = audit_svc.verify_audit(env.ctx(reads_only=True))
    emit(env.args, report, lambda r: _(f"审计日志完好：{r.entries} 条记录",
                                       f"The audit log is intact: {r.entries} entries")
         if r.ok else _("审计日志校验失败：", "The audit log does not verify:") + "\n" +
         "\n".join(_(f"  第 {p.entry_id} 条：{p.problem}",
                     f"  entry {p.entry_id} {_problem_en(p.code, p.problem)}")
                   for p in r.problems))
    return 0 if report.ok else AUDIT_BROKEN


def cmd_audit_list(env: CliEnv) -> int:
    if env.args.entity_id and not env.args.entity:  # ids repeat across kinds of object
        raise UsageError("--entity-id 须与 --entity 合用（对象编号只在同类对象中唯一）",
                         why="entity_id_without_entity")
    rows = audit_svc.list_audit(env.ctx(reads_only=True), limit=env.args.limit,
                                entity=env.args.entity, entity_id=env.args.entity_id)
    if env.args.json:  # the row keeps the stored instant (UTC) as text: given at the hall's
        emit(env.args, [{**plain(r), "at": plain(datetime.fromisoformat(r.at))} for r in rows])
    else:
        emit(env.args, rows, _audit_text)
    return 0


def _audit_text(rows: list[audit_svc.AuditRow]) -> str:
    return table([_(("序号", "时间", "操作人", "终端", "操作", "对象", "对象编号"),
                    ("No.", "Time", "By", "Terminal", "Action", "Object", "Object id"))] + [
        (r.id, local_time(datetime.fromisoformat(r.at), "%Y-%m-%d %H:%M:%S"), r.actor,
         r.terminal, _(action_label(r.action), audit_action(r.action)),
         _(entity_label(r.entity), audit_entity(r.entity)), r.entity_id)
        for r in rows])


