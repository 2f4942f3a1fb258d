"""Passing only queue heads to choose_next decides exactly as passing every waiting ticket."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from hallapp.core.queue_rules import CallHistory, CallSettings, ProfileEntry, choose_next
from hallapp.core.sim.arrivals import BASE, Applicant
from hallapp.core.sim.heads import QueueHeads

QUEUES = ("A", "B", "C")


def _person(rng: random.Random, n: int) -> Applicant:
    return Applicant(id=n, queue=rng.choice(QUEUES), arrive=rng.choice([0, 60, 600]) +
                     rng.randrange(0, 7200), item=None, green=rng.random() < 0.25,
                     appointment=rng.random() < 0.25, leaves_at=1e9, noshow=False,
                     service=60.0, decision=None, correction=False)


def _case(rng: random.Random) -> tuple[list[ProfileEntry], str, CallHistory, CallSettings,
                                        int]:
    queues = rng.sample(QUEUES, rng.randint(1, 3))
    profile = [ProfileEntry(q, rng.randint(1, 3), rng.randint(1, 3)) for q in queues]
    history = CallHistory(tuple(rng.choice(QUEUES) for _ in range(rng.randint(0, 8))),
                          rng.randint(0, 4))
    settings = CallSettings(rng.randint(1, 3), rng.choice([0, 15, 45, 90]))
    return profile, rng.choice(["precedence", "ratio"]), history, settings, rng.randint(0, 9000)


def test_heads_give_the_same_decision_as_all_candidates() -> None:
    rng = random.Random(20261124)
    compared = 0
    for _ in range(3000):
        people = [_person(rng, n) for n in range(1, rng.randint(1, 40))]
        heads = {q: QueueHeads() for q in QUEUES}
        for a in people:
            heads[a.queue].push(a)
        profile, mode, history, settings, now_s = _case(rng)
        now = BASE + timedelta(seconds=now_s)
        full = choose_next(profile, mode, [a.candidate() for a in people], 1, now, history,
                           settings)
        few = choose_next(profile, mode, [c for h in heads.values() for c in h.heads()], 1,
                          now, history, settings)
        if full is None:
            assert few is None
            continue
        assert few is not None
        assert (few.candidate.ticket_id, few.reason, few.queue_rule) == \
            (full.candidate.ticket_id, full.reason, full.queue_rule)
        chosen = heads[full.candidate.queue].pop(full.candidate.ticket_id)
        assert chosen.id == full.candidate.ticket_id
        compared += 1
    assert compared > 2000


def test_heads_pop_only_heads_and_drain_everyone() -> None:
    rng = random.Random(7)
    heads = QueueHeads()
    people = [_person(rng, n) for n in range(1, 30)]
    for a in people:
        heads.push(a)
    assert len(heads.heads()) <= 4
    first = heads.heads()[0]
    heads.pop(first.ticket_id)
    with pytest.raises(KeyError):
        heads.pop(10_000)
    assert {a.id for a in heads.drain()} == {a.id for a in people} - {first.ticket_id}
    assert heads.size == 0
    assert heads.heads() == []
