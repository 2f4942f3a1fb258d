"""Queue engine throughput and latency: take ticket and call next with 1, 4, 16 terminals.

Every terminal is its own process with its own ``Database`` (as in the hall). The database
holds ``--history`` past tickets over ~250 hall days first, so indexes are tested at the size
of a busy hall's year. Beside each engine the raw limit is measured: one durable single-row
insert-and-commit in a loop (SQLite with the app's pragmas, WAL + synchronous=FULL;
PostgreSQL with the default synchronous_commit=on). Every queue operation also writes an
audit entry and a feed event by design, so the ratio shows what the app makes of the disk.

    .venv/bin/python bench/queue_bench.py --engines sqlite,postgresql --history 5000000 \
        --terminals 1,4,16 --seconds 10 [--profile]

The SQLite history file is cached in /tmp between runs; PostgreSQL gets a database
``hallapp_bench_<pid>`` that is dropped at the end. Call-next latency is the call alone; the
window then finishes the ticket (a second transaction) before it can call again. "Finish +
call next" is the clerk's one key for both (``windows.finish_and_call_next``): one
transaction per call. With
HALLAPP_BENCH_NO_WRITER_QUEUE=1 SQLite writers skip the writer-lock queue (A/B of that fix).
With ``--writer`` the SQLite phases run a second time with the batch writer (``hallapp
writer``, see hallapp/services/batching.py) serving the terminals; its CPU is shown apart.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import multiprocessing as mp
import os
import platform
import pstats
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from queue_bench_db import BENCH_NOW, prepared, reset_day
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from hallapp.core.errors import EmptyQueue
from hallapp.core.roles import Actor, Role
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import (
    Staff,
)
from hallapp.store.uow import Database


def _ctx(url: str, username: str, offset_s: float) -> Ctx:
    db = Database(url)
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        actor = Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                      row.window_number)
    offset = timedelta(seconds=offset_s)
    return Ctx(db, actor, clock=lambda: datetime.now(UTC) + offset, terminal=username)


def _operation(kind: str, url: str, idx: int, offset_s: float) -> Callable[[], list[float]]:
    """One terminal's operation; returns the latencies of its transactions (timed first)."""
    if kind == "take":
        ctx = _ctx(url, f"kiosk{idx % 2 + 1}", offset_s)
        codes = "ABCDEFZ"
        turn = iter(range(idx, 10**9))

        def take() -> list[float]:
            t = time.perf_counter()
            tickets.take_ticket(ctx, codes[next(turn) % len(codes)])
            return [time.perf_counter() - t]

        return take
    if kind in ("call", "next"):
        number = idx + 1
        ctx = _ctx(url, f"clerk{number}" if number <= 14 else "supervisor1", offset_s)
        windows.open_window(ctx, number)
        return _window_operation(kind, ctx, number)
    return _raw_operation(url)


def _window_operation(kind: str, ctx: Ctx, number: int) -> Callable[[], list[float]]:
    if kind == "next":  # the clerk's "finish and call next" key: one transaction per call

        def finish_and_call() -> list[float]:
            t = time.perf_counter()
            windows.finish_and_call_next(ctx, number)
            return [time.perf_counter() - t]

        return finish_and_call

    def call() -> list[float]:
        t = time.perf_counter()
        windows.call_next(ctx, number)
        t2 = time.perf_counter()
        windows.finish(ctx, number)
        return [t2 - t, time.perf_counter() - t2]

    return call


def _raw_operation(url: str) -> Callable[[], list[float]]:
    """The limit: one durable single-row insert-and-commit, without the app around it."""
    sql = "INSERT INTO bench_raw (at, payload) VALUES (?, ?)"
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        conn: Any = sqlite3.connect(parsed.database or "", isolation_level=None, timeout=15)
        for pragma in ("busy_timeout = 15000", "journal_mode = WAL", "synchronous = FULL"):
            conn.execute(f"PRAGMA {pragma}")

        def commit() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(sql, (datetime.now(UTC).isoformat(), "x" * 100))
            conn.execute("COMMIT")
    else:
        import psycopg

        conn = psycopg.connect(parsed.set(drivername="postgresql")
                               .render_as_string(hide_password=False))
        sql = sql.replace("?", "%s")

        def commit() -> None:
            conn.execute(sql, (datetime.now(UTC).isoformat(), "x" * 100))
            conn.commit()

    def raw() -> list[float]:
        t = time.perf_counter()
        commit()
        return [time.perf_counter() - t]

    return raw


