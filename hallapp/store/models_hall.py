"""Hall configuration: halls, departments, queues, windows, work profiles, staff."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from hallapp.store.base import Base, UTCDateTime


class Hall(Base):
    __tablename__ = "hall"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    address: Mapped[str | None] = mapped_column(String(300))
    address_en: Mapped[str | None] = mapped_column(String(300))  # on English documents
    phone: Mapped[str | None] = mapped_column(String(40))
    opening_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    priority_classes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    secret: Mapped[str] = mapped_column(String(64))  # keys receipt verification codes
    closed_day: Mapped[date | None] = mapped_column(Date)  # the last hall day closed (日终)


class Department(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))  # on English screens


class Queue(Base):
    __tablename__ = "queue"
    __table_args__ = (UniqueConstraint("hall_id", "code"), UniqueConstraint("hall_id", "prefix"))

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))  # on English screens
    prefix: Mapped[str] = mapped_column(String(4))
    category: Mapped[str | None] = mapped_column(String(100))
    daily_quota: Mapped[int | None] = mapped_column(Integer)
    time_quotas: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    target_wait_minutes: Mapped[int] = mapped_column(Integer, default=20)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Window(Base):
    __tablename__ = "window"
    __table_args__ = (
        UniqueConstraint("hall_id", "number"),
        # A clerk holds one window at a time (``window_holder``; migration 0019).
        Index("ix_window_clerk", "clerk_id", unique=True,
              sqlite_where=text("clerk_id IS NOT NULL"),
              postgresql_where=text("clerk_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))  # on English screens
    kind: Mapped[str] = mapped_column(String(20), default="comprehensive")
    state: Mapped[str] = mapped_column(String(20), default="closed")  # closed|open|paused
    state_reason: Mapped[str | None] = mapped_column(String(200))
    state_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    profile_mode: Mapped[str] = mapped_column(String(20), default="precedence")
    # Last calls (queue codes, most recent last) and the run of priority calls: the inputs
    # of the ratio and starvation rules, kept with the window so any machine continues them.
    call_history: Mapped[list[str]] = mapped_column(JSON, default=list)
    consecutive_priority: Mapped[int] = mapped_column(Integer, default=0)
    # The window's holder: the clerk who opened or claimed it and works it; since when.
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    clerk_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # No longer used (``window_admin.retire_window``): kept for its history, hidden from
    # calling, planning and the boards until reinstated (migration 0017).
    retired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class WorkProfileEntry(Base):
    """One queue a window serves, with its precedence (1 = first) and ratio weight."""

    __tablename__ = "work_profile"
    __table_args__ = (UniqueConstraint("window_id", "queue_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("window.id", ondelete="CASCADE"))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    precedence: Mapped[int] = mapped_column(Integer, default=1)
    ratio: Mapped[int] = mapped_column(Integer, default=1)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    window_number: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Moved on when the account is disabled or an administrator resets its password: a client
    # logged in before holds the old value (``Actor.session_epoch``), and each unit of work
    # it opens is refused (``UnitOfWork``). Not when users change their own password: their
    # open client goes on. The server default fills the rows of older halls (migration 0012).
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


# One account per user name whatever its case (Admin1 beside admin1 could not be told apart):
# the service's check is a plain read, and two admins adding Zhang9 and zhang9 at once both
# passed it; this index lets only one in (migration 0011).
Index("ix_staff_username_lower", func.lower(Staff.username), unique=True)
