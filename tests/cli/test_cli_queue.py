"""``hallapp ticket|window|queue|appointment|day`` in process, on the demo database.

Each command logs in with HALLAPP_PASSWORD like a real terminal. The demo accounts' argon2
hashes are cheap ones (conftest's template: same code path, milliseconds per login), and the
CLI's context gets the test's FakeClock so the hall day and time quotas do not depend on when
the suite runs.
"""

from __future__ import annotations

import json

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock
from sqlalchemy import select, update

from hallapp.store.models import Queue, Window
from hallapp.store.uow import Database


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def test_take_show_call_start_finish(cli: Cli) -> None:
    taken = cli.json("kiosk1", "ticket", "take", "A", "--phone", "13812345678")
    assert (taken["number"], taken["state"], taken["existing"]) == ("A001", "waiting", False)
    assert taken["phone_masked"] == "138****5678"
    assert "13812345678" not in json.dumps(taken)
    assert taken["channel"] == "kiosk"
    by_staff = cli.json("clerk11", "ticket", "take", "A")  # for an applicant: a window ticket
    assert (by_staff["people_ahead"], by_staff["channel"]) == (1, "window")
    shown = cli.json("clerk11", "ticket", "show", "A002")
    assert (shown["number"], shown["hall_day"], shown["people_ahead"]) == ("A002",
                                                                          "2026-11-24", 1)
    assert cli.json("clerk11", "window", "open", "11")["state"] == "open"
    called = cli.json("clerk11", "window", "call", "11")
    assert (called["number"], called["state"], called["window"]) == ("A001", "called", 11)
    assert cli.json("clerk11", "window", "start", "11")["state"] == "serving"
    assert cli.json("clerk11", "window", "finish", "11")["state"] == "done"
    assert cli("clerk11", "ticket", "show", "A001") == 0  # the readable form
    assert "A001" in cli.out
    assert "已办结" in cli.out


def test_window_next_finishes_and_calls_in_one_command(cli: Cli) -> None:
    cli.json("kiosk1", "ticket", "take", "A")
    cli.json("kiosk1", "ticket", "take", "A")
    assert cli("clerk11", "ticket", "show", "A002") == 0
    assert "A002 商事登记 等候；前面 1 人，预计等候" in cli.out  # only while waiting
    cli.json("clerk11", "window", "open", "11")
    first = cli.json("clerk11", "window", "next", "11")
    assert first["finished"] is None
    assert (first["called"]["number"], first["called"]["state"]) == ("A001", "called")
    assert cli("clerk11", "window", "next", "11") == 0
    assert cli.out.strip() == "A001 已办结；A002 商事登记 已叫号，请到 11 号窗口"
    last = cli.json("clerk11", "window", "next", "11")
    assert (last["finished"]["number"], last["finished"]["state"]) == ("A002", "done")
    assert last["called"] is None
    assert cli("clerk11", "window", "next", "11") == 17  # nothing to finish, nobody waits
    assert "暂无等候" in cli.err
    assert cli("clerk2", "window", "next", "11") == 22  # not clerk2's window: held by clerk11


def test_exit_codes_and_chinese_messages(cli: Cli, hall_db: Database) -> None:
    assert cli("clerk11", "window", "open", "11") == 0
    assert cli("clerk11", "window", "call", "11") == 17
    assert "暂无等候" in cli.err
    assert cli("clerk11", "window", "start", "11") == 13
    assert "没有" in cli.err
    with hall_db.write_session() as s:
        s.execute(update(Queue).where(Queue.code == "A").values(daily_quota=1))
        s.commit()
    assert cli("kiosk1", "ticket", "take", "A") == 0
    assert cli("kiosk1", "ticket", "take", "A") == 16
    assert "今日号已取完" in cli.err
    assert cli.out == ""
    assert cli("clerk11", "window", "pause", "11", "--reason", "午休") == 0
    assert cli("clerk11", "window", "call", "11") == 18
    assert "已暂停" in cli.err
    assert "午休" in cli.err
    assert cli("clerk2", "window", "resume", "11") == 22  # not clerk2's window
    assert cli("clerk11", "window", "resume", "11") == 0
    assert cli("clerk11", "window", "call", "11") == 0
    assert cli("clerk11", "window", "call-ticket", "11", "A001", "--reason", "x") == 13
    assert cli("kiosk1", "ticket", "take", "A", "--id-number", "123") == 11
    assert "身份证" in cli.err
    assert cli("kiosk1", "ticket", "show", "A999") == 12
    assert "不存在" in cli.err