WARM_UP_OPS = 3


def terminal(kind: str, url: str, idx: int, seconds: float, offset_s: float, barrier: Any,
             finished: Any, out: Any, interval: float = 0.0) -> None:
    """A terminal process: set up, wait for the others, then work for ``seconds``.

    Before the start each terminal does ``WARM_UP_OPS`` untimed operations (connections
    opened, statements prepared), as a terminal that has been running since morning.
    ``interval`` 0: flat out (closed loop). Otherwise open loop: one operation every
    ``interval`` seconds on a fixed schedule, and a late start counts in the latency (so a
    terminal that falls behind cannot hide its queueing delay).
    """
    if os.environ.get("HALLAPP_BENCH_NO_WRITER_QUEUE"):  # A/B: SQLite's busy handler only
        from hallapp.store import engine

        engine.WriterConnection.acquire_writer_lock = lambda self: None  # type: ignore[method-assign]
    op = _operation(kind, url, idx, offset_s)
    for _ in range(WARM_UP_OPS):  # a terminal runs all day: its first statements are not timed
        op()
    barrier.wait()
    cpu = time.process_time()
    start = time.monotonic()
    end = start + seconds
    lats: list[list[float]] = []
    dry, failure = False, ""
    due = start + random.Random(idx).uniform(0, interval)
    while time.monotonic() < end:
        late = 0.0
        if interval:
            time.sleep(max(0.0, due - time.monotonic()))
            late, due = max(0.0, time.monotonic() - due), due + interval
        try:
            times = op()
        except EmptyQueue:
            dry = True
            break
        except Exception as exc:  # reported by the main process after all have stopped
            failure = f"terminal {idx}: {exc!r}"
            break
        lats.append([times[0] + late, *times[1:]])
    # Exit together: a terminal that tore down its interpreter while the others still worked
    # took their CPU, and their last operations' latencies showed it (p99 28 ms instead of
    # ~5 ms at 50/s offered).
    elapsed, cpu = time.monotonic() - start, time.process_time() - cpu
    finished.wait(timeout=seconds + 300)
    out.put((elapsed, lats, dry, cpu, failure))


@dataclass(frozen=True)
class Phase:
    kind: str
    terminals: int
    ops: int
    seconds: float
    latencies: list[float]
    follow: list[float]
    dry: bool
    cpu: float  # seconds of CPU in the terminal processes (the server's not included)
    pace: float = 0.0  # operations/s offered (open loop); 0 = flat out
    writer_cpu: float | None = None  # seconds of CPU in the batch writer, when one served

    @property
    def rate(self) -> float:
        return self.ops / self.seconds

    def pct(self, p: float, follow: bool = False) -> float:
        data = sorted(self.follow if follow else self.latencies)
        return 1000 * data[min(len(data) - 1, int(p / 100 * len(data)))] if data else 0.0


