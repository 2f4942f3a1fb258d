"""Taking tickets: numbering, quotas, one waiting ticket per ID, people ahead.

Exactness: the serial comes from an atomic upsert on the (queue, hall day) counter row —
``INSERT … ON CONFLICT DO UPDATE SET last_serial = last_serial + 1 RETURNING`` — inside the
unit of work. On PostgreSQL the row lock serialises concurrent kiosks of one queue until
commit; on SQLite the whole write transaction is ``BEGIN IMMEDIATE``. A refusal (quota) rolls
the increment back, so numbers stay contiguous. The unique constraint on (queue, day, serial)
is the last line of defence, and a partial unique index enforces one waiting ticket per ID,
queue and hall day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import IntegrityError

from hallapp.core.errors import NotFound, QuotaExhausted, StateError, ValidationError
from hallapp.core.hallday import hall_zone, parse_hhmm
from hallapp.core.identity import age_on, check_id_number, check_phone
from hallapp.core.roles import Perm, Role
from hallapp.services.batching import batchable, keeps_waiting_lines
from hallapp.services.context import Ctx, action
from hallapp.services.hall import DEFAULT_SETTINGS, get_hall_row
from hallapp.services.queue_common import (
    Placed,
    TicketInfo,
    number_for,
    placed,
    placed_view,
    public_ticket_ref,
    require_no_other_waiting,
    ticket_by_ref,
    ticket_info,
    today,
)
from hallapp.services.queue_sql import (
    HallConf,
    QueueConf,
    TicketRow,
    closed_day_now,
    forget_lines,
    hall_conf,
    item_queue_code,
    line_class,
    line_taken,
    queue_conf,
    queue_inactive,
    ticket_row,
)
from hallapp.services.rejoin import rejoin_place
from hallapp.store.models import Appointment, Hall, Ticket
from hallapp.store.rawsql import RawSQL
from hallapp.store.uow import UnitOfWork

CHANNELS = ("kiosk", "window", "appointment", "online")


_NEXT_SERIAL = (
    "INSERT INTO daily_counter (queue_id, hall_day, last_serial) VALUES (:queue, :day, 1) "
    "ON CONFLICT (queue_id, hall_day) DO UPDATE SET last_serial = daily_counter.last_serial + 1 "
    "RETURNING last_serial")
_INSERT_TICKET = (
    "INSERT INTO ticket (hall_id, queue_id, origin_queue_id, hall_day, serial, number, state, "
    "channel, priority, item_code, id_number, phone, taken_at, order_at, appointment, "
    "transferred, recalls, call_count) VALUES (:hall, :queue, :queue, :day, :serial, :number, "
    "'waiting', :channel, :priority, :item, :id_number, :phone, :now, :order_at, :appointment, "
    ":no, 0, 0) RETURNING id")
# PostgreSQL: the same, unless the day is closed, read by the insert itself. The day's close
# locks the ticket table (``hall_lock``), so an insert that met the close waits for its commit
# and then, with a snapshot taken after the wait (READ COMMITTED), sees the day closed and
# inserts nothing. The hall read at the start of the take could be older than the close, and
# a ticket taken on it stayed waiting on the closed day. One statement: the take, the hall's
# busiest write, makes no extra round trip for it. (On SQLite the take reads the hall inside
# its write lock, which the close holds until it commits.)
# Likewise unless the queue was deactivated meanwhile (``queue_admin``): the deactivation
# takes the row lock of the queue's counter for the day, as a take does (``_NEXT_SERIAL``), so
# a take in flight holds it off until the ticket is committed, and a take that comes while it
# is in flight waits at its counter and then, in this later statement, sees the queue inactive.
# The queue read at the start of the take could be older than the deactivation, and its ticket
# joined a queue that takes no more. A booking's check-in is let in (``booked``).
_INSERT_TICKET_UNLESS_CLOSED = (
    "INSERT INTO ticket (hall_id, queue_id, origin_queue_id, hall_day, serial, number, state, "
    "channel, priority, item_code, id_number, phone, taken_at, order_at, appointment, "
    "transferred, recalls, call_count) SELECT :hall, :queue, :queue, :day, :serial, :number, "
    "'waiting', :channel, :priority, :item, :id_number, :phone, :now, :order_at, :appointment, "
    ":no, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM hall WHERE id = :hall AND closed_day = :day) "
    "AND (:booked OR EXISTS (SELECT 1 FROM queue WHERE id = :queue AND active)) "
    "RETURNING id")
# Of the hall day only: a ticket of an earlier day left waiting (a day nobody closed) is never
# called, and handing it out again gave its holder a dead number (ix_ticket_id_waiting).
_WAITING_FOR_ID = ("SELECT id, number FROM ticket WHERE queue_id = :queue AND hall_day = :day "
                   "AND id_number = :id_number AND state = 'waiting'")
# A ticket withdrawn unprinted (cancel_unprinted) was never given to anyone: it uses up no
# quota (the applicant's next try would have counted twice).
_TAKEN_BETWEEN = ("SELECT COUNT(*) FROM ticket WHERE origin_queue_id = :queue "
                  "AND taken_at >= :lo AND taken_at < :hi AND state <> 'cancelled'")
# Never moved (only a ticket just issued is withdrawn): its queue is the one that issued it.
_WITHDRAWN = ("SELECT COUNT(*) FROM ticket WHERE hall_day = :day AND queue_id = :queue "
              "AND state = 'cancelled'")


@dataclass(frozen=True)
class Issued:
    id: int
    number: str
    existing: bool  # the holder's ticket that was already waiting, not a new one
    row: TicketRow | None = None  # a new ticket as it was inserted (its view's fields)


def _check_priority(hall: HallConf, priority: str | None, id_number: str | None,
                    now: datetime) -> str | None:
    """The green-channel class as the hall writes its code ("ELDERLY" is "elderly")."""
    if priority is None:
        return None
    codes = {str(p.get("code")).casefold(): str(p.get("code")) for p in hall.priority_classes}
    code = codes.get(priority.strip().casefold())
    if code is None:
        names = "/".join(codes.values())
        raise ValidationError(f"绿色通道类别 {priority} 无效，应为 {names} 之一",
                              field="priority", code="unknown_priority", priority=priority)
    # On the hall's day: ``now`` is UTC, whose date is yesterday's until 08:00 in Shanghai,
    # and someone turning 60 today was refused before then.
    if code == "elderly" and id_number and age_on(id_number, today(hall, now)) < 60:
        raise ValidationError("身份证显示未满60周岁，不能选择老年人绿色通道", field="priority",
                              code="priority_age")
    return code


def _check_time_quota(raw: RawSQL, hall: HallConf, queue: QueueConf, now: datetime) -> None:
    zone = hall_zone(hall.timezone)
    local = now.astimezone(zone)
    for q in queue.time_quotas:
        start, end = parse_hhmm(q["start"]), parse_hhmm(q["end"])
        if not start <= local.time() < end:
            continue
        lo = datetime.combine(local.date(), start, zone)
        hi = datetime.combine(local.date(), end, zone)
        # Numbers this queue issued: a ticket transferred away still used up the quota.
        taken = raw.value(_TAKEN_BETWEEN, queue=queue.id, lo=raw.at(lo), hi=raw.at(hi))
        if int(taken or 0) >= int(q["quota"]):
            raise QuotaExhausted(f"{queue.name}本时段（{q['start']}–{q['end']}）号已取完，"
                                 "请稍后再来",
                                 code="time_quota_exhausted", queue=queue.code)


def _existing_waiting(raw: RawSQL, queue: QueueConf, day: date,
                      id_number: str | None) -> Issued | None:
    """The holder's ticket waiting in ``queue`` on hall day ``day``, if any."""
    if not id_number:
        return None
    row = raw.row(_WAITING_FOR_ID, queue=queue.id, day=raw.day(day), id_number=id_number)
    return Issued(int(row[0]), str(row[1]), True) if row else None


