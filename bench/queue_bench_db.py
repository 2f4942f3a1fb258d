"""The queue bench's database: a demo hall with years of history, and a clean bench day.

Used by ``bench/queue_bench.py``; building 5 million history tickets takes minutes, so the
SQLite file is cached in /tmp and PostgreSQL is loaded with COPY.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import make_url

from hallapp.core.hallday import format_number
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services.context import Ctx
from hallapp.services.hall import configure_windows
from hallapp.services.setup import init_database
from hallapp.store import schema
from hallapp.store.models import (
    DailyCounter,
    Queue,
    ServiceRecord,
    Ticket,
    Window,
    WorkProfileEntry,
)
from hallapp.store.uow import Database

# Tuesday 2026-06-02 10:00 in Shanghai: the bench day; history is the 250 working days before.
BENCH_NOW = datetime(2026, 6, 2, 2, 0, tzinfo=UTC)
BENCH_DAY = date(2026, 6, 2)
HISTORY_DAYS = 250
CACHE_VERSION = 2  # 2: schema 0003 (waiting line index)
PG_ADMIN = os.environ.get("HALLAPP_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
CHUNK = 100_000
EXTRA_WINDOWS = [{"number": n, "name": f"压测{n}号窗", "profile_mode": "ratio",
                  "profile": [{"queue": q, "precedence": i, "ratio": 1}
                              for i, q in enumerate("ABCDEFZ", 1)]} for n in (15, 16)]
COLUMNS = ("hall_id", "queue_id", "origin_queue_id", "hall_day", "serial", "number", "state",
           "channel", "taken_at", "order_at", "appointment", "transferred", "window_id",
           "called_at", "first_called_at", "started_at", "finished_at", "closed_at", "recalls",
           "call_count", "noshow_at")


def _ts(day: date, seconds: int) -> str:
    """Naive UTC text as SQLAlchemy stores it; the hall day opens 09:00 Shanghai (01:00 UTC)."""
    s = 3600 + seconds
    return f"{day.isoformat()} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000"


def history_days(n: int = HISTORY_DAYS) -> list[date]:
    """The ``n`` working days (Monday–Friday) before the bench day, oldest first."""
    days: list[date] = []
    day = BENCH_DAY
    while len(days) < n:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days[::-1]


def history_rows(queues: list[tuple[int, str, int]], total: int,
                 hall_id: int) -> Iterator[tuple[Any, ...]]:
    """``total`` closed tickets: ~85% done, 10% no-show, 5% abandoned, serials 1..n a day."""
    days = history_days()
    slots = len(days) * len(queues)
    for k, (day, (qid, prefix, win)) in enumerate((d, q) for d in days for q in queues):
        n = total // slots + (1 if k < total % slots else 0)
        step = max(1, 8 * 3600 // max(n, 1))
        end = _ts(day, 9 * 3600)
        for serial in range(1, n + 1):
            taken = _ts(day, serial * step)
            called = _ts(day, serial * step + 600)
            kind = serial % 20
            if kind == 0:  # abandoned at the end of the day, never called
                yield (hall_id, qid, qid, day, serial, format_number(prefix, serial), "abandoned",
                       "kiosk", taken, taken, 0, 0, None, None, None, None, None, end, 0, 0, None)
            elif kind in (1, 2):
                yield (hall_id, qid, qid, day, serial, format_number(prefix, serial), "no_show",
                       "kiosk", taken, taken, 0, 0, win, called, called, None, None, end, 2, 1,
                       called)
            else:
                done = _ts(day, serial * step + 900)
                yield (hall_id, qid, qid, day, serial, format_number(prefix, serial), "done",
                       "kiosk", taken, taken, 0, 0, win, called, called, called, done, done, 0,
                       1, None)


def _queues(db: Database) -> tuple[int, list[tuple[int, str, int]]]:
    with db.read_session() as s:
        rows = s.execute(select(Queue.hall_id, Queue.id, Queue.prefix, WorkProfileEntry.window_id)
                         .join(WorkProfileEntry, WorkProfileEntry.queue_id == Queue.id)
                         .order_by(Queue.id, WorkProfileEntry.window_id)).all()
    first: dict[int, tuple[int, str, int]] = {}
    for _hall, qid, prefix, wid in rows:
        first.setdefault(qid, (qid, prefix, wid))
    return rows[0][0], list(first.values())


def setup_hall(db: Database) -> None:
    """Demo hall without quotas (the bench takes thousands a day), plus windows 15 and 16."""
    init_database(db, demo=True, clock=lambda: BENCH_NOW - timedelta(days=400))
    configure_windows(Ctx(db, SYSTEM_ACTOR, clock=lambda: BENCH_NOW), EXTRA_WINDOWS)
    with db.write_session() as s:
        s.execute(update(Queue).values(daily_quota=None, time_quotas=[]))
        s.execute(text("CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, at VARCHAR(40), "
                       "payload VARCHAR(200))" if db.is_sqlite else
                       "CREATE TABLE bench_raw (id BIGSERIAL PRIMARY KEY, at TEXT, payload TEXT)"))
        s.commit()


def load_history(db: Database, total: int) -> None:
    hall_id, queues = _queues(db)
    rows = history_rows(queues, total, hall_id)
    raw = db.writer.raw_connection()
    try:
        cur = raw.cursor()
        if db.is_sqlite:
            cur.execute("PRAGMA synchronous = OFF")
            cur.execute("BEGIN")
            marks = ", ".join("?" * len(COLUMNS))
            sql = f"INSERT INTO ticket ({', '.join(COLUMNS)}) VALUES ({marks})"
            while chunk := [r for _, r in zip(range(CHUNK), rows, strict=False)]:
                cur.executemany(sql, [(*r[:3], r[3].isoformat(), *r[4:]) for r in chunk])
        else:
            with cur.copy(f"COPY ticket ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row((*r[:10], bool(r[10]), bool(r[11]), *r[12:]))
        raw.commit()
    finally:
        raw.close()
    with db.write_session() as s:  # daily_counter = max(serial) of every history day
        s.execute(text("INSERT INTO daily_counter (queue_id, hall_day, last_serial) "
                       "SELECT queue_id, hall_day, MAX(serial) FROM ticket "
                       "GROUP BY queue_id, hall_day"))
        s.commit()
    if not db.is_sqlite:  # settle the bulk load as a long-running hall would be settled
        with db.writer.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
            conn.exec_driver_sql("CHECKPOINT")


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-writer.lock", "-writer.sock", "-writer.sock.lock"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def sqlite_cache(history: int) -> str:
    path = f"/tmp/hallapp_bench_cache_v{CACHE_VERSION}_{history}.sqlite3"
    if not os.path.exists(path):
        building = f"{path}.building{os.getpid()}"
        _remove(building)
        started = time.perf_counter()
        db = Database(f"sqlite:///{building}")
        setup_hall(db)
        load_history(db, history)
        db.dispose()
        conn = sqlite3.connect(building)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        os.replace(building, path)
        _remove(building)
        print(f"  built {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _settle(path: str) -> None:
    """Write the fresh copy to disk before timing anything: otherwise the first WAL
    checkpoint's fsync flushes the whole copied file (0.6 s measured with 5M tickets), a
    stall no hall database has, which landed in the p99 of whichever phase ran first."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def prepared(engine: str, history: int) -> Iterator[str]:
    """A database URL with the hall and its history; removed again afterwards."""
    if engine == "sqlite":
        # One copy per bench process: two runs side by side (an A/B of two checkouts) wrote
        # into each other's database through a shared path, and counted each other's work.
        work = f"/tmp/hallapp_bench_run_{os.getpid()}.sqlite3"
        shutil.copyfile(sqlite_cache(history), work)
        db = Database(f"sqlite:///{work}")
        schema.upgrade(db)  # a cache built by an older schema gets the newer migrations
        db.dispose()
        _settle(work)
        try:
            yield f"sqlite:///{work}"
        finally:
            _remove(work)
        return
    admin = Database(PG_ADMIN)
    name = f"hallapp_bench_{os.getpid()}"
    url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    with admin.writer.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        started = time.perf_counter()
        db = Database(url)
        setup_hall(db)
        load_history(db, history)
        db.dispose()
        print(f"  loaded {history} tickets into {name} in {time.perf_counter() - started:.0f} s",
              flush=True)
        yield url
    finally:
        with admin.writer.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def reset_day(url: str, waiting_per_queue: int = 0) -> None:
    """Forget the bench day (tickets, services, counters, windows); optionally fill queues.

    The prefilled tickets wait in every queue so windows have something to call; the audit
    log and the feed keep growing across runs, as they do in a hall.
    """
    db = Database(url)
    hall_id, queues = _queues(db)
    with db.write_session() as s:
        today_ids = select(Ticket.id).where(Ticket.hall_day == BENCH_DAY)
        s.execute(delete(ServiceRecord).where(ServiceRecord.ticket_id.in_(today_ids)))
        s.execute(delete(Ticket).where(Ticket.hall_day == BENCH_DAY))
        s.execute(delete(DailyCounter).where(DailyCounter.hall_day == BENCH_DAY))
        s.execute(update(Window).values(state="closed", clerk_id=None, call_history=[],
                                        consecutive_priority=0))
        for qid, prefix, _win in queues if waiting_per_queue else []:
            s.execute(insert(Ticket), [  # one executemany: 70,000 ORM objects took a minute
                {"hall_id": hall_id, "queue_id": qid, "origin_queue_id": qid,
                 "hall_day": BENCH_DAY, "serial": serial, "number": format_number(prefix, serial),
                 "state": "waiting", "channel": "kiosk", "taken_at": at, "order_at": at,
                 "appointment": False, "transferred": False, "recalls": 0, "call_count": 0}
                for serial in range(1, waiting_per_queue + 1)
                for at in [BENCH_NOW - timedelta(seconds=waiting_per_queue - serial + 1)]])
            s.add(DailyCounter(queue_id=qid, hall_day=BENCH_DAY, last_serial=waiting_per_queue))
        s.commit()
    if db.is_sqlite:  # the set-up's own writes are checkpointed now, not in the timed phase
        conn = sqlite3.connect(make_url(url).database or "")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    else:  # the deleted day is vacuumed now, as autovacuum would have done in a hall by then
        with db.writer.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE ticket")
    db.dispose()
