"""KPI summaries: per hall day (and per month) aggregates that keep period queries fast.

A year of a busy hall holds millions of tickets; the supervisor's figures for a month or a
year must not read them. ``kpi_summary`` holds, per period (a hall day, grain ``D``, or a
calendar month, grain ``M``), per dimension (hall, queue, window, clerk, item, department)
and key (a code, a window number, a username), additive counts and sums, plus histograms of
wait and service seconds from which a period's p90 is read (and a day's exact p90).
``kpi_rollup`` lists the days summarised; ``kpi_state`` is the change-feed position up to
which later changes to summarised days (a case concluded earlier picked up today, a 差评
follow-up closed) have been folded in. The rules live in :mod:`hallapp.services.kpi_summary`.

Two indexes for the live part of the figures sit here too, on tables of other modules:
cases by conclusion time and ratings by time (both read per hall day).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Float, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from hallapp.store.base import Base, UTCDateTime
from hallapp.store.models_case import Case, Rating

# Counters of one summary row, in the order the services build them.
TICKET_COUNTS = ("tickets", "called", "no_show", "abandoned")
CASE_COUNTS = ("in_person", "on_spot", "concluded", "one_visit", "timed", "on_time", "late")
RATING_COUNTS = ("ratings", "good", "bad", "bad_named", "bad_closed")


class KpiSummary(Base):
    __tablename__ = "kpi_summary"

    grain: Mapped[str] = mapped_column(String(1), primary_key=True)  # D day | M month
    dim: Mapped[str] = mapped_column(String(12), primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)  # the day, or 1st of month
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    tickets: Mapped[int] = mapped_column(Integer, default=0)
    called: Mapped[int] = mapped_column(Integer, default=0)
    no_show: Mapped[int] = mapped_column(Integer, default=0)
    abandoned: Mapped[int] = mapped_column(Integer, default=0)
    wait_n: Mapped[int] = mapped_column(Integer, default=0)
    wait_sum: Mapped[float] = mapped_column(Float, default=0.0)
    wait_max: Mapped[float | None] = mapped_column(Float)
    wait_hist: Mapped[bytes | None] = mapped_column(LargeBinary)
    wait_p90: Mapped[float | None] = mapped_column(Float)  # exact, while one day stands alone
    service_n: Mapped[int] = mapped_column(Integer, default=0)
    service_sum: Mapped[float] = mapped_column(Float, default=0.0)
    service_max: Mapped[float | None] = mapped_column(Float)
    service_hist: Mapped[bytes | None] = mapped_column(LargeBinary)
    service_p90: Mapped[float | None] = mapped_column(Float)
    in_person: Mapped[int] = mapped_column(Integer, default=0)
    on_spot: Mapped[int] = mapped_column(Integer, default=0)
    concluded: Mapped[int] = mapped_column(Integer, default=0)
    one_visit: Mapped[int] = mapped_column(Integer, default=0)
    timed: Mapped[int] = mapped_column(Integer, default=0)
    on_time: Mapped[int] = mapped_column(Integer, default=0)
    late: Mapped[int] = mapped_column(Integer, default=0)
    ratings: Mapped[int] = mapped_column(Integer, default=0)
    good: Mapped[int] = mapped_column(Integer, default=0)
    bad: Mapped[int] = mapped_column(Integer, default=0)
    bad_named: Mapped[int] = mapped_column(Integer, default=0)
    bad_closed: Mapped[int] = mapped_column(Integer, default=0)


class KpiRollup(Base):
    """A hall day whose figures are in ``kpi_summary`` (every ticket of it closed)."""

    __tablename__ = "kpi_rollup"

    hall_day: Mapped[date] = mapped_column(Date, primary_key=True)
    rolled_at: Mapped[datetime] = mapped_column(UTCDateTime())


class KpiState(Base):
    """Single row (id 1): the change-feed event id folded into the summaries so far."""

    __tablename__ = "kpi_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(BigInteger, default=0)


Index("ix_case_file_concluded", Case.concluded_at)
Index("ix_rating_at", Rating.at)
