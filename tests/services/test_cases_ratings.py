"""好差评 and follow-ups, the hall calendar table, the blacklist, figure periods.

One demo database per module and engine (casekit.shared_database).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from casekit import (
    PLAIN,
    CtxFor,
    accepted_case,
    id_number,
    open_case,
    serve,
    shared_database,
)
from conftest import ENGINES, FakeClock
from racekit import meanwhile
from sqlalchemy import select

from hallapp.core.errors import (
    DomainError,
    NotFound,
    PermissionDenied,
    StateError,
    ValidationError,
)
from hallapp.services import (
    blacklist,
    calendar_admin,
    case_kpi,
    cases,
    ratings,
    staff,
    tickets,
    windows,
)
from hallapp.services.ratings import RatingInput
from hallapp.store.models import CalendarDay
from hallapp.store.uow import Database

SH = ZoneInfo("Asia/Shanghai")
NOTICE_2027 = {"year": 2027, "holidays": ["2027-01-01", "2027-02-08", "2027-02-09"],
               "workdays": ["2027-02-06"]}


@pytest.fixture(scope="module", params=ENGINES)
def hall_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from shared_database(request)


def test_only_applicant_devices_rate(ctx_for: CtxFor) -> None:
    detail = open_case(ctx_for, PLAIN, seq=50)
    for account in ("clerk1", "supervisor1", "approver_szamr", "admin1"):
        with pytest.raises(PermissionDenied):
            ratings.rate(ctx_for(account), RatingInput(5), case_ref=detail.case.number)
    pad = ctx_for("display1")
    with pytest.raises(ValidationError, match="1–5"):
        ratings.rate(pad, RatingInput(6), case_ref=detail.case.number)
    with pytest.raises(ValidationError, match="attitude"):
        ratings.rate(pad, RatingInput(5, attitude=0), case_ref=detail.case.number)
    with pytest.raises(ValidationError, match="号码、办件或窗口"):
        ratings.rate(pad, RatingInput(5))
    waiting = tickets.take_ticket(ctx_for("kiosk1"), "B")
    with pytest.raises(StateError, match="尚未办理"):
        ratings.rate(pad, RatingInput(5), ticket=waiting.number)
    ticket = detail.case.ticket
    assert ticket is not None
    good = ratings.rate(pad, RatingInput(5, 5, 4, 5, "很好"), ticket=ticket)
    assert (good.window, good.clerk, good.followup_id) == (1, "clerk1", None)
    with pytest.raises(StateError, match="已评价"):
        ratings.rate(ctx_for("kiosk1"), RatingInput(4), ticket=ticket)
    by_case = ratings.rate(pad, RatingInput(4), case_ref=detail.case.number)
    assert by_case.case_number == detail.case.number  # 一事一评 beside 一次一评
    for again in ({"case_ref": detail.case.number}, {"ticket": ticket, "case_ref":
                                                      detail.case.number}):
        with pytest.raises(StateError, match="已评价"):
            ratings.rate(pad, RatingInput(5), **again)  # type: ignore[arg-type]


def test_a_rating_of_ticket_and_case_rates_each_once(ctx_for: CtxFor) -> None:
    """A 差评 given for the service and its case together cannot be watered down by a 好评 of
    the same ticket, or of the same case, afterwards."""
    detail = open_case(ctx_for, PLAIN, seq=53)
    ticket, number, pad = detail.case.ticket, detail.case.number, ctx_for("display1")
    assert ticket is not None
    ratings.rate(pad, RatingInput(1), ticket=ticket, case_ref=number)
    for again in ({"ticket": ticket}, {"case_ref": number}):
        with pytest.raises(StateError, match="已评价") as refused:
            ratings.rate(pad, RatingInput(5), **again)  # type: ignore[arg-type]
        assert refused.value.code == "already_rated"
    # The applicant's next visit for the same case (another ticket) is a service of its own:
    # rated, as the visit only.
    serve(ctx_for, 1)
    visit = windows.window_state(ctx_for("clerk1"), 1).ticket
    assert visit is not None
    assert visit.number != ticket
    second = ratings.rate(pad, RatingInput(4), ticket=visit.number, case_ref=number)
    assert (second.case_number, second.level) == (None, 4)


def test_a_rating_names_a_real_window_and_the_one_that_served(ctx_for: CtxFor) -> None:
    """window=777 was stored, window=10**12 an internal error on PostgreSQL, and a ticket or
    case served at window 1 could be rated as window 3's."""
    pad = ctx_for("display1")
    for window in (777, 10**12, 0, -1):
        with pytest.raises(NotFound) as refused:  # CLI exit 12, as for an unknown queue
            ratings.rate(ctx_for("kiosk1"), RatingInput(1), window=window, channel="kiosk")
        assert (refused.value.code, refused.value.field) == ("unknown_window", "window")
    detail = open_case(ctx_for, PLAIN, seq=54)  # window 1
    ticket, number = detail.case.ticket, detail.case.number
    assert ticket is not None
    for subject in ({"ticket": ticket}, {"case_ref": number}, {"ticket": ticket,
                                                                 "case_ref": number}):
        with pytest.raises(ValidationError) as refused:
            ratings.rate(pad, RatingInput(1), window=3, **subject)  # type: ignore[arg-type]
        assert refused.value.code == "rating_window_mismatch"
        assert (refused.value.facts["served"], refused.value.facts["window"]) == (1, 3)
    rated = ratings.rate(pad, RatingInput(4), ticket=ticket, case_ref=number, window=1)
    assert (rated.window, rated.clerk, rated.case_number) == (1, "clerk1", number)
    assert ratings.rate(ctx_for("kiosk1"), RatingInput(5), window=3, channel="kiosk").window == 3


