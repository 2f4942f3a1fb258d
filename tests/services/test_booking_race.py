"""Desks booking at the same instant from separate processes never overbook a slot, and
never give one person two places in a queue on one day.

Eight desk processes start together at a barrier. Each books the same four people (every
desk tries each of them, in its own slot order) and four people of its own into four slots
of queue A with five places each. Exactness comes from the database: the conditional
``booked < capacity`` update for the places, and the queue row's lock (SQLite: the single
write lock) for one booking per ID number, queue and day. Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import multiprocessing as mp
import random
from collections import Counter
from datetime import UTC, date, datetime, time

import booking_workers
import pytest
from conftest import actor_for
from sqlalchemy import func, select
from test_queue_tickets import make_id

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import appointments
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx
from hallapp.store.models import Appointment, AppointmentSlot
from hallapp.store.uow import Database

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, before the slots
DESKS = [f"clerk{n}" for n in range(1, 9)]
SHARED = [make_id("19900101", seq=f"{n:03d}") for n in range(4)]
CAPACITY = 5
JOIN_TIMEOUT_S = 120


def _attempts(rng: random.Random, desk: int, slot_ids: list[int]) -> list[tuple[int, str]]:
    people = SHARED + [make_id("19900201", seq=f"{desk}{n:02d}") for n in range(4)]
    attempts = [(rng.choice(slot_ids), person) for person in people]
    rng.shuffle(attempts)
    return attempts


def test_desks_booking_at_once_keep_places_and_one_booking_per_person(
        hall_db: Database) -> None:
    admin = Ctx(hall_db, actor_for(hall_db, "admin1"), clock=lambda: NOW)
    slots = appointments.create_slots(admin, "A", date(2026, 11, 24), time(10), time(12),
                                      minutes=30, capacity=CAPACITY)
    slot_ids = [slot.id for slot in slots]
    rng = random.Random(20261127)
    plans = {desk: _attempts(rng, n, slot_ids) for n, desk in enumerate(DESKS)}

    spawn = mp.get_context("spawn")
    barrier = spawn.Barrier(len(DESKS))
    procs, pipes = [], []
    for desk, attempts in plans.items():
        mine, theirs = spawn.Pipe(duplex=False)
        proc = spawn.Process(target=booking_workers.desk, daemon=True, args=(
            hall_db.url, desk, NOW.isoformat(), attempts, barrier, theirs))
        proc.start()
        procs.append(proc)
        pipes.append(mine)
    outcomes = []
    for proc, pipe in zip(procs, pipes, strict=True):
        assert pipe.poll(JOIN_TIMEOUT_S), f"{proc.name} sent nothing"
        outcomes += pipe.recv()
        proc.join(JOIN_TIMEOUT_S)
        assert proc.exitcode == 0

    told = Counter(outcome.split(":")[0] if outcome.startswith("booked") else outcome
                   for _, _, outcome in outcomes)
    assert set(told) <= {"booked", "refused:already_booked", "refused:slot_full"}, told
    with hall_db.read_session() as s:
        booked = list(s.scalars(select(Appointment).where(Appointment.state == "booked")))
        per_slot = dict(s.execute(select(AppointmentSlot.id, AppointmentSlot.booked)).all())
        rows = s.scalar(select(func.count()).select_from(Appointment))
    # Every place claimed is a booking, every booking was told to its desk, none beyond.
    assert rows == len(booked) == told["booked"]
    assert Counter(a.slot_id for a in booked) == Counter(
        {slot: n for slot, n in per_slot.items() if n})
    assert all(n <= CAPACITY for n in per_slot.values())
    # One place per person, whatever the order: a person refused as already booked holds a
    # booking, and a slot refused as full is full.
    per_person = Counter(a.id_number for a in booked)
    assert all(n == 1 for n in per_person.values()), per_person
    for slot_id, person, outcome in outcomes:
        if outcome == "refused:already_booked":
            assert per_person[person] == 1
        elif outcome == "refused:slot_full":
            assert per_slot[slot_id] == CAPACITY
    assert told["refused:already_booked"], "no desk met another's booking of a person"
    assert told["refused:slot_full"], "no slot filled up"
    report = verify_audit(Ctx(hall_db, SYSTEM_ACTOR))
    assert report.ok, report.problems
