"""A change of the hall's calendar or opening hours moves the due dates of the open cases
and 差评 follow-ups it touches.

Deadlines were counted once, at acceptance: after a typhoon closed the hall for a day, or the
State Council's notice replaced a provisional year, open cases kept the dates of the old
calendar, while an identical case that happened to have a 5-minute correction was counted
again on the new one. Clock: Tuesday 2026-11-24 09:00 Shanghai.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from casekit import LONG, PLAIN, TOLERANT_3, CtxFor, accepted_case
from conftest import FakeClock
from sqlalchemy import select

from hallapp.services import admin, backoffice, calendar_admin, case_clock, cases, ratings
from hallapp.services.ratings import RatingInput
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

SH = ZoneInfo("Asia/Shanghai")
HOUR = timedelta(hours=1)
PROVISIONAL_2027 = {"year": 2027, "holidays": ["2027-01-01"], "workdays": []}
NOTICE_2027 = {"year": 2027,
               "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09",
                            "2027-02-10", "2027-02-11", "2027-02-12"],
               "workdays": ["2027-02-20"]}


def _at(day: int, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, 18, tzinfo=SH)


def _dates(ctx_for: CtxFor, number: str) -> tuple[datetime | None, datetime | None]:
    info = cases.show_case(ctx_for("supervisor1"), number).case
    return info.deadline, info.supplement_deadline


def _last_audit(db: Database, action: str) -> dict[str, Any]:
    with db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == action)
                          .order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        return dict(entry.after)


def _close(ctx_for: CtxFor, day: date) -> None:
    calendar_admin.set_days(ctx_for("admin1"), day, 1, working=False, note="台风停工")


def test_a_closed_day_moves_the_open_cases_due_on_or_after_it(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    plain = accepted_case(ctx_for, PLAIN, seq=1)  # due Wednesday 25
    owing = accepted_case(ctx_for, TOLERANT_3, decision="accept_tolerant", seq=2,
                          M04="missing")  # due Friday 27, M04 owed by Wednesday 25
    done = accepted_case(ctx_for, PLAIN, seq=3)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, done)
    backoffice.approve(approver, done)  # concluded: its deadline is history
    _close(ctx_for, date(2026, 11, 26))  # Thursday: after the plain case's deadline
    assert _dates(ctx_for, plain) == (_at(25), None)
    assert _dates(ctx_for, owing) == (_at(30), _at(25))
    after = _last_audit(hall_db, "calendar_set_days")
    assert (after["cases_moved"], after["moved"]) == (
        1, {owing: {"deadline": ["2026-11-27T18:00+08:00", "2026-11-30T18:00+08:00"]}})
    _close(ctx_for, date(2026, 11, 25))  # Wednesday too
    assert _dates(ctx_for, plain) == (_at(27), None)
    assert _dates(ctx_for, owing) == (_at(1, 12), _at(27))
    assert _last_audit(hall_db, "calendar_set_days")["cases_moved"] == 2
    assert _dates(ctx_for, done)[0] == _at(25)


def test_a_case_with_a_correction_and_one_without_agree(ctx_for: CtxFor,
                                                        clock: FakeClock) -> None:
    """The tester's t9: only the corrected case (recounted when its stop ended) followed the
    closed day; the other kept Monday's deadline."""
    plain, corrected = accepted_case(ctx_for, PLAIN, seq=1), accepted_case(ctx_for, PLAIN, seq=2)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, corrected)
    case_clock.request_correction(approver, corrected, "营业执照复印件不清晰")
    clock.advance(minutes=5)  # the same morning it was accepted: the stop adds nothing
    case_clock.supply_correction(ctx_for("clerk1"), corrected)
    _close(ctx_for, date(2026, 11, 25))
    assert _dates(ctx_for, plain)[0] == _dates(ctx_for, corrected)[0] == _at(26)