def test_a_rating_pad_account_of_a_window_rates_only_that_window(ctx_for: CtxFor) -> None:
    """The pad's window is its terminal's option, which the service cannot check; a device
    account assigned a window binds its ratings to it."""
    staff.add_staff(ctx_for("admin1"), "pad3", "3号窗口评价器", "display", "Pad3pass1",
                    window_number=3)
    pad3 = ctx_for("pad3")
    elsewhere = open_case(ctx_for, PLAIN, seq=55).case.ticket  # served at window 1
    with pytest.raises(ValidationError) as refused:
        ratings.rate(pad3, RatingInput(1), ticket=elsewhere)
    assert refused.value.code == "rating_window_mismatch"
    with pytest.raises(ValidationError) as refused:
        ratings.rate(pad3, RatingInput(1), ticket=elsewhere, window=1)
    assert (refused.value.code, refused.value.facts["own"]) == ("rating_device_window", 3)
    serve(ctx_for, 3)
    here = windows.window_state(ctx_for("clerk3"), 3).ticket
    assert here is not None
    assert ratings.rate(pad3, RatingInput(5), ticket=here.number).window == 3


def test_bad_rating_opens_a_followup_closed_by_a_supervisor(ctx_for: CtxFor) -> None:
    number = open_case(ctx_for, PLAIN, seq=51).case.number
    bad = ratings.rate(ctx_for("display1"), RatingInput(2, attitude=1, comment="态度差"),
                       case_ref=number)
    assert bad.followup_id is not None
    assert bad.followup_due == datetime(2026, 12, 1, 18, tzinfo=SH)  # 5 working days
    with pytest.raises(PermissionDenied):
        ratings.list_followups(ctx_for("clerk1"))
    with pytest.raises(PermissionDenied):
        ratings.close_followup(ctx_for("clerk1"), bad.followup_id, "已整改")
    sup = ctx_for("supervisor1")
    listed = [f for f in ratings.list_followups(sup, "open") if f.id == bad.followup_id]
    assert [(f.clerk, f.clerk_name) for f in listed] == [("clerk1", "李明")]
    with pytest.raises(ValidationError):
        ratings.close_followup(sup, bad.followup_id, " ")
    closed = ratings.close_followup(sup, bad.followup_id, "已回访，当面致歉并整改")
    assert (closed.state, closed.closed_by, closed.overdue) == ("closed", "supervisor1", False)
    with pytest.raises(StateError):
        ratings.close_followup(sup, bad.followup_id, "再次关闭")
    with pytest.raises(NotFound):
        ratings.close_followup(sup, 999_999, "x")


