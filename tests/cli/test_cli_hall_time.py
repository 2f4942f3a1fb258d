"""Times the CLI prints are the hall's: --json instants carry its offset, text its clock.

--json gave every instant in UTC (taken_at, audit ``at``, a followup's due_at) while reports
and ``rating add`` gave +08:00, so a date read from them before 08:00 was the day before;
``rating add``, ``rating followup close|appeal`` and ``blacklist add|remove`` printed raw
English keys with UTC values.
"""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.store.uow import Database


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    clock.advance(hours=-2)  # 07:00 hall time: 23:00 the day before in UTC
    return make_cli(hall_db, clock, capsys, monkeypatch)


def _served(cli: Cli, clock: FakeClock) -> None:
    clock.advance(hours=2)  # the hall opens at 09:00
    cli.json("kiosk1", "ticket", "take", "A")
    for action in ("open", "call", "start"):
        assert cli("clerk11", "window", action, "11") == 0, cli.err


def test_json_instants_carry_the_halls_offset(cli: Cli, clock: FakeClock) -> None:
    _served(cli, clock)
    shown = cli.json("kiosk1", "ticket", "show", "A001")
    assert shown["taken_at"].startswith("2026-11-24T09:00:00")
    assert shown["taken_at"].endswith("+08:00")
    rated = cli.json("display1", "rating", "add", "1", "--ticket", "A001")
    [listed] = cli.json("supervisor1", "rating", "followup", "list")
    assert rated["followup_due"] == listed["due_at"]
    assert listed["due_at"].endswith("+08:00")
    [entry, *_] = cli.json("admin1", "audit", "list", "--limit", "1")
    assert entry["at"] == "2026-11-24T09:00:00+08:00"


def test_early_morning_instants_are_not_the_day_before(cli: Cli) -> None:
    added = cli.json("admin1", "blacklist", "add", "11010519491231002X", "--source", "test")
    removed = cli.json("admin1", "blacklist", "remove", str(added["id"]), "--reason", "ok")
    assert removed["removed_at"] == "2026-11-24T07:00:00+08:00"


def test_rating_and_followup_text_is_chinese_at_hall_time(cli: Cli, clock: FakeClock) -> None:
    _served(cli, clock)
    assert cli("display1", "rating", "add", "1", "--ticket", "A001", "--comment", "慢") == 0
    assert "已录入评价" in cli.out
    assert "非常不满意" in cli.out
    assert "评价意见：慢" in cli.out
    assert "回访编号 1" in cli.out
    assert "followup_due" not in cli.out
    assert "+00:00" not in cli.out
    assert "2026-11-24 09:00" in cli.out
    assert cli("supervisor1", "rating", "followup", "list") == 0
    assert "待回访" in cli.out
    assert " open" not in cli.out
    assert cli("supervisor1", "rating", "followup", "appeal", "1", "--reason", "恶意") == 0
    assert "申诉中" in cli.out
    assert "state" not in cli.out
    assert cli("supervisor1", "rating", "followup", "close", "1", "--note", "已核实") == 0
    assert "已办结" in cli.out
    assert "办结于 2026-11-24 09:00" in cli.out


def test_blacklist_text_is_chinese_at_hall_time(cli: Cli) -> None:
    assert cli("admin1", "blacklist", "add", "11010519491231002X", "--source", "法院",
               "--name", "张三") == 0
    assert "失信名单条目 1" in cli.out
    assert "来源：法院" in cli.out
    assert "列入 2026-11-24" in cli.out
    assert "subject_id" not in cli.out
    assert cli("admin1", "blacklist", "remove", "1", "--reason", "ok") == 0
    assert "已于 2026-11-24 07:00 移出名单" in cli.out
    assert "removed_at" not in cli.out
