"""Call order for a window: every rule by example, then properties over random halls."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import (
    CallDecision,
    CallHistory,
    CallSettings,
    Candidate,
    ProfileEntry,
    choose_next,
    next_history,
    order_within_queue,
    rejoin_order_at,
)

T0 = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)  # 09:00 in the hall
EMPTY = CallHistory()
NO_AGING = CallSettings(aging_minutes=0)
A_THEN_B = (ProfileEntry("A", 1), ProfileEntry("B", 2))


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def cand(tid: int, queue: str = "A", minute: float = 0, **kw: object) -> Candidate:
    return Candidate(ticket_id=tid, queue=queue, order_at=at(minute), **kw)  # type: ignore[arg-type]


def pick(cands: list[Candidate], profile: tuple[ProfileEntry, ...] = A_THEN_B,
         mode: str = "precedence", now: float = 10, history: CallHistory = EMPTY,
         cfg: CallSettings | None = None, window: int = 1) -> CallDecision:
    decision = choose_next(profile, mode, cands, window, at(now), history, cfg)
    assert decision is not None
    return decision


class TestOrderWithinQueue:
    def test_green_then_appointment_then_take_time(self) -> None:
        ordinary_old = cand(1, minute=0)
        appointment = cand(2, minute=5, appointment=True)
        green = cand(3, minute=9, priority="elderly")
        ordinary_new = cand(4, minute=3)
        got = order_within_queue([ordinary_new, appointment, ordinary_old, green])
        assert [c.ticket_id for c in got] == [3, 2, 1, 4]

    def test_transferred_ticket_keeps_its_original_place(self) -> None:
        # Taken at minute 2 in queue B, transferred to A at minute 20: it goes between
        # the tickets of A taken at minutes 1 and 3, not at the back.
        transferred = cand(9, minute=2, transferred=True)
        got = order_within_queue([cand(1, minute=1), cand(2, minute=3), transferred])
        assert [c.ticket_id for c in got] == [1, 9, 2]

    def test_ticket_id_breaks_exact_ties(self) -> None:
        got = order_within_queue([cand(5, minute=1), cand(4, minute=1)])
        assert [c.ticket_id for c in got] == [4, 5]


class TestEligibility:
    def test_nothing_eligible_gives_none(self) -> None:
        cands = [cand(1, queue="C"), cand(2, target_window=2)]
        assert choose_next(A_THEN_B, "precedence", cands, 1, at(5), EMPTY) is None
        assert choose_next(A_THEN_B, "ratio", [], 1, at(5), EMPTY) is None

    def test_targeted_at_this_window_first(self) -> None:
        cands = [cand(1, minute=0, priority="army"), cand(2, queue="B", minute=5,
                                                         target_window=1)]
        decision = pick(cands, now=500)  # queue A has aged, still the transfer goes first
        assert (decision.candidate.ticket_id, decision.reason) == (2, "targeted")
        assert decision.queue_rule == "targeted"

    def test_targeted_elsewhere_is_skipped(self) -> None:
        cands = [cand(1, minute=0, target_window=3), cand(2, queue="B", minute=5)]
        assert pick(cands).candidate.ticket_id == 2


class TestPrecedence:
    def test_lowest_number_wins(self) -> None:
        profile = (ProfileEntry("A", 2), ProfileEntry("B", 1))
        decision = pick([cand(1, minute=0), cand(2, queue="B", minute=8)], profile)
        assert (decision.candidate.ticket_id, decision.reason) == (2, "precedence")

    def test_equal_precedence_follows_profile_order(self) -> None:
        profile = (ProfileEntry("B", 1), ProfileEntry("A", 1))
        assert pick([cand(1), cand(2, queue="B", minute=5)], profile).candidate.queue == "B"

    def test_falls_through_to_next_queue(self) -> None:
        assert pick([cand(2, queue="B")]).candidate.ticket_id == 2


class TestAging:
    def test_aged_low_queue_goes_first(self) -> None:
        cands = [cand(1, queue="A", minute=40), cand(2, queue="B", minute=0)]
        decision = pick(cands, now=45)  # B waited exactly 45 min: the limit counts
        assert (decision.candidate.ticket_id, decision.reason) == (2, "aging")

    def test_just_below_the_limit_does_not_age(self) -> None:
        cands = [cand(1, queue="A", minute=40), cand(2, queue="B", minute=0)]
        assert pick(cands, now=44.99).reason == "precedence"

    def test_longest_wait_wins_among_aged(self) -> None:
        profile = (*A_THEN_B, ProfileEntry("C", 3))
        cands = [cand(1, "A", 10), cand(2, "B", 5), cand(3, "C", 1)]
        assert pick(cands, profile, now=100).candidate.ticket_id == 3

    def test_zero_turns_aging_off(self) -> None:
        cands = [cand(1, queue="A", minute=40), cand(2, queue="B", minute=0)]
        assert pick(cands, now=500, cfg=NO_AGING).candidate.ticket_id == 1

    def test_aged_queue_still_serves_green_channel_first(self) -> None:
        cands = [cand(1, "A", 50), cand(2, "B", 0), cand(3, "B", 40, priority="disabled")]
        decision = pick(cands, now=60)
        assert (decision.candidate.ticket_id, decision.reason) == (3, "priority")
        assert decision.queue_rule == "aging"

    def test_aging_also_overrides_ratio(self) -> None:
        profile = (ProfileEntry("A", 1, 5), ProfileEntry("B", 2, 1))
        decision = pick([cand(1, "A", 50), cand(2, "B", 0)], profile, "ratio", now=46)
        assert (decision.candidate.ticket_id, decision.reason) == (2, "aging")


class TestPriorityAndCap:
    def test_priority_reason(self) -> None:
        decision = pick([cand(1, minute=0), cand(2, minute=5, appointment=True)])
        assert (decision.candidate.ticket_id, decision.reason) == (2, "priority")

    def test_cap_calls_oldest_ordinary(self) -> None:
        cands = [cand(1, minute=3), cand(2, minute=1), cand(3, minute=5, priority="elderly")]
        history = CallHistory(("A", "A", "A"), consecutive_priority=3)
        decision = pick(cands, history=history)
        assert (decision.candidate.ticket_id, decision.reason) == (2, "cap")

    def test_below_cap_priority_still_first(self) -> None:
        cands = [cand(1, minute=0), cand(3, minute=5, priority="elderly")]
        history = CallHistory(("A", "A"), consecutive_priority=2)
        assert pick(cands, history=history).reason == "priority"

    def test_cap_needs_an_ordinary_ticket_waiting(self) -> None:
        cands = [cand(3, minute=5, priority="elderly")]
        history = CallHistory(("A",) * 5, consecutive_priority=5)
        assert pick(cands, history=history).reason == "priority"

    def test_cap_sequence_through_history(self) -> None:
        # Six green tickets and one ordinary: with cap 2 the ordinary one is third.
        waiting = [cand(i, minute=i, priority="army") for i in range(1, 7)] + [cand(99, minute=0)]
        history, called = EMPTY, []
        cfg = CallSettings(max_consecutive_priority=2)
        while waiting:
            decision = pick(waiting, history=history, cfg=cfg)
            called.append(decision.candidate.ticket_id)
            waiting.remove(decision.candidate)
            history = next_history(history, decision)
        assert called == [1, 2, 99, 3, 4, 5, 6]


class TestRatio:
    def test_two_to_one_sequence(self) -> None:
        profile = (ProfileEntry("A", 1, 2), ProfileEntry("B", 2, 1))
        history, queues = EMPTY, []
        for i in range(9):
            cands = [cand(100 + i, "A", i), cand(200 + i, "B", i)]
            decision = pick(cands, profile, "ratio", now=i + 1, history=history, cfg=NO_AGING)
            assert decision.reason == "ratio"
            queues.append(decision.candidate.queue)
            history = next_history(history, decision)
        assert "".join(queues) == "ABAABAABA"

    def test_empty_queue_is_skipped_and_pattern_resumes(self) -> None:
        profile = (ProfileEntry("A", 1, 2), ProfileEntry("B", 2, 1))
        history = CallHistory(("A", "B", "A", "A", "A", "A"))  # B ran dry for a while
        got = pick([cand(1, "A"), cand(2, "B")], profile, "ratio", history=history, cfg=NO_AGING)
        assert got.candidate.queue == "B"
        assert pick([cand(1, "A")], profile, "ratio", history=history).candidate.queue == "A"

    def test_calls_to_other_queues_do_not_bend_the_pattern(self) -> None:
        profile = (ProfileEntry("A", 1, 2), ProfileEntry("B", 2, 1), ProfileEntry("C", 3, 1))
        history = CallHistory(("A", "B", "A", "C", "C"))  # C has no ticket now
        got = pick([cand(1, "A"), cand(2, "B")], profile, "ratio", history=history, cfg=NO_AGING)
        assert got.candidate.queue == "A"  # last two A/B calls were B, A: A is due


class TestValidation:
    def test_bad_mode(self) -> None:
        with pytest.raises(ValidationError) as info:
            choose_next(A_THEN_B, "random", [cand(1)], 1, at(1), EMPTY)
        assert info.value.field == "mode"

    def test_duplicate_queue_in_profile(self) -> None:
        with pytest.raises(ValidationError) as info:
            choose_next((ProfileEntry("A", 1), ProfileEntry("A", 2)), "precedence", [], 1,
                        at(1), EMPTY)
        assert info.value.field == "profile"

    @pytest.mark.parametrize(("build", "field"), [
        (lambda: ProfileEntry("A", 1, 0), "ratio"),
        (lambda: CallSettings(max_consecutive_priority=0), "max_consecutive_priority"),
        (lambda: CallSettings(aging_minutes=-1), "aging_minutes"),
    ])
    def test_bad_values(self, build: object, field: str) -> None:
        with pytest.raises(ValidationError) as info:
            build()  # type: ignore[operator]
        assert info.value.field == field


class TestNextHistory:
    def test_appends_and_trims(self) -> None:
        decision = CallDecision(cand(1, "B"), "precedence", "precedence")
        got = next_history(CallHistory(("A", "A", "C")), decision, keep=3)
        assert got.recent_queues == ("A", "C", "B")

    def test_priority_run_counts_and_resets(self) -> None:
        green = CallDecision(cand(1, priority="elderly"), "priority", "precedence")
        booked = CallDecision(cand(2, appointment=True), "targeted", "targeted")
        ordinary = CallDecision(cand(3), "cap", "precedence")
        history = next_history(next_history(EMPTY, green), booked)
        assert history.consecutive_priority == 2
        assert next_history(history, ordinary).consecutive_priority == 0


class TestRejoin:
    def test_just_behind_the_kth(self) -> None:
        waiting = [at(1), at(2), at(3), at(4)]
        assert rejoin_order_at(waiting, 2, at(30)) == at(2) + timedelta(microseconds=1)

    def test_rejoined_ticket_sorts_between_kth_and_next(self) -> None:
        others = [cand(10 + i, minute=i) for i in range(5)]
        back = rejoin_order_at([c.order_at for c in others], 3, at(30))
        rejoined = Candidate(ticket_id=1, queue="A", order_at=back)
        order = [c.ticket_id for c in order_within_queue([*others, rejoined])]
        assert order == [10, 11, 12, 1, 13, 14]

    def test_fewer_than_k_goes_to_the_back(self) -> None:
        assert rejoin_order_at([at(1), at(2)], 3, at(30)) == at(30)
        assert rejoin_order_at([], 3, at(30)) == at(30)
        skewed = rejoin_order_at([at(31)], 3, at(30))  # a clock ran ahead
        assert skewed == at(31) + timedelta(microseconds=1)

    def test_unsorted_input_and_zero(self) -> None:
        assert rejoin_order_at([at(3), at(1)], 1, at(30)) == at(1) + timedelta(microseconds=1)
        assert rejoin_order_at([at(3), at(1)], 0, at(30)) == at(1) - timedelta(microseconds=1)
        with pytest.raises(ValidationError):
            rejoin_order_at([], -1, at(30))


# --- properties -------------------------------------------------------------------------

QUEUES = ("A", "B", "C", "D")

candidates_st = st.lists(st.builds(
    Candidate,
    ticket_id=st.integers(1, 10_000),
    queue=st.sampled_from(QUEUES),
    order_at=st.integers(0, 300).map(at),
    priority=st.none() | st.sampled_from(("elderly", "army")),
    appointment=st.booleans(),
    transferred=st.booleans(),
    target_window=st.none() | st.integers(1, 3),
), max_size=25, unique_by=lambda c: c.ticket_id)


@st.composite
def profiles(draw: st.DrawFn) -> tuple[ProfileEntry, ...]:
    queues = draw(st.lists(st.sampled_from(QUEUES), min_size=1, max_size=4, unique=True))
    return tuple(ProfileEntry(q, draw(st.integers(1, 3)), draw(st.integers(1, 4)))
                 for q in queues)


@given(profile=profiles(), mode=st.sampled_from(("precedence", "ratio")),
       cands=candidates_st, window=st.integers(1, 3), now=st.integers(0, 400),
       recent=st.lists(st.sampled_from(QUEUES), max_size=12), run=st.integers(0, 5),
       cap=st.integers(1, 4), aging=st.integers(0, 120))
def test_choose_next_only_eligible_and_never_idle(
        profile: tuple[ProfileEntry, ...], mode: str, cands: list[Candidate], window: int,
        now: int, recent: list[str], run: int, cap: int, aging: int) -> None:
    history = CallHistory(tuple(recent), run)
    cfg = CallSettings(max_consecutive_priority=cap, aging_minutes=aging)
    served = {e.queue for e in profile}
    eligible = [c for c in cands
                if c.queue in served and c.target_window in (None, window)]
    decision = choose_next(profile, mode, cands, window, at(now), history, cfg)
    if not eligible:
        assert decision is None
        return
    assert decision is not None
    assert decision.candidate in eligible
    if any(c.target_window == window for c in eligible):
        assert decision.reason == "targeted"


def _run_ratio(profile: tuple[ProfileEntry, ...], calls: int) -> list[Counter[str]]:
    """Serve ``calls`` tickets with every queue always full; return counts after each call."""
    waiting = {e.queue: [Candidate(i, e.queue, at(0)) for i in range(2)] for e in profile}
    next_id, history, counts, seen = 1000, EMPTY, Counter[str](), []
    for step in range(calls):
        cands = [c for queue in waiting.values() for c in queue]
        decision = choose_next(profile, "ratio", cands, 1, at(step), history, NO_AGING)
        assert decision is not None
        queue = decision.candidate.queue
        waiting[queue].remove(decision.candidate)
        waiting[queue].append(Candidate(next_id, queue, at(step)))  # a newcomer keeps it full
        next_id += 1
        counts[queue] += 1
        history = next_history(history, decision)
        seen.append(counts.copy())
    return seen


def test_two_to_one_long_run_stays_within_one() -> None:
    profile = (ProfileEntry("A", 1, 2), ProfileEntry("B", 2, 1))
    for n, counts in enumerate(_run_ratio(profile, 300), start=1):
        assert abs(counts["A"] - 2 * n / 3) <= 1
        assert abs(counts["B"] - n / 3) <= 1


@settings(max_examples=60, deadline=None)
@given(ratios=st.lists(st.integers(1, 6), min_size=2, max_size=3),
       precedences=st.lists(st.integers(1, 3), min_size=3, max_size=3),
       calls=st.integers(1, 120))
def test_ratio_long_run_stays_within_one_of_proportion(
        ratios: list[int], precedences: list[int], calls: int) -> None:
    profile = tuple(ProfileEntry(q, p, r) for q, p, r in zip(QUEUES, precedences, ratios,
                                                              strict=False))
    total = sum(ratios)
    for n, counts in enumerate(_run_ratio(profile, calls), start=1):
        for entry in profile:
            assert abs(counts[entry.queue] - n * entry.ratio / total) <= 1


@settings(deadline=None)
@given(aging=st.integers(1, 90), interval_s=st.integers(30, 900),
       backlog=st.integers(1, 4), arrivals=st.integers(1, 3), lag_s=st.integers(1, 600),
       greens=st.booleans())
def test_low_precedence_is_called_once_it_ages(
        aging: int, interval_s: int, backlog: int, arrivals: int, lag_s: int,
        greens: bool) -> None:
    """Queue H always has tickets (all taken after L's, so L's is the oldest); L's ticket is
    called at the first call at which it has waited aging_minutes — not before, not later."""
    low = Candidate(1, "L", T0)
    profile = (ProfileEntry("H", 1), ProfileEntry("L", 2))
    cfg = CallSettings(aging_minutes=aging)
    start = T0 + timedelta(seconds=lag_s)
    high = [Candidate(100 + i, "H", start, priority="army" if greens and i % 2 else None)
            for i in range(backlog)]
    history, next_id, step = EMPTY, 200, 0
    while True:
        now = start + timedelta(seconds=interval_s * step)
        decision = choose_next(profile, "precedence", [*high, low], 1, now, history, cfg)
        assert decision is not None
        aged = now - low.order_at >= timedelta(minutes=aging)
        if decision.candidate is low:
            assert aged
            assert decision.reason == "aging"
            return
        assert not aged
        high.remove(decision.candidate)
        high.extend(Candidate(next_id + j, "H", now) for j in range(arrivals))
        next_id += arrivals
        history = next_history(history, decision)
        step += 1
