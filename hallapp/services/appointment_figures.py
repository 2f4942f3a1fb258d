"""What became of the appointments: today's on the supervisor's board, a period's in the
daily and monthly reports (预约履约).

Bookings are few beside tickets (a few hundred a day in a busy hall), so both are counted
from the bookings themselves when asked, not kept in the KPI summaries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallapp.core.hallday import hall_day_bounds
from hallapp.store.models import Appointment, AppointmentSlot, Queue


@dataclass(frozen=True)
class AppointmentDay:
    """A queue's bookings of one day, as the supervisor's board counts them."""

    queue: str
    booked: int  # not cancelled
    arrived: int  # checked in, on time or late
    expected: int  # still to check in, and the slot's grace period not yet over

    @property
    def overdue(self) -> int:
        """Not come by the end of the grace period: a late check-in or, at the day's close,
        a missed appointment."""
        return self.booked - self.arrived - self.expected


def day_counts(s: Session, lo: datetime, hi: datetime, now: datetime) -> dict[str, AppointmentDay]:
    """The bookings of the slots starting in [lo, hi), by queue code."""
    counts: dict[str, list[int]] = {}
    rows = s.execute(select(Queue.code, Appointment.state, AppointmentSlot.starts_at,
                            AppointmentSlot.grace_minutes)
                     .join(AppointmentSlot, Appointment.slot_id == AppointmentSlot.id)
                     .join(Queue, AppointmentSlot.queue_id == Queue.id)
                     .where(AppointmentSlot.starts_at >= lo, AppointmentSlot.starts_at < hi,
                            Appointment.state != "cancelled"))
    for code, state, starts_at, grace in rows:
        c = counts.setdefault(code, [0, 0, 0])
        c[0] += 1
        c[1] += state in ("checked_in", "late")
        c[2] += state == "booked" and now <= starts_at + timedelta(minutes=grace)
    return {code: AppointmentDay(code, *c) for code, c in counts.items()}


@dataclass(frozen=True)
class AppointmentTally:
    """A queue's (or the hall's) bookings of a period by what became of them."""

    label: str
    states: Counter[str]  # booked (still to come) | checked_in | late | missed | cancelled
    label_en: str | None = None  # shown instead of ``label`` on an English screen
    queue: str | None = None  # the queue's code, its name and English name; None: the hall
    name: str = ""
    name_en: str | None = None

    @property
    def made(self) -> int:
        return sum(self.states.values())

    @property
    def kept(self) -> int:
        return self.states["checked_in"] + self.states["late"]

    @property
    def concluded(self) -> int:
        """Bookings whose outcome is known: come (on time or late) or missed. Cancelled ones
        freed their place, and those still to come may yet."""
        return self.kept + self.states["missed"]


def period_tallies(s: Session, start: date, end: date, zone: str) -> list[AppointmentTally]:
    """Per queue (in code order), the bookings of slots on the hall days start..end."""
    lo, hi = hall_day_bounds(start, zone)[0], hall_day_bounds(end, zone)[1]
    rows = s.execute(select(Queue.code, Queue.name, Queue.name_en, Appointment.state,
                            func.count())
                     .join(AppointmentSlot, Appointment.slot_id == AppointmentSlot.id)
                     .join(Queue, AppointmentSlot.queue_id == Queue.id)
                     .where(AppointmentSlot.starts_at >= lo, AppointmentSlot.starts_at < hi)
                     .group_by(Queue.code, Queue.name, Queue.name_en, Appointment.state)
                     .order_by(Queue.code))
    tallies: dict[str, AppointmentTally] = {}
    for code, name, name_en, state, n in rows:
        tally = tallies.setdefault(code, AppointmentTally(
            f"{code} {name}", Counter(), f"{code} {name_en}" if name_en else None, code, name,
            name_en or None))
        tally.states[state] += n
    return list(tallies.values())
