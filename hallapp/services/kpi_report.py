"""The hall's figures for any period, per hall, queue, window, clerk, item or department.

A period is a range of hall days. Its cells are merged from three sources, cheapest first:
month rows of the summary for every whole month inside the period that is fully summarised,
day rows for the other summarised days, and a live computation for today and any day not
summarised yet (a day whose close has not run). A day's figures are always exact (live, or
its stored exact p90); see :mod:`hallapp.services.kpi_facts` for what p90 means over several
days (``p90_exact`` on each row).

The figures are those of :mod:`hallapp.core.kpi`, as ``Rate``s of
:mod:`hallapp.services.case_kpi`; 即办率 is also judged against the ¼ and ½ targets.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.errors import ValidationError
from hallapp.core.hallday import hall_day
from hallapp.core.kpi import DurationStats, Ratio, natural_key
from hallapp.core.roles import Perm
from hallapp.services.case_kpi import Rate
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.kpi_facts import Acc, Cells, merge_cells
from hallapp.services.kpi_live import DIMS, HALL_KEY, Lookups, compute_day, lookups
from hallapp.services.kpi_summary import (
    acc_of,
    ensure_fresh,
    first_day,
    load_cells,
    month_complete,
)
from hallapp.store.models import KpiRollup, KpiSummary

ON_SPOT_TARGETS = (0.25, 0.5)  # Shenzhen: ¼ in 2019, ½ in 2020
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class KpiRow:
    dim: str
    key: str
    label: str
    tickets: int
    called: int
    wait: DurationStats  # seconds: take → first call
    service: DurationStats  # seconds: start → finish
    no_show_rate: Rate
    abandonment_rate: Rate
    on_spot_rate: Rate  # 即办率
    on_spot_targets_met: tuple[bool | None, bool | None]  # ≥ ¼, ≥ ½
    one_visit_rate: Rate  # 最多跑一次率
    on_time_rate: Rate  # 按时办结率
    overdue_rate: Rate  # 逾期率
    good_rating_rate: Rate  # 好评率
    rectification_rate: Rate  # 差评整改率
    p90_exact: bool
    label_en: str | None = None  # the label on English screens, where the hall gave one


@dataclass(frozen=True)
class KpiReport:
    start: date
    end: date
    by: str
    total: KpiRow
    rows: tuple[KpiRow, ...]
    summarised_days: int
    live_days: int


def rate(numerator: int, denominator: int) -> Rate:
    """numerator ÷ denominator as the reports show it (no percent when nothing to divide)."""
    r = Ratio(numerator, denominator)
    return Rate(r.numerator, r.denominator, r.percent)


def kpi_row(dim: str, key: str, label: str, a: Acc, label_en: str | None = None) -> KpiRow:
    on_spot = rate(a.on_spot, a.in_person)
    value = on_spot.numerator / on_spot.denominator if on_spot.denominator else None
    met = tuple(None if value is None else value >= t for t in ON_SPOT_TARGETS)
    return KpiRow(
        dim, key, label, a.tickets, a.called, a.wait.stats(), a.service.stats(),
        rate(a.no_show, a.called), rate(a.abandoned, a.tickets), on_spot,
        (met[0], met[1]), rate(a.one_visit, a.concluded), rate(a.on_time, a.timed),
        rate(a.late, a.timed), rate(a.good, a.ratings), rate(a.bad_closed, a.bad_named),
        a.wait.exact and a.service.exact, label_en)


def check_period(start: date, end: date | None) -> date:
    end = end or start
    if end < start:
        raise ValidationError("结束日期不能早于开始日期", field="end", code="period_order")
    if (end - start).days >= MAX_DAYS:
        raise ValidationError(f"查询期间最长 {MAX_DAYS} 天", field="end", code="period_too_long",
                              most=MAX_DAYS)
    return end


def check_dim(by: str) -> str:
    if by not in DIMS:
        raise ValidationError(f"统计维度 {by!r} 无效，应为 {'/'.join(DIMS)} 之一", field="by",
                              code="unknown_dim", value=by, choices="/".join(DIMS))
    return by


def _whole_months(start: date, end: date, today: date) -> list[date]:
    months: list[date] = []
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(
        day=1)
    while True:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if last > end or last >= today:
            return months
        months.append(first)
        first = last + timedelta(days=1)


@dataclass(frozen=True)
class Source:
    """Where the days of a period are read from (see the module docstring)."""

    months: tuple[date, ...]
    summary_days: tuple[date, ...]
    live_days: tuple[date, ...]


def plan_period(s: Session, start: date, end: date, today: date, tz: str) -> Source:
    last = min(end, today)
    months = tuple(m for m in _whole_months(start, last, today) if month_complete(s, m))
    covered = {m + timedelta(days=i) for m in months
               for i in range(calendar.monthrange(m.year, m.month)[1])}
    rolled = set(s.scalars(select(KpiRollup.hall_day).where(
        KpiRollup.hall_day >= start, KpiRollup.hall_day <= last)))
    days = [start + timedelta(days=i) for i in range((last - start).days + 1)]
    first = first_day(s, tz)
    rest = [d for d in days if d not in covered and first is not None
            and d >= first.replace(day=1)]  # nothing is stored before the first month
    return Source(months, tuple(d for d in rest if d in rolled),
                  tuple(d for d in rest if d not in rolled))


def period_cells(s: Session, lk: Lookups, src: Source, dims: tuple[str, ...], tz: str,
                 sqlite: bool) -> Cells:
    cells: Cells = {}
    if src.months:
        merge_cells(cells, load_cells(s, "M", dims, periods=src.months))
    if src.summary_days:
        merge_cells(cells, load_cells(s, "D", dims, periods=src.summary_days))
    for day in src.live_days:
        merge_cells(cells, compute_day(s, lk, day, tz, dims, sqlite=sqlite))
    return cells


@action(Perm.VIEW_KPI)
def kpi_report(ctx: Ctx, start: date, end: date | None = None, *, by: str = "hall") -> KpiReport:
    """Figures for hall days ``start``…``end``: the hall total and one row per ``by`` key."""
    end = check_period(start, end)
    check_dim(by)
    ensure_fresh(ctx)
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        today = hall_day(uow.now, hall.timezone)
        src = plan_period(s, start, end, today, hall.timezone)
        lk = lookups(s)
        dims = ("hall",) if by == "hall" else ("hall", by)
        cells = period_cells(s, lk, src, dims, hall.timezone, uow.db.is_sqlite)
    total = kpi_row("hall", HALL_KEY, lk.label("hall", HALL_KEY),
                    cells.get(("hall", HALL_KEY), Acc()))
    rows = tuple(kpi_row(by, key, lk.label(by, key), acc, lk.labels_en.get((by, key)))
                 for (dim, key), acc in sorted(cells.items(), key=lambda c: natural_key(c[0][1]))
                 if dim == by)
    n_summary = len(src.summary_days) + sum(calendar.monthrange(m.year, m.month)[1]
                                            for m in src.months)
    return KpiReport(start, end, by, total, rows, n_summary, len(src.live_days))


@dataclass(frozen=True)
class DayPoint:
    day: date
    tickets: int
    mean_wait_minutes: float | None
    p90_wait_minutes: float | None
    on_spot_percent: float | None
    on_time_percent: float | None
    good_rating_percent: float | None
    # The day's figures with their counts and durations in seconds (``report monthly --json``).
    row: KpiRow | None = field(default=None, compare=False)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


@action(Perm.VIEW_KPI)
def daily_trend(ctx: Ctx, start: date, end: date | None = None) -> tuple[DayPoint, ...]:
    """The hall's figures day by day (for the trend chart)."""
    end = check_period(start, end)
    ensure_fresh(ctx)
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        last = min(end, hall_day(uow.now, hall.timezone))
        stored = _stored_days(s, start, last)
        lk = lookups(s) if len(stored) <= (last - start).days else None
        points = []
        day = start
        while day <= last:
            a = stored.get(day)
            if a is None:
                assert lk is not None
                cells = compute_day(s, lk, day, hall.timezone, ("hall",),
                                    sqlite=uow.db.is_sqlite)
                a = cells.get(("hall", HALL_KEY), Acc())
            points.append(_point(day, a))
            day += timedelta(days=1)
    return tuple(points)


def _stored_days(s: Session, start: date, last: date) -> dict[date, Acc]:
    """The hall cell of every summarised day in the range (an empty one for empty days)."""
    out = {d: Acc() for d in s.scalars(select(KpiRollup.hall_day).where(
        KpiRollup.hall_day >= start, KpiRollup.hall_day <= last))}
    for row in s.connection().execute(select(KpiSummary.__table__).where(
            KpiSummary.grain == "D", KpiSummary.dim == "hall", KpiSummary.period >= start,
            KpiSummary.period <= last)):
        out[row.period] = acc_of(row)
    return out


def _point(day: date, a: Acc) -> DayPoint:
    row = kpi_row("hall", HALL_KEY, "", a)
    return DayPoint(day, a.tickets, _minutes(row.wait.mean), _minutes(row.wait.p90),
                    row.on_spot_rate.percent, row.on_time_rate.percent,
                    row.good_rating_rate.percent, row)
