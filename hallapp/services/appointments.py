"""Appointments: bookable slots with capacity, check-in codes, precedence for the on-time.

A booking claims capacity with ``UPDATE slot SET booked = booked + 1 WHERE booked <
capacity``: two kiosks can never overbook the last place. Check-in within the slot's grace
period issues an appointment ticket (called before ordinary ones, ordered by slot time);
a late check-in becomes an ordinary ticket; bookings never checked in are recorded as missed
when the day is closed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hallapp.core.errors import NotFound, QuotaExhausted, StateError, ValidationError
from hallapp.core.hallday import hall_day, hall_day_bounds, hall_zone
from hallapp.core.identity import check_id_number, check_phone
from hallapp.core.ids import typed_code
from hallapp.core.masking import mask_id_number, mask_name, mask_phone
from hallapp.core.roles import Perm
from hallapp.core.texts import MAX_PERSON_NAME, bounded, required_reason
from hallapp.services.appointment_rules import (
    check_bookable,
    check_cancellable,
    check_checkin_day,
    give_precedence,
    grace_over,
    refuse_after_misses,
    refuse_second_booking,
    served_item,
)
from hallapp.services.calendar_admin import hall_time
from hallapp.services.catalogue import item_names
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.hall_lock import lock_hall
from hallapp.services.queue_common import TicketInfo, queue_by_code, ticket_info_by_id
from hallapp.services.queue_sql import queue_inactive
from hallapp.services.tickets import issue_ticket
from hallapp.store.models import (
    Appointment,
    AppointmentSlot,
    Hall,
    Queue,
    ServiceItem,
    Ticket,
)

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
# Same payload as hallapp.documents.qr.appointment_payload (the printed slip's QR); kept here
# too because that module loads reportlab, which the kiosk must not pay for at start-up.
QR_PREFIX = "HALLAPP:A:"


@dataclass(frozen=True)
class SlotInfo:
    id: int
    queue: str
    item_code: str | None
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int
    item_name: str | None = None  # the item a slot is kept for; None: any of the queue's
    grace_minutes: int = 15  # check-in on time, and booking, until this long after the start

    def takes_bookings(self, now: datetime) -> bool:
        """Whether ``book`` would take a booking now (places aside): the slot has not
        ended, and its grace period is not over."""
        return not grace_over(self.starts_at, self.ends_at, self.grace_minutes, now)


@dataclass(frozen=True)
class AppointmentInfo:
    """A booking; the applicant's name, ID number and phone only masked."""

    code: str
    queue: str
    slot_start: datetime
    slot_end: datetime
    state: str  # booked | checked_in | late | missed | cancelled
    qr_payload: str
    ticket: str | None = None
    name_masked: str = ""
    id_number_masked: str = ""
    phone_masked: str = ""
    item_code: str | None = None
    item_name: str | None = None


@action(Perm.EDIT_HALL)
def create_slots(ctx: Ctx, queue_code: str, day: date, start: time, end: time,
                 minutes: int = 30, capacity: int = 4, item_code: str | None = None,
                 grace_minutes: int = 15) -> list[SlotInfo]:
    if minutes < 5 or capacity < 1 or end <= start:
        raise ValidationError("时段设置无效：时长至少 5 分钟，容量至少 1，结束晚于开始",
                              field="slot", code="slot_invalid")
    with ctx.uow() as uow:
        # One opening after the other (and after a day made a rest day): unlocked, two
        # administrators both found no slot there and opened the hours twice (``hall_lock``).
        hall = lock_hall(uow.session)
        queue = queue_by_code(uow.session, hall, queue_code)
        item = _queue_item(uow.session, queue, item_code) if item_code else None
        item_code = item.code if item else None
        zone = hall_zone(hall.timezone)
        at, stop = datetime.combine(day, start, zone), datetime.combine(day, end, zone)
        open_at = _open_periods(uow.session, hall, day, uow.now)
        _refuse_overlap(uow.session, queue, item, at, stop)
        slots = []
        while at + timedelta(minutes=minutes) <= stop:
            ends = at + timedelta(minutes=minutes)
            # Only while the hall is open, and still taking bookings: an applicant could
            # not come then (the lunch break of 09:00–18:00 is left out, not refused).
            if (any(lo <= at and ends <= hi for lo, hi in open_at)
                    and not grace_over(at, ends, grace_minutes, uow.now)):
                slot = AppointmentSlot(queue_id=queue.id, item_code=item_code, starts_at=at,
                                       ends_at=ends, capacity=capacity, booked=0,
                                       grace_minutes=grace_minutes)
                uow.session.add(slot)
                slots.append(slot)
            at = ends
        if not slots:
            raise ValidationError(f"{start:%H:%M}–{end:%H:%M} 内没有可开放的 {minutes} 分钟时段"
                                  f"（须在开放时间 {_periods_text(open_at, zone)} 内、且未过）",
                                  field="slot", code="slots_none", minutes=minutes)
        uow.session.flush()
        uow.audit("slots_create", "queue", queue.id, after={
            "day": day.isoformat(), "count": len(slots), "capacity": capacity,
            "item": item_code})
        uow.emit("appointment_slots_opened", queue=queue.code, day=day.isoformat())
        uow.commit()
        return [slot_info(sl, queue.code, item.name if item else None) for sl in slots]


