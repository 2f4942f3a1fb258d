"""Input past what the database holds is refused by name, on both engines, never an internal
error: ids past PostgreSQL's INTEGER, days date arithmetic overflows on, reasons and names
longer than their columns (SQLite would have stored them; PostgreSQL refuses them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock, PgServer
from sqlalchemy import func, select

from hallapp.cli.main import main
from hallapp.store.models import Appointment, Window
from hallapp.store.uow import Database


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def _usage(cli: Cli, *args: str) -> str:
    with pytest.raises(SystemExit) as usage:
        cli(*args)
    assert usage.value.code == 2
    return cli.capsys.readouterr().err


def test_ids_and_days_out_of_range_are_usage_errors(cli: Cli) -> None:
    assert "超出范围" in _usage(cli, "clerk1", "appointment", "book", "9999999999")
    assert "超出范围（1970–2199 年）" in _usage(cli, "clerk1", "appointment", "bookings",
                                              "0001-01-01")
    assert "超出范围" in _usage(cli, "admin1", "appointment", "slots", "A", "9999-12-31",
                                "--start", "09:00", "--end", "10:00")
    assert "须为日期" in _usage(cli, "supervisor1", "case", "figures", "2026-13-01")


def test_a_ticket_or_case_reference_past_any_id_is_not_found(cli: Cli) -> None:
    for ref in ("99999999999999999999999", "²"):
        assert f"号码 {ref} 不存在" in cli.fails(12, "kiosk1", "ticket", "show", ref)
    assert "不存在" in cli.fails(12, "clerk1", "case", "show", "99999999999999999")


def test_an_overlong_reason_or_name_is_refused_and_changes_nothing(
        cli: Cli, hall_db: Database) -> None:
    assert cli("clerk1", "window", "open", "1") == 0
    assert "原因过长（201 字，最多 200 字）" in cli.fails(
        11, "clerk1", "window", "pause", "1", "--reason", "很" * 201)
    with hall_db.read_session() as s:
        assert s.scalar(select(Window.state).where(Window.number == 1)) == "open"
    [slot, *_] = cli.json("admin1", "appointment", "slots", "A", "2026-11-24", "--start",
                          "10:00", "--end", "11:00")
    assert "姓名过长（101 字，最多 100 字）" in cli.fails(
        11, "clerk1", "appointment", "book", str(slot["id"]), "--name", "王" * 101)
    with hall_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Appointment)) == 0
    assert cli("clerk1", "window", "pause", "1", "--reason", "很" * 200) == 0


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_database_that_cannot_be_used_is_named_with_what_is_wrong(
        cli: Cli, tmp_path: Path, pg_server: PgServer) -> None:
    (tmp_path / "empty.db").touch()  # a file with no tables (a missing one is not made)
    cases = [("foo", 11, "数据库地址无效"), ("mysql://x/y", 11, "数据库地址无效"),
             (f"sqlite:///{tmp_path}/no/such/dir/x.db", 13, "x.db 不存在：请检查数据库地址"),
             (f"{pg_server.url_for('hallapp_no_such_db')}", 10, "无法连接数据库"),
             (f"sqlite:///{tmp_path}/empty.db", 13, "尚未初始化：请先运行 hallapp init")]
    for url, code, words in cases:
        assert main(["--db", url, "--user", "clerk1", "queue", "status"]) == code, url
        err = cli.capsys.readouterr().err
        assert words in err, (url, err)
        assert "内部错误" not in err


def test_mistyped_arguments_are_refused_by_name_not_internal_errors(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of these ended in "内部错误（参考号…）", exit 1."""
    applicant = ("440300000000069391780002", "--name", "王", "--id-number",
                 "440304198502020045")
    for window in ("abc", "1.0"):
        assert "整数" in _usage(cli, "clerk1", "case", "open", window, *applicant)
    assert "超出范围" in _usage(cli, "clerk1", "case", "open", "99999999999", *applicant)
    for month in ("9999-12", "0001-01"):
        assert "超出范围（1970–2199 年）" in _usage(cli, "supervisor1", "report", "monthly",
                                                  "--month", month)
    monkeypatch.chdir(tmp_path)
    for path in ("", ".", str(tmp_path)):
        assert "无法写入备份文件" in cli.fails(20, "admin1", "backup", path)
    assert list(tmp_path.iterdir()) == []  # nothing written, no .part left
    assert "是文件夹" in cli.fails(11, "admin1", "catalogue", "import", str(tmp_path))


def test_run_refuses_a_window_the_hall_lacks_or_a_rating_pad_without_one(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """``run counter --window 99`` opened a counter stuck on "正在读取窗口状态……", and ``run
    rating`` without --window a "0号窗口" pad that never offered a rating."""
    from hallapp.ui import launcher

    started: list[tuple[str, int | None]] = []
    monkeypatch.setattr(launcher, "run", lambda role, url, **kw: started.append(
        (role, kw["window"])) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    for role in ("counter", "rating"):
        assert "窗口 99 不存在" in cli.fails(12, "clerk1", "run", role, "--window", "99")
    # a retired window: the pad's ratings would all be refused, the counter never opens it
    assert cli("admin1", "window", "retire", "9") == 0
    for role in ("counter", "rating"):
        assert "9 号窗口已停用" in cli.fails(13, "clerk1", "run", role, "--window", "9")
    assert cli("display1", "run", "rating") == 2
    assert "须用 --window 指定" in cli.err
    assert started == []
    assert cli("display1", "run", "rating", "--window", "3") == 0
    assert cli("clerk1", "run", "counter") == 0  # the clerk's own window
    assert started == [("rating", 3), ("counter", None)]