@action(Perm.TAKE_TICKET)
def take_ticket(ctx: Ctx, queue_code: str | None = None, *, priority: str | None = None,
                id_number: str | None = None, phone: str | None = None,
                item_code: str | None = None, channel: str = "kiosk") -> TicketInfo:
    """Issue the next number of a queue (or of the item's queue), in line by the time taken.

    An appointment's precedence and a place from its slot's start are not asked for here: a
    booking's check-in gives them (``appointments.checkin``); a kiosk asking for them would
    put its applicant ahead of everyone waiting."""
    id_number = check_id_number(id_number) if id_number else None
    phone = check_phone(phone) if phone else None
    if channel not in CHANNELS:
        raise ValidationError(f"取号渠道 {channel} 无效", field="channel", code="unknown_channel",
                              channel=channel)
    _check_channel(ctx, channel)
    return placed_view(_take_placed(ctx, queue_code, priority, id_number, phone, item_code,
                                    channel, False, None))


def _check_channel(ctx: Ctx, channel: str) -> None:
    """An appointment ticket comes from checking a booking in (``appointments.checkin``), and
    a kiosk's tickets are the kiosk's: claimed otherwise, the figures by channel would lie."""
    if channel == "appointment":
        raise ValidationError("预约号须凭预约码在自助机签到取得，不能直接取", field="channel",
                              code="appointment_channel")
    if ctx.actor.role is Role.KIOSK and channel in ("window", "online"):
        raise ValidationError(f"自助取号机取的号不能记为 {channel} 渠道", field="channel",
                              code="kiosk_channel", channel=channel)


