"""The supervisor's board, alerts, window control, work profiles and moving tickets."""

from __future__ import annotations

import pytest
from casekit import IMMEDIATE, PLAIN, CtxFor, accepted_case
from conftest import FakeClock
from sqlalchemy import select

from hallapp.core.errors import PermissionDenied, StateError, ValidationError
from hallapp.services import ratings, supervisor, tickets, windows, worklists
from hallapp.services.ratings import RatingInput
from hallapp.services.supervisor import ProfileEntryInput
from hallapp.store.models import AuditEntry
from hallapp.store.uow import Database

CLERK1_NAME = "李明"


def _kinds(ctx_for: CtxFor) -> dict[str, list[str]]:
    """The board's alerts by kind, but for the holiday calendar's (November 2026 asks for
    2027's: tests/services/test_calendar_year_end.py)."""
    out: dict[str, list[str]] = {}
    for a in supervisor.board(ctx_for("supervisor1")).alerts:
        if not a.kind.startswith("calendar_"):
            out.setdefault(a.kind, []).append(a.subject)
    return out


def test_board_shows_windows_queues_and_who_is_served(ctx_for: CtxFor,
                                                      clock: FakeClock) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")
    supervisor.open_window(ctx_for("supervisor1"), 11)  # clerk1 takes over clerk11's window
    windows.call_next(clerk, 11)
    clock.advance(minutes=2)
    windows.start(clerk, 11)
    windows.open_window(ctx_for("clerk10"), 10)
    windows.pause(ctx_for("clerk10"), 10, "临时离开")
    b = supervisor.board(ctx_for("supervisor1"))
    w = {x.number: x for x in b.windows}
    assert (w[11].state, w[11].clerk, w[11].ticket, w[11].ticket_state) == (
        "open", CLERK1_NAME, "A001", "serving")
    assert w[11].ticket_since == clock.now
    assert (w[10].state, w[10].reason) == ("paused", "临时离开")
    assert [p.queue for p in w[11].profile] == ["A"]
    q = {x.code: x for x in b.queues}
    assert (q["A"].waiting, q["A"].longest_wait_minutes) == (2, 2)


def test_alerts_follow_the_rules_and_thresholds(ctx_for: CtxFor, clock: FakeClock,
                                                hall_db: Database) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    tickets.take_ticket(kiosk, "A", item_code=IMMEDIATE)  # norm 10 minutes
    tickets.take_ticket(kiosk, "A")
    clock.advance(minutes=19)
    assert _kinds(ctx_for) == {}
    windows.open_window(clerk, 11)
    windows.call_next(clerk, 11)
    windows.start(clerk, 11)
    clock.advance(minutes=2)  # A002 has waited 21 > 20 minutes
    assert _kinds(ctx_for) == {"wait_over_target": ["A"]}
    clock.advance(minutes=19)  # the service runs 21 min > 2 × 10
    assert _kinds(ctx_for) == {"wait_over_target": ["A"], "service_over_norm": ["11号窗口"]}
    windows.finish(clerk, 11)
    clock.advance(minutes=5)  # window 11 idle 5 min while A002 waits
    assert _kinds(ctx_for) == {"wait_over_target": ["A"], "window_idle": ["11号窗口"]}
    bad = ratings.rate(ctx_for("display1"), RatingInput(2), ticket="A001")
    kinds = _kinds(ctx_for)
    assert kinds["bad_rating"] == ["11号窗口"]
    assert supervisor.board(ctx_for("supervisor1")).alerts[0].key == f"rating:{bad.id}"
    windows.call_next(clerk, 11)  # the cause is gone, so are the alerts
    clock.advance(minutes=31)
    assert _kinds(ctx_for) == {}


