"""The simulator's link to a real hall: calibration from history, the hall's own window plan,
live mode through the real services, and the stored figures live mode is checked against.

* :func:`calibrate` fits a :class:`~hallapp.core.sim.profile.SimProfile` to the tickets,
  service records and cases of chosen hall days (default: the same weekday over the 8 weeks
  before ``day``); a hall with too little history gets the demo profile
  (``resources/demo/sim_profile.json``) adapted to its queues, targets and opening hours.
  Only days the hall was open count (:func:`open_days`): a holiday in the period is not a
  day without applicants.
* :func:`run_live` plays a simulated day against the database as kiosk1 and the windows'
  clerks would, through ``take_ticket``, ``open_window``, ``call_next``, ``start``,
  ``open_case``/``record_checklist``/``decide``, ``finish``, ``noshow``, ``close_window``:
  every row, audit entry and feed event is the real one, so boards and KPIs show a living
  hall. The fast mode (:mod:`hallapp.core.sim.runner`) never writes anything.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.cn import ric

from hallapp.config import resources_dir
from hallapp.core.errors import (
    DomainError,
    EmptyQueue,
    QuotaExhausted,
    StateError,
    ValidationError,
)
from hallapp.core.hallday import hall_day, hall_day_bounds, hall_zone
from hallapp.core.intake import MaterialMark
from hallapp.core.kpi import TicketFacts, no_show_rate, wait_stats
from hallapp.core.queue_rules import ProfileEntry
from hallapp.core.roles import Actor, Perm, Role
from hallapp.core.sim.arrivals import Applicant, generate_day
from hallapp.core.sim.fit import CaseRecord, TicketRecord, fit_profile
from hallapp.core.sim.live import LiveDriver, LiveSetup, LiveTally
from hallapp.core.sim.profile import QueueProfile, ServiceTime, SimProfile, load_profile
from hallapp.core.sim.winplan import WindowPlan, WorkProfile, uniform_plan
from hallapp.services import case_decide, cases, day, tickets, windows
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
    Staff,
    Ticket,
    Window,
    WorkProfileEntry,
)

MIN_HISTORY = 50  # tickets below which a period is "no history"
MAX_WEEKS = 52  # a year of the same weekday
WANTED = {"on_spot": ("on_spot", "accept"),
          "accepted": ("accept", "accept_commitment", "accept_tolerant", "on_spot"),
          "notified": ("notify_missing",)}
GROUP = {"on_spot": "on_spot", "accept": "accepted", "accept_commitment": "accepted",
         "accept_tolerant": "accepted", "notify_missing": "notified", "refuse": "notified"}
# How the live run's case tally reads (in this order).
GROUP_LABELS = {"on_spot": "当场办结", "accepted": "受理", "notified": "告知或不予受理",
                "undecided": "收件未决"}


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
    for t in s.scalars(select(Ticket).where(Ticket.hall_day.in_(days))):
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
        for w in s.scalars(select(Window).order_by(Window.number)):
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


# --- live mode -----------------------------------------------------------------------------


def _actor(row: Staff) -> Actor:
    return Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                 row.window_number)


class ServicesPort:
    """:class:`~hallapp.core.sim.live.HallPort` over the real services."""

    def __init__(self, kiosk: Ctx, clerks: dict[int, Ctx], green_class: str) -> None:
        self.kiosk, self.clerks, self.green = kiosk, clerks, green_class

    def open_window(self, number: int) -> None:
        self.tidy(number)
        windows.open_window(self.clerks[number], number)

    def take(self, a: Applicant) -> int | None:
        try:
            if a.appointment:
                return self._checked_in(a)
            return tickets.take_ticket(self.kiosk, a.queue,
                                       priority=self.green if a.green else None,
                                       item_code=a.item).id
        except QuotaExhausted:
            return None

    def _checked_in(self, a: Applicant) -> int:
        """An applicant arriving for an appointment: the ticket its check-in would issue (the
        model books no slot), in line from now."""
        with self.kiosk.uow() as uow:
            issued = tickets.issue_ticket(uow, a.queue, None, None, None, a.item, "appointment",
                                          appointment=True)
            uow.commit()
        return issued.id

    def call(self, number: int) -> int | None:
        try:
            return windows.call_next(self.clerks[number], number).id
        except EmptyQueue:
            return None

    def start(self, number: int) -> None:
        windows.start(self.clerks[number], number)

    def intake(self, number: int, a: Applicant) -> str | None:
        """Open the case, tick the checklist as the applicant's fate says, and decide."""
        clerk = self.clerks[number]
        assert a.item is not None
        assert a.decision is not None
        born = f"{1950 + a.id % 40}{1 + a.id % 12:02d}{1 + a.id % 28:02d}"
        body = f"440304{born}{a.id % 1000:03d}"
        who = cases.ApplicantInput("person", f"模拟申请人{a.id}",
                                   body + ric.calc_check_digit(body + "0"))
        detail = cases.open_case(clerk, number, a.item, who)
        required = [m.code for m in detail.materials if m.required]
        missing = required[:1] if a.decision == "notified" else []
        marks = [MaterialMark(m.code, "missing" if m.code in missing else "received",
                              form=None if m.code in missing else "original",
                              copies=0 if m.code in missing else 1) for m in detail.materials]
        view = cases.record_checklist(clerk, detail.case.number, marks)
        allowed = {o.decision for o in view.decisions if o.allowed}
        choice = next((d for d in WANTED[a.decision] if d in allowed), view.suggested)
        try:
            case_decide.decide(clerk, detail.case.number, choice)
        except DomainError:  # e.g. the deadline falls in a year whose calendar is not loaded
            return "undecided"  # the case stays received, as a clerk would leave it
        return GROUP.get(choice, "undecided")

    def finish(self, number: int) -> None:
        windows.finish(self.clerks[number], number)

    def noshow(self, number: int) -> None:
        windows.noshow(self.clerks[number], number, "模拟：多次呼叫未到")

    def close_window(self, number: int) -> None:
        windows.close_window(self.clerks[number], number)

    def tidy(self, number: int) -> None:
        held = windows.window_state(self.clerks[number], number).ticket
        if held is not None and held.state == "called":
            windows.noshow(self.clerks[number], number, "模拟结束：未到")
        elif held is not None:
            windows.finish(self.clerks[number], number)
        if windows.window_state(self.clerks[number], number).state != "closed":
            windows.close_window(self.clerks[number], number)


