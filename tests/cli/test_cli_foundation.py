"""The ``hallapp`` command line: help everywhere, JSON that parses, exit codes, the
catalogue round trip from the issue's "done when", and no tracebacks or passwords leaking.

Most commands run in-process through ``main(argv)``; two run as real subprocesses of the
installed entry point, because only those show what a user's terminal would.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from clikit import run_main
from conftest import CHEAP, CHEAP_HALLAPP, PgServer

from hallapp import __version__
from hallapp.cli.main import build_parser, main
from hallapp.services import staff
from hallapp.store import schema
from hallapp.store.uow import Database

HALLAPP = Path(sys.executable).parent / "hallapp"
CJK = re.compile(r"[\u4e00-\u9fff]")
FAKE_PG = "postgresql+psycopg://u:secret@127.0.0.1:1/x"


def _paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
           ) -> Iterator[tuple[str, ...]]:
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _paths(sub, (*prefix, name))


COMMAND_PATHS = list(_paths(build_parser()))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """``run("staff", "list")`` → (exit code, stdout, stderr)."""
    return functools.partial(run_main, capsys)


@pytest.fixture
def demo_url(hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo hall, every account with password demo1234 (cheaply hashed)."""
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    return hall_db.url


@pytest.fixture
def new_url(request: pytest.FixtureRequest, engine_name: str,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], str]]:
    """Makes URLs of brand-new, empty databases on the engine under test."""
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    server: PgServer | None = (request.getfixturevalue("pg_server")
                               if engine_name == "postgresql" else None)
    names: list[str] = []

    def make() -> str:
        if server is None:
            return f"sqlite:///{Path(tempfile.mkdtemp()) / 'cli.sqlite3'}"
        names.append(server.create())
        return str(server.url_for(names[-1]))

    yield make
    for name in names:
        assert server is not None
        server.drop(name)


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=[" ".join(p) or "hallapp"
                                                      for p in COMMAND_PATHS])
