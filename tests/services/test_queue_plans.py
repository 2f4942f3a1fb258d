"""The head of a queue's line is read in index order, not sorted, on both engines.

``calling._HEAD`` reads the first tickets of each call-order class. A class that the
database sorted read every waiting ticket of it under the write lock (SQLite) or the claim
(PostgreSQL), so a call grew with the line: 1.5 ms per class with 2,000 waiting on
PostgreSQL (bench/RESULTS.md, fix 13). Only the green channel (few tickets, whose codes
differ) may be sorted. The planner is told to avoid sorts and scans wherever it can, so a
sort in the plan means no plan without one exists.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from hallapp.services.calling import _HEAD
from hallapp.store.uow import Database


def _plan(db: Database) -> list[str]:
    params = {"queue": 1, "day": date(2026, 6, 2), "window": 1, "n": 20, "yes": True,
              "no": False}
    with db.writer.connect() as conn:
        if db.is_sqlite:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + _HEAD, params)
            return [str(r[3]) for r in rows]
        conn.exec_driver_sql("SET enable_sort = off")
        conn.exec_driver_sql("SET enable_seqscan = off")
        rows = conn.execute(text("EXPLAIN " + _HEAD), params)
        return [str(r[0]) for r in rows]


def test_only_the_green_channel_is_sorted(hall_db: Database) -> None:
    plan = _plan(hall_db)
    sorts = [line for line in plan if "TEMP B-TREE FOR ORDER BY" in line  # SQLite
             or ("Sort" in line and "Sort Key" not in line)]  # PostgreSQL
    assert len(sorts) == 1, "\n".join(plan)
    assert any("ix_ticket_waiting_line" in line for line in plan), "\n".join(plan)
