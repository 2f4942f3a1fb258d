"""The versioned service-item catalogue.

Each version of an item is its own row; a case points at the row it was taken in under, so a
later edit (a new version) never changes what an accepted case was judged against.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from hallapp.store.base import Base, UTCDateTime


class ServiceItem(Base):
    __tablename__ = "service_item"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        # At most one version in force per code.
        Index("ix_service_item_current", "code", unique=True,
              sqlite_where=text("in_force = 1"), postgresql_where=text("in_force")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    in_force: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    queue_id: Mapped[int] = mapped_column(ForeignKey("queue.id"))
    handling_type: Mapped[str] = mapped_column(String(20))
    # Every other 十统一 element and setting, exactly as hallapp.core.catalogue.Item.as_dict().
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
