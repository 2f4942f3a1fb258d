"""Keep the KPI summaries (``kpi_summary``) exact: roll up closed days, fold in later changes.

A hall day is summarised once none of its tickets is still open (the day close has run):
its cells for every dimension are computed by :func:`kpi_live.compute_day` and stored, and
the month it belongs to is re-summed. Afterwards only two kinds of change can still touch a
summarised day, and both come through the change feed:

* ``case_changed`` — a case received or concluded that day moved on (a pickup adds a hall
  visit, which can change 最多跑一次率): the day's case part is computed again;
* ``followup_closed`` — a 差评 of that day was followed up (差评整改率): the day's rating
  part is computed again.

:func:`refresh` does all of that up to the feed head in one transaction, and moves the
``kpi_state`` mark; the figure services call it (through :func:`ensure_fresh`) before they
read, so a summary is never older than the query. Calling ``refresh(uow)`` inside the day
close's own unit of work also rolls the closed day up in that same transaction.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from hallapp.core.hallday import hall_day
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.kpi_facts import (
    COUNT_FIELDS,
    Acc,
    Cells,
    Dist,
    hist_from_bytes,
    hist_to_bytes,
    merge_cells,
)
from hallapp.services.kpi_live import ALL_PARTS, DIMS, Lookups, compute_day, lookups
from hallapp.store.models import (
    Case,
    Event,
    FeedHead,
    Followup,
    KpiRollup,
    KpiState,
    KpiSummary,
    Rating,
    Ticket,
)
from hallapp.store.uow import UnitOfWork

OPEN_TICKET_STATES = ("waiting", "called", "serving", "suspended")
DIRTY_KINDS = {"case_changed": "cases", "followup_closed": "ratings"}
CHUNK = 500


@dataclass(frozen=True)
class RefreshResult:
    rolled_days: int
    refreshed_days: int
    months: int
    event_id: int


def _row_values(grain: str, period: date, dim: str, key: str, acc: Acc) -> dict[str, Any]:
    values: dict[str, Any] = {"grain": grain, "period": period, "dim": dim, "key": key}
    for name in ("tickets", "called", "no_show", "abandoned", "in_person", "on_spot",
                 "concluded", "one_visit", "timed", "on_time", "late", "ratings", "good", "bad",
                 "bad_named", "bad_closed"):
        values[name] = getattr(acc, name)
    for name in ("wait", "service"):
        dist: Dist = getattr(acc, name)
        values[f"{name}_n"], values[f"{name}_sum"] = dist.n, dist.total
        values[f"{name}_max"] = dist.max
        values[f"{name}_hist"] = hist_to_bytes(dist.histogram()) if dist.n else None
        values[f"{name}_p90"] = dist.p90() if dist.n and dist.exact else None
    return values


def acc_of(row: Any) -> Acc:
    """The cell of a summary row (an ORM row or a Core row with the same names)."""
    acc = Acc(**{name: getattr(row, name) for name in COUNT_FIELDS})
    acc.wait = Dist(row.wait_n, row.wait_sum, row.wait_max, None,
                    hist_from_bytes(row.wait_hist), row.wait_p90)
    acc.service = Dist(row.service_n, row.service_sum, row.service_max, None,
                       hist_from_bytes(row.service_hist), row.service_p90)
    return acc


def load_cells(s: Session, grain: str, dims: Iterable[str], *,
               periods: Iterable[date] = (), between: tuple[date, date] | None = None
               ) -> Cells:
    """Merged cells of the summary rows of the given periods, or of a range of periods."""
    stmt = select(KpiSummary.__table__).where(KpiSummary.grain == grain,
                                              KpiSummary.dim.in_(tuple(dims)))
    if between is not None:
        stmt = stmt.where(KpiSummary.period >= between[0], KpiSummary.period <= between[1])
    else:
        stmt = stmt.where(KpiSummary.period.in_(list(periods)))
    cells: Cells = {}
    for row in s.connection().execute(stmt):  # Core rows: no ORM identity map to build
        merge_cells(cells, {(row.dim, row.key): acc_of(row)})
    return cells


def _write(s: Session, grain: str, period: date, cells: Cells) -> None:
    s.execute(delete(KpiSummary).where(KpiSummary.grain == grain, KpiSummary.period == period))
    rows = [_row_values(grain, period, dim, key, acc) for (dim, key), acc in cells.items()
            if not acc.is_empty()]
    if rows:
        s.execute(insert(KpiSummary), rows)


def rollup_day(s: Session, lk: Lookups, day: date, tz: str, now: datetime, *, sqlite: bool,
               parts: Iterable[str] = ALL_PARTS) -> None:
    """Store the day's cells (all parts, or re-compute some parts of a summarised day)."""
    parts = tuple(parts)
    fresh = compute_day(s, lk, day, tz, DIMS, parts, sqlite=sqlite)
    if set(parts) != set(ALL_PARTS):
        cells = load_cells(s, "D", DIMS, periods=[day])
        for key in set(cells) | set(fresh):
            target = cells.setdefault(key, Acc())
            for part in parts:
                target.take_part(part, fresh.get(key, Acc()))
        fresh = cells
    _write(s, "D", day, fresh)
    if s.get(KpiRollup, day) is None:
        s.add(KpiRollup(hall_day=day, rolled_at=now))
        s.flush()


