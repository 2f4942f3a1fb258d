"""Setting a database up from the command line: ``init``, ``demo``, and what a command says
on a database that is not ready (no file, no hall).
"""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from clikit import run_main
from conftest import CHEAP, PgServer
from sqlalchemy import column, insert, table, text

from hallapp.services import staff
from hallapp.services.setup import hall_exists
from hallapp.store import schema
from hallapp.store.uow import Database

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run("--db", url, "init")`` → (exit code, stdout, stderr); cheap password hashes."""
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    for name in ("HALLAPP_ADMIN_PASSWORD", "HALLAPP_USER", "HALLAPP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return functools.partial(run_main, capsys)


def test_the_demo_refuses_a_real_hall(empty_db: Database, run: Run,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLAPP_ADMIN_PASSWORD", "Admin1234")
    assert run("--db", empty_db.url, "init")[0] == 0
    from hallapp.ui import launcher

    def launched(*_: Any, **__: Any) -> int:
        raise AssertionError("the demo's clients were started on a real hall")

    monkeypatch.setattr(launcher, "run_demo", launched)
    code, _, err = run("--db", empty_db.url, "demo")
    assert code == 13
    assert err.startswith("hallapp: ")
    assert "不是演示大厅" in err
    assert "hallapp run" in err


def test_a_database_without_a_hall_says_so(empty_db: Database, run: Run,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """After ``db upgrade`` without ``init``: it answered 用户名或密码错误 (exit 15)."""
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    code, _, err = run("--db", empty_db.url, "--user", "admin1", "queue", "status")
    assert code == 13
    assert "没有大厅：请先运行 hallapp init" in err
    assert "密码" not in err


def test_a_database_file_that_is_not_there_is_named_not_made(tmp_path: Path, run: Run) -> None:
    """Named before any password is asked for (none is set here, and there is no terminal)."""
    url = f"sqlite:///{tmp_path / 'hal.sqlite3'}"
    code, _, err = run("--db", url, "--user", "admin1", "queue", "status")
    assert code == 13
    assert f"数据库文件 {tmp_path / 'hal.sqlite3'} 不存在" in err
    code, out, _ = run("--db", url, "--version")
    assert (code, "数据库文件不存在" in out) == (0, True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_database_file_this_account_cannot_write_is_said(
        hall_db: Database, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading worked, and the login's first write failed as 无法连接数据库 (exit 10)."""
    path = os.path.abspath(str(hall_db.writer.url.database))
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: p != path and real(p, mode))
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    code, _, err = run("--db", hall_db.url, "--user", "admin1", "queue", "status")
    assert code == 10
    assert f"数据库文件 {path} 只读" in err


def test_an_account_that_does_not_own_the_database_is_told_what_to_do(
        pg_server: PgServer, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL 15: only the owner creates tables in schema public; init failed with an
    internal error ("permission denied for schema public")."""
    role = f"{pg_server.prefix}role"
    with pg_server.admin.connect() as conn:
        if (conn.dialect.server_version_info or (0,)) < (15,):
            pytest.skip("before PostgreSQL 15 every account may create tables in public")
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'"))
    name = pg_server.create()
    try:
        url = pg_server.url.set(username=role, password="pw", database=name)
        monkeypatch.setenv("HALLAPP_ADMIN_PASSWORD", "Admin1234")
        code, _, err = run("--db", url.render_as_string(hide_password=False), "init")
    finally:
        pg_server.drop(name)
        with pg_server.admin.connect() as conn:
            conn.execute(text(f"DROP ROLE {role}"))
    assert code == 14
    assert f"数据库账号 {role}" in err
    assert "permission denied for schema public" in err
    assert f"createdb -O {role} {name}" in err
    assert "内部错误" not in err


def test_init_asks_the_new_administrators_password_twice(
        empty_db: Database, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked once, a typo locked the hall's only administrator out (``staff add`` and
    ``passwd`` ask twice)."""
    typed: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": typed.pop(0))
    typed[:] = ["Admin1234", "Admin1243"]
    code, _, err = run("--db", empty_db.url, "init")
    assert (code, "两次输入的密码不一致" in err, typed) == (11, True, [])
    assert not hall_exists(empty_db)
    typed[:] = ["Admin1234", "Admin1234"]
    code, out, _ = run("--db", empty_db.url, "init")
    assert (code, "已创建大厅和管理员账号 admin" in out, typed) == (0, True, [])


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_db_upgrade_says_which_accounts_it_renamed(hall_db: Database, run: Run) -> None:
    """Migration 0011 renames the later of two names differing only in case: the warning
    goes to hallapp's log, and whoever runs the upgrade reads it too."""
    from alembic import command

    cfg = schema.alembic_config(hall_db)
    with hall_db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
        # The staff table as it was at 0010 (the model's has columns added since).
        old_staff = table("staff", *map(column, ("username", "name", "role", "password_hash",
                                                 "active", "failed_logins",
                                                 "password_changed_at")))
        for name in ("Clerk1", "CLERK1"):
            conn.execute(insert(old_staff).values(
                username=name, name="张三", role="clerk", password_hash="x", active=True,
                failed_logins=0, password_changed_at=datetime(2026, 11, 24, tzinfo=UTC)))
    code, out, err = run("--db", hall_db.url, "db", "upgrade")
    assert (code, f"数据库已迁移到 {schema.HEAD}" in out) == (0, True)
    assert err.count("hallapp: 注意：账号 ") == 2
    assert "已改名为 CLERK1." in err
