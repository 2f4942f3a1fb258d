"""Hall days, ticket numbers, time-window quotas and exact durations.

Peers numbered tickets by the UTC date or by a date frozen when the server started, so a
ticket taken at 07:30 in Shanghai was filed under yesterday; others subtracted clock
minutes and got waits that wrapped at 60. Everything here works from aware instants and
exact timedeltas so those mistakes cannot come back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hallapp.core.errors import ValidationError

HALL_TZ = "Asia/Shanghai"

_HHMM = re.compile(r"^\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*$")  # full-width colon from IME input
_PREFIX = re.compile(r"[A-Z][A-Z0-9]{0,3}")


def hall_zone(tz: str = HALL_TZ) -> ZoneInfo:
    """The hall's zone; an unknown name is a configuration mistake, reported by field."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"未知的时区：{tz}", field="tz", code="unknown_timezone",
                              tz=tz) from exc


def hall_day(at: datetime, tz: str = HALL_TZ) -> date:
    """The hall day an instant belongs to: its calendar date on the hall's wall clock.

    Serials restart at local midnight, never at UTC midnight (08:00 in Shanghai). A naive
    datetime has no instant, so guessing its zone would reintroduce the peers' bug: refuse it.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("hall_day needs an aware datetime, got a naive one")
    return at.astimezone(hall_zone(tz)).date()


def hall_day_bounds(day: date, tz: str = HALL_TZ) -> tuple[datetime, datetime]:
    """The aware instants [start, end) of a hall day, for querying a day's tickets by time."""
    zone = hall_zone(tz)
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def format_number(prefix: str, serial: int, width: int = 3) -> str:
    """Queue prefix + zero-padded daily serial: ("A", 1) → "A001"; 1000 → "A1000" (no cut)."""
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        raise ValidationError(f"队列前缀须为大写字母开头的1至4位字母或数字：{prefix!r}",
                              field="prefix", code="ticket_prefix_format", prefix=str(prefix))
    if serial < 1:
        raise ValidationError(f"号码序号须从1开始：{serial}", field="serial",
                              code="ticket_serial", serial=serial)
    if width < 1:
        raise ValidationError(f"号码位数须至少为1：{width}", field="width",
                              code="ticket_width", width=width)
    return f"{prefix}{serial:0{width}d}"


def parse_hhmm(text: str, *, field: str = "time") -> time:
    """Parse "09:30" (also "9:30" and a full-width "09：30") into a time of day."""
    match = _HHMM.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValidationError(f"时间格式应为 时:分（如 09:30）：{text!r}", field=field,
                              code="time_format", value=str(text))
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValidationError(f"时间超出范围（00:00–23:59）：{text!r}", field=field,
                              code="time_range", value=text)
    return time(hour, minute)


@dataclass(frozen=True)
class TimeQuota:
    """At most ``quota`` tickets may be taken in the half-open local window [start, end).

    Half-open so that adjacent windows (09:00–10:00, 10:00–11:00) never both claim 10:00.
    Windows do not cross midnight: a hall is closed then.
    """

    start: time
    end: time
    quota: int

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValidationError(
                f"时段结束须晚于开始：{self.start:%H:%M}–{self.end:%H:%M}", field="end",
                code="quota_period_order", start=f"{self.start:%H:%M}", end=f"{self.end:%H:%M}")
        if self.quota < 0:
            raise ValidationError(f"时段号量不能为负数：{self.quota}", field="quota",
                                  code="quota_negative", quota=self.quota)

    def contains(self, local_time: time) -> bool:
        return self.start <= local_time < self.end


def validate_quotas(quotas: Iterable[TimeQuota]) -> tuple[TimeQuota, ...]:
    """Sort the windows and refuse overlaps, so every minute has at most one quota."""
    ordered = tuple(sorted(quotas, key=lambda q: (q.start, q.end)))
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise ValidationError(
                f"时段重叠：{before.start:%H:%M}–{before.end:%H:%M} 与 "
                f"{after.start:%H:%M}–{after.end:%H:%M}", field="quotas",
                code="quota_period_overlap", first=f"{before.start:%H:%M}–{before.end:%H:%M}",
                second=f"{after.start:%H:%M}–{after.end:%H:%M}")
    return ordered


def quota_window_for(local_time: time, quotas: Iterable[TimeQuota]) -> TimeQuota | None:
    """The time-window quota that governs a ticket taken at ``local_time``, if any.

    ``local_time`` is the hall's wall-clock time (``at.astimezone(hall_zone()).time()``).
    None means no window covers that time: only the daily quota applies.
    """
    plain = local_time.replace(tzinfo=None)
    for quota in quotas:
        if quota.contains(plain):
            return quota
    return None


def minutes_between(a: datetime, b: datetime) -> float:
    """Minutes from ``a`` to ``b`` from exact timestamps (negative if ``b`` is earlier).

    Uses the timedelta in seconds, not clock minutes, so 09:59:30 → 10:00:10 is 40 s
    (0.67 min), not "1 − 59" or "0 − 59 + 60".
    """
    return (b - a).total_seconds() / 60.0