def rebuild_month(s: Session, first: date) -> None:
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    _write(s, "M", first, load_cells(s, "D", DIMS, between=(first, last)))


def month_complete(s: Session, first: date) -> bool:
    """Every day of the month is summarised (so its month row can stand for the days)."""
    days = calendar.monthrange(first.year, first.month)[1]
    last = first.replace(day=days)
    return (s.scalar(select(func.count()).select_from(KpiRollup).where(
        KpiRollup.hall_day >= first, KpiRollup.hall_day <= last)) or 0) == days


def first_day(s: Session, tz: str) -> date | None:
    """The first hall day with a ticket, a case or a rating (None in a new hall)."""
    days = [s.scalar(select(func.min(Ticket.hall_day)))]
    for column in (Case.received_at, Rating.at):
        at = s.scalar(select(func.min(column)))
        days.append(hall_day(at, tz) if at is not None else None)
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _day_is_closed(s: Session, day: date) -> bool:
    still_open = or_(Ticket.state.in_(OPEN_TICKET_STATES),
                     and_(Ticket.state == "no_show", Ticket.closed_at.is_(None)))
    return s.scalar(select(Ticket.id).where(Ticket.hall_day == day, still_open).limit(1)) is None


def _dirty_days(s: Session, after: int, head: int, tz: str) -> dict[date, set[str]]:
    """Summarised-day parts touched by changes in the feed after ``after``."""
    cases: set[str] = set()
    followups: set[int] = set()
    for kind, payload in s.execute(select(Event.kind, Event.payload).where(
            Event.id > after, Event.id <= head, Event.kind.in_(tuple(DIRTY_KINDS)))):
        if kind == "case_changed" and payload.get("case"):
            cases.add(str(payload["case"]))
        elif kind == "followup_closed" and payload.get("followup") is not None:
            followups.add(int(payload["followup"]))
    dirty: dict[date, set[str]] = defaultdict(set)
    numbers = sorted(cases)
    for i in range(0, len(numbers), CHUNK):
        for received, concluded in s.execute(select(Case.received_at, Case.concluded_at).where(
                Case.number.in_(numbers[i:i + CHUNK]))):
            for at in (received, concluded):
                if at is not None:
                    dirty[hall_day(at, tz)].add("cases")
    ids = sorted(followups)
    for i in range(0, len(ids), CHUNK):
        for (at,) in s.execute(select(Rating.at).join(Followup, Followup.rating_id == Rating.id)
                               .where(Followup.id.in_(ids[i:i + CHUNK]))):
            dirty[hall_day(at, tz)].add("ratings")
    return dirty


def refresh(uow: UnitOfWork) -> RefreshResult:
    """Bring the summaries up to the feed head (see the module docstring)."""
    s, now = uow.session, uow.now
    hall = get_hall_row(s)
    tz, sqlite = hall.timezone, uow.db.is_sqlite
    today = hall_day(now, tz)
    # The row first, if none (a new hall; migration 0014 emptied it): added unconditionally,
    # two refreshes both added it and the second broke its key. Here the second waits for
    # the first's insert, then its lock, and finds everything folded.
    s.execute(text("INSERT INTO kpi_state (id, event_id) VALUES (1, 0) "
                   "ON CONFLICT (id) DO NOTHING"))
    state = s.scalars(select(KpiState).where(KpiState.id == 1).with_for_update()
                      .execution_options(populate_existing=True)).one()
    head = int(s.scalar(select(FeedHead.event_seq)) or 0)
    rolled = set(s.scalars(select(KpiRollup.hall_day)))
    dirty = _dirty_days(s, state.event_id, head, tz) if rolled else {}
    first = first_day(s, tz)
    new_days: list[date] = []
    day = first.replace(day=1) if first else None  # whole months, so month rows can serve
    while day is not None and day < today:
        if day not in rolled and _day_is_closed(s, day):
            new_days.append(day)
        day += timedelta(days=1)
    again = {d: p for d, p in dirty.items() if d in rolled and d < today}
    lk = lookups(s) if new_days or again else None
    for day in new_days:
        assert lk is not None
        rollup_day(s, lk, day, tz, now, sqlite=sqlite)
    for day, parts in sorted(again.items()):
        assert lk is not None
        rollup_day(s, lk, day, tz, now, sqlite=sqlite, parts=sorted(parts))
    months = {d.replace(day=1) for d in [*new_days, *again]}
    for first_of_month in sorted(months):
        rebuild_month(s, first_of_month)
    state.event_id = head
    return RefreshResult(len(new_days), len(again), len(months), head)


def needs_refresh(s: Session) -> bool:
    mark = s.scalar(select(KpiState.event_id).where(KpiState.id == 1))
    head = s.scalar(select(FeedHead.event_seq))
    return mark is None or (head or 0) > mark


def ensure_fresh(ctx: Ctx) -> RefreshResult | None:
    """Refresh the summaries when the feed moved since the last refresh (one transaction)."""
    with ctx.uow(readonly=True) as uow:
        if not needs_refresh(uow.session):
            return None
    with ctx.uow() as uow:
        result = refresh(uow)
        uow.commit()
    return result


@action(Perm.VIEW_KPI)
def refresh_summaries(ctx: Ctx) -> RefreshResult | None:
    """``hallapp kpi refresh``: fold everything up to now into the summaries."""
    return ensure_fresh(ctx)
