"""Which waiting ticket a window calls next, and why.

Pure decisions on plain values: the ticket service reads the waiting tickets under a lock,
asks :func:`choose_next`, marks the chosen ticket called and stores the audit reason and
:func:`next_history`. Keeping the rule here means one definition of the call order for the
windows, the "people ahead" figure and the tests.

Order of rules for one call:

1. ``targeted``  – a ticket transferred to this very window goes first.
2. queue choice – ``aging`` (a queue whose oldest ticket waited ≥ ``aging_minutes``, the
   longest wait first), else ``precedence`` or ``ratio`` by the window's work profile.
3. inside the queue – green channel and checked-in appointments first (``priority``) unless
   the window already made ``max_consecutive_priority`` such calls in a row while an
   ordinary ticket waits in that queue (``cap``: the oldest ordinary ticket is called).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from hallapp.core.errors import ValidationError

Mode = Literal["precedence", "ratio"]
Reason = Literal["targeted", "aging", "precedence", "ratio", "priority", "cap"]
QueueRule = Literal["targeted", "aging", "precedence", "ratio"]
MODES: tuple[Mode, ...] = ("precedence", "ratio")


@dataclass(frozen=True)
class Candidate:
    """A waiting ticket as the call rules see it.

    ``order_at`` is the take time (kept on transfer) or, for a no-show that reactivated,
    the rejoin time from :func:`rejoin_order_at`. ``priority`` is None for an ordinary
    ticket, else the green-channel class code. ``appointment`` means checked in within its
    slot's grace, once the slot has begun (checked in early, it waits in line at the slot's
    start, ``order_at``, until then). ``target_window`` is set when the ticket was
    transferred to one window.
    """

    ticket_id: int
    queue: str
    order_at: datetime
    priority: str | None = None
    appointment: bool = False
    transferred: bool = False
    target_window: int | None = None


@dataclass(frozen=True)
class ProfileEntry:
    """One queue of a window's work profile: lower ``precedence`` is served first."""

    queue: str
    precedence: int
    ratio: int = 1

    def __post_init__(self) -> None:
        if self.ratio < 1:
            raise ValidationError(f"队列 {self.queue} 的叫号比例须至少为1：{self.ratio}",
                                  field="ratio")


@dataclass(frozen=True)
class CallHistory:
    """The window's last calls (queue names, most recent last) and its run of priority calls."""

    recent_queues: tuple[str, ...] = ()
    consecutive_priority: int = 0


@dataclass(frozen=True)
class CallSettings:
    """Anti-starvation limits; ``aging_minutes`` 0 turns aging off."""

    max_consecutive_priority: int = 3
    aging_minutes: int = 45

    def __post_init__(self) -> None:
        if self.max_consecutive_priority < 1:
            raise ValidationError("连续优先叫号上限须至少为1", field="max_consecutive_priority")
        if self.aging_minutes < 0:
            raise ValidationError("等候时长上限不能为负数", field="aging_minutes")


@dataclass(frozen=True)
class CallDecision:
    """The ticket to call, the rule that picked it, and the rule that picked its queue.

    ``reason`` is what the audit shows ("priority" and "cap" override the queue rule);
    ``queue_rule`` keeps the queue choice so an aged queue served by a green-channel ticket
    is still visible as aging.
    """

    candidate: Candidate
    reason: Reason
    queue_rule: QueueRule


def is_priority(cand: Candidate) -> bool:
    """Green channel or checked-in appointment: the tickets that go ahead inside a queue."""
    return cand.priority is not None or cand.appointment


def _order_key(cand: Candidate) -> tuple[int, int, datetime, int]:
    return (0 if cand.priority is not None else 1, 0 if cand.appointment else 1,
            cand.order_at, cand.ticket_id)


def order_within_queue(cands: Iterable[Candidate]) -> list[Candidate]:
    """The call order inside one queue (DOMAIN "Queue rules"), without the starvation cap.

    Key: (green channel → 0 else 1, appointment checked in → 0 else 1, order_at, ticket_id).
    Transferred tickets get no key of their own: a transfer keeps the original take time
    as ``order_at``, so sorting by it already puts them at their original place among the
    ordinary tickets of the new queue — ahead of everyone who took a ticket after them.
    ``ticket_id`` only breaks exact ties, so the order is total and repeatable.
    """
    return sorted(cands, key=_order_key)


def _profile_index(profile: Sequence[ProfileEntry], mode: str) -> dict[str, ProfileEntry]:
    if mode not in MODES:
        raise ValidationError(f"未知的叫号方式：{mode}", field="mode")
    entries: dict[str, ProfileEntry] = {}
    for entry in profile:
        if entry.queue in entries:
            raise ValidationError(f"工作配置中队列重复：{entry.queue}", field="profile")
        entries[entry.queue] = entry
    return entries


def _rank(entries: Mapping[str, ProfileEntry], queue: str) -> tuple[int, int]:
    """Tie-break between queues: precedence, then position in the profile."""
    return entries[queue].precedence, list(entries).index(queue)


def _aged_queue(by_queue: Mapping[str, list[Candidate]], entries: Mapping[str, ProfileEntry],
                now: datetime, settings: CallSettings) -> str | None:
    """The queue whose oldest ticket waited longest, if that wait reached the aging limit.

    The oldest ticket of any class counts (not only ordinary ones), so a green-channel
    ticket in a low-precedence queue cannot starve either.
    """
    if settings.aging_minutes == 0:
        return None
    limit = timedelta(minutes=settings.aging_minutes)
    oldest = {q: min(c.order_at for c in cands) for q, cands in by_queue.items()}
    aged = [q for q, at in oldest.items() if now - at >= limit]
    if not aged:
        return None
    return min(aged, key=lambda q: (oldest[q], _rank(entries, q)))


