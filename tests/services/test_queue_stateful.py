"""A hypothesis state machine drives kiosks and three windows against a small reference model.

The model keeps its own tickets (state, window, place) and window states and decides on its
own whether an operation must be refused; only the pick of the next ticket comes from the
pure rule :func:`hallapp.core.queue_rules.choose_next`, applied to the model's waiting
tickets. After every step the database must agree with the model, numbers must be unique
and contiguous per queue, and no window may hold two open tickets; at the end the audit
hash chain must verify.

Each example starts from the pristine demo hall: the test takes one fresh database per engine
(``hall_db``), snapshots every row, and :class:`Pristine` deletes and re-inserts them before
each example. That is the same state as a new copy of the template, without the second or so
that CREATE/DROP DATABASE costs per example on PostgreSQL.

Transfers go to a window only; transfers between queues have their own tests in
test_queue_windows.py and test_queue_ordering.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Table, delete, func, insert, select

from hallapp.core.errors import (
    DomainError,
    EmptyQueue,
    StateError,
    ValidationError,
    WindowPaused,
)
from hallapp.core.queue_rules import (
    CallDecision,
    CallHistory,
    CallSettings,
    Candidate,
    ProfileEntry,
    choose_next,
    next_history,
)
from hallapp.services import audit, tickets, windows
from hallapp.services.context import Ctx
from hallapp.services.queue_common import TicketInfo
from hallapp.store.base import Base
from hallapp.store.models import Queue, Ticket, Window
from hallapp.store.uow import Database

# The demo hall's work profiles of the windows the machine uses (resources/demo/hall.json).
PROFILES: dict[int, tuple[str, list[ProfileEntry]]] = {
    1: ("ratio", [ProfileEntry("A", 1, 2), ProfileEntry("B", 2, 1)]),
    10: ("precedence", [ProfileEntry("B", 1, 1)]),
    11: ("precedence", [ProfileEntry("A", 1, 1)]),
}
WINDOWS = sorted(PROFILES)
RULES = CallSettings(max_consecutive_priority=3, aging_minutes=45)
RECALL_MAX = 3
AIMED = st.integers(0, 3).map(lambda n: n < 3)  # 3 in 4 (and the simplest): aimed
STATES = {"waiting", "called", "serving", "done", "no_show", "suspended"}
OPEN = ("called", "serving")


class Pristine:
    """Every row of a database as first seen; ``restore`` puts exactly those rows back."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.tables: list[Table] = list(Base.metadata.sorted_tables)
        with db.read_session() as s:
            self.rows = {t.name: [dict(r._mapping) for r in s.execute(select(t))]
                         for t in self.tables}

    def restore(self) -> None:
        with self.db.write_session() as s:
            for t in reversed(self.tables):
                s.execute(delete(t))
            for t in self.tables:
                if self.rows[t.name]:
                    s.execute(insert(t), self.rows[t.name])
            s.commit()

    def counts(self) -> dict[str, int]:
        with self.db.read_session() as s:
            return {t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
                    for t in self.tables}


@dataclass(frozen=True)
class MTicket:
    """The model's ticket."""

    id: int
    number: str
    origin: str
    queue: str
    order_at: datetime
    priority: str | None
    state: str = "waiting"
    window: int | None = None
    target: int | None = None
    transferred: bool = False
    recalls: int = 0


