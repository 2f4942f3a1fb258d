"""One hall day's KPI cells computed from the stored tickets, cases and ratings.

The same code serves today's live figures and the day summaries (:mod:`kpi_summary`), so
a summary can never disagree with what the day showed live. Durations are computed by the
database from the exact timestamps (``julianday`` on SQLite, ``EXTRACT(EPOCH …)`` on
PostgreSQL), rounded to the millisecond; nothing is done in clock minutes.

Which records count for a day (the definitions of :mod:`hallapp.core.kpi`):

* tickets of that hall day (cancelled unprinted tickets are not tickets); a ticket counts
  for the queue it is in at the end (moved or transferred tickets for the new queue), the
  window and clerk that called it last, the item it was taken for and that item's
  department. No-show = passed (过号) and not served afterwards — also when the day close
  later marked it abandoned, which would otherwise empty the no-show rate of every closed
  day; abandoned = closed unserved without having been passed;
* cases received that day and not withdrawn (即办率) and cases concluded that day
  (最多跑一次率, 按时办结率, 逾期率), by their department, item, window, clerk and the queue of
  their ticket;
* ratings given that day (好评率, 差评整改率), by their window and clerk, and what was rated
  (:func:`join_rated`, the same rule for ``case figures`` and the drill-down lists): the
  case's item and department, else those of the ticket's item; the queue of the case's
  ticket, else of the ticket rated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Float,
    Numeric,
    Select,
    and_,
    case,
    cast,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from hallapp.core.case_rules import CaseState
from hallapp.core.hallday import hall_day_bounds
from hallapp.core.kpi import BAD_LEVELS, GOOD_LEVELS
from hallapp.services.kpi_facts import Acc, Cells, cell
from hallapp.store.models import (
    Case,
    Department,
    Followup,
    Queue,
    Rating,
    ServiceItem,
    Staff,
    Ticket,
    Window,
)

DIM_LABELS = {"hall": "全厅", "queue": "队列", "window": "窗口", "clerk": "人员", "item": "事项",
              "department": "部门"}
DIMS = tuple(DIM_LABELS)
HALL_KEY = "all"
ALL_PARTS = ("tickets", "cases", "ratings")
_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class Lookups:
    """Ids to the codes the figures are keyed by, and codes to names for labels."""

    queues: dict[int, str]
    windows: dict[int, str]
    staff: dict[int, str]
    item_codes: dict[int, str]  # service_item row id → item code
    item_dept: dict[str, str]  # item code → department code
    departments: dict[int, str]
    labels: dict[tuple[str, str], str]
    labels_en: dict[tuple[str, str], str]  # where the hall gave an English name

    def label(self, dim: str, key: str) -> str:
        return self.labels.get((dim, key), key)


def lookups(s: Session) -> Lookups:
    labels: dict[tuple[str, str], str] = {("hall", HALL_KEY): "全厅"}
    labels_en: dict[tuple[str, str], str] = {}
    depts: dict[int, str] = {}
    for d in s.scalars(select(Department)):
        depts[d.id] = d.code
        labels[("department", d.code)] = d.name
        if d.name_en:
            labels_en[("department", d.code)] = d.name_en
    queues: dict[int, str] = {}
    for q in s.scalars(select(Queue)):
        queues[q.id] = q.code
        labels[("queue", q.code)] = f"{q.code} {q.name}"
        if q.name_en:
            labels_en[("queue", q.code)] = f"{q.code} {q.name_en}"
    windows: dict[int, str] = {}
    for w in s.scalars(select(Window)):
        windows[w.id] = str(w.number)
        labels[("window", str(w.number))] = f"{w.number}号 {w.name}"
        if w.name_en:
            labels_en[("window", str(w.number))] = f"{w.number} {w.name_en}"
    staff: dict[int, str] = {}
    for st in s.scalars(select(Staff)):
        staff[st.id] = st.username
        labels[("clerk", st.username)] = f"{st.name}（{st.username}）"
    item_codes: dict[int, str] = {}
    item_dept: dict[str, str] = {}
    rows = s.execute(select(ServiceItem.id, ServiceItem.code, ServiceItem.name,
                            ServiceItem.department_id, ServiceItem.data["name_en"].as_string())
                     .order_by(ServiceItem.version)).all()
    for row_id, code, name, dept_id, name_en in rows:  # the latest version's names last
        item_codes[row_id] = code
        item_dept[code] = depts.get(dept_id, "")
        labels[("item", code)] = name
        if name_en:  # only the name from the item's JSON, not the whole document
            labels_en[("item", code)] = name_en
    return Lookups(queues, windows, staff, item_codes, item_dept, depts, labels, labels_en)


def seconds_between(start: Any, end: Any, sqlite: bool) -> ColumnElement[float]:
    """``end − start`` in seconds, computed by the database from the stored instants and
    rounded to the millisecond: SQLite's ``julianday`` is exact to some 50 µs only (a
    53-minute wait read 3180.0000116 s, past the histogram's 3180-s edge, so the same data
    gave another P90 than on PostgreSQL)."""
    if sqlite:
        return func.round((func.julianday(end) - func.julianday(start)) * 86400.0, 3)
    # PostgreSQL rounds numeric to a number of places, not double precision.
    return cast(func.round(cast(func.extract("epoch", end - start), Numeric), 3), Float)


def _keys(lk: Lookups, dims: Iterable[str], *, queue: int | None, window: str | None,
          clerk: int | None, item: str | None, dept: str | None) -> list[tuple[str, str | None]]:
    by = {"hall": HALL_KEY, "queue": lk.queues.get(queue) if queue else None,
          "window": window, "clerk": lk.staff.get(clerk) if clerk else None, "item": item or None,
          "department": dept or (lk.item_dept.get(item) if item else None) or None}
    return [(d, by[d]) for d in dims]


class _Spread:
    """The cells a fine group (queue, window, clerk, item, …) counts for, found once."""

    def __init__(self, cells: Cells, lk: Lookups, dims: tuple[str, ...]) -> None:
        self.cells, self.lk, self.dims = cells, lk, dims
        self.cache: dict[tuple[Any, ...], list[Acc]] = {}

    def targets(self, fine: tuple[Any, ...], **parts: Any) -> list[Acc]:
        found = self.cache.get(fine)
        if found is None:
            keys = _keys(self.lk, self.dims, **parts)
            found = self.cache[fine] = [a for d, k in keys
                                        if (a := cell(self.cells, d, k)) is not None]
        return found


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _ticket_parts(lk: Lookups, queue: int, window: int | None, clerk: int | None,
                  item: str | None) -> dict[str, Any]:
    return {"queue": queue, "window": lk.windows.get(window) if window else None,
            "clerk": clerk, "item": item, "dept": None}


def add_tickets(s: Session, lk: Lookups, day: date, dims: Iterable[str], cells: Cells,
                sqlite: bool) -> None:
    """Counts by the database per fine group; every duration read once, for sums and p90."""
    spread = _Spread(cells, lk, tuple(dims))
    called = Ticket.first_called_at.is_not(None)
    passed = and_(called, Ticket.state == "no_show")
    fine = (Ticket.queue_id, Ticket.window_id, Ticket.clerk_id, Ticket.item_code)
    where = (Ticket.hall_day == day, Ticket.state != "cancelled")
    conn = s.connection()
    counts: Any = conn.execute(
        select(*fine, func.count(), func.sum(_flag(called)), func.sum(_flag(passed)),
               func.sum(_flag(Ticket.state == "abandoned")))
        .where(*where).group_by(*fine))
    for queue, window, clerk, item, n, n_called, n_passed, n_left in counts:
        key = (queue, window, clerk, item)
        for acc in spread.targets(key, **_ticket_parts(lk, queue, window, clerk, item)):
            acc.tickets += n
            acc.called += n_called or 0
            acc.no_show += n_passed or 0
            acc.abandoned += n_left or 0
    waits: dict[tuple[Any, ...], tuple[list[float], list[float]]] = {}
    durations: Any = conn.execute(select(
        *fine, seconds_between(Ticket.taken_at, Ticket.first_called_at, sqlite),
        seconds_between(Ticket.started_at, Ticket.finished_at, sqlite))
        .where(*where, or_(called, Ticket.started_at.is_not(None))))
    for queue, window, clerk, item, wait, service in durations:
        key = (queue, window, clerk, item)
        lists = waits.get(key)
        if lists is None:
            lists = waits[key] = ([], [])
        if wait is not None and wait >= 0:
            lists[0].append(wait)
        if service is not None and service >= 0:
            lists[1].append(service)
    for key, (wait_list, service_list) in waits.items():
        for acc in spread.cache[key]:
            acc.wait.add_values(wait_list)
            acc.service.add_values(service_list)


def _case_rows(s: Session, column: Any, day: date, tz: str, dims: tuple[str, ...],
               *extra: Any) -> list[tuple[Any, ...]]:
    """Case counts per fine group (item, department, window, clerk, queue); the ticket is
    joined (for its queue) only when queues are asked for."""
    lo, hi = hall_day_bounds(day, tz)
    fine: tuple[Any, ...] = (Case.item_id, Case.department_id, Case.window_number,
                             Case.clerk_id)
    stmt = select(*fine, *extra)
    if "queue" in dims:
        fine = (*fine, Ticket.queue_id)
        stmt = select(*fine, *extra).outerjoin(Ticket, Ticket.id == Case.ticket_id)
    rows = s.connection().execute(stmt.where(column >= lo, column < hi).group_by(*fine))
    if "queue" in dims:
        return [tuple(r) for r in rows]
    return [(*r[:4], None, *r[4:]) for r in rows]


def add_cases(s: Session, lk: Lookups, day: date, tz: str, dims: Iterable[str],
              cells: Cells) -> None:
    spread = _Spread(cells, lk, tuple(dims))

    def targets(item_id: int, dept_id: int, window: int | None, clerk: int | None,
                queue: int | None) -> list[Acc]:
        return spread.targets((item_id, dept_id, window, clerk, queue), queue=queue,
                              window=None if window is None else str(window), clerk=clerk,
                              item=lk.item_codes.get(item_id), dept=lk.departments.get(dept_id))

    # The base of 即办率 (``core.kpi.counts_for_on_spot``): received in person, not withdrawn.
    in_person = and_(Case.in_person.is_(True), Case.state != CaseState.WITHDRAWN.value)
    for *k, n_in, n_spot in _case_rows(
            s, Case.received_at, day, tz, spread.dims, func.sum(_flag(in_person)),
            func.sum(_flag(and_(in_person, Case.decision == "on_spot")))):
        for acc in targets(*k):
            acc.in_person += n_in or 0
            acc.on_spot += n_spot or 0
    timed = Case.deadline.is_not(None)
    for *k, n, n_one, n_timed, n_on_time, n_late in _case_rows(
            s, Case.concluded_at, day, tz, spread.dims, func.count(),
            func.sum(_flag(Case.visits <= 1)),
            func.sum(_flag(timed)),
            func.sum(_flag(and_(timed, Case.outcome.in_(("early", "on_time"))))),
            func.sum(_flag(and_(timed, Case.outcome == "late")))):
        for acc in targets(*k):
            acc.concluded += n
            acc.one_visit += n_one or 0
            acc.timed += n_timed or 0
            acc.on_time += n_on_time or 0
            acc.late += n_late or 0


def join_rated(stmt: _S) -> _S:
    """Join a select over ratings to what each counts for: the case rated, and the ticket of
    that case — or, when no case was rated (or it has no ticket), the ticket rated. A rating
    of a case alone reaches its queue this way too."""
    return (stmt.outerjoin(Case, Case.id == Rating.case_id)
            .outerjoin(Ticket, Ticket.id == func.coalesce(Case.ticket_id, Rating.ticket_id)))


def rated_item_dept(lk: Lookups, case_item: int | None, case_dept: int | None,
                    ticket_item: str | None) -> tuple[str | None, str | None]:
    """(item code, department code) a rating counts for: the case's, else those of the
    ticket's item (the department that item belongs to)."""
    if case_item is not None:
        return lk.item_codes.get(case_item), lk.departments.get(case_dept or 0)
    return ticket_item, lk.item_dept.get(ticket_item) if ticket_item else None