@contextmanager
def batch_writer(url: str) -> Iterator[Callable[[], float]]:
    """A ``hallapp writer`` process for the phase; yields a reading of its CPU seconds."""
    proc = subprocess.Popen([sys.executable, "-m", "hallapp.cli.main", "--db", url, "writer"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    if "批量写入进程已启动" not in proc.stdout.readline():  # printed once it listens
        raise SystemExit("batch writer did not start")

    def cpu() -> float:
        with open(f"/proc/{proc.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    try:
        yield cpu
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def run_phase(kind: str, url: str, n: int, seconds: float, pace: float = 0.0,
              writer: bool = False) -> Phase:
    """``n`` terminals flat out, or (``pace`` > 0) offering ``pace`` operations/s together;
    ``writer``: with a batch writer serving them."""
    if writer:
        with batch_writer(url) as writer_cpu:
            before = writer_cpu()
            phase = run_phase(kind, url, n, seconds, pace)
            return dataclasses.replace(phase, writer_cpu=writer_cpu() - before)
    ctx = mp.get_context("spawn")
    barrier, finished, out = ctx.Barrier(n + 1), ctx.Barrier(n), ctx.Queue()
    offset = (BENCH_NOW - datetime.now(UTC)).total_seconds()
    interval = n / pace if pace else 0.0
    procs = [ctx.Process(target=terminal,
                         args=(kind, url, i, seconds, offset, barrier, finished, out, interval))
             for i in range(n)]
    for p in procs:
        p.start()
    barrier.wait(timeout=300)
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join()
        if p.exitcode != 0:
            raise SystemExit(f"{kind} terminal failed with exit code {p.exitcode}")
    failures = [r[4] for r in results if r[4]]
    if failures:
        raise SystemExit(f"{kind}: {len(failures)} terminal(s) failed: {failures[0]}")
    lats = [lat for _e, rows, _d, _c, _f in results for lat in rows]
    return Phase(kind, n, len(lats), max(r[0] for r in results),
                 [x[0] for x in lats], [x[1] for x in lats if len(x) > 1],
                 any(r[2] for r in results), sum(r[3] for r in results), pace)


def profile(url: str, kind: str, seconds: float) -> str:
    """cProfile of one terminal working alone in this process; the top of the tottime list."""
    reset_day(url, 2000 if kind == "call" else 0)
    op = _operation(kind, url, 0, (BENCH_NOW - datetime.now(UTC)).total_seconds())
    prof = cProfile.Profile()
    end, count = time.monotonic() + seconds, 0
    prof.enable()
    while time.monotonic() < end:
        op()
        count += 1
    prof.disable()
    out = f"/tmp/queue_bench_{make_url(url).get_backend_name()}_{kind}.prof"
    prof.dump_stats(out)
    lines = [f"{kind}: {count} ops in {seconds:.0f} s, profile in {out}"]
    for func, (_cc, nc, tt, ct, _callers) in sorted(
            pstats.Stats(prof).stats.items(), key=lambda kv: kv[1][2], reverse=True)[:18]:  # type: ignore[attr-defined]
        name = f"{os.path.basename(func[0])}:{func[1]}({func[2]})"
        lines.append(f"  {tt / count * 1000:7.3f} ms/op self {ct / count * 1000:7.3f} ms/op cum "
                     f"{nc / count:6.1f} calls/op  {name}")
    return "\n".join(lines)


def _proc_field(path: str, key: str) -> str:
    with open(path) as fh:
        return next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith(key)), "?")


def machine() -> list[str]:
    cpu = _proc_field("/proc/cpuinfo", "model name")
    mem = int(_proc_field("/proc/meminfo", "MemTotal").split()[0])
    return [f"- machine: {os.cpu_count()} CPUs ({cpu}), {mem / 1024 / 1024:.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}",
            f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
            f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average at the end "
            f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} (1/5/15 min; other jobs shared "
            f"the machine)",
            f"- command: `.venv/bin/python bench/{os.path.basename(sys.argv[0])} "
            f"{' '.join(sys.argv[1:])}`"]


def pg_version(url: str) -> str:
    db = Database(url)
    with db.read_session() as s:
        version = str(s.scalar(text("SHOW server_version")))
        sync = str(s.scalar(text("SHOW synchronous_commit")))
    db.dispose()
    return f"- PostgreSQL {version}, synchronous_commit={sync}"


HEADER = ("| engine | terminals | operation | ops/s | p50 ms | p99 ms | client CPU ms/op "
          "| raw commits/s (1 conn / N conns) | ops / raw(N) | txn / raw(N) |\n"
          "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")


def row(engine: str, phase: Phase, raw1: Phase, rawn: Phase) -> str:
    txn = phase.rate * (2 if phase.kind == "call" else 1)
    name = {"take": "take ticket", "call": "call next (+ finish)",
            "next": "finish + call next, one key",
            "raw": "raw: one-row insert + commit"}[phase.kind]
    if phase.pace:
        name += f", paced: {phase.pace:.0f}/s offered"
    if phase.kind == "call":
        name += f" (finish p50 {phase.pct(50, True):.1f} / p99 {phase.pct(99, True):.1f} ms)"
    if phase.dry:
        name += " — a queue ran dry"
    cpu = f"{1000 * phase.cpu / max(phase.ops, 1):.2f}"
    if phase.writer_cpu is not None:
        name = name.replace("take ticket", "take ticket, batch writer").replace(
            "call next (+ finish)", "call next (+ finish), batch writer").replace(
            "one key", "one key, batch writer")
        cpu += f" + {1000 * phase.writer_cpu / max(phase.ops, 1):.2f} writer"
    return (f"| {engine} | {phase.terminals} | {name} | {phase.rate:.0f} | {phase.pct(50):.1f} "
            f"| {phase.pct(99):.1f} | {cpu} "
            f"| {raw1.rate:.0f} / {rawn.rate:.0f} "
            f"| {phase.rate / rawn.rate:.0%} | {txn / rawn.rate:.0%} |")


def bench_engine(engine: str, args: argparse.Namespace) -> tuple[list[str], list[str]]:
    rows, notes = [], []
    with_writer = [False, True] if args.writer and engine == "sqlite" else [False]
    phases = [(kind, w) for w in with_writer for kind in ("take", "call", "next")]
    print(f"{engine}: preparing {args.history} historical tickets", flush=True)
    with prepared(engine, args.history) as url:
        if engine == "postgresql":
            notes.append(pg_version(url))
        raw1 = run_phase("raw", url, 1, args.seconds)
        for n in args.terminals:
            rawn = raw1 if n == 1 else run_phase("raw", url, n, args.seconds)
            rows.append(row(engine, rawn, raw1, rawn))  # its latencies: the disk's own
            for kind, writer in phases:
                reset_day(url, 0 if kind == "take" else args.waiting)
                phase = run_phase(kind, url, n, args.seconds, writer=writer)
                rows.append(row(engine, phase, raw1, rawn))
                print(rows[-1], flush=True)
        if args.pace:
            n = max(args.terminals)
            rawn = raw1 if n == 1 else run_phase("raw", url, n, args.seconds)
            # The raw commit at the same pace: the disk's own latency tail, under the p99s.
            rows.append(row(engine, run_phase("raw", url, n, args.seconds, args.pace),
                            raw1, rawn))
            for kind, writer in phases:
                reset_day(url, 0 if kind == "take" else args.waiting)
                rows.append(row(engine, run_phase(kind, url, n, args.seconds, args.pace,
                                                  writer=writer), raw1, rawn))
                print(rows[-1], flush=True)
        if args.profile:
            notes.extend(profile(url, kind, args.seconds) for kind in ("take", "call"))
    return rows, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--history", type=int, default=5_000_000)
    parser.add_argument("--terminals", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--waiting", type=int, default=10_000,
                        help="per queue, before call-next")
    parser.add_argument("--profile", action="store_true", help="also cProfile one terminal")
    parser.add_argument("--pace", type=float, default=0.0,
                        help="also run the most terminals open loop, offering this many ops/s")
    parser.add_argument("--writer", action="store_true",
                        help="SQLite: run take and call again with the batch writer")
    parser.add_argument("--out", help="also write the markdown block to this file")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # still drop the bench database
    args.terminals = [int(n) for n in args.terminals.split(",")]
    results = [bench_engine(engine, args) for engine in args.engines.split(",")]
    rows = [r for rs, _ in results for r in rs]
    notes = [n for _, ns in results for n in ns]
    report = "\n".join([*machine(), *(n for n in notes if n.startswith("- ")), "", HEADER,
                        *rows, "", *(n for n in notes if not n.startswith("- "))])
    print("\n" + report)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(report + "\n")


if __name__ == "__main__":
    main()
