"""Two terminals folding the KPI summaries at once where no ``kpi_state`` row exists yet.

Migration 0014 empties ``kpi_state`` (a populated hall's summaries are recomputed), as a new
hall has none. The refresh locked that row to take turns with another refresh, but with no
row it locked nothing: both added row 1, and the second (waiting for the first's insert)
broke its primary key, an ``IntegrityError`` on the board, the KPI screen or ``kpi refresh``.
Now the row is added with ``ON CONFLICT DO NOTHING``, then locked: the second waits for the
first and finds everything folded. (SQLite's one write lock runs them one after the other.)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from racekit import in_flight
from sqlalchemy import select

from hallapp.services import kpi_summary
from hallapp.services.context import Ctx
from hallapp.store.models import FeedHead, KpiState
from hallapp.store.uow import Database

pytestmark = pytest.mark.parametrize("engine_name", ["postgresql"])  # SQLite has no race


def test_a_refresh_waits_for_another_adding_the_state_row(
        hall_db: Database, ctx_for: Callable[[str], Ctx]) -> None:
    with hall_db.read_session() as s:
        assert s.get(KpiState, 1) is None  # as after migration 0014, or in a new hall
    other = [("INSERT INTO kpi_state (id, event_id) VALUES (1, 0)", {})]
    out = in_flight(hall_db, other,
                    lambda: kpi_summary.refresh_summaries(ctx_for("supervisor1")))
    assert out.waited
    assert out.error is None, out.error
    with hall_db.read_session() as s:
        head = s.scalar(select(FeedHead.event_seq))
        assert s.scalars(select(KpiState.event_id)).all() == [head]
