"""Appointments: bookable slots with capacity, check-in codes, precedence for the on-time.

A booking claims capacity with ``UPDATE slot SET booked = booked + 1 WHERE booked <
capacity``: two kiosks can never overbook the last place. Check-in within the slot's grace
period issues an appointment ticket (called before ordinary ones, ordered by slot time);
a late check-in becomes an ordinary ticket; bookings never checked in are recorded as missed
when the day is closed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from hallapp.core.errors import NotFound, QuotaExhausted, StateError, ValidationError
from hallapp.core.hallday import hall_day, hall_day_bounds, hall_zone
from hallapp.core.identity import check_id_number, check_phone
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import TicketInfo, queue_by_code, ticket_info_by_id
from hallapp.services.tickets import issue_ticket
from hallapp.store.models import Appointment, AppointmentSlot, Queue

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
EARLY_CHECKIN = timedelta(minutes=60)


@dataclass(frozen=True)
class SlotInfo:
    id: int
    queue: str
    item_code: str | None
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int


@dataclass(frozen=True)
class AppointmentInfo:
    code: str
    queue: str
    slot_start: datetime
    slot_end: datetime
    state: str
    qr_payload: str
    ticket: str | None = None


@action(Perm.EDIT_HALL)
def create_slots(ctx: Ctx, queue_code: str, day: date, start: time, end: time,
                 minutes: int = 30, capacity: int = 4, item_code: str | None = None,
                 grace_minutes: int = 15) -> list[SlotInfo]:
    if minutes < 5 or capacity < 1 or end <= start:
        raise ValidationError("时段设置无效：时长至少 5 分钟，容量至少 1，结束晚于开始",
                              field="slot", code="slot_invalid")
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session)
        queue = queue_by_code(uow.session, hall, queue_code)
        zone = hall_zone(hall.timezone)
        at, stop = datetime.combine(day, start, zone), datetime.combine(day, end, zone)
        slots = []
        while at + timedelta(minutes=minutes) <= stop:
            slot = AppointmentSlot(queue_id=queue.id, item_code=item_code, starts_at=at,
                                   ends_at=at + timedelta(minutes=minutes), capacity=capacity,
                                   booked=0, grace_minutes=grace_minutes)
            uow.session.add(slot)
            slots.append(slot)
            at += timedelta(minutes=minutes)
        uow.session.flush()
        uow.audit("slots_create", "queue", queue.id, after={
            "day": day.isoformat(), "count": len(slots), "capacity": capacity})
        uow.commit()
        return [_slot_info(sl, queue.code) for sl in slots]


def _slot_info(slot: AppointmentSlot, queue_code: str) -> SlotInfo:
    return SlotInfo(slot.id, queue_code, slot.item_code, slot.starts_at, slot.ends_at,
                    slot.capacity, slot.booked)


@action(Perm.VIEW_HALL)
def list_slots(ctx: Ctx, day: date | None = None,
               queue_code: str | None = None) -> list[SlotInfo]:
    """The slots of ``day`` (by default the hall's day now) with how many booked each."""
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        lo, hi = hall_day_bounds(day or hall_day(uow.now, hall.timezone), hall.timezone)
        stmt = select(AppointmentSlot, Queue.code).join(Queue).where(
            AppointmentSlot.starts_at >= lo, AppointmentSlot.starts_at < hi)
        if queue_code:
            stmt = stmt.where(Queue.code == queue_code.upper())
        return [_slot_info(sl, code) for sl, code in uow.session.execute(
            stmt.order_by(AppointmentSlot.starts_at, Queue.code))]


def qr_payload(code: str) -> str:
    return f"HALLAPP:A:{code}"


@action(Perm.BOOK_APPOINTMENT)
def book(ctx: Ctx, slot_id: int, *, id_number: str | None = None, phone: str | None = None,
         name: str | None = None, item_code: str | None = None) -> AppointmentInfo:
    id_number = check_id_number(id_number) if id_number else None
    phone = check_phone(phone) if phone else None
    with ctx.uow() as uow:
        s = uow.session
        slot = s.get(AppointmentSlot, slot_id)
        if slot is None:
            raise NotFound(f"预约时段 {slot_id} 不存在", field="slot", code="unknown_slot",
                           slot=slot_id)
        if slot.ends_at <= uow.now:
            raise StateError("该时段已结束，不能预约", code="slot_past")
        claimed = s.execute(update(AppointmentSlot).where(
            AppointmentSlot.id == slot_id, AppointmentSlot.booked < AppointmentSlot.capacity)
            .values(booked=AppointmentSlot.booked + 1)
            .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        if claimed != 1:
            raise QuotaExhausted("该时段已约满，请选择其他时段", code="slot_full")
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        appt = Appointment(slot_id=slot_id, code=code, item_code=item_code or slot.item_code,
                           name=name, id_number=id_number, phone=phone, state="booked",
                           booked_at=uow.now)
        s.add(appt)
        s.flush()
        queue = s.get(Queue, slot.queue_id)
        assert queue is not None
        uow.audit("appointment_book", "appointment", appt.id, after={"code": code,
                                                                     "slot": slot_id})
        uow.emit("appointment_booked", slot=slot_id)
        uow.commit()
        return AppointmentInfo(code, queue.code, slot.starts_at, slot.ends_at, "booked",
                               qr_payload(code))


def _parse_code(text: str) -> str:
    code = text.strip().upper()
    if code.startswith("HALLAPP:A:"):
        code = code.removeprefix("HALLAPP:A:")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise ValidationError("预约码格式不正确（8 位字母数字，或扫描预约二维码）", field="code",
                              code="appointment_code_format")
    return code


@action(Perm.CHECKIN_APPOINTMENT)
def checkin(ctx: Ctx, code_or_qr: str) -> TicketInfo:
    """Check in: on time (≤ grace after slot start) → appointment ticket, else ordinary.

    The ticket and the appointment's new state commit together, so a crash can never leave
    a checked-in ticket with a still-bookable appointment (or the reverse).
    """
    code = _parse_code(code_or_qr)
    with ctx.uow() as uow:
        appt = uow.session.scalars(select(Appointment).where(Appointment.code == code)).first()
        if appt is None:
            raise NotFound("预约码不存在", field="code", code="unknown_appointment")
        if appt.state != "booked":
            raise StateError(f"该预约已{_STATE_ZH.get(appt.state, appt.state)}", code="not_booked")
        slot = uow.session.get(AppointmentSlot, appt.slot_id)
        queue = uow.session.get(Queue, slot.queue_id) if slot else None
        assert slot is not None
        assert queue is not None
        now = uow.now
        if now < slot.starts_at - EARLY_CHECKIN:
            local = slot.starts_at.astimezone(hall_zone()).strftime("%H:%M")
            raise StateError(f"预约时段 {local} 开始前 60 分钟内方可签到", code="too_early")
        on_time = now <= slot.starts_at + timedelta(minutes=slot.grace_minutes)
        ticket = issue_ticket(
            uow, queue.code, None, appt.id_number, appt.phone, appt.item_code, "appointment",
            appointment=on_time, order_at=max(slot.starts_at, now) if on_time else None)
        appt.state, appt.checked_in_at, appt.ticket_id = (
            "checked_in" if on_time else "late"), now, ticket.id
        uow.audit("appointment_checkin", "appointment", appt.id,
                  after={"state": appt.state, "ticket": ticket.number})
        info = ticket_info_by_id(uow.raw, ticket.id)
        uow.commit()
        return info


_STATE_ZH = {"checked_in": "签到", "late": "迟到签到", "missed": "失约", "cancelled": "取消"}