def _open_periods(s: Session, hall: Hall, day: date, now: datetime
                  ) -> list[tuple[datetime, datetime]]:
    """The hall's opening periods on ``day``; a day past or a day the hall is closed is
    refused by name (bookings there could never be kept)."""
    t = hall_time(s, hall)
    if day < hall_day(now, hall.timezone):
        raise ValidationError(f"{day.isoformat()} 已过，不能开放预约时段", field="day",
                              code="slot_day_past", day=day.isoformat())
    if hall.closed_day == day:  # its bookings could only be refused at check-in
        raise StateError(f"{day.isoformat()} 已日终闭厅，不能开放预约时段",
                         code="day_closed_slots", day=day.isoformat())
    if not t.opens_on(day):
        raise ValidationError(f"{day.isoformat()} 不是工作日，大厅不开放", field="day",
                              code="slot_day_closed", day=day.isoformat())
    return t.hours.day_periods(day)


def _periods_text(periods: list[tuple[datetime, datetime]], zone: ZoneInfo) -> str:
    return "、".join(f"{lo.astimezone(zone):%H:%M}–{hi.astimezone(zone):%H:%M}"
                    for lo, hi in periods)


def _queue_item(s: Session, queue: Queue, item_code: str) -> ServiceItem:
    """The item in force of that code, which must be served in ``queue``: its applicants
    check in to that queue, so a slot or booking for it anywhere else would send them to
    the wrong line; and which the catalogue says takes appointments (支持预约)."""
    item = s.scalars(select(ServiceItem).where(ServiceItem.code == item_code.strip(),
                                               ServiceItem.in_force.is_(True))).first()
    if item is None:
        raise ValidationError(f"事项 {item_code.strip()} 不存在", field="item",
                              code="unknown_item")
    if item.queue_id != queue.id:
        raise ValidationError(f"事项「{item.name}」不在{queue.name}办理", field="item",
                              code="item_other_queue", item=item.name, queue=queue.code)
    if not item.data.get("appointment", False):  # 支持预约: no in the catalogue
        raise ValidationError(f"事项「{item.name}」不支持预约", field="item",
                              code="item_no_appointment", item=item.name)
    return item


def _refuse_overlap(s: Session, queue: Queue, item: ServiceItem | None, start: datetime,
                    end: datetime) -> None:
    """Slots opened twice for the same hours would double the bookable places. A queue's
    slots for any of its items and those kept for one item are places of their own, so
    each may be open at the same hours as the other."""
    kept_for = (AppointmentSlot.item_code.is_(None) if item is None
                else AppointmentSlot.item_code == item.code)
    clash = s.scalars(select(AppointmentSlot.starts_at).where(
        AppointmentSlot.queue_id == queue.id, kept_for, AppointmentSlot.starts_at < end,
        AppointmentSlot.ends_at > start).order_by(AppointmentSlot.starts_at).limit(1)).first()
    if clash is not None:
        local = clash.astimezone(start.tzinfo).strftime("%H:%M")
        whose = f"「{item.name}」" if item else queue.name
        raise ValidationError(f"{whose}在该时间已开放 {local} 起的预约时段，不能重复开放",
                              field="start", code="slots_overlap", at=local)


