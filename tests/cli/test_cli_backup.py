"""``hallapp backup``/``restore`` and the commands that only read, when the database is in
trouble: a broken audit chain, a database that takes no writes, one held by another process.

Every command logged in with an audit entry, so on a full disk or a read-only file not even a
backup to another disk or ``queue status`` ran. A backup of a broken audit chain said nothing
and could never be restored. A held database was "无法连接数据库"; ``--version`` said
"结构版本: None" and created the file it was asked about.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from clikit import Cli, make_cli
from clikit import run_main as _run
from conftest import FakeClock
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from hallapp.services import day
from hallapp.store import engine
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from backupkit import OLD, header, rewrite


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def test_an_old_backup_restores_and_a_newer_programs_is_named(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    code, out, err = _run(capsys, "--db", target, "restore", str(OLD / "hall-0010.backup.gz"))
    assert code == 0, err
    assert "备份的结构版本 0010，已迁移到" in out
    newer = rewrite(OLD / "hall-0010.backup.gz", tmp_path / "newer.backup.gz",
                    header(lambda h: h.update(revision="0099")))
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    code, _, err = _run(capsys, "--db", other, "restore", str(newer))
    assert code == 13
    assert "由更新版本的 hallapp 制作（结构版本 0099" in err


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_broken_chain_is_backed_up_with_a_warning_and_restored_on_request(
        cli: Cli, hall_db: Database, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    with hall_db.writer.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'clerk9' WHERE id = 5"))
    path = tmp_path / "hall.backup.gz"
    assert cli("admin1", "backup", str(path)) == 3  # written, and said: exit 3 as audit verify
    assert path.is_file()
    assert "已备份" in cli.out
    assert "警告：审计日志哈希链在第 5 条记录处校验失败" in cli.err
    assert "--accept-broken-audit" in cli.err
    assert cli("admin1", "audit", "verify") == 3

    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    code, _, err = _run(capsys, "--db", target, "restore", str(path))
    assert code == 13
    assert "第 5 条" in err
    assert "--accept-broken-audit" in err
    assert "未恢复任何数据" in err
    code, out, err = _run(capsys, "--db", target, "restore", str(path), "--accept-broken-audit")
    assert (code, "恢复" in out) == (0, True)
    assert "已按 --accept-broken-audit 恢复，并记入审计日志" in err


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_commands_that_only_read_run_on_a_database_that_takes_no_writes(
        cli: Cli, hall_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``query_only`` makes every write fail as a read-only file does (SQLITE_READONLY); a
    full disk is the same to the login (``is_write_refused``)."""
    before = _entries(hall_db)
    real = engine._sqlite_pragmas

    def read_only(dbapi_conn: sqlite3.Connection, record: Any) -> None:
        real(dbapi_conn, record)
        dbapi_conn.execute("PRAGMA query_only = ON")

    monkeypatch.setattr(engine, "_sqlite_pragmas", read_only)
    path = tmp_path / "elsewhere.backup.gz"
    assert cli("admin1", "backup", str(path)) == 0, cli.err
    assert path.is_file()
    assert "本次备份未记入审计日志" in cli.err
    for argv in (("queue", "status"), ("audit", "verify"), ("staff", "list"),
                 ("audit", "list", "--limit", "1")):
        assert cli("admin1", *argv) == 0, (argv, cli.err)
    # The password is still checked; what writes is still refused, and said as it is.
    monkeypatch.setenv("HALLAPP_PASSWORD", "wrong-password")
    assert "用户名或密码错误" in cli.fails(15, "admin1", "queue", "status")
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    assert "只读" in cli.fails(10, "clerk1", "window", "open", "1")
    monkeypatch.setattr(engine, "_sqlite_pragmas", real)
    assert _entries(hall_db) == before


def _entries(db: Database) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_database_held_by_another_process_is_said_so(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def held(*_: object, **__: object) -> None:
        inner = sqlite3.OperationalError("database is locked")
        inner.sqlite_errorcode = 5  # SQLITE_BUSY, once the busy timeout is over
        raise OperationalError("BEGIN IMMEDIATE", {}, inner)

    monkeypatch.setattr(day, "hall_status", held)
    err = cli.fails(10, "supervisor1", "queue", "status")
    assert "数据库忙（被另一个终端或程序占用）" in err
    assert "无法连接" not in err


def test_version_neither_creates_the_file_nor_hides_why(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    code, out, _ = _run(capsys, "--db", f"sqlite:///{missing}", "--version")
    assert code == 0
    assert "结构版本: 数据库文件不存在" in out
    assert list(tmp_path.iterdir()) == []
    bare = tmp_path / "bare.sqlite3"
    sqlite3.connect(bare).close()  # a file without a hall
    _, out, _ = _run(capsys, "--db", f"sqlite:///{bare}", "--version")
    assert "结构版本: 未初始化（请运行 hallapp init）" in out
    assert "None" not in out
    (tmp_path / "dir.sqlite3").mkdir()  # cannot be opened: the reason, not only its class
    _, out, _ = _run(capsys, "--db", f"sqlite:///{tmp_path / 'dir.sqlite3'}", "--version")
    assert "无法连接：unable to open database file" in out
