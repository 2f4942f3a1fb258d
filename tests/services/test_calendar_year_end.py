"""The turn of the year before the hall has loaded the new year's holidays.

chinese-calendar knows the years up to its release (the tests fix it at 2026, see
``conftest.PACKAGE_LAST_YEAR``), and the State Council's notice of the next year comes out in
November or December. A case due on 29 December and still open on 4 January needs days of
2027 to count how late it is: every list of open cases (back office, supervisor, case list,
figures) failed then with "2027 年的节假日安排尚未载入", so nobody could even see the cases to
approve. Now those lists show the case (overdue, no day count), and the supervisor's board
says which year to load, three months ahead and again once the year has begun. A 差评 given
then is recorded, its follow-up due by a provisional count.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from casekit import PLAIN, CtxFor, accepted_case, serve
from conftest import FakeClock
from sqlalchemy import select

from hallapp.services import (
    backoffice,
    calendar_admin,
    case_clock,
    case_kpi,
    cases,
    ratings,
    supervisor,
    worklists,
)
from hallapp.services.ratings import RatingInput
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

NOTICE_2027 = {"year": 2027, "holidays": ["2027-01-01"], "workdays": []}


def _calendar_alerts(ctx_for: CtxFor) -> list[tuple[str, str, str]]:
    return [(a.kind, a.severity, a.fact("year")) for a in supervisor.board(
        ctx_for("supervisor1")).alerts if a.kind.startswith("calendar_")]


def test_open_cases_stay_listed_when_the_new_year_is_not_loaded(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    clock.now = datetime(2026, 12, 28, 1, 30, tzinfo=UTC)  # Monday 09:30 in Shanghai
    late = accepted_case(ctx_for, PLAIN)  # due Tuesday 29 December
    stopped = accepted_case(ctx_for, PLAIN, seq=2)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, stopped)
    case_clock.request_correction(approver, stopped, "营业执照复印件不清晰")
    stopped_late = accepted_case(ctx_for, PLAIN, seq=3)
    clock.now = datetime(2026, 12, 30, 1, 30, tzinfo=UTC)  # overdue since Tuesday evening
    backoffice.claim(approver, stopped_late)
    case_clock.request_correction(approver, stopped_late, "营业执照复印件不清晰")
    assert _calendar_alerts(ctx_for) == [("calendar_next_year", "warning", "2027")]

    clock.now = datetime(2027, 1, 4, 1, 30, tzinfo=UTC)  # Monday 4 January
    listed = {c.number: (c.timeliness, c.remaining_working_days)
              for c in backoffice.review_queue(approver)}
    # Past its deadline with the clock running: overdue; with the clock stopped before its
    # deadline it is "stopped", with the day that was left then (counted in 2026), and off the
    # due list; stopped once overdue, it stays overdue (it read "warning": a stop after the
    # deadline gives no time back).
    assert listed == {late: ("overdue", None), stopped: ("stopped", 1),
                      stopped_late: ("overdue", None)}
    sup = ctx_for("supervisor1")
    assert {c.number: (c.timeliness, c.working_days_left)
            for c in worklists.due_cases(sup)} == {late: ("overdue", None),
                                                   stopped_late: ("overdue", None)}
    assert {c.number for c in cases.list_cases(ctx_for("clerk1"), day=date(2026, 12, 28))} == {
        late, stopped, stopped_late}
    case_kpi.case_figures(sup, date(2026, 12, 28))  # counted, not refused
    assert _calendar_alerts(ctx_for) == [("calendar_missing", "critical", "2027")]
    assert "case_overdue" in {a.kind for a in supervisor.board(sup).alerts}

    calendar_admin.load_calendar(ctx_for("admin1"), json.dumps(NOTICE_2027), "国务院办公厅通知")
    listed = {c.number: (c.timeliness, c.remaining_working_days)
              for c in backoffice.review_queue(approver)}
    assert listed[late] == ("overdue", -3)  # 31 Dec, (1 Jan a holiday), 4 Jan
    assert _calendar_alerts(ctx_for) == []


def test_the_board_asks_for_next_years_holidays_three_months_ahead(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    clock.now = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)
    assert _calendar_alerts(ctx_for) == []
    clock.now = datetime(2026, 10, 1, 2, 0, tzinfo=UTC)  # 92 days before 2027
    assert _calendar_alerts(ctx_for) == [("calendar_next_year", "warning", "2027")]
    calendar_admin.load_calendar(ctx_for("admin1"), json.dumps(NOTICE_2027), "国务院办公厅通知")
    assert _calendar_alerts(ctx_for) == []


def test_a_bad_rating_in_late_december_is_recorded_without_next_years_holidays(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """The pad told the applicant "2027 年的节假日安排尚未载入…" and the 差评 was lost: its
    follow-up's due date counted 5 working days into 2027. Those days count Monday to Friday
    until the notice is loaded, and the audit log says the date was provisional."""
    clock.now = datetime(2026, 12, 28, 1, 30, tzinfo=UTC)  # Monday 09:30 in Shanghai
    serve(ctx_for, 1)
    bad = ratings.rate(ctx_for("display1"), RatingInput(2), ticket="A001")
    # 29, 30, 31 December; Friday 1 January guessed a working day; Monday 4 January
    assert bad.followup_due == datetime(2027, 1, 4, 10, tzinfo=UTC)  # 18:00 in Shanghai
    [listed] = ratings.list_followups(ctx_for("supervisor1"), "open")
    assert (listed.id, listed.due_at) == (bad.followup_id, bad.followup_due)
    with hall_db.read_session() as s:
        opened = s.scalars(select(AuditEntry).where(AuditEntry.action == "followup_open")).one()
    assert opened.after is not None
    assert opened.after["provisional"] is True
