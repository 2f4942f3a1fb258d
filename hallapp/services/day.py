"""End of the hall day and the live queue status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from hallapp.core.roles import Perm
from hallapp.core.wait_estimate import estimate_wait
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import held_at_window, today
from hallapp.services.queue_sql import recent_service_seconds, serving_windows
from hallapp.store.models import Appointment, AppointmentSlot, Queue, Ticket, Window

# Still in the hall's hands at closing: these become "abandoned". A no-show is already out of
# the queue; it keeps its state (the figures count it as a no-show) and is only closed.
LEFTOVER_STATES = ("waiting", "called", "serving", "suspended")


@dataclass(frozen=True)
class DayCloseResult:
    hall_day: str
    abandoned: int
    missed_appointments: int
    windows_closed: int


@action(Perm.CLOSE_DAY)
def close_day(ctx: Ctx) -> DayCloseResult:
    """Close every ticket still open as abandoned (never deleted) and close the windows.

    No-shows keep their state and get a closing time, so they can no longer be reactivated.

    Tickets of earlier days left open (a day nobody closed) are closed too. Booked
    appointments whose slot has ended are recorded as missed.
    """
    with ctx.uow() as uow:
        s, now = uow.session, uow.now
        hall = get_hall_row(s)
        day = today(hall, now)
        open_ids = s.scalars(select(Ticket.id).where(
            Ticket.hall_day <= day, Ticket.state.in_(LEFTOVER_STATES))).all()
        s.execute(update(Ticket).where(Ticket.id.in_(open_ids)).values(
            state="abandoned", closed_at=now).execution_options(synchronize_session=False))
        s.execute(update(Ticket).where(Ticket.hall_day <= day, Ticket.state == "no_show",
                                       Ticket.closed_at.is_(None))
                  .values(closed_at=now).execution_options(synchronize_session=False))
        missed = s.scalars(select(Appointment.id).join(AppointmentSlot).where(
            Appointment.state == "booked", AppointmentSlot.ends_at <= now)).all()
        s.execute(update(Appointment).where(Appointment.id.in_(missed)).values(state="missed")
                  .execution_options(synchronize_session=False))
        windows = s.scalars(select(Window.id).where(Window.state != "closed")).all()
        s.execute(update(Window).where(Window.id.in_(windows)).values(
            state="closed", state_reason=None, clerk_id=None, state_since=now)
            .execution_options(synchronize_session=False))
        result = DayCloseResult(day.isoformat(), len(open_ids), len(missed), len(windows))
        uow.audit("day_close", "hall", hall.id, after={**result.__dict__,
                                                       "tickets": list(open_ids)})
        uow.emit("day_closed", day=day.isoformat())
        uow.commit()
    return result


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


@action(Perm.VIEW_HALL)
def hall_status(ctx: Ctx) -> HallStatus:
    with ctx.uow(readonly=True) as uow:
        s, now = uow.session, uow.now
        hall = get_hall_row(s)
        day = today(hall, now)
        queues, raw = [], uow.raw
        for q in s.scalars(select(Queue).where(Queue.active.is_(True)).order_by(Queue.code)):
            waiting, oldest = s.execute(select(func.count(Ticket.id), func.min(Ticket.order_at))
                                        .where(Ticket.queue_id == q.id, Ticket.hall_day == day,
                                               Ticket.state == "waiting")).one()
            taken = s.scalar(select(func.count(Ticket.id)).where(
                Ticket.origin_queue_id == q.id, Ticket.hall_day == day)) or 0
            n = serving_windows(raw, q.id)
            est = estimate_wait(waiting, recent_service_seconds(raw, q.id), n)
            longest = int((now - oldest).total_seconds() // 60) if oldest else 0
            queues.append(QueueStatus(q.code, q.name, waiting, max(0, longest), est.minutes, n,
                                      q.target_wait_minutes, taken))
        open_tickets = {t.window_id: t for t in s.scalars(select(Ticket).where(
            held_at_window()))}
        windows = tuple(
            WindowStatus(w.number, w.name, w.state, w.state_reason,
                         open_tickets[w.id].number if w.id in open_tickets else None,
                         open_tickets[w.id].state if w.id in open_tickets else None,
                         w.state_since)
            for w in s.scalars(select(Window).order_by(Window.number)))
        return HallStatus(day.isoformat(), tuple(queues), windows)
