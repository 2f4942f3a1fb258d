"""Simulator benchmark: fast mode on a large hall day, live mode's rate of real operations.

Fast mode: the demo profile scaled to ``--tickets`` applicants a day (20,000) on ``--desks``
desks (40, cycling the demo hall's 14 work profiles), service times scaled so the desks are
~95 % loaded. Each run = drawing the day + playing it on the SimPy clock; the summary across
runs (confidence intervals) is timed separately. Target: ≤ 2 s per run.

Live mode: the demo hall in a fresh database per engine, ``--live-hours`` of a demo day at a
speed where the driver never sleeps (an injected clock jumps ahead instead), so the rate is
what the services sustain: real service calls (take, open, call, start, case intake,
decide, finish, no-show, close) per second of wall time, one process.

    .venv/bin/python bench/sim_bench.py --runs 5 --engines sqlite,postgresql [--profile]

PostgreSQL: a database ``hallapp_simbench_<pid>`` on HALLAPP_BENCH_PG (default local
``postgres``), dropped at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import os
import platform
import pstats
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from hallapp.core.queue_rules import ProfileEntry
from hallapp.core.roles import Actor, Role
from hallapp.core.sim.profile import SimProfile, load_profile
from hallapp.core.sim.runner import run_days
from hallapp.core.sim.stats import summarise
from hallapp.core.sim.winplan import WindowPlan, WorkProfile
from hallapp.services import calendar_admin, simulate_live
from hallapp.services.context import Ctx
from hallapp.services.setup import init_database
from hallapp.store.models import Staff
from hallapp.store.uow import Database

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("HALLAPP_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def large_hall(tickets: int, desks: int) -> tuple[SimProfile, WindowPlan]:
    demo = load_profile(ROOT / "resources" / "demo" / "sim_profile.json")
    k = tickets / demo.expected_arrivals()
    # Demo load is ~14 desks' worth for ~318 tickets: scale service so `desks` stay ~95 % busy.
    shrink = k * 14 / desks / 0.95

    def faster(s: object) -> object:
        return dataclasses.replace(s, minutes=s.minutes / shrink)  # type: ignore[attr-defined]

    queues = tuple(dataclasses.replace(q, hourly=tuple(r * k for r in q.hourly),
                                       service=faster(q.service)) for q in demo.queues)
    items = {c: dataclasses.replace(i, service=faster(i.service)) for c, i in demo.items.items()}
    profile = dataclasses.replace(demo, queues=queues, items=items)
    hall = json.loads((ROOT / "resources" / "demo" / "hall.json").read_text(encoding="utf-8"))
    profiles = {}
    for n in range(desks):
        w = hall["windows"][n % len(hall["windows"])]
        profiles[f"D{n + 1:02d}"] = WorkProfile(f"D{n + 1:02d}", w["profile_mode"], tuple(
            ProfileEntry(e["queue"], e["precedence"], e["ratio"]) for e in w["profile"]))
    plan = WindowPlan(profiles, {h: dict.fromkeys(profiles, 1) for h in profile.hours()})
    return profile, plan


def bench_fast(runs: int, tickets: int, desks: int, profile_it: bool) -> dict[str, object]:
    profile, plan = large_hall(tickets, desks)
    times, results = [], []
    for i in range(runs):
        started = time.perf_counter()
        results.extend(run_days(profile, plan, 1, seed=i))
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    summarise(results)
    summary = time.perf_counter() - started
    if profile_it:
        cProfile.runctx("run_days(profile, plan, 1, seed=99)", globals(), locals(), "/tmp/simb")
        pstats.Stats("/tmp/simb").sort_stats("cumulative").print_stats(20)
    sizes = [len(r.applicants) for r in results]
    calls = [r.calls for r in results]
    return {"runs": runs, "tickets_mean": statistics.fmean(sizes), "desks": desks,
            "calls_mean": statistics.fmean(calls),
            "seconds_per_run_median": statistics.median(times), "seconds_per_run_max": max(times),
            "summary_seconds": summary}


class JumpClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # 09:00 Shanghai, a Tuesday

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _ctx(db: Database, clock: JumpClock, username: str) -> Ctx:
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        actor = Actor(row.username, Role(row.role), row.id, row.name, row.department_id)
    return Ctx(db, actor, clock=clock, terminal="bench")


def bench_live(url: str, hours: float) -> dict[str, object]:
    db = Database(url)
    init_database(db, demo=True, clock=lambda: datetime(2026, 11, 23, 0, 30, tzinfo=UTC))
    clock = JumpClock()
    notice = {"year": 2027, "holidays": ["2027-01-01"], "workdays": []}
    calendar_admin.load_calendar(_ctx(db, clock, "admin1"), json.dumps(notice))
    result = simulate_live.run_live(_ctx(db, clock, "supervisor1"), speed=30, hours=hours,
                               sleep=clock.sleep, close_day=True)
    db.dispose()
    t = result.tally
    return {"model_hours": hours, "operations": t.operations, "taken": t.taken,
            "served": t.served, "no_show": t.no_show, "cases": sum(t.cases.values()),
            "wall_seconds": round(result.real_seconds, 2),
            "operations_per_second": round(result.operations_per_second, 1)}


def _pg_url() -> tuple[str, str]:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"hallapp_simbench_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False), name


def _pg_drop(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"nproc {os.cpu_count()}, {cpu}, RAM {mem / 1024 / 1024:.0f} GiB, Python " \
           f"{platform.python_version()}"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--tickets", type=int, default=20_000)
    p.add_argument("--desks", type=int, default=40)
    p.add_argument("--engines", default="sqlite,postgresql")
    p.add_argument("--live-hours", type=float, default=1.0)
    p.add_argument("--profile", action="store_true", help="cProfile one fast run")
    a = p.parse_args()
    print(machine())
    fast = bench_fast(a.runs, a.tickets, a.desks, a.profile)
    print("fast", json.dumps(fast))
    for engine in filter(None, a.engines.split(",")):
        if engine == "sqlite":
            url = f"sqlite:///{tempfile.mkdtemp(prefix='simbench-')}/hall.sqlite3"
            print("live sqlite", json.dumps(bench_live(url, a.live_hours)))
        else:
            url, name = _pg_url()
            try:
                print("live postgresql", json.dumps(bench_live(url, a.live_hours)))
            finally:
                _pg_drop(name)


if __name__ == "__main__":
    main()
