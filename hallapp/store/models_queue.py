"""Tickets, daily serial counters and appointments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from hallapp.store.base import Base, UTCDateTime

# Ticket states. "called" and "serving" are open at a window; the partial unique index
# below makes "a window never holds two open tickets" a database fact.
OPEN_AT_WINDOW = ("called", "serving")
WAITING_STATES = ("waiting",)
ACTIVE_STATES = ("waiting", "called", "serving", "suspended")


class DailyCounter(Base):
    """The last serial handed out per queue and hall day: an atomic counter row."""

    __tablename__ = "daily_counter"

    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"), primary_key=True)
    hall_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class Ticket(Base):
    __tablename__ = "ticket"
    __table_args__ = (
        # Numbers belong to the queue that issued them; a transfer keeps the number.
        UniqueConstraint("origin_queue_id", "hall_day", "serial"),
        Index("ix_ticket_window_open", "window_id", unique=True,
              sqlite_where=text("state IN ('called', 'serving')"),
              postgresql_where=text("state IN ('called', 'serving')")),
        # One waiting ticket per ID number, queue and hall day (migration 0012): a ticket
        # of a day nobody closed is never called and must not stop a new one.
        Index("ix_ticket_id_waiting", "queue_id", "hall_day", "id_number", unique=True,
              sqlite_where=text("state = 'waiting' AND id_number IS NOT NULL"),
              postgresql_where=text("state = 'waiting' AND id_number IS NOT NULL")),
        # The waiting line of a queue in call order: a class (green channel, appointment,
        # ordinary) is one range in order_at, so the head of a queue and "people ahead" are
        # index range reads instead of sorting every waiting ticket under the write lock.
        # ``id`` last: the order within a class is (order_at, id), and PostgreSQL, unlike
        # SQLite, keeps no row id in its indexes (migration 0005).
        Index("ix_ticket_waiting_line", "queue_id", "hall_day", "target_window", "priority",
              "appointment", "order_at", "id",
              sqlite_where=text("state = 'waiting'"), postgresql_where=text("state = 'waiting'")),
        Index("ix_ticket_hall_day", "hall_day", "queue_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    origin_queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    hall_day: Mapped[date] = mapped_column(Date)
    serial: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(20), default="waiting")
    channel: Mapped[str] = mapped_column(String(20), default="kiosk")
    priority: Mapped[str | None] = mapped_column(String(32))
    item_code: Mapped[str | None] = mapped_column(String(64))
    id_number: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The place in the call order: the take time, kept on transfer; moved on reactivation.
    order_at: Mapped[datetime] = mapped_column(UTCDateTime())
    appointment: Mapped[bool] = mapped_column(Boolean, default=False)
    # The place in line an applicant's waiting ticket keeps until the slot of the booking
    # checked in for it begins (``appointment_rules.give_precedence``): its ``order_at`` is
    # the slot's start, as any appointment checked in early, and until then it is called
    # from here among the ordinary tickets (migration 0015). None for every other ticket.
    own_order_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    transferred: Mapped[bool] = mapped_column(Boolean, default=False)
    target_window: Mapped[int | None] = mapped_column(Integer)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    call_count: Mapped[int] = mapped_column(Integer, default=0)
    noshow_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(String(300))


class ServiceRecord(Base):
    """One service at a window (start → finish) for wait estimates and KPIs.

    A ticket may be served more than once (suspended and back, transferred); each service is a
    row, so service time statistics never mix two visits to the counter.
    """

    __tablename__ = "service_record"
    __table_args__ = (Index("ix_service_record_queue_finished", "queue_id", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    window_id: Mapped[int] = mapped_column(ForeignKey("window.id"))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(20))  # done|suspended|transferred


class AppointmentSlot(Base):
    __tablename__ = "appointment_slot"
    # Slots are read by day (lists, the board, reports, overlap checks): a range of this.
    __table_args__ = (Index("ix_appointment_slot_starts", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    item_code: Mapped[str | None] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    grace_minutes: Mapped[int] = mapped_column(Integer, default=15)


class Appointment(Base):
    """A booking. Its indexes serve the reads that would otherwise scan every booking ever
    made: by slot (lists, reports, a slot's removal), by ticket (printing a checked-in
    ticket), by ID number (the missed-appointment rule at each booking) and by state (the
    day's close finds the bookings still open)."""

    __tablename__ = "appointment"
    __table_args__ = (Index("ix_appointment_slot_id", "slot_id"),
                      Index("ix_appointment_ticket_id", "ticket_id"),
                      Index("ix_appointment_id_number", "id_number", "state"),
                      Index("ix_appointment_state", "state", "slot_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("appointment_slot.id"))
    code: Mapped[str] = mapped_column(String(16), unique=True)
    item_code: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(100))
    id_number: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    # booked | checked_in | late | missed | cancelled
    state: Mapped[str] = mapped_column(String(20), default="booked")
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
