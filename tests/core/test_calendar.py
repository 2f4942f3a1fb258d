"""WorkCalendar against the real 2025/2026 official calendars, overrides and unknown years."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from hallapp.core.calendar import WorkCalendar, package_years, parse_calendar_file
from hallapp.core.errors import DomainError, ValidationError

CAL = WorkCalendar()
BEYOND = max(package_years()) + 1  # first year chinese_calendar does not know


@pytest.mark.parametrize(("day", "working"), [
    # 2025 Spring Festival: 01-28..02-04 off, Sunday 01-26 and Saturday 02-08 worked.
    (date(2025, 1, 26), True), (date(2025, 1, 27), True), (date(2025, 1, 28), False),
    (date(2025, 2, 3), False), (date(2025, 2, 4), False), (date(2025, 2, 5), True),
    (date(2025, 2, 8), True), (date(2025, 2, 9), False),
    # 2025 National Day: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked.
    (date(2025, 9, 27), False), (date(2025, 9, 28), True), (date(2025, 10, 8), False),
    (date(2025, 10, 9), True), (date(2025, 10, 11), True), (date(2025, 10, 12), False),
    # 2026 Spring Festival: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked.
    (date(2026, 2, 14), True), (date(2026, 2, 16), False), (date(2026, 2, 23), False),
    (date(2026, 2, 24), True), (date(2026, 2, 28), True), (date(2026, 3, 1), False),
    # 2026 Mid-Autumn 09-25 and National Day 10-01..10-07; Sunday 09-20, Saturday 10-10 worked.
    (date(2026, 9, 20), True), (date(2026, 9, 25), False), (date(2026, 10, 7), False),
    (date(2026, 10, 8), True), (date(2026, 10, 10), True),
    # 2026 New Year: 01-01..01-03 off, Sunday 01-04 worked.
    (date(2026, 1, 2), False), (date(2026, 1, 4), True),
    # Ordinary week.
    (date(2025, 3, 7), True), (date(2025, 3, 8), False),
])
def test_official_calendar(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_unknown_year_is_an_error_not_a_weekend_guess() -> None:
    monday = next(date(BEYOND, 3, d) for d in range(1, 8) if date(BEYOND, 3, d).weekday() == 0)
    with pytest.raises(DomainError) as info:
        CAL.is_working_day(monday)
    assert info.value.code == "calendar_unknown_year"
    assert info.value.facts["year"] == BEYOND
    assert str(BEYOND) in info.value.message
    assert "hallapp calendar load" in info.value.message


def test_counting_into_an_unknown_year_is_an_error() -> None:
    last_known = date(BEYOND - 1, 12, 31)
    with pytest.raises(DomainError, match=str(BEYOND)):
        CAL.add_working_days(last_known, 5)


def test_loaded_year_uses_weekdays_plus_overrides() -> None:
    new_year = date(BEYOND, 1, 1)
    saturday = next(date(BEYOND, 2, d) for d in range(1, 8) if date(BEYOND, 2, d).weekday() == 5)
    cal = WorkCalendar({new_year: False, saturday: True}, loaded_years=[BEYOND])
    assert cal.is_working_day(new_year) is False
    assert cal.is_working_day(saturday) is True
    plain = [date(BEYOND, 3, d) for d in range(1, 8)]
    assert [cal.is_working_day(d) for d in plain] == [d.weekday() < 5 for d in plain]
    assert BEYOND in cal.covered_years()
    assert BEYOND not in CAL.covered_years()
    assert {2025, 2026} <= CAL.covered_years()


def test_datetimes_are_refused() -> None:
    with pytest.raises(TypeError, match="hall-local date"):
        CAL.is_working_day(datetime(2025, 3, 3, 10))


def test_single_day_override_wins_over_the_package() -> None:
    closed = date(2025, 3, 5)  # a Wednesday the hall is closed
    cal = WorkCalendar({closed: False, date(2025, 3, 8): True})
    assert cal.is_working_day(closed) is False
    assert cal.is_working_day(date(2025, 3, 8)) is True
    assert cal.is_working_day(date(2025, 3, 6)) is True  # rest of the year from the package


def test_single_day_override_does_not_load_the_year() -> None:
    only = date(BEYOND, 1, 5)
    cal = WorkCalendar({only: True})
    assert cal.is_working_day(only) is True
    with pytest.raises(DomainError):
        cal.is_working_day(date(BEYOND, 1, 6))


def test_next_working_day_is_strictly_after() -> None:
    assert CAL.next_working_day(date(2025, 1, 27)) == date(2025, 2, 5)
    assert CAL.next_working_day(date(2025, 2, 5)) == date(2025, 2, 6)
    assert CAL.next_working_day(date(2025, 1, 24)) == date(2025, 1, 26)  # make-up Sunday


def test_next_working_day_gives_up_on_a_calendar_without_working_days() -> None:
    start = date(BEYOND, 1, 1)
    cal = WorkCalendar({date.fromordinal(start.toordinal() + i): False for i in range(400)},
                       loaded_years=[BEYOND, BEYOND + 1])
    with pytest.raises(DomainError) as info:
        cal.next_working_day(start)
    assert info.value.code == "calendar_no_working_day"


@pytest.mark.parametrize(("start", "n", "expected"), [
    (date(2025, 1, 24), 0, date(2025, 1, 24)),
    (date(2025, 1, 24), 1, date(2025, 1, 26)),
    (date(2025, 1, 24), 3, date(2025, 2, 5)),
    (date(2025, 1, 27), 5, date(2025, 2, 10)),  # 5, 6, 7, Sat 8, 10
    (date(2025, 9, 26), 5, date(2025, 10, 10)),  # 28, 29, 30, 9, 10
    (date(2025, 9, 26), 6, date(2025, 10, 11)),
    (date(2025, 9, 26), 7, date(2025, 10, 13)),
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    (date(2026, 2, 13), 2, date(2026, 2, 24)),
    (date(2026, 2, 13), 7, date(2026, 3, 2)),  # 14, 24, 25, 26, 27, Sat 28, Mar 2
    (date(2026, 9, 24), 4, date(2026, 10, 8)),  # 28, 29, 30, Oct 8
    (date(2026, 9, 24), 6, date(2026, 10, 10)),
    (date(2025, 12, 30), 2, date(2026, 1, 4)),  # year boundary, make-up Sunday
    (date(2025, 12, 30), 3, date(2026, 1, 5)),
])
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_add_working_days_rejects_negative() -> None:
    with pytest.raises(ValueError, match="n must be"):
        CAL.add_working_days(date(2025, 1, 1), -1)


def test_working_days_between_is_half_open_and_signed() -> None:
    a, b = date(2025, 1, 24), date(2025, 2, 10)
    assert CAL.working_days_between(a, b) == 7  # 26, 27, 5, 6, 7, 8, 10
    assert CAL.working_days_between(b, a) == -7
    assert CAL.working_days_between(a, a) == 0
    assert CAL.working_days_between(date(2025, 2, 4), date(2025, 2, 5)) == 1
    assert CAL.working_days_between(date(2025, 12, 31), date(2026, 1, 5)) == 2


# --- calendar files -----------------------------------------------------------------------


def _file(**entry: object) -> str:
    return json.dumps(entry)


def test_parse_calendar_file_round_trip() -> None:
    text = json.dumps([
        {"year": BEYOND, "holidays": [f"{BEYOND}-01-01"], "workdays": [f"{BEYOND}-02-06"]},
        {"year": BEYOND + 1, "holidays": [], "workdays": []},
    ])
    years, overrides = parse_calendar_file(text)
    assert years == {BEYOND, BEYOND + 1}
    assert overrides == {date(BEYOND, 1, 1): False, date(BEYOND, 2, 6): True}
    cal = WorkCalendar(overrides, years)
    assert cal.is_working_day(date(BEYOND, 1, 1)) is False
    assert cal.is_working_day(date(BEYOND, 2, 6)) is True


def test_parse_single_object_and_neighbouring_year_dates() -> None:
    years, overrides = parse_calendar_file(
        _file(year=2027, holidays=["2026-12-31", "2027-01-01"]))
    assert years == {2027}
    assert overrides == {date(2026, 12, 31): False, date(2027, 1, 1): False}


@pytest.mark.parametrize(("text", "field", "row", "fragment"), [
    (_file(holidays=["2027-01-01"]), "year", 1, "缺少 year"),
    (_file(year="2027"), "year", 1, "整数"),
    (_file(year=True), "year", 1, "整数"),
    (_file(year=2027, holidays=["2027-02-30"]), "holidays", 1, "2027-02-30"),
    (_file(year=2027, holidays=[], workdays=["20270207"]), "workdays", 1, "20270207"),
    (_file(year=2027, holidays=[], workdays=[20270207]), "workdays", 1, "20270207"),
    (_file(year=2027, holidays="2027-01-01"), "holidays", 1, "日期列表"),
    (_file(year=2027, holidays=["2029-01-01"]), "holidays", 1, "不属于 2027 年"),
    (_file(year=2027, holidays=["2027-02-07"], workdays=["2027-02-07"]), "workdays", 1,
     "同时"),
    (json.dumps([{"year": 2027, "holidays": []}] * 2), "year", 2, "重复"),
    (json.dumps([{"year": 2027, "holidays": []}, {"holidays": []}]), "year", 2, "第 2 条"),
    (json.dumps([{"year": 2027, "holidays": []}, "2028"]), "calendar", 2, "应为对象"),
    # a misspelt key loaded a year without holidays, replacing the good one
    (_file(year=2028, holiday=["2028-01-01"], workdays=[]), "holiday", 1, "未知的键 holiday"),
    (_file(year=2028, workdays=[]), "holidays", 1, "缺少 holidays"),
])
def test_parse_calendar_file_errors_name_the_entry(text: str, field: str, row: int,
                                                   fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_calendar_file(text)
    assert info.value.field == field
    assert info.value.row == row
    assert fragment in info.value.message


def test_a_calendar_file_saved_with_a_bom_reads() -> None:
    years, _ = parse_calendar_file("\ufeff" + _file(year=2027, holidays=["2027-01-01"]))
    assert years == {2027}


def test_parse_calendar_file_rejects_bad_json() -> None:
    with pytest.raises(ValidationError, match="JSON"):
        parse_calendar_file("{year: 2027")


def test_plain_saturdays_are_those_no_holiday_or_hall_override_claims() -> None:
    """A hall open on Saturdays opens on these: not on a holiday's Saturday, not on a
    make-up workday (a working day anyway), not on one the hall set itself."""
    cal = WorkCalendar({date(2026, 12, 5): False}, loaded_years=[BEYOND])
    assert cal.is_plain_saturday(date(2026, 11, 28))
    assert not cal.is_plain_saturday(date(2026, 10, 3))  # National Day
    assert not cal.is_plain_saturday(date(2026, 10, 10))  # worked for National Day
    assert not cal.is_plain_saturday(date(2026, 12, 5))  # the hall's rest day
    assert not cal.is_plain_saturday(date(2026, 11, 29))  # a Sunday
    saturday_beyond = next(date(BEYOND, 1, d) for d in range(1, 8)
                           if date(BEYOND, 1, d).weekday() == 5)
    assert cal.is_plain_saturday(saturday_beyond)  # a loaded year: its holidays are rows
    with pytest.raises(DomainError):
        WorkCalendar().is_plain_saturday(saturday_beyond)


def test_a_provisional_count_guesses_weekdays_only_where_no_calendar_knows() -> None:
    """For dates no law sets (a 差评's follow-up): counting into an unknown year works."""
    last_known = date(BEYOND - 1, 12, 31)
    day, guessed = CAL.add_working_days_provisionally(last_known, 5)
    assert guessed
    weekdays = [d for d in (date(BEYOND, 1, 1) + timedelta(days=i) for i in range(10))
                if d.weekday() < 5]
    assert day == weekdays[4]
    # Within known years it is the strict count, holidays and make-up days included.
    assert CAL.add_working_days_provisionally(date(2025, 1, 24), 3) == (date(2025, 2, 5), False)
    assert CAL.add_working_days_provisionally(last_known, 0) == (last_known, False)
    with pytest.raises(ValueError, match=">= 0"):
        CAL.add_working_days_provisionally(last_known, -1)
