"""The batch writer's own cost per operation, without terminals: batches of takes (or of
calls, then finishes; or of finish-and-call-next) run in this process by
``BatchWriter._run_batch``, answered into a socket pair.

    .venv/bin/python bench/writer_ops.py --kind take --batch 8 --batches 400
    .venv/bin/python bench/writer_ops.py --kind call --batch 14 --instructions

CPU time per operation is as noisy as the machine (±15 % here from one minute to the
next). ``--instructions`` counts instead the machine instructions per operation under
valgrind (``cachegrind``, no cache simulation): the same code gives the same count to
0.01 %, so a change of 1 % can be told apart in one run. It runs this script twice under
valgrind, with 10 and 60 timed batches, and divides the difference by the extra operations,
so start-up and set-up drop out. Needs ``valgrind`` (Debian package valgrind).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import re
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from queue_bench import _ctx
from queue_bench_db import BENCH_NOW, prepared, reset_day

from hallapp.services import windows
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.batching import Request, recv_frame, request_id

TAKE = "hallapp.services.tickets._take_placed"
CALL = "hallapp.services.windows._call_next_row"
FINISH = "hallapp.services.windows._finish_row"
NEXT = "hallapp.services.windows._finish_and_call_next_rows"
CODES = "ABCDEFZ"
WARM_UP_BATCHES = 20


def run(kind: str, size: int, batches: int, history: int,
        profile: cProfile.Profile | None = None) -> tuple[int, float]:
    """Operations run and CPU seconds they took (after warm-up batches); ``profile``
    profiles the timed batches."""
    with prepared("sqlite", history) as url:
        reset_day(url, 0 if kind == "take" else 10_000)
        offset = timedelta(seconds=(BENCH_NOW - datetime.now(UTC)).total_seconds())
        kiosk = _ctx(url, "kiosk1", offset.total_seconds())
        clerks = [_ctx(url, f"clerk{i + 1}", offset.total_seconds())
                  for i in range(min(size, 14))]
        if kind != "take":
            for number, clerk in enumerate(clerks, 1):
                windows.open_window(clerk, number)
        writer = BatchWriter(url)
        ours, theirs = socket.socketpair()

        def batch(j: int) -> list[tuple[socket.socket, Request]]:
            now = datetime.now(UTC) + offset
            if kind == "take":
                return [(ours, Request(request_id(), TAKE, kiosk.actor, "kiosk1", now,
                                       (CODES[(j * size + i) % len(CODES)], None, None, None,
                                        None, "kiosk", False, None), {}))
                        for i in range(size)]
            op = NEXT if kind == "next" else CALL if j % 2 == 0 else FINISH
            return [(ours, Request(request_id(), op, c.actor, c.actor.username, now,
                                   (number,), {}))
                    for number, c in enumerate(clerks, 1)]

        def answered(n: int) -> None:
            for _ in range(n):
                payload = recv_frame(theirs)
                assert payload is not None
                assert pickle.loads(payload).kind == "ok"

        for j in range(WARM_UP_BATCHES):
            requests = batch(j)
            writer._run_batch(requests)
            answered(len(requests))
        ops, cpu = 0, time.process_time()
        if profile is not None:
            profile.enable()
        for j in range(batches):
            requests = batch(j)
            writer._run_batch(requests)
            answered(len(requests))
            ops += len(requests)
        cpu = time.process_time() - cpu
        if profile is not None:
            profile.disable()
        writer.close()
        return ops, cpu


def instructions(args: argparse.Namespace) -> float:
    def counted(batches: int) -> tuple[int, int]:
        out = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
             sys.executable, __file__, "--kind", args.kind, "--batch", str(args.batch),
             "--batches", str(batches), "--history", str(args.history)],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"})
        refs = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
        ops = re.search(r"^(\d+) operations", out.stdout, re.M)
        assert refs, out.stderr[-2000:]
        assert ops, out.stdout[-2000:]
        return int(refs.group(1).replace(",", "")), int(ops.group(1))

    (few_ir, few_ops), (many_ir, many_ops) = counted(10), counted(60)
    return (many_ir - few_ir) / (many_ops - few_ops)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", choices=("take", "call", "next"), default="take")
    parser.add_argument("--batch", type=int, default=8, help="operations per batch")
    parser.add_argument("--batches", type=int, default=400)
    parser.add_argument("--history", type=int, default=200_000)
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the timed batches (CPU time): the top functions by own time")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions per operation under valgrind")
    args = parser.parse_args()
    if args.instructions:
        print(f"{args.kind}, batches of {args.batch}: "
              f"{instructions(args):,.0f} instructions per operation")
        return
    profile = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not fsyncs
    ops, cpu = run(args.kind, args.batch, args.batches, args.history, profile)
    print(f"{ops} operations, {1000 * cpu / ops:.3f} ms CPU per operation")
    if profile is not None:
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
