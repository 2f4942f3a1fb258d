"""``hallapp init --name … --address … --phone …`` and ``hallapp hall set``: the hall's identity.

``hall show`` printed "地址 None" and "电话 None" for every new hall, and nothing could name it.
"""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.cli.main import main
from hallapp.services import staff
from hallapp.store.uow import Database

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def test_hall_set_changes_what_show_prints(cli: Cli) -> None:
    assert cli("admin1", "hall", "set", "--name", "深圳市南山区政务服务中心", "--name-en",
               "Nanshan District Government Service Center", "--address",
               "深圳市南山区南山大道2072号", "--phone", "075526661234") == 0
    assert "已保存大厅信息" in cli.out
    assert "电话 0755-26661234" in cli.out
    shown = cli.json("admin1", "hall", "show")
    assert (shown["name"], shown["name_en"], shown["address"], shown["phone"]) == (
        "深圳市南山区政务服务中心", "Nanshan District Government Service Center",
        "深圳市南山区南山大道2072号", "0755-26661234")
    assert cli("admin1", "hall", "set", "--address", "") == 0  # cleared
    assert cli("admin1", "hall", "show") == 0
    assert "地址 未设置" in cli.out
    assert "None" not in cli.out
    assert cli.json("admin1", "hall", "set", "--phone", "13812345678")["phone"] == "13812345678"


def test_hall_set_refuses_what_it_cannot_save(cli: Cli) -> None:
    assert "电话号码格式不正确" in cli.fails(11, "admin1", "hall", "set", "--phone", "12345")
    assert "不能为空" in cli.fails(11, "admin1", "hall", "set", "--name", " ")
    assert "至少给出" in cli.fails(2, "admin1", "hall", "set")
    assert cli.fails(14, "clerk1", "hall", "set", "--name", "别的大厅")
    assert cli.json("admin1", "hall", "show")["name"] == "深圳市行政服务大厅（演示）"


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_init_names_the_new_hall(empty_db: Database, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    monkeypatch.setenv("HALLAPP_ADMIN_PASSWORD", "Admin1234")
    assert main(["--db", empty_db.url, "init", "--demo", "--name", "某大厅"]) == 2
    assert "不能与 --demo 合用" in capsys.readouterr().err
    assert main(["--db", empty_db.url, "init", "--phone", "110"]) == 11
    assert "电话号码格式不正确" in capsys.readouterr().err
    assert main(["--db", empty_db.url, "init", "--name", "深圳市南山区政务服务中心",
                 "--address", "深圳市南山区南山大道2072号", "--phone", "0755-26661234"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("HALLAPP_PASSWORD", "Admin1234")
    assert main(["--db", empty_db.url, "--user", "admin", "hall", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["name"], shown["address"], shown["phone"]) == (
        "深圳市南山区政务服务中心", "深圳市南山区南山大道2072号", "0755-26661234")
    assert main(["--db", empty_db.url, "init", "--name", "又一个"]) == 2  # the hall exists
    assert "hall set" in capsys.readouterr().err