@batchable
@keeps_waiting_lines
def _take_placed(ctx: Ctx, queue_code: str | None, priority: str | None,
                 id_number: str | None, phone: str | None, item_code: str | None,
                 channel: str, appointment: bool, order_at: datetime | None) -> Placed:
    """The ticket and its place in line (people ahead, wait estimate): one request to the
    batch writer, which reads the place in its batch, so the kiosk does no database work;
    the kiosk makes the view (``placed_view``)."""
    try:
        issued = _take(ctx, queue_code, priority, id_number, phone, item_code, channel,
                       appointment, order_at)
    except IntegrityError:
        # Another kiosk issued a waiting ticket for this ID number at the same moment; the
        # partial unique index refused ours. Return theirs, as a single kiosk would.
        with ctx.uow(readonly=True) as uow:
            raw = uow.raw
            forget_lines(raw)  # whatever our take reported was rolled back
            hall = hall_conf(raw)
            queue = _resolve_queue(raw, hall, queue_code, item_code)
            theirs = _existing_waiting(raw, queue, today(hall, uow.now), id_number)
            if theirs is None:
                raise
            issued = theirs
    # Written directly, position and wait estimate are read after the commit, outside the
    # write lock that all other kiosks and windows wait for. In the batch writer, still
    # inside that lock, nothing can have changed the new ticket: its place is counted from
    # the row as inserted instead of reading it back.
    with ctx.uow(readonly=True) as uow:
        row = issued.row
        if row is None or ctx.db.batch is None:
            row = ticket_row(uow.raw, issued.id)
        return placed(uow.raw, row, uow.now, existing=issued.existing)


def _resolve_queue(raw: RawSQL, hall: HallConf, queue_code: str | None,
                   item_code: str | None, *, booked: bool = False) -> QueueConf:
    if item_code:
        item_queue = item_queue_code(raw, item_code)
        if queue_code and queue_code.strip().upper() != item_queue:
            # The ticket would wait in one line for a matter served in another.
            raise ValidationError(f"事项 {item_code} 不在队列 {queue_code} 办理",
                                  field="item", code="item_other_queue", item=item_code,
                                  queue=queue_code)
        return queue_conf(raw, hall, item_queue, inactive_ok=booked)
    if not queue_code:
        raise ValidationError("请选择队列或事项", field="queue", code="queue_required")
    return queue_conf(raw, hall, queue_code, inactive_ok=booked)