def add_ratings(s: Session, lk: Lookups, day: date, tz: str, dims: Iterable[str],
                cells: Cells) -> None:
    spread = _Spread(cells, lk, tuple(dims))
    lo, hi = hall_day_bounds(day, tz)
    named = or_(Rating.ticket_id.is_not(None), Rating.case_id.is_not(None))
    bad = Rating.level.in_(tuple(BAD_LEVELS))
    fine = (Rating.window_number, Rating.clerk_id, Ticket.queue_id, Ticket.item_code,
            Case.item_id, Case.department_id)
    rows = s.connection().execute(join_rated(
        select(*fine, func.count(), func.sum(_flag(Rating.level.in_(tuple(GOOD_LEVELS)))),
               func.sum(_flag(bad)), func.sum(_flag(and_(bad, named))),
               func.sum(_flag(and_(bad, named, Followup.state == "closed")))))
        .outerjoin(Followup, Followup.rating_id == Rating.id)
        .where(Rating.at >= lo, Rating.at < hi).group_by(*fine))
    for window, clerk, queue, t_item, c_item, c_dept, n, n_good, n_bad, n_named, n_closed \
            in rows:
        item, dept = rated_item_dept(lk, c_item, c_dept, t_item)
        for acc in spread.targets((window, clerk, queue, t_item, c_item, c_dept), queue=queue,
                                  window=None if window is None else str(window), clerk=clerk,
                                  item=item, dept=dept):
            acc.ratings += n
            acc.good += n_good or 0
            acc.bad += n_bad or 0
            acc.bad_named += n_named or 0
            acc.bad_closed += n_closed or 0


def compute_day(s: Session, lk: Lookups, day: date, tz: str, dims: Iterable[str] = DIMS,
                parts: Iterable[str] = ALL_PARTS, *, sqlite: bool) -> Cells:
    """The cells of one hall day, every duration kept (exact p90)."""
    cells: Cells = {}
    dims, parts = tuple(dims), tuple(parts)
    if "tickets" in parts:
        add_tickets(s, lk, day, dims, cells, sqlite)
    if "cases" in parts:
        add_cases(s, lk, day, tz, dims, cells)
    if "ratings" in parts:
        add_ratings(s, lk, day, tz, dims, cells)
    return cells
