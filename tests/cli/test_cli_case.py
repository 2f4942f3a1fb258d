"""``hallapp case|backoffice|rating|calendar|blacklist`` in process, on the demo database.

Each command logs in with HALLAPP_PASSWORD like a real terminal (cheap hashes swapped in, as
in test_cli_queue) and the CLI's context gets the test's FakeClock. Bad input must give a
message naming the rule, the error's exit code, and change nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock
from sqlalchemy import func, select
from stdnum.cn import ric

from hallapp.cli.log_line import loggable
from hallapp.core.roles import Actor, Role
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, Case, Staff
from hallapp.store.uow import Database

PLAIN = "440300000000069391780003"  # 企业注销登记: 1 working day, SZAMR


def _id(seq: int) -> str:
    body = f"44030419850312{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def _serve(db: Database, clock: FakeClock) -> None:
    def ctx(user: str, role: Role) -> Ctx:
        with db.read_session() as s:
            row = s.scalars(select(Staff).where(Staff.username == user)).one()
        return Ctx(db, Actor(user, role, row.id), clock=clock)

    tickets.take_ticket(ctx("kiosk1", Role.KIOSK), "A")
    clerk = ctx("clerk1", Role.CLERK)
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)


def _state(db: Database) -> tuple[int, int]:
    with db.read_session() as s:
        return (int(s.scalar(select(func.count(Case.id))) or 0),
                int(s.scalar(select(func.count(AuditEntry.id)).where(
                    AuditEntry.entity == "case")) or 0))  # logins are audited too


def test_case_from_intake_to_delivery(cli: Cli, hall_db: Database, clock: FakeClock) -> None:
    _serve(hall_db, clock)
    before = _state(hall_db)
    bad = _id(1)[:-1] + ("0" if _id(1)[-1] != "0" else "1")
    assert "校验位" in cli.fails(11, "clerk1", "case", "open", "1", PLAIN, "--name", "张三",
                                "--id-number", bad)
    assert "授权委托书" in cli.fails(11, "clerk1", "case", "open", "1", PLAIN, "--name", "张三",
                                  "--id-number", _id(1), "--agent-name", "李四",
                                  "--agent-id", _id(2))
    assert _state(hall_db)[0] == before[0]
    opened = cli.json("clerk1", "case", "open", "1", PLAIN, "--name", "张三",
                      "--id-number", _id(1), "--phone", "13800138000")
    number = opened["case"]["number"]
    assert opened["case"]["state"] == "received"
    snapshot = _state(hall_db)
    assert "M99" in cli.fails(11, "clerk1", "case", "checklist", number, "--mark", "M99=received")
    assert "材料编码=值" in cli.fails(11, "clerk1", "case", "checklist", number, "--mark", "M01")
    # marks the counter would not take were recorded (or their options dropped) silently
    for marks in (["--mark", "M01=faulty"], ["--mark", "M01=missing", "--copies", "M01=3"],
                  ["--mark", "M01=received", "--copies", "M01=99999999999"],
                  ["--copies", "M01=2"], ["--form", "M01=copy"],
                  ["--mark", "M01=received", "--copies", "M02=2"]):
        assert cli("clerk1", "case", "checklist", number, *marks) == 11, (marks, cli.out)
    assert "--form M02：该材料未用 --mark" in cli.fails(
        11, "clerk1", "case", "checklist", number, "--mark", "M01=received", "--form", "M02=copy")
    assert _state(hall_db) == snapshot
    view = cli.json("clerk1", "case", "checklist", number, "--all", "received",
                    "--mark", "M01=missing:未带原件")
    assert view["outstanding"] == ["M01"]
    assert cli("clerk1", "case", "checklist", number) == 0
    assert "✗ accept：主审要件缺失" in cli.out
    assert "主审要件缺失" in cli.fails(19, "clerk1", "case", "decide", number, "accept")
    assert _state(hall_db) == (snapshot[0], snapshot[1] + 1)  # only the checklist audit
    cli.json("clerk1", "case", "checklist", number, "--mark", "M01=received",
             "--form", "M01=original_and_copy", "--copies", "M01=2")
    decided = cli.json("clerk1", "case", "decide", number, "accept")
    assert decided["case"]["state"] == "accepted"
    assert "无权" in cli.fails(14, "clerk1", "backoffice", "claim", number)
    queue = cli.json("approver_szamr", "backoffice", "queue")
    assert number in [c["number"] for c in queue]
    assert cli("approver_szamr", "backoffice", "queue") == 0
    assert number in cli.out
    # the deadline at the hall's clock (18:00 in Shanghai, not 10:00 UTC), its state in words
    assert "11-25 18:00" in cli.out
    assert "临近期限，剩 1 个工作日" in cli.out
    assert cli("clerk1", "case", "show", number) == 0
    assert "期限 2026-11-25 18:00（临近期限，剩 1 个工作日）" in cli.out
    assert "2026-11-24 09:00 clerk1 受理 → 已受理" in cli.out
    # filters that name nothing the hall has are refused, not answered with an empty list
    assert "未知部门 NOPE" in cli.fails(12, "approver_szamr", "backoffice", "queue", "--department",
                                      "NOPE")
    assert "未知部门 NOPE" in cli.fails(12, "clerk1", "case", "list", "--department", "NOPE")
    assert "窗口 99 不存在" in cli.fails(12, "display1", "rating", "add", "5", "--window", "99")
    assert "未知的办件状态" in cli.fails(11, "clerk1", "case", "list", "--state", "done")
    assert [c["number"] for c in cli.json("clerk1", "case", "list", "--department", "SZAMR",
                                          "--state", "accepted")] == [number]
    cli.json("approver_szamr", "backoffice", "claim", number)
    cli.json("approver_szamr", "backoffice", "correct", number, "--opinion", "清税证明需盖章",
             "--material", "M03")
    clock.advance(days=1)
    # waiting for the applicant: the clock is stopped, with the day that was left then (it
    # read 临近期限 for as long as it waited)
    assert cli("clerk1", "case", "show", number) == 0
    assert "（计时暂停，剩 1 个工作日）" in cli.out
    assert cli("clerk1", "--lang", "en", "case", "list", "--day", "2026-11-24") == 0
    assert "clock stopped, 1 working day left" in cli.out
    resumed = cli.json("clerk1", "backoffice", "resume", number)
    assert (resumed["state"], resumed["visits"]) == ("corrected", 2)
    cli.json("approver_szamr", "backoffice", "claim", number)
    assert cli.json("approver_szamr", "backoffice", "approve", number,
                    "--opinion", "同意")["state"] == "approved"
    assert "不能执行" in cli.fails(13, "approver_szamr", "backoffice", "approve", number)
    cli.json("approver_szamr", "backoffice", "ready", number)
    wrong = f"HALLAPP:C:{number}:AAAAAA"
    assert "校验码" in cli.fails(11, "clerk1", "case", "deliver", number, "--proof", wrong)
    qr = opened["case"]["qr_payload"]
    assert cli.json("clerk1", "case", "deliver", number, "--proof", qr)["state"] == "delivered"
    shown = cli.json("clerk1", "case", "show", number)
    assert [t["action"] for t in shown["transitions"]] == [
        "open", "accept", "claim", "request_correction", "supply_correction", "claim",
        "approve", "mark_ready", "deliver"]
    assert cli("clerk1", "case", "show", number) == 0
    assert "已出件" in cli.out
    assert "M01" in cli.out
    assert "received" not in cli.out  # materials' checks in words: 已收

    assert "无权评价" in cli.fails(14, "clerk1", "rating", "add", "5", "--case", number)
    rated = cli.json("display1", "rating", "add", "2", "--case", number, "--attitude", "1")
    assert rated["followup_id"] is not None
    listed = cli.json("supervisor1", "rating", "followup", "list", "--state", "open")
    assert [f["id"] for f in listed] == [rated["followup_id"]]
    closed = cli.json("supervisor1", "rating", "followup", "close", str(rated["followup_id"]),
                      "--note", "已回访")
    assert closed["state"] == "closed"
    assert cli("supervisor1", "rating", "followup", "list") == 0
    assert "已办结" in cli.out  # the state in words, not "closed"
    assert cli("supervisor1", "case", "figures", "2026-11-24") == 0
    assert "最多跑一次率 —" in cli.out  # nothing concluded on Tuesday
    figures = cli.json("supervisor1", "case", "figures", "2026-11-24", "2026-11-25")
    assert figures["one_visit_rate"] == {"numerator": 0, "denominator": 1, "percent": 0.0}
    assert figures["rectification_rate"]["percent"] == 100.0


def test_calendar_and_blacklist_commands(cli: Cli, tmp_path: Path) -> None:
    assert "2027" in cli.fails(13, "admin1", "calendar", "show", "2027")
    for year in ("0", "99999"):  # were internal errors
        assert "年份应在 1900 到 2200 之间" in cli.fails(11, "admin1", "calendar", "show", year)
    notice = tmp_path / "2027.json"
    notice.write_text(json.dumps({"year": 2027, "holidays": ["2027-01-01"],
                                  "workdays": ["2027-02-06"]}), encoding="utf-8")
    assert "无权" in cli.fails(14, "clerk1", "calendar", "load", str(notice))
    assert cli.json("admin1", "calendar", "load", str(notice))["years"] == [2027]
    assert cli("admin1", "calendar", "load", str(notice)) == 0
    assert cli.out.strip() == "已载入 2027 年官方日历（2 天调整，来源 2027.json）"
    assert cli("admin1", "calendar", "show", "2027") == 0
    assert "工作日放假：01-01" in cli.out
    year = cli.json("admin1", "calendar", "show", "2027")
    assert (year["rest_weekdays"], year["working_weekends"]) == (["2027-01-01"], ["2027-02-06"])
    with pytest.raises(SystemExit) as usage:  # --rest or --work is required
        cli("admin1", "calendar", "add-days", "2026-12-28", "2")
    assert usage.value.code == 2
    days = cli.json("admin1", "calendar", "add-days", "2026-12-28", "2", "--rest",
                    "--note", "闭厅")
    assert [(d["day"], d["working"]) for d in days["days"]] == [("2026-12-28", False),
                                                                ("2026-12-29", False)]
    assert days["cancelled_bookings"] == []
    assert "无法读取文件" in cli.fails(20, "admin1", "calendar", "load", str(tmp_path / "none"))
    gbk = tmp_path / "2028.json"  # saved by Notepad on a Chinese Windows: GBK, not UTF-8
    gbk.write_bytes(json.dumps({"year": 2028, "note": "国务院办公厅关于2028年节假日安排的通知",
                                "holidays": ["2028-01-03"]}, ensure_ascii=False).encode("gbk"))
    assert cli.json("admin1", "calendar", "load", str(gbk))["years"] == [2028]
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x80")
    assert "binary.json 不是文本文件" in cli.fails(11, "admin1", "calendar", "load", str(binary))

    entry = cli.json("admin1", "blacklist", "add", _id(9), "--source", "信用中国",
                     "--name", "王五")
    assert entry["active"]
    assert "身份证" in cli.fails(11, "admin1", "blacklist", "add", "44030419850312009",
                                "--source", "x")
    assert [e["id"] for e in cli.json("supervisor1", "blacklist", "list")] == [entry["id"]]
    assert cli("supervisor1", "blacklist", "list") == 0
    assert "王五" in cli.out
    cli.json("admin1", "blacklist", "remove", str(entry["id"]), "--reason", "信用修复")
    assert cli.json("admin1", "blacklist", "list") == []
    assert len(cli.json("admin1", "blacklist", "list", "--all")) == 1


def test_case_take_up_binds_a_waiting_case_to_the_ticket_served(
        cli: Cli, hall_db: Database, clock: FakeClock,
        ctx_for: Callable[[str], Ctx]) -> None:
    """``case take-up CASE --window N``: the counter's 接手办理 from the command line."""
    _serve(hall_db, clock)
    number = cli.json("clerk1", "case", "open", "1", PLAIN, "--name", "张三",
                      "--id-number", _id(3))["case"]["number"]
    windows.finish(ctx_for("clerk1"), 1)  # the applicant went for a missing paper
    assert "没有正在办理的号" in cli.fails(13, "clerk2", "case", "take-up", number,
                                      "--window", "2")
    tickets.take_ticket(ctx_for("kiosk1"), "A")  # back on a new number, called to window 2
    clerk2 = ctx_for("clerk2")
    windows.open_window(clerk2, 2)
    windows.call_next(clerk2, 2)
    windows.start(clerk2, 2)
    assert "使用中" in cli.fails(22, "clerk1", "case", "take-up", number, "--window", "2")
    assert "不存在" in cli.fails(12, "clerk2", "case", "take-up", "SZFT-20261124-99999",
                                "--window", "2")
    taken = cli.json("clerk2", "case", "take-up", number, "--window", "2")
    assert (taken["case"]["state"], taken["case"]["window"], taken["case"]["ticket"]) == (
        "received", 2, "A002")
    assert cli("clerk2", "case", "take-up", number, "--window", "2") == 0
    assert number in cli.out
    cli.json("clerk2", "case", "checklist", number, "--all", "received")
    cli.json("clerk2", "case", "decide", number, "accept")
    assert "不在收件环节" in cli.fails(13, "clerk2", "case", "take-up", number,
                                   "--window", "2")
    assert cli("clerk2", "case", "show", number) == 0
    assert "到厅：\n  2026-11-24 09:00 收件，号码 A001" in cli.out  # the ticket it came with
    assert cli.json("clerk2", "case", "show", number)["visits"][0]["ticket"] == "A001"


