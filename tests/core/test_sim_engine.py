"""The fast engine: profile and plan formats, arrivals, outcomes, call order, determinism."""

from __future__ import annotations

import itertools
import json
import random
import statistics
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import ProfileEntry
from hallapp.core.sim.arrivals import arrival_times, generate_day
from hallapp.core.sim.engine import simulate_day
from hallapp.core.sim.profile import (
    QueueProfile,
    ServiceTime,
    SimProfile,
    load_profile,
    profile_from_dict,
    profile_to_dict,
)
from hallapp.core.sim.runner import simulate
from hallapp.core.sim.winplan import WindowPlan, WorkProfile, plan_from_dict, plan_to_dict

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="module")
def demo() -> SimProfile:
    return load_profile(DEMO / "sim_profile.json")


def _single(queue: str = "A") -> WorkProfile:
    return WorkProfile(queue, "precedence", (ProfileEntry(queue, 1),))


def test_demo_profile_matches_the_demo_catalogue(demo: SimProfile) -> None:
    catalogue = json.loads((DEMO / "catalogue.json").read_text(encoding="utf-8"))
    assert {q.code for q in demo.queues} == {q["code"] for q in catalogue["queues"]}
    norms = {i["code"]: i["service_norm_minutes"] for i in catalogue["items"]}
    assert set(demo.items) == set(norms)
    for code, item in demo.items.items():
        assert item.service.minutes == norms[code]  # the norm is the median
    assert demo.periods == ((9 * 3600, 12 * 3600), (14 * 3600, 18 * 3600))
    assert 250 < demo.expected_arrivals() < 450


def test_profile_json_round_trip(demo: SimProfile) -> None:
    again = profile_from_dict(profile_to_dict(demo))
    assert profile_to_dict(again) == profile_to_dict(demo)
    with pytest.raises(ValidationError):
        profile_from_dict({"format": "something-else"})
    bad = profile_to_dict(demo)
    bad["queues"]["A"]["green_share"] = 1.5
    with pytest.raises(ValidationError):
        profile_from_dict(bad)


def test_thinning_reproduces_hourly_rates() -> None:
    hourly = [0.0] * 24
    hourly[9], hourly[10], hourly[11] = 20.0, 60.0, 5.0
    q = QueueProfile("A", 20, tuple(hourly))
    counts: dict[int, list[int]] = defaultdict(list)
    for run in range(200):
        times = arrival_times(random.Random(run), q, ((9 * 3600, 12 * 3600),))
        for h in (9, 10, 11):
            counts[h].append(sum(int(t // 3600) == h for t in times))
    for h in (9, 10, 11):  # Poisson: mean λ, sd √λ; 200 runs → sd of the mean √λ/14
        assert statistics.fmean(counts[h]) == pytest.approx(hourly[h], abs=4 * hourly[h] ** .5 / 14)


def test_plan_format_and_shifts() -> None:
    raw = {"profiles": {"AB": {"mode": "ratio", "queues": [
        {"queue": "A", "precedence": 1, "ratio": 2}, {"queue": "B", "precedence": 2}]},
        "C": {"queues": [{"queue": "C"}]}},
        "hours": {"09": {"AB": 2, "C": 1}, "10": {"AB": 1}, "11": {"AB": 2}, "14": {"C": 1}}}
    plan = plan_from_dict(raw)
    assert plan.window_hours() == 7
    assert plan_from_dict(plan_to_dict(plan)) == plan
    shifts = plan.shifts([(9 * 3600, 12 * 3600), (14 * 3600, 18 * 3600)])
    by_number = {s.number: (s.profile.name, s.intervals) for s in shifts}
    assert by_number[1] == ("AB", ((9 * 3600, 12 * 3600, True),))
    assert by_number[2] == ("AB", ((9 * 3600, 10 * 3600, False), (11 * 3600, 12 * 3600, True)))
    # No desk serves C at 10:00 or 15:00: the one sent home then drains the line (it left
    # the people waiting for C stranded until the end of the day).
    assert by_number[3] == ("C", ((9 * 3600, 10 * 3600, True), (14 * 3600, 15 * 3600, True)))
    with pytest.raises(ValidationError):
        plan_from_dict({"profiles": {}, "hours": {"09": {"X": 1}}})
    with pytest.raises(ValidationError):
        plan_from_dict({"profiles": {"X": {"mode": "lottery", "queues": [{"queue": "A"}]}}})


def test_every_applicant_ends_in_one_outcome_and_desks_serve_one_at_a_time(
        demo: SimProfile) -> None:
    plan = WindowPlan({q.code: _single(q.code) for q in demo.queues},
                      {h: {q.code: 2 for q in demo.queues} for h in demo.hours()})
    people = generate_day(demo, 5)
    result = simulate_day(demo, plan, people)
    assert {a.outcome for a in people} <= {"served", "no_show", "abandoned"}
    spans = defaultdict(list)
    for a in people:
        if a.called is not None:
            assert a.called >= a.arrive
            busy = a.service if a.outcome == "served" else demo.noshow_seconds
            spans[a.window].append((a.called, a.called + busy))
            assert a.queue in result.desk_queues[a.window]  # only its profile's queues
        else:
            assert a.outcome == "abandoned"
    for desk_spans in spans.values():
        desk_spans.sort()
        assert all(b[0] >= a[1] - 1e-6 for a, b in itertools.pairwise(desk_spans))
    assert result.calls == sum(a.called is not None for a in people)


def test_green_channel_goes_first_within_a_queue() -> None:
    q = QueueProfile("A", 20, tuple(30.0 if 9 <= h < 12 else 0 for h in range(24)),
                     ServiceTime("lognormal", 10, 0.3), green_share=0.2)
    profile = SimProfile((q,), {}, ((9 * 3600, 12 * 3600),))
    people = generate_day(profile, 3)
    simulate_day(profile, WindowPlan({"A": _single()}, {9: {"A": 1}, 10: {"A": 1},
                                                       11: {"A": 1}}), people)
    called = sorted((a for a in people if a.called is not None), key=lambda a: a.called or 0)
    jumped = 0
    for i, a in enumerate(called):
        later_green = [b for b in called[i + 1:] if b.green and b.arrive < (a.called or 0)]
        if not a.green and later_green:
            jumped += 1  # only the starvation cap may call an ordinary ticket first
    assert sum(a.green for a in called) > 5
    assert jumped <= len(called) // 4


def test_runs_are_repeatable_and_report_cells(demo: SimProfile) -> None:
    plan = WindowPlan({"A": _single("A")}, {h: {"A": 3} for h in demo.hours()})
    only_a = replace(demo, queues=(demo.queue("A"),))
    one, two = simulate(only_a, plan, runs=4, seed=9), simulate(only_a, plan, runs=4, seed=9)
    assert one.cells == two.cells
    assert one.totals == two.totals
    day = one.cell("A", None)
    assert day is not None
    assert day.taken.runs == 4
    assert day.wait_p90.mean is not None
    assert day.utilisation.mean is not None
    assert 0 < day.utilisation.mean <= 1
    assert one.cell("A", 10) is not None
    assert one.cell("A", 12) is None  # nobody takes a ticket at lunch
    other = simulate(only_a, plan, runs=4, seed=10)
    assert other.totals != one.totals


def test_unknown_queue_in_plan_is_refused(demo: SimProfile) -> None:
    plan = WindowPlan({"X": _single("X")}, {9: {"X": 1}})
    with pytest.raises(ValidationError, match="X"):
        simulate(demo, plan, runs=1)
