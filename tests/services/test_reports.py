"""Reports: the XLSX and the PDF open with their readers and hold the same figures."""

from __future__ import annotations

import functools
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from casekit import CtxFor
from conftest import CHEAP, FakeClock
from kpikit import busy_day
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import update

from hallapp.cli import common
from hallapp.cli.main import main
from hallapp.core.errors import PermissionDenied
from hallapp.services import day, report_files, reports, staff
from hallapp.services.context import Ctx
from hallapp.store.models import Case
from hallapp.store.uow import Database

DAY = date(2026, 11, 24)


def _pdf_text(data: bytes) -> str:
    return "".join("".join((p.extract_text() or "").split())
                   for p in PdfReader(io.BytesIO(data)).pages)


def _sheet_cells(data: bytes) -> dict[str, list[list[Any]]]:
    """Each sheet's values as Excel holds them (numbers, times; None for an empty cell)."""
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
            for ws in wb.worksheets}


def _formats(data: bytes, sheet: str, row: int) -> list[str]:
    return [c.number_format for c in load_workbook(io.BytesIO(data))[sheet][row]]


def test_daily_report_files_hold_the_day_figures(ctx_for: CtxFor, clock: FakeClock,
                                                 tmp_path: Path) -> None:
    busy_day(ctx_for, clock)
    sup = ctx_for("supervisor1")
    day.close_day(sup)
    report = reports.daily_report(sup, DAY)
    figures = {name: (value, note) for name, value, note in report.sections[0].rows}
    assert figures["取号数"] == ("6", "")
    assert figures["平均等候时间(分钟)"] == ("10.2", "")  # 610 s
    assert figures["过号率"] == ("25.0%（1/4）", "")
    # ¼ and ½ printed as "1⁄" in the PDF (a fallback font): percentages, as on the KPI tab
    assert figures["即办率"] == ("50.0%（1/2）", "≥25%目标达标、≥50%目标达标")
    assert figures["好评率"] == ("66.7%（2/3）", "")
    paths = report_files.write(report, xlsx=tmp_path / "day.xlsx", pdf=tmp_path / "day.pdf")
    assert [p.name for p in paths] == ["day.xlsx", "day.pdf"]
    xlsx = (tmp_path / "day.xlsx").read_bytes()
    sheets = _sheet_cells(xlsx)
    assert list(sheets) == ["全厅指标", "分队列", "分窗口", "分工作人员", "分部门",
                            "预约履约（分队列）"]
    # Numbers, not text ('6', '66.7%（2/3）'): a rate is a share shown as a percentage, its
    # counts beside it.
    assert sheets["全厅指标"][3] == ["指标", "数值", "数值（分子/分母）", "说明"]
    hall = {r[0]: r[1:] for r in sheets["全厅指标"][4:]}
    assert hall["取号数"] == [6, None, None]
    assert hall["平均等候时间(分钟)"] == [10.2, None, None]
    assert hall["过号率"] == [0.25, "1/4", None]
    assert hall["好评率"][:2] == [pytest.approx(2 / 3), "2/3"]
    assert _formats(xlsx, "全厅指标", 14)[1] == "0.0%"  # 即办率
    queue_rows = {r[0]: r for r in sheets["分队列"][4:]}
    assert queue_rows["A 商事登记"][1] == 5
    assert queue_rows["B 不动产登记"][2] == 17.0
    assert queue_rows["B 不动产登记"][10:12] == [None, "0/0"]  # 即办率 of no case: empty, not —
    text = _pdf_text((tmp_path / "day.pdf").read_bytes())
    for name, value, note in report.sections[0].rows:  # the PDF as before, as text
        assert "".join(f"{name}{value}{note}".split()) in text
    assert "A商事登记" in text
    assert "17.0" in text


