"""Hall figures, checked against counts done by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hallapp.core.errors import ValidationError
from hallapp.core.kpi import (
    CaseFacts,
    OpenCaseCounts,
    RatingFacts,
    Ratio,
    TicketFacts,
    abandonment_rate,
    bad_rating_rate,
    duration_stats,
    good_rating_rate,
    group_by,
    natural_key,
    no_show_rate,
    on_spot_rate,
    on_time_rate,
    one_visit_rate,
    open_cases_by_department,
    overdue_rate,
    p90,
    rectification_rate,
    service_stats,
    wait_stats,
)

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 11, 25, 8, 59, 30, tzinfo=CST)


def at(seconds: int) -> datetime:
    return T0 + timedelta(seconds=seconds)


def ticket(taken: int, called: int | None, started: int | None = None,
           finished: int | None = None, state: str = "done", window: str | None = "3"
           ) -> TicketFacts:
    return TicketFacts(at(taken), None if called is None else at(called),
                       None if started is None else at(started),
                       None if finished is None else at(finished), state, "A", window, "c1")


def test_ratio_never_divides_by_zero() -> None:
    assert Ratio(0, 0).value is None
    assert Ratio(0, 0).percent is None
    assert Ratio(1, 4).value == 0.25
    assert Ratio(1, 3).percent == 33.3
    with pytest.raises(ValidationError):
        Ratio(5, 4)


def test_p90_nearest_rank() -> None:
    assert p90([]) is None
    assert p90([7.0]) == 7.0
    values = [float(v) for v in range(1, 11)]  # rank ceil(9.0) = 9
    assert p90(values) == 9.0
    assert p90([float(v) for v in range(1, 12)]) == 10.0  # rank ceil(9.9) = 10
    assert p90([float(v) for v in range(20, 0, -1)]) == 18.0  # unsorted input, rank 18


def test_wait_crosses_minute_and_hour_boundaries_exactly() -> None:
    # Taken 08:59:30, called 09:01:10 -> 100 s (minute arithmetic would get this wrong).
    stats = wait_stats([ticket(0, 100)])
    assert stats.count == 1
    assert stats.mean == 100.0
    assert stats.p90 == 100.0


def test_wait_and_service_stats() -> None:
    tickets = [
        ticket(0, 60, 70, 370),      # wait 60, service 300
        ticket(10, 130, 140, 260),   # wait 120, service 120
        ticket(20, 320, 330, None),  # wait 300, still being served
        ticket(30, None, state="abandoned", window=None),
    ]
    wait = wait_stats(tickets)
    assert (wait.count, wait.mean, wait.p90, wait.max) == (3, 160.0, 300.0, 300.0)
    service = service_stats(tickets)
    assert (service.count, service.mean, service.p90) == (2, 210.0, 300.0)


def test_negative_spans_are_counted_not_averaged() -> None:
    stats = duration_stats([(at(100), at(40)), (at(0), at(50))])
    assert (stats.count, stats.mean, stats.invalid) == (1, 50.0, 1)
    empty = duration_stats([])
    assert (empty.count, empty.mean, empty.p90, empty.max) == (0, None, None, None)


def test_no_show_and_abandonment() -> None:
    tickets = [
        ticket(0, 60, 70, 100),
        ticket(0, 60, state="no_show"),
        ticket(0, 60, state="no_show"),
        ticket(0, 60, 70, 100),
        ticket(0, None, state="abandoned"),
    ]
    assert no_show_rate(tickets) == Ratio(2, 4)  # of the 4 called
    assert abandonment_rate(tickets) == Ratio(1, 5)  # of all 5 taken
    assert no_show_rate([]).value is None


def case(*, concluded: bool = True, on_spot: bool = False, in_person: bool = True,
         visits: int = 1, deadline: bool = True, outcome: str | None = "on_time",
         department: str = "SCJG", timeliness: str | None = None) -> CaseFacts:
    return CaseFacts(at(0), at(10) if concluded else None, concluded, on_spot, in_person,
                     visits, at(999) if deadline else None, at(10) if concluded else None,
                     outcome if concluded else None, "approved" if concluded else "in_review",
                     department, "X1", timeliness)


def test_case_rates_by_hand() -> None:
    cases = [
        case(on_spot=True, outcome="early"),          # on spot, early, 1 visit
        case(on_spot=True, outcome="on_time"),        # on spot, on time, 1 visit
        case(visits=2, outcome="late"),               # late, 2 visits
        case(in_person=False, visits=0, outcome="early"),  # online, 0 visits
        case(deadline=False, outcome=None),           # concluded, no deadline
        case(concluded=False),                        # still open
    ]
    assert on_spot_rate(cases) == Ratio(2, 5)  # 5 in-person, 2 on the spot
    assert one_visit_rate(cases) == Ratio(4, 5)  # 5 concluded, one with 2 visits
    assert on_time_rate(cases) == Ratio(3, 4)  # 4 concluded with a deadline
    assert overdue_rate(cases) == Ratio(1, 4)


def test_a_withdrawn_case_is_not_in_the_base_of_the_on_spot_rate() -> None:
    """撤回: the applicant's choice, not a matter the hall failed to complete on the spot."""
    withdrawn = CaseFacts(at(0), None, False, False, True, 1, at(999), None, None,
                          "withdrawn", "SCJG", "X1")
    cases = [case(on_spot=True), case(), withdrawn]
    assert on_spot_rate(cases) == Ratio(1, 2)  # it made 1/3


