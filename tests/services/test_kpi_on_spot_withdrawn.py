"""即办率 leaves out the cases the applicant withdrew (撤回), wherever it is computed.

Hand count: the day of :mod:`kpikit` received two in-person cases, one completed on the spot
(1/2). Two more in-person cases are received that day and withdrawn, one the same day (the
live figures) and one the next day, once the day was summarised: 即办率 stays 1/2, where
counting them gave 1/3 and then 1/4.
"""

from __future__ import annotations

from datetime import date, timedelta

from casekit import PLAIN, CtxFor, open_case
from conftest import FakeClock
from kpikit import busy_day
from sqlalchemy import update

from hallapp.services import case_kpi, cases, day, kpi_drill, kpi_report, simulate
from hallapp.store import schema
from hallapp.store.models import KpiSummary
from hallapp.store.uow import Database

DAY = date(2026, 11, 24)


def _on_spot(ctx_for: CtxFor, on: date = DAY) -> dict[str, tuple[int, int]]:
    """即办率 of ``on`` as the report (board and CLI), the case figures, the drill-down list
    and the simulation's figures of the stored day (``simulate.day_figures``) give it."""
    sup = ctx_for("supervisor1")
    report = kpi_report.kpi_report(sup, on).total.on_spot_rate
    by_window = {r.key: r.on_spot_rate
                 for r in kpi_report.kpi_report(sup, on, by="window").rows}["2"]
    figures = case_kpi.case_figures(sup, on).on_spot_rate
    drill = kpi_drill.drill_down(sup, on, figure="on_spot")
    simulated = simulate.day_figures(sup, on)
    return {"report": (report.numerator, report.denominator),
            "window 2": (by_window.numerator, by_window.denominator),
            "case figures": (figures.numerator, figures.denominator),
            "drill": (sum(r[-1] != "" for r in drill.rows), drill.total),
            "simulation": (simulated.on_spot, simulated.cases)}


def test_withdrawn_cases_are_not_in_the_base_of_the_on_spot_rate(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    busy_day(ctx_for, clock)
    withdrawn_today = open_case(ctx_for, PLAIN, window=2, seq=20).case.number
    withdrawn_later = open_case(ctx_for, PLAIN, window=2, seq=21).case.number
    clerk = ctx_for("clerk2")
    cases.withdraw(clerk, withdrawn_today, "申请人撤回")
    live = _on_spot(ctx_for)
    assert live["report"] == live["case figures"] == live["drill"] == (1, 3)
    assert live["simulation"] == (1, 3)  # it counted the withdrawn case: (1, 4)
    assert live["window 2"] == (0, 1)
    day.close_day(ctx_for("supervisor1"))
    clock.advance(days=1)  # the 24th is summarised now
    cases.withdraw(clerk, withdrawn_later, "申请人撤回")
    summarised = _on_spot(ctx_for)
    assert summarised["report"] == summarised["case figures"] == summarised["drill"] == (1, 2)
    assert summarised["simulation"] == (1, 2)
    assert summarised["window 2"] == (0, 0)
    assert kpi_report.kpi_report(ctx_for("supervisor1"), DAY).summarised_days == 1
    both = kpi_report.kpi_report(ctx_for("supervisor1"), DAY, DAY + timedelta(days=1))
    assert (both.total.on_spot_rate.numerator, both.total.on_spot_rate.denominator) == (1, 2)


def test_migration_0014_summarises_the_closed_days_again(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """A day summarised before (its withdrawn case in the base, as it was counted then) kept
    its old 即办率 for good: nothing computes a summarised day again unless it changes."""
    from alembic import command

    busy_day(ctx_for, clock)
    withdrawn = open_case(ctx_for, PLAIN, window=2, seq=20).case.number
    cases.withdraw(ctx_for("clerk2"), withdrawn, "申请人撤回")
    day.close_day(ctx_for("supervisor1"))
    clock.advance(days=1)
    assert _on_spot(ctx_for)["report"] == (1, 2)  # the 24th summarised
    cfg = schema.alembic_config(hall_db)
    with hall_db.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0013")
        # As the summary stood before 0014: the withdrawn case in the base.
        conn.execute(update(KpiSummary).values(in_person=KpiSummary.in_person + 1))
    # (Not read back here: the services need the head schema, not 0013's.)
    assert schema.upgrade(hall_db) == schema.HEAD
    report = kpi_report.kpi_report(ctx_for("supervisor1"), DAY)
    assert report.summarised_days == 1
    assert (report.total.on_spot_rate.numerator, report.total.on_spot_rate.denominator) == (1, 2)