def test_help_for_every_command(path: tuple[str, ...],
                                capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：hallapp")
    assert CJK.search(out), "help text should be in Chinese"


def _leaf_commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
                   ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Each command that takes arguments itself (no sub-commands below it), with its path."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield prefix, parser
    for action in groups:
        for name, sub in action.choices.items():
            yield from _leaf_commands(sub, (*prefix, name))


def test_every_argument_has_chinese_help() -> None:
    """``--help`` of every command says what each of its arguments is, in Chinese: no
    argument is listed bare (argparse would show its name and nothing else)."""
    bare = []
    for path, parser in _leaf_commands(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction) or action.help == argparse.SUPPRESS:
                continue  # -h/--help, and the --db/--user every command accepts
            if not (action.help and CJK.search(action.help)):
                name = "/".join(action.option_strings) or action.dest
                bare.append(f"hallapp {' '.join(path)} {name}: {action.help!r}")
    assert bare == [], "arguments without Chinese help:\n" + "\n".join(bare)


def test_catalogue_round_trip_through_two_fresh_databases(
        new_url: Callable[[], str], run: Callable[..., tuple[int, str, str]],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = new_url(), new_url()
    code, out, _ = run("--db", first, "init", "--demo")
    assert code == 0
    assert "演示大厅" in out
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    files = {name: str(tmp_path / name) for name in ("a.json", "b.json", "a.xlsx", "b.xlsx")}
    assert run("--db", first, "--user", "admin1", "catalogue", "export", files["a.json"])[0] == 0
    assert run("--db", first, "--user", "admin1", "catalogue", "export", files["a.xlsx"])[0] == 0
    monkeypatch.setenv("HALLAPP_ADMIN_PASSWORD", "Admin1234")
    code, out, _ = run("--db", second, "init", "--json")
    assert code == 0
    assert json.loads(out)["created"] is True
    monkeypatch.setenv("HALLAPP_PASSWORD", "Admin1234")
    as_admin = ("--db", second, "--user", "admin", "catalogue")
    code, out, _ = run(*as_admin, "import", files["a.json"], "--json")
    assert code == 0
    assert json.loads(out)["items_added"] > 40
    assert run(*as_admin, "export", files["b.json"])[0] == 0
    assert Path(files["a.json"]).read_bytes() == Path(files["b.json"]).read_bytes()
    code, out, _ = run(*as_admin, "import", files["a.xlsx"], "--json")
    assert (code, json.loads(out)["items_new_version"], json.loads(out)["items_added"]) == (
        0, 0, 0)
    assert run(*as_admin, "export", files["b.xlsx"])[0] == 0
    assert Path(files["a.xlsx"]).read_bytes() == Path(files["b.xlsx"]).read_bytes()
    # init on an initialised database only migrates, and asks for no admin password.
    code, out, _ = run("--db", first, "init", "--demo")
    assert (code, "大厅已存在" in out) == (0, True)
    monkeypatch.delenv("HALLAPP_ADMIN_PASSWORD")
    code, out, _ = run("--db", second, "init")
    assert (code, "大厅已存在" in out) == (0, True)


def test_read_commands_json_logins_and_db_placement(
        demo_url: str, run: Callable[..., tuple[int, str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One demo database for the read-only checks (each database copy costs a second)."""
    _check_json_output(demo_url, run)
    _check_login_errors(demo_url, run, monkeypatch)
    _check_db_after_subcommand(demo_url, run)
    code, out, _ = run("--version", "--db", demo_url)
    head = schema.head_revision(Database(demo_url))
    assert code == 0
    assert f"结构版本: {head}（最新 {head}）" in out


def _check_json_output(demo_url: str, run: Callable[..., tuple[int, str, str]]) -> None:
    commands: list[tuple[str, ...]] = [
        ("staff", "list"), ("catalogue", "list"), ("hall", "show"), ("queue", "list"),
        ("window", "list"), ("audit", "verify"), ("audit", "list", "--limit", "3"),
    ]
    results: dict[str, Any] = {}
    for command in commands:
        code, out, err = run("--db", demo_url, "--user", "admin1", *command, "--json")
        assert (command, code, err) == (command, 0, "")
        results[" ".join(command[:2])] = json.loads(out)
    code_ = results["catalogue list"][0]["code"]
    code, out, _ = run("--db", demo_url, "--user", "admin1", "catalogue", "show", code_,
                       "--json")
    assert (code, json.loads(out)["code"]) == (0, code_)
    company = "440300000000069391780001"
    code, out, _ = run("--db", demo_url, "--user", "admin1", "catalogue", "show", company)
    assert code == 0
    assert "承诺时限 1个工作日  法定时限 3个工作日" in out  # read as the documents print them
    assert "《公司登记（备案）申请书》（主审要件，原件 × 1）" in out
    assert "working_day" not in out
    code, out, _ = run("--db", demo_url, "--user", "admin1", "hall", "show")
    assert "开放时间 09:00–12:00、14:00–18:00；周六不开放" in out  # not the record's repr
    code, out, _ = run("--db", demo_url, "--user", "admin1", "staff", "list")
    assert "后台审批人员" in out
    assert "approver " not in out
    assert {"clerk1", "admin1"} <= {s["username"] for s in results["staff list"]}
    assert results["audit verify"]["ok"] is True
    assert len(results["audit list"]) == 3
    assert results["hall show"]["timezone"] == "Asia/Shanghai"


def test_staff_add_list_passwd_disable(demo_url: str, run: Callable[..., tuple[int, str, str]],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    admin = ("--db", demo_url, "--user", "admin1", "staff")
    monkeypatch.setenv("HALLAPP_NEW_PASSWORD", "bobpass12")
    code, out, _ = run(*admin, "add", "bob", "--name", "鲍勃", "--role", "clerk", "--window", "3")
    assert (code, "bob" in out) == (0, True)
    code, out, err = run(*admin, "add", "bob", "--name", "鲍勃", "--role", "clerk")
    assert (code, "已存在" in err) == (11, True)
    code, out, _ = run(*admin, "list", "--json")
    bob = {s["username"]: s for s in json.loads(out)}["bob"]
    assert (bob["role"], bob["window_number"], bob["active"]) == ("clerk", 3, True)
    # An admin resets bob's password; bob then changes it himself, giving the old one.
    monkeypatch.setenv("HALLAPP_NEW_PASSWORD", "bobnew123")
    assert run(*admin, "passwd", "bob")[0] == 0
    bob_cmd = ("--db", demo_url, "--user", "bob")
    monkeypatch.setenv("HALLAPP_PASSWORD", "bobnew123")
    monkeypatch.setenv("HALLAPP_NEW_PASSWORD", "bobself12")
    assert run(*bob_cmd, "staff", "passwd", "bob")[0] == 0
    monkeypatch.setenv("HALLAPP_PASSWORD", "bobself12")
    code, _, err = run(*bob_cmd, "staff", "list")
    assert (code, "无权" in err) == (14, True)
    assert run(*bob_cmd, "hall", "show")[0] == 0
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    assert run(*admin, "disable", "bob")[0] == 0
    monkeypatch.setenv("HALLAPP_PASSWORD", "bobself12")
    code, _, err = run(*bob_cmd, "hall", "show")
    assert (code, "用户名或密码错误" in err) == (15, True)
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    code, out, _ = run(*admin, "list", "--json")
    assert {s["username"]: s for s in json.loads(out)}["bob"]["active"] is False


def _check_login_errors(demo_url: str, run: Callable[..., tuple[int, str, str]],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run("--db", demo_url, "--user", "nobody", "staff", "list")
    assert code == 15
    assert out == ""
    assert err.startswith("hallapp: ")
    assert "用户名或密码错误" in err
    assert "Traceback" not in err
    monkeypatch.delenv("HALLAPP_USER", raising=False)
    code, _, err = run("--db", demo_url, "staff", "list")
    assert (code, "--user" in err) == (15, True)
    with pytest.raises(SystemExit) as exit_:
        run("staff", "add")
    assert exit_.value.code == 2


def _check_db_after_subcommand(demo_url: str,
                               run: Callable[..., tuple[int, str, str]]) -> None:
    code, out, err = run("staff", "list", "--db", demo_url, "--user", "admin1", "--json")
    assert (code, err) == (0, "")
    assert "clerk1" in {s["username"] for s in json.loads(out)}
    code, out, _ = run("audit", "verify", "--user", "admin1", "--db", demo_url)
    assert (code, "审计日志完好" in out) == (0, True)


def test_version_names_the_database_without_its_password(
        run: Callable[..., tuple[int, str, str]]) -> None:
    code, out, err = run("--db", FAKE_PG, "--version")
    assert code == 0
    assert f"hallapp {__version__}" in out
    assert "127.0.0.1:1/x" in out
    assert "无法连接" in out
    assert "secret" not in out + err


def _subprocess(*argv: str, log_dir: Path, cheap: bool = False,
                **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "HALLAPP_LOG_DIR": str(log_dir), **env}
    command = CHEAP_HALLAPP if cheap else [str(HALLAPP)]
    return subprocess.run([*command, *argv], capture_output=True, text=True, env=environ,
                          timeout=120, check=False)


def test_two_machines_initialising_one_new_database_take_turns(
        new_url: Callable[[], str], tmp_path: Path) -> None:
    """Both found it empty: on PostgreSQL one failed with an internal error (a type created
    twice). Now the second waits, then finds the hall made."""
    url = new_url()
    environ = {**os.environ, "HALLAPP_LOG_DIR": str(tmp_path / "log")}
    procs = [subprocess.Popen([*CHEAP_HALLAPP, "--db", url, "init", "--demo", "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=environ) for _ in range(2)]
    outcomes = [(*proc.communicate(timeout=300), proc.returncode) for proc in procs]
    assert [code for _, _, code in outcomes] == [0, 0], [err for _, err, _ in outcomes]
    assert sorted(json.loads(out)["created"] for out, _, _ in outcomes) == [False, True]


def test_a_log_directory_that_cannot_be_written_is_no_failure(tmp_path: Path) -> None:
    """It printed a Python traceback and stopped every command; now the log goes to a
    private folder in the temporary directory, said once on stderr."""
    (tmp_path / "file").write_text("not a folder")
    done = _subprocess("--db", f"sqlite:///{tmp_path / 'x.sqlite3'}", "--version",
                       log_dir=tmp_path / "file" / "logs", TMPDIR=str(tmp_path))
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert "hallapp: 日志目录不可写" in done.stderr
    fallback = next(tmp_path.glob("hallapp-logs-*"))
    assert f"日志: {fallback / 'hallapp-cli.log'}" in done.stdout


def test_a_reader_that_stops_early_is_no_failure(tmp_path: Path) -> None:
    """``hallapp … | head``: output that has nowhere to go is quiet, not an internal error
    with a log reference (exit 141, as a tool killed by SIGPIPE)."""
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert _subprocess("--db", db, "init", "--demo", log_dir=tmp_path / "log",
                       cheap=True).returncode == 0
    environ = {**os.environ, "HALLAPP_LOG_DIR": str(tmp_path / "log"),
               "HALLAPP_PASSWORD": "demo1234"}
    reader = subprocess.Popen([str(HALLAPP), "--db", db, "--user", "supervisor1", "catalogue",
                               "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=environ)
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.close()  # gone before the list is printed, as ``head`` may be
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 141, err
    assert err == ""


def test_installed_entry_point(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    done = _subprocess("--db", db, "--version", log_dir=tmp_path / "log1")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"hallapp {__version__}\n")
    # The database cannot be reached: one line that says so (exit 10), no traceback, and
    # the password neither shown nor logged.
    logs = tmp_path / "log2"
    failed = _subprocess("--db", FAKE_PG, "--user", "admin1", "staff", "list", log_dir=logs,
                         HALLAPP_PASSWORD="demo1234")
    assert failed.returncode == 10
    assert failed.stderr.startswith(
        "hallapp: 无法连接数据库 postgresql+psycopg://u:***@127.0.0.1:1/x")
    assert len(failed.stderr.strip().splitlines()) == 1
    assert "Traceback" not in failed.stderr
    logged = "".join(p.read_text(encoding="utf-8") for p in logs.glob("*.log"))
    assert "secret" not in failed.stdout + failed.stderr + logged


def test_a_failure_nobody_foresaw_is_one_line_with_a_log_reference(
        demo_url: str, run: Callable[..., tuple[int, str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from hallapp.services import day

    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("something nobody foresaw\nSELECT secret")

    monkeypatch.setattr(day, "hall_status", broken)
    code, _out, err = run("--db", demo_url, "--user", "clerk1", "queue", "status")
    assert code == 1
    assert err.startswith("hallapp: 内部错误（参考号 ")
    assert "RuntimeError: something nobody foresaw" in err
    assert len(err.strip().splitlines()) == 1  # the SQL stays in the log
    ref = err.split("参考号 ", 1)[1][:6]
    logged = Path(err.strip().rsplit("详见日志 ", 1)[1]).read_text(encoding="utf-8")
    assert f"[ref {ref}]" in logged
    assert "Traceback" in logged.split(f"[ref {ref}]", 1)[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
@pytest.mark.parametrize("command", [("run", "kiosk"), ("demo",)])
def test_no_screen_is_said_plainly(tmp_path: Path, command: tuple[str, ...]) -> None:
    """Without a display, Qt would abort and advise reinstalling; hallapp says what is
    missing instead, and creates nothing."""
    db = tmp_path / "x.sqlite3"
    environ = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([str(HALLAPP), "--db", f"sqlite:///{db}", *command],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**environ, "HALLAPP_LOG_DIR": str(tmp_path / "log")})
    assert done.returncode == 2
    assert "没有可用的图形显示" in done.stderr
    assert "QT_QPA_PLATFORM" in done.stderr
    assert "Reinstalling" not in done.stderr
    assert not db.exists()