@dataclass(frozen=True)
class LiveResult:
    tally: LiveTally
    hall_day: date
    windows: tuple[int, ...]
    waiting: int  # still waiting when the run stopped
    # Closed as abandoned by the end-of-day close (0 without close_day): those still waiting;
    # no-shows keep their own state, as day.close_day does for any hall day.
    abandoned: int
    real_seconds: float
    operations_per_second: float


def _live_parts(ctx: Ctx, numbers: Sequence[int] | None
                ) -> tuple[Ctx, dict[int, Ctx], dict[int, tuple[str, ...]]]:
    profiles = hall_profiles(ctx, numbers)
    _named_windows(numbers, profiles, "不存在或不叫任何队列的号", "simulation_unknown_windows")
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        staff = list(s.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.id)))
        busy = sorted(s.scalars(select(Window.number).where(
            Window.number.in_(list(profiles)), Window.state != "closed")))
    if busy:  # a real clerk's window: the simulation must not call or close on it
        raise StateError(f"窗口 {'、'.join(map(str, busy))} 正在使用，实时模拟只在已关闭的窗口上"
                         "运行（可用 --window-numbers 选择窗口）", code="windows_in_use",
                         windows=", ".join(map(str, busy)))
    kiosk = next((r for r in staff if r.role == Role.KIOSK.value), None)
    clerks = {r.window_number: r for r in staff
              if r.role == Role.CLERK.value and r.window_number in profiles}
    _named_windows(numbers, clerks, "没有分配窗口人员", "simulation_unstaffed_windows")
    if kiosk is None or not clerks:
        raise ValidationError("实时模拟需要自助取号机账号和已分配窗口的窗口人员", field="staff",
                              code="simulation_staff")
    # The simulated kiosk and clerks act under their accounts, from a terminal that names
    # the simulation and who ran it: the audit log tells their entries from real ones.
    played = replace(ctx, terminal=f"simulation:{ctx.actor.username}"[:64])
    return (played.acting_as(_actor(kiosk)),
            {n: played.acting_as(_actor(r)) for n, r in sorted(clerks.items())
             if n is not None},
            {n: profiles[n].queues for n in clerks if n is not None})


def _named_windows(numbers: Sequence[int] | None, usable: Collection[int | None],
                   why: str, code: str) -> None:
    """Windows asked for by number must all take part: name any that cannot, and why."""
    left_out = sorted(set(numbers or ()) - set(usable))
    if left_out:
        names = "、".join(map(str, left_out))
        raise ValidationError(f"窗口 {names} {why}", field="window_numbers", code=code,
                              windows=names)


@action(Perm.CONTROL_WINDOW)
def run_live(ctx: Ctx, *, speed: float = 30.0, hours: float = 2.0, start: int | None = None,
             seed: int = 0, numbers: Sequence[int] | None = None,
             profile: SimProfile | None = None, sleep: Callable[[float], None] = _time.sleep,
             close_day: bool = False) -> LiveResult:
    """Play ``hours`` of a simulated day from model second ``start`` (default: opening)."""
    if speed <= 0 or hours <= 0:
        raise ValidationError("速度和时长须为正数", field="speed", code="simulation_speed")
    profile = profile or demo_profile()
    kiosk, clerks, served = _live_parts(ctx, numbers)
    begin = start if start is not None else (profile.periods[0][0] if profile.periods else 0)
    setup = LiveSetup(served, float(begin), hours * 3600, speed, profile.noshow_seconds)
    people = generate_day(profile, seed)
    port = ServicesPort(kiosk, clerks, profile.green_class)
    with ctx.uow() as uow:  # who ran it, under their own name (see _live_parts)
        uow.audit("simulation_start", "hall", None, after={
            "windows": sorted(clerks), "speed": speed, "hours": hours, "seed": seed})
        uow.commit()
    wall = _time.perf_counter()
    tally = LiveDriver(port, setup, people, ctx.clock, sleep).run()
    real = _time.perf_counter() - wall
    with ctx.uow() as uow:
        uow.audit("simulation_end", "hall", None, after={
            "taken": tally.taken, "called": tally.called, "served": tally.served,
            "cases": sum(tally.cases.values()), "interrupted": tally.interrupted})
        uow.commit()
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        today = hall_day(uow.now, hall.timezone)
    waiting = _count_waiting(ctx, today)
    abandoned = day.close_day(ctx).abandoned if close_day and not tally.interrupted else 0
    return LiveResult(tally, today, tuple(clerks), waiting, abandoned, real,
                      tally.operations / real if real > 0 else 0.0)


def _count_waiting(ctx: Ctx, on: date) -> int:
    with ctx.uow(readonly=True) as uow:
        return len(uow.session.scalars(select(Ticket.id).where(
            Ticket.hall_day == on, Ticket.state == "waiting")).all())


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
    cases: int
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
                 for t in s.scalars(select(Ticket).where(Ticket.hall_day == on))]
        decisions = s.scalars(select(Case.decision).where(
            Case.received_at >= lo, Case.received_at < hi, Case.in_person.is_(True))).all()
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