class QueueMachine(RuleBasedStateMachine):
    """Kiosk takes, window operations; the model says what must happen."""

    pristine: Pristine

    def __init__(self) -> None:
        super().__init__()
        self.pristine.restore()
        self.db = self.pristine.db
        self.clock = FakeClock()
        self.ctx = {u: Ctx(self.db, actor_for(self.db, u), clock=self.clock, terminal="sm")
                    for u in ("kiosk1", "clerk1", "clerk10", "clerk11", "supervisor1")}
        self.tickets: dict[int, MTicket] = {}
        self.serials = {"A": 0, "B": 0}
        self.win_state = dict.fromkeys(WINDOWS, "closed")
        self.history = {w: CallHistory() for w in WINDOWS}

    # --- helpers ---------------------------------------------------------------------------

    def clerk(self, w: int) -> Ctx:
        return self.ctx[f"clerk{w}"]

    def at_window(self, w: int) -> MTicket | None:
        found = [t for t in self.tickets.values() if t.window == w and t.state in OPEN]
        assert len(found) <= 1
        return found[0] if found else None

    def put(self, t: MTicket, **changes: Any) -> None:
        self.tickets[t.id] = replace(t, **changes)

    def refused(self, error: type[DomainError], fn: Callable[..., Any], *args: Any,
                **kw: Any) -> None:
        with pytest.raises(error):
            fn(*args, **kw)

    def aim(self, w: int, aimed: bool, fits: Callable[[int], bool]) -> int:
        """Mostly (``aimed``) a window where the operation can apply, else ``w`` as drawn."""
        fit = [x for x in WINDOWS if fits(x)]
        return fit[w % len(fit)] if aimed and fit else w

    def idle(self, w: int) -> bool:
        return self.win_state[w] == "open" and self.at_window(w) is None

    def busy(self, w: int) -> bool:
        return self.at_window(w) is not None

    def any_in(self, *states: str) -> bool:
        return any(t.state in states for t in self.tickets.values())

    # --- rules -----------------------------------------------------------------------------
    # Preconditions only keep hypothesis from spending most steps on operations that cannot
    # apply anywhere; each rule still picks any window, so refusals are exercised too.

    @initialize(queues=st.lists(st.sampled_from("AB"), min_size=1, max_size=4))
    def morning(self, queues: list[str]) -> None:
        for w in WINDOWS:
            self.open_window(w)
        for queue in queues:
            self.take(queue, None, 60)

    @rule(queue=st.sampled_from("AB"),
          priority=st.sampled_from([None, None, None, "elderly", "pregnant", "military"]),
          seconds=st.integers(0, 600))
    def take(self, queue: str, priority: str | None, seconds: int) -> None:
        self.clock.advance(seconds=seconds)
        info = tickets.take_ticket(self.ctx["kiosk1"], queue, priority=priority)
        self.serials[queue] += 1
        assert info.number == f"{queue}{self.serials[queue]:03d}"
        assert (info.state, info.existing) == ("waiting", False)
        self.tickets[info.id] = MTicket(info.id, info.number, queue, queue, self.clock.now,
                                        priority)

    @rule(w=st.sampled_from(WINDOWS))
    def open_window(self, w: int) -> None:
        windows.open_window(self.clerk(w), w)
        self.win_state[w] = "open"

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED)
    @precondition(lambda self: self.any_in("waiting"))
    def call_next(self, w: int, aimed: bool) -> None:
        w = self.aim(w, aimed, self.idle)
        fn, ctx = windows.call_next, self.clerk(w)
        if self.win_state[w] == "closed":
            return self.refused(StateError, fn, ctx, w)
        if self.win_state[w] == "paused":
            return self.refused(WindowPaused, fn, ctx, w)
        if self.at_window(w) is not None:
            return self.refused(StateError, fn, ctx, w)
        decision = self.model_choice(w)
        if decision is None:
            return self.refused(EmptyQueue, fn, ctx, w)
        self.called(w, decision, fn(ctx, w))
        return None

    def model_choice(self, w: int) -> CallDecision | None:
        mode, profile = PROFILES[w]
        waiting = [Candidate(t.id, t.queue, t.order_at, t.priority, False, t.transferred,
                             t.target) for t in self.tickets.values() if t.state == "waiting"]
        return choose_next(profile, mode, waiting, w, self.clock.now, self.history[w], RULES)

    def called(self, w: int, decision: CallDecision, info: TicketInfo) -> None:
        expected = self.tickets[decision.candidate.ticket_id]
        assert (info.number, info.window, info.state) == (expected.number, w, "called"), \
            f"model picked {expected.number} ({decision.reason})"
        self.history[w] = next_history(self.history[w], decision)
        self.put(expected, state="called", window=w, target=None, recalls=0)  # per call

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED, seconds=st.integers(0, 900))
    @precondition(lambda self: self.any_in("waiting", *OPEN))
    def finish_and_call_next(self, w: int, aimed: bool, seconds: int) -> None:
        w = self.aim(w, aimed, lambda x: self.win_state[x] == "open")
        self.clock.advance(seconds=seconds)
        fn, ctx = windows.finish_and_call_next, self.clerk(w)
        if self.win_state[w] == "closed":
            return self.refused(StateError, fn, ctx, w)
        if self.win_state[w] == "paused":
            return self.refused(WindowPaused, fn, ctx, w)
        current, decision = self.at_window(w), self.model_choice(w)
        if current is None and decision is None:
            return self.refused(EmptyQueue, fn, ctx, w)
        result = fn(ctx, w)
        assert (result.finished and result.finished.number) == (current and current.number)
        if current is not None:
            self.put(current, state="done")
        if decision is None:
            assert result.called is None
        else:
            assert result.called is not None
            self.called(w, decision, result.called)
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED)
    @precondition(lambda self: self.any_in(*OPEN))
    def start(self, w: int, aimed: bool) -> None:
        w = self.aim(w, aimed, self.busy)
        t = self.at_window(w)
        if t is None or t.state != "called":
            return self.refused(StateError, windows.start, self.clerk(w), w)
        assert windows.start(self.clerk(w), w).state == "serving"
        self.put(t, state="serving")
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED, seconds=st.integers(0, 900))
    @precondition(lambda self: self.any_in(*OPEN))
    def finish(self, w: int, aimed: bool, seconds: int) -> None:
        w = self.aim(w, aimed, self.busy)
        self.clock.advance(seconds=seconds)
        t = self.at_window(w)
        if t is None:
            return self.refused(StateError, windows.finish, self.clerk(w), w)
        assert windows.finish(self.clerk(w), w).number == t.number
        self.put(t, state="done")
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED)
    @precondition(lambda self: self.any_in(*OPEN))
    def noshow(self, w: int, aimed: bool) -> None:
        w = self.aim(w, aimed, self.busy)
        t = self.at_window(w)
        if t is None or t.state != "called":
            return self.refused(StateError, windows.noshow, self.clerk(w), w)
        assert windows.noshow(self.clerk(w), w).state == "no_show"
        self.put(t, state="no_show")
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED)
    @precondition(lambda self: self.any_in(*OPEN))
    def recall(self, w: int, aimed: bool) -> None:
        w = self.aim(w, aimed, self.busy)
        t = self.at_window(w)
        if self.win_state[w] == "paused":  # away: no announcement from it
            return self.refused(WindowPaused, windows.recall, self.clerk(w), w)
        if t is None or t.state != "called" or t.recalls >= RECALL_MAX:
            return self.refused(StateError, windows.recall, self.clerk(w), w)
        assert windows.recall(self.clerk(w), w).recalls == t.recalls + 1
        self.put(t, recalls=t.recalls + 1)
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED)
    @precondition(lambda self: self.any_in(*OPEN))
    def suspend(self, w: int, aimed: bool) -> None:
        w = self.aim(w, aimed, self.busy)
        t = self.at_window(w)
        if t is None:
            return self.refused(StateError, windows.suspend, self.clerk(w), w, "缺材料")
        assert windows.suspend(self.clerk(w), w, "缺材料").state == "suspended"
        self.put(t, state="suspended", target=w)
        return None

    @rule(pick=st.integers(0, 10_000))
    @precondition(lambda self: self.any_in("suspended"))
    def resume_suspended(self, pick: int) -> None:
        t = sorted(self.tickets.values(), key=lambda x: x.id)[pick % len(self.tickets)]
        ctx = self.ctx["supervisor1"]
        if t.state != "suspended":
            return self.refused(StateError, tickets.resume_suspended, ctx, t.id)
        assert tickets.resume_suspended(ctx, t.number).state == "waiting"
        self.put(t, state="waiting", window=None)
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED, to=st.sampled_from(WINDOWS))
    @precondition(lambda self: self.any_in(*OPEN))
    def transfer(self, w: int, aimed: bool, to: int) -> None:
        w = self.aim(w, aimed, self.busy)
        t = self.at_window(w)
        fn, ctx = windows.transfer, self.clerk(w)
        if t is None:
            return self.refused(StateError, fn, ctx, w, to_window=to)
        if t.queue not in {e.queue for e in PROFILES[to][1]}:
            return self.refused(ValidationError, fn, ctx, w, to_window=to)
        if self.win_state[to] == "closed":  # it would wait for a call that never comes
            return self.refused(StateError, fn, ctx, w, to_window=to)
        info = fn(ctx, w, to_window=to, reason="转窗口")
        assert (info.state, info.queue) == ("waiting", t.queue)
        self.put(t, state="waiting", window=None, target=to, transferred=True)
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED)
    def pause(self, w: int, aimed: bool) -> None:
        w = self.aim(w, aimed, lambda x: self.win_state[x] == "open")
        if self.win_state[w] != "open":
            return self.refused(StateError, windows.pause, self.clerk(w), w, "暂离")
        assert windows.pause(self.clerk(w), w, "暂离").state == "paused"
        self.win_state[w] = "paused"
        return None

    @rule(w=st.sampled_from(WINDOWS), aimed=AIMED)
    @precondition(lambda self: "paused" in self.win_state.values())
    def resume_window(self, w: int, aimed: bool) -> None:
        w = self.aim(w, aimed, lambda x: self.win_state[x] == "paused")
        if self.win_state[w] != "paused":
            return self.refused(StateError, windows.resume, self.clerk(w), w)
        assert windows.resume(self.clerk(w), w).state == "open"
        self.win_state[w] = "open"
        return None

    @rule(w=st.sampled_from(WINDOWS))
    def close_window(self, w: int) -> None:
        if self.at_window(w) is not None:
            return self.refused(StateError, windows.close_window, self.clerk(w), w)
        assert windows.close_window(self.clerk(w), w).state == "closed"
        self.win_state[w] = "closed"
        for t in self.tickets.values():  # those kept for it go back to their queue's line
            if t.target == w and t.state in ("waiting", "suspended"):
                self.put(t, target=None)
        return None

    # --- invariants ------------------------------------------------------------------------

    @invariant()
    def database_agrees_with_the_model(self) -> None:
        with self.db.read_session() as s:
            rows = s.execute(select(Ticket, Queue.code, Window.number)
                             .join(Queue, Queue.id == Ticket.origin_queue_id)
                             .outerjoin(Window, Window.id == Ticket.window_id)).all()
            win = {n: st for n, st in s.execute(select(Window.number, Window.state)
                                             .where(Window.number.in_(WINDOWS)))}
            busy = s.execute(select(Ticket.window_id, func.count(Ticket.id))
                             .where(Ticket.state.in_(OPEN)).group_by(Ticket.window_id)
                             .having(func.count(Ticket.id) > 1)).all()
        assert busy == [], "a window holds two open tickets"
        assert win == self.win_state
        seen: dict[str, list[int]] = {"A": [], "B": []}
        for t, origin, number in rows:
            m = self.tickets[t.id]
            assert t.state in STATES
            assert (t.number, t.state, t.target_window) == (m.number, m.state, m.target)
            if t.state in OPEN:
                assert number == m.window
            assert t.number == f"{origin}{t.serial:03d}"
            seen[origin].append(t.serial)
        assert len(rows) == len(self.tickets)
        for queue, serials in seen.items():
            assert sorted(serials) == list(range(1, self.serials[queue] + 1)), queue

    def teardown(self) -> None:
        report = audit.verify_audit(self.ctx["supervisor1"])
        assert report.ok, report.problems


def test_queue_engine_against_the_model(hall_db: Database) -> None:
    pristine = Pristine(hall_db)
    before = pristine.counts()

    class Machine(QueueMachine):
        pass

    Machine.pristine = pristine
    run_state_machine_as_test(Machine, settings=settings(
        max_examples=int(os.environ.get("HALLAPP_STATEFUL_EXAMPLES", "15")),
        stateful_step_count=30, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))
    pristine.restore()
    assert pristine.counts() == before  # the reset really returns to the demo hall
