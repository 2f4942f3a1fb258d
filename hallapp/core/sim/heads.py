"""Waiting tickets of a queue in heaps, so a call looks at a handful of tickets, not all.

Why passing only heads gives the same decision as passing every waiting ticket to
:func:`hallapp.core.queue_rules.choose_next` (the simulator has no transfers, so no
targeted tickets):

* the order inside a queue is the key (green → 0 else 1, appointment → 0 else 1,
  order_at, ticket_id). Its first two parts split a queue into four classes; keeping one
  heap per class ordered by (order_at, ticket_id), the queue's first ticket is the head of
  the first non-empty class, and the oldest ordinary ticket (the starvation ``cap``) is the
  head of the ordinary class;
* ``aging`` looks at the smallest order_at in the queue, which is the smallest of the
  class heads (each head is the smallest of its class);
* ``precedence`` and ``ratio`` look only at which queues have somebody waiting, which the
  heads show as well as the full list.

So the heads of the four classes (at most four tickets per queue) carry everything the rule
reads; ``tests/core/test_sim_heads.py`` checks it against the full list on random cases.
"""

from __future__ import annotations

import heapq

from hallapp.core.queue_rules import Candidate
from hallapp.core.sim.arrivals import Applicant

Entry = tuple[float, int, Applicant]


class QueueHeads:
    """The waiting applicants of one queue, one heap per call class."""

    __slots__ = ("heaps", "size")

    def __init__(self) -> None:
        self.heaps: tuple[list[Entry], ...] = ([], [], [], [])
        self.size = 0

    def push(self, a: Applicant) -> None:
        heapq.heappush(self.heaps[a.klass], (a.arrive, a.id, a))
        self.size += 1

    def heads(self) -> list[Candidate]:
        return [h[0][2].candidate() for h in self.heaps if h]

    def pop(self, ticket_id: int) -> Applicant:
        """Remove the head with ``ticket_id`` (choose_next only ever picks a head)."""
        for heap in self.heaps:
            if heap and heap[0][1] == ticket_id:
                self.size -= 1
                return heapq.heappop(heap)[2]
        raise KeyError(ticket_id)

    def drain(self) -> list[Applicant]:
        """Everybody still waiting (end of day), emptying the heaps."""
        out = [e[2] for heap in self.heaps for e in heap]
        for heap in self.heaps:
            heap.clear()
        self.size = 0
        return out
