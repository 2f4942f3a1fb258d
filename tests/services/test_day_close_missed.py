"""A day whose close was forgotten, and closes made before opening time.

The evening's 日终 forgotten, tickets of that day stay open and are never called (calls take
the day's tickets). The next morning an ID number holding one of them gets a ticket of its
own day, the board says the day was not closed, and the close that ends it says which days it
closed. A close before opening ends the previous day, never the windows that began the new
one; with the previous day closed already there is nothing to close, and it is refused.

Demo hall (window 11 serves queue A; clerkN works window N; the hall opens at 09:00), the
FakeClock starting Tuesday 2026-11-24 09:00 in Shanghai; both engines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from conftest import FakeClock
from sqlalchemy import select
from test_queue_tickets import make_id
from test_queue_windows import CtxFor, opened

from hallapp.cli.cmd_queue import _day_text
from hallapp.core.errors import StateError
from hallapp.services import day, supervisor, tickets, windows
from hallapp.store.models import Ticket, Window
from hallapp.store.uow import Database

PERSON = make_id("19850312")


def _at(clock: FakeClock, day_of_month: int, hh: int, mm: int = 0) -> None:
    """November 2026, Shanghai time (UTC+8)."""
    clock.now = datetime(2026, 11, day_of_month, hh - 8, mm, tzinfo=UTC)


def _forgotten_evening(ctx_for: CtxFor, clock: FakeClock) -> None:
    """Tuesday the 24th: A001 finished; A002 serving at window 11 and A003 (with an ID
    number) waiting when everybody leaves, without 日终."""
    kiosk = ctx_for("kiosk1")
    for _ in range(2):
        tickets.take_ticket(kiosk, "A")
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.finish(clerk, 11)
    _at(clock, 24, 17, 40)
    assert tickets.take_ticket(kiosk, "A", id_number=PERSON).number == "A003"
    windows.call_next(clerk, 11)
    windows.start(clerk, 11)


def _state(db: Database, day_of_month: int, number: str) -> str:
    with db.read_session() as s:
        return s.scalars(select(Ticket.state).where(
            Ticket.hall_day == date(2026, 11, day_of_month), Ticket.number == number)).one()


def test_the_morning_after_a_missed_close_an_id_number_gets_a_ticket_of_its_day(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """It was handed yesterday's A003 again ("1 person ahead, 10 min"), never called, while
    another applicant got today's A003 too; the index would have refused a new ticket."""
    _forgotten_evening(ctx_for, clock)
    kiosk = ctx_for("kiosk1")
    _at(clock, 25, 8, 50)
    mine = tickets.take_ticket(kiosk, "A", id_number=PERSON)
    assert (mine.number, mine.hall_day, mine.existing) == ("A001", date(2026, 11, 25), False)
    assert mine.people_ahead == 0
    again = tickets.take_ticket(kiosk, "A", id_number=PERSON)  # still one a day
    assert (again.id, again.existing) == (mine.id, True)
    assert tickets.take_ticket(kiosk, "A").number == "A002"
    # Today's ticket passed as absent comes back, yesterday's dead one notwithstanding.
    _at(clock, 25, 9, 0)
    clerk = ctx_for("clerk11")
    windows.finish(clerk, 11)  # yesterday's A002, still at the window
    assert windows.call_next(clerk, 11).id == mine.id
    windows.noshow(clerk, 11)
    assert tickets.reactivate(kiosk, mine.id).state == "waiting"
    assert _state(hall_db, 24, "A003") == "waiting"


