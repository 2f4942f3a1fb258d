"""Lookups and views shared by the ticket, window and appointment services."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, bindparam, select, update
from sqlalchemy.orm import Session

from hallapp.core.errors import NotFound, StateError, ValidationError
from hallapp.core.hallday import format_number, hall_day
from hallapp.core.ids import row_id, typed_code
from hallapp.core.queue_rules import CallSettings, Candidate
from hallapp.services.queue_sql import (
    HallConf,
    QueueConf,
    TicketRow,
    info_fields,
    position,
    queue_inactive,
    ticket_row,
    ticket_row_of,
)
from hallapp.store.base import Base
from hallapp.store.models import Hall, Queue, Ticket, Window
from hallapp.store.models_queue import OPEN_AT_WINDOW
from hallapp.store.rawsql import RawSQL, Row


@dataclass(frozen=True)
class TicketInfo:
    """A ticket as terminals see it; ID number and phone only masked."""

    id: int
    number: str
    queue: str
    queue_name: str
    state: str
    channel: str
    priority: str | None
    appointment: bool
    item_code: str | None
    taken_at: datetime
    hall_day: date
    window: int | None
    called_at: datetime | None
    recalls: int
    people_ahead: int
    estimated_minutes: int
    id_number_masked: str
    phone_masked: str
    existing: bool = False
    first_called_at: datetime | None = None  # the wait is first call − take, not recall
    started_at: datetime | None = None  # the counter's running service time
    order_at: datetime | None = None  # its place in line (see ``core.queue_rules``)
    # A booking checked in on time went to this ticket, which the applicant already waited
    # with: it is called with the appointment's precedence now (``appointments.checkin``).
    precedence_given: bool = False

    def held_until(self, now: datetime) -> datetime | None:
        """For an appointment checked in before its slot: the slot's start, from when it is
        called with priority (``calling`` holds it until then, while ordinary tickets are
        called), so "0 ahead" would mislead. None for any other ticket, or once it began."""
        if (self.appointment and self.state == "waiting" and self.order_at is not None
                and self.order_at > now):
            return self.order_at
        return None

    @property
    def late_checkin(self) -> bool:
        """Checked in for an appointment after its grace period: an ordinary ticket, which
        the applicant should be told (``appointments.checkin``)."""
        return self.channel == "appointment" and not self.appointment


def call_settings(hall: Hall | HallConf) -> CallSettings:
    s = hall.settings
    return CallSettings(int(s.get("max_consecutive_priority_calls", 3)),
                        int(s.get("aging_minutes", 45)))


def queue_by_code(session: Session, hall: Hall | HallConf, code: str, *,
                  inactive_ok: bool = False) -> Queue:
    """``inactive_ok``: a deactivated queue too (its waiting tickets moved out, a window
    given it to serve them).

    Else the queue's row is read FOR SHARE (PostgreSQL) until the caller commits what it
    puts into the queue (a ticket transferred or moved there, a slot or a booking): a
    deactivation (``queue_admin``, FOR UPDATE) in flight is waited for and then seen, and
    one that comes later waits for this. Read plainly, a transfer found the queue active
    just before a deactivation committed and moved its ticket in just after."""
    stmt = select(Queue).where(Queue.hall_id == hall.id, Queue.code == typed_code(code))
    if not inactive_ok:
        stmt = stmt.with_for_update(read=True)
    queue = session.scalars(stmt).first()
    if queue is None:
        raise NotFound(f"队列 {code} 不存在或已停用", field="queue", code="unknown_queue")
    if not queue.active and not inactive_ok:
        raise queue_inactive(queue.code, queue.name)
    return queue


def window_by_number(session: Session, hall: Hall | HallConf, number: int, *,
                     lock: bool = False) -> Window:
    stmt = select(Window).where(Window.hall_id == hall.id, Window.number == number)
    if lock:
        stmt = stmt.with_for_update()
    window = session.scalars(stmt).first()
    if window is None:
        raise NotFound(f"窗口 {number} 不存在", field="window", code="unknown_window")
    return window


# The ticket's QR code (hallapp.documents.qr.ticket_payload): hall, day, number and id.
TICKET_QR_PREFIX = "HALLAPP:T:"


def ticket_by_ref(session: Session, hall: Hall | HallConf, ref: str | int, today: date) -> Ticket:
    """A ticket by id, by number (today's hall day, or 'YYYY-MM-DD/A001') or by the QR code
    printed on it, as a scanner types it."""
    text = typed_code(str(ref))
    if not text:
        raise ValidationError("请输入号码（如 A001）或扫描号票二维码", field="ticket",
                              code="ticket_ref_empty")
    scanned_id = None
    if text.startswith(TICKET_QR_PREFIX):
        text, scanned_id = _scanned_ref(text)
    ident = row_id(text)
    if ident is not None:
        ticket = session.get(Ticket, ident)
    else:
        day = today
        if "/" in text:
            day_text, text = text.split("/", 1)
            try:
                day = date.fromisoformat(day_text)
            except ValueError:
                raise ValidationError(f"日期格式不正确：{day_text}", field="ticket",
                                      code="day_format", day=day_text) from None
        ticket = session.scalars(select(Ticket).where(
            Ticket.hall_id == hall.id, Ticket.hall_day == day, Ticket.number == text)).first()
    if scanned_id is not None and (ticket is None or ticket.id != scanned_id):
        # The day's number is another ticket (or none) here: the QR is another hall's.
        raise NotFound("这张号票不是本大厅的号票", field="ticket", code="foreign_ticket")
    if ticket is None:
        raise NotFound(f"号码 {ref} 不存在", field="ticket", code="unknown_ticket")
    return ticket


# A ticket's number as printed on it: the queue's prefix (a capital letter first, as
# ``hallday.format_number`` makes it), then the day's serial.
PRINTED_NUMBER = re.compile(r"[A-Z][A-Z0-9]{0,3}[0-9]+")


def public_ticket_ref(text: str) -> str:
    """What a public terminal looks a ticket up by: the QR code scanned, or the number printed
    on one of today's tickets (A018). Not a row id or 'YYYY-MM-DD/A001': typed at a kiosk,
    those let anybody page through every ticket the hall ever issued."""
    ref = typed_code(text)
    if not ref or ref.startswith(TICKET_QR_PREFIX) or PRINTED_NUMBER.fullmatch(ref):
        return ref
    raise ValidationError("请扫描号票二维码，或输入号票上的号码（字母开头，如 A018）",
                          field="ticket", code="ticket_number_format")


def _scanned_ref(payload: str) -> tuple[str, int]:
    """'YYYY-MM-DD/A001' and the ticket id of a scanned ticket QR code."""
    parts = payload.removeprefix(TICKET_QR_PREFIX).split(":")
    ticket_id = row_id(parts[3]) if len(parts) == 4 else None
    if ticket_id is None:
        raise ValidationError("号票二维码无法识别，请输入号票上的号码", field="ticket",
                              code="ticket_qr")
    return f"{parts[1]}/{parts[2]}", ticket_id


# The predicate of the partial index ix_ticket_window_open, reused verbatim: SQLite uses a
# partial index only when the query repeats its WHERE term exactly, so with bound parameters
# (state IN (?, ?)) it scanned every ticket ever issued — 2 s per call with 5M history rows.
# For plain statements (``ticket`` unaliased, or prefixed with an alias and a dot).
OPEN_AT_WINDOW_PREDICATE: str = next(
    ix for ix in Base.metadata.tables["ticket"].indexes
    if ix.name == "ix_ticket_window_open").dialect_options["sqlite"]["where"].text


def held_at_window() -> ColumnElement[bool]:
    """The same term for ORM and Core queries: ``Ticket.state`` called or serving, the states
    rendered as literals (not bound), so that a query for the tickets held at windows reads
    the partial index instead of the whole history."""
    return Ticket.state.in_(bindparam("held_states", OPEN_AT_WINDOW, expanding=True,
                                      literal_execute=True))


def open_ticket_at(session: Session, window_id: int) -> Ticket | None:
    return session.scalars(select(Ticket).where(
        Ticket.window_id == window_id, held_at_window())).first()


def require_no_other_waiting(session: Session, ticket: Ticket, queue_id: int) -> None:
    """Before a ticket goes back to waiting in ``queue_id``: its holder has no other there.

    Reactivating, resuming or transferring a ticket whose holder has since taken a new one
    would otherwise hit the one-waiting-ticket-per-ID index as a bare IntegrityError.
    """
    if not ticket.id_number:
        return
    other = session.scalar(select(Ticket.number).where(
        Ticket.queue_id == queue_id, Ticket.hall_day == ticket.hall_day,
        Ticket.id_number == ticket.id_number, Ticket.state == "waiting",
        Ticket.id != ticket.id))
    if other is not None:
        raise StateError(f"该证件已有等候中的号 {other}，号码 {ticket.number} 不能再回到队列",
                         code="already_waiting", ticket=other)


def candidate(t: Ticket, queue_code: str) -> Candidate:
    return Candidate(t.id, queue_code, t.order_at, t.priority, t.appointment, t.transferred,
                     t.target_window)


def ticket_info(session: Session, ticket: Ticket, now: datetime | None, *,
                existing: bool = False, with_position: bool = True) -> TicketInfo:
    """``now``: the moment its place in line is counted at (None only ``with_position``
    False)."""
    session.flush()
    return ticket_info_by_id(RawSQL(session.connection()), ticket.id, now, existing=existing,
                             with_position=with_position)


def ticket_info_by_id(raw: RawSQL, ticket_id: int, now: datetime | None, *,
                      existing: bool = False, with_position: bool = True) -> TicketInfo:
    return ticket_info_of(raw, ticket_row(raw, ticket_id), now, existing=existing,
                          with_position=with_position)


def ticket_info_of(raw: RawSQL, t: TicketRow, now: datetime | None, *,
                   existing: bool = False, with_position: bool = True) -> TicketInfo:
    if not with_position:
        return TicketInfo(**info_fields(t, 0, 0), existing=existing)
    assert now is not None, "a place in line is counted at a moment"
    return placed_view(placed(raw, t, now, existing=existing))


class Placed(NamedTuple):
    """A ticket's fields and its place in line: what the view needs of the database. The
    batch writer answers a take with it and the terminal makes the view (``placed_view``):
    masking and building the view are not work for the one process the whole hall waits
    for (bench/RESULTS.md, fixes 26 and 28)."""

    row: TicketRow
    people_ahead: int
    minutes: int
    existing: bool


def placed(raw: RawSQL, t: TicketRow, now: datetime, *, existing: bool = False) -> Placed:
    est = position(raw, t, now)
    return Placed(t, est.people_ahead, est.minutes, existing)


def placed_view(p: Placed) -> TicketInfo:
    return TicketInfo(**info_fields(p.row, p.people_ahead, p.minutes), existing=p.existing)


def shown(row: Row) -> TicketInfo:
    """The view of a ticket held at a window (nobody ahead), from its stored row as
    ``queue_sql.TICKET_ROW_RETURNING`` gives it. The batch writer answers with such rows and
    the terminal makes the view: parsing instants and masking are not work for the one
    process the whole hall waits for (bench/RESULTS.md, fix 26)."""
    return TicketInfo(**info_fields(ticket_row_of(row), 0, 0))


def require_day_open(hall: Hall | HallConf, now: datetime, closed_day: date | None) -> None:
    """Once the day is closed (日终闭厅) no window opens: it could only call tickets that
    were all closed as abandoned, or new ones nobody may take any more.

    ``closed_day``: read after the window's row lock (``queue_sql.closed_day_now``), which a
    close in flight holds off until it commits (``hall_lock``); the hall read before it could
    be older than the close, and the window opened stayed open on the closed day."""
    if closed_day == today(hall, now):
        raise StateError("今日已日终闭厅，窗口不再开放（如需继续办理，请值班长重新开厅）",
                         code="day_closed_window")


def release_targeted(session: Session, hall: Hall | HallConf, window: int,
                     now: datetime) -> int:
    """A window closing lets go of the tickets sent to it (transferred or suspended there):
    they go back to their queue's line, at their place, for any window serving it. Kept,
    they would wait for a call that never comes. Returns how many were let go."""
    result = session.execute(
        update(Ticket).where(Ticket.hall_id == hall.id, Ticket.hall_day == today(hall, now),
                             Ticket.target_window == window,
                             Ticket.state.in_(("waiting", "suspended")))
        .values(target_window=None).execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def today(hall: Hall | HallConf, now: datetime) -> date:
    return hall_day(now, hall.timezone)


def number_for(queue: Queue | QueueConf, serial: int) -> str:
    return format_number(queue.prefix, serial)


