"""KPI figures: a generated day against a hand count; summaries against live figures.

The day of :mod:`kpikit` is played through the services; its figures are counted by hand
there. A second day checks that a summarised day merged with a live one gives the same
counts and means, that a follow-up closed later reaches the summarised day, and that whole
months come from month rows.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left
from datetime import UTC, date, datetime, timedelta

import pytest
from casekit import PLAIN, CtxFor, open_case, serve
from conftest import FakeClock
from kpikit import busy_day
from sqlalchemy import func, select

from hallapp.core.case_rules import STATE_LABELS
from hallapp.core.errors import PermissionDenied, ValidationError
from hallapp.core.hallday import format_number
from hallapp.core.kpi import p90
from hallapp.services import (
    case_kpi,
    day,
    kpi_drill,
    kpi_report,
    kpi_summary,
    ratings,
    tickets,
    windows,
)
from hallapp.services.kpi_facts import EDGES, Dist
from hallapp.services.kpi_report import KpiRow
from hallapp.store.models import KpiRollup, KpiSummary, Queue, Ticket, Window
from hallapp.store.uow import Database

DAY = date(2026, 11, 24)


def _rate(r: case_kpi.Rate) -> tuple[int, int]:
    return (r.numerator, r.denominator)


def _check_busy_day(row: KpiRow, *, exact: bool = True) -> None:
    assert (row.tickets, row.called) == (6, 4)
    assert (row.wait.count, row.wait.mean, row.wait.p90, row.wait.max) == (4, 610, 1020, 1020)
    assert (row.service.count, row.service.p90, row.service.max) == (3, 500, 500)
    assert row.service.mean == pytest.approx(1100 / 3)
    assert _rate(row.no_show_rate) == (1, 4)
    assert _rate(row.abandonment_rate) == (2, 6)
    assert _rate(row.on_spot_rate) == (1, 2)
    assert row.on_spot_targets_met == (True, True)
    assert _rate(row.one_visit_rate) == (2, 2)
    assert _rate(row.on_time_rate) == (2, 2)
    assert _rate(row.overdue_rate) == (0, 2)
    assert _rate(row.good_rating_rate) == (2, 3)
    assert _rate(row.rectification_rate) == (0, 1)
    assert row.p90_exact is exact


def test_a_generated_day_equals_the_hand_count(ctx_for: CtxFor, clock: FakeClock) -> None:
    busy_day(ctx_for, clock)
    sup = ctx_for("supervisor1")
    day.close_day(sup)
    report = kpi_report.kpi_report(sup, DAY, by="queue")
    _check_busy_day(report.total)
    assert (report.summarised_days, report.live_days) == (0, 1)
    by_queue = {r.key: r for r in report.rows}
    assert set(by_queue) == {"A", "B"}
    assert (by_queue["A"].tickets, by_queue["A"].wait.count, by_queue["A"].wait.p90) == (5, 3,
                                                                                        580)
    assert (by_queue["B"].tickets, by_queue["B"].wait.mean) == (1, 1020)
    assert (by_queue["A"].label, by_queue["A"].label_en) == ("A 商事登记",
                                                             "A Business registration")
    assert report.total.label_en is None  # the UI translates 全厅 itself
    by_window = {r.key: r for r in kpi_report.kpi_report(sup, DAY, by="window").rows}
    assert {k: r.tickets for k, r in by_window.items()} == {"11": 3, "10": 1}
    assert _rate(by_window["11"].no_show_rate) == (1, 3)
    assert (by_window["11"].label, by_window["11"].label_en) == ("11号 企业开办专窗",
                                                                 "11 Business start-up")
    by_clerk = {r.key: r for r in kpi_report.kpi_report(sup, DAY, by="clerk").rows}
    assert {k: r.called for k, r in by_clerk.items()} == {"clerk1": 3, "clerk3": 1}
    assert _rate(by_clerk["clerk1"].on_spot_rate) == (1, 2)
    by_dept = {r.key: r for r in kpi_report.kpi_report(sup, DAY, by="department").rows}
    assert _rate(by_dept["SZAMR"].one_visit_rate) == (2, 2)
    assert by_dept["SZAMR"].label_en == "Shenzhen Administration for Market Regulation"
    by_item = kpi_report.kpi_report(sup, DAY, by="item").rows
    assert all(r.label_en and not re.search(r"[\u4e00-\u9fff]", r.label_en)
               for r in by_item), [(r.key, r.label_en) for r in by_item]


def test_case_and_rating_figures_agree_with_case_kpi(ctx_for: CtxFor,
                                                     clock: FakeClock) -> None:
    busy_day(ctx_for, clock)
    sup = ctx_for("supervisor1")
    mine = kpi_report.kpi_report(sup, DAY).total
    theirs = case_kpi.case_figures(sup, DAY)
    for name in ("on_spot_rate", "one_visit_rate", "on_time_rate", "overdue_rate",
                 "good_rating_rate", "rectification_rate"):
        assert getattr(mine, name) == getattr(theirs, name), name


def test_a_rating_counts_for_one_queue_and_department_everywhere(ctx_for: CtxFor) -> None:
    """`case figures --department` left out the ratings of tickets (the KPI table by
    department counted one taken for the department's item), and the KPI tables gave a
    rating of a case alone no queue: 好评率 differed for the same department and day."""
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    taken = tickets.take_ticket(kiosk, item_code=PLAIN)  # SZAMR's item, queue A
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    windows.finish(clerk, 1)
    pad = ctx_for("display1")
    ratings.rate(pad, ratings.RatingInput(1), ticket=taken.number)  # the ticket only
    case = open_case(ctx_for, PLAIN, seq=2).case.number
    ratings.rate(pad, ratings.RatingInput(5), case_ref=case)  # the case only
    sup = ctx_for("supervisor1")
    figures = case_kpi.case_figures(sup, DAY, department="SZAMR")
    by_dept = {r.key: r for r in kpi_report.kpi_report(sup, DAY, by="department").rows}
    by_queue = {r.key: r for r in kpi_report.kpi_report(sup, DAY, by="queue").rows}
    for row in (by_dept["SZAMR"], by_queue["A"]):
        assert _rate(row.good_rating_rate) == _rate(figures.good_rating_rate) == (1, 2)
        assert _rate(row.rectification_rate) == _rate(figures.rectification_rate) == (0, 1)
    for dim, key in (("queue", "A"), ("department", "SZAMR"), ("item", PLAIN)):
        drill = kpi_drill.drill_down(sup, DAY, dim=dim, key=key, figure="good_rating")
        assert drill.total == 2, (dim, key)


def test_windows_and_staff_are_listed_in_number_order(ctx_for: CtxFor) -> None:
    """Window 11 came before window 3, and clerk11 before clerk3 (sorted as text)."""
    serve(ctx_for, 3)
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 11)
    windows.call_next(clerk, 11)
    sup = ctx_for("supervisor1")
    assert [r.key for r in kpi_report.kpi_report(sup, DAY, by="window").rows] == ["3", "11"]
    assert [r.key for r in kpi_report.kpi_report(sup, DAY, by="clerk").rows] == [
        "clerk3", "clerk11"]


def test_a_summarised_day_merges_with_a_live_one(ctx_for: CtxFor, clock: FakeClock,
                                                 hall_db: Database) -> None:
    first = busy_day(ctx_for, clock)
    sup = ctx_for("supervisor1")
    day.close_day(sup)
    clock.advance(days=1)
    busy_day(ctx_for, clock, seq=10)
    report = kpi_report.kpi_report(sup, DAY, DAY + timedelta(days=1))
    assert (report.summarised_days, report.live_days) == (1, 1)
    row = report.total
    assert (row.tickets, row.called, row.wait.count, row.wait.mean) == (12, 8, 8, 610)
    assert row.wait.p90 == 1020  # an upper bucket edge here; never below the exact value
    assert not row.p90_exact
    assert _rate(row.rectification_rate) == (0, 2)
    single = kpi_report.kpi_report(sup, DAY)  # a summarised day alone keeps its exact p90
    assert (single.summarised_days, single.live_days) == (1, 0)
    _check_busy_day(single.total)
    with hall_db.read_session() as s:
        rolled = s.scalars(select(KpiRollup.hall_day).order_by(KpiRollup.hall_day)).all()
        assert rolled == [date(2026, 11, d) for d in range(1, 25)]  # whole month from the 1st
    # The summarised day's 差评 is followed up today: the summary learns it from the feed.
    ratings.close_followup(sup, int(first["followup"]), "已回访致歉，整改到位")
    row = kpi_report.kpi_report(sup, DAY, DAY + timedelta(days=1)).total
    assert _rate(row.rectification_rate) == (1, 2)
    assert _rate(kpi_report.kpi_report(sup, DAY).total.rectification_rate) == (1, 1)
    trend = kpi_report.daily_trend(sup, DAY, DAY + timedelta(days=1))
    assert [(p.day, p.tickets, p.mean_wait_minutes) for p in trend] == [
        (DAY, 6, 10.2), (DAY + timedelta(days=1), 6, 10.2)]


def _closed_tickets(db: Database, days: list[date], per_day: int) -> None:
    """Closed tickets straight into the store (served at window 1, 10 min wait + 5 min)."""
    with db.write_session() as s:
        queue = s.scalars(select(Queue).where(Queue.code == "C")).one()
        window = s.scalars(select(Window).where(Window.number == 4)).one()
        for d in days:
            for serial in range(1, per_day + 1):
                taken = datetime(d.year, d.month, d.day, 1, tzinfo=UTC) + timedelta(
                    minutes=serial)
                called, done = taken + timedelta(minutes=10), taken + timedelta(minutes=15)
                s.add(Ticket(hall_id=queue.hall_id, queue_id=queue.id,
                             origin_queue_id=queue.id, hall_day=d, serial=serial,
                             number=format_number("C", serial), state="done", channel="kiosk",
                             taken_at=taken, order_at=taken, window_id=window.id,
                             called_at=called, first_called_at=called, started_at=called,
                             finished_at=done, closed_at=done))
        s.commit()


def test_whole_months_come_from_month_rows(ctx_for: CtxFor, hall_db: Database) -> None:
    october = [date(2026, 10, d) for d in (9, 12, 31)]
    _closed_tickets(hall_db, [*october, date(2026, 11, 2)], per_day=4)
    sup = ctx_for("supervisor1")
    report = kpi_report.kpi_report(sup, date(2026, 9, 30), DAY, by="window")
    # 09-30 precedes the first month with data: known empty, neither summarised nor computed.
    assert (report.summarised_days, report.live_days) == (54, 1)
    assert (report.total.tickets, report.total.wait.mean, report.total.service.p90) == (
        16, 600, 300)
    assert [(r.key, r.tickets) for r in report.rows] == [("4", 16)]
    with hall_db.read_session() as s:
        months = s.scalars(select(KpiSummary.period).where(
            KpiSummary.grain == "M", KpiSummary.dim == "hall")).all()
        assert months == [date(2026, 10, 1), date(2026, 11, 1)]
        assert s.scalar(select(func.count()).select_from(KpiRollup)) == 54  # 10-01 … 11-23
    october_only = kpi_report.kpi_report(sup, date(2026, 10, 1), date(2026, 10, 31))
    assert october_only.total.tickets == 12


def test_drill_down_lists_the_tickets_and_cases_behind_a_figure(ctx_for: CtxFor,
                                                                 clock: FakeClock) -> None:
    numbers = busy_day(ctx_for, clock)
    sup = ctx_for("supervisor1")
    day.close_day(sup)
    no_show = kpi_drill.drill_down(sup, DAY, figure="no_show")
    assert [r[1] for r in no_show.rows] == ["A002"]
    waits = kpi_drill.drill_down(sup, DAY, dim="queue", key="A", figure="wait")
    # a time, headed as one (取号, the count's name, read 'Tickets' on an English screen)
    assert waits.columns[7:9] == ("取号时间", "首次叫号")
    assert [(r[1], r[11]) for r in waits.rows] == [("A003", "9.7"), ("A002", "9.0"),
                                                     ("A001", "5.0")]
    on_spot = kpi_drill.drill_down(sup, DAY, dim="window", key="11", figure="on_spot")
    assert sorted(r[0] for r in on_spot.rows) == sorted([numbers["on_spot"],
                                                         numbers["accepted"]])
    assert {r[4] for r in on_spot.rows} <= set(STATE_LABELS.values())  # labels, not codes
    # the items' English names, for an English screen (it showed the Chinese ones)
    english = dict(on_spot.names_en)
    assert set(english) == {r[1] for r in on_spot.rows}
    assert not any(re.search(r"[\u4e00-\u9fff]", name) for name in english.values())
    bad = kpi_drill.drill_down(sup, DAY, figure="rectification", limit=10)
    assert (bad.total, bad.rows[0][1], bad.rows[0][4]) == (1, "1", "待回访")
    capped = kpi_drill.drill_down(sup, DAY, figure="tickets", limit=2)
    assert (capped.total, len(capped.rows), capped.truncated) == (6, 2, True)


def test_figures_need_the_permission_and_a_valid_period(ctx_for: CtxFor) -> None:
    with pytest.raises(PermissionDenied):
        kpi_report.kpi_report(ctx_for("clerk1"), DAY)
    sup = ctx_for("supervisor1")
    with pytest.raises(ValidationError, match="结束日期"):
        kpi_report.kpi_report(sup, DAY, DAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="维度"):
        kpi_report.kpi_report(sup, DAY, by="colour")
    with pytest.raises(ValidationError, match="指标"):
        kpi_drill.drill_down(sup, DAY, figure="luck")
    empty = kpi_report.kpi_report(sup, DAY)
    assert empty.total.tickets == 0
    assert empty.total.wait.p90 is None
    assert empty.total.on_spot_rate.percent is None
    assert kpi_summary.refresh_summaries(sup) is None  # nothing new since the report


def _waits(ctx_for: CtxFor, clock: FakeClock, minutes: list[int]) -> None:
    """Tickets taken at 09:00:13, each called after its minutes (in order) and finished."""
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    start = clock.now.replace(hour=1, minute=0, second=13)
    clock.now = start
    for _ in minutes:
        tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 11)
    for wait in minutes:
        clock.now = start + timedelta(minutes=wait)
        windows.call_next(clerk, 11)
        windows.finish(clerk, 11)
    windows.close_window(clerk, 11)
    day.close_day(ctx_for("supervisor1"))


def test_durations_are_the_same_on_both_engines_to_the_millisecond(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """A 53-minute wait read 3180.0000116 s on SQLite (julianday's precision): past the
    histogram's 3180-s edge, so two days' P90 was 54 minutes there, 53 on PostgreSQL."""
    sup = ctx_for("supervisor1")
    _waits(ctx_for, clock, [53] * 9 + [70])
    assert kpi_report.kpi_report(sup, DAY).total.wait.p90 == 3180
    clock.advance(days=1)
    _waits(ctx_for, clock, [53])
    both = kpi_report.kpi_report(sup, DAY, DAY + timedelta(days=1)).total
    assert (both.wait.count, both.p90_exact) == (11, False)
    assert (both.wait.p90, both.wait.max) == (3180, 4200)


def test_a_merged_histogram_p90_is_an_upper_bound_within_one_bucket() -> None:
    rng = random.Random(7)
    for _ in range(50):
        days = [[rng.expovariate(1 / 900) for _ in range(rng.randint(1, 60))] for _ in range(3)]
        merged = Dist()
        for values in days:  # as stored: histogram and sums, no values
            d = Dist()
            d.add_values(values)
            merged.merge(Dist(d.n, d.total, d.max, None, d.histogram()))
        exact = p90([v for values in days for v in values])
        assert exact is not None
        got = merged.p90()
        assert got is not None
        i = bisect_left(EDGES, exact)
        width = EDGES[i] - (EDGES[i - 1] if i else 0.0) if i < len(EDGES) else 0.0
        assert exact <= got <= exact + width
        assert not merged.exact
