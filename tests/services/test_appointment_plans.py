"""Bookings and slots are read by index, never by a scan of every booking ever made.

A hall books thousands of appointments a month and keeps them all (missed ones count against
the ID number; reports go back months). Without indexes on the appointment tables each
booking with an ID number, each ticket printed, each refresh of the supervisor's board and
each day's close read all of them (migration 0007).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time
from typing import Any

import pytest
from conftest import FakeClock
from sqlalchemy import event
from stdnum.cn import ric

from hallapp.services import (
    appointment_slots,
    appointments,
    day,
    printing,
    reports,
    supervisor,
)
from hallapp.services.context import Ctx
from hallapp.store.uow import Database

TODAY = date(2026, 11, 24)
PERSON = "44030419900101123" + ric.calc_check_digit("44030419900101123" + "0")


@contextmanager
def statements_of(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """Every statement run through SQLAlchemy meanwhile, with its parameters (bound values
    are what SQLite plans with)."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any,
               many: bool) -> None:
        if not many:
            seen.append((statement, params))

    for engine in (db.reader, db.writer):
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        for engine in (db.reader, db.writer):
            event.remove(engine, "before_cursor_execute", record)


def scans(db: Database, statements: list[tuple[str, Any]]) -> list[str]:
    """The statements whose plan reads a whole appointment table, with that plan."""
    path = db.writer.url.database
    assert path
    conn = sqlite3.connect(path)
    found = []
    try:
        for sql, params in statements:
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            if any(line.startswith(("SCAN appointment ", "SCAN appointment_slot"))
                   or line in ("SCAN appointment",) for line in plan):
                found.append(f"{sql}\n  " + "\n  ".join(plan))
    finally:
        conn.close()
    return found


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_booking_listing_printing_and_closing_read_no_appointment_history(
        hall_db: Database, ctx_for: Callable[[str], Ctx], clock: FakeClock) -> None:
    admin, clerk, kiosk = ctx_for("admin1"), ctx_for("clerk1"), ctx_for("kiosk1")
    with statements_of(hall_db) as seen:
        early, spare = appointments.create_slots(admin, "A", TODAY, time(9), time(10),
                                                 minutes=30, capacity=2)
        appointments.list_slots(clerk, TODAY)
        booked = appointments.book(clerk, early.id, id_number=PERSON)  # the missed rule
        appointments.book(clerk, early.id)
        appointments.list_bookings(clerk, TODAY)
        ticket = appointments.checkin(kiosk, booked.code)
        printing.ticket_document(kiosk, ticket.id)  # finds the ticket's appointment
        appointment_slots.remove_slot(admin, spare.id)  # only if nobody ever booked it
        supervisor.board(ctx_for("supervisor1"))
        reports.daily_report(ctx_for("supervisor1"), TODAY)
        clock.now = clock.now.replace(hour=10)  # 18:00 in the hall
        day.close_day(ctx_for("supervisor1"))  # the booking never checked in is missed
    reads = [(sql, params) for sql, params in seen if "appointment" in sql]
    assert len(reads) >= 10
    assert not scans(hall_db, reads), "\n\n".join(scans(hall_db, reads))
