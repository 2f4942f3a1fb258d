"""The hall from the command line: its identity (``hallapp init --name … --address … --phone
…`` and ``hall set``) and its opening hours (``hall hours``).

``hall show`` printed "地址 None" and "电话 None" for every new hall, and nothing could name it;
the opening hours could be changed only in the admin client.
"""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from clikit import Cli, make_cli
from conftest import CHEAP, FakeClock, actor_for

from hallapp.cli.main import main
from hallapp.services import appointments, staff
from hallapp.services.context import Ctx
from hallapp.store.uow import Database


def cli_ctx(db: Database, clock: FakeClock, user: str) -> Ctx:
    return Ctx(db, actor_for(db, user), clock=clock, terminal="cli-test")


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
    assert cli("admin1", "hall", "set", "--address-en", "2072 Nanshan Avenue, Shenzhen") == 0
    assert "英文地址 2072 Nanshan Avenue, Shenzhen" in cli.out
    assert cli.json("admin1", "hall", "show")["address_en"] == "2072 Nanshan Avenue, Shenzhen"
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


def test_hall_hours_cancels_the_bookings_outside_the_new_hours(
        cli: Cli, hall_db: Database, clock: FakeClock) -> None:
    admin = cli_ctx(hall_db, clock, "admin1")
    [nine, *_] = appointments.create_slots(admin, "A", date(2026, 11, 25), time(9), time(10))
    code = appointments.book(cli_ctx(hall_db, clock, "clerk1"), nine.id).code
    assert cli("admin1", "hall", "hours") == 0
    assert "09:00–12:00、14:00–18:00；周六不开放" in cli.out
    assert cli("admin1", "hall", "hours", "--set", "10:00-12:00", "14:00-18:00") == 0
    assert "开放时间已保存：10:00–12:00、14:00–18:00；周六不开放" in cli.out
    assert ("已取消新开放时间外的 1 个预约（这些时段不再接受预约），请通知申请人"
            f"（预约码：{code}）") in cli.out
    shown = cli.json("admin1", "hall", "hours", "--saturday")
    assert shown == {"periods": [["10:00", "12:00"], ["14:00", "18:00"]], "saturday": True,
                     "cancelled_bookings": []}
    assert "开始-结束" in cli.fails(11, "admin1", "hall", "hours", "--set", "0900")
    assert "互不重叠" in cli.fails(11, "admin1", "hall", "hours", "--set", "09:00-12:00",
                                 "11:00-13:00")
    assert cli.fails(14, "supervisor1", "hall", "hours", "--set", "09:00-12:00")