def test_the_official_notice_moves_cases_counted_on_the_provisional_year(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    admin = ctx_for("admin1")
    calendar_admin.load_calendar(admin, json.dumps(PROVISIONAL_2027), "临时日历")
    before = accepted_case(ctx_for, LONG, window=6, seq=1)  # 55 working days
    calendar_admin.load_calendar(admin, json.dumps(NOTICE_2027), "国务院办公厅通知")
    after = accepted_case(ctx_for, LONG, window=6, seq=2)  # the same moment, new calendar
    assert _dates(ctx_for, before) == _dates(ctx_for, after)
    moved = _last_audit(hall_db, "calendar_load")["moved"]
    # 55 working days from Tue 24 Nov: 27 in 2026, then with only 1 Jan off the 52nd is
    # Fri 5 Feb and the 55th Wed 10 Feb; the notice takes 5 Feb and 8–12 Feb off, so 51
    # end on Thu 4 Feb and the 55th is Thu 18 Feb (the make-up Saturday 20 Feb comes later)
    assert moved == {before: {"deadline": ["2027-02-10T18:00+08:00",
                                           "2027-02-18T18:00+08:00"]}}


def test_a_case_whose_new_count_reaches_an_unloaded_year_keeps_its_deadline(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    clock.now = datetime(2026, 12, 30, 10, tzinfo=SH)  # type: ignore[misc]
    number = accepted_case(ctx_for, PLAIN)  # due Thursday 31 December
    _close(ctx_for, date(2026, 12, 31))  # now due in January 2027, which nobody loaded
    assert _dates(ctx_for, number)[0] == _at(31, 12)
    assert _last_audit(hall_db, "calendar_set_days")["cases_moved"] == 0


def test_new_opening_hours_move_the_open_cases_due_from_today(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    """Closing at 17:00 instead of 18:00 left open cases due at 18:00, while an identical
    case accepted afterwards (or one with a 5-minute correction) was due at 17:00."""
    before = accepted_case(ctx_for, PLAIN, seq=1)  # due Wednesday 25 at 18:00
    admin.set_opening_hours(ctx_for("admin1"), [("09:00", "12:00"), ("13:30", "17:00")])
    after = accepted_case(ctx_for, PLAIN, seq=2)
    assert _dates(ctx_for, before)[0] == _dates(ctx_for, after)[0] == _at(25) - HOUR
    audited = _last_audit(hall_db, "opening_hours_update")
    assert (audited["cases_moved"], audited["moved"]) == (
        1, {before: {"deadline": ["2026-11-25T18:00+08:00", "2026-11-25T17:00+08:00"]}})
    assert audited["periods"] == [["09:00", "12:00"], ["13:30", "17:00"]]


def test_open_followups_move_with_the_calendar_and_the_hours(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    """A 差评's follow-up, due five working days on, stayed due on the old calendar after a
    typhoon closed the hall for a day, while the cases around it moved."""
    pad = ctx_for("display1")
    rated = [ratings.rate(pad, RatingInput(1), case_ref=accepted_case(ctx_for, PLAIN, seq=n))
             for n in (1, 2)]
    [open_id, closed_id] = [r.followup_id for r in rated]
    assert open_id is not None
    assert closed_id is not None
    assert rated[0].followup_due == _at(1, 12)  # Tuesday 1 December
    ratings.close_followup(ctx_for("supervisor1"), closed_id, "已回访")
    # Five days for the follow-ups opened from now on: those open keep the days they had.
    admin.update_settings(ctx_for("admin1"), {"rating_followup_working_days": 3})
    _close(ctx_for, date(2026, 11, 30))  # Monday
    assert _due(ctx_for) == {open_id: _at(2, 12), closed_id: _at(1, 12)}
    after = _last_audit(hall_db, "calendar_set_days")
    assert (after["followups_moved"], after["followups"]) == (
        1, {str(open_id): ["2026-12-01T18:00+08:00", "2026-12-02T18:00+08:00"]})
    admin.set_opening_hours(ctx_for("admin1"), [("09:00", "12:00"), ("13:30", "17:00")])
    assert _due(ctx_for) == {open_id: _at(2, 12) - HOUR, closed_id: _at(1, 12)}
    assert _last_audit(hall_db, "opening_hours_update")["followups_moved"] == 1


def _due(ctx_for: CtxFor) -> dict[int, datetime]:
    return {f.id: f.due_at for f in ratings.list_followups(ctx_for("supervisor1"))}
