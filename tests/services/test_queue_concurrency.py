"""The queue engine stays exact with many terminal processes, and when they are killed.

Peers issued duplicate numbers under concurrent issue, let two windows call one ticket and
let a window hold two tickets. Here 4 kiosk processes take tickets in queues A and B as fast
as they can while 5 window processes (1, 2, 3, 10, 11: every window whose profile serves A or
B) loop call next → finish; then the database itself is checked. The second test does the
same while a supervisor SIGKILLs a random worker every 100–300 ms and restarts it, and checks
that nothing was left half-done. Both run on SQLite and PostgreSQL (``hall_db``).

Workers live in ``queue_workers`` (spawned interpreters import it by name); they share only
the database and lock-free progress integers with this process.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import multiprocessing.connection
import os
import random
import signal
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import queue_workers
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx
from hallapp.store.engine import lock_taken_elsewhere
from hallapp.store.models import (
    AuditEntry,
    BatchRequest,
    DailyCounter,
    Event,
    FeedHead,
    ServiceRecord,
    Ticket,
    Window,
)
from hallapp.store.uow import Database

pytestmark = pytest.mark.slow

# Tuesday 2026-11-24 12:30 in Shanghai: a working day, between the time-quota periods of A
# and B, so only the daily quotas (300 and 200) apply and every take succeeds.
TEST_NOW = datetime(2026, 11, 24, 4, 30, tzinfo=UTC)
KIOSKS = ("kiosk1", "kiosk2", "kiosk1", "kiosk2")
WINDOWS = {1: "clerk1", 2: "clerk2", 3: "clerk3", 10: "clerk10", 11: "clerk11"}
TICKETS_PER_KIOSK = 60
KILLS = 30
DEADLINE_S = 240.0
KILLS_WITH_WRITER = 15
SERVED_BEFORE_KILL = 5


@dataclass
class Worker:
    name: str
    target: Callable[..., None]
    args: tuple[Any, ...]
    kiosk: bool
    ready: Any
    progress: Any
    proc: Any = None
    finished: bool = False
    service: bool = False  # runs until stopped (the batch writer)


@dataclass
class Supervisor:
    """Starts the workers, optionally kills and restarts them, and waits until all are done."""

    url: str
    kills: int = 0
    writer: bool = False
    killed: Counter[str] = field(default_factory=Counter)
    rng: random.Random = field(default_factory=lambda: random.Random(20261124))
    workers: list[Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.mp = mp.get_context("spawn")
        self.kiosks_done = self.mp.Value("b", 0, lock=False)
        offset = (TEST_NOW - datetime.now(UTC)).total_seconds()
        for i, username in enumerate(KIOSKS, 1):
            self._add(f"kiosk-{i}", queue_workers.kiosk, True,
                      (self.url, username, f"kiosk-{i}", ("A", "B"), TICKETS_PER_KIOSK))
        for number, username in WINDOWS.items():
            self._add(f"window-{number}", queue_workers.window, False,
                      (self.url, username, number, self.kiosks_done))
        if self.writer:
            self._add("batch-writer", queue_workers.batch_writer, False, (self.url,))
            self.workers[-1].service = True
        self.offset = offset

    def _add(self, name: str, target: Callable[..., None], kiosk: bool,
             args: tuple[Any, ...]) -> None:
        self.workers.append(Worker(name, target, args, kiosk,
                                   self.mp.Value("b", 0, lock=False),
                                   self.mp.Value("i", 0, lock=False)))

    def _start(self, w: Worker) -> None:
        w.ready.value = 0
        if w.service:
            w.progress.value = 0
        w.proc = self.mp.Process(target=w.target, name=w.name, daemon=True,
                                 args=(*w.args, w.progress, w.ready, self.offset))
        w.proc.start()

    def run(self, kill_budget: int = 0) -> None:
        """Run to the end; with a kill budget the kiosks are 'done' only once it is spent."""
        for w in self.workers:
            self._start(w)
        deadline = time.monotonic() + DEADLINE_S
        next_kill = time.monotonic() + self.rng.uniform(0.1, 0.3)
        try:
            while not all(w.finished for w in self.workers):
                assert time.monotonic() < deadline, "workers did not finish in time"
                self._reap()
                if self.kills < kill_budget and time.monotonic() >= next_kill:
                    self._kill_one()
                    next_kill = time.monotonic() + self.rng.uniform(0.1, 0.3)
                if self.kills >= kill_budget and all(w.finished for w in self.workers
                                                     if w.kiosk):
                    self.kiosks_done.value = 1
                self._stop_services()
                alive = [w.proc.sentinel for w in self.workers if not w.finished]
                multiprocessing.connection.wait(alive, timeout=0.05)
        finally:
            for w in self.workers:
                if w.proc is not None and w.proc.is_alive():
                    w.proc.kill()
                    w.proc.join()

    def _stop_services(self) -> None:
        """Once the terminals are all done, stop the writer as its service manager would."""
        if all(w.finished for w in self.workers if not w.service):
            for w in self.workers:
                # A writer restarted after a kill has no SIGTERM handler until it is ready:
                # stopped before that, it died of the signal (exit -15) instead of stopping.
                if w.service and not w.finished and w.proc.is_alive() and w.ready.value:
                    w.proc.terminate()
                    w.proc.join()

    def _reap(self) -> None:
        for w in self.workers:
            if w.finished or w.proc.is_alive():
                continue
            w.proc.join()
            assert w.proc.exitcode == 0, f"{w.name} failed (exit code {w.proc.exitcode})"
            w.finished = True

    def _kill_one(self) -> None:
        victims = [w for w in self.workers
                   if not w.finished and w.ready.value and w.proc.is_alive()]
        if not victims:
            return
        # A third of the kills hit the batch writer, when there is one: it carries everybody's
        # requests, so its deaths are the ones that matter most. When it is due but has not
        # answered a few requests since it started, the kill waits for it.
        services = [w for w in self.workers if w.service and not w.finished]
        if services and 3 * sum(self.killed[s.name] for s in services) <= self.kills:
            if services[0] not in victims or services[0].progress.value < SERVED_BEFORE_KILL:
                return
            w = services[0]
        else:
            w = self.rng.choice(victims)
        os.kill(w.proc.pid, signal.SIGKILL)
        w.proc.join()
        if w.proc.exitcode != -signal.SIGKILL:  # it finished just before the signal
            assert w.proc.exitcode == 0, f"{w.name} failed (exit code {w.proc.exitcode})"
            w.finished = True
            return
        self.kills += 1
        self.killed[w.name] += 1
        self._start(w)


def test_concurrent_kiosks_and_windows_stay_exact(hall_db: Database) -> None:
    sup = Supervisor(hall_db.url)
    sup.run()
    tickets = check_invariants(hall_db)
    assert len(tickets) == len(KIOSKS) * TICKETS_PER_KIOSK


def test_killed_terminals_leave_nothing_half_done(hall_db: Database) -> None:
    sup = Supervisor(hall_db.url)
    sup.run(kill_budget=KILLS)
    assert sup.kills == KILLS
    tickets = check_invariants(hall_db)
    # A kiosk killed between its commit and its progress bump takes one ticket more.
    assert len(KIOSKS) * TICKETS_PER_KIOSK <= len(tickets) <= (len(KIOSKS) * TICKETS_PER_KIOSK
                                                               + KILLS)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_killed_terminals_and_batch_writer_leave_nothing_half_done(
        hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same through the batch writer (SQLite), which is killed in turn with the terminals:
    a request in flight when it dies is found committed or runs again at its terminal."""
    monkeypatch.setenv(queue_workers.THROUGH_WRITER, "1")
    sup = Supervisor(hall_db.url, writer=True)
    sup.run(kill_budget=KILLS_WITH_WRITER)  # each writer restart takes a while: fewer kills
    assert sup.kills == KILLS_WITH_WRITER
    assert sup.killed["batch-writer"] >= KILLS_WITH_WRITER // 3
    tickets = check_invariants(hall_db)
    assert len(KIOSKS) * TICKETS_PER_KIOSK <= len(tickets) <= (len(KIOSKS) * TICKETS_PER_KIOSK
                                                               + KILLS_WITH_WRITER)
    with hall_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(BatchRequest)), "nothing went through"


