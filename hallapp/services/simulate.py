"""The simulator's link to a real hall: calibration from history, the hall's own window plan,
live mode through the real services, and the stored figures live mode is checked against.

* :func:`calibrate` fits a :class:`~hallapp.core.sim.profile.SimProfile` to the tickets,
  service records and cases of chosen hall days (default: the same weekday over the 8 weeks
  before ``day``); a hall with too little history gets the demo profile
  (``resources/demo/sim_profile.json``) adapted to its queues, targets and opening hours.
  Only days the hall was open count (:func:`open_days`): a holiday in the period is not a
  day without applicants.
* live mode (:mod:`hallapp.services.simulate_live`) plays a simulated day against the
  database through the real services; :func:`day_figures` are the stored figures it is
  checked against. The fast mode (:mod:`hallapp.core.sim.runner`) never writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallapp.config import resources_dir
from hallapp.core.errors import (
    DomainError,
    ValidationError,
)
from hallapp.core.hallday import hall_day, hall_day_bounds, hall_zone
from hallapp.core.kpi import TicketFacts, counts_for_on_spot, no_show_rate, wait_stats
from hallapp.core.queue_rules import ProfileEntry
from hallapp.core.roles import Perm
from hallapp.core.sim.fit import CaseRecord, TicketRecord, fit_profile
from hallapp.core.sim.profile import QueueProfile, ServiceTime, SimProfile, load_profile
from hallapp.core.sim.winplan import WindowPlan, WorkProfile, uniform_plan
from hallapp.services.calendar_admin import build_calendar, opening_hours
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row, load_demo_json
from hallapp.services.queue_common import call_settings
from hallapp.store.models import (
    Case,
    Hall,
    Queue,
    ServiceItem,
    ServiceRecord,
    Ticket,
    Window,
    WorkProfileEntry,
)

MIN_HISTORY = 50  # tickets below which a period is "no history"
MAX_WEEKS = 52  # a year of the same weekday


def demo_profile() -> SimProfile:
    return load_profile(resources_dir() / "demo" / "sim_profile.json")


def same_weekdays(day_: date, weeks: int) -> list[date]:
    """The same weekday in each of the ``weeks`` weeks before ``day_``, oldest first."""
    return [day_ - timedelta(weeks=k) for k in range(weeks, 0, -1)]


def open_days(s: Session, period: Sequence[date]) -> list[date]:
    """The days of ``period`` that count as history: those with tickets, and the hall's
    working days from its first ticket on. Counting a holiday (or a day before the hall
    used hallapp) as a day with no applicants lowered every rate: a National Day Tuesday in
    7 weeks took 1/7 off each, and the planner said "8 天" where 6 had tickets."""
    with_tickets = set(s.scalars(select(Ticket.hall_day).where(
        Ticket.hall_day.in_(period)).distinct()))
    first = s.scalar(select(func.min(Ticket.hall_day)))
    calendar = build_calendar(s)

    def worked(d: date) -> bool:
        try:
            return calendar.is_working_day(d)
        except DomainError:  # a year no calendar covers: only its tickets tell
            return False

    return [d for d in period
            if d in with_tickets or (first is not None and d >= first and worked(d))]


def _base_profile(s: Session, hall: Hall) -> SimProfile:
    """The demo profile fitted to this hall's queues, targets, hours and call settings."""
    demo = demo_profile()
    known = {q.code: q for q in demo.queues}
    queues = []
    for q in s.scalars(select(Queue).where(Queue.active.is_(True)).order_by(Queue.code)):
        base = known.get(q.code) or QueueProfile(q.code, q.target_wait_minutes, (0.0,) * 24)
        queues.append(replace(base, target_wait_minutes=float(q.target_wait_minutes)))
    items = dict(demo.items)
    for row in s.scalars(select(ServiceItem).where(ServiceItem.in_force.is_(True))):
        if row.code not in items:
            norm = float(row.data.get("service_norm_minutes") or 15)
            on_spot = row.handling_type == "immediate"
            items[row.code] = replace(next(iter(demo.items.values())), code=row.code,
                                      service=ServiceTime("lognormal", norm, 0.45),
                                      decisions=(0.8, 0.05, 0.15) if on_spot else (0, 0.85, 0.15))
    periods = tuple((a.hour * 3600 + a.minute * 60, b.hour * 3600 + b.minute * 60)
                    for a, b in opening_hours(hall).periods)
    return replace(demo, queues=tuple(queues), items=items, periods=periods,
                   settings=call_settings(hall))


def _ticket_records(s: Session, hall: Hall, days: Sequence[date], now: datetime
                    ) -> tuple[list[TicketRecord], list[int]]:
    codes = {q.id: q.code for q in s.scalars(select(Queue))}
    done = {r.ticket_id: (r.finished_at - r.started_at).total_seconds()
            for r in s.scalars(select(ServiceRecord).join(Ticket).where(
                Ticket.hall_day.in_(days), ServiceRecord.outcome == "done"))}
    zone, out, ids = hall_zone(hall.timezone), [], []
    for t in s.scalars(select(Ticket).where(Ticket.hall_day.in_(days),
                                            Ticket.state != "cancelled")):
        called = t.first_called_at is not None
        end = t.first_called_at or t.closed_at or now
        out.append(TicketRecord(codes[t.origin_queue_id], t.taken_at.astimezone(zone).hour,
                                t.state, t.priority is not None, t.appointment, called,
                                (end - t.taken_at).total_seconds(), t.item_code,
                                done.get(t.id)))
        ids.append(t.id)
    return out, ids


