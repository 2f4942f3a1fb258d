"""Hall day, numbering, HH:MM parsing, time-window quotas and exact minutes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallapp.core.errors import ValidationError
from hallapp.core.hallday import (
    TimeQuota,
    format_number,
    hall_day,
    hall_day_bounds,
    minutes_between,
    parse_hhmm,
    quota_window_for,
    validate_quotas,
)


class TestHallDay:
    def test_utc_evening_is_next_hall_day_in_shanghai(self) -> None:
        # 16:30 UTC = 00:30 next day in Shanghai: serials must already have restarted.
        assert hall_day(datetime(2024, 1, 1, 16, 30, tzinfo=UTC)) == date(2024, 1, 2)

    def test_just_before_local_midnight_is_same_day(self) -> None:
        assert hall_day(datetime(2024, 1, 1, 15, 59, 59, tzinfo=UTC)) == date(2024, 1, 1)

    def test_utc_midnight_is_not_a_boundary(self) -> None:
        # 23:59 and 00:01 UTC are 07:59 and 08:01 in Shanghai: the same hall day.
        before = datetime(2024, 3, 4, 23, 59, tzinfo=UTC)
        assert hall_day(before) == hall_day(before + timedelta(minutes=2)) == date(2024, 3, 5)

    def test_other_offsets_are_converted(self) -> None:
        at = datetime(2024, 1, 1, 20, 0, tzinfo=timezone(timedelta(hours=-5)))  # 09:00 +08
        assert hall_day(at) == date(2024, 1, 2)

    def test_other_hall_zone(self) -> None:
        at = datetime(2024, 1, 1, 16, 30, tzinfo=UTC)
        assert hall_day(at, tz="Asia/Urumqi") == date(2024, 1, 1)  # 22:30 +06

    def test_naive_datetime_is_rejected(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            hall_day(datetime(2024, 1, 1, 9, 0))

    def test_unknown_zone_names_the_field(self) -> None:
        with pytest.raises(ValidationError) as info:
            hall_day(datetime(2024, 1, 1, tzinfo=UTC), tz="Mars/Olympus")
        assert info.value.field == "tz"

    @given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                        timezones=st.just(UTC)))
    def test_day_bounds_contain_the_instant(self, at: datetime) -> None:
        start, end = hall_day_bounds(hall_day(at))
        assert start <= at < end
        assert end - start == timedelta(days=1)  # China has no DST


class TestFormatNumber:
    @pytest.mark.parametrize(("prefix", "serial", "width", "expected"), [
        ("A", 1, 3, "A001"), ("A", 999, 3, "A999"), ("A", 1000, 3, "A1000"),
        ("B", 7, 4, "B0007"), ("VIP", 12, 3, "VIP012"), ("C2", 5, 2, "C205"),
    ])
    def test_formats(self, prefix: str, serial: int, width: int, expected: str) -> None:
        assert format_number(prefix, serial, width) == expected

    @pytest.mark.parametrize(("prefix", "serial", "width", "field"), [
        ("a", 1, 3, "prefix"), ("", 1, 3, "prefix"), ("A\n", 1, 3, "prefix"),
        ("ABCDE", 1, 3, "prefix"), ("1A", 1, 3, "prefix"),
        ("A", 0, 3, "serial"), ("A", -1, 3, "serial"), ("A", 1, 0, "width"),
    ])
    def test_rejects(self, prefix: str, serial: int, width: int, field: str) -> None:
        with pytest.raises(ValidationError) as info:
            format_number(prefix, serial, width)
        assert info.value.field == field


class TestParseHhmm:
    @pytest.mark.parametrize(("text", "expected"), [
        ("09:30", time(9, 30)), ("9:30", time(9, 30)), (" 17:05 ", time(17, 5)),
        ("00:00", time(0, 0)), ("23:59", time(23, 59)), ("08：45", time(8, 45)),
    ])
    def test_parses(self, text: str, expected: time) -> None:
        assert parse_hhmm(text) == expected

    @pytest.mark.parametrize("text", ["24:00", "12:60", "930", "9.30", "09:3", "", "ab:cd",
                                      "-1:30", "09:30:00"])
    def test_rejects_with_field(self, text: str) -> None:
        with pytest.raises(ValidationError) as info:
            parse_hhmm(text, field="open_at")
        assert info.value.field == "open_at"


class TestQuotas:
    def test_window_is_half_open(self) -> None:
        morning = TimeQuota(time(9), time(10), 20)
        late = TimeQuota(time(10), time(11), 10)
        quotas = (morning, late)
        assert quota_window_for(time(9, 0), quotas) is morning
        assert quota_window_for(time(9, 59, 59), quotas) is morning
        assert quota_window_for(time(10, 0), quotas) is late
        assert quota_window_for(time(11, 0), quotas) is None
        assert quota_window_for(time(8, 59), quotas) is None

    def test_aware_local_time_is_accepted(self) -> None:
        quota = TimeQuota(time(9), time(10), 1)
        local = datetime(2024, 1, 2, 9, 15, tzinfo=timezone(timedelta(hours=8))).timetz()
        assert quota_window_for(local, [quota]) is quota

    def test_empty_window_or_negative_quota_rejected(self) -> None:
        with pytest.raises(ValidationError) as info:
            TimeQuota(time(10), time(10), 5)
        assert info.value.field == "end"
        with pytest.raises(ValidationError) as info:
            TimeQuota(time(9), time(10), -1)
        assert info.value.field == "quota"

    def test_validate_sorts_and_refuses_overlap(self) -> None:
        a, b = TimeQuota(time(13), time(15), 5), TimeQuota(time(9), time(12), 5)
        assert validate_quotas([a, b]) == (b, a)
        with pytest.raises(ValidationError) as info:
            validate_quotas([b, TimeQuota(time(11, 30), time(14), 3)])
        assert info.value.field == "quotas"


class TestMinutesBetween:
    def test_no_wraparound_at_sixty(self) -> None:
        # Clock-minute arithmetic gives 0 − 59 here; the true wait is 40 s.
        a = datetime(2024, 1, 2, 9, 59, 30, tzinfo=UTC)
        b = datetime(2024, 1, 2, 10, 0, 10, tzinfo=UTC)
        assert minutes_between(a, b) == pytest.approx(40 / 60)

    def test_across_hours_and_days(self) -> None:
        a = datetime(2024, 1, 1, 23, 50, tzinfo=UTC)
        assert minutes_between(a, a + timedelta(hours=1, minutes=15)) == 75.0
        assert minutes_between(a, a + timedelta(days=1)) == 1440.0

    def test_mixed_zones_and_sign(self) -> None:
        a = datetime(2024, 1, 2, 9, 0, tzinfo=timezone(timedelta(hours=8)))
        b = datetime(2024, 1, 2, 1, 30, tzinfo=UTC)  # 09:30 +08
        assert minutes_between(a, b) == 30.0
        assert minutes_between(b, a) == -30.0
