"""Drill down from a figure to the tickets, cases or ratings behind it (a table).

The rows are those the figure counts, with the same definitions as :mod:`kpi_live`, for one
dimension key (or the whole hall), newest or longest first, at most ``limit`` rows with the
total count. No personal data: ticket and case numbers, items, windows and staff only.

Each row comes twice: as data (``Drill.records``: codes, instants, numbers, durations in
seconds, for ``kpi drill --json``) and as the table's text (``columns`` and ``rows``, as the
screen and the CLI show it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from hallapp.core.case_rules import STATE_LABELS, CaseState
from hallapp.core.errors import NotFound, ValidationError
from hallapp.core.hallday import hall_day_bounds
from hallapp.core.kpi import BAD_LEVELS
from hallapp.core.roles import Perm
from hallapp.core.state_labels import TICKET_STATE_LABELS
from hallapp.services.context import Ctx, action, check_row_limit
from hallapp.services.hall import get_hall_row
from hallapp.services.kpi_live import (
    DIM_LABELS,
    Lookups,
    join_rated,
    lookups,
    seconds_between,
)
from hallapp.services.kpi_report import check_dim, check_period
from hallapp.store.models import Case, Followup, Rating, ServiceItem, Ticket

FIGURE_LABELS = {"tickets": "取号", "wait": "等候", "service": "办理", "no_show": "过号",
                 "abandoned": "弃号", "on_spot": "即办", "one_visit": "最多跑一次",
                 "on_time": "按时办结", "overdue": "逾期", "good_rating": "好评",
                 "rectification": "差评整改"}  # as the CLI explains the codes
TICKET_FIGURES = ("tickets", "wait", "service", "no_show", "abandoned")
CASE_FIGURES = ("on_spot", "one_visit", "on_time", "overdue")
RATING_FIGURES = ("good_rating", "rectification")
FIGURES = TICKET_FIGURES + CASE_FIGURES + RATING_FIGURES
OUTCOME_ZH = {"early": "提前办结", "on_time": "按时办结", "late": "超时办结"}
FOLLOWUP_ZH = {"open": "待回访", "appealed": "申诉中", "closed": "已办结"}
YES_ZH = "是"
CASE_STATE_ZH = {str(state): text for state, text in STATE_LABELS.items()}


@dataclass(frozen=True)
class TicketRecord:
    hall_day: date
    number: str
    queue: str
    window: int | None
    clerk: str | None
    item_code: str | None
    state: str  # waiting | called | serving | done | no_show | abandoned | ...
    taken_at: datetime
    first_called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    wait_seconds: float | None
    service_seconds: float | None


@dataclass(frozen=True)
class CaseRecord:
    number: str
    item_code: str
    item: str
    item_en: str | None
    department: str | None
    window: int | None
    state: str
    received_at: datetime | None
    deadline: datetime | None
    concluded_at: datetime | None
    outcome: str | None  # early | on_time | late
    visits: int
    on_spot: bool


@dataclass(frozen=True)
class RatingRecord:
    at: datetime
    level: int
    window: int | None
    clerk: str | None
    followup_state: str | None  # open | appealed | closed
    followup_due_at: datetime | None


DrillRecord = TicketRecord | CaseRecord | RatingRecord


@dataclass(frozen=True)
class Drill:
    figure: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: int
    truncated: bool
    # The English names of the hall's names in the rows (an item's), for an English screen.
    names_en: tuple[tuple[str, str], ...] = ()
    records: tuple[DrillRecord, ...] = ()  # the rows as data


def _ids(lk: Lookups, mapping: dict[int, str], key: str) -> list[int]:
    return [i for i, code in mapping.items() if code == key]


def _ticket_filter(lk: Lookups, dim: str, key: str | None) -> ColumnElement[bool]:
    if dim == "hall" or key is None:
        return true()
    if dim == "queue":
        return Ticket.queue_id.in_(_ids(lk, lk.queues, key))
    if dim == "window":
        return Ticket.window_id.in_(_ids(lk, lk.windows, key))
    if dim == "clerk":
        return Ticket.clerk_id.in_(_ids(lk, lk.staff, key))
    if dim == "item":
        return Ticket.item_code == key
    return Ticket.item_code.in_([c for c, d in lk.item_dept.items() if d == key])


def _case_filter(lk: Lookups, dim: str, key: str | None) -> ColumnElement[bool]:
    if dim == "hall" or key is None:
        return true()
    if dim == "queue":
        return Ticket.queue_id.in_(_ids(lk, lk.queues, key))
    if dim == "window":
        return Case.window_number == int(key)
    if dim == "clerk":
        return Case.clerk_id.in_(_ids(lk, lk.staff, key))
    if dim == "item":
        return Case.item_id.in_(_ids(lk, lk.item_codes, key))
    return Case.department_id.in_(_ids(lk, lk.departments, key))


def _rating_filter(lk: Lookups, dim: str, key: str | None) -> ColumnElement[bool]:
    """The ratings a figure of ``dim`` ``key`` counts (:func:`kpi_live.join_rated`): by the
    case's item or department, by the ticket's item only when no case was rated."""
    if dim == "hall" or key is None:
        return true()
    if dim == "window":
        return Rating.window_number == int(key)
    if dim == "clerk":
        return Rating.clerk_id.in_(_ids(lk, lk.staff, key))
    if dim == "queue":
        return Ticket.queue_id.in_(_ids(lk, lk.queues, key))
    return or_(_case_filter(lk, dim, key), and_(Case.id.is_(None),
                                                _ticket_filter(lk, dim, key)))


def _fmt(at: datetime | None, zone: ZoneInfo, with_date: bool = False) -> str:
    if at is None:
        return ""
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


def _mins(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.1f}"


def _window(code: str | None) -> int | None:
    return None if code is None else int(code)


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def _page(s: Session, stmt: Any, limit: int) -> tuple[list[Any], int]:
    total = int(s.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
                or 0)
    return list(s.execute(stmt.limit(limit))), total


def _tickets(s: Session, lk: Lookups, start: date, end: date, figure: str, where: Any,
             zone: ZoneInfo, sqlite: bool, limit: int) -> Drill:
    wait = seconds_between(Ticket.taken_at, Ticket.first_called_at, sqlite)
    service = seconds_between(Ticket.started_at, Ticket.finished_at, sqlite)
    stmt = select(Ticket, wait, service).where(
        Ticket.hall_day >= start, Ticket.hall_day <= end, Ticket.state != "cancelled", where)
    passed = and_(Ticket.first_called_at.is_not(None), Ticket.state == "no_show")
    stmt = {"tickets": stmt.order_by(Ticket.taken_at),
            "wait": stmt.where(Ticket.first_called_at.is_not(None)).order_by(wait.desc()),
            "service": stmt.where(Ticket.started_at.is_not(None),
                                  Ticket.finished_at.is_not(None)).order_by(service.desc()),
            "no_show": stmt.where(passed).order_by(Ticket.taken_at),
            "abandoned": stmt.where(Ticket.state == "abandoned")
            .order_by(Ticket.taken_at)}[figure]
    rows, total = _page(s, stmt, limit)
    records = tuple(TicketRecord(
        t.hall_day, t.number, lk.queues.get(t.queue_id, ""),
        _window(lk.windows.get(t.window_id)) if t.window_id else None,
        lk.staff.get(t.clerk_id) if t.clerk_id else None, t.item_code or None, t.state,
        t.taken_at, t.first_called_at, t.started_at, t.finished_at, w, sv) for t, w, sv in rows)
    out = tuple((r.hall_day.isoformat(), r.number, r.queue, _text(r.window), r.clerk or "",
                 r.item_code or "", TICKET_STATE_LABELS.get(r.state, r.state),
                 _fmt(r.taken_at, zone), _fmt(r.first_called_at, zone),
                 _fmt(r.started_at, zone), _fmt(r.finished_at, zone), _mins(r.wait_seconds),
                 _mins(r.service_seconds)) for r in records)
    return Drill(figure, ("日期", "号码", "队列", "窗口", "工作人员", "事项编码", "状态",
                          "取号时间", "首次叫号", "开始办理", "办结", "等候(分钟)", "办理(分钟)"),
                 out, total, total > len(out), records=records)


def _cases(s: Session, lk: Lookups, lo: datetime, hi: datetime, figure: str, where: Any,
           zone: ZoneInfo, limit: int) -> Drill:
    stmt = select(Case, ServiceItem.name, ServiceItem.data["name_en"].as_string()) \
        .join(ServiceItem, ServiceItem.id == Case.item_id) \
        .outerjoin(Ticket, Ticket.id == Case.ticket_id).where(where)
    if figure == "on_spot":
        stmt = stmt.where(Case.received_at >= lo, Case.received_at < hi,
                          Case.in_person.is_(True),  # the base of 即办率: not withdrawn
                          Case.state != CaseState.WITHDRAWN.value).order_by(Case.received_at)
    else:
        stmt = stmt.where(Case.concluded_at >= lo, Case.concluded_at < hi)
        if figure != "one_visit":
            stmt = stmt.where(Case.deadline.is_not(None))
        stmt = stmt.order_by(Case.outcome.desc() if figure == "overdue" else Case.concluded_at,
                             Case.concluded_at)
    rows, total = _page(s, stmt, limit)
    records = tuple(CaseRecord(
        c.number, lk.item_codes.get(c.item_id, ""), name, en or None,
        lk.departments.get(c.department_id), c.window_number, c.state, c.received_at,
        c.deadline, c.concluded_at, c.outcome, c.visits, c.decision == "on_spot")
        for c, name, en in rows)
    out = tuple((r.number, r.item, r.department or "", _text(r.window),
                 CASE_STATE_ZH.get(r.state, r.state), _fmt(r.received_at, zone, True),
                 _fmt(r.deadline, zone, True), _fmt(r.concluded_at, zone, True),
                 OUTCOME_ZH.get(r.outcome or "", ""), str(r.visits), YES_ZH if r.on_spot else "")
                for r in records)
    names_en = {r.item: r.item_en for r in records if r.item_en}
    return Drill(figure, ("办件编号", "事项", "部门", "窗口", "状态", "收件", "办结期限",
                          "办结时间", "办结时效", "到现场次数", "即办"), out, total,
                 total > len(out), tuple(names_en.items()), records)


def _ratings(s: Session, lk: Lookups, lo: datetime, hi: datetime, figure: str, where: Any,
             zone: ZoneInfo, limit: int) -> Drill:
    stmt = join_rated(select(Rating, Followup.state, Followup.due_at)) \
        .outerjoin(Followup, Followup.rating_id == Rating.id) \
        .where(Rating.at >= lo, Rating.at < hi, where).order_by(Rating.at)
    if figure == "rectification":
        stmt = stmt.where(Rating.level.in_(tuple(BAD_LEVELS)),
                          or_(Rating.ticket_id.is_not(None), Rating.case_id.is_not(None)))
    rows, total = _page(s, stmt, limit)
    records = tuple(RatingRecord(r.at, r.level, r.window_number,
                                 lk.staff.get(r.clerk_id) if r.clerk_id else None, state, due)
                    for r, state, due in rows)
    out = tuple((_fmt(r.at, zone, True), str(r.level), _text(r.window), r.clerk or "",
                 FOLLOWUP_ZH.get(r.followup_state or "", r.followup_state or ""),
                 _fmt(r.followup_due_at, zone, True)) for r in records)
    return Drill(figure, ("评价时间", "等级", "窗口", "工作人员", "回访状态", "回访期限"),
                 out, total, total > len(out), records=records)


def _check_key(lk: Lookups, dim: str, key: str | None) -> None:
    """A key the hall knows for ``dim``: a mistyped one is refused, not answered with no rows
    (and a window's key is a number)."""
    if dim == "hall" or key is None:
        return
    known = {"queue": lk.queues, "window": lk.windows, "clerk": lk.staff,
             "item": lk.item_codes, "department": lk.departments}[dim]
    if key not in known.values():
        raise NotFound(f"{DIM_LABELS[dim]} {key} 不存在", field="key", code="unknown_key",
                       dim=dim, key=key)


@action(Perm.VIEW_KPI)
def drill_down(ctx: Ctx, start: date, end: date | None = None, *, dim: str = "hall",
               key: str | None = None, figure: str = "tickets", limit: int = 500) -> Drill:
    """The records behind ``figure`` for one ``dim`` key in hall days ``start``…``end``."""
    end = check_period(start, end)
    check_dim(dim)
    check_row_limit(limit)
    if figure not in FIGURES:
        raise ValidationError(f"指标 {figure!r} 无效，应为 {'/'.join(FIGURES)} 之一",
                              field="figure", code="unknown_figure", value=figure,
                              choices="/".join(FIGURES))
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        zone, lk = ZoneInfo(hall.timezone), lookups(s)
        _check_key(lk, dim, key)
        lo, hi = hall_day_bounds(start, hall.timezone)[0], hall_day_bounds(end, hall.timezone)[1]
        if figure in TICKET_FIGURES:
            return _tickets(s, lk, start, end, figure, _ticket_filter(lk, dim, key), zone,
                            uow.db.is_sqlite, limit)
        if figure in CASE_FIGURES:
            return _cases(s, lk, lo, hi, figure, _case_filter(lk, dim, key), zone, limit)
        return _ratings(s, lk, lo, hi, figure, _rating_filter(lk, dim, key), zone, limit)
