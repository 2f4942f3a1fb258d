"""Live mode: a simulated day played against the database through the real services.

:func:`run_live` plays the day that :func:`hallapp.core.sim.arrivals.generate_day` draws, as
kiosk1 and the windows' clerks would, through ``take_ticket``, ``open_window``,
``call_next``, ``start``, ``open_case``/``record_checklist``/``decide``, ``finish``,
``noshow``, ``close_window``: every row, audit entry and feed event is the real one, so
boards and KPIs show a living hall. :class:`~hallapp.core.sim.live.LiveDriver` decides when;
:class:`ServicesPort` does it. For a demo or training hall: see :func:`run_live`.

However a run ends, the windows it opened are tidied (their tickets finished or passed, the
windows closed) and the end is in the audit log; a window a supervisor paused or someone
else acted on leaves the run as it is, and the log says which and why.
"""

from __future__ import annotations

import logging
import math
import time as _time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from stdnum.cn import ric

from hallapp.core.errors import DomainError, EmptyQueue, QuotaExhausted, StateError, ValidationError
from hallapp.core.hallday import hall_day
from hallapp.core.intake import MaterialMark
from hallapp.core.roles import Actor, Perm, Role
from hallapp.core.sim.arrivals import Applicant, generate_day
from hallapp.core.sim.live import ANY, LiveDriver, LiveSetup, LiveTally
from hallapp.core.sim.profile import SimProfile
from hallapp.services import case_decide, cases, day, tickets, windows
from hallapp.services.calendar_admin import opening_hours
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.simulate import demo_profile, hall_profiles
from hallapp.store.models import AuditEntry, Queue, Staff, Ticket, Window

log = logging.getLogger("hallapp.simulate")
MAX_HOURS = 24.0  # one simulated day

WANTED = {"on_spot": ("on_spot", "accept"),
          "accepted": ("accept", "accept_commitment", "accept_tolerant", "on_spot"),
          "notified": ("notify_missing",)}
GROUP = {"on_spot": "on_spot", "accept": "accepted", "accept_commitment": "accepted",
         "accept_tolerant": "accepted", "notify_missing": "notified", "refuse": "notified"}
# How the live run's case tally reads (in this order).
GROUP_LABELS = {"on_spot": "当场办结", "accepted": "受理", "notified": "告知或不予受理",
                "undecided": "收件未决"}


def _actor(row: Staff) -> Actor:
    return Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                 row.window_number, row.session_epoch)


class ServicesPort:
    """:class:`~hallapp.core.sim.live.HallPort` over the real services."""

    def __init__(self, kiosk: Ctx, clerks: dict[int, Ctx], green_class: str) -> None:
        self.kiosk, self.clerks, self.green = kiosk, clerks, green_class

    def open_window(self, number: int) -> None:
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

    def tidy(self, number: int, held: int | None) -> None:
        """Pass the called ticket or finish the one in service, then close the window; a
        window paused (by a supervisor), or holding another ticket than the run gave it
        (someone acted on it), is refused and left as it is."""
        clerk = self.clerks[number]
        now = windows.window_state(clerk, number)
        ticket = now.ticket
        if now.state == "paused" or held not in (ANY, ticket.id if ticket else None):
            raise StateError(f"{number} 号窗口已暂停或已有他人操作，实时模拟保持其原样",
                             code="simulation_window_left", window=number)
        if ticket is not None and ticket.state == "called":
            windows.noshow(clerk, number, "模拟结束：未到")
        elif ticket is not None:
            windows.finish(clerk, number)
        if now.state != "closed":
            windows.close_window(clerk, number)


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
    """Play ``hours`` of a simulated day from model second ``start`` (default: opening).

    For a demo or training hall: the windows call whatever waits in their queues and finish
    it as served, so the run refuses to start while tickets no simulation issued wait there
    (:func:`_refuse_real_tickets`); tickets real kiosks issue during the run are still
    called (``LiveTally.foreign``). ``close_day`` closes the run's own hall day afterwards,
    and is refused before opening time, when the day close would close the previous day.
    """
    if not (math.isfinite(speed) and speed > 0 and math.isfinite(hours)
            and 0 < hours <= MAX_HOURS):
        raise ValidationError(f"倍速须为正数，时长须大于 0、不超过 {MAX_HOURS:g} 小时",
                              field="speed", code="simulation_speed", most=f"{MAX_HOURS:g}")
    profile = profile or demo_profile()
    kiosk, clerks, served = _live_parts(ctx, numbers)
    on = _today(ctx)  # the run's hall day: its tickets are filed under it
    if close_day:
        _require_closing(ctx, on)
    _refuse_real_tickets(ctx, on, served)
    begin = start if start is not None else (profile.periods[0][0] if profile.periods else 0)
    setup = LiveSetup(served, float(begin), hours * 3600, speed, profile.noshow_seconds)
    driver = LiveDriver(ServicesPort(kiosk, clerks, profile.green_class), setup,
                        generate_day(profile, seed), ctx.clock, sleep)
    with ctx.uow() as uow:  # who ran it, under their own name (see _live_parts)
        uow.audit("simulation_start", "hall", None, after={
            "windows": sorted(clerks), "speed": speed, "hours": hours, "seed": seed})
        uow.commit()
    wall = _time.perf_counter()
    try:
        tally = driver.run()
    except BaseException as exc:  # tidied by the driver already; say so, then let it go on
        _ended(ctx, driver.tally, exc)
        raise
    real = _time.perf_counter() - wall
    _ended(ctx, tally, None)
    waiting, abandoned = _count_waiting(ctx, on), 0
    if close_day and not tally.interrupted:
        _require_closing(ctx, on)  # a run past midnight: the close would not be this day's
        abandoned = day.close_day(ctx).abandoned
    return LiveResult(tally, on, tuple(clerks), waiting, abandoned, real,
                      tally.operations / real if real > 0 else 0.0)