def test_reports_count_what_became_of_the_appointments(ctx_for: CtxFor,
                                                       clock: FakeClock) -> None:
    from datetime import time

    from hallapp.services import appointments

    admin, clerk, kiosk = ctx_for("admin1"), ctx_for("clerk1"), ctx_for("kiosk1")
    nine, half_past = appointments.create_slots(admin, "A", DAY, time(9), time(10), capacity=4)
    [b_slot] = appointments.create_slots(admin, "B", DAY, time(9), time(9, 30))
    a = [appointments.book(clerk, nine.id).code for _ in range(4)]
    a.append(appointments.book(clerk, half_past.id).code)
    b = appointments.book(clerk, b_slot.id).code
    appointments.checkin(kiosk, a[0])  # 09:00, on time
    appointments.checkin(kiosk, b)
    appointments.cancel(clerk, a[3], "申请人来电取消")
    clock.advance(minutes=20)
    appointments.checkin(kiosk, a[1])  # 09:20: past the 15-minute grace, late
    sup = ctx_for("supervisor1")

    def section(report: reports.Report) -> dict[str, tuple[str, ...]]:
        found = next(s for s in report.sections if s.title == "预约履约（分队列）")
        assert found.columns == reports.APPOINTMENT_COLUMNS
        return {row[0]: row[1:] for row in found.rows}

    # made, on time, late, missed, cancelled, still to come, kept of those concluded
    assert section(reports.daily_report(sup, DAY)) == {
        "A 商事登记": ("5", "1", "1", "0", "1", "2", "100.0%（2/2）"),
        "B 不动产登记": ("1", "1", "0", "0", "0", "0", "100.0%（1/1）"),
        "合计": ("6", "2", "1", "0", "1", "2", "100.0%（3/3）")}
    clock.advance(hours=9)  # 18:20: the day is closed; the two never come are missed
    day.close_day(sup)
    daily = reports.daily_report(sup, DAY)
    assert section(daily)["A 商事登记"] == ("5", "1", "1", "2", "1", "0", "50.0%（2/4）")
    assert section(daily)["合计"] == ("6", "2", "1", "2", "1", "0", "60.0%（3/5）")
    assert section(reports.monthly_report(sup, 2026, 11)) == section(daily)
    kept = reports.appointment_keeping(sup, DAY, DAY)  # the supervisor's 预约履约率 card
    assert (kept.kept.numerator, kept.kept.denominator, kept.kept.percent) == (3, 5, 60.0)
    assert {row[0]: row[1:] for row in kept.section.rows} == section(daily)
    assert section(reports.daily_report(sup, DAY + timedelta(days=1))) == {}
    cells = _sheet_cells(report_files.xlsx_bytes(daily))["预约履约（分队列）"]
    assert cells[3] == [*reports.APPOINTMENT_COLUMNS, "履约率（分子/分母）"]
    assert cells[4:] == [["A 商事登记", 5, 1, 1, 2, 1, 0, 0.5, "2/4"],
                         ["B 不动产登记", 1, 1, 0, 0, 0, 0, 1, "1/1"],
                         ["合计", 6, 2, 1, 2, 1, 0, 0.6, "3/5"]]
    assert "合计62121060.0%（3/5）" in _pdf_text(report_files.pdf_bytes(daily))


def test_monthly_report_has_a_daily_trend(ctx_for: CtxFor, clock: FakeClock) -> None:
    busy_day(ctx_for, clock)
    sup = ctx_for("supervisor1")
    day.close_day(sup)
    clock.advance(days=1)
    report = reports.monthly_report(sup, 2026, 11)
    assert report.period == "2026年11月"
    trend = next(s for s in report.sections if s.title == "每日走势")
    assert trend.rows == (("2026-11-24", "6", "10.2", "17.0", "50.0%", "100.0%", "66.7%"),)
    xlsx = report_files.xlsx_bytes(report)
    assert _sheet_cells(xlsx)["每日走势"][4] == [datetime(2026, 11, 24), 6, 10.2, 17.0, 0.5, 1,
                                                0.667]
    assert _formats(xlsx, "每日走势", 5)[:5] == ["yyyy-mm-dd", "General", "0.0", "0.0", "0.0%"]
    assert "2026-11-24610.217.0" in _pdf_text(report_files.pdf_bytes(report))


