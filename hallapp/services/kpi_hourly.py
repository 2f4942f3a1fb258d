"""Arrivals and waits by hour of one hall day (the supervisor's hourly chart).

An hour is the hall's wall-clock hour of the take time; the wait of a ticket (first call −
take, exact seconds) counts for the hour it was taken in, so a morning rush shows as long
waits in the hours people arrived.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from hallapp.core.kpi import p90
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.kpi_live import seconds_between
from hallapp.store.models import Ticket

DEFAULT_HOURS = range(8, 19)


@dataclass(frozen=True)
class HourPoint:
    hour: int  # 9 = 09:00–09:59 hall time
    arrivals: int
    called: int
    mean_wait_minutes: float | None
    p90_wait_minutes: float | None


@action(Perm.VIEW_KPI)
def hourly(ctx: Ctx, day: date) -> tuple[HourPoint, ...]:
    """Tickets taken and their waits per hour of ``day`` (08:00–18:59, widened to the data)."""
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        hall = get_hall_row(s)
        zone = ZoneInfo(hall.timezone)
        rows = s.execute(select(Ticket.taken_at, seconds_between(
            Ticket.taken_at, Ticket.first_called_at, uow.db.is_sqlite)).where(
            Ticket.hall_day == day, Ticket.state != "cancelled")).all()
    arrivals: dict[int, int] = {}
    waits: dict[int, list[float]] = {}
    for taken, wait in rows:
        hour = taken.astimezone(zone).hour
        arrivals[hour] = arrivals.get(hour, 0) + 1
        if wait is not None and wait >= 0:
            waits.setdefault(hour, []).append(round(float(wait), 3))
    hours = sorted(set(DEFAULT_HOURS) | set(arrivals))
    span = range(hours[0], hours[-1] + 1)
    return tuple(_point(h, arrivals.get(h, 0), waits.get(h, [])) for h in span)


def _point(hour: int, arrivals: int, waits: list[float]) -> HourPoint:
    mean = round(sum(waits) / len(waits) / 60, 1) if waits else None
    top = p90(waits)
    return HourPoint(hour, arrivals, len(waits), mean, None if top is None else round(top / 60, 1))
