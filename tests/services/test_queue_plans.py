"""The head of a queue's line is read in index order, not sorted, on both engines; the live
screens' reads never scan the whole ticket history.

``calling._HEAD`` reads the first tickets of each call-order class. A class that the
database sorted read every waiting ticket of it under the write lock (SQLite) or the claim
(PostgreSQL), so a call grew with the line: 1.5 ms per class with 2,000 waiting on
PostgreSQL (bench/RESULTS.md, fix 13). Only the green channel (few tickets, whose codes
differ) may be sorted. The planner is told to avoid sorts and scans wherever it can, so a
sort in the plan means no plan without one exists.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event, text

from hallapp.services import board, day, supervisor, tickets, windows
from hallapp.services.calling import _HEAD
from hallapp.services.context import Ctx
from hallapp.store.rawsql import RawSQL
from hallapp.store.uow import Database


def _plan(db: Database) -> list[str]:
    params: dict[str, Any] = {"queue": 1, "day": date(2026, 6, 2), "window": 1, "n": 20,
                              "yes": True, "no": False,
                              "now": datetime(2026, 6, 2, 2, tzinfo=UTC)}
    with db.writer.connect() as conn:
        if db.is_sqlite:
            params["now"] = "2026-06-02 02:00:00.000000"
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + _HEAD, params)
            return [str(r[3]) for r in rows]
        conn.exec_driver_sql("SET enable_sort = off")
        conn.exec_driver_sql("SET enable_seqscan = off")
        rows = conn.execute(text("EXPLAIN " + _HEAD), params)
        return [str(r[0]) for r in rows]


def test_only_the_green_channel_is_sorted(hall_db: Database) -> None:
    """And the tickets keeping their own place until their slot (``own``, by that place):
    a range of the appointment class, those checked in early onto a waiting ticket."""
    plan = _plan(hall_db)
    # Each subquery's lines: SQLite names them (CO-ROUTINE h0); PostgreSQL appends one branch
    # each ("  ->  Limit"), told apart by their conditions.
    parts: list[list[str]] = []
    for line in plan:
        if re.match(r"CO-ROUTINE \w+|  ->  ", line) or not parts:
            parts.append([])
        parts[-1].append(line)

    def name(part: list[str]) -> str:
        text = "\n".join(part)
        named = re.match(r"CO-ROUTINE (\w+)", text)
        return (named.group(1) if named else "h0" if "priority IS NOT NULL" in text
                else "own" if "own_order_at IS NOT NULL" in text else "other")

    sorted_in = [name(part) for part in parts if any(
        "TEMP B-TREE FOR ORDER BY" in line  # SQLite
        or ("Sort" in line and "Sort Key" not in line) for line in part)]  # PostgreSQL
    assert sorted_in == ["h0", "own"], "\n".join(plan)
    assert any("ix_ticket_waiting_line" in line for line in plan), "\n".join(plan)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_live_screens_read_no_ticket_history(hall_db: Database,
                                             ctx_for: Callable[[str], Ctx],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Every event makes the kiosks, counters, call display and supervisor board reload
    (hall status, window state, recent calls, the board): none of their statements may
    scan the ticket table, which holds every ticket the hall ever issued. The board and the
    hall status read the tickets held at windows with ``state IN (?, ?)``, which SQLite
    cannot match to the partial index of open tickets: a scan of all history on every
    refresh (0.8 s with 5 million tickets; bench/RESULTS.md, fix 23)."""
    kiosk, clerk, boss = ctx_for("kiosk1"), ctx_for("clerk1"), ctx_for("supervisor1")
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    # Every statement as it runs, with its parameters: bound values are what SQLite plans
    # with (expanded to literals, the states of ``state IN (?, ?)`` would match the index).
    statements: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        statements.append((statement, params))

    plain = RawSQL._execute

    def plain_seen(raw: RawSQL, sql: str, params: dict[str, Any]) -> Any:
        statements.append((sql, params))
        return plain(raw, sql, params)

    monkeypatch.setattr(RawSQL, "_execute", plain_seen)
    for engine in (hall_db.reader, hall_db.writer):
        event.listen(engine, "before_cursor_execute", seen)
    day.hall_status(boss)
    supervisor.board(boss)
    board.recent_calls(boss)
    windows.window_state(clerk, 1)
    windows.recall(clerk, 1)  # a window's own ticket, read through the ORM (open_ticket_at)
    for engine in (hall_db.reader, hall_db.writer):
        event.remove(engine, "before_cursor_execute", seen)
    monkeypatch.undo()
    reads = [(sql, params) for sql, params in statements
             if sql.lstrip().upper().startswith("SELECT")]
    assert len(reads) > 20
    assert any("FROM service_record" in sql for sql, _ in reads)  # plain statements seen too
    path = hall_db.writer.url.database
    assert path
    conn = sqlite3.connect(path)
    try:
        for sql, params in reads:
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
            scans = [line for line in plan
                     if line.startswith("SCAN ticket") and "INDEX" not in line]
            assert not scans, f"{sql}\n" + "\n".join(plan)
    finally:
        conn.close()