def slot_info(slot: AppointmentSlot, queue_code: str, item_name: str | None) -> SlotInfo:
    """The slot as the services answer it: times in UTC, as read back from the database (a
    slot just made holds the hall's zone, and its JSON read +08:00 where a listing read
    +00:00)."""
    return SlotInfo(slot.id, queue_code, slot.item_code, slot.starts_at.astimezone(UTC),
                    slot.ends_at.astimezone(UTC), slot.capacity, slot.booked, item_name,
                    slot.grace_minutes)


def _known_queue(session: Session, hall: Hall, code: str) -> str:
    """``code`` as stored: a list filtered by a mistyped queue is refused, not shown empty
    (a stopped queue's past slots can still be listed)."""
    code = typed_code(code)
    if session.scalar(select(Queue.id).where(Queue.hall_id == hall.id,
                                             Queue.code == code)) is None:
        raise NotFound(f"队列 {code} 不存在", field="queue", code="unknown_queue")
    return code


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
            stmt = stmt.where(Queue.code == _known_queue(uow.session, hall, queue_code))
        rows = uow.session.execute(stmt.order_by(AppointmentSlot.starts_at, Queue.code)).all()
        names = item_names(uow.session, {sl.item_code for sl, _ in rows})
        return [slot_info(sl, code, names.get(sl.item_code or "")) for sl, code in rows]


def qr_payload(code: str) -> str:
    return f"{QR_PREFIX}{code}"