def check_invariants(db: Database) -> list[Ticket]:
    """Every invariant of the queue engine, read back from the database itself."""
    with db.read_session() as s:
        tickets = list(s.scalars(select(Ticket)))
        audits = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        events = list(s.scalars(select(Event.id).order_by(Event.id)))
        event_kinds = Counter(s.scalars(select(Event.kind)))
        counters = list(s.scalars(select(DailyCounter)))
        records = list(s.scalars(select(ServiceRecord)))
        windows = {w.id: w.number for w in s.scalars(select(Window))}
        head = s.get(FeedHead, 1)
        assert head is not None
        event_seq, audit_seq = head.event_seq, head.audit_seq
    assert tickets, "no ticket was taken"
    check_numbers(tickets, counters)
    check_calls(tickets, audits, records)
    check_windows(tickets, audits, records, windows)
    report = verify_audit(Ctx(db, SYSTEM_ACTOR))
    assert report.ok, report.problems
    assert report.entries == audit_seq == len(audits)
    assert events == list(range(1, event_seq + 1)), "feed event ids are not contiguous"
    assert event_kinds["ticket_taken"] == event_kinds["ticket_called"] == len(tickets)
    assert event_kinds["ticket_finished"] == len(tickets)
    check_one_open_ticket_index(db, tickets)
    return tickets