def _take(ctx: Ctx, queue_code: str | None, priority: str | None, id_number: str | None,
          phone: str | None, item_code: str | None, channel: str, appointment: bool,
          order_at: datetime | None) -> Issued:
    with ctx.uow() as uow:
        issued = issue_ticket(uow, queue_code, priority, id_number, phone, item_code, channel,
                              appointment, order_at)
        if not issued.existing:
            uow.commit()
        return issued


def issue_ticket(uow: UnitOfWork, queue_code: str | None, priority: str | None,
                 id_number: str | None, phone: str | None, item_code: str | None,
                 channel: str, appointment: bool = False,
                 order_at: datetime | None = None, *, booked: bool = False) -> Issued:
    """Issue a ticket inside the caller's unit of work, or return the holder's waiting one.
    ``booked``: a booking's check-in, whose place was kept before the queue may have been
    deactivated (``queue_admin``): honoured, as the tickets already waiting are.

    Plain statements (``queue_sql``): this is the hall's busiest write."""
    raw, now = uow.raw, uow.now
    hall = hall_conf(raw)
    queue = _resolve_queue(raw, hall, queue_code, item_code, booked=booked)
    priority = _check_priority(hall, priority, id_number, now)
    day = today(hall, now)
    existing = _existing_waiting(raw, queue, day, id_number)
    if existing is not None:
        return existing
    if hall.closed_day == day:  # a ticket now would never be called
        raise _day_closed()
    stored_day = raw.day(day)
    serial = int(raw.value(_NEXT_SERIAL, queue=queue.id, day=stored_day))
    # A booking's check-in is not held to the quotas: its slot's capacity kept its place
    # (refused, the booking would be recorded as missed, towards a booking ban).
    if channel != "appointment":
        if queue.daily_quota and serial > queue.daily_quota and serial - int(raw.value(
                _WITHDRAWN, day=stored_day, queue=queue.id) or 0) > queue.daily_quota:
            raise QuotaExhausted(f"{queue.name}今日号已取完（每日 {queue.daily_quota} 个）",
                                 queue=queue.code)
        _check_time_quota(raw, hall, queue, now)
    number = number_for(queue, serial)
    stored_order_at = raw.at(order_at or now)
    values = {"hall": hall.id, "queue": queue.id, "day": stored_day, "serial": serial,
              "number": number, "channel": channel, "priority": priority, "item": item_code,
              "id_number": id_number, "phone": phone, "now": raw.at(now),
              "order_at": stored_order_at, "appointment": appointment, "no": False}
    inserted = (raw.value(_INSERT_TICKET, **values) if raw.sqlite
                else raw.value(_INSERT_TICKET_UNLESS_CLOSED, booked=booked, **values))
    if inserted is None:  # closed or deactivated while this take ran (its serial rolls back)
        if closed_day_now(raw, hall.id) == day:
            raise _day_closed()
        raise queue_inactive(queue.code, queue.name)
    ticket_id = int(inserted)
    line_taken(raw, queue.id, stored_day, line_class(priority, appointment), stored_order_at,
               ticket_id)
    uow.audit("ticket_take", "ticket", ticket_id, after={
        "number": number, "queue": queue.code, "day": day.isoformat(),
        "channel": channel, "priority": priority, "item": item_code})
    uow.emit("ticket_taken", ticket=ticket_id, number=number, queue=queue.code)
    row = TicketRow(ticket_id, number, queue.id, queue.code, queue.name, "waiting", channel,
                    priority, appointment, False, None, item_code, now.astimezone(UTC),
                    (order_at or now).astimezone(UTC), day, None, None, None, None, 0,
                    id_number, phone)
    return Issued(ticket_id, number, False, row)


def _day_closed() -> StateError:
    return StateError("今日已日终闭厅，不再取号，请下一个工作日再来", code="day_closed")


@action(Perm.VIEW_HALL)
def show_ticket(ctx: Ctx, ref: str | int) -> TicketInfo:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        ticket = ticket_by_ref(uow.session, hall, ref, today(hall, uow.now))
        return ticket_info(uow.session, ticket, uow.now)


