"""What a booking, a cancel and a check-in must respect, beside the slot's capacity.

Booking: until the slot's grace period is over, on a day the hall opens and has not closed
(``check_bookable``); an ID number that missed too many appointments waits
(``refuse_after_misses``), and holds one booking per queue and day, kept or still to come
(``refuse_second_booking``). Cancel: until the grace period is over (``check_cancellable``).
Check-in: from an hour before the slot until the end of its hall day (``check_checkin_day``),
in the slot's queue with the item only if still served there (``served_item``); a ticket the
applicant already waits with gets the appointment's precedence, never a later place than its
own (``give_precedence``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hallapp.core.errors import StateError
from hallapp.core.hallday import hall_day, hall_day_bounds, hall_zone
from hallapp.services.calendar_admin import hall_time
from hallapp.services.hall import DEFAULT_SETTINGS
from hallapp.store.models import Appointment, AppointmentSlot, Hall, Queue, ServiceItem, Ticket
from hallapp.store.uow import UnitOfWork

EARLY_CHECKIN = timedelta(minutes=60)
# A booking that holds its place: still to come, or come (on time or late). A missed or
# cancelled one no longer does.
HOLDING = ("booked", "checked_in", "late")


def grace_over(starts_at: datetime, ends_at: datetime, grace_minutes: int,
               now: datetime) -> bool:
    """Past the slot's end or its grace period, a booking could only be late or missed."""
    return now >= ends_at or now > starts_at + timedelta(minutes=grace_minutes)


def check_bookable(s: Session, hall: Hall, slot: AppointmentSlot, now: datetime) -> None:
    """A slot takes bookings until its grace period is over, on a day not closed and still
    a working day, in the hall's opening hours (an administrator may have made it a rest
    day, or changed the hours, since it was opened)."""
    if slot.ends_at <= now:
        raise StateError("该时段已结束，不能预约", code="slot_past")
    if grace_over(slot.starts_at, slot.ends_at, slot.grace_minutes, now):
        raise StateError(f"该时段已开始超过 {slot.grace_minutes} 分钟，不能预约",
                         code="slot_grace_over", grace=slot.grace_minutes)
    day = hall_day(slot.starts_at, hall.timezone)
    if hall.closed_day == day:
        raise StateError("该日已日终闭厅，不能预约", code="day_closed_booking")
    t = hall_time(s, hall)
    if not t.opens_on(day):
        raise StateError(f"{day.isoformat()} 不是工作日，大厅不开放", code="slot_day_closed",
                         day=day.isoformat())
    if not t.holds(slot.starts_at, slot.ends_at):  # the opening hours changed since
        raise StateError("该时段已不在大厅开放时间内，不能预约", code="slot_outside_hours")


def check_cancellable(hall: Hall, slot: AppointmentSlot, now: datetime) -> None:
    """A booking is cancelled while it may still be kept: after the grace period it was
    missed, and a cancel then would keep the miss off the ID number's record."""
    until = slot.starts_at + timedelta(minutes=slot.grace_minutes)
    if now > until:
        local = until.astimezone(hall_zone(hall.timezone)).strftime("%Y-%m-%d %H:%M")
        raise StateError(f"该预约的签到时间已过（{local}），不能再取消", code="cancel_too_late",
                         until=local)


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
    several would keep others out (as one waiting ticket per ID number and queue). One
    already checked in counts too: a second booked after it held a place for nobody."""
    zone = hall_zone(hall.timezone)
    lo, hi = hall_day_bounds(slot.starts_at.astimezone(zone).date(), hall.timezone)
    held = s.scalar(select(Appointment.code).join(AppointmentSlot).where(
        Appointment.id_number == id_number, Appointment.state.in_(HOLDING),
        AppointmentSlot.queue_id == queue.id, AppointmentSlot.starts_at >= lo,
        AppointmentSlot.starts_at < hi))
    if held is not None:
        raise StateError(f"该身份证当天在 {queue.name} 已有预约（预约码 {held}），不能重复预约",
                         code="already_booked", code_held=held, queue=queue.code)


def check_checkin_day(hall: Hall, slot: AppointmentSlot, now: datetime) -> None:
    """Check-in opens an hour before the slot and closes with the slot's hall day (whose
    close records the booking as missed): a booking of an earlier day is not kept today."""
    zone = hall_zone(hall.timezone)
    starts = slot.starts_at.astimezone(zone)
    if now < slot.starts_at - EARLY_CHECKIN:
        # Another day's booking says which day: "09:00" alone reads as today's.
        local = starts.strftime("%H:%M" if starts.date() == now.astimezone(zone).date()
                                else "%Y-%m-%d %H:%M")
        early = int(EARLY_CHECKIN.total_seconds() // 60)
        raise StateError(f"预约时段 {local} 开始前 {early} 分钟内方可签到", code="too_early",
                         early=early, starts=local)
    if starts.date() != hall_day(now, hall.timezone):
        day = starts.date().isoformat()
        raise StateError(f"该预约是 {day} 的，只能在当天签到，请重新预约或取号",
                         code="checkin_day_over", day=day)


def served_item(s: Session, queue: Queue, item_code: str | None) -> str | None:
    """``item_code`` if that item, in force, is still served in ``queue``; else None (a
    catalogue import moved it to another queue, or it is no longer in force: the booking's
    place is in the slot's queue all the same)."""
    if item_code is None:
        return None
    return s.scalar(select(ServiceItem.code).where(
        ServiceItem.code == item_code, ServiceItem.in_force.is_(True),
        ServiceItem.queue_id == queue.id))


def give_precedence(uow: UnitOfWork, ticket_id: int, starts_at: datetime, code: str) -> bool:
    """The applicant's waiting ticket, checked in on time for a slot starting at
    ``starts_at``, is called with the appointment's precedence from then on, as a ticket
    issued at the check-in would be, but never from a later place than it already has (a
    green-channel ticket, called before appointments anyway, keeps its own place). Whether
    the ticket was given the precedence.

    Checked in once the slot began: from the slot's start, or from its own place if later.
    Checked in before: held until the slot's start as an appointment checked in early, and
    meanwhile called from its own place among the ordinary tickets (``own_order_at``, see
    ``calling``), never behind those who took a ticket after it.
    """
    ticket = uow.session.get(Ticket, ticket_id)
    assert ticket is not None
    if ticket.priority is not None or ticket.appointment or ticket.state != "waiting":
        return False  # not waiting: a window called it since the check-in found it
    now, own = uow.now, ticket.order_at
    before = {"appointment": False, "order_at": own.isoformat()}
    if now < starts_at:
        order_at, keeps = starts_at, (own if own < starts_at else None)
    else:
        order_at, keeps = max(starts_at, min(own, now)), None
    # Conditional on the state read, as the windows' claims (``tickets._write_if``).
    if uow.session.execute(update(Ticket).where(
            Ticket.id == ticket.id, Ticket.state == "waiting", Ticket.order_at == own,
            Ticket.appointment.is_(False)).values(
            appointment=True, order_at=order_at, own_order_at=keeps).execution_options(
            synchronize_session="evaluate")).rowcount != 1:  # type: ignore[attr-defined]
        return False
    uow.audit("ticket_appointment", "ticket", ticket.id, before=before, after={
        "appointment": True, "order_at": order_at.isoformat(), "booking": code,
        "own_order_at": keeps.isoformat() if keeps else None})
    uow.emit("ticket_appointment", ticket=ticket.id, number=ticket.number)
    return True
