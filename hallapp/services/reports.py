"""The hall's reports: daily, monthly, and the public list of cases concluded late (超时办结).

A report is plain data (titled sections of cells), built from the KPI services, so the
XLSX, the PDF, the CLI and the screen show the same figures in the same words. A cell keeps
its kind — a count, minutes, a rate with its counts, a percentage, a date — so the XLSX
writes numbers Excel can sum and sort; the PDF, the CLI and the screen read the cells as text
(:attr:`Section.rows`, :func:`cell_text`). Files are written by
:mod:`hallapp.services.report_files`. ``Report.data`` holds the same figures as data for
``report … --json``: English keys, codes, instants, counts, rates with their counts and
durations in seconds (the figures as ``kpi show --json`` gives them), not the cells' words.

The public 超时办结 list carries no personal data: case number, item, department and the
dates only — never the applicant's name, ID number or phone.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from hallapp.core.errors import DomainError, ValidationError
from hallapp.core.hallday import hall_day_bounds
from hallapp.core.roles import Perm
from hallapp.core.timelimits import remaining_working_days
from hallapp.services.appointment_figures import AppointmentTally, period_tallies
from hallapp.services.case_kpi import Rate
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.halltime import HallTime, hall_time
from hallapp.services.kpi_report import (
    DayPoint,
    KpiRow,
    check_period,
    daily_trend,
    kpi_report,
    rate,
)
from hallapp.store.models import Case, Department, ServiceItem

DIM_COLUMNS = ("名称", "取号", "平均等候(分)", "等候P90(分)", "平均办理(分)", "办理P90(分)",
               "过号率", "弃号率", "即办率", "最多跑一次率", "按时办结率", "逾期率", "好评率",
               "差评整改率")


APPOINTMENT_COLUMNS = ("队列", "预约", "按时签到", "迟到签到", "失约", "取消", "待签到",
                       "履约率")


@dataclass(frozen=True)
class Percent:
    """A percentage without the counts it came from (the daily trend's)."""

    value: float  # 0–100


# A report's cell: text, a count, minutes (a float), a rate with its counts, a percentage, a
# day or a time on the hall's clock; None where there is nothing to show (—).
Cell = str | int | float | Rate | Percent | date | datetime | None


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The cells as text, as the PDF, the CLI and the screen show them."""
        return tuple(text_row(row) for row in self.cells)


@dataclass(frozen=True)
class Report:
    kind: str  # daily | monthly | overdue
    title: str
    period: str
    hall: str
    generated_at: datetime  # hall local time
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()
    # The report as data (``report … --json``): start and end, and per kind the hall's
    # figures (``total``), the rows by dimension (``by``), the days (``days``), the bookings
    # (``appointments``) or the cases concluded late (``cases``).
    data: dict[str, object] = field(default_factory=dict, compare=False)


def rate_text(r: Rate) -> str:
    return "—" if r.percent is None else f"{r.percent:.1f}%（{r.numerator}/{r.denominator}）"


def minutes_text(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f}"


def minutes(seconds: float | None) -> float | None:
    """Seconds as the minutes a report shows (to the tenth, as the text reads)."""
    return None if seconds is None else round(seconds / 60, 1)


def cell_text(cell: Cell) -> str:
    if cell is None:
        return "—"
    if isinstance(cell, Rate):
        return rate_text(cell)
    if isinstance(cell, Percent | float):  # minutes, or a share: to the tenth
        return f"{cell.value:.1f}%" if isinstance(cell, Percent) else f"{cell:.1f}"
    if isinstance(cell, date):  # a day, or a time on the hall's clock
        return cell.strftime("%Y-%m-%d %H:%M" if isinstance(cell, datetime) else "%Y-%m-%d")
    return str(cell)


def text_row(row: tuple[Cell, ...]) -> tuple[str, ...]:
    return tuple(cell_text(c) for c in row)


FIGURE_COLUMNS = ("指标", "数值", "说明")


def figure_rows(row: KpiRow) -> tuple[tuple[Cell, Cell, str], ...]:
    """The hall's figures as (name, value, note) lines."""
    # Percentages, as on the KPI tab: ¼ and ½ came from a fallback font in the PDF ("1⁄").
    targets = "、".join(f"{label}{'达标' if met else '未达标'}" for label, met in zip(
        ("≥25%目标", "≥50%目标"), row.on_spot_targets_met, strict=True) if met is not None)
    p90 = "" if row.p90_exact else "按分档统计，不低于实际值"
    return (
        ("取号数", row.tickets, ""), ("叫号数", row.called, ""),
        ("平均等候时间(分钟)", minutes(row.wait.mean), ""),
        ("等候时间P90(分钟)", minutes(row.wait.p90), p90),
        ("最长等候(分钟)", minutes(row.wait.max), ""),
        ("平均办理时间(分钟)", minutes(row.service.mean), ""),
        ("办理时间P90(分钟)", minutes(row.service.p90), p90),
        ("过号率", row.no_show_rate, ""), ("弃号率", row.abandonment_rate, ""),
        ("即办率", row.on_spot_rate, targets),
        ("最多跑一次率", row.one_visit_rate, ""),
        ("按时办结率", row.on_time_rate, ""), ("逾期率", row.overdue_rate, ""),
        ("好评率", row.good_rating_rate, ""),
        ("差评整改率", row.rectification_rate, ""))


def dim_row(row: KpiRow) -> tuple[Cell, ...]:
    return (row.label, row.tickets, minutes(row.wait.mean), minutes(row.wait.p90),
            minutes(row.service.mean), minutes(row.service.p90), row.no_show_rate,
            row.abandonment_rate, row.on_spot_rate, row.one_visit_rate, row.on_time_rate,
            row.overdue_rate, row.good_rating_rate, row.rectification_rate)


def _figures(ctx: Ctx, start: date, end: date, dims: tuple[tuple[str, str], ...]
             ) -> tuple[list[Section], dict[str, object]]:
    """The figures' sections, and the same as data: the hall's total and the rows by dim."""
    total = kpi_report(ctx, start, end)
    sections = [Section("全厅指标", FIGURE_COLUMNS, figure_rows(total.total))]
    by: dict[str, tuple[KpiRow, ...]] = {}
    for dim, title in dims:
        rows = by[dim] = kpi_report(ctx, start, end, by=dim).rows
        sections.append(Section(title, DIM_COLUMNS, tuple(dim_row(r) for r in rows)))
    return sections, {"start": start, "end": end, "total": total.total, "by": by}


@dataclass(frozen=True)
class AppointmentFigures:
    """A queue's (or, with ``queue`` None, the hall's) bookings of a period, as data."""

    queue: str | None
    name: str
    name_en: str | None
    made: int
    checked_in: int  # on time
    late: int  # checked in late
    missed: int
    cancelled: int
    booked: int  # still to come
    kept: Rate  # kept of those concluded


@dataclass(frozen=True)
class AppointmentKeeping:
    """预约履约 of a period: the table by queue (a hall total last, if more than one queue)
    and the hall's share of concluded bookings that were kept; ``queues`` and ``hall``: the
    same as data (``kpi appointments --json``)."""

    section: Section
    kept: Rate
    # Each row's first cell (the queue) on an English screen; None: as it is (the total).
    labels_en: tuple[str | None, ...] = ()
    queues: tuple[AppointmentFigures, ...] = ()
    hall: AppointmentFigures | None = None


def appointment_data(k: AppointmentKeeping) -> dict[str, object]:
    """The bookings as data: by queue, the hall's, and the hall's kept (the older field)."""
    return {"queues": k.queues, "hall": k.hall, "kept": k.kept}


def _appointment_figures(t: AppointmentTally) -> AppointmentFigures:
    s = t.states
    return AppointmentFigures(t.queue, t.name or t.label, t.name_en, t.made, s["checked_in"],
                              s["late"], s["missed"], s["cancelled"], s["booked"],
                              rate(t.kept, t.concluded))


@action(Perm.VIEW_KPI)
def appointment_keeping(ctx: Ctx, start: date, end: date) -> AppointmentKeeping:
    """Each queue's bookings of the slots on the hall days start..end by outcome, and the
    share of those concluded (come, on time or late, or missed) that were kept."""
    check_period(start, end)
    with ctx.uow(readonly=True) as uow:
        zone = get_hall_row(uow.session).timezone
        tallies = period_tallies(uow.session, start, end, zone)
    hall = AppointmentTally("合计", sum((t.states for t in tallies), Counter()),
                            name_en="Total")
    shown = [*tallies, hall] if len(tallies) > 1 else tallies
    return AppointmentKeeping(Section("预约履约（分队列）", APPOINTMENT_COLUMNS, tuple(
        (t.label, t.made, *(t.states[k] for k in (
            "checked_in", "late", "missed", "cancelled", "booked")),
         rate(t.kept, t.concluded)) for t in shown)), rate(hall.kept, hall.concluded),
        tuple(t.label_en for t in shown), tuple(_appointment_figures(t) for t in tallies),
        _appointment_figures(hall))


def _hall_name(ctx: Ctx) -> tuple[str, datetime]:
    """The hall's name and the hall's local time now (when the report was made)."""
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        return hall.name, uow.now.astimezone(ZoneInfo(hall.timezone))


@action(Perm.VIEW_KPI)
def daily_report(ctx: Ctx, day: date) -> Report:
    """日报: the day's figures, per queue, window and department; the day's appointments."""
    sections, data = _figures(ctx, day, day, (("queue", "分队列"), ("window", "分窗口"),
                                              ("clerk", "分工作人员"), ("department", "分部门")))
    kept = appointment_keeping(ctx, day, day)
    sections.append(kept.section)
    hall, now = _hall_name(ctx)
    return Report("daily", "政务服务大厅运行日报", day.isoformat(), hall, now, tuple(sections),
                  data={**data, "appointments": appointment_data(kept)})


def month_bounds(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise ValidationError(f"月份 {month} 无效", field="month", code="month_invalid",
                              month=month)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@action(Perm.VIEW_KPI)
def monthly_report(ctx: Ctx, year: int, month: int) -> Report:
    """月报: the month's figures, per department and item, the figures day by day, and the
    month's appointments."""
    start, end = month_bounds(year, month)
    sections, data = _figures(ctx, start, end, (("department", "分部门"), ("queue", "分队列"),
                                                ("item", "分事项")))
    points = [p for p in daily_trend(ctx, start, end) if p.tickets]
    trend = tuple((p.day, p.tickets, p.mean_wait_minutes, p.p90_wait_minutes,
                   _pct(p.on_spot_percent), _pct(p.on_time_percent),
                   _pct(p.good_rating_percent)) for p in points)
    sections.append(Section("每日走势", ("日期", "取号", "平均等候(分)", "等候P90(分)", "即办率",
                                       "按时办结率", "好评率"), trend))
    kept = appointment_keeping(ctx, start, end)
    sections.append(kept.section)
    hall, now = _hall_name(ctx)
    notes = ("P90 跨日统计按等候时长分档汇总：不低于实际值，误差不超过一个分档"
             "（1 分钟内 5 秒，20 分钟内 30 秒，1 小时内 1 分钟）。",)
    days = [_day_data(p) for p in points]
    return Report("monthly", "政务服务大厅运行月报", f"{year}年{month}月", hall, now,
                  tuple(sections), notes, data={**data, "days": days,
                                                "appointments": appointment_data(kept)})


def _day_data(p: DayPoint) -> dict[str, object]:
    """A day of the trend as data: the day and the hall's figures of it (as ``total``)."""
    assert p.row is not None
    return {"day": p.day, **{f.name: getattr(p.row, f.name) for f in fields(p.row)
                             if f.name not in ("dim", "key", "label", "label_en")}}


def _pct(v: float | None) -> Percent | None:
    return None if v is None else Percent(v)


@action(Perm.VIEW_KPI)
def overdue_report(ctx: Ctx, start: date, end: date | None = None) -> Report:
    """超时办结公示: cases concluded late in the period — without any personal data."""
    end = check_period(start, end)
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        zone = hall.timezone
        lo, hi = hall_day_bounds(start, zone)[0], hall_day_bounds(end, zone)[1]
        rows = s.execute(select(Case.number, ServiceItem.name, Department.name,
                                Case.accepted_at, Case.deadline, Case.concluded_at,
                                ServiceItem.code, Department.code)
                         .join(ServiceItem, ServiceItem.id == Case.item_id)
                         .join(Department, Department.id == Case.department_id)
                         .where(Case.concluded_at >= lo, Case.concluded_at < hi,
                                Case.outcome == "late").order_by(Case.concluded_at)).all()
        name, now = hall.name, uow.now.astimezone(ZoneInfo(zone))
        t = hall_time(s, hall)
    late = [_late_days(r.deadline, r.concluded_at, t) for r in rows]
    out = tuple((i, number, item, dept, _local(acc, zone), _local(due, zone),
                 _local(done, zone), days)
                for i, ((number, item, dept, acc, due, done, *_), days)
                in enumerate(zip(rows, late, strict=True), 1))
    cases = [OverdueCase(r[0], r[6], r[1], r[7], r.accepted_at, r.deadline, r.concluded_at,
                         days) for r, days in zip(rows, late, strict=True)]
    section = Section("超时办结办件", ("序号", "办件编号", "事项名称", "实施部门", "受理时间",
                                     "办结期限", "办结时间", "超时(天)"), out)
    period = start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"
    return Report("overdue", "超时办结办件公示", period, name, now, (section,),
                  (f"共 {len(out)} 件。本表不含申请人姓名、证件号码等个人信息。",),
                  data={"start": start, "end": end, "cases": cases})


@dataclass(frozen=True)
class OverdueCase:
    """A case concluded late, as data (``report overdue --json``): no personal data."""

    number: str
    item_code: str
    item: str
    department: str  # its code
    accepted_at: datetime | None
    deadline: datetime | None
    concluded_at: datetime | None
    late_working_days: int | None  # None where a year's holidays are not loaded


def _local(at: datetime | None, zone: str) -> datetime | None:
    """The hall's clock time, to the minute, as a spreadsheet keeps times (without a zone)."""
    if at is None:
        return None
    return at.astimezone(ZoneInfo(zone)).replace(tzinfo=None, second=0, microsecond=0)


def _late_days(due: datetime | None, done: datetime | None, t: HallTime) -> int | None:
    """Working days late, as the back office counts them (``case_views.timeliness``: due Friday,
    approved Monday is one, not three calendar days); late on its due day counts as one.
    None (—) where the days reach a year whose holidays are not loaded."""
    if due is None or done is None:
        return None
    try:
        return max(1, -remaining_working_days(due, done, t.calendar, tz=t.tz))
    except DomainError as exc:
        if exc.code != "calendar_unknown_year":
            raise
        return None
