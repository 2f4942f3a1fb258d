"""Bookings, slot openings and rest days at the same moment, from separate processes (SQLite
and PostgreSQL).

On PostgreSQL each read the calendar and the slots before the other committed: bookings made
while an administrator made their day a rest day stayed booked on it, missing from the list
of bookings to tell; two administrators opening the same hours both found them free and
opened them twice (twice the places); two marking the same rest day both inserted it, and
one was shown an internal error (IntegrityError).

Two administrators open the same slots and then mark the same rest day, while two desks
book the slots of another day that a third administrator makes a rest day meanwhile.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from datetime import UTC, date, datetime, time

import booking_workers
import pytest
from conftest import actor_for
from sqlalchemy import select

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import appointments
from hallapp.services.audit import verify_audit
from hallapp.services.context import Ctx
from hallapp.store.models import Appointment, AppointmentSlot, CalendarDay
from hallapp.store.uow import Database

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # Tuesday 09:00 in Shanghai
DAYS = {"rest": date(2026, 11, 26), "open": date(2026, 11, 25), "rest2": date(2026, 11, 27)}
TERMINALS = [("opener", "admin1"), ("opener", "admin1"), ("desk", "clerk1"),
             ("desk", "clerk2"), ("rest", "admin1")]
JOIN_TIMEOUT_S = 120


def _run(db: Database, slot_ids: list[int]) -> dict[str, list[list[str]]]:
    spawn = mp.get_context("spawn")
    barrier = spawn.Barrier(len(TERMINALS))
    booked = spawn.Value("i", 0, lock=False)
    days = {k: v.isoformat() for k, v in DAYS.items()}
    procs, pipes = [], []
    for role, username in TERMINALS:
        mine, theirs = spawn.Pipe(duplex=False)
        proc = spawn.Process(target=booking_workers.calendar_race, daemon=True, args=(
            role, db.url, username, NOW.isoformat(), days, slot_ids, booked, barrier, theirs))
        proc.start()
        procs.append(proc)
        pipes.append(mine)
    told: dict[str, list[list[str]]] = {}
    for (role, _), proc, pipe in zip(TERMINALS, procs, pipes, strict=True):
        assert pipe.poll(JOIN_TIMEOUT_S), f"{role} sent nothing"
        told.setdefault(role, []).append(pipe.recv())
        proc.join(JOIN_TIMEOUT_S)
        assert proc.exitcode == 0
    return told


def test_rest_days_slot_openings_and_bookings_at_once(hall_db: Database) -> None:
    admin = Ctx(hall_db, actor_for(hall_db, "admin1"), clock=lambda: NOW)
    slots = appointments.create_slots(admin, "A", DAYS["rest"], time(9), time(12),
                                      capacity=50)
    told = _run(hall_db, [slot.id for slot in slots])
    errors = [o for outcomes in told.values() for each in outcomes for o in each
              if o.startswith("error:")]
    assert errors == []
    # Opened once; the other administrator is told the hours are open already. Both made
    # the same day a rest day (the second found it one).
    assert sorted(each[0] for each in told["opener"]) == ["opened:6", "slots_overlap"]
    assert [each[1:] for each in told["opener"]] == [["rest day"], ["rest day"]]
    # Every booking a desk was told of is among those the rest day cancelled, and each desk
    # went on until it was refused for the rest day.
    made = {o.split(":")[1] for each in told["desk"] for o in each if o.startswith("booked:")}
    cancelled = {o.split(":")[1] for o in told["rest"][0]}
    assert made
    assert made == cancelled
    assert [each[-1] for each in told["desk"]] == ["slot_day_closed"] * 2
    with hall_db.read_session() as s:
        states = Counter(s.scalars(select(Appointment.state)))
        opened = Counter(s.scalars(select(AppointmentSlot.starts_at).where(
            AppointmentSlot.starts_at >= datetime(2026, 11, 25, tzinfo=UTC),
            AppointmentSlot.starts_at < datetime(2026, 11, 26, tzinfo=UTC))))
        rest2 = s.get(CalendarDay, DAYS["rest2"])
    assert states == Counter(cancelled=len(made))
    assert len(opened) == 6, opened
    assert set(opened.values()) == {1}, opened
    assert rest2 is not None
    assert not rest2.working
    report = verify_audit(Ctx(hall_db, SYSTEM_ACTOR))
    assert report.ok, report.problems
