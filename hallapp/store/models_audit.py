"""Audit log, change feed and print log.

``feed_head`` is a single row that every writing unit of work updates last, just before
commit. Holding its row lock (PostgreSQL) or the write lock (SQLite BEGIN IMMEDIATE) while
numbering gives the audit chain and the change feed ids that are contiguous and in commit
order, so a reader that has seen id N has seen everything before it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from hallapp.store.base import Base, UTCDateTime

GENESIS_HASH = "0" * 64


class FeedHead(Base):
    __tablename__ = "feed_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    audit_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    audit_hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)
    event_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Event(Base):
    """The change feed: what changed, for other terminals to refresh only that."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_at", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class PrintLog(Base):
    __tablename__ = "print_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    document: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str | None] = mapped_column(String(64))
    printer: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(20))  # printed|failed|saved
    reprint: Mapped[bool] = mapped_column(default=False)
    detail: Mapped[str | None] = mapped_column(String(300))


class BatchRequest(Base):
    """What the batch writer committed for a terminal's request (``services.batching``):
    the answer a terminal looks up when the writer died before sending it. Kept a day."""

    __tablename__ = "batch_request"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    answer: Mapped[bytes] = mapped_column(LargeBinary)
