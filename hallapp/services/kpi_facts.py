"""Additive KPI accumulators: what one (period, dimension, key) cell of the figures holds.

Every figure of DOMAIN.md "Figures the hall is judged by" is a count, a sum or a rank, so a
period's figures are the merge of its days' cells. Counts and sums merge exactly. The p90
of durations is a rank: a cell computed live from the tickets keeps every value and its
p90 is exact (nearest rank, :func:`hallapp.core.kpi.p90`); a cell read from the summary
tables keeps a histogram of seconds in the buckets of :data:`EDGES`, and a period that
includes such a cell (other than a single stored day, whose exact p90 is stored with it)
reports as p90 the upper edge of the bucket holding rank ⌈0.9 n⌉,
capped by the exact maximum. That is never below the true p90 and at most one bucket width
above it: 5 s under 1 min, 15 s under 5 min, 30 s under 20 min, 60 s under 1 h, 5 min under
4 h, 15 min under 12 h (``p90_exact`` says which one a figure is).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field, fields

from hallapp.core.kpi import DurationStats, p90

_STEPS = ((60, 5), (300, 15), (1200, 30), (3600, 60), (14400, 300), (43200, 900))


def _edges() -> tuple[float, ...]:
    out: list[float] = []
    low = 0
    for top, step in _STEPS:
        out.extend(float(v) for v in range(low + step, top + 1, step))
        low = top
    return tuple(out)


EDGES = _edges()  # upper bucket edges (inclusive); one more bucket holds anything longer
BUCKETS = len(EDGES) + 1


def bucket_of(seconds: float) -> int:
    return bisect_left(EDGES, seconds)


def hist_to_bytes(hist: array[int]) -> bytes:
    """Little-endian uint32 counts, whatever the machine (the file may move)."""
    if sys.byteorder == "big":
        hist = array("I", hist)
        hist.byteswap()
    return hist.tobytes()


def hist_from_bytes(data: bytes | None) -> array[int]:
    hist = array("I")
    if data:
        hist.frombytes(data)
        if sys.byteorder == "big":
            hist.byteswap()
    if len(hist) != BUCKETS:
        return array("I", bytes(4 * BUCKETS)) if not data else _resized(hist)
    return hist


def _resized(hist: array[int]) -> array[int]:
    out = array("I", bytes(4 * BUCKETS))
    for i, n in enumerate(hist[:BUCKETS]):
        out[i] = n
    return out


@dataclass
class Dist:
    """Durations in seconds: count, sum, max, and every value, a histogram, or both.

    ``fixed_p90`` is the exact p90 a day summary stored (the day's values are gone); it
    holds while the cell stands alone, and is dropped once merged with another day.
    """

    n: int = 0
    total: float = 0.0
    max: float | None = None
    values: list[float] | None = field(default_factory=list)
    hist: array[int] | None = None
    fixed_p90: float | None = None
    pending: list[array[int]] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        self.add_summary(1, seconds, seconds)
        self.values_add(seconds)

    def add_summary(self, n: int, total: float | None, top: float | None) -> None:
        """Count and sum (computed by the database); the values come by ``values_add``."""
        if not n:
            return
        self.n += n
        self.total += float(total or 0.0)
        if top is not None:
            self.max = float(top) if self.max is None else max(self.max, float(top))

    def add_values(self, seconds: list[float]) -> None:
        """Many durations at once (a fine group's, read from the database)."""
        if seconds:
            self.add_summary(len(seconds), sum(seconds), max(seconds))
            if self.values is not None:
                self.values.extend(seconds)
            if self.hist is not None or self.pending:
                hist = self.histogram()
                for v in seconds:
                    hist[bucket_of(v)] += 1

    def values_add(self, seconds: float) -> None:
        if self.values is not None:
            self.values.append(float(seconds))
        if self.hist is not None or self.pending:
            self.histogram()[bucket_of(seconds)] += 1

    def histogram(self) -> array[int]:
        if self.pending:  # histograms merged lazily: summed column by column, once
            parts = [self.hist, *self.pending] if self.hist is not None else self.pending
            self.hist = array("I", map(sum, zip(*parts, strict=True)))
            self.pending = []
        if self.hist is not None:
            return self.hist
        hist = array("I", bytes(4 * BUCKETS))
        for v in self.values or ():
            hist[bucket_of(v)] += 1
        return hist

    def merge(self, other: Dist) -> None:
        if other.n == 0:
            return
        if self.n == 0 and (self.values is None or not self.values):
            self.n, self.total, self.max = other.n, other.total, other.max
            self.values = None if other.values is None else list(other.values)
            self.hist = None if other.hist is None else array("I", other.hist)
            self.pending = list(other.pending)
            self.fixed_p90 = other.fixed_p90
            return
        self.n += other.n
        self.total += other.total
        if other.max is not None:
            self.max = other.max if self.max is None else max(self.max, other.max)
        self.fixed_p90 = None
        if self.values is not None and other.values is not None:
            self.values.extend(other.values)
            return
        if self.values is not None:
            self.hist, self.values = self.histogram(), None
        self.pending.extend([other.hist] if other.hist is not None else [])
        self.pending.extend(other.pending)
        if other.hist is None and not other.pending:
            self.pending.append(other.histogram())

    @property
    def exact(self) -> bool:
        return self.n == 0 or self.values is not None or self.fixed_p90 is not None

    def p90(self) -> float | None:
        if self.n == 0:
            return None
        if self.values is not None:
            return p90(self.values)
        if self.fixed_p90 is not None:
            return self.fixed_p90
        rank, seen = (90 * self.n + 99) // 100, 0
        for i, count in enumerate(self.histogram()):
            seen += count
            if seen >= rank:
                top = EDGES[i] if i < len(EDGES) else self.max
                return min(top, self.max) if top is not None and self.max is not None else top
        return self.max

    def stats(self) -> DurationStats:
        """Seconds rounded to the millisecond (the database's sums carry float noise)."""
        if self.n == 0:
            return DurationStats(0, None, None, None)
        top = self.p90()
        return DurationStats(self.n, round(self.total / self.n, 3),
                             None if top is None else round(top, 3),
                             None if self.max is None else round(self.max, 3))


COUNT_FIELDS = ("tickets", "called", "no_show", "abandoned", "in_person", "on_spot",
                "concluded", "one_visit", "timed", "on_time", "late", "ratings", "good", "bad",
                "bad_named", "bad_closed")
PARTS = {"tickets": ("tickets", "called", "no_show", "abandoned", "wait", "service"),
         "cases": ("in_person", "on_spot", "concluded", "one_visit", "timed", "on_time",
                   "late"),
         "ratings": ("ratings", "good", "bad", "bad_named", "bad_closed")}


@dataclass
class Acc:
    """One cell: ticket, case and rating counts of a (period, dimension, key)."""

    tickets: int = 0
    called: int = 0
    no_show: int = 0
    abandoned: int = 0
    wait: Dist = field(default_factory=Dist)
    service: Dist = field(default_factory=Dist)
    in_person: int = 0
    on_spot: int = 0
    concluded: int = 0
    one_visit: int = 0
    timed: int = 0
    on_time: int = 0
    late: int = 0
    ratings: int = 0
    good: int = 0
    bad: int = 0
    bad_named: int = 0
    bad_closed: int = 0

    def merge(self, other: Acc) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wait.merge(other.wait)
        self.service.merge(other.service)

    def take_part(self, part: str, other: Acc) -> None:
        """Replace the fields of one part (tickets, cases, ratings) by ``other``'s."""
        for name in PARTS[part]:
            value = getattr(other, name)
            setattr(self, name, Dist(value.n, value.total, value.max, value.values,
                                     value.histogram() if value.values is None else None,
                                     value.fixed_p90) if isinstance(value, Dist) else value)

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self)
                       if f.name in COUNT_FIELDS) and self.wait.n == 0 and self.service.n == 0


Cells = dict[tuple[str, str], Acc]  # (dimension, key) → cell


def cell(cells: Cells, dim: str, key: str | None) -> Acc | None:
    if key is None:
        return None
    found = cells.get((dim, key))
    if found is None:
        found = cells[(dim, key)] = Acc()
    return found


def merge_cells(into: Cells, other: Cells) -> None:
    for k, acc in other.items():
        mine = into.get(k)
        if mine is None:
            into[k] = mine = Acc()
        mine.merge(acc)