def test_appeal_path(ctx_for: CtxFor, clock: FakeClock) -> None:
    number = open_case(ctx_for, PLAIN, seq=52).case.number
    bad = ratings.rate(ctx_for("kiosk1"), RatingInput(1), case_ref=number)
    assert bad.followup_id is not None
    with pytest.raises(PermissionDenied, match="自己"):
        ratings.appeal(ctx_for("clerk2"), bad.followup_id, "恶意评价")
    appealed = ratings.appeal(ctx_for("clerk1"), bad.followup_id, "因材料不全不满，属恶意差评")
    assert appealed.state == "appealed"
    with pytest.raises(StateError):
        ratings.appeal(ctx_for("clerk1"), bad.followup_id, "再次申诉")
    clock.advance(days=8)
    assert ratings.list_followups(ctx_for("supervisor1"), "appealed")[-1].overdue
    closed = ratings.close_followup(ctx_for("supervisor1"), bad.followup_id, "申诉成立")
    assert closed.state == "closed"
    assert closed.note is not None
    assert "申诉" in closed.note
    assert "申诉处理：申诉成立" in closed.note


@pytest.mark.parametrize("hall_db", ["postgresql"], indirect=True)  # SQLite: no such race
@pytest.mark.parametrize("second", ["appeal", "close"])
def test_a_followup_closed_and_appealed_at_once(ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch,
                                                second: str) -> None:
    """Both succeeded: the follow-up ended ``appealed`` with a closing time, the
    supervisor's note lost. Whichever writes second (it read the follow-up open) is now
    refused; done again, a close decides the appeal."""
    number = open_case(ctx_for, PLAIN, seq=53 if second == "appeal" else 54).case.number
    fid = ratings.rate(ctx_for("kiosk1"), RatingInput(1), case_ref=number).followup_id
    assert fid is not None
    sup, clerk = ctx_for("supervisor1"), ctx_for("clerk1")

    def close() -> str:
        return ratings.close_followup(sup, fid, "已回访，申请人表示理解").state

    def appeal() -> str:
        return ratings.appeal(clerk, fid, "恶意差评").state

    first = meanwhile(monkeypatch, ratings, "_followup", close if second == "appeal" else appeal,
                      after=True)
    with pytest.raises(StateError) as refused:
        (appeal if second == "appeal" else close)()
    assert refused.value.code == "followup_conflict"
    assert "请刷新后重试" in refused.value.message
    [f] = [f for f in ratings.list_followups(sup) if f.id == fid]
    if second == "appeal":
        assert first == ["closed"]
        assert (f.state, f.note) == ("closed", "整改情况：已回访，申请人表示理解")
    else:
        assert first == ["appealed"]
        assert (f.state, f.note, f.closed_at) == ("appealed", "申诉：恶意差评", None)
        assert close() == "closed"


