"""What a booking must respect beside the slot's capacity: an ID number that missed too many
appointments waits (``refuse_after_misses``), and holds one booking per queue and day
(``refuse_second_booking``). ``EARLY_CHECKIN``: how early a booking may be checked in.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.errors import StateError
from hallapp.core.hallday import hall_day_bounds, hall_zone
from hallapp.services.hall import DEFAULT_SETTINGS
from hallapp.store.models import Appointment, AppointmentSlot, Hall, Queue

EARLY_CHECKIN = timedelta(minutes=60)


def refuse_after_misses(s: Session, hall: Hall, id_number: str, now: datetime) -> None:
    """Places are scarce: an ID number that missed ``appointment_missed_limit`` appointments
    in the last ``appointment_missed_days`` days books again only once enough of those
    misses are older than that (0: no limit). Misses are recorded by the day's close."""
    limit, days = (int(hall.settings.get(k, DEFAULT_SETTINGS[k]))
                   for k in ("appointment_missed_limit", "appointment_missed_days"))
    if not limit:
        return
    missed = list(s.scalars(
        select(AppointmentSlot.starts_at)
        .join(Appointment, Appointment.slot_id == AppointmentSlot.id)
        .where(Appointment.id_number == id_number, Appointment.state == "missed",
               AppointmentSlot.starts_at >= now - timedelta(days=days))
        .order_by(AppointmentSlot.starts_at)))
    if len(missed) < limit:
        return
    again = (missed[len(missed) - limit] + timedelta(days=days)).astimezone(
        hall_zone(hall.timezone)).strftime("%Y-%m-%d %H:%M")
    raise StateError(f"该身份证近 {days} 天预约未到 {len(missed)} 次，{again} 后方可再预约",
                     code="booking_suspended", missed=len(missed), days=days, again=again)


def refuse_second_booking(s: Session, hall: Hall, slot: AppointmentSlot, queue: Queue,
                          id_number: str) -> None:
    """One booking per ID number, queue and day: places are scarce, and one person holding
    several would keep others out (as one waiting ticket per ID number and queue)."""
    zone = hall_zone(hall.timezone)
    lo, hi = hall_day_bounds(slot.starts_at.astimezone(zone).date(), hall.timezone)
    held = s.scalar(select(Appointment.code).join(AppointmentSlot).where(
        Appointment.id_number == id_number, Appointment.state == "booked",
        AppointmentSlot.queue_id == queue.id, AppointmentSlot.starts_at >= lo,
        AppointmentSlot.starts_at < hi))
    if held is not None:
        raise StateError(f"该身份证当天在 {queue.name} 已有预约（预约码 {held}），不能重复预约",
                         code="already_booked", code_held=held, queue=queue.code)
