"""``report daily|monthly|overdue --json`` give the report as data, as ``kpi drill --json``
does: English keys, codes, instants in ISO 8601 with the hall's offset, numbers as numbers and
durations in seconds. They gave the report's sections: Chinese column headers ("平均等候(分)"),
figure names as cells ("取号数"), minutes, and the 超时办结 times without a zone."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from clikit import CJK, Cli, chinese_keys, make_cli
from conftest import FakeClock
from sqlalchemy import update

from hallapp.store.models import Case
from hallapp.store.uow import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import CtxFor
from kpikit import busy_day


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)



def test_daily_and_monthly_reports_give_figures_as_data(cli: Cli, ctx_for: CtxFor,
                                                        clock: FakeClock,
                                                        tmp_path: Path) -> None:
    busy_day(ctx_for, clock)
    daily = cli.json("supervisor1", "report", "daily")
    assert {k: daily[k] for k in ("kind", "start", "end", "files")} == {
        "kind": "daily", "start": "2026-11-24", "end": "2026-11-24", "files": []}
    assert datetime.fromisoformat(daily["generated_at"]).utcoffset() is not None
    assert daily["generated_at"].endswith("+08:00")
    total = daily["total"]
    assert (total["tickets"], total["wait"]["mean"]) == (6, 610)  # seconds, not "10.2"
    assert total["no_show_rate"] == {"numerator": 1, "denominator": 4, "percent": 25.0}
    assert set(daily["by"]) == {"queue", "window", "clerk", "department"}
    assert [r["key"] for r in daily["by"]["queue"]] == ["A", "B"]
    assert [r["key"] for r in daily["by"]["clerk"]] == ["clerk1", "clerk3"]
    assert daily["appointments"]["kept"]["denominator"] == 0
    assert daily["appointments"]["hall"]["queue"] is None
    assert chinese_keys(daily) == []
    assert daily["total"] == cli.json("supervisor1", "kpi", "show")["total"]  # one shape

    xlsx = tmp_path / "m.xlsx"
    monthly = cli.json("supervisor1", "report", "monthly", "--month", "2026-11", "--xlsx",
                       str(xlsx))
    assert (monthly["kind"], monthly["start"], monthly["end"]) == (
        "monthly", "2026-11-01", "2026-11-30")
    assert monthly["files"] == [str(xlsx)]
    assert xlsx.exists()  # the file as before
    assert set(monthly["by"]) == {"department", "queue", "item"}
    [today] = monthly["days"]
    assert today["day"] == "2026-11-24"
    assert (today["tickets"], today["wait"]["mean"]) == (6, 610)
    assert today["on_spot_rate"]["denominator"] == total["on_spot_rate"]["denominator"]
    assert chinese_keys(monthly) == []
    assert cli("supervisor1", "report", "daily", "--xlsx", str(tmp_path / "d.xlsx")) == 0
    assert "已写出" in cli.out  # the text as before


def test_overdue_report_gives_cases_with_codes_and_instants(cli: Cli, ctx_for: CtxFor,
                                                            clock: FakeClock,
                                                            hall_db: Database) -> None:
    numbers = busy_day(ctx_for, clock)
    friday, monday = (datetime(2026, 11, d, h, m, tzinfo=ZoneInfo("Asia/Shanghai"))
                      for d, h, m in ((20, 18, 0), (23, 9, 1)))
    with hall_db.write_session() as s:  # the approved case concluded late
        s.execute(update(Case).where(Case.number == numbers["accepted"]).values(
            outcome="late", deadline=friday, concluded_at=monday))
        s.commit()
    overdue = cli.json("supervisor1", "report", "overdue", "--from", "2026-11-23")
    assert {k: overdue[k] for k in ("kind", "start", "end")} == {
        "kind": "overdue", "start": "2026-11-23", "end": "2026-11-23"}
    [case] = overdue["cases"]
    assert case == {
        "number": numbers["accepted"], "item_code": case["item_code"], "item": case["item"],
        "department": "SZAMR", "accepted_at": case["accepted_at"],
        "deadline": "2026-11-20T18:00:00+08:00", "concluded_at": "2026-11-23T09:01:00+08:00",
        "late_working_days": 1}
    assert datetime.fromisoformat(case["accepted_at"]).utcoffset() is not None
    assert not CJK.search(case["item_code"])
    assert chinese_keys(overdue) == []