@dataclass(frozen=True)
class TicketStatus:
    """What an applicant who asks about a ticket (by its QR code or number) is told."""

    ticket: TicketInfo
    reactivate_until: datetime | None  # a no-show that may still re-join the line: until


@action(Perm.VIEW_HALL)
def ticket_status(ctx: Ctx, ref: str | int) -> TicketStatus:
    """A ticket's state and place in line; for a no-show, whether and until when it may
    still be reactivated (``reactivate``)."""
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        ticket = ticket_by_ref(uow.session, hall, ref, today(hall, uow.now))
        until = _reactivate_until(hall, ticket)
        return TicketStatus(ticket_info(uow.session, ticket, uow.now),
                            until if until is not None and uow.now <= until else None)


@action(Perm.VIEW_HALL)
def find_ticket(ctx: Ctx, text: str) -> TicketStatus:
    """号票查询 at a kiosk: ``ticket_status`` by what an applicant may scan or type there
    (``public_ticket_ref``). A number not found is refused without repeating it: the screen
    faces the hall, and what was typed may be anything, even an ID number."""
    try:
        return ticket_status(ctx, public_ticket_ref(text))
    except NotFound as exc:
        if exc.code != "unknown_ticket":
            raise
        raise NotFound("今天没有这个号码的号票，请核对号票上的号码", field="ticket",
                       code="unknown_ticket") from None


def _write_if(uow: UnitOfWork, ticket: Ticket, where: ColumnElement[bool],
              **values: object) -> None:
    """The ticket's own UPDATE, made conditional on the state it was read in (no extra
    statement): written unconditionally, a kiosk withdrawing an unprinted ticket as a window
    called it left it ``cancelled`` at that window, after it had been announced. The second
    of two such writes is now refused, nothing written."""
    result = uow.session.execute(
        update(Ticket).where(Ticket.id == ticket.id, where).values(**values)
        .execution_options(synchronize_session="evaluate"))  # sets them on ``ticket``
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise StateError(f"号码 {ticket.number} 已被他人处理，请刷新后重试",
                         code="ticket_conflict", ticket=ticket.number)


def _reactivate_minutes(hall: Hall) -> int:
    return int(hall.settings.get("noshow_reactivate_minutes",
                                 DEFAULT_SETTINGS["noshow_reactivate_minutes"]))


def _reactivate_until(hall: Hall, ticket: Ticket) -> datetime | None:
    """When a no-show stops being able to re-join; None if it cannot (another state, or its
    hall day was closed)."""
    if ticket.state != "no_show" or ticket.closed_at is not None or ticket.noshow_at is None:
        return None
    return ticket.noshow_at + timedelta(minutes=_reactivate_minutes(hall))


@action(Perm.TAKE_TICKET)
def reactivate(ctx: Ctx, ref: str | int) -> TicketInfo:
    """A no-show comes back within M minutes and re-joins behind the next K tickets."""
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        ticket = ticket_by_ref(s, hall, ref, today(hall, uow.now))
        if ticket.state != "no_show":
            raise StateError(f"号码 {ticket.number} 不是过号状态，不能重新激活", code="not_no_show")
        until = _reactivate_until(hall, ticket)
        if until is None:
            raise StateError("大厅日已结束，请重新取号", code="reactivate_expired")
        if uow.now > until:
            raise StateError(f"已过号超过 {_reactivate_minutes(hall)} 分钟，请重新取号",
                             code="reactivate_expired")
        require_no_other_waiting(s, ticket, ticket.queue_id)
        k = int(hall.settings.get("noshow_rejoin_after", 3))
        before = {"state": ticket.state, "order_at": ticket.order_at.isoformat()}
        order_at, own_order_at = rejoin_place(s, ticket, k, uow.now)
        _write_if(uow, ticket, (Ticket.state == "no_show") & Ticket.closed_at.is_(None),
                  state="waiting", window_id=None, order_at=order_at,
                  own_order_at=own_order_at)
        uow.audit("ticket_reactivate", "ticket", ticket.id, before=before,
                  after={"state": "waiting", "order_at": ticket.order_at.isoformat(),
                         **({"own_order_at": own_order_at.isoformat()} if own_order_at
                            else {})})
        uow.emit("ticket_reactivated", ticket=ticket.id, number=ticket.number)
        info = ticket_info(s, ticket, uow.now)
        uow.commit()
        return info