def test_the_board_says_the_day_was_not_closed_until_a_close_ends_it(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """The board showed only "A002 已办理 910 分钟"; the close before opening ends the
    forgotten day and the alert with it, leaving the new day's ticket alone."""
    _forgotten_evening(ctx_for, clock)
    sup = ctx_for("supervisor1")
    _at(clock, 25, 8, 30)
    today = tickets.take_ticket(ctx_for("kiosk1"), "A")
    [alert] = [a for a in supervisor.board(sup).alerts if a.kind == "day_not_closed"]
    assert alert.severity == "critical"
    assert alert.message == ("昨日未日终：2026-11-24 还有 2 个号未办结，不会再被叫号；开厅前执行"
                             "日终闭厅即补结该日，开厅后则由今日日终一并记为弃号")
    result = day.close_day(sup)
    assert (result.hall_day, result.abandoned, result.abandoned_by_day) == (
        "2026-11-24", 2, (("2026-11-24", 2),))
    assert not [a for a in supervisor.board(sup).alerts if a.kind == "day_not_closed"]
    assert tickets.show_ticket(sup, today.id).state == "waiting"
    assert [_state(hall_db, 24, n) for n in ("A002", "A003")] == ["abandoned"] * 2


def test_days_not_closed_for_longer_are_named_from_the_first(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    _forgotten_evening(ctx_for, clock)
    _at(clock, 27, 10)
    [alert] = [a for a in supervisor.board(ctx_for("supervisor1")).alerts
               if a.kind == "day_not_closed"]
    assert (alert.text, alert.fact("first"), alert.fact("count")) == (
        "day_not_closed_earlier", "2026-11-24", "2")
    assert alert.message.startswith("2026-11-24 起未日终：还有 2 个号未办结")


def test_the_close_says_which_days_it_closed(ctx_for: CtxFor, clock: FakeClock) -> None:
    """"4 个未办结的号记为弃号" for a day whose report shows 2: the close ended the day
    before too."""
    _forgotten_evening(ctx_for, clock)
    _at(clock, 25, 9, 30)
    for _ in range(2):
        tickets.take_ticket(ctx_for("kiosk1"), "A")
    _at(clock, 25, 18)
    result = day.close_day(ctx_for("supervisor1"))
    assert (result.hall_day, result.abandoned) == ("2026-11-25", 4)
    assert result.abandoned_by_day == (("2026-11-25", 2), ("2026-11-24", 2))
    assert _day_text(result) == ("2026-11-25 日终完成：弃号 4 个（当日 2 个，2026-11-24 2 个），"
                                 "失约预约 0 个，关闭窗口 1 个")


def test_a_close_before_opening_leaves_the_windows_that_began_the_new_day(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """Window 11 open since the forgotten evening serves today's A001 from 08:30 and window
    1 opened at 08:40: closing the previous day closed both. Window 2, open since that
    evening and idle, is that day's."""
    _forgotten_evening(ctx_for, clock)
    opened(ctx_for, 2)
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    _at(clock, 25, 8, 30)
    tickets.take_ticket(kiosk, "A")
    windows.finish(clerk, 11)
    assert windows.call_next(clerk, 11).number == "A001"
    windows.start(clerk, 11)
    _at(clock, 25, 8, 40)
    opened(ctx_for, 1)
    _at(clock, 25, 8, 50)
    result = day.close_day(ctx_for("supervisor1"))
    assert (result.hall_day, result.abandoned, result.windows_closed) == ("2026-11-24", 1, 1)
    with hall_db.read_session() as s:
        states = dict(s.execute(select(Window.number, Window.state).where(
            Window.number.in_((1, 2, 11)))).all())
    assert states == {1: "open", 2: "closed", 11: "open"}
    assert _state(hall_db, 25, "A001") == "serving"
    windows.finish(clerk, 11)


def test_a_close_before_opening_after_the_previous_day_was_closed_is_refused(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    """It "closed" that day again and closed the window serving today's A001."""
    sup, kiosk = ctx_for("supervisor1"), ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")
    _at(clock, 24, 18, 5)
    assert day.close_day(sup).abandoned == 1
    _at(clock, 25, 8, 30)
    tickets.take_ticket(kiosk, "A")
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.start(clerk, 11)
    _at(clock, 25, 8, 50)
    with pytest.raises(StateError) as refused:
        day.close_day(sup)
    assert refused.value.code == "day_already_closed_early"
    assert str(refused.value) == ("前一大厅日（2026-11-24）已日终闭厅，没有需要闭厅的号和窗口；"
                                  "今日的日终请在开厅（09:00）后执行")
    assert windows.window_state(clerk, 11).state == "open"
    assert _state(hall_db, 25, "A001") == "serving"
    _at(clock, 25, 18)
    assert day.close_day(sup).hall_day == "2026-11-25"
    with pytest.raises(StateError) as again:  # and a day is closed once
        day.close_day(sup)
    assert again.value.code == "day_already_closed"