def test_queue_status_json(cli: Cli, clock: FakeClock) -> None:
    for queue in ("A", "A", "B"):
        cli.json("kiosk1", "ticket", "take", queue)
    cli.json("clerk1", "window", "open", "1")
    cli.json("clerk1", "window", "call", "1")
    clock.advance(minutes=12)
    status = cli.json("supervisor1", "queue", "status")
    assert status["hall_day"] == "2026-11-24"
    queues = {q["code"]: q for q in status["queues"]}
    assert (queues["A"]["waiting"], queues["A"]["taken_today"]) == (1, 2)
    assert (queues["B"]["waiting"], queues["B"]["longest_wait_minutes"]) == (1, 12)
    assert queues["A"]["serving_windows"] == 1
    wins = {w["number"]: w for w in status["windows"]}
    assert (wins[1]["state"], wins[1]["current"], wins[1]["current_state"]) == (
        "open", "A001", "called")
    assert wins[2]["state"] == "closed"
    assert cli("supervisor1", "queue", "status") == 0
    assert "大厅日 2026-11-24" in cli.out


def test_window_states_and_kinds_read_in_chinese(cli: Cli) -> None:
    assert cli("clerk1", "window", "open", "1") == 0
    assert cli.out.strip() == "1 号窗口 开放，李明（clerk1）使用中（自 09:00）"
    assert cli("clerk1", "window", "pause", "1", "--reason", "午休") == 0
    assert cli.out.strip() == "1 号窗口 暂停（午休），李明（clerk1）使用中（自 09:00）"
    assert cli("supervisor1", "queue", "status") == 0
    rows = {line.split()[0]: line.split()[1:] for line in cli.out.splitlines() if line}
    assert (rows["1"][0], rows["2"][0]) == ("暂停（午休）", "关闭")
    assert cli("supervisor1", "window", "list") == 0
    assert "综合窗口  暂停" in cli.out
    assert "出件窗口  关闭" in cli.out
    for english in ("open", "paused", "closed", "comprehensive", "delivery"):
        assert english not in cli.out


def test_a_window_the_supervisor_opens_is_taken_by_the_first_clerk_to_act(
        cli: Cli, hall_db: Database) -> None:
    """As the board's open: the supervisor holds no window, so clerk6 (or a relief clerk)
    can still work it; it locked every clerk out with "由其他工作人员登录"."""
    cli.json("kiosk1", "ticket", "take", "D")
    assert cli.json("supervisor1", "window", "open", "6")["state"] == "open"
    with hall_db.read_session() as s:
        assert s.scalar(select(Window.clerk_id).where(Window.number == 6)) is None
    assert cli.json("clerk6", "window", "call", "6")["number"] == "D001"
    assert cli("clerk4", "window", "call", "6") == 22  # now clerk6's
    cli.json("supervisor1", "window", "open", "6")  # again: clerk6 keeps it
    assert cli.json("clerk6", "window", "finish", "6")["state"] == "done"


def test_appointment_slots_book_checkin(cli: Cli) -> None:
    made = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start", "09:00",
                    "--end", "10:00", "--capacity", "1")
    assert [(s["queue"], s["capacity"], s["booked"]) for s in made] == [("B", 1, 0)] * 2
    slot = str(made[0]["id"])
    booked = cli.json("clerk1", "appointment", "book", slot, "--phone", "13900001111")
    assert booked["qr_payload"] == f"HALLAPP:A:{booked['code']}"
    assert cli("clerk1", "appointment", "book", slot) == 16
    assert "约满" in cli.err
    listed = cli.json("kiosk1", "appointment", "list", "2026-11-24", "--queue", "B")
    assert [s["booked"] for s in listed] == [1, 0]
    assert cli.json("kiosk1", "appointment", "list", "--queue", "B") == listed  # today
    assert cli.json("kiosk1", "appointment", "list", "2026-11-25") == []
    assert "队列 ZZ 不存在" in cli.fails(12, "kiosk1", "appointment", "list", "--queue", "zz")
    assert "队列 ZZ 不存在" in cli.fails(12, "clerk1", "appointment", "bookings", "--queue", "ZZ")
    ticket = cli.json("kiosk1", "appointment", "checkin", booked["qr_payload"])
    assert (ticket["number"], ticket["appointment"], ticket["channel"]) == (
        "B001", True, "appointment")
    assert cli("kiosk1", "appointment", "checkin", booked["code"]) == 13
    assert "已签到" in cli.err


