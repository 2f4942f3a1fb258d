"""Deadlines across real holidays and make-up days, clock stops, states and grades."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hallapp.core.calendar import WorkCalendar, package_years
from hallapp.core.catalogue import Limit
from hallapp.core.errors import DomainError, ValidationError
from hallapp.core.timelimits import (
    ClockStop,
    OpeningHours,
    compute_deadline,
    conclusion,
    deadline_state,
    immediate_deadline,
    remaining_working_days,
    stopped_extension,
    supplement_deadline,
    supplement_deadline_days,
    warning_horizon_days,
)

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar()
HOURS = OpeningHours()  # 09:00–12:00, 14:00–18:00


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=SH)


def deadline(accepted: datetime, value: int, unit: str = "working_day",
             stops: tuple[ClockStop, ...] = (), cal: WorkCalendar = CAL) -> datetime:
    return compute_deadline(accepted, Limit(value, unit), cal, HOURS, stops)


# --- working days ------------------------------------------------------------------------


@pytest.mark.parametrize(("accepted", "n", "due"), [
    (at(2025, 1, 24), 3, at(2025, 2, 5, 18)),  # Sun 26 and Mon 27 count, then after the holiday
    (at(2025, 1, 27, 17, 59), 5, at(2025, 2, 10, 18)),  # Saturday 02-08 is a working day
    (at(2025, 2, 1), 1, at(2025, 2, 5, 18)),  # accepted on a holiday (e.g. online)
    (at(2025, 9, 26), 5, at(2025, 10, 10, 18)),
    (at(2025, 9, 26), 6, at(2025, 10, 11, 18)),  # make-up Saturday
    (at(2026, 2, 13), 2, at(2026, 2, 24, 18)),
    (at(2026, 2, 13), 7, at(2026, 3, 2, 18)),
    (at(2026, 9, 24), 4, at(2026, 10, 8, 18)),
    (at(2025, 12, 30), 2, at(2026, 1, 4, 18)),  # over the year boundary to a make-up Sunday
])
def test_working_day_deadline(accepted: datetime, n: int, due: datetime) -> None:
    assert deadline(accepted, n) == due


def test_acceptance_day_is_taken_in_the_hall_zone() -> None:
    # 2025-01-23 23:30 UTC is Friday 01-24 07:30 in Shanghai: day 1 is Sunday 01-26.
    accepted = datetime(2025, 1, 23, 23, 30, tzinfo=UTC)
    assert deadline(accepted, 1) == at(2025, 1, 26, 18)


def test_hall_override_moves_the_deadline() -> None:
    cal = WorkCalendar({date(2025, 3, 5): False})
    assert deadline(at(2025, 3, 3), 5) == at(2025, 3, 10, 18)
    assert deadline(at(2025, 3, 3), 5, cal=cal) == at(2025, 3, 11, 18)


def test_unknown_year_raises_and_overrides_make_it_work() -> None:
    year = max(package_years()) + 1
    accepted = at(year - 1, 12, 28)
    with pytest.raises(DomainError) as info:
        deadline(accepted, 10)
    assert info.value.code == "calendar_unknown_year"
    assert info.value.facts["year"] == year
    cal = WorkCalendar({date(year, 1, d): False for d in range(1, 32)}, loaded_years=[year])
    # All of January off: the days left in December, then February weekdays.
    left_in_december = CAL.working_days_between(accepted.date(), date(year - 1, 12, 31))
    february_weekdays = [date(year, 2, d) for d in range(1, 29) if date(year, 2, d).weekday() < 5]
    expected = february_weekdays[10 - left_in_december - 1]
    assert deadline(accepted, 10, cal=cal) == at(expected.year, expected.month, expected.day, 18)


# --- natural days, hours, immediate ------------------------------------------------------


def test_natural_day_deadline() -> None:
    assert deadline(at(2025, 3, 3), 3, "natural_day") == at(2025, 3, 6, 18)
    # Ends on 01-30 during the Spring Festival: the period ends on the next working day.
    assert deadline(at(2025, 1, 20), 10, "natural_day") == at(2025, 2, 5, 18)
    # Ends on Saturday 03-08: moved to Monday.
    assert deadline(at(2025, 3, 3), 5, "natural_day") == at(2025, 3, 10, 18)


@pytest.mark.parametrize(("accepted", "n", "due"), [
    (at(2025, 3, 3, 9), 3, at(2025, 3, 3, 12)),  # exactly fills the morning, not 14:00
    (at(2025, 3, 3, 11), 3, at(2025, 3, 3, 16)),  # lunch break is not counted
    (at(2025, 3, 3, 12, 30), 1, at(2025, 3, 3, 15)),  # accepted over lunch
    (at(2025, 3, 3, 19), 1, at(2025, 3, 4, 10)),  # after closing
    (at(2025, 1, 27, 16), 4, at(2025, 2, 5, 11)),  # across the Spring Festival
    (at(2025, 1, 25, 10), 2, at(2025, 1, 26, 11)),  # Saturday rest, Sunday make-up day
    (at(2025, 3, 3, 9), 14, at(2025, 3, 4, 18)),  # two full days are 7 + 7 hours
    (at(2025, 3, 3, 9), 12, at(2025, 3, 4, 16)),
])
def test_hour_deadline(accepted: datetime, n: int, due: datetime) -> None:
    assert deadline(accepted, n, "hour") == due


@pytest.mark.parametrize(("received", "due"), [
    (at(2025, 1, 27, 10), at(2025, 1, 27, 18)),
    (at(2025, 1, 27, 17, 59, 59), at(2025, 1, 27, 18)),
    (at(2025, 1, 27, 18), at(2025, 2, 5, 18)),  # at closing: next working day
    (at(2025, 1, 27, 18, 30), at(2025, 2, 5, 18)),
    (at(2025, 2, 1, 10), at(2025, 2, 5, 18)),  # holiday
    (at(2025, 2, 8, 10), at(2025, 2, 8, 18)),  # make-up Saturday
    (at(2025, 12, 31, 19), at(2026, 1, 4, 18)),
])
def test_immediate_deadline(received: datetime, due: datetime) -> None:
    assert deadline(received, 0, "immediate") == due
    assert immediate_deadline(received, CAL, HOURS) == due


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        deadline(datetime(2025, 3, 3, 10), 1)


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(ValidationError):
        deadline(at(2025, 3, 3), 1, "fortnight")


# --- clock stops -------------------------------------------------------------------------


def stop(a: datetime, b: datetime) -> ClockStop:
    return ClockStop(a, b)


def test_stop_adds_each_working_day_it_touches() -> None:
    base = at(2025, 3, 3)  # 5 working days → Monday 03-10
    assert deadline(base, 5, stops=(stop(at(2025, 3, 4, 16), at(2025, 3, 6, 10)),)) == \
        at(2025, 3, 13, 18)


def test_a_stop_on_the_day_of_acceptance_adds_nothing() -> None:
    """The limit does not count the day of acceptance, so time stopped that day cost the
    office nothing: a 20-minute correction the morning a 1-day case was accepted moved its
    deadline from Wednesday to Thursday."""
    tuesday = at(2025, 3, 4, 9)
    morning = stop(at(2025, 3, 4, 9, 30), at(2025, 3, 4, 9, 50))
    assert deadline(tuesday, 1, stops=(morning,)) == at(2025, 3, 5, 18)
    overnight_into_wednesday = stop(at(2025, 3, 4, 17), at(2025, 3, 5, 9, 5))
    assert deadline(tuesday, 1, stops=(overnight_into_wednesday,)) == at(2025, 3, 6, 18)
    assert deadline(tuesday, 3, "natural_day", stops=(morning,)) == at(2025, 3, 7, 18)


# Mon 03-03-2025 10:00, 1 working day: due Tue 03-04 18:00 (no holiday that fortnight).
MONDAY = at(2025, 3, 3)


@pytest.mark.parametrize(("stops", "due"), [
    # before the deadline: Tuesday is stopped, so Wednesday
    ((stop(at(2025, 3, 4, 10), at(2025, 3, 4, 11)),), at(2025, 3, 5, 18)),
    # across it: begun with time left, the stop counts whole (Tue, Wed, Thu) → Friday
    ((stop(at(2025, 3, 4, 16), at(2025, 3, 6, 10)),), at(2025, 3, 7, 18)),
    # after it: the case was overdue when the clock stopped; nothing is given back
    ((stop(at(2025, 3, 5, 10), at(2025, 3, 6, 10)),), at(2025, 3, 4, 18)),
    # at the very deadline moment: no time was left either
    ((stop(at(2025, 3, 4, 18), at(2025, 3, 5, 10)),), at(2025, 3, 4, 18)),
    # two: the first moves the deadline to Wednesday, so the second (begun on Wednesday,
    # after the original deadline) still counts: Wed and Thu → Friday; a third begun on
    # Monday after that adds nothing
    ((stop(at(2025, 3, 4, 10), at(2025, 3, 4, 11)),
      stop(at(2025, 3, 5, 15), at(2025, 3, 6, 9, 30)),
      stop(at(2025, 3, 10, 10), at(2025, 3, 10, 11))), at(2025, 3, 7, 18)),
])
def test_a_stop_counts_only_if_it_begins_before_the_deadline(
        stops: tuple[ClockStop, ...], due: datetime) -> None:
    """A 补正 requested on an overdue case pushed its deadline past the approval, graded
    on time: every working day a stop touched was added, even after the deadline."""
    assert deadline(MONDAY, 1, stops=stops) == due
    assert deadline(MONDAY, 1, stops=tuple(reversed(stops))) == due  # taken in time order


@pytest.mark.parametrize(("stops", "due"), [
    ((stop(at(2025, 3, 3, 10), at(2025, 3, 3, 11)),), at(2025, 3, 3, 16)),  # before
    # across 15:00: 3.5 h ran before it, the last half hour runs after 17:00
    ((stop(at(2025, 3, 3, 14, 30), at(2025, 3, 3, 17)),), at(2025, 3, 3, 17, 30)),
    ((stop(at(2025, 3, 3, 15, 30), at(2025, 3, 3, 16, 30)),), at(2025, 3, 3, 15)),  # after
    # two: the first moves 15:00 to 16:00, so the second (15:30, past the original
    # deadline) counts: 1 + 1 + 1.5 h ran before it, half an hour after 16:30
    ((stop(at(2025, 3, 3, 10), at(2025, 3, 3, 11)),
      stop(at(2025, 3, 3, 15, 30), at(2025, 3, 3, 16, 30))), at(2025, 3, 3, 17)),
])
def test_an_hour_limit_gets_back_only_stops_begun_before_its_deadline(
        stops: tuple[ClockStop, ...], due: datetime) -> None:
    accepted = at(2025, 3, 3, 9)  # 4 hours: 9–12 and 14–15
    assert deadline(accepted, 4, "hour", stops=stops) == due


def test_a_natural_day_limit_gets_back_nothing_after_its_deadline() -> None:
    late = stop(at(2025, 3, 7, 10), at(2025, 3, 8, 10))  # due Thursday 03-06
    assert deadline(MONDAY, 3, "natural_day", stops=(late,)) == at(2025, 3, 6, 18)
    assert stopped_extension(Limit(3, "natural_day"), [late], CAL, HOURS,
                             accepted_at=MONDAY) == 0
    assert stopped_extension(Limit(3, "natural_day"), [late], CAL, HOURS) == 2  # no deadline


def test_stop_outside_opening_hours_adds_nothing() -> None:
    overnight = stop(at(2025, 3, 4, 18, 30), at(2025, 3, 5, 8, 30))
    assert deadline(at(2025, 3, 3), 5, stops=(overnight,)) == at(2025, 3, 10, 18)


def test_stop_over_a_weekend_counts_only_working_days() -> None:
    weekend = stop(at(2025, 3, 7, 17), at(2025, 3, 10, 9, 30))  # Fri + Mon
    assert stopped_extension(Limit(5, "working_day"), [weekend], CAL, HOURS) == 2


def test_stop_over_a_holiday_counts_only_working_days() -> None:
    festival = stop(at(2025, 1, 27, 10), at(2025, 2, 5, 10))  # Mon 27 + Wed 02-05
    assert stopped_extension(Limit(5, "working_day"), [festival], CAL, HOURS) == 2


def test_overlapping_and_same_day_stops_count_once() -> None:
    stops = [stop(at(2025, 3, 4, 10), at(2025, 3, 4, 11)),
             stop(at(2025, 3, 4, 10, 30), at(2025, 3, 5, 10)),
             stop(at(2025, 3, 5, 15), at(2025, 3, 5, 16))]
    assert stopped_extension(Limit(5, "working_day"), stops, CAL, HOURS) == 2
    assert stopped_extension(Limit(5, "hour"), stops, CAL, HOURS) == (2 + 4 + 1 + 1) * 60


def test_stop_extends_hour_limit_by_opening_time_used() -> None:
    accepted = at(2025, 3, 3, 9)  # 4 hours → 15:00
    pause = stop(at(2025, 3, 3, 10), at(2025, 3, 3, 11))
    assert deadline(accepted, 4, "hour") == at(2025, 3, 3, 15)
    assert deadline(accepted, 4, "hour", stops=(pause,)) == at(2025, 3, 3, 16)


def test_stop_extends_natural_day_limit_by_calendar_days_touched() -> None:
    pause = stop(at(2025, 3, 4, 10), at(2025, 3, 5, 10))
    # 03-03 + 3 + 2 = Saturday 03-08 → Monday 03-10.
    assert deadline(at(2025, 3, 3), 3, "natural_day", stops=(pause,)) == at(2025, 3, 10, 18)
    midnight = stop(at(2025, 3, 4, 10), datetime(2025, 3, 5, 0, 0, tzinfo=SH))
    assert stopped_extension(Limit(3, "natural_day"), [midnight], CAL, HOURS) == 1


def test_empty_or_reversed_stop_adds_nothing() -> None:
    stops = [stop(at(2025, 3, 4, 11), at(2025, 3, 4, 10)),
             stop(at(2025, 3, 4, 11), at(2025, 3, 4, 11))]
    assert stopped_extension(Limit(5, "working_day"), stops, CAL, HOURS) == 0


def test_stop_extends_immediate_by_working_days() -> None:
    pause = stop(at(2025, 3, 3, 10), at(2025, 3, 3, 11))
    assert deadline(at(2025, 3, 3, 9), 0, "immediate", stops=(pause,)) == at(2025, 3, 4, 18)


# --- states and grades -------------------------------------------------------------------

DUE = at(2025, 2, 5, 18)  # accepted 01-24 with 3 working days


@pytest.mark.parametrize(("now", "state"), [
    (at(2025, 1, 24), "normal"),  # 3 working days left
    (at(2025, 1, 26), "normal"),  # 2 left
    (at(2025, 1, 27), "warning"),  # 1 left: only 02-05
    (at(2025, 2, 1), "warning"),  # holiday, still 1 left
    (at(2025, 2, 5, 17, 59), "warning"),
    (at(2025, 2, 5, 18), "warning"),  # the deadline itself is still in time
    (at(2025, 2, 5, 18, 0, 1), "overdue"),
    (at(2025, 2, 10), "overdue"),
])
def test_deadline_state(now: datetime, state: str) -> None:
    assert deadline_state(DUE, now, CAL) == state


def test_warning_threshold_is_configurable() -> None:
    assert deadline_state(DUE, at(2025, 1, 27), CAL, warning_working_days=0) == "normal"
    assert deadline_state(DUE, at(2025, 2, 5, 9), CAL, warning_working_days=0) == "warning"
    assert deadline_state(DUE, at(2025, 1, 24), CAL, warning_working_days=3) == "warning"


def test_state_uses_the_hall_day_not_utc() -> None:
    # 01-25 17:00 UTC is already Sunday 01-26 01:00 in Shanghai: 2 left, not 3.
    now = datetime(2025, 1, 25, 17, 0, tzinfo=UTC)
    assert remaining_working_days(DUE, now, CAL) == 2
    assert remaining_working_days(DUE.astimezone(UTC), now, CAL) == 2


def test_remaining_working_days() -> None:
    assert remaining_working_days(DUE, at(2025, 1, 24), CAL) == 3
    assert remaining_working_days(DUE, at(2025, 2, 5, 19), CAL) == 0
    assert remaining_working_days(DUE, at(2025, 2, 10), CAL) == -4  # 6, 7, Sat 8, 10


@pytest.mark.parametrize(("concluded", "grade"), [
    (at(2025, 1, 27), "early"),
    (at(2025, 2, 1), "early"),  # a holiday before the deadline's day
    (at(2025, 2, 5, 9), "on_time"),
    (DUE, "on_time"),
    (DUE + timedelta(seconds=1), "late"),
    (at(2025, 2, 6), "late"),
])
def test_conclusion(concluded: datetime, grade: str) -> None:
    assert conclusion(DUE, concluded, CAL) == grade


# --- 容缺 supplement deadline ------------------------------------------------------------


@pytest.mark.parametrize(("promised", "days"), [
    (Limit(10, "working_day"), 8),
    (Limit(22, "working_day"), 20),
    (Limit(60, "working_day"), 20),
    (Limit(3, "working_day"), 1),
    (Limit(1, "working_day"), 1),
    (Limit(14, "natural_day"), 8),  # 14 natural days ≈ 10 working days
    (Limit(40, "hour"), 3),  # 40 hours = 5 working days
    (Limit(0, "immediate"), 1),
])
def test_supplement_deadline_days(promised: Limit, days: int) -> None:
    assert supplement_deadline_days(promised) == days


def test_supplement_deadline_date() -> None:
    # 10 working days promised → 8 to supplement: 26, 27, 5, 6, 7, 8, 10, 11.
    assert supplement_deadline(at(2025, 1, 24), Limit(10, "working_day"), CAL, HOURS) == \
        at(2025, 2, 11, 18)


# --- opening hours -----------------------------------------------------------------------


def test_opening_hours_custom_periods() -> None:
    hours = OpeningHours(((time(8, 30), time(17, 0)),))
    assert compute_deadline(at(2025, 3, 3), Limit(1, "working_day"), CAL, hours) == \
        at(2025, 3, 4, 17)


@pytest.mark.parametrize("periods", [
    (),
    ((time(12), time(9)),),
    ((time(9), time(12)), (time(11), time(18))),
    ((time(14), time(18)), (time(9), time(12))),
])
def test_opening_hours_validation(periods: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(ValidationError) as info:
        OpeningHours(periods)
    assert info.value.field == "opening_hours"


def test_opening_hours_unknown_zone() -> None:
    with pytest.raises(ValidationError, match="时区"):
        OpeningHours(tz="Mars/Olympus")


@pytest.mark.parametrize("warning_working_days", [0, 1, 3, 12, 30])
def test_the_warning_horizon_holds_every_warned_deadline(warning_working_days: int) -> None:
    """Over the official calendars of 2016–2025 (Spring Festivals, Golden Weeks, 调休), the
    last day whose deadline is still in the warning period lies within the horizon."""
    horizon = warning_horizon_days(warning_working_days)
    day, last = date(2016, 1, 1), date(2025, 11, 1)
    while day < last:
        # due before the (W + 1)-th working day from today: at most W left, a warning
        beyond = CAL.add_working_days(day, warning_working_days + 1)
        assert (beyond - day).days <= horizon, (day, beyond)  # the whole last day included
        day += timedelta(days=1)
