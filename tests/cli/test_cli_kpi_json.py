"""``kpi drill --json`` and ``kpi appointments --json`` give data, as the other --json outputs
do: English keys, codes (not the screen's Chinese words), instants in ISO 8601 with the hall's
offset, numbers as numbers and durations in seconds. They gave the table's display rows: Chinese
column headers, "09:04:00" without a day or offset, "4.0" minutes as a string."""

from __future__ import annotations

from datetime import datetime

import pytest
from clikit import Cli, chinese_keys, make_cli
from conftest import FakeClock
from stdnum.cn import ric

from hallapp.store.uow import Database

PLAIN = "440300000000069391780003"  # 企业注销登记 (SZAMR), as in test_cli_case


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)



def test_drill_gives_tickets_and_ratings_as_records(cli: Cli, clock: FakeClock) -> None:
    cli.json("kiosk1", "ticket", "take", "A")
    cli.json("kiosk1", "ticket", "take", "B")
    cli.json("clerk1", "window", "open", "1")
    clock.advance(minutes=4)
    cli.json("clerk1", "window", "call", "1")
    clock.advance(seconds=90)
    cli.json("clerk1", "window", "start", "1")
    clock.advance(minutes=5)
    cli.json("clerk1", "window", "finish", "1")
    cli.json("display1", "rating", "add", "5", "--ticket", "A001")

    drill = cli.json("supervisor1", "kpi", "drill", "--by", "queue", "--key", "A")
    assert {k: drill[k] for k in ("start", "end", "by", "key", "figure", "total", "truncated")
            } == {"start": "2026-11-24", "end": "2026-11-24", "by": "queue", "key": "A",
                  "figure": "tickets", "total": 1, "truncated": False}
    [served] = drill["records"]
    assert served == {
        "hall_day": "2026-11-24", "number": "A001", "queue": "A", "window": 1,
        "clerk": "clerk1", "item_code": None, "state": "done",
        "taken_at": "2026-11-24T09:00:00+08:00", "first_called_at": "2026-11-24T09:04:00+08:00",
        "started_at": "2026-11-24T09:05:30+08:00", "finished_at": "2026-11-24T09:10:30+08:00",
        "wait_seconds": 240, "service_seconds": 300}
    assert datetime.fromisoformat(served["taken_at"]).utcoffset() is not None
    hall = cli.json("supervisor1", "kpi", "drill", "--figure", "tickets", "--limit", "1")
    assert (hall["total"], hall["truncated"], len(hall["records"])) == (2, True, 1)
    [rating] = cli.json("supervisor1", "kpi", "drill", "--figure", "good_rating")["records"]
    assert rating == {"at": "2026-11-24T09:10:30+08:00", "level": 5, "window": 1,
                      "clerk": "clerk1", "followup_state": None, "followup_due_at": None}
    assert chinese_keys(drill, rating) == []
    assert cli("supervisor1", "kpi", "drill", "--by", "queue", "--key", "A") == 0  # the table
    assert "等候(分钟)" in cli.out
    assert "4.0" in cli.out


def test_appointments_give_counts_and_rates_by_queue(cli: Cli) -> None:
    [slot, *_] = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start",
                          "09:00", "--end", "10:00")
    codes = [cli.json("clerk1", "appointment", "book", str(slot["id"]))["code"]
             for _ in range(3)]
    cli.json("kiosk1", "appointment", "checkin", codes[0])
    cli.json("clerk1", "appointment", "cancel", codes[1], "--reason", "申请人改期")

    kept = cli.json("supervisor1", "kpi", "appointments")
    assert kept["start"] == kept["end"] == "2026-11-24"
    [queue] = kept["queues"]
    assert {k: v for k, v in queue.items() if k not in ("name", "name_en")} == {
        "queue": "B", "made": 3, "checked_in": 1, "late": 0, "missed": 0, "cancelled": 1,
        "booked": 1, "kept": {"numerator": 1, "denominator": 1, "percent": 100.0}}
    assert queue["name"]
    assert kept["hall"]["queue"] is None
    assert kept["hall"]["made"] == 3
    assert kept["kept"] == kept["hall"]["kept"]  # the older field, kept
    assert chinese_keys(kept) == []
    assert cli("supervisor1", "kpi", "appointments") == 0  # the table
    assert "履约率" in cli.out


def test_drill_gives_cases_as_records(cli: Cli) -> None:
    cli.json("kiosk1", "ticket", "take", "A")
    for action in ("open", "call", "start"):
        cli.json("clerk1", "window", action, "1")
    body = "44030419850312001"
    opened = cli.json("clerk1", "case", "open", "1", PLAIN, "--name", "张三", "--id-number",
                      body + ric.calc_check_digit(body + "0"), "--phone", "13800138000")
    [case] = cli.json("supervisor1", "kpi", "drill", "--figure", "on_spot")["records"]
    assert case == {
        "number": opened["case"]["number"], "item_code": PLAIN, "item": case["item"],
        "item_en": case["item_en"], "department": "SZAMR", "window": 1, "state": "received",
        "received_at": "2026-11-24T09:00:00+08:00", "deadline": None, "concluded_at": None,
        "outcome": None, "visits": 1, "on_spot": False}
    assert case["item"].startswith("企业注销登记")
    assert case["item_en"]