def test_a_late_checkin_is_told_it_queues_as_an_ordinary_ticket(cli: Cli,
                                                                 clock: FakeClock) -> None:
    [slot, *_] = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start",
                          "09:00", "--end", "10:00")
    booked = cli.json("clerk1", "appointment", "book", str(slot["id"]))
    clock.advance(minutes=16)  # the slot began at 09:00; its grace period is 15 minutes
    assert cli("kiosk1", "appointment", "checkin", booked["code"]) == 0
    assert cli.out.startswith("B001（超过预约签到时间，按普通号排队） ")
    cli.json("clerk1", "ticket", "take", "B")  # the next one on time reads as usual
    assert cli("kiosk1", "ticket", "show", "B002") == 0
    assert "预约" not in cli.out
    cli.json("clerk10", "window", "open", "10")
    assert cli("clerk10", "window", "call", "10") == 0  # called, the remark is old news
    assert cli.out.strip() == "B001 不动产登记 已叫号，请到 10 号窗口"


def test_an_early_checkin_says_what_its_ticket_says(cli: Cli, clock: FakeClock) -> None:
    """Checked in before its slot, the CLI said "前面 0 人，预计等候 0 分钟" while the printed
    ticket and the kiosk say it is called with priority from the slot's start."""
    [slot, *_] = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start",
                          "09:30", "--end", "10:30")
    booked = cli.json("clerk1", "appointment", "book", str(slot["id"]))
    cli.json("kiosk1", "ticket", "take", "B")
    assert cli("kiosk1", "appointment", "checkin", booked["code"]) == 0
    assert cli.out.strip() == "B002 不动产登记 等候；预约号：09:30 起优先叫号"
    assert cli("kiosk1", "ticket", "show", "B002") == 0
    assert cli.out.strip() == "B002 不动产登记 等候；预约号：09:30 起优先叫号"
    clock.advance(minutes=30)  # from the slot's start: ahead of B001, as usual
    assert cli("kiosk1", "ticket", "show", "B002") == 0
    assert cli.out.strip() == "B002 不动产登记 等候；前面 0 人，预计等候 0 分钟"


def test_a_checkin_to_the_ticket_already_held_says_it_now_goes_ahead(
        cli: Cli, clock: FakeClock) -> None:
    """The CLI said only "（您已有等候中的号）": nothing of the precedence now registered."""
    person = "44030419900101125X"
    [slot, *_] = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start",
                          "09:30", "--end", "10:30")
    booked = cli.json("clerk1", "appointment", "book", str(slot["id"]), "--id-number", person)
    cli.json("kiosk1", "ticket", "take", "B", "--id-number", person)  # B001 at 09:00
    assert cli("kiosk1", "appointment", "checkin", booked["code"]) == 0
    assert cli.out.strip() == ("B001（已为您现有的 B001 号登记预约优先） 不动产登记 等候；"
                               "09:30 起优先叫号，此前按原号顺序叫号")
    clock.advance(minutes=1)
    other = cli.json("clerk1", "appointment", "book", str(slot["id"]))
    ticket = cli.json("kiosk1", "appointment", "checkin", other["code"])
    assert (ticket["number"], ticket["precedence_given"]) == ("B002", False)


def test_day_close(cli: Cli, clock: FakeClock) -> None:
    for _ in range(3):
        cli.json("kiosk1", "ticket", "take", "C")
    cli.json("clerk4", "window", "open", "4")
    cli.json("clerk4", "window", "call", "4")
    cli.json("clerk4", "window", "finish", "4")
    cli.json("clerk4", "window", "call", "4")
    clock.advance(hours=9)
    assert cli("clerk4", "day", "close") == 14  # a clerk may not close the day
    result = cli.json("supervisor1", "day", "close")
    assert result == {"hall_day": "2026-11-24", "abandoned": 2, "missed_appointments": 0,
                      "windows_closed": 1, "abandoned_by_day": [["2026-11-24", 2]]}
    assert cli.json("kiosk1", "ticket", "show", "C002")["state"] == "abandoned"
    # Closed once: nothing is left to close (it recorded a second close of the day).
    assert "今日（2026-11-24）已日终闭厅" in cli.fails(13, "supervisor1", "day", "close")
    assert "已日终闭厅" in cli.fails(13, "kiosk1", "ticket", "take", "C")
    assert cli("supervisor1", "day", "reopen", "--reason", "误点日终") == 0
    assert "2026-11-24 已重新开厅" in cli.out
    assert cli.json("kiosk1", "ticket", "take", "C")["number"] == "C004"  # none used up


