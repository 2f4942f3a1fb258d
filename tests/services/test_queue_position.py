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
from datetime import timedelta

import pytest
from conftest import FakeClock
from sqlalchemy import update
from writerkit import take_placed

from hallapp.core.queue_rules import Candidate
from hallapp.core.wait_estimate import people_ahead
from hallapp.services.context import Ctx
from hallapp.services.queue_sql import TicketRow, position, ticket_row
from hallapp.store.models import Ticket
from hallapp.store.rawsql import RawSQL
from hallapp.store.uow import Database


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
            assert position(raw, r).people_ahead == expected, r
            checked += r.state == "waiting"
        assert checked == len(waiting)
        assert any(c.target_window for c in waiting)
