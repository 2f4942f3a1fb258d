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
* cases received that day (即办率) and cases concluded that day (最多跑一次率, 按时办结率,
  逾期率), by their department, item, window, clerk and the queue of their ticket;
* ratings given that day (好评率, 差评整改率), by their window and clerk, and the
  item/department/queue of the case or ticket rated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Float, cast, func, select
from sqlalchemy.orm import Session

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

DIMS = ("hall", "queue", "window", "clerk", "item", "department")
HALL_KEY = "all"
ALL_PARTS = ("tickets", "cases", "ratings")


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

    def label(self, dim: str, key: str) -> str:
        return self.labels.get((dim, key), key)


def lookups(s: Session) -> Lookups:
    depts = {d.id: d.code for d in s.scalars(select(Department))}
    labels: dict[tuple[str, str], str] = {("hall", HALL_KEY): "全厅"}
    labels.update({("department", d.code): d.name for d in s.scalars(select(Department))})
    queues: dict[int, str] = {}
    for q in s.scalars(select(Queue)):
        queues[q.id] = q.code
        labels[("queue", q.code)] = f"{q.code} {q.name}"
    windows: dict[int, str] = {}
    for w in s.scalars(select(Window)):
        windows[w.id] = str(w.number)
        labels[("window", str(w.number))] = f"{w.number}号 {w.name}"
    staff: dict[int, str] = {}
    for st in s.scalars(select(Staff)):
        staff[st.id] = st.username
        labels[("clerk", st.username)] = f"{st.name}（{st.username}）"
    item_codes: dict[int, str] = {}
    item_dept: dict[str, str] = {}
    rows = s.execute(select(ServiceItem.id, ServiceItem.code, ServiceItem.name,
                            ServiceItem.department_id, ServiceItem.in_force)
                     .order_by(ServiceItem.version)).all()
    for row_id, code, name, dept_id, _in_force in rows:
        item_codes[row_id] = code
        item_dept[code] = depts.get(dept_id, "")
        labels[("item", code)] = name
    return Lookups(queues, windows, staff, item_codes, item_dept, depts, labels)


def seconds_between(start: Any, end: Any, sqlite: bool) -> ColumnElement[float]:
    """``end − start`` in seconds, computed by the database from the stored instants."""
    if sqlite:
        return (func.julianday(end) - func.julianday(start)) * 86400.0
    return cast(func.extract("epoch", end - start), Float)


def _keys(lk: Lookups, dims: Iterable[str], *, queue: int | None, window: str | None,
          clerk: int | None, item: str | None, dept: str | None) -> list[tuple[str, str | None]]:
    by = {"hall": HALL_KEY, "queue": lk.queues.get(queue) if queue else None,
          "window": window, "clerk": lk.staff.get(clerk) if clerk else None, "item": item or None,
          "department": dept or (lk.item_dept.get(item) if item else None) or None}
    return [(d, by[d]) for d in dims]


def _targets(cells: Cells, keys: list[tuple[str, str | None]]) -> list[Acc]:
    return [a for d, k in keys if (a := cell(cells, d, k)) is not None]


def _secs(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def add_tickets(s: Session, lk: Lookups, day: date, dims: Iterable[str], cells: Cells,
                sqlite: bool) -> None:
    dims = tuple(dims)
    rows = s.execute(select(
        Ticket.queue_id, Ticket.window_id, Ticket.clerk_id, Ticket.item_code, Ticket.state,
        Ticket.first_called_at.is_not(None), Ticket.noshow_at.is_not(None),
        seconds_between(Ticket.taken_at, Ticket.first_called_at, sqlite),
        seconds_between(Ticket.started_at, Ticket.finished_at, sqlite),
    ).where(Ticket.hall_day == day, Ticket.state != "cancelled"))
    for queue, window, clerk, item, state, called, passed, wait, service in rows:
        keys = _keys(lk, dims, queue=queue, window=lk.windows.get(window) if window else None,
                     clerk=clerk, item=item, dept=None)
        no_show = bool(called) and (state == "no_show" or (state == "abandoned" and passed))
        abandoned = state == "abandoned" and not no_show
        wait_s, service_s = _secs(wait), _secs(service)
        for acc in _targets(cells, keys):
            acc.tickets += 1
            acc.called += bool(called)
            acc.no_show += no_show
            acc.abandoned += abandoned
            if wait_s is not None and wait_s >= 0:
                acc.wait.add(wait_s)
            if service_s is not None and service_s >= 0:
                acc.service.add(service_s)


def _case_rows(s: Session, column: Any, day: date, tz: str, *extra: Any) -> Any:
    lo, hi = hall_day_bounds(day, tz)
    return s.execute(select(Case.item_id, Case.department_id, Case.window_number, Case.clerk_id,
                            Ticket.queue_id, *extra)
                     .outerjoin(Ticket, Ticket.id == Case.ticket_id)
                     .where(column >= lo, column < hi))


def add_cases(s: Session, lk: Lookups, day: date, tz: str, dims: Iterable[str],
              cells: Cells) -> None:
    dims = tuple(dims)

    def keys(item_id: int, dept_id: int, window: int | None, clerk: int | None,
             queue: int | None) -> list[tuple[str, str | None]]:
        return _keys(lk, dims, queue=queue, window=None if window is None else str(window),
                     clerk=clerk, item=lk.item_codes.get(item_id),
                     dept=lk.departments.get(dept_id))

    for *k, in_person, decision in _case_rows(s, Case.received_at, day, tz, Case.in_person,
                                              Case.decision):
        for acc in _targets(cells, keys(*k)):
            acc.in_person += bool(in_person)
            acc.on_spot += bool(in_person) and decision == "on_spot"
    for *k, visits, has_deadline, outcome in _case_rows(
            s, Case.concluded_at, day, tz, Case.visits, Case.deadline.is_not(None),
            Case.outcome):
        for acc in _targets(cells, keys(*k)):
            acc.concluded += 1
            acc.one_visit += (visits or 0) <= 1
            acc.timed += bool(has_deadline)
            acc.on_time += bool(has_deadline) and outcome in ("early", "on_time")
            acc.late += bool(has_deadline) and outcome == "late"


def add_ratings(s: Session, lk: Lookups, day: date, tz: str, dims: Iterable[str],
                cells: Cells) -> None:
    dims = tuple(dims)
    lo, hi = hall_day_bounds(day, tz)
    rows = s.execute(
        select(Rating.level, Rating.window_number, Rating.clerk_id,
               Rating.ticket_id.is_not(None) | Rating.case_id.is_not(None), Ticket.queue_id,
               Ticket.item_code, Case.item_id, Case.department_id, Followup.state)
        .outerjoin(Ticket, Ticket.id == Rating.ticket_id)
        .outerjoin(Case, Case.id == Rating.case_id)
        .outerjoin(Followup, Followup.rating_id == Rating.id)
        .where(Rating.at >= lo, Rating.at < hi))
    for level, window, clerk, named, queue, t_item, c_item, c_dept, f_state in rows:
        item = lk.item_codes.get(c_item) if c_item else t_item
        dept = lk.departments.get(c_dept) if c_dept else None
        keys = _keys(lk, dims, queue=queue, window=None if window is None else str(window),
                     clerk=clerk, item=item, dept=dept)
        bad = level in BAD_LEVELS
        for acc in _targets(cells, keys):
            acc.ratings += 1
            acc.good += level in GOOD_LEVELS
            acc.bad += bad
            acc.bad_named += bad and bool(named)
            acc.bad_closed += bad and bool(named) and f_state == "closed"


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
