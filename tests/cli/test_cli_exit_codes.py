"""Exit codes that say what went wrong: 12 for what does not exist, 2 for a missing action.

An unknown department or rating window exited 11 where an unknown queue or window exits 12;
``print history NOPE`` exited 0 with （无打印记录）; ``hallapp window`` alone printed the
top-level help and exited 0; ``catalogue show CODE --version 9`` said the item did not exist.
"""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.store.uow import Database

COMPANY = "440300000000069391780001"


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def test_what_does_not_exist_exits_12(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLAPP_NEW_PASSWORD", "Abcd1234")
    assert "未知部门 NOPE" in cli.fails(12, "supervisor1", "case", "figures", "2026-11-24",
                                      "--department", "NOPE")
    assert "窗口 99 不存在" in cli.fails(12, "display1", "rating", "add", "5", "--window", "99")
    assert "部门 NOPE 不存在" in cli.fails(
        12, "admin1", "staff", "add", "new1", "--name", "新人", "--role", "approver",
        "--department", "NOPE")
    assert "NOPE" in cli.fails(12, "clerk1", "print", "history", "NOPE")
    assert "SZFT-20991231-00001" in cli.fails(12, "clerk1", "print", "history",
                                              "SZFT-20991231-00001")
    taken = cli.json("kiosk1", "ticket", "take", "A")
    assert cli("clerk1", "print", "history", f"2026-11-24/{taken['number']}") == 0
    assert "无打印记录" in cli.out  # it exists, and was never printed


def test_an_unknown_version_is_named_as_such(cli: Cli) -> None:
    assert f"事项 {COMPANY} 没有第 9 版" in cli.fails(12, "admin1", "catalogue", "show", COMPANY,
                                                   "--version", "9")
    assert "事项 NOPE 不存在" in cli.fails(12, "admin1", "catalogue", "show", "NOPE",
                                        "--version", "1")


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize("group", [["window"], ["day"], ["rating", "followup"], ["staff"]])
def test_a_group_without_its_action_shows_its_own_help_and_exits_2(
        cli: Cli, group: list[str]) -> None:
    assert cli("admin1", *group) == 2
    assert cli.err.startswith(f"用法：hallapp {' '.join(group)} [-h] ACTION")
    assert cli.out == ""


def test_a_window_another_clerk_holds_exits_22_and_is_taken_over_by_name(cli: Cli) -> None:
    """``window claim``: clerk2 at window 1, which clerk1 opened and left, is told who holds
    it (exit 22, as any action there); naming clerk1 takes it over; the supervisor frees it."""
    assert cli("clerk1", "window", "open", "1") == 0
    assert "由 李明 使用中" in cli.fails(22, "clerk2", "window", "call", "1")
    assert "clerk1" in cli.fails(22, "clerk2", "window", "claim", "1")
    assert cli("clerk2", "window", "status", "1") == 0
    assert "（clerk1）使用中（自 09:00）" in cli.out
    taken = cli.json("clerk2", "window", "claim", "1", "--replacing", "clerk1")
    assert (taken["holder_user"], taken["holder_since"]) == ("clerk2",
                                                             "2026-11-24T09:00:00+08:00")
    assert "clerk2" in cli.fails(22, "clerk1", "window", "claim", "1", "--replacing", "clerk1")
    freed = cli.json("supervisor1", "window", "assign", "1", "--release", "--reason", "空出")
    assert freed["holder"] is None
    assert "值班长" in cli.fails(13, "supervisor1", "window", "claim", "1")


def test_a_clerk_leaves_a_window_open_with_window_release(cli: Cli) -> None:
    """``window release``: the holder leaves window 1 open for another clerk; not with a
    ticket called there (exit 13), nor another clerk's window (exit 22)."""
    assert cli("clerk1", "window", "open", "1") == 0
    cli.json("kiosk1", "ticket", "take", "A")
    assert cli("clerk1", "window", "call", "1") == 0
    assert "请先办结、转移、挂起或过号" in cli.fails(13, "clerk1", "window", "release", "1")
    assert "只有本人或值班长" in cli.fails(22, "clerk2", "window", "release", "1")
    assert cli("clerk1", "window", "finish", "1") == 0
    left = cli.json("clerk1", "window", "release", "1", "--reason", "午休")
    assert (left["state"], left["holder"]) == ("open", None)
    assert cli.json("clerk2", "window", "claim", "1")["holder_user"] == "clerk2"
