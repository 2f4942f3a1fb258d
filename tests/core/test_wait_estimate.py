"""People ahead and estimated wait, against a case worked out by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import Candidate
from hallapp.core.wait_estimate import (
    WaitEstimate,
    average_service_seconds,
    estimate_wait,
    people_ahead,
)

NINE = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)  # 09:00 in the hall


def ticket(tid: int, queue: str, hhmm: str, **kw: object) -> Candidate:
    hour, minute = map(int, hhmm.split(":"))
    order_at = NINE + timedelta(hours=hour - 9, minutes=minute)
    return Candidate(ticket_id=tid, queue=queue, order_at=order_at, **kw)  # type: ignore[arg-type]


TARGET = ticket(2, "A", "09:05")
WAITING = [
    ticket(1, "A", "09:00"),                      # older ordinary ticket: ahead
    TARGET,
    ticket(3, "A", "09:10", priority="elderly"),  # green channel: ahead although later
    ticket(4, "A", "09:12", appointment=True),    # checked-in appointment: ahead
    ticket(5, "A", "08:55", transferred=True),    # transferred from B, took 08:55: ahead
    ticket(6, "A", "09:20"),                      # later ordinary ticket: behind
    ticket(7, "B", "08:00"),                      # other queue: not counted
    ticket(8, "A", "08:30", target_window=4),     # transferred to window 4: its own line
]

# 22 durations, oldest first. The two 5000 s are older than the last 20 and are dropped.
# Last 20 sorted: 300 ×9, 430, 480, 600 ×8, 3600 → median = (430 + 480) / 2 = 455 s.
# (Their mean would be 12010 / 20 = 600.5 s, pulled up by the one 3600 s case.)
DURATIONS = [5000.0, 5000.0] + [300.0] * 9 + [430.0, 480.0] + [600.0] * 8 + [3600.0]


def test_hand_computed_case() -> None:
    # People ahead of A002 (ticket 2): tickets 1, 3, 4, 5 → 4.
    ahead = people_ahead(TARGET, WAITING)
    assert ahead == 4
    # 4 people × 455 s / 3 windows = 606.67 s → ceil 607 s → 607 / 60 = 10.12 → 11 minutes.
    # (With the mean: 4 × 600.5 / 3 = 800.67 → 801 s → 14 min; with all 22: median 540 s
    # → 720 s → 12 min. Either mistake fails this test.)
    assert estimate_wait(ahead, DURATIONS, serving_windows=3) == WaitEstimate(4, 11, "median")


def test_served_tickets_are_not_ahead() -> None:
    # Ticket 1 is called and served: the service passes only the tickets still waiting.
    still_waiting = [c for c in WAITING if c.ticket_id != 1]
    assert people_ahead(TARGET, still_waiting) == 3


def test_target_need_not_be_in_the_list() -> None:
    assert people_ahead(TARGET, [c for c in WAITING if c is not TARGET]) == 4
    assert people_ahead(ticket(9, "A", "09:30"), WAITING) == 6  # everyone of A's line


def test_head_of_line_has_nobody_ahead() -> None:
    assert people_ahead(WAITING[2], WAITING) == 0  # the green-channel ticket


def test_ticket_targeted_at_a_window_counts_that_window_line() -> None:
    mine = ticket(10, "B", "09:40", target_window=4)
    assert people_ahead(mine, [*WAITING, mine]) == 1  # ticket 8, also sent to window 4


def test_default_below_three_samples() -> None:
    # 2 people × 600 s default / 1 window = 1200 s = 20 min.
    assert estimate_wait(2, [30.0, 40.0], 1) == WaitEstimate(2, 20, "default")
    assert estimate_wait(2, [], 1, default_service_seconds=90) == WaitEstimate(2, 3, "default")


def test_bad_samples_are_skipped() -> None:
    samples = [120.0, -5.0, 0.0, math.nan, math.inf, 180.0]
    assert average_service_seconds(samples) == (600.0, "default")  # only 2 valid
    assert average_service_seconds([*samples, 240.0]) == (180.0, "median")


def test_rounding_and_window_count() -> None:
    samples = [61.0, 61.0, 61.0]
    assert estimate_wait(0, samples, 2).minutes == 0
    assert estimate_wait(1, samples, 1).minutes == 2  # 61 s is more than a minute
    assert estimate_wait(1, [1.0] * 3, 1).minutes == 1  # any wait shows at least 1 min
    assert estimate_wait(3, samples, 0) == estimate_wait(3, samples, 1)  # no window open


def test_rejects_nonsense() -> None:
    with pytest.raises(ValidationError) as info:
        estimate_wait(-1, [], 1)
    assert info.value.field == "people_ahead"
    with pytest.raises(ValidationError) as info:
        estimate_wait(1, [], 1, default_service_seconds=0)
    assert info.value.field == "default_service_seconds"