def _today(ctx: Ctx) -> date:
    with ctx.uow(readonly=True) as uow:
        return hall_day(uow.now, get_hall_row(uow.session).timezone)


def _require_closing(ctx: Ctx, on: date) -> None:
    """``day.close_day`` before opening time closes the previous hall day (an evening that
    ran past midnight), not this one: --close-day then closed yesterday and left the run's
    own tickets waiting."""
    with ctx.uow(readonly=True) as uow:
        hours = opening_hours(get_hall_row(uow.session))
        before = uow.now.astimezone(hours.zone).time() < hours.periods[0][0]
        closing = hall_day(uow.now, hours.tz) - timedelta(days=1 if before else 0)
    if closing != on:
        opens = f"{hours.periods[0][0]:%H:%M}"
        raise StateError(f"开厅时间（{opens}）之前执行日终，关闭的是前一个大厅日 {closing}，"
                         f"而不是本次模拟的 {on}：请在开厅后使用 --close-day，或模拟结束后在"
                         "开厅后执行日终", code="simulation_close_day", opens=opens,
                         closing=closing.isoformat(), day=on.isoformat())


def _refuse_real_tickets(ctx: Ctx, on: date, served: dict[int, tuple[str, ...]]) -> None:
    """Refuse to start while tickets no simulation issued wait in the queues the run's
    windows serve: it would call them and finish them as served, closing real applicants'
    tickets. An earlier run's leftovers are known by their take's terminal in the audit log
    (``simulation:<who>``); that search runs only when something waits."""
    codes = sorted({q for queues in served.values() for q in queues})
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        waiting = s.execute(select(Ticket.id, Queue.code).join(
            Queue, Queue.id == Ticket.queue_id).where(
            Ticket.hall_day == on, Ticket.state == "waiting", Queue.code.in_(codes))).all()
        played = set(s.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity == "ticket", AuditEntry.action == "ticket_take",
            AuditEntry.terminal.like("simulation:%"),
            AuditEntry.entity_id.in_([str(t) for t, _ in waiting])))) if waiting else set()
    real = sorted({code for t, code in waiting if str(t) not in played})
    if real:
        count = sum(str(t) not in played for t, _ in waiting)
        names = "、".join(real)
        raise StateError(f"队列 {names} 有 {count} 个非模拟的号在等候：实时模拟会叫这些号并按"
                         "办结处理，只用于演示或培训大厅（可先处理这些号，或用 --window-numbers "
                         "选择不叫这些队列的窗口）", code="simulation_real_tickets",
                         queues=", ".join(real), count=count)


def _ended(ctx: Ctx, tally: LiveTally, error: BaseException | None) -> None:
    """The end in the audit log and the windows left as they were in the log file; best
    effort: after an error the database may be gone too, and that error is the one to tell."""
    for number, why in sorted(tally.left.items()):
        log.warning("live simulation: window %s left as it was: %s", number, why)
    facts: dict[str, object] = {
        "taken": tally.taken, "called": tally.called, "served": tally.served,
        "cases": sum(tally.cases.values()), "interrupted": tally.interrupted,
        "left": {str(n): why for n, why in sorted(tally.left.items())}}
    if error is not None and not isinstance(error, KeyboardInterrupt):
        facts["error"] = type(error).__name__
    try:
        with ctx.uow() as uow:
            uow.audit("simulation_end", "hall", None, after=facts)
            uow.commit()
    except Exception:
        if error is None:
            raise
        log.exception("live simulation: its end could not be logged")


def _count_waiting(ctx: Ctx, on: date) -> int:
    with ctx.uow(readonly=True) as uow:
        return len(uow.session.scalars(select(Ticket.id).where(
            Ticket.hall_day == on, Ticket.state == "waiting")).all())