def test_hall_calendar_table(hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    admin = ctx_for("admin1")
    with pytest.raises(PermissionDenied):
        calendar_admin.load_calendar(ctx_for("clerk1"), json.dumps(NOTICE_2027))
    with pytest.raises(DomainError, match="2027"):
        calendar_admin.show_year(admin, 2027)
    with pytest.raises(ValidationError, match="第 1 条"):
        calendar_admin.load_calendar(admin, json.dumps({"year": 2027, "holidays": ["x"]}))
    result = calendar_admin.load_calendar(admin, json.dumps(NOTICE_2027), "国办发明电（演示）")
    assert (result.years, result.days) == ((2027,), 4)
    view = calendar_admin.show_year(admin, 2027)
    assert view.source == "hall"
    assert view.rest_weekdays == (date(2027, 1, 1), date(2027, 2, 8), date(2027, 2, 9))
    assert view.working_weekends == (date(2027, 2, 6),)
    reloaded = dict(NOTICE_2027, holidays=["2027-01-01"])
    calendar_admin.load_calendar(admin, json.dumps(reloaded), "更正")
    assert calendar_admin.show_year(admin, 2027).rest_weekdays == (date(2027, 1, 1),)
    assert calendar_admin.show_year(admin, 2026).source == "package"
    with pytest.raises(ValidationError):
        calendar_admin.set_days(admin, date(2026, 12, 28), 0, working=False)
    # Friday 2026-12-25, 1 working day: Monday 12-28 — until the hall closes 12-28 and 12-29.
    clock.now = datetime(2026, 12, 25, 10, tzinfo=SH)
    before = accepted_case(ctx_for, PLAIN, seq=53)
    assert cases.show_case(ctx_for("clerk1"), before).case.deadline == \
        datetime(2026, 12, 28, 18, tzinfo=SH)
    days = calendar_admin.set_days(admin, date(2026, 12, 28), 2, working=False, note="装修闭厅")
    assert [d.day for d in days.days] == [date(2026, 12, 28), date(2026, 12, 29)]
    after = accepted_case(ctx_for, PLAIN, seq=54)
    assert cases.show_case(ctx_for("clerk1"), after).case.deadline == \
        datetime(2026, 12, 30, 18, tzinfo=SH)
    with hall_db.read_session() as s:
        row = s.get(CalendarDay, date(2026, 12, 29))
        assert row is not None
        assert (row.working, row.note) == (False, "装修闭厅")
        assert s.scalars(select(CalendarDay).where(CalendarDay.note == "官方日历 2027")).all()


def test_blacklist_entries(ctx_for: CtxFor) -> None:
    admin = ctx_for("admin1")
    with pytest.raises(PermissionDenied):
        blacklist.add_entry(ctx_for("clerk1"), id_number(60), "x")
    with pytest.raises(ValidationError, match="校验位"):
        blacklist.add_entry(admin, id_number(60)[:-1] + ("0" if id_number(60)[-1] != "0"
                                                          else "1"), "x")
    with pytest.raises(ValidationError, match="到期日"):
        blacklist.add_entry(admin, id_number(60), "信用中国", listed_on=date(2026, 11, 24),
                            expires_on=date(2026, 1, 1))
    entry = blacklist.add_entry(admin, id_number(60), "信用中国", name="王五",
                                expires_on=date(2027, 11, 23))
    assert entry.active
    assert entry.id in [e.id for e in blacklist.list_entries(ctx_for("supervisor1"))]
    blacklist.remove_entry(admin, entry.id, "信用修复")
    assert entry.id not in [e.id for e in blacklist.list_entries(admin)]
    assert entry.id in [e.id for e in blacklist.list_entries(admin, include_inactive=True)]
    with pytest.raises(StateError):
        blacklist.remove_entry(admin, entry.id, "again")


def test_figures_need_a_valid_period(ctx_for: CtxFor) -> None:
    with pytest.raises(PermissionDenied):
        case_kpi.case_figures(ctx_for("clerk1"), date(2026, 11, 24))
    with pytest.raises(ValidationError, match="结束日期"):
        case_kpi.case_figures(ctx_for("supervisor1"), date(2026, 11, 24), date(2026, 11, 1))
    with pytest.raises(NotFound, match="未知部门"):
        case_kpi.case_figures(ctx_for("admin1"), date(2026, 11, 24), department="NOPE")
    empty = case_kpi.case_figures(ctx_for("admin1"), date(2020, 1, 1))
    assert empty.on_spot_rate == case_kpi.Rate(0, 0, None)
