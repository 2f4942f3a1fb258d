"""Choosing and claiming the next ticket for a window (``windows.call_next``).

The choice follows the rules of ``hallapp.core.queue_rules`` over the head of each queue the
window serves; the claim is a conditional ``UPDATE … WHERE state = 'waiting'``, after
``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two windows never take the same ticket and
neither waits for the other. Plain statements (``hallapp.store.rawsql``): this is the
busiest write after taking a ticket.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from hallapp.core.errors import EmptyQueue
from hallapp.core.queue_rules import CallDecision, CallHistory, Candidate, ProfileEntry, choose_next
from hallapp.services.queue_common import call_settings, today
from hallapp.services.queue_sql import LINE_CLASSES, TICKET_ROW_RETURNING
from hallapp.services.window_op import WindowOp
from hallapp.store.rawsql import Row, as_at

# How many of each class's head to read. The choice itself needs only the first of each
# class (``choose_next`` looks at a queue's first ticket, its first ordinary one and its
# oldest); the rest are spares for claims that fail. On SQLite none can fail (the write lock
# is ours from the read to the claim), so one is read: a call read and parsed up to 60 rows
# per queue, a third of its CPU.
HEAD_PER_QUEUE = 20

_PROFILE = ("SELECT q.id, q.code, p.precedence, p.ratio FROM work_profile p "
            "JOIN queue q ON q.id = p.queue_id WHERE p.window_id = :window "
            "ORDER BY p.precedence, p.id")
_CANDIDATE = ("SELECT id, queue_id, order_at, priority, appointment, transferred, target_window, "
              "own_order_at ")
# The head of each class of a queue's line (ix_ticket_waiting_line: each class is one range in
# order_at, so no sort of the whole line). The call order is class first, so the first n of
# every class hold the first n overall; the first ordinary one is also the oldest, for aging.
# Then the waiting tickets checked in early for a booking that keep their own place until
# their slot begins (few: a range of the appointment class); only those still held: one
# whose slot began is read with its class, and would hide a held one behind it. Last, every
# ticket of the queue sent to this window (few, and a range of the same index).
_WAITING = (_CANDIDATE + "FROM ticket WHERE queue_id = :queue AND hall_day = :day "
            "AND state = 'waiting' AND ")
# PostgreSQL takes no order from a column fixed by IS NULL, so for the classes without a
# green-channel code the ORDER BY names the index's columns before order_at too (fixed within
# the class, so the order is the same): it then reads the first :n entries of the range instead
# of sorting the whole class (the green channel's codes differ, and that class is short).
_ORDER = ("order_at, id", *(["target_window, priority, appointment, order_at, id"] * 2))
_HEAD = " UNION ALL ".join(
    [f"SELECT * FROM ({_WAITING}target_window IS NULL AND {cls} "
     f"ORDER BY {order} LIMIT :n) AS h{i}"
     for i, (cls, order) in enumerate(zip(LINE_CLASSES, _ORDER, strict=True))]
    + [f"SELECT * FROM ({_WAITING}target_window IS NULL AND {LINE_CLASSES[1]} "
       "AND own_order_at IS NOT NULL AND order_at > :now ORDER BY own_order_at, id "
       "LIMIT :n) AS own",
       f"SELECT * FROM ({_WAITING}target_window = :window) AS sent"])


@lru_cache(maxsize=32)
def _heads(queues: int) -> str:
    """``_HEAD`` of ``queues`` queues (``:queue0``, ``:queue1``…) in one statement."""
    return " UNION ALL ".join(_HEAD.replace(":queue", f":queue{i}") for i in range(queues))


def _profile(op: WindowOp) -> tuple[tuple[ProfileEntry, ...], Mapping[int, str]]:
    """The window's work profile and its queues' codes by id (read-only: in the batch
    writer they are read once and shared until an administrator changes them)."""
    def load() -> tuple[tuple[ProfileEntry, ...], Mapping[int, str]]:
        # A deactivated queue's waiting tickets are still called: it takes no new ones.
        rows = op.raw.rows(_PROFILE, window=op.window.id)
        return (tuple(ProfileEntry(code, precedence, ratio)
                      for _, code, precedence, ratio in rows),
                MappingProxyType({queue_id: code for queue_id, code, _, _ in rows}))

    return op.raw.memoised(("profile", op.window.id), load)


def choose_and_claim(op: WindowOp, *, wait: bool = False) -> tuple[CallDecision, Row] | None:
    """Choose by the rules and claim (the decision and the claimed ticket's stored row, as
    ``TICKET_ROW_RETURNING`` gives it); a ticket that another window is claiming right now or
    has just claimed is left out and the choice made again in the same transaction.
    ``wait``: wait for such a claim to end instead of skipping the ticket (see ``claim``).

    Without this, every window read the same head of the queue, all but one blocked on its
    row lock until the winner committed, then started over: with 16 windows on PostgreSQL
    calls failed with "叫号冲突过多" after five rounds.
    """
    profile, cands = _candidates(op)
    history = CallHistory(tuple(op.window.call_history or ()), op.window.consecutive_priority)
    dropped = False
    while True:
        decision = choose_next(profile, op.window.profile_mode, list(cands.values()),
                               op.window.number, op.uow.now, history, call_settings(op.hall))
        if decision is None:
            if dropped:
                return None  # the heads we read were all taken; more may wait behind them
            raise EmptyQueue(f"{op.number} 号窗口服务的队列暂无等候")
        row = claim(op, decision.candidate.ticket_id, wait=wait)
        if row is not None:
            return decision, row
        del cands[decision.candidate.ticket_id]
        dropped = True


def _candidates(op: WindowOp) -> tuple[Sequence[ProfileEntry], dict[int, Candidate]]:
    """The head of each class of every queue the window serves, and every ticket sent to
    this window."""
    profile, codes = _profile(op)
    cands: dict[int, Candidate] = {}
    if not profile:
        return profile, cands
    raw, day, now = op.raw, op.raw.day(today(op.hall, op.uow.now)), op.uow.now
    queues = {f"queue{i}": queue_id for i, queue_id in enumerate(codes)}
    rows = raw.rows(_heads(len(queues)), day=day, window=op.window.number,
                    n=1 if raw.sqlite else HEAD_PER_QUEUE, yes=True, no=False,
                    now=raw.at(now), **queues)
    for tid, queue_id, order_at, priority, appointment, transferred, target, own in rows:
        at = as_at(order_at)
        assert at is not None
        # An appointment checked in early (its order_at is the slot's start) goes ahead only
        # from its slot's start; until then it waits in line at that time, behind everyone
        # already waiting, and is called before it only if nobody else waits. An applicant's
        # waiting ticket checked in early waits at its own place meanwhile (``own_order_at``).
        held = bool(appointment) and at > now
        if held and own is not None:
            at = as_at(own) or at
        cands[tid] = Candidate(tid, codes[queue_id], at, priority, bool(appointment) and not held,
                               bool(transferred), target)
    return profile, cands


_SKIP_LOCKED = "SELECT id FROM ticket WHERE id = :id AND state = 'waiting' FOR UPDATE SKIP LOCKED"
_LOCK = "SELECT id FROM ticket WHERE id = :id AND state = 'waiting' FOR UPDATE"
# ``recalls``: of this call. The limit (``recall_max``) is how often an applicant who does not
# come is called again before being passed as absent; a ticket called anew (reactivated after
# a pass, transferred, resumed) is a new call, which its new window could not recall once.
_CLAIM = ("UPDATE ticket SET state = 'called', window_id = :window, clerk_id = :clerk, "
          "called_at = :now, first_called_at = COALESCE(first_called_at, :now), "
          "call_count = call_count + 1, recalls = 0, target_window = NULL "
          "WHERE id = :id AND state = 'waiting'" + TICKET_ROW_RETURNING)


def claim(op: WindowOp, ticket_id: int, *, wait: bool = False) -> Row | None:
    """Claim a waiting ticket: its stored row as called, or None if it is no longer waiting or
    another window holds its row lock (claiming it now): SKIP LOCKED answers at once instead
    of waiting for that window's commit. With ``wait`` the lock is waited for, and the answer
    is whether the ticket is still waiting once that window has committed (None) or rolled
    back (the row). SQLite has no row locks; its write lock already excludes other windows.
    """
    raw = op.raw
    if not raw.sqlite and raw.value(_LOCK if wait else _SKIP_LOCKED, id=ticket_id) is None:
        return None
    return raw.row(_CLAIM, id=ticket_id, window=op.window.id, clerk=op.worker_id(),
                   now=raw.at(op.uow.now))
