"""KPI queries at the size of a busy hall's year, on SQLite and PostgreSQL.

The database holds ``--days`` working days of history (default 250) with ``--tickets`` per
day (default 16,000: 4 million a year), ``--cases`` per day (4,000: 1 million a year) and
as many ratings as cases (3 % 差评 with a follow-up, most closed), bulk-inserted, plus half a
busy day today. The summaries are then brought up to date once (``refresh``, timed: the
cost of the first start on an old database), and each KPI query is timed — a day (live,
exact), today (live), a month (summaries) and a year (summaries, month rows) — for the hall
and for every dimension, ``--repeat`` times each (median and max reported).

    .venv/bin/python bench/kpi_bench.py --engines sqlite,postgresql [--days 250] \
        [--tickets 16000] [--cases 4000] [--repeat 5]

The SQLite file is cached in /tmp between runs (built once per size); PostgreSQL gets a
database ``hallapp_kpibench_<pid>`` that is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from queue_bench_db import BENCH_DAY, BENCH_NOW, PG_ADMIN, history_days  # the same bench day

from hallapp.core.hallday import format_number
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import kpi_report, kpi_summary
from hallapp.services.context import Ctx
from hallapp.services.kpi_live import DIMS, compute_day, lookups
from hallapp.services.setup import init_database
from hallapp.store.models import Queue, ServiceItem, Staff, Window
from hallapp.store.uow import Database

CACHE_VERSION = 3  # 2: day rows keep their exact p90; 3: passed tickets are no_show
TICKET_COLS = ("id", "hall_id", "queue_id", "origin_queue_id", "hall_day", "serial", "number",
               "state", "channel", "item_code", "taken_at", "order_at", "appointment",
               "transferred", "window_id", "clerk_id", "called_at", "first_called_at",
               "started_at", "finished_at", "closed_at", "recalls", "call_count", "noshow_at")
CASE_COLS = ("id", "number", "verification", "hall_id", "item_id", "department_id",
             "ticket_id", "window_number", "clerk_id", "state", "applicant_kind",
             "applicant_name", "applicant_id", "materials", "decision", "auto_approved",
             "received_at", "accepted_at", "deadline", "pauses", "decided_at", "concluded_at",
             "outcome", "visits", "in_person", "version")
RATING_COLS = ("id", "at", "ticket_id", "case_id", "window_number", "clerk_id", "level",
               "channel")
FOLLOWUP_COLS = ("id", "rating_id", "opened_at", "due_at", "state", "closed_at")


def ts(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class Hall:
    """Ids of the demo hall the generator draws from."""

    def __init__(self, db: Database) -> None:
        with db.read_session() as s:
            self.hall_id = s.scalars(select(Queue.hall_id)).first()
            self.queues = {q.id: q.prefix for q in s.scalars(select(Queue))}
            self.windows = {w.number: w.id for w in s.scalars(select(Window))}
            self.clerks = [st.id for st in s.scalars(select(Staff).where(Staff.role == "clerk"))]
            items = s.scalars(select(ServiceItem).where(ServiceItem.in_force.is_(True))).all()
            self.items = [(i.id, i.code, i.queue_id, i.department_id) for i in items]


def day_rows(hall: Hall, day: date, n_tickets: int, n_cases: int, ids: dict[str, int],
             rng: random.Random, *, today: bool = False) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """One hall day: tickets, cases linked to some of them, ratings, 差评 follow-ups."""
    start = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)  # 09:00 Shanghai
    span = (1 if today else 8) * 3600
    serial: dict[int, int] = {}
    served: list[tuple[int, datetime, int, int, int]] = []
    for k in range(n_tickets):
        item_id, code, qid, _dept = hall.items[k % len(hall.items)]
        serial[qid] = serial.get(qid, 0) + 1
        ids["ticket"] += 1
        tid = ids["ticket"]
        taken = start + timedelta(seconds=span * k / n_tickets)
        window = hall.windows[1 + k % 14]
        clerk = hall.clerks[k % len(hall.clerks)]
        wait = timedelta(seconds=rng.expovariate(1 / 900))
        service = timedelta(seconds=60 + rng.expovariate(1 / 600))
        called, done = taken + wait, taken + wait + service
        fate = rng.random()
        number = format_number(hall.queues[qid], serial[qid])
        base = (tid, hall.hall_id, qid, qid, day.isoformat(), serial[qid], number)
        if today and called > BENCH_NOW:
            row = (*base, "waiting", "kiosk", code, ts(taken), ts(taken), False, False,
                   None, None, None, None, None, None, None, 0, 0, None)
        elif fate < 0.05:
            row = (*base, "abandoned", "kiosk", code, ts(taken), ts(taken), False, False,
                   None, None, None, None, None, None, ts(start + timedelta(hours=9)), 0, 0,
                   None)
        elif fate < 0.13:  # called, passed, never back: a closed no-show
            row = (*base, "no_show", "kiosk", code, ts(taken), ts(taken), False, False,
                   window, clerk, ts(called), ts(called), None, None,
                   ts(start + timedelta(hours=9)), 2, 1, ts(called + timedelta(minutes=2)))
        else:
            row = (*base, "done", "kiosk", code, ts(taken), ts(taken), False, False, window,
                   clerk, ts(called), ts(called), ts(called), ts(done), ts(done), 0, 1, None)
            served.append((tid, done, 1 + k % 14, clerk, item_id))
        yield "ticket", row
    yield from _cases(hall, day, served[:n_cases], ids, rng)


def _cases(hall: Hall, day: date, served: list[tuple[int, datetime, int, int, int]],
           ids: dict[str, int], rng: random.Random) -> Iterator[tuple[str, tuple[Any, ...]]]:
    items = {i[0]: i for i in hall.items}
    for tid, at, window, clerk, item_id in served:
        ids["case"] += 1
        cid = ids["case"]
        dept = items[item_id][3]
        fate = rng.random()
        on_spot = fate < 0.45
        deadline = at + timedelta(days=1 if on_spot else 7)
        concluded = at if on_spot else at + timedelta(days=rng.uniform(1, 9))
        outcome = "late" if concluded > deadline else "on_time"
        state = "completed_on_spot" if on_spot else "delivered"
        yield "case", (cid, f"B{day:%Y%m%d}{cid:08d}", "000000", hall.hall_id, item_id, dept,
                       tid, window, clerk, state, "person", "张三", "440301199001011234",
                       "[]", "on_spot" if on_spot else "accept", False, ts(at), ts(at),
                       ts(deadline), "[]", ts(concluded), ts(concluded), outcome,
                       1 if fate < 0.9 else 2, True, 1)
        ids["rating"] += 1
        level = 1 if rng.random() < 0.03 else rng.choice((3, 4, 5, 5, 5))
        yield "rating", (ids["rating"], ts(at + timedelta(minutes=1)), tid, None, window,
                         clerk, level, "pad")
        if level == 1:
            ids["followup"] += 1
            opened = at + timedelta(minutes=1)
            closed = rng.random() < 0.8
            yield "followup", (ids["followup"], ids["rating"], ts(opened),
                               ts(opened + timedelta(days=7)), "closed" if closed else "open",
                               ts(opened + timedelta(days=2)) if closed else None)


TABLES = {"ticket": ("ticket", TICKET_COLS), "case": ("case_file", CASE_COLS),
          "rating": ("rating", RATING_COLS), "followup": ("followup", FOLLOWUP_COLS)}


def load(db: Database, args: argparse.Namespace) -> None:
    """Bulk-insert the history and today (raw DBAPI: executemany on SQLite, COPY on PG)."""
    hall = Hall(db)
    rng = random.Random(20260602)
    ids = {"ticket": 0, "case": 0, "rating": 0, "followup": 0}
    days = [(d, args.tickets, args.cases, False) for d in history_days(args.days)]
    days.append((BENCH_DAY, args.tickets // 2, args.cases // 2, True))
    raw = db.writer.raw_connection()
    try:
        cur = raw.cursor()
        if db.is_sqlite:
            cur.execute("PRAGMA synchronous = OFF")
        for day, n_tickets, n_cases, today in days:
            batch: dict[str, list[tuple[Any, ...]]] = {k: [] for k in TABLES}
            for kind, row in day_rows(hall, day, n_tickets, n_cases, ids, rng, today=today):
                batch[kind].append(row)
            for kind, rows in batch.items():
                _insert(cur, db.is_sqlite, *TABLES[kind], rows)
        raw.commit()
        cur.close()
    finally:
        raw.close()
    if not db.is_sqlite:
        with db.writer.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def _insert(cur: Any, sqlite: bool, table: str, cols: tuple[str, ...],
            rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    if sqlite:
        marks = ", ".join("?" * len(cols))
        cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
        return
    with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def build(db: Database, args: argparse.Namespace) -> None:
    init_database(db, demo=True, clock=lambda: BENCH_NOW - timedelta(days=400))
    with db.write_session() as s:
        s.execute(update(Queue).values(daily_quota=None, time_quotas=[]))
        s.commit()
    started = time.perf_counter()
    load(db, args)
    print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)


@contextmanager
def prepared(engine: str, args: argparse.Namespace) -> Iterator[str]:
    if engine == "sqlite":
        size = f"{args.days}x{args.tickets}x{args.cases}"
        cache = f"/tmp/hallapp_kpibench_v{CACHE_VERSION}_{size}.sqlite3"
        if not os.path.exists(cache):
            building = cache + ".building"
            for suffix in ("", "-wal", "-shm", "-writer.lock"):
                if os.path.exists(building + suffix):
                    os.remove(building + suffix)
            db = Database(f"sqlite:///{building}")
            build(db, args)
            db.dispose()
            os.replace(building, cache)
            if os.path.exists(building + "-writer.lock"):
                os.remove(building + "-writer.lock")
        work = "/tmp/hallapp_kpibench_run.sqlite3"
        shutil.copyfile(cache, work)
        try:
            yield f"sqlite:///{work}"
        finally:
            for suffix in ("", "-wal", "-shm", "-writer.lock"):
                if os.path.exists(work + suffix):
                    os.remove(work + suffix)
        return
    admin = Database(PG_ADMIN)
    name = f"hallapp_kpibench_{os.getpid()}"
    url = make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    with admin.writer.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        db = Database(url)
        build(db, args)
        db.dispose()
        yield url
    finally:
        with admin.writer.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()  # warm: mappers, statement cache, pages
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


PERIODS = {"day": (BENCH_DAY - timedelta(days=1), BENCH_DAY - timedelta(days=1)),
           "today": (BENCH_DAY, BENCH_DAY),
           "month": (date(2026, 5, 1), date(2026, 5, 31)),
           "year": (BENCH_DAY - timedelta(days=364), BENCH_DAY)}


def run_engine(engine: str, args: argparse.Namespace) -> list[tuple[str, str, float, float]]:
    with prepared(engine, args) as url:
        db = Database(url)
        ctx = Ctx(db, SYSTEM_ACTOR, clock=lambda: BENCH_NOW, terminal="bench")
        started = time.perf_counter()
        result = kpi_summary.refresh_summaries(ctx)
        print(f"  {engine}: first refresh {time.perf_counter() - started:.1f} s: {result}",
              flush=True)
        rows = []
        for period, (start, end) in PERIODS.items():
            for by in DIMS:
                med, top = timed(lambda s=start, e=end, b=by: kpi_report.kpi_report(
                    ctx, s, e, by=b), args.repeat)
                rows.append((period, by, med, top))
                print(f"  {engine} {period:5} {by:10} median {med:6.1f} ms  max {top:6.1f} ms",
                      flush=True)
        month = PERIODS["month"]
        med, top = timed(lambda: kpi_report.daily_trend(ctx, *month), args.repeat)
        rows.append(("month", "trend", med, top))
        print(f"  {engine} month trend      median {med:6.1f} ms  max {top:6.1f} ms")
        rows += _live_full_day(db, engine, args.repeat)
        db.dispose()
    return rows


def _live_full_day(db: Database, engine: str, repeat: int) -> list[tuple[str, str, float,
                                                                          float]]:
    """Today at closing time: a whole busy day computed live (yesterday, not from summaries)."""
    day = PERIODS["day"][0]
    out = []
    with db.read_session() as s:
        lk = lookups(s)
        for by in DIMS:
            dims = ("hall",) if by == "hall" else ("hall", by)
            med, top = timed(lambda d=dims: compute_day(s, lk, day, "Asia/Shanghai", d,
                                                        sqlite=db.is_sqlite), repeat)
            out.append(("live full day", by, med, top))
            print(f"  {engine} live full day {by:10} median {med:6.1f} ms  max {top:6.1f} ms",
                  flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--days", type=int, default=250)
    parser.add_argument("--tickets", type=int, default=16000)
    parser.add_argument("--cases", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cpu, Python "
          f"{platform.python_version()}; {date.today()}; {args}", flush=True)
    results = {e: run_engine(e, args) for e in args.engines.split(",")}
    print("\n| period | by | " + " | ".join(f"{e} median / max (ms)" for e in results) + " |")
    print("|---|---|" + "---|" * len(results))
    keys = [(p, b) for p, b, _m, _x in next(iter(results.values()))]
    for i, (period, by) in enumerate(keys):
        cells = " | ".join(f"{r[i][2]:.1f} / {r[i][3]:.1f}" for r in results.values())
        print(f"| {period} | {by} | {cells} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
