"""What the batch writer's "finish + call next" would cost with nothing but its statements:
the same rows written by hand-written ``sqlite3`` calls with as little Python between them as
possible, beside the real writer (``writer_ops.py --kind next``) in the same run.

    .venv/bin/python bench/writer_floor.py --batch 8 --batches 800

Per operation, as the writer does it: the window's row, its open ticket, that ticket finished
and its service record, the head of each queue it serves, the oldest one claimed, the
window's call history; per batch: the feed head, two audit entries per operation with their
hash chain, two events, the head moved, a request row per operation with its pickled answer,
one commit (``synchronous=FULL``). No permission check, no rules engine (the oldest head is
called), no views, no audit JSON beyond fixed texts: the floor of the same durable writes.
The difference from the real writer is the Python between its statements.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from queue_bench import _ctx
from queue_bench_db import BENCH_DAY, BENCH_NOW, prepared, reset_day
from writer_ops import WARM_UP_BATCHES
from writer_ops import run as run_writer

from hallapp.services import windows

_OPEN = "SELECT id, started_at, queue_id, number FROM ticket WHERE window_id = ? AND " \
        "state IN ('called', 'serving')"
_HEAD = ("SELECT id, order_at, number FROM ticket WHERE queue_id = ? AND hall_day = ? "
         "AND state = 'waiting' AND target_window IS NULL AND priority IS NULL "
         "AND appointment = 0 ORDER BY target_window, priority, appointment, order_at, id "
         "LIMIT 1")
_AUDIT = ("INSERT INTO audit_log (id, at, actor_id, actor, terminal, action, entity, "
          "entity_id, before, after, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")


class Floor:
    def __init__(self, path: str, windows_: list[tuple[int, int, list[int]]]) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
            self.db.execute(f"PRAGMA {pragma}")
        self.windows = windows_  # (window id, clerk id, queue ids)

    def one_key(self, window: int, clerk: int, queues: list[int], now: str,
                log: list[tuple[str, int, str]]) -> Any:
        db = self.db
        history = db.execute('SELECT call_history FROM "window" WHERE id = ?',
                             (window,)).fetchone()[0]
        open_ = db.execute(_OPEN, (window,)).fetchone()
        if open_ is not None:
            tid, started, queue, number = open_
            db.execute("UPDATE ticket SET state = 'done', started_at = ?, finished_at = ?, "
                       "closed_at = ? WHERE id = ?", (started or now, now, now, tid))
            db.execute("INSERT INTO service_record (ticket_id, queue_id, window_id, clerk_id, "
                       "started_at, finished_at, outcome) VALUES (?, ?, ?, ?, ?, ?, 'done')",
                       (tid, queue, window, clerk, started or now, now))
            log.append(("ticket_finish", tid, number))
        day = BENCH_DAY.isoformat()
        heads = [db.execute(_HEAD, (q, day)).fetchone() for q in queues]
        tid, _, number = min((h for h in heads if h is not None), key=lambda h: h[1])
        db.execute("UPDATE ticket SET state = 'called', window_id = ?, clerk_id = ?, "
                   "called_at = ?, first_called_at = COALESCE(first_called_at, ?), "
                   "call_count = call_count + 1, target_window = NULL "
                   "WHERE id = ? AND state = 'waiting'", (window, clerk, now, now, tid))
        calls = [*json.loads(history or "[]"), "A"][-50:]
        db.execute('UPDATE "window" SET call_history = ?, consecutive_priority = 0 '
                   "WHERE id = ?", (json.dumps(calls), window))
        log.append(("ticket_call", tid, number))
        return open_, tid, number

    def batch(self, now: datetime) -> int:
        db, at = self.db, now.replace(tzinfo=None).isoformat(" ", "microseconds")
        db.execute("BEGIN IMMEDIATE")
        seq, chain, event = db.execute(
            "SELECT audit_seq, audit_hash, event_seq FROM feed_head WHERE id = 1").fetchone()
        log: list[tuple[str, int, str]] = []
        answers = [pickle.dumps(self.one_key(w, c, qs, at, log), pickle.HIGHEST_PROTOCOL)
                   for w, c, qs in self.windows]
        audits, events = [], []
        for action, tid, number in log:
            seq, event = seq + 1, event + 1
            before, after = '{"state":"called"}', '{"state":"done","window":1}'
            digest = hashlib.sha256(
                f"{chain}|{seq}|{at}|{action}|{tid}|{before}|{after}".encode()).hexdigest()
            audits.append((seq, at, 1, "clerk1", "clerk1", action, "ticket", str(tid),
                           before, after, chain, digest))
            chain = digest
            events.append((event, at, action,
                           f'{{"number":"{number}","ticket":{tid},"window":1}}'))
        db.executemany(_AUDIT, audits)
        db.executemany("INSERT INTO event (id, at, kind, payload) VALUES (?, ?, ?, ?)", events)
        db.execute("UPDATE feed_head SET audit_seq = ?, audit_hash = ?, event_seq = ? "
                   "WHERE id = 1", (seq, chain, event))
        db.executemany("INSERT INTO batch_request (id, at, answer) VALUES (?, ?, ?)",
                       [(os.urandom(16).hex(), at, a) for a in answers])
        db.execute("COMMIT")
        return len(answers)


def run_floor(size: int, batches: int, history: int) -> tuple[int, float]:
    """Operations run and CPU seconds they took (after warm-up batches)."""
    with prepared("sqlite", history) as url:
        reset_day(url, 10_000)
        offset = (BENCH_NOW - datetime.now(UTC)).total_seconds()
        for number in range(1, size + 1):
            windows.open_window(_ctx(url, f"clerk{number}", offset), number)
        floor = Floor(url.removeprefix("sqlite:///"), [])
        for window, clerk in floor.db.execute(
                'SELECT id, clerk_id FROM "window" WHERE clerk_id IS NOT NULL ORDER BY number'
                ).fetchall():
            queues = [q for (q,) in floor.db.execute(
                "SELECT queue_id FROM work_profile WHERE window_id = ?", (window,))]
            floor.windows.append((window, clerk, queues))
        for j in range(WARM_UP_BATCHES):
            floor.batch(BENCH_NOW + timedelta(seconds=j))
        ops, cpu = 0, time.process_time()
        for j in range(batches):
            ops += floor.batch(BENCH_NOW + timedelta(seconds=WARM_UP_BATCHES + j))
        cpu = time.process_time() - cpu
        floor.db.close()
        return ops, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", type=int, default=8, help="operations per batch (≤ 14)")
    parser.add_argument("--batches", type=int, default=800)
    parser.add_argument("--history", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs of each")
    args = parser.parse_args()
    for _ in range(args.rounds):
        for name, runner in (("writer", lambda: run_writer("next", args.batch, args.batches,
                                                            args.history)),
                             ("floor", lambda: run_floor(args.batch, args.batches,
                                                         args.history))):
            ops, cpu = runner()
            print(f"{name:6} {ops} finish + call next, {1000 * cpu / ops:.3f} ms CPU each",
                  flush=True)


if __name__ == "__main__":
    main()