def test_on_time_and_overdue_add_up() -> None:
    cases = [case(outcome=o) for o in ("early", "late", "late", "on_time", "on_time")]
    on_time, overdue = on_time_rate(cases), overdue_rate(cases)
    assert on_time.numerator + overdue.numerator == on_time.denominator == 5


def test_case_facts_validation() -> None:
    with pytest.raises(ValidationError):
        case(outcome="soon")
    with pytest.raises(ValidationError):
        case(outcome=None)  # concluded with a deadline but no outcome
    with pytest.raises(ValidationError):
        case(visits=-1)


def test_open_cases_by_department() -> None:
    cases = [
        case(concluded=False, timeliness="normal"),
        case(concluded=False, timeliness="warning"),
        case(concluded=False, timeliness="overdue"),
        case(concluded=False, timeliness="overdue", department="GA"),
        case(),  # concluded: not open
    ]
    assert open_cases_by_department(cases) == {
        "SCJG": OpenCaseCounts(3, 1, 1),
        "GA": OpenCaseCounts(1, 0, 1),
    }


def test_rating_rates_by_hand() -> None:
    ratings = [
        RatingFacts(5), RatingFacts(4), RatingFacts(3),
        RatingFacts(2, followup_closed=True),
        RatingFacts(1, followup_closed=False),
        RatingFacts(1, followup_closed=None),
        RatingFacts(1, named=False),
    ]
    assert good_rating_rate(ratings) == Ratio(3, 7)  # 基本满意 counts as 好评
    assert bad_rating_rate(ratings) == Ratio(4, 7)
    assert rectification_rate(ratings) == Ratio(1, 3)  # anonymous one left out
    assert rectification_rate([RatingFacts(5)]).value is None


@pytest.mark.parametrize("level", [0, 6])
def test_rating_level_range(level: int) -> None:
    with pytest.raises(ValidationError):
        RatingFacts(level)


def test_group_by_window_drops_unknown_keys() -> None:
    tickets = [ticket(0, 60, window="1"), ticket(0, 90, window="2"),
               ticket(0, 30, window="1"), ticket(0, None, window=None)]
    groups = group_by(tickets, lambda t: t.window)
    assert sorted(groups) == ["1", "2"]
    assert wait_stats(groups["1"]).mean == 45.0


def test_keys_sort_naturally() -> None:
    """Windows and staff were listed as text: 1, 10, 11, 3 and clerk1, clerk10, clerk2."""
    assert sorted(["1", "10", "11", "3"], key=natural_key) == ["1", "3", "10", "11"]
    assert sorted(["clerk10", "clerk2", "clerk1", "admin1"], key=natural_key) == [
        "admin1", "clerk1", "clerk2", "clerk10"]
    assert sorted(["B", "A", "Z"], key=natural_key) == ["A", "B", "Z"]