def check_numbers(tickets: list[Ticket], counters: list[DailyCounter]) -> None:
    """Serials 1..n per queue and day, no gap, no duplicate; the counter row equals n."""
    serials: dict[tuple[int, Any], list[int]] = defaultdict(list)
    for t in tickets:
        serials[(t.origin_queue_id, t.hall_day)].append(t.serial)
    assert len({(t.hall_day, t.number) for t in tickets}) == len(tickets), "duplicate numbers"
    last = {(c.queue_id, c.hall_day): c.last_serial for c in counters}
    assert set(last) == set(serials)
    for key, got in serials.items():
        assert sorted(got) == list(range(1, len(got) + 1)), f"serials of {key} not 1..n"
        assert last[key] == len(got), f"counter of {key} is not max(serial)"


def check_calls(tickets: list[Ticket], audits: list[AuditEntry],
                records: list[ServiceRecord]) -> None:
    """Every ticket taken once, called once and finished once, each with its audit entry."""
    ids = {str(t.id) for t in tickets}
    for action in ("ticket_take", "ticket_call", "ticket_finish"):
        per_ticket = Counter(a.entity_id for a in audits if a.action == action)
        assert set(per_ticket) == ids, f"{action}: audit entries and tickets differ"
        assert set(per_ticket.values()) == {1}, f"{action}: a ticket has several entries"
    assert Counter(r.ticket_id for r in records) == Counter({t.id: 1 for t in tickets})
    bad = [(t.number, t.state, t.call_count) for t in tickets
           if t.state != "done" or t.call_count != 1 or t.window_id is None]
    assert not bad, f"tickets not called exactly once and finished: {bad[:10]}"


def check_windows(tickets: list[Ticket], audits: list[AuditEntry],
                  records: list[ServiceRecord], windows: dict[int, int]) -> None:
    """No window ever held two tickets: per window, calls and finishes alternate on the same
    ticket in commit order, and the held intervals never overlap in time."""
    seq: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for a in audits:
        if a.action in ("ticket_call", "ticket_finish"):
            assert a.after is not None
            seq[int(a.after["window"])].append((a.action, a.entity_id))
    for number, steps in seq.items():
        calls, finishes = steps[0::2], steps[1::2]
        assert {c[0] for c in calls} == {"ticket_call"}, f"window {number}: two calls in a row"
        assert {f[0] for f in finishes} == {"ticket_finish"}, f"window {number}: bad finish"
        assert [c[1] for c in calls] == [f[1] for f in finishes], f"window {number} interleaved"
    held: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for t in tickets:
        assert t.window_id is not None
        assert t.called_at is not None
        assert t.finished_at is not None
        held[t.window_id].append((t.called_at, t.finished_at))
    served: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for r in records:
        served[r.window_id].append((r.started_at, r.finished_at))
    for intervals in (*held.values(), *served.values()):
        intervals.sort()
        for (_, end), (start, _) in itertools.pairwise(intervals):
            assert start >= end, "a window held two tickets at once"
    assert set(held) <= set(windows)


def check_one_open_ticket_index(db: Database, tickets: list[Ticket]) -> None:
    """The partial unique index exists: two open tickets at one window are refused."""
    first, second = tickets[0], tickets[1]
    with db.write_session() as s:
        s.execute(update(Ticket).where(Ticket.id == first.id)
                  .values(state="called", window_id=first.window_id))
        with pytest.raises(IntegrityError):
            s.execute(update(Ticket).where(Ticket.id == second.id)
                      .values(state="serving", window_id=first.window_id))
        s.rollback()


@pytest.mark.skipif(sys.platform == "win32", reason="the writer queue uses flock")
def test_sqlite_writers_queue_on_the_writer_lock(tmp_path: Path) -> None:
    """A write transaction holds '<db>-writer.lock' until commit or rollback; readers never."""
    path = tmp_path / "w.sqlite3"
    db = Database(f"sqlite:///{path}")
    probe = os.open(f"{path}-writer.lock", os.O_RDWR | os.O_CREAT)

    def free() -> bool:
        return not lock_taken_elsewhere(probe)

    try:
        with db.write_session() as s:
            s.execute(text("CREATE TABLE t (x INTEGER)"))
            assert not free()
            s.commit()
        assert free()
        with db.write_session() as s:
            s.execute(text("INSERT INTO t VALUES (1)"))
            assert not free()
            s.rollback()
        assert free()
        with db.read_session() as s:
            assert s.execute(text("SELECT count(*) FROM t")).scalar() == 0
            assert free()
    finally:
        os.close(probe)
        db.dispose()


@pytest.fixture(autouse=True)
def _no_stray_processes() -> Iterator[None]:
    yield
    assert not mp.active_children()