def test_the_idle_and_bad_rating_thresholds_are_the_halls_settings(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    from hallapp.services import admin

    admin.update_settings(ctx_for("admin1"), {"alert_idle_minutes": 10,
                                              "alert_bad_rating_minutes": 60})
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    clock.advance(minutes=1)
    windows.open_window(ctx_for("clerk11"), 11)
    clock.advance(minutes=9)
    assert "window_idle" not in _kinds(ctx_for)  # 9 minutes < 10
    clock.advance(minutes=1)
    assert _kinds(ctx_for)["window_idle"] == ["11号窗口"]
    windows.call_next(ctx_for("clerk11"), 11)
    windows.finish(ctx_for("clerk11"), 11)
    ratings.rate(ctx_for("display1"), RatingInput(1), ticket="A001")
    clock.advance(minutes=45)
    assert "bad_rating" in _kinds(ctx_for)  # kept 60 minutes, not the default 30
    clock.advance(minutes=16)
    assert "bad_rating" not in _kinds(ctx_for)


def test_a_bad_rating_followed_up_no_longer_asks_for_its_follow_up(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """The alert said 请跟进回访 for its 30 minutes after the supervisor had closed it."""
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.open_window(ctx_for("clerk11"), 11)
    windows.call_next(ctx_for("clerk11"), 11)
    windows.finish(ctx_for("clerk11"), 11)
    bad = ratings.rate(ctx_for("display1"), RatingInput(2), ticket="A001")
    assert _kinds(ctx_for)["bad_rating"] == ["11号窗口"]
    assert bad.followup_id is not None
    clock.advance(minutes=5)
    ratings.close_followup(ctx_for("supervisor1"), bad.followup_id, "已回访致歉")
    assert "bad_rating" not in _kinds(ctx_for)


def test_overdue_cases_are_a_work_list_and_an_alert(ctx_for: CtxFor,
                                                     clock: FakeClock) -> None:
    number = accepted_case(ctx_for, PLAIN)  # 1 working day
    sup = ctx_for("supervisor1")
    assert [(c.number, c.timeliness) for c in worklists.due_cases(sup)] == [(number, "warning")]
    assert worklists.due_cases(sup, include_warning=False) == ()
    clock.advance(days=3)
    listed = worklists.due_cases(sup)
    assert [(c.number, c.timeliness, c.department) for c in listed] == [
        (number, "overdue", "深圳市市场监督管理局")]
    assert "case_overdue" in _kinds(ctx_for)


RESIDENCE_PERMIT = "440304000000731860734006"  # 15 working days, queue D (window 6)


def test_the_warning_period_reaches_as_far_as_the_hall_sets_it(ctx_for: CtxFor,
                                                                clock: FakeClock) -> None:
    """A hall that warns 12 working days ahead sees a case due in 12 (17 calendar days):
    the lists once looked only 14 calendar days ahead, whatever the warning period."""
    from hallapp.services import admin

    admin.update_settings(ctx_for("admin1"), {"warning_working_days": 12})
    number = accepted_case(ctx_for, RESIDENCE_PERMIT, window=6)  # Tuesday: due in 15
    clock.advance(days=4)  # Saturday: 12 working days left, the deadline 17 days away
    sup = ctx_for("supervisor1")
    assert [(c.number, c.timeliness, c.working_days_left)
            for c in worklists.due_cases(sup)] == [(number, "warning", 12)]
    assert "case_warning" in _kinds(ctx_for)
    admin.update_settings(ctx_for("admin1"), {"warning_working_days": 11})
    assert worklists.due_cases(sup) == ()


def test_supervisor_controls_any_window_and_each_act_is_audited(ctx_for: CtxFor,
                                                                hall_db: Database) -> None:
    sup = ctx_for("supervisor1")
    opened = supervisor.open_window(sup, 5)
    assert (opened.state, opened.clerk) == ("open", None)
    windows.open_window(ctx_for("clerk5"), 5)  # the clerk can still sit down at it
    with pytest.raises(ValidationError, match="原因"):
        supervisor.pause_window(sup, 5, " ")
    assert supervisor.pause_window(sup, 5, "系统故障").reason == "系统故障"
    with pytest.raises(StateError):
        supervisor.pause_window(sup, 5, "再次暂停")
    assert supervisor.resume_window(sup, 5).state == "open"
    tickets.take_ticket(ctx_for("kiosk1"), "C")
    windows.call_next(ctx_for("clerk5"), 5)
    with pytest.raises(StateError, match="未办结"):
        supervisor.close_window(sup, 5)
    windows.finish(ctx_for("clerk5"), 5)
    assert supervisor.close_window(sup, 5).state == "closed"
    with hall_db.read_session() as s:
        acts = s.scalars(select(AuditEntry.action).where(
            AuditEntry.actor == "supervisor1").order_by(AuditEntry.id)).all()
    assert acts == ["supervisor_window_open", "supervisor_window_pause",
                    "supervisor_window_resume", "supervisor_window_close"]


def test_a_changed_profile_is_followed_by_the_next_call(ctx_for: CtxFor, clock: FakeClock,
                                                        hall_db: Database) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    tickets.take_ticket(kiosk, "A")
    clock.advance(seconds=30)
    tickets.take_ticket(kiosk, "D")
    windows.open_window(clerk, 11)  # 企业开办专窗: queue A only
    with pytest.raises(PermissionDenied):
        supervisor.change_profile(clerk, 11, [ProfileEntryInput("D")], reason="支援")
    sup = ctx_for("supervisor1")
    changed = supervisor.change_profile(sup, 11, [ProfileEntryInput("D", 1),
                                                  ProfileEntryInput("A", 2)],
                                        mode="precedence", reason="户政排队长，临时支援")
    assert [(p.queue, p.precedence) for p in changed.profile] == [("D", 1), ("A", 2)]
    assert windows.call_next(clerk, 11).number == "D001"
    with hall_db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "window_profile_change")).one()
    assert entry.before == {"mode": "precedence",
                            "profile": [{"queue": "A", "precedence": 1, "ratio": 1}]}
    assert entry.after is not None
    assert entry.after["reason"] == "户政排队长，临时支援"
    for bad, match in (([], "至少"), ([ProfileEntryInput("A"), ProfileEntryInput("a")], "重复"),
                       ([ProfileEntryInput("A", 0)], "正整数")):
        with pytest.raises(ValidationError, match=match):
            supervisor.change_profile(sup, 11, bad, reason="x")