@action(Perm.BOOK_APPOINTMENT)
def book(ctx: Ctx, slot_id: int, *, id_number: str | None = None, phone: str | None = None,
         name: str | None = None, item_code: str | None = None) -> AppointmentInfo:
    """Book a place in a slot. ``item_code``: the matter it is for, one of the slot's
    queue's items; a slot kept for one item books that item, and refuses another."""
    id_number = check_id_number(id_number) if id_number else None
    phone = check_phone(phone) if phone else None
    name = bounded(name.strip(), "姓名", "name", MAX_PERSON_NAME) if name and name.strip() \
        else None
    with ctx.uow() as uow:
        s = uow.session
        # Shared: bookings go on together, but the calendar and the closed day are read after
        # a day made a rest day, or closed, has committed, and such a change waits for the
        # bookings in flight to commit before it cancels the day's (``hall_lock``).
        hall = lock_hall(s, share=True)
        slot = s.get(AppointmentSlot, slot_id)
        if slot is None:
            raise NotFound(f"预约时段 {slot_id} 不存在", field="slot", code="unknown_slot",
                           slot=slot_id)
        check_bookable(s, hall, slot, uow.now)
        # Locked when an ID number books: two desks booking one person into two slots of the
        # queue at once are taken one after the other, so the second sees the first. Else
        # FOR SHARE: a deactivation in flight is waited for (``queue_common.queue_by_code``).
        queue = s.get(Queue, slot.queue_id,
                      with_for_update=True if id_number else {"read": True})
        assert queue is not None
        if not queue.active:  # deactivated: its items are not booked (``queue_admin``)
            raise queue_inactive(queue.code, queue.name)
        if id_number:
            refuse_after_misses(s, hall, id_number, uow.now)
            refuse_second_booking(s, hall, slot, queue, id_number)
        item = _booked_item(s, slot, queue, item_code)
        claimed = s.execute(update(AppointmentSlot).where(
            AppointmentSlot.id == slot_id, AppointmentSlot.booked < AppointmentSlot.capacity)
            .values(booked=AppointmentSlot.booked + 1)
            .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        if claimed != 1:
            raise QuotaExhausted("该时段已约满，请选择其他时段", code="slot_full")
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        appt = Appointment(slot_id=slot_id, code=code, item_code=item.code if item else None,
                           name=name, id_number=id_number, phone=phone, state="booked",
                           booked_at=uow.now)
        s.add(appt)
        s.flush()
        uow.audit("appointment_book", "appointment", appt.id, after={
            "code": code, "slot": slot_id, "item": appt.item_code})
        uow.emit("appointment_booked", slot=slot_id)
        info = _booking_info(appt, slot, queue.code, None, item.name if item else None)
        uow.commit()
        return info


def _booked_item(s: Session, slot: AppointmentSlot, queue: Queue,
                 item_code: str | None) -> ServiceItem | None:
    """The item a booking is for: the one the slot is kept for, else the one asked for."""
    asked = (item_code or "").strip() or None
    if slot.item_code is None:
        return _queue_item(s, queue, asked) if asked else None
    kept = _queue_item(s, queue, slot.item_code)
    if asked is not None and asked != slot.item_code:
        raise ValidationError(f"该时段仅供预约「{kept.name}」", field="item",
                              code="slot_item_only", item=kept.name)
    return kept


def _booking_info(appt: Appointment, slot: AppointmentSlot, queue_code: str,
                  ticket: str | None, item_name: str | None) -> AppointmentInfo:
    return AppointmentInfo(appt.code, queue_code, slot.starts_at, slot.ends_at, appt.state,
                           qr_payload(appt.code), ticket, mask_name(appt.name),
                           mask_id_number(appt.id_number), mask_phone(appt.phone),
                           appt.item_code, item_name)


@action(Perm.BOOK_APPOINTMENT)
def list_bookings(ctx: Ctx, day: date | None = None,
                  queue_code: str | None = None) -> list[AppointmentInfo]:
    """The bookings of ``day`` (by default the hall's day now) in slot order, whatever their
    state: booked, checked in (with the ticket), late, missed or cancelled."""
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        lo, hi = hall_day_bounds(day or hall_day(uow.now, hall.timezone), hall.timezone)
        stmt = (select(Appointment, AppointmentSlot, Queue.code, Ticket.number)
                .join(AppointmentSlot, Appointment.slot_id == AppointmentSlot.id)
                .join(Queue, AppointmentSlot.queue_id == Queue.id)
                .outerjoin(Ticket, Appointment.ticket_id == Ticket.id)
                .where(AppointmentSlot.starts_at >= lo, AppointmentSlot.starts_at < hi))
        if queue_code:
            stmt = stmt.where(Queue.code == _known_queue(uow.session, hall, queue_code))
        rows = uow.session.execute(
            stmt.order_by(AppointmentSlot.starts_at, Appointment.id)).all()
        names = item_names(uow.session, {appt.item_code for appt, *_ in rows})
        return [_booking_info(appt, slot, code, number, names.get(appt.item_code or ""))
                for appt, slot, code, number in rows]


@action(Perm.BOOK_APPOINTMENT)
def cancel(ctx: Ctx, code_or_qr: str, reason: str) -> AppointmentInfo:
    """Cancel a booking that was not yet checked in: its place in the slot is free again.
    Not once the slot's grace period is over: the booking was missed by then."""
    reason = required_reason(reason, "取消预约")
    code = parse_code(code_or_qr)
    with ctx.uow() as uow:
        s = uow.session
        appt = require_booked(booking_by_code(s, code))
        slot = s.get(AppointmentSlot, appt.slot_id)
        assert slot is not None
        check_cancellable(get_hall_row(s), slot, uow.now)
        # Conditional, so that two desks cancelling (or a kiosk checking in) at once free
        # the place once: the loser finds the booking no longer booked.
        changed = s.execute(update(Appointment).where(
            Appointment.id == appt.id, Appointment.state == "booked").values(state="cancelled")
            .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        if changed != 1:
            raise StateError("该预约刚刚已被签到或取消", code="not_booked")
        s.refresh(appt)
        s.execute(update(AppointmentSlot).where(AppointmentSlot.id == slot.id)
                  .values(booked=AppointmentSlot.booked - 1)
                  .execution_options(synchronize_session=False))
        uow.audit("appointment_cancel", "appointment", appt.id, before={"state": "booked"},
                  after={"state": "cancelled", "reason": reason})
        uow.emit("appointment_cancelled", slot=slot.id)
        queue = s.get(Queue, slot.queue_id)
        assert queue is not None
        info = _booking_info(appt, slot, queue.code, None,
                             item_names(s, {appt.item_code}).get(appt.item_code or ""))
        uow.commit()
        return info


def parse_code(text: str) -> str:
    """The booking code from what was typed or scanned: the code (the slip prints it as two
    groups of four, so inner spaces are dropped) or the QR payload."""
    code = "".join(text.split()).upper()
    if code.startswith(QR_PREFIX):
        code = code.removeprefix(QR_PREFIX)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise ValidationError("预约码格式不正确（8 位字母数字，或扫描预约二维码）", field="code",
                              code="appointment_code_format")
    return code


def booking_by_code(s: Session, code: str, *, lock: bool = False) -> Appointment:
    """The booking of a parsed ``code``; ``lock`` takes its row lock (PostgreSQL)."""
    stmt = select(Appointment).where(Appointment.code == code)
    appt = s.scalars(stmt.with_for_update() if lock else stmt).first()
    if appt is None:
        raise NotFound("预约码不存在", field="code", code="unknown_appointment")
    return appt


def require_booked(appt: Appointment, refused: str = "") -> Appointment:
    """The booking if still to be checked in; else not_booked, ``refused`` saying what for."""
    if appt.state != "booked":
        raise StateError(f"该预约已{_STATE_ZH.get(appt.state, appt.state)}{refused}",
                         code="not_booked")
    return appt


@action(Perm.CHECKIN_APPOINTMENT)
def checkin(ctx: Ctx, code_or_qr: str) -> TicketInfo:
    """Check in: on time (≤ grace after slot start) → appointment ticket, else ordinary.

    Up to an hour early is on time too: the ticket goes ahead from its slot's start (see
    ``calling``); until then it is called as an ordinary ticket, and the people ahead it
    shows are those ahead of it now (``queue_sql.position``), with the slot's start.
    Only on the slot's own hall day: the day's close records a booking not checked in then
    as missed, and a booking from an earlier day is not kept by a visit today.

    An applicant who already waits in the slot's queue with a ticket (taken with the same ID
    number) gets no second one: the booking goes to that ticket (``existing``: the kiosk shows
    it and prints nothing, and so can never withdraw it). On time, it is called from then on
    with the appointment's precedence, as a ticket issued here would be, from the slot's start
    (or from its own place, if later); checked in before the slot begins, it keeps its own
    place among the ordinary tickets until then (``give_precedence``; ``precedence_given``:
    the kiosk and the CLI say so). Late, it stays as it was.

    The ticket and the appointment's new state commit together, so a crash can never leave
    a checked-in ticket with a still-bookable appointment (or the reverse).
    """
    code = parse_code(code_or_qr)
    with ctx.uow() as uow:
        s, now = uow.session, uow.now
        # Locked (PostgreSQL), so a cancel at a desk waits and then finds it checked in.
        appt = require_booked(booking_by_code(s, code, lock=True))
        slot = s.get(AppointmentSlot, appt.slot_id)
        queue = s.get(Queue, slot.queue_id) if slot else None
        assert slot is not None
        assert queue is not None
        check_checkin_day(get_hall_row(s), slot, now)
        on_time = now <= slot.starts_at + timedelta(minutes=slot.grace_minutes)
        order_at = max(slot.starts_at, now) if on_time else None
        # The slot's queue, where its place was kept, even if a catalogue import has since
        # moved the item elsewhere (or out of force): the item goes along only if served here.
        ticket = issue_ticket(
            uow, queue.code, None, appt.id_number, appt.phone,
            served_item(s, queue, appt.item_code), "appointment", appointment=on_time,
            order_at=order_at, booked=True)
        given = (ticket.existing and order_at is not None
                 and give_precedence(uow, ticket.id, slot.starts_at, appt.code))
        appt.state, appt.checked_in_at, appt.ticket_id = (
            "checked_in" if on_time else "late"), now, ticket.id
        uow.audit("appointment_checkin", "appointment", appt.id,
                  after={"state": appt.state, "ticket": ticket.number,
                         "existing": ticket.existing})
        info = replace(ticket_info_by_id(uow.raw, ticket.id, now, existing=ticket.existing),
                       precedence_given=given)
        uow.commit()
        return info


_STATE_ZH = {"checked_in": "签到", "late": "迟到签到", "missed": "失约", "cancelled": "取消"}
