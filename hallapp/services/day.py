"""End of the hall day and the live queue status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from hallapp.core.errors import StateError
from hallapp.core.hallday import hall_day_bounds
from hallapp.core.roles import Perm
from hallapp.core.texts import required_reason
from hallapp.core.wait_estimate import estimate_wait
from hallapp.services.calendar_admin import opening_hours
from hallapp.services.context import Ctx, action
from hallapp.services.hall_lock import lock_hall, lock_tickets, lock_windows
from hallapp.services.queue_common import OPEN_AT_WINDOW_PREDICATE, held_at_window, today
from hallapp.services.queue_sql import hall_conf, recent_service_seconds, serving_windows
from hallapp.store.models import Appointment, AppointmentSlot, Hall, Staff, Ticket, Window
from hallapp.store.rawsql import as_at
from hallapp.store.uow import UnitOfWork

# Still in the hall's hands at closing: these become "abandoned". A no-show is already out of
# the queue; it keeps its state (the figures count it as a no-show) and is only closed.
LEFTOVER_STATES = ("waiting", "called", "serving", "suspended")


@dataclass(frozen=True)
class DayCloseResult:
    hall_day: str
    abandoned: int
    missed_appointments: int
    windows_closed: int
    # Tickets abandoned per hall day: the closed day first, then any earlier day a close was
    # missed for, newest first (those were closed too; the closed day's report counts only
    # its own).
    abandoned_by_day: tuple[tuple[str, int], ...] = ()


@action(Perm.CLOSE_DAY)
def close_day(ctx: Ctx) -> DayCloseResult:
    """Close every ticket still open as abandoned (never deleted) and close the windows.

    No-shows keep their state and get a closing time, so they can no longer be reactivated.

    Tickets of earlier days left open (a day nobody closed) are closed too. Bookings of the
    day (and earlier) never checked in are recorded as missed, one audit entry each, even if
    their slot has not ended: check-in is only on the slot's own day.

    A close before today's opening time ends the previous hall day (a late evening that ran
    past midnight): it closed the new day instead, so the morning's kiosks and windows were
    refused until somebody reopened it. Tickets already taken today are left alone, and so is
    a window opened today or holding one of today's tickets. A day already closed is not
    closed again: there is nothing left of it to close.

    The close waits for the takes and window actions in flight and holds off new ones until it
    commits (``hall_lock``): a ticket taken, or a window opened, while it ran stayed waiting,
    or open, on the closed day; two supervisors closing at once both closed the same tickets.
    """
    with ctx.uow() as uow:
        s, now = uow.session, uow.now
        hall = lock_hall(s)
        day = today(hall, now)
        early = _before_opening(hall, now)
        if early:
            day -= timedelta(days=1)
        if hall.closed_day == day:
            _refuse_closed_again(hall, day, early)
        lock_windows(s)
        missed = _record_missed(uow, day, hall.timezone)
        lock_tickets(s)
        open_rows = s.execute(select(Ticket.id, Ticket.hall_day).where(
            Ticket.hall_day <= day, Ticket.state.in_(LEFTOVER_STATES))).all()
        open_ids = [ticket_id for ticket_id, _ in open_rows]
        s.execute(update(Ticket).where(Ticket.id.in_(open_ids)).values(
            state="abandoned", closed_at=now).execution_options(synchronize_session=False))
        s.execute(update(Ticket).where(Ticket.hall_day <= day, Ticket.state == "no_show",
                                       Ticket.closed_at.is_(None))
                  .values(closed_at=now).execution_options(synchronize_session=False))
        windows = _windows_of_the_day(s, day, hall.timezone)
        held = _holders(s, windows)
        s.execute(update(Window).where(Window.id.in_(windows)).values(
            state="closed", state_reason=None, clerk_id=None, clerk_since=None,
            state_since=now)
            .execution_options(synchronize_session=False))
        hall.closed_day = day  # takes no more tickets, opens no window: see reopen_day
        result = DayCloseResult(day.isoformat(), len(open_ids), len(missed), len(windows),
                                _by_day(day, [d for _, d in open_rows]))
        uow.audit("day_close", "hall", hall.id, before={"held": held},
                  after={**result.__dict__, "tickets": list(open_ids)})
        uow.emit("day_closed", day=day.isoformat())
        uow.commit()
    return result


def _refuse_closed_again(hall: Hall, day: date, early: bool) -> None:
    """A closed day takes no tickets and opens no window, and its close ended all it had:
    closed again, it recorded a second close and, before opening, closed the windows that
    had begun the new day, one serving an applicant."""
    if not early:
        raise StateError(f"今日（{day.isoformat()}）已日终闭厅，没有需要闭厅的号和窗口",
                         code="day_already_closed", day=day.isoformat())
    opens = f"{opening_hours(hall).periods[0][0]:%H:%M}"
    raise StateError(f"前一大厅日（{day.isoformat()}）已日终闭厅，没有需要闭厅的号和窗口；"
                     f"今日的日终请在开厅（{opens}）后执行", code="day_already_closed_early",
                     day=day.isoformat(), opens=opens)


def _holders(s: Session, windows: list[int]) -> dict[str, dict[str, object]]:
    """Who held each of the windows the close closes (none held: left out), as
    ``window_release`` records a holder: ``{window number: {"clerk", "since"}}``."""
    rows = s.execute(select(Window.number, Staff.username, Window.clerk_since)
                     .join(Staff, Staff.id == Window.clerk_id)
                     .where(Window.id.in_(windows)).order_by(Window.number)).all()
    return {str(number): {"clerk": username,
                          "since": since.isoformat() if since else None}
            for number, username, since in rows}


def _windows_of_the_day(s: Session, day: date, timezone: str) -> list[int]:
    """The windows a close of ``day`` closes: not those that began a later day (opened, or
    holding a ticket of that day, after the close's tickets were abandoned)."""
    busy = select(Ticket.window_id).where(held_at_window(), Ticket.window_id.is_not(None))
    day_end = hall_day_bounds(day, timezone)[1]
    return list(s.scalars(select(Window.id).where(
        Window.state != "closed", Window.id.not_in(busy),
        or_(Window.state_since.is_(None), Window.state_since < day_end))).all())


def _by_day(day: date, days: list[date]) -> tuple[tuple[str, int], ...]:
    counts = Counter(days)
    earlier = sorted((d for d in counts if d != day), reverse=True)
    return ((day.isoformat(), counts.get(day, 0)),
            *((d.isoformat(), counts[d]) for d in earlier))


def _record_missed(uow: UnitOfWork, day: date, timezone: str) -> list[int]:
    """Bookings of ``day`` and earlier still booked become missed: they count towards a
    booking ban, so each is audited (the day's entry only counts them).

    Conditional, each row as it is once its lock is ours: a check-in holding its booking
    (to issue its ticket) goes first, and its booking is then no longer booked."""
    s = uow.session
    booked = s.scalars(select(Appointment.id).join(AppointmentSlot).where(
        Appointment.state == "booked",
        AppointmentSlot.starts_at < hall_day_bounds(day, timezone)[1])).all()
    missed = sorted(s.scalars(
        update(Appointment).where(Appointment.id.in_(booked), Appointment.state == "booked")
        .values(state="missed").returning(Appointment.id)
        .execution_options(synchronize_session=False)).all())
    for appt_id in missed:
        uow.audit("appointment_missed", "appointment", appt_id, before={"state": "booked"},
                  after={"state": "missed", "day": day.isoformat()})
    return list(missed)


def _restore_missed(uow: UnitOfWork, day: date, timezone: str) -> None:
    """The bookings of ``day`` that its close recorded as missed are booked again (only a
    day's close records a miss)."""
    lo, hi = hall_day_bounds(day, timezone)
    s = uow.session
    restored = s.scalars(select(Appointment.id).join(AppointmentSlot).where(
        Appointment.state == "missed", AppointmentSlot.starts_at >= lo,
        AppointmentSlot.starts_at < hi)).all()
    s.execute(update(Appointment).where(Appointment.id.in_(restored)).values(state="booked")
              .execution_options(synchronize_session=False))
    for appt_id in restored:
        uow.audit("appointment_restore", "appointment", appt_id, before={"state": "missed"},
                  after={"state": "booked", "day": day.isoformat()})


def _before_opening(hall: Hall, now: datetime) -> bool:
    hours = opening_hours(hall)
    return now.astimezone(hours.zone).time() < hours.periods[0][0]


@action(Perm.CLOSE_DAY)
def reopen_day(ctx: Ctx, reason: str) -> str:
    """Undo a day closed by mistake: tickets can be taken and windows opened again. What the
    close did to tickets stays done (its abandoned tickets are not brought back), but the
    day's bookings it recorded as missed are booked again: their applicants may still come,
    and a miss counts against them. Returns the day."""
    why = required_reason(reason, "重新开厅")
    with ctx.uow() as uow:
        hall = lock_hall(uow.session)  # one after the other with a close (hall_lock)
        day = today(hall, uow.now)
        if hall.closed_day != day:
            raise StateError(f"今日（{day.isoformat()}）尚未日终闭厅", code="day_not_closed",
                             day=day.isoformat())
        hall.closed_day = None
        uow.session.flush()
        _restore_missed(uow, day, hall.timezone)
        uow.audit("day_reopen", "hall", hall.id, before={"closed_day": day.isoformat()},
                  after={"closed_day": None, "reason": why})
        uow.emit("day_reopened", day=day.isoformat())
        uow.commit()
    return day.isoformat()


@dataclass(frozen=True)
class QueueStatus:
    code: str
    name: str
    waiting: int
    longest_wait_minutes: int
    estimated_minutes: int
    serving_windows: int
    target_wait_minutes: int
    taken_today: int
    name_en: str | None = None  # shown instead of ``name`` on an English screen
    # False: deactivated (``queue_admin``), listed only while tickets still wait in it — they
    # are still called, so the boards show them (marked 停用) and the alerts count them; the
    # kiosks leave it out.
    active: bool = True


@dataclass(frozen=True)
class WindowStatus:
    number: int
    name: str
    state: str
    reason: str | None
    current: str | None
    current_state: str | None
    since: datetime | None


@dataclass(frozen=True)
class HallStatus:
    hall_day: str
    queues: tuple[QueueStatus, ...]
    windows: tuple[WindowStatus, ...]


# The live status, as plain statements (``hallapp.store.rawsql``): every kiosk, counter and
# call display reloads it after each event, and the ORM cost more than the statements.
_QUEUES = "SELECT id, code, name, target_wait_minutes, name_en, active FROM queue ORDER BY code"
# 'waiting' as a literal: the partial index of waiting tickets (ix_ticket_waiting_line).
_WAITING = ("SELECT COUNT(*), MIN(taken_at) FROM ticket "  # 最长: see alerts.wait_alerts
            "WHERE queue_id = :queue AND hall_day = :day AND state = 'waiting'")
# Not a ticket a kiosk withdrew because it could not print it (cancel_unprinted): nobody got
# it, and the figures (kpi_live) do not count it either.
_TAKEN = ("SELECT COUNT(*) FROM ticket WHERE origin_queue_id = :queue AND hall_day = :day "
          "AND state <> 'cancelled'")
_WINDOWS = ('SELECT w.number, w.name, w.state, w.state_reason, t.number, t.state, '
            'w.state_since FROM "window" w LEFT JOIN ticket t ON t.window_id = w.id '
            f"AND t.{OPEN_AT_WINDOW_PREDICATE} WHERE w.retired = :no ORDER BY w.number")


@action(Perm.VIEW_HALL)
def hall_status(ctx: Ctx) -> HallStatus:
    with ctx.uow(readonly=True) as uow:
        raw, now = uow.raw, uow.now
        day = today(hall_conf(raw), now)
        stored_day = raw.day(day)
        queues = []
        for queue_id, code, name, target, name_en, active in raw.rows(_QUEUES):
            count, first = raw.rows(_WAITING, queue=queue_id, day=stored_day)[0]
            waiting, oldest = int(count), as_at(first)
            if not active and not waiting:
                continue  # deactivated, and no one left in it
            taken = int(raw.value(_TAKEN, queue=queue_id, day=stored_day) or 0)
            n = serving_windows(raw, queue_id)
            est = estimate_wait(waiting, recent_service_seconds(raw, queue_id), n)
            longest = int((now - oldest).total_seconds() // 60) if oldest else 0
            queues.append(QueueStatus(code, name, waiting, max(0, longest), est.minutes, n,
                                      target, taken, name_en, bool(active)))
        windows = tuple(
            WindowStatus(number, name, state, reason, current, current_state, as_at(since))
            for number, name, state, reason, current, current_state, since
            in raw.rows(_WINDOWS, no=False))  # not a retired window (``window_admin``)
        return HallStatus(day.isoformat(), tuple(queues), windows)