@action(Perm.OPERATE_WINDOW)
def resume_suspended(ctx: Ctx, ref: str | int) -> TicketInfo:
    """A suspended ticket (materials were missing) comes back at its original place."""
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        ticket = ticket_by_ref(s, hall, ref, today(hall, uow.now))
        if ticket.state != "suspended":
            raise StateError(f"号码 {ticket.number} 未挂起", code="not_suspended")
        require_no_other_waiting(s, ticket, ticket.queue_id)
        _write_if(uow, ticket, Ticket.state == "suspended", state="waiting")
        uow.audit("ticket_resume", "ticket", ticket.id, before={"state": "suspended"},
                  after={"state": "waiting"})
        uow.emit("ticket_resumed", ticket=ticket.id, number=ticket.number)
        info = ticket_info(s, ticket, uow.now)
        uow.commit()
        return info




# A kiosk learns within seconds that its printer failed; past this, withdrawing a ticket is
# not a kiosk's business (a window's applicant, or one already in line).
UNPRINTED_WITHDRAW = timedelta(minutes=3)


def _check_just_issued(ticket: Ticket, now: datetime) -> None:
    """Only a ticket a kiosk has just issued (taken or checked in there, never called) can be
    withdrawn as unprinted: any kiosk could cancel anyone's ticket by its id."""
    if (ticket.channel not in ("kiosk", "appointment") or ticket.first_called_at is not None
            or ticket.transferred or now - ticket.taken_at > UNPRINTED_WITHDRAW):
        raise StateError(f"号码 {ticket.number} 不是刚由自助机取出的号，不能按未出票撤销",
                         code="not_just_issued", ticket=ticket.number)


@action(Perm.TAKE_TICKET)
def cancel_unprinted(ctx: Ctx, ticket_id: int, reason: str) -> TicketInfo:
    """A kiosk could not print the ticket: withdraw it so nobody is called for a number
    they never got. The row stays (state ``cancelled``), so numbering has no gap."""
    with ctx.uow() as uow:
        s = uow.session
        ticket = s.get(Ticket, ticket_id)
        if ticket is None:
            raise StateError(f"号码 {ticket_id} 不存在", code="unknown_ticket")
        if ticket.state != "waiting":
            raise StateError(f"号码 {ticket.number} 已不在等候中，不能撤销", code="not_waiting")
        _check_just_issued(ticket, uow.now)
        _write_if(uow, ticket, Ticket.state == "waiting", state="cancelled", closed_at=uow.now,
                  note=reason[:300])
        uow.audit("ticket_cancel_unprinted", "ticket", ticket.id, before={"state": "waiting"},
                  after={"state": "cancelled", "reason": reason})
        _undo_checkin(uow, ticket)
        uow.emit("ticket_cancelled", ticket=ticket.id, number=ticket.number)
        info = ticket_info(s, ticket, None, with_position=False)
        uow.commit()
        return info


def _undo_checkin(uow: UnitOfWork, ticket: Ticket) -> None:
    """An appointment checked in for the withdrawn ticket may be checked in again after the
    repair: booked again, audited (its check-in was)."""
    for appt in uow.session.scalars(select(Appointment).where(
            Appointment.ticket_id == ticket.id)).all():
        before = {"state": appt.state, "ticket": ticket.number}
        appt.state, appt.ticket_id, appt.checked_in_at = "booked", None, None
        uow.session.flush()
        uow.audit("appointment_checkin_undone", "appointment", appt.id, before=before,
                  after={"state": "booked"})
