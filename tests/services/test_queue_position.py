"""People ahead as the database counts it agrees with the call-order rule of the core.

``queue_sql.position`` counts, in SQL, the waiting tickets whose call-order key is below the
ticket's own; ``core.wait_estimate.people_ahead`` is the rule written out in Python (and
tested against hand-computed cases in tests/core/test_wait_estimate.py). Random mixes of
green channel, appointments, transfers to a window, equal order_at instants and tickets no
longer waiting, on both engines.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, time, timedelta

import pytest
from conftest import FakeClock
from sqlalchemy import update
from writerkit import take_placed

from hallapp.core.queue_rules import Candidate
from hallapp.core.wait_estimate import people_ahead
from hallapp.services import appointments, tickets, windows
from hallapp.services.context import Ctx
from hallapp.services.queue_sql import TicketRow, position, ticket_row
from hallapp.store.models import Ticket
from hallapp.store.rawsql import RawSQL
from hallapp.store.uow import Database

TODAY = date(2026, 11, 24)
PEOPLE = ("44030419900101125X", "440304199001011233")


def _candidate(t: TicketRow) -> Candidate:
    return Candidate(t.id, t.queue, t.order_at, t.priority, t.appointment, t.transferred,
                     t.target_window)


def _random_hall(db: Database, kiosk: Ctx, clock: FakeClock, rng: random.Random) -> None:
    start = clock()
    for _ in range(24):
        info = take_placed(
            kiosk, rng.choice("AB"), priority=rng.choice([None, None, None, "pregnant"]),
            appointment=rng.random() < 0.2,
            order_at=start - timedelta(minutes=rng.randrange(6)))  # ties on purpose
        change: dict[str, object] = {}
        if rng.random() < 0.2:
            change["target_window"] = rng.choice([1, 2])
        if rng.random() < 0.2:
            change["state"] = rng.choice(["done", "no_show", "abandoned"])
        if change:
            with db.write_session() as s:
                s.execute(update(Ticket).where(Ticket.id == info.id).values(**change))
                s.commit()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_count_matches_the_core_rule(hall_db: Database, ctx_for: Callable[[str], Ctx],
                                         clock: FakeClock, seed: int) -> None:
    _random_hall(hall_db, ctx_for("kiosk1"), clock, random.Random(seed))
    with hall_db.writer.connect() as conn:
        raw = RawSQL(conn)
        ids = [r[0] for r in raw.rows("SELECT id FROM ticket ORDER BY id")]
        rows = [ticket_row(raw, i) for i in ids]
        waiting = [_candidate(r) for r in rows if r.state == "waiting"]
        assert len(waiting) >= 10
        checked = 0
        for r in rows:
            expected = people_ahead(_candidate(r), waiting) if r.state == "waiting" else 0
            assert position(raw, r, clock()).people_ahead == expected, r
            checked += r.state == "waiting"
        assert checked == len(waiting)
        assert any(c.target_window for c in waiting)


def test_a_held_appointment_is_counted_where_it_is_called_now(
        hall_db: Database, ctx_for: Callable[[str], Ctx], clock: FakeClock) -> None:
    """Appointments checked in before their 10:00 slot are held until then: called as
    ordinary tickets, at their own place (A002, whose holder waited with it since 09:01) or
    at the slot's start (A004, checked in without a ticket). People ahead counted them ahead
    of every ordinary ticket, and counted for them only the other appointments.

    Hand-computed, at 09:15: A001 09:00, A002 own place 09:01, A003 09:02, A005 09:11, A004
    10:00 — ahead 0, 1, 2, 4, 3 (was 2, 0, 3, 1, 4). At 10:00 the two go first: A002, A004,
    A001, A003, A005."""
    kiosk, admin, clerk = ctx_for("kiosk1"), ctx_for("admin1"), ctx_for("clerk1")
    [slot, *_] = appointments.create_slots(admin, "A", TODAY, time(10), time(11), capacity=2)
    codes = [appointments.book(clerk, slot.id, id_number=p).code for p in PEOPLE]
    taken = {"A001": tickets.take_ticket(kiosk, "A")}
    clock.advance(minutes=1)
    taken["A002"] = tickets.take_ticket(kiosk, "A", id_number=PEOPLE[0])
    clock.advance(minutes=1)
    taken["A003"] = tickets.take_ticket(kiosk, "A")
    clock.advance(minutes=8)  # 09:10
    assert appointments.checkin(kiosk, codes[0]).precedence_given  # A002, held
    taken["A004"] = appointments.checkin(kiosk, codes[1])  # a new ticket, held
    clock.advance(minutes=1)
    taken["A005"] = tickets.take_ticket(kiosk, "A")
    clock.advance(minutes=4)  # 09:15

    def ahead() -> dict[str, int]:
        return {n: tickets.show_ticket(kiosk, t.id).people_ahead for n, t in taken.items()}

    assert ahead() == {"A001": 0, "A002": 1, "A003": 2, "A004": 4, "A005": 3}
    assert tickets.find_ticket(kiosk, "A004").ticket.people_ahead == 4  # 号票查询
    clock.advance(minutes=45)  # 10:00: the slot begins
    assert ahead() == {"A001": 2, "A002": 0, "A003": 3, "A004": 1, "A005": 4}
    clock.now -= timedelta(minutes=45)  # 09:15 again: the windows call in the order counted
    clerk11 = ctx_for("clerk11")
    windows.open_window(clerk11, 11)
    called = []
    for _ in taken:
        called.append(windows.call_next(clerk11, 11).number)
        windows.finish(clerk11, 11)
    assert called == ["A001", "A002", "A003", "A005", "A004"]


def test_a_held_appointment_sent_back_to_a_window_is_counted_where_it_is_called(
        hall_db: Database, ctx_for: Callable[[str], Ctx], clock: FakeClock) -> None:
    """Both suspended at window 11 and resumed, A001 (09:00) and A002 (checked in at 09:05
    for 10:00, held) wait for that window, which calls A001 first until 10:00: A002 was
    counted ahead of it."""
    kiosk, admin, clerk = ctx_for("kiosk1"), ctx_for("admin1"), ctx_for("clerk1")
    [slot, *_] = appointments.create_slots(admin, "A", TODAY, time(10), time(11))
    code = appointments.book(clerk, slot.id, id_number=PEOPLE[0]).code
    first = tickets.take_ticket(kiosk, "A")
    clock.advance(minutes=5)
    held = appointments.checkin(kiosk, code)
    clerk11 = ctx_for("clerk11")
    windows.open_window(clerk11, 11)
    for mine in (first, held):
        assert windows.call_next(clerk11, 11).number == mine.number
        windows.suspend(clerk11, 11, "材料不全")
    for mine in (first, held):
        tickets.resume_suspended(clerk11, mine.number)
    assert [tickets.show_ticket(kiosk, t.id).people_ahead for t in (first, held)] == [0, 1]
    assert windows.call_next(clerk11, 11).number == first.number