def test_public_overdue_list_has_no_personal_data(ctx_for: CtxFor, clock: FakeClock,
                                                  hall_db: Database) -> None:
    """超时(天) counts working days, as the back office does (超期 1 个工作日): a case due
    Friday 18:00 and approved Monday 09:01 was listed 3 days late (calendar days)."""
    numbers = busy_day(ctx_for, clock)
    friday, monday = (datetime(2026, 11, d, h, m, tzinfo=ZoneInfo("Asia/Shanghai"))
                      for d, h, m in ((20, 18, 0), (23, 9, 1)))
    with hall_db.write_session() as s:  # make the approved case one concluded late
        s.execute(update(Case).where(Case.number == numbers["accepted"]).values(
            outcome="late", deadline=friday, concluded_at=monday))
        applicant = s.query(Case.applicant_name, Case.applicant_id).filter(
            Case.number == numbers["accepted"]).one()
        s.commit()
    sup = ctx_for("supervisor1")
    report = reports.overdue_report(sup, monday.date())
    rows = report.sections[0].rows
    assert [(r[0], r[1], r[5], r[6], r[7]) for r in rows] == [
        ("1", numbers["accepted"], "2026-11-20 18:00", "2026-11-23 09:01", "1")]
    pdf = _pdf_text(report_files.pdf_bytes(report))
    xlsx = str(_sheet_cells(report_files.xlsx_bytes(report)))
    assert numbers["accepted"] in pdf
    assert numbers["accepted"] in xlsx
    for personal in applicant:
        assert personal not in pdf
        assert personal not in xlsx
    with pytest.raises(PermissionDenied):
        reports.overdue_report(ctx_for("clerk1"), DAY)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_cli_shows_figures_and_writes_reports(ctx_for: CtxFor, clock: FakeClock,
                                              hall_db: Database, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    busy_day(ctx_for, clock)
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    monkeypatch.setattr(staff, "_hasher", CHEAP)
    monkeypatch.setattr(common, "Ctx", functools.partial(Ctx, clock=clock))
    base = ["--db", hall_db.url, "--user", "supervisor1"]
    assert main([*base, "kpi", "show", "--from", "2026-11-24", "--by", "queue", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["total"]["tickets"], shown["total"]["wait"]["p90"]) == (6, 1020)
    assert [r["key"] for r in shown["rows"]] == ["A", "B"]
    assert main([*base, "kpi", "show", "--from", "2026-11-24"]) == 0
    assert "过号率" in capsys.readouterr().out
    assert main([*base, "kpi", "show", "--by", "queue", "--json"]) == 0  # today by default
    assert json.loads(capsys.readouterr().out) == shown
    assert main([*base, "kpi", "drill", "--figure", "no_show"]) == 0
    assert "A002" in capsys.readouterr().out
    for by, key, figure in (("queue", "ZZ", "tickets"), ("window", "abc", "on_spot"),
                            ("window", "99", "good_rating")):
        assert main([*base, "kpi", "drill", "--by", by, "--key", key, "--figure", figure]) == 12
        err = capsys.readouterr().err  # not an empty list, nor an internal error
        assert f"{key} 不存在" in err
        assert "内部错误" not in err
    assert main([*base, "kpi", "drill", "--from", "2026-11-24", "--figure", "no_show"]) == 0
    assert "A002" in capsys.readouterr().out
    assert main([*base, "kpi", "appointments", "--from", "2026-11-24"]) == 0
    assert "该期间没有预约" in capsys.readouterr().out
    assert main([*base, "kpi", "appointments", "--from", "2026-11-24", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["kept"]["denominator"] == 0
    assert main([*base, "kpi", "appointments", "--from", "2026-11-24", "--to",
                 "2026-11-01"]) != 0
    assert "结束日期不能早于开始日期" in capsys.readouterr().err
    xlsx, pdf = tmp_path / "d.xlsx", tmp_path / "d.pdf"
    assert main([*base, "report", "daily", "--xlsx", str(xlsx), "--pdf", str(pdf)]) == 0
    assert _sheet_cells(xlsx.read_bytes())["分队列"][4][0] == "A 商事登记"
    assert "25.0%" in _pdf_text(pdf.read_bytes())
    assert main([*base, "report", "monthly", "--month", "2026-11", "--pdf",
                 str(tmp_path / "m.pdf")]) == 0
    assert main([*base, "report", "overdue", "--from", "2026-11-01", "--to", "2026-11-24",
                 "--xlsx", str(tmp_path / "o.xlsx")]) == 0
    capsys.readouterr()
    assert main(["--db", hall_db.url, "--user", "clerk1", "kpi", "show", "--from",
                 "2026-11-24"]) != 0
    assert "无权" in capsys.readouterr().err


def test_a_pdf_section_heading_begins_on_the_page_of_its_table() -> None:
    """分窗口 stood alone at the foot of page 1, its table on page 2: for every length of the
    section before it, a heading is followed on its page by its table's header and rows."""
    for n in range(1, 40):
        first = reports.Section("第一节", ("列甲", "列乙"),
                                tuple((f"甲{i}", "1") for i in range(n)))
        second = reports.Section("第二节", ("列丙", "列丁"), (("丙0", "2"), ("丙1", "3")))
        report = reports.Report("daily", "测试报表", "2026-11-24", "测试大厅",
                                datetime(2026, 11, 24, 9), (first, second))
        pages = ["".join((p.extract_text() or "").split())
                 for p in PdfReader(io.BytesIO(report_files.pdf_bytes(report))).pages]
        [page] = [p for p in pages if "第二节" in p]
        assert "第二节列丙列丁丙02丙13" in page, (n, page)