@action(Perm.VIEW_KPI)
def calibrate(ctx: Ctx, day_: date | None = None, *, weeks: int = 8,
              days: Sequence[date] | None = None, min_tickets: int = MIN_HISTORY) -> SimProfile:
    """The profile for ``day_`` (default: the hall's today, in its time zone), fitted to
    ``days`` (default: same weekday, ``weeks`` back)."""
    if days is None and not 1 <= weeks <= MAX_WEEKS:  # 0 read no history: the demo profile
        raise ValidationError(f"历史周数须在 1 到 {MAX_WEEKS} 之间（现为 {weeks}）",
                              field="weeks", code="simulation_weeks", most=MAX_WEEKS,
                              weeks=weeks)
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        period = list(days) if days is not None else same_weekdays(
            day_ or hall_day(uow.now, hall.timezone), weeks)
        base = _base_profile(s, hall)
        records, ids = _ticket_records(s, hall, period, uow.now)
        if len(records) < min_tickets:
            return replace(base, source=f"demo {len(records)}/{min_tickets}")  # tickets seen
        case_rows = s.execute(select(ServiceItem.code, Case.decision).join(
            ServiceItem, ServiceItem.id == Case.item_id).where(Case.ticket_id.in_(ids))).all()
        counted = open_days(s, period)
    found = sorted(counted)
    source = f"history {found[0].isoformat()}…{found[-1].isoformat()}"  # days: its own field
    return fit_profile(base, records, [CaseRecord(c, d) for c, d in case_rows], len(counted),
                       source)


@action(Perm.VIEW_HALL)
def hall_plan(ctx: Ctx, profile: SimProfile, numbers: Sequence[int] | None = None
              ) -> WindowPlan:
    """The hall's own windows, each with its work profile, open in every opening hour."""
    return uniform_plan(hall_profiles(ctx, numbers).values(), profile.hours())


@action(Perm.VIEW_HALL)
def hall_profiles(ctx: Ctx, numbers: Sequence[int] | None = None) -> dict[int, WorkProfile]:
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        out: dict[int, WorkProfile] = {}
        # Not a retired window (``window_admin``): the plans staff the windows in use.
        for w in s.scalars(select(Window).where(Window.retired.is_(False))
                           .order_by(Window.number)):
            if numbers is not None and w.number not in numbers:
                continue
            rows = s.execute(select(WorkProfileEntry, Queue.code).join(
                Queue, Queue.id == WorkProfileEntry.queue_id).where(
                WorkProfileEntry.window_id == w.id, Queue.active.is_(True)).order_by(
                WorkProfileEntry.precedence, WorkProfileEntry.id)).all()
            if rows:
                out[w.number] = WorkProfile(f"{w.number}号窗", w.profile_mode, tuple(
                    ProfileEntry(code, e.precedence, e.ratio) for e, code in rows))
        return out


@dataclass(frozen=True)
class DayFigures:
    """A hall day's ticket figures from the store, computed by :mod:`hallapp.core.kpi`."""

    hall_day: date
    taken: int
    done: int
    no_show: int
    abandoned: int
    waiting: int
    no_show_rate: float | None
    wait_mean_seconds: float | None
    wait_p90_seconds: float | None
    cases: int  # the base of 即办率: received in person, not withdrawn
    on_spot: int


@action(Perm.VIEW_KPI)
def day_figures(ctx: Ctx, on: date) -> DayFigures:
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        lo, hi = hall_day_bounds(on, hall.timezone)
        codes = {q.id: q.code for q in s.scalars(select(Queue))}
        facts = [TicketFacts(t.taken_at, t.first_called_at, t.started_at, t.finished_at,
                             t.state, codes[t.queue_id])
                 for t in s.scalars(select(Ticket).where(Ticket.hall_day == on,
                                                         Ticket.state != "cancelled"))]
        received = s.execute(select(Case.decision, Case.in_person, Case.state).where(
            Case.received_at >= lo, Case.received_at < hi)).all()
    # The base of 即办率 as the figures count it: in person, not withdrawn.
    decisions = [d for d, in_person, state in received if counts_for_on_spot(in_person, state)]
    waits = wait_stats(facts)
    states = [f.state for f in facts]
    return DayFigures(on, len(facts), states.count("done"), states.count("no_show"),
                      states.count("abandoned"), states.count("waiting"),
                      no_show_rate(facts).value, waits.mean, waits.p90,
                      len(decisions), sum(d == "on_spot" for d in decisions))


def demo_hall_profiles() -> dict[int, WorkProfile]:
    """The demo hall's windows (``resources/demo/hall.json``), for runs without a database."""
    out = {}
    for w in load_demo_json("hall.json").get("windows", []):
        out[int(w["number"])] = WorkProfile(f"{w['number']}号窗", str(w["profile_mode"]), tuple(
            ProfileEntry(str(e["queue"]), int(e["precedence"]), int(e.get("ratio", 1)))
            for e in w["profile"]))
    return out
