"""Windows racing for a queue's last ticket on PostgreSQL (row locks; SQLite's single write
lock has no such race).

Another window's claim is simulated by a transaction that holds the ticket's row lock: the
calling window first skips it (SKIP LOCKED), then waits for that claim to end. If it commits,
the queue is empty for this window; if it rolls back, this window calls the ticket. Before,
the window retried without waiting and gave up with "叫号冲突过多" (call_contention).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from racekit import lock_waited
from sqlalchemy import text

from hallapp.core.errors import EmptyQueue
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def _call_in_thread(clerk: Ctx, window: int) -> tuple[threading.Thread, dict[str, Any]]:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["ticket"] = windows.call_next(clerk, window).number
        except Exception as exc:  # handed to the test thread
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


@pytest.mark.parametrize("engine_name", ["postgresql"])  # overrides the both-engines fixture
@pytest.mark.parametrize("other_window_commits", [True, False])
def test_a_window_waits_for_a_claim_in_flight_instead_of_giving_up(
        hall_db: Database, ctx_for: CtxFor, other_window_commits: bool) -> None:
    number = tickets.take_ticket(ctx_for("kiosk1"), "A").number
    clerk = ctx_for("clerk2")
    windows.open_window(clerk, 2)
    with hall_db.writer.connect() as other:  # window 1, between its claim and its commit
        other.execute(text("UPDATE ticket SET state = 'abandoned' WHERE number = :n"),
                      {"n": number})
        thread, result = _call_in_thread(clerk, 2)
        assert lock_waited(hall_db, thread), (  # window 2, on its second round
            "the calling window never waited for the claim in flight")
        assert thread.is_alive()
        if other_window_commits:
            other.commit()
        else:
            other.rollback()
        thread.join(timeout=10)
    assert not thread.is_alive()
    if other_window_commits:
        assert isinstance(result.get("error"), EmptyQueue), result
    else:
        assert result == {"ticket": number}
