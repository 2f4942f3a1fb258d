"""The day's close while the hall works, from separate processes (SQLite and PostgreSQL).

On PostgreSQL the close locked nothing, and the actions it races read the closed day before
it committed: tickets taken while it ran stayed waiting on the closed day, windows opened
then stayed open, two supervisors closing at once both closed the same tickets and wrote two
closes, and the close deadlocked with the clerks' pager key (window, then ticket, against its
tickets, then windows), shown to both as a lost database connection.

Two kiosks take tickets, a clerk opens and closes a window, another works hers with the
pager key, and two supervisors close the day once the kiosks are under way; each goes on
until the close stops it. Then the database is checked.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from datetime import UTC, datetime

import close_workers
import pytest
from sqlalchemy import select

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, Ticket, Window
from hallapp.store.uow import Database

pytestmark = pytest.mark.slow

# Tuesday 2026-11-24 12:30 in Shanghai: a working day, no time quota of A or B applies.
TEST_NOW = datetime(2026, 11, 24, 4, 30, tzinfo=UTC)
TERMINALS = [("closer", "supervisor1", 0), ("closer", "supervisor1", 0),
             ("kiosk", "kiosk1", 0), ("kiosk", "kiosk2", 0), ("opener", "clerk3", 3),
             ("worker", "clerk1", 1)]
JOIN_TIMEOUT_S = 120


def _run(url: str) -> list[tuple[str, list[str]]]:
    spawn = mp.get_context("spawn")
    barrier = spawn.Barrier(len(TERMINALS))
    taken = spawn.Value("i", 0, lock=False)
    offset = (TEST_NOW - datetime.now(UTC)).total_seconds()
    procs, pipes = [], []
    for role, username, number in TERMINALS:
        mine, theirs = spawn.Pipe(duplex=False)
        proc = spawn.Process(target=close_workers.terminal, daemon=True, args=(
            role, url, username, number, offset, taken, barrier, theirs))
        proc.start()
        procs.append(proc)
        pipes.append(mine)
    told = []
    for (role, _, _), proc, pipe in zip(TERMINALS, procs, pipes, strict=True):
        assert pipe.poll(JOIN_TIMEOUT_S), f"{role} sent nothing"
        told.append((role, pipe.recv()))
        proc.join(JOIN_TIMEOUT_S)
        assert proc.exitcode == 0
    return told


def test_the_close_stops_takes_window_opens_and_calls_and_closes_once(
        hall_db: Database) -> None:
    told = _run(hall_db.url)
    errors = [(role, o) for role, outcomes in told for o in outcomes if o.startswith("error:")]
    assert errors == []
    given = {int(o.split(":")[1]) for _, outcomes in told for o in outcomes
             if o.startswith("taken:")}
    with hall_db.read_session() as s:
        states = dict(s.execute(select(Ticket.id, Ticket.state)).all())
        open_windows = s.scalars(select(Window.number).where(Window.state != "closed")).all()
        day_closes = s.scalars(select(AuditEntry.id).where(
            AuditEntry.action == "day_close")).all()
    # Nothing left in the hall's hands on the closed day: every ticket given out was served
    # or closed by the close, and no window is open.
    assert given <= set(states)
    assert set(states.values()) <= {"done", "abandoned"}, Counter(states.values())
    assert open_windows == []
    # Each terminal went on until the close stopped it, and was then told why.
    last = Counter((role, outcomes[-1]) for role, outcomes in told if role != "closer")
    assert last == Counter({("kiosk", "day_closed"): 2, ("opener", "day_closed_window"): 1,
                            ("worker", "window_closed"): 1}), last
    # Closed once: the other supervisor is told the day is closed already.
    closes = sorted(o for role, outcomes in told if role == "closer" for o in outcomes)
    assert len(closes) == 2, closes
    assert closes[0].startswith("closed:"), closes
    assert closes[1] == "day_already_closed", closes
    assert Counter(states.values())["abandoned"] == int(closes[0].split(":")[1])
    assert len(day_closes) == 1
    report = verify_audit(Ctx(hall_db, SYSTEM_ACTOR))
    assert report.ok, report.problems