def _ratio_queue(by_queue: Mapping[str, list[Candidate]], entries: Mapping[str, ProfileEntry],
                 history: CallHistory) -> str:
    """Weighted round robin over the queues that have tickets, from the call history alone.

    N = sum of the active queues' ratios; W = the last N − 1 calls to those queues (calls to
    queues with nobody waiting now are ignored, so a queue that ran dry skews nothing).
    Each queue's shortfall is (|W| + 1) × ratio − N × (its calls in W): how far its share of
    W plus this call falls below its target share. The largest shortfall wins, ties go to
    precedence. From an empty history this is exactly smooth weighted round robin (nginx),
    so calls are spread out and every queue stays within one call of its exact proportion;
    2:1 gives A, B, A, A, B, A, … Once W is full exactly one queue is short, the one called
    N calls ago, so the cycle repeats strictly. (A window of N calls would leave every queue
    on target after each cycle, and the precedence tie-break would then favour A forever.)
    """
    active = sorted(by_queue, key=lambda q: _rank(entries, q))
    total = sum(entries[q].ratio for q in active)
    relevant = [q for q in history.recent_queues if q in by_queue]
    window = relevant[-(total - 1):] if total > 1 else []
    shortfall = {q: (len(window) + 1) * entries[q].ratio - total * window.count(q)
                 for q in active}
    return max(active, key=lambda q: shortfall[q])  # max keeps the first (best rank) on ties


def _pick_in_queue(cands: list[Candidate], queue_rule: QueueRule, history: CallHistory,
                   settings: CallSettings) -> CallDecision:
    ordered = order_within_queue(cands)
    head = ordered[0]
    if not is_priority(head):
        return CallDecision(head, queue_rule, queue_rule)
    ordinary = [c for c in ordered if not is_priority(c)]
    if ordinary and history.consecutive_priority >= settings.max_consecutive_priority:
        return CallDecision(ordinary[0], "cap", queue_rule)
    return CallDecision(head, "priority", queue_rule)


def choose_next(profile: Sequence[ProfileEntry], mode: str, candidates: Iterable[Candidate],
                window_number: int, now: datetime, history: CallHistory,
                settings: CallSettings | None = None) -> CallDecision | None:
    """The next ticket for ``window_number``, or None when nothing here may be called.

    Only tickets of the profile's queues that are untargeted or targeted at this window are
    eligible. See the module docstring for the order of rules.
    """
    settings = settings or CallSettings()
    entries = _profile_index(profile, mode)
    eligible = [c for c in candidates
                if c.queue in entries and c.target_window in (None, window_number)]
    if not eligible:
        return None
    targeted = [c for c in eligible if c.target_window == window_number]
    if targeted:
        return CallDecision(order_within_queue(targeted)[0], "targeted", "targeted")
    by_queue: dict[str, list[Candidate]] = {}
    for cand in eligible:
        by_queue.setdefault(cand.queue, []).append(cand)
    queue = _aged_queue(by_queue, entries, now, settings)
    rule: QueueRule = "aging"
    if queue is None and mode == "ratio":
        queue, rule = _ratio_queue(by_queue, entries, history), "ratio"
    elif queue is None:
        queue, rule = min(by_queue, key=lambda q: _rank(entries, q)), "precedence"
    return _pick_in_queue(by_queue[queue], rule, history, settings)


def next_history(history: CallHistory, decision: CallDecision, keep: int = 50) -> CallHistory:
    """The window's history after this call, to persist with the call.

    ``keep`` must cover the largest ratio cycle of the profile (sum of ratios − 1).
    The priority run counts green/appointment calls in a row and restarts at any ordinary
    call; it counts window-wide, so it may reach the cap while no ordinary ticket waited —
    then the next ordinary ticket is simply called at once, which errs on the fair side.
    """
    cand = decision.candidate
    recent = (*history.recent_queues, cand.queue)[-keep:] if keep > 0 else ()
    run = history.consecutive_priority + 1 if is_priority(cand) else 0
    return CallHistory(recent_queues=recent, consecutive_priority=run)


def rejoin_order_at(waiting_order_ats_sorted: Sequence[datetime], k: int,
                    now: datetime) -> datetime:
    """The order_at that puts a reactivated no-show just behind the next ``k`` waiting tickets.

    ``waiting_order_ats_sorted`` are the order_at of the tickets still waiting in its queue
    (sorted again here, cheaply, in case the caller did not). One microsecond after the
    k-th one places it right behind it and ahead of the (k+1)-th, which came later. With
    fewer than ``k`` waiting it goes to the back: ``now``, or just behind the last ticket
    if a clock skew made one look newer than now. ``k`` 0 means no penalty: the front.
    """
    if k < 0:
        raise ValidationError(f"过号重排位数不能为负数：{k}", field="k")
    ordered = sorted(waiting_order_ats_sorted)
    step = timedelta(microseconds=1)
    if k == 0:
        return min(ordered[0] - step, now) if ordered else now
    if len(ordered) < k:
        return max(now, ordered[-1] + step) if ordered else now
    return ordered[k - 1] + step
