"""Cases (办件), their transitions, visits, ratings, follow-ups, blacklist, calendar days."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallapp.store.base import Base, UTCDateTime


class Case(Base):
    __tablename__ = "case_file"
    __table_args__ = (
        Index("ix_case_file_dept_state", "department_id", "state", "deadline"),
        Index("ix_case_file_received", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    verification: Mapped[str] = mapped_column(String(12))
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"))  # frozen version
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    window_number: Mapped[int | None] = mapped_column(Integer)
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    state: Mapped[str] = mapped_column(String(32), default="received")
    applicant_kind: Mapped[str] = mapped_column(String(10))  # person|legal
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_id: Mapped[str] = mapped_column(String(32))  # ID number or USCC
    phone: Mapped[str | None] = mapped_column(String(32))
    agent: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    materials: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    decision: Mapped[str | None] = mapped_column(String(32))
    opinion: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    auto_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    supplement_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    stopped_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    pauses: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    concluded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(String(10))  # early|on_time|late
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivery: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    visits: Mapped[int] = mapped_column(Integer, default=1)
    in_person: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)  # optimistic check for claims


class CaseTransition(Base):
    __tablename__ = "case_transition"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    opinion: Mapped[str | None] = mapped_column(Text)


class Visit(Base):
    """One trip of the applicant to the hall for a case (最多跑一次 counts these)."""

    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    purpose: Mapped[str] = mapped_column(String(32))
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    # The queue ticket the applicant came with, served at the window that recorded the visit
    # (migration 0018); None online, before 0018, or with no ticket in service.
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))


class Rating(Base):
    __tablename__ = "rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    window_number: Mapped[int | None] = mapped_column(Integer)
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    level: Mapped[int] = mapped_column(Integer)  # 5 非常满意 … 1 非常不满意
    efficiency: Mapped[int | None] = mapped_column(Integer)
    skill: Mapped[int | None] = mapped_column(Integer)
    attitude: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(20), default="pad")


class Followup(Base):
    """The follow-up a 差评 opens; a supervisor closes it with a note by its deadline."""

    __tablename__ = "followup"

    id: Mapped[int] = mapped_column(primary_key=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("rating.id"), unique=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(20), default="open")  # open|closed|appealed
    note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class BlacklistEntry(Base):
    __tablename__ = "blacklist"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(32), index=True)  # ID number or USCC
    name: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    listed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CalendarDay(Base):
    """The hall's own calendar rows: official notices loaded per year and single overrides."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(200))


class CalendarYear(Base):
    """A year whose whole official calendar the hall has loaded."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str | None] = mapped_column(String(200))