def test_a_noshow_is_shown_with_its_deadline_and_reactivated_by_its_qr_code(
        cli: Cli, clock: FakeClock) -> None:
    taken = cli.json("kiosk1", "ticket", "take", "A")
    cli.json("kiosk1", "ticket", "take", "A")
    cli.json("clerk11", "window", "open", "11")
    cli.json("clerk11", "window", "call", "11")
    cli.json("clerk11", "window", "noshow", "11")
    shown = cli.json("kiosk1", "ticket", "show", "A001")
    assert shown["state"] == "no_show"
    assert shown["reactivate_until"] == "2026-11-24T09:30:00+08:00"  # 09:00 + 30 min
    assert cli("kiosk1", "ticket", "show", "A001") == 0
    assert cli.out.strip() == "A001 商事登记 过号；09:30 前可重新激活"
    qr = f"HALLAPP:T:SZ-FT:{taken['hall_day']}:A001:{taken['id']}"  # as the scanner types it
    back = cli.json("kiosk1", "ticket", "reactivate", qr)
    assert (back["state"], back["people_ahead"]) == ("waiting", 1)
    assert cli.json("kiosk1", "ticket", "show", qr)["reactivate_until"] is None
    assert "不是本大厅的号票" in cli.fails(12, "kiosk1", "ticket", "show",
                                       f"HALLAPP:T:X:{taken['hall_day']}:A001:999999")
    assert "二维码无法识别" in cli.fails(11, "kiosk1", "ticket", "show", "HALLAPP:T:garbled")


def test_appointment_bookings_are_listed_masked_and_cancelled_with_a_reason(cli: Cli) -> None:
    [slot, *_] = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start",
                          "10:00", "--end", "11:00", "--capacity", "1")
    booked = cli.json("clerk1", "appointment", "book", str(slot["id"]), "--phone",
                      "13900001111", "--name", "王小明")
    assert "10:30" in cli.fails(11, "admin1", "appointment", "slots", "B", "2026-11-24",
                                "--start", "10:30", "--end", "12:00")  # overlaps
    assert cli("clerk1", "appointment", "bookings", "2026-11-24") == 0
    assert booked["code"] in cli.out
    assert "139****1111" in cli.out
    assert "王*明" in cli.out
    assert "13900001111" not in cli.out
    with pytest.raises(SystemExit):  # argparse: --reason is required
        cli("clerk1", "appointment", "cancel", booked["code"])
    assert cli("clerk1", "appointment", "cancel", booked["code"], "--reason", "来电取消") == 0
    assert cli.out.strip() == f"预约码 {booked['code']} 已取消"
    [listed] = cli.json("clerk1", "appointment", "bookings", "--queue", "B")
    assert listed["state"] == "cancelled"
    assert cli.json("kiosk1", "appointment", "list", "2026-11-24")[0]["booked"] == 0
    assert "已取消" in cli.fails(13, "clerk1", "appointment", "cancel", booked["code"],
                              "--reason", "again")
    assert cli("kiosk1", "appointment", "bookings") == 14  # a kiosk sees no bookings


def test_appointment_slots_kept_for_an_item(cli: Cli) -> None:
    item, other = "440300000000069392144002", "440300000000069392144003"  # queue B's
    made = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start", "10:00",
                    "--end", "10:30", "--capacity", "1", "--item", item)
    assert (made[0]["item_code"], made[0]["item_name"]) == (item, "不动产抵押权首次登记")
    assert "不在" in cli.fails(11, "admin1", "appointment", "slots", "A", "2026-11-24",
                              "--item", item)  # an item of another queue
    assert cli("kiosk1", "appointment", "list", "2026-11-24") == 0
    assert f"{item} 不动产抵押权首次登记" in cli.out
    slot = str(made[0]["id"])
    assert "仅供预约" in cli.fails(11, "clerk1", "appointment", "book", slot, "--item", other)
    no_booking = "440300000000069391780004"  # 个体工商户设立登记 (queue A): 支持预约 no
    assert "「个体工商户设立登记」不支持预约" in cli.fails(
        11, "admin1", "appointment", "slots", "A", "2026-11-24", "--start", "10:00", "--end",
        "10:30", "--item", no_booking)
    [general] = cli.json("admin1", "appointment", "slots", "A", "2026-11-24", "--start",
                         "10:00", "--end", "10:30")
    assert "不支持预约" in cli.fails(11, "clerk1", "appointment", "book", str(general["id"]),
                                "--item", no_booking)
    assert cli("clerk1", "appointment", "book", slot) == 0
    assert "不动产抵押权首次登记" in cli.out
    [listed] = cli.json("clerk1", "appointment", "bookings")
    assert listed["item_code"] == item
    ticket = cli.json("kiosk1", "appointment", "checkin", listed["code"])
    assert (ticket["queue"], ticket["item_code"]) == ("B", item)


