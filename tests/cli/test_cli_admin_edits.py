"""``staff edit``, ``window retire|reinstate|rename`` and ``queue deactivate|activate``: the
administrator's corrections from the command line, with --json and the exit codes of their
refusals (11 bad input, 12 unknown, 13 wrong state)."""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.store.uow import Database

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def test_staff_edit_changes_what_is_given_and_says_what_changed(cli: Cli) -> None:
    assert cli("admin1", "staff", "edit", "clerk3", "--role", "approver", "--dept", "SZAMR",
               "--window", "0") == 0
    assert "role: clerk → approver" in cli.out
    assert "须重新登录" in cli.out
    done = cli.json("admin1", "staff", "edit", "clerk3", "--dept", "SZPNR", "--name", "张伟")
    assert done["changed"] == {"department": ["SZAMR", "SZPNR"]}
    assert done["info"]["window_number"] is None
    assert "须指定所属部门" in cli.fails(11, "admin1", "staff", "edit", "clerk3", "--dept", "")
    assert "窗口 99 不存在" in cli.fails(12, "admin1", "staff", "edit", "clerk4", "--window", "99")
    assert "最后一个" in cli.fails(13, "admin1", "staff", "edit", "admin1", "--role", "clerk")
    assert cli.fails(14, "supervisor1", "staff", "edit", "clerk4", "--name", "x")


def test_queue_deactivate_refuses_new_tickets_and_activate_brings_them_back(cli: Cli) -> None:
    assert cli.json("kiosk1", "ticket", "take", "A")["number"]
    assert cli("admin1", "queue", "deactivate", "A") == 0
    assert "已停用" in cli.out
    assert "1 个号照常叫号" in cli.out
    assert "已停用" in cli.fails(13, "kiosk1", "ticket", "take", "A")
    assert cli("admin1", "queue", "list") == 0
    assert "停用" in cli.out
    assert cli.json("admin1", "queue", "activate", "A")["changed"] is True
    assert cli.json("kiosk1", "ticket", "take", "A")["number"]
    assert "ZZ" in cli.fails(12, "admin1", "queue", "deactivate", "ZZ")


def test_window_retire_reinstate_and_rename(cli: Cli) -> None:
    assert cli("clerk4", "window", "open", "4") == 0
    assert "请先关闭" in cli.fails(13, "admin1", "window", "retire", "4")
    assert cli("clerk4", "window", "close", "4") == 0
    assert cli("admin1", "window", "retire", "4") == 0
    assert "已停用" in cli.out
    assert "clerk4" in cli.out
    assert "已停用" in cli.fails(13, "clerk4", "window", "open", "4")
    assert cli("admin1", "window", "list") == 0
    assert "已停用" in cli.out
    assert cli.json("admin1", "window", "reinstate", "4")["retired"] is False
    done = cli.json("admin1", "window", "rename", "4", "--name", "四号窗", "--name-en", "W4")
    assert (done["number"], done["name"], done["name_en"]) == (4, "四号窗", "W4")
    assert "不能为空" in cli.fails(11, "admin1", "window", "rename", "4", "--name", " ")
    assert "窗口 99 不存在" in cli.fails(12, "admin1", "window", "retire", "99")
