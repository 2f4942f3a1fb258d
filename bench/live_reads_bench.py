"""What one refresh of each live screen costs: the reads that kiosks, counters, the call
display and the supervisor board make after every event, on the queue bench's database
(its history, and a busy bench day: waiting lines in every queue, windows holding tickets).

    .venv/bin/python bench/live_reads_bench.py --history 5000000 --waiting 2000

Each screen reloads on the events that concern it (debounced), so in a busy hall these run
several times a second on every terminal; on SQLite all of them run on the one machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from queue_bench import _ctx
from queue_bench_db import BENCH_NOW, prepared, reset_day

from hallapp.services import board, day, supervisor, windows


def _timed(read: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``runs`` calls (after one untimed)."""
    read()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        read()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return 1000 * statistics.median(walls), 1000 * statistics.median(cpus)


def _reads(url: str, args: argparse.Namespace) -> list[tuple[str, Callable[[], Any]]]:
    """The bench day set up (waiting lines, windows holding tickets) and the reads to time."""
    reset_day(url, args.waiting)
    offset = (BENCH_NOW - datetime.now(UTC)).total_seconds()
    for number in range(1, args.windows + 1):
        clerk = _ctx(url, f"clerk{number}", offset)
        windows.open_window(clerk, number)
        windows.call_next(clerk, number)
    boss, clerk = _ctx(url, "supervisor1", offset), _ctx(url, "clerk1", offset)
    return [("hall status (kiosk, counter, display)", lambda: day.hall_status(boss)),
            ("window state (counter)", lambda: windows.window_state(clerk, 1)),
            ("recent calls (display)", lambda: board.recent_calls(boss)),
            ("board (supervisor)", lambda: supervisor.board(boss))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--history", type=int, default=5_000_000)
    parser.add_argument("--waiting", type=int, default=2000, help="per queue")
    parser.add_argument("--windows", type=int, default=8, help="each holding a called ticket")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print("| engine | read (screen) | median ms | CPU ms |")
    print("|---|---|---:|---:|")
    for engine in args.engines.split(","):
        with prepared(engine, args.history) as url:
            for name, read in _reads(url, args):
                wall, cpu = _timed(read, args.runs)
                print(f"| {engine} | {name} | {wall:.1f} | {cpu:.1f} |", flush=True)


if __name__ == "__main__":
    main()