def test_moved_tickets_keep_their_place(ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    for queue in "ABAB":  # A001 B001 A002 B002, a minute apart
        tickets.take_ticket(kiosk, queue)
        clock.advance(minutes=1)
    sup = ctx_for("supervisor1")
    with pytest.raises(PermissionDenied):
        supervisor.move_tickets(ctx_for("clerk1"), "A", "B", reason="分流")
    with pytest.raises(StateError, match="A009"):
        supervisor.move_tickets(sup, "A", "B", ["A009"], reason="分流")
    moved = supervisor.move_tickets(sup, "A", "B", reason="商事登记窗口故障，分流")
    assert moved.moved == ("A001", "A002")
    clerk = ctx_for("clerk10")
    windows.open_window(clerk, 10)  # 不动产登记专窗: queue B only
    called = []
    for _ in range(4):
        called.append(windows.call_next(clerk, 10).number)
        windows.finish(clerk, 10)
    assert called == ["A001", "B001", "A002", "B002"]


def test_moving_only_some_tickets(ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    for _ in range(3):
        tickets.take_ticket(kiosk, "C")
        clock.advance(minutes=1)
    sup = ctx_for("supervisor1")
    assert supervisor.move_tickets(sup, "C", "E", count=2, reason="分流").moved == (
        "C001", "C002")
    assert supervisor.move_tickets(sup, "C", "E", ["c003"], reason="分流").moved == ("C003",)
    with pytest.raises(ValidationError, match="相同"):
        supervisor.move_tickets(sup, "E", "E", reason="分流")
    q = {x.code: x for x in supervisor.board(sup).queues}
    assert (q["C"].waiting, q["E"].waiting) == (0, 3)
    assert q["C"].taken_today == 3  # taken counts where the ticket was taken


def test_admin_controls_windows_but_does_not_move_tickets(ctx_for: CtxFor) -> None:
    admin = ctx_for("admin1")
    assert supervisor.open_window(admin, 7).state == "open"
    with pytest.raises(PermissionDenied):
        supervisor.move_tickets(admin, "A", "B", reason="x")


def test_the_board_and_the_wait_alert_time_the_same_wait(ctx_for: CtxFor,
                                                         clock: FakeClock) -> None:
    """An appointment checked in an hour early waits from its check-in: the queue's 最长 read
    its place in line (the slot's start: 40 min) while the wait alert read its check-in
    (100 min), for the same ticket on the same board."""
    from datetime import time

    from hallapp.services import appointments

    [slot] = appointments.create_slots(ctx_for("admin1"), "A", clock.now.date(), time(10),
                                       time(10, 30))
    code = appointments.book(ctx_for("clerk1"), slot.id).code
    appointments.checkin(ctx_for("kiosk1"), code)  # 09:00
    clock.advance(minutes=100)
    b = supervisor.board(ctx_for("supervisor1"))
    [alert] = [a for a in b.alerts if a.kind == "wait_over_target"]
    assert {q.code: q.longest_wait_minutes for q in b.queues}["A"] == 100
    assert alert.fact("waited") == "100"