def test_a_tolerant_acceptance_says_by_when_the_owed_material_is_due(
        cli: Cli, hall_db: Database, clock: FakeClock) -> None:
    """容缺受理 from the command line: the answer and ``case show`` give the supplement due
    date, as the receipt and the counter do (the clerk had no date to tell the applicant)."""
    _serve(hall_db, clock)
    number = cli.json("clerk1", "case", "open", "1", "440300000000069391780002",  # 公司变更登记
                      "--name", "张三", "--id-number", _id(3))["case"]["number"]
    cli.json("clerk1", "case", "checklist", number, "--all", "received", "--mark", "M03=missing")
    assert cli("clerk1", "case", "decide", number, "accept_tolerant") == 0
    assert "容缺材料 M03 补交期限 2026-11-25 18:00" in cli.out
    assert cli("clerk1", "case", "show", number) == 0
    assert "容缺材料 M03 补交期限 2026-11-25 18:00" in cli.out


def test_the_log_keeps_no_applicant_s_personal_data_in_full(
        cli: Cli, hall_db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    """Every command line is logged; an applicant's ID number, phone and name were kept in
    full in a file sent along with support requests."""
    _serve(hall_db, clock)
    caplog.set_level("INFO", logger="hallapp")
    cli.json("clerk1", "case", "open", "1", PLAIN, "--name", "张小三", f"--id-number={_id(4)}",
             "--phone", "13812345678", "--agent-name", "李四", "--agent-id", _id(5),
             "--agent-authorisation", "授权委托书")
    cli.json("admin1", "blacklist", "add", _id(6), "--source", "信用中国", "--name", "王五")
    logged = "\n".join(r.getMessage() for r in caplog.records if "command" in r.getMessage())
    for secret in (_id(4), _id(5), _id(6), "13812345678", "张小三", "李四", "王五"):
        assert secret not in logged
    assert f"--id-number={_id(4)[:4]}**********{_id(4)[-4:]}" in logged
    assert "--phone 138****5678 --agent-name 李* " in logged
    assert "--name 张*三" in logged


def test_the_log_masks_personal_data_behind_abbreviated_options(
        cli: Cli, hall_db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    """argparse takes ``--nam`` for ``--name`` and ``--ph`` for ``--phone``: the log kept the
    values of such abbreviated options, and a searched applicant's document number, in full."""
    _serve(hall_db, clock)
    caplog.set_level("INFO", logger="hallapp")
    cli.json("clerk1", "case", "open", "1", PLAIN, "--nam", "张小三", f"--id-n={_id(4)}",
             "--ph", "0755-88123456", "--agent-n=李四", "--agent-i", _id(5),
             "--agent-authorisation", "授权委托书")
    cli("clerk1", "case", "list", "--applicant", "H12345678")
    logged = "\n".join(r.getMessage() for r in caplog.records if "command" in r.getMessage())
    for secret in ("张小三", "88123456", "李四", "H12345678"):
        assert secret not in logged
    assert "--nam 张*三" in logged
    assert "--agent-n=李*" in logged


def test_the_log_masks_a_blacklist_subject_that_is_no_18_digit_id(
        cli: Cli, hall_db: Database, caplog: pytest.LogCaptureFixture) -> None:
    """The positional subject is logged before it is checked: a mistyped ID number (a digit
    short, an old 15-digit one) or a permit's number matched no ID-number pattern and was
    logged in full, refused or not."""
    caplog.set_level("INFO", logger="hallapp")
    for subject in ("H12345678", "440304850312001"):
        cli("admin1", "blacklist", "add", subject, "--source", "信用中国")
    logged = "\n".join(r.getMessage() for r in caplog.records if "command" in r.getMessage())
    assert "H12345678" not in logged
    assert "440304850312001" not in logged
    assert "blacklist add 4403*******2001 --source" in logged


def test_the_log_masks_a_collector_s_document_given_as_proof(
        cli: Cli, hall_db: Database, caplog: pytest.LogCaptureFixture) -> None:
    """case deliver --proof takes the receipt's QR code or the collector's ID number; one not
    of 18 digits (a permit, a mistyped number) was logged in full. The QR code stays."""
    caplog.set_level("INFO", logger="hallapp")
    cli("clerk1", "case", "deliver", "SZ2026000001", "--proof", "H12345678")
    cli("clerk1", "case", "deliver", "SZ2026000001", "--proof=HALLAPP:C:SZ2026000001")
    logged = "\n".join(r.getMessage() for r in caplog.records if "command" in r.getMessage())
    assert "H12345678" not in logged
    assert "--proof H123*5678" in logged
    assert "--proof=HALLAPP:C:SZ2026000001" in logged


def test_the_log_masks_a_mobile_number_written_with_its_country_code() -> None:
    """A note's '+8613812345678' or '008613812345678' was logged in full: the digits of the
    country code before it hid the mobile number from the sweep."""
    line = loggable(["case", "reject", "X", "--reason", "联系+8613812345678或008613912345678"],
                    "case", None)
    assert line == "case reject X --reason 联系+86138****5678或0086139****5678"