def test_appointment_slot_capacity_and_removal(cli: Cli) -> None:
    first, second = cli.json("admin1", "appointment", "slots", "C", "2026-11-24", "--start",
                             "10:00", "--end", "11:00", "--capacity", "2")
    cli.json("clerk1", "appointment", "book", str(second["id"]))
    [changed] = cli.json("admin1", "appointment", "capacity", str(second["id"]), "5")
    assert (changed["capacity"], changed["booked"]) == (5, 1)
    assert "至少为 1" in cli.fails(11, "admin1", "appointment", "capacity",
                                 str(second["id"]), "0")
    cli.json("clerk1", "appointment", "book", str(second["id"]))
    assert "已有 2 人预约" in cli.fails(11, "admin1", "appointment", "capacity",
                                    str(second["id"]), "1")
    assert "不能删除" in cli.fails(13, "admin1", "appointment", "remove", str(second["id"]))
    assert cli("admin1", "appointment", "remove", str(first["id"])) == 0
    assert [s["id"] for s in cli.json("kiosk1", "appointment", "list")] == [second["id"]]
    assert cli("clerk1", "appointment", "remove", str(second["id"])) == 14  # not an admin


def test_green_channel_classes_listed_and_replaced(cli: Cli) -> None:
    listed = cli.json("admin1", "hall", "green-channel")
    assert [c["code"] for c in listed] == ["elderly", "disabled", "military", "pregnant"]
    changed = cli.json("admin1", "hall", "green-channel", "--set", "elderly=60岁以上老人=Aged 60+",
                       "fire_rescue=消防救援人员")
    assert changed == [{"code": "elderly", "name": "60岁以上老人", "name_en": "Aged 60+"},
                       {"code": "fire_rescue", "name": "消防救援人员"}]
    assert cli.json("kiosk1", "ticket", "take", "A", "--priority",
                    "fire_rescue")["priority"] == "fire_rescue"
    assert "编码" in cli.fails(11, "admin1", "hall", "green-channel", "--set", "Bad=坏")
    assert cli("clerk1", "hall", "green-channel", "--set", "x=y") == 14
    assert len(cli.json("kiosk1", "hall", "green-channel")) == 2  # the bad list saved nothing


def test_hall_settings_listed_and_changed(cli: Cli) -> None:
    listed = {r["key"]: r["value"] for r in cli.json("admin1", "hall", "settings")}
    assert (listed["recall_max"], listed["announce_english"]) == (3, False)
    assert listed["kiosk_admin_pin"] in ("****", None)  # never shown
    changed = cli.json("admin1", "hall", "settings", "--set", "recall_max=2",
                       "announce_english=true")
    values = {r["key"]: r["value"] for r in changed}
    assert (values["recall_max"], values["announce_english"]) == (2, True)
    assert cli("supervisor1", "hall", "settings") == 0
    assert "叫号时加播英文" in cli.out
    assert "0 到 10" in cli.fails(11, "admin1", "hall", "settings", "--set", "recall_max=99")
    assert "是/否" in cli.fails(11, "admin1", "hall", "settings", "--set", "mask_names=maybe")
    assert "名称=取值" in cli.fails(11, "admin1", "hall", "settings", "--set", "colour=red")
    assert cli("clerk1", "hall", "settings", "--set", "recall_max=1") == 14
    after = {r["key"]: r["value"] for r in cli.json("kiosk1", "hall", "settings")}
    assert after["recall_max"] == 2  # refused changes saved nothing


def test_json_times_are_the_halls_whether_a_slot_was_just_made_or_listed(cli: Cli) -> None:
    [made, *_] = cli.json("admin1", "appointment", "slots", "B", "2026-11-24", "--start",
                          "10:00", "--end", "11:00")
    [listed, *_] = cli.json("kiosk1", "appointment", "list", "2026-11-24", "--queue", "B")
    assert made["starts_at"] == listed["starts_at"] == "2026-11-24T10:00:00+08:00"


def test_a_recall_says_it_is_one_and_which(cli: Cli) -> None:
    """``window recall`` printed the same line as the first call."""
    cli.json("kiosk1", "ticket", "take", "A")
    cli.json("clerk11", "window", "open", "11")
    assert cli("clerk11", "window", "call", "11") == 0
    first = cli.out
    assert "重呼" not in first
    assert cli("clerk11", "window", "recall", "11") == 0
    assert "（重呼 1/3，第 2 次呼叫）" in cli.out
    assert cli("clerk11", "--lang", "en", "window", "recall", "11") == 0
    assert "(recall 2 of 3, call 3)" in cli.out
    assert cli.json("clerk11", "window", "recall", "11")["recalls"] == 3
