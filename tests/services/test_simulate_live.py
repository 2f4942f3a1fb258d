"""Live mode against a real hall: a consistent hall afterwards, figures that match the stored
ones, Ctrl-C, and the windows it must keep off."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from conftest import FakeClock, actor_for
from sqlalchemy import func, select, update

from hallapp.core.errors import StateError, ValidationError
from hallapp.services import audit, calendar_admin, day, simulate
from hallapp.services.context import Ctx
from hallapp.services.simulate_live import run_live
from hallapp.store.models import AuditEntry, Staff, Ticket, Window
from hallapp.store.uow import Database


def _ctx(db: Database, username: str, clock: Callable[[], datetime]) -> Ctx:
    return Ctx(db, actor_for(db, username), clock=clock, terminal="test")


def _load_2027(db: Database, clock: FakeClock) -> None:
    """Long 承诺件 opened in late November have deadlines in 2027."""
    notice = {"year": 2027, "holidays": ["2027-01-01", "2027-02-08", "2027-02-09",
                                         "2027-02-10", "2027-02-11", "2027-02-12"],
              "workdays": ["2027-02-06"]}
    calendar_admin.load_calendar(_ctx(db, "admin1", clock), json.dumps(notice))


def _check_consistent(db: Database, on: date) -> None:
    with db.read_session() as s:
        serials: dict[int, list[int]] = {}
        for queue_id, serial in s.execute(select(Ticket.origin_queue_id, Ticket.serial).where(
                Ticket.hall_day == on)):
            serials.setdefault(queue_id, []).append(serial)
        for numbers in serials.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
        open_per_window = s.execute(select(Ticket.window_id, func.count()).where(
            Ticket.state.in_(("called", "serving"))).group_by(Ticket.window_id)).all()
        assert all(n <= 1 for _, n in open_per_window)


def test_live_hour_leaves_a_consistent_hall_and_matching_figures(
        hall_db: Database, clock: FakeClock) -> None:
    _load_2027(hall_db, clock)
    supervisor = _ctx(hall_db, "supervisor1", clock)
    result = run_live(supervisor, speed=30, hours=1, seed=4,
                               sleep=lambda s: clock.advance(seconds=s))
    tally = result.tally
    assert not tally.interrupted
    assert tally.taken > 20
    assert tally.refused == 0
    _check_consistent(hall_db, result.hall_day)
    figures = simulate.day_figures(supervisor, result.hall_day)
    assert figures.taken == tally.taken
    assert figures.done == tally.served
    assert figures.no_show == tally.no_show
    assert figures.waiting == result.waiting
    assert figures.taken == figures.done + figures.no_show + figures.waiting
    assert figures.cases == sum(tally.cases.values())
    assert figures.on_spot == tally.cases["on_spot"]
    assert tally.cases["on_spot"] > 0
    assert tally.cases["accepted"] > 0
    closed = day.close_day(supervisor)
    assert closed.abandoned == result.waiting  # no-shows keep their own state
    after = simulate.day_figures(supervisor, result.hall_day)
    assert Counter({"done": after.done, "no_show": after.no_show,
                    "abandoned": after.abandoned}) == \
        Counter({"done": tally.served, "no_show": tally.no_show, "abandoned": result.waiting})
    assert after.taken == after.done + after.no_show + after.abandoned
    report = audit.verify_audit(supervisor)
    assert report.ok
    assert report.entries > tally.operations // 2
    with hall_db.read_session() as s:  # who ran it, and which entries are the simulation's
        runs = s.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.after).where(
            AuditEntry.action.like("simulation_%")).order_by(AuditEntry.id)).all()
        played = set(s.scalars(select(AuditEntry.terminal).where(
            AuditEntry.action == "ticket_take")))
    assert [(a, act) for a, act, _ in runs] == [("supervisor1", "simulation_start"),
                                                ("supervisor1", "simulation_end")]
    assert runs[1][2]["taken"] == tally.taken
    assert played == {"simulation:supervisor1"}


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_ctrl_c_during_live_mode_leaves_no_window_holding_a_ticket(
        hall_db: Database, clock: FakeClock) -> None:
    supervisor = _ctx(hall_db, "supervisor1", clock)
    sleeps = 0

    def sleep(seconds: float) -> None:
        nonlocal sleeps
        sleeps += 1
        if sleeps == 60:
            raise KeyboardInterrupt
        clock.advance(seconds=seconds)

    result = run_live(supervisor, speed=60, hours=2, numbers=[1, 2, 4, 6],
                               sleep=sleep)
    assert result.tally.interrupted
    assert result.windows == (1, 2, 4, 6)
    with hall_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.state.in_(("called", "serving")))) == 0
        assert set(s.scalars(select(Window.state))) == {"closed"}
    _check_consistent(hall_db, result.hall_day)
    assert audit.verify_audit(supervisor).ok


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_live_mode_keeps_off_windows_in_use(hall_db: Database, clock: FakeClock) -> None:
    from hallapp.core.errors import StateError
    from hallapp.services import windows

    windows.open_window(_ctx(hall_db, "clerk3", clock), 3)
    supervisor = _ctx(hall_db, "supervisor1", clock)
    with pytest.raises(StateError, match="3"):
        run_live(supervisor, hours=0.25, sleep=lambda s: clock.advance(seconds=s))
    result = run_live(supervisor, hours=0.25, numbers=[1, 2],
                               sleep=lambda s: clock.advance(seconds=s))
    assert result.windows == (1, 2)
    assert windows.window_state(supervisor, 3).state == "open"


def test_live_mode_names_the_windows_it_cannot_run(hall_db: Database, clock: FakeClock) -> None:
    supervisor = _ctx(hall_db, "supervisor1", clock)
    with hall_db.write_session() as s:  # window 2 loses its clerk
        s.execute(update(Staff).where(Staff.window_number == 2).values(window_number=None))
        s.commit()
    for numbers, text in (([1, 99], "窗口 99 不存在或不叫任何队列的号"),
                          ([1, 2], "窗口 2 没有分配窗口人员")):
        with pytest.raises(ValidationError) as refused:
            run_live(supervisor, hours=0.25, numbers=numbers,
                              sleep=lambda s: clock.advance(seconds=s))
        assert str(refused.value) == text
    assert run_live(supervisor, hours=0.25, numbers=[1],
                             sleep=lambda s: clock.advance(seconds=s)).windows == (1,)


def _open_tickets(db: Database) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.state.in_(("called", "serving")))) or 0)


def _window_states(db: Database) -> dict[int, str]:
    with db.read_session() as s:
        return {n: state for n, state in s.execute(select(Window.number, Window.state))}


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_an_error_mid_run_leaves_no_window_open(hall_db: Database, clock: FakeClock,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Only Ctrl-C tidied up: an internal error left the windows open and tickets in service,
    and the next run was refused (窗口 … 正在使用)."""
    from hallapp.services import windows

    starts = 0
    real_start = windows.start

    def start(ctx: Ctx, number: int) -> object:
        nonlocal starts
        starts += 1
        if starts == 8:
            raise RuntimeError("disk on fire")
        return real_start(ctx, number)

    monkeypatch.setattr(windows, "start", start)
    supervisor = _ctx(hall_db, "supervisor1", clock)
    with pytest.raises(RuntimeError):
        run_live(supervisor, hours=1, numbers=[1, 4, 6], sleep=lambda s: clock.advance(seconds=s))
    assert _open_tickets(hall_db) == 0
    assert set(_window_states(hall_db).values()) == {"closed"}
    with hall_db.read_session() as s:
        end = s.scalars(select(AuditEntry.after).where(
            AuditEntry.action == "simulation_end")).one()
    assert end["error"] == "RuntimeError"
    monkeypatch.setattr(windows, "start", real_start)
    run_live(supervisor, hours=0.25, numbers=[1, 4, 6], sleep=lambda s: clock.advance(seconds=s))


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_a_window_the_supervisor_pauses_leaves_the_run_alone(
        hall_db: Database, clock: FakeClock) -> None:
    """The pause's refusal (exit 18) ended the whole run, with 13 windows left open and 6
    holding tickets; now window 2 stays paused as the supervisor left it, the others play
    to the end and close."""
    from hallapp.services import windows

    supervisor = _ctx(hall_db, "supervisor1", clock)
    sleeps = 0

    def sleep(seconds: float) -> None:
        nonlocal sleeps
        sleeps += 1
        if sleeps == 30:
            windows.pause(supervisor, 2, "临时离开")
        clock.advance(seconds=seconds)

    result = run_live(supervisor, hours=1, numbers=[1, 2, 4], sleep=sleep)
    assert not result.tally.interrupted
    assert set(result.tally.left) == {2}
    assert _window_states(hall_db)[2] == "paused"
    assert {n: s for n, s in _window_states(hall_db).items() if n != 2} == {
        n: "closed" for n in range(1, 15) if n != 2}
    assert _open_tickets(hall_db) == 0
    assert result.tally.called == result.tally.served + result.tally.no_show


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("speed", "hours"), [(30, math.nan), (math.inf, 1), (30, 0),
                                              (30, 25), (-1, 1)])
def test_speed_and_hours_must_be_finite_and_in_range(hall_db: Database, clock: FakeClock,
                                                     speed: float, hours: float) -> None:
    """--hours nan ended in an internal ValueError with the windows left open."""
    with pytest.raises(ValidationError) as refused:
        run_live(_ctx(hall_db, "supervisor1", clock), speed=speed, hours=hours,
                 sleep=lambda s: clock.advance(seconds=s))
    assert refused.value.code == "simulation_speed"
    assert set(_window_states(hall_db).values()) == {"closed"}


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_close_day_before_opening_time_is_refused(hall_db: Database) -> None:
    """Before opening the day close closes the previous hall day: the run's own tickets were
    left waiting ("abandoned": 0) and yesterday was closed instead."""
    early = FakeClock(datetime(2026, 11, 24, 0, 0, tzinfo=UTC))  # 08:00 in Shenzhen
    with pytest.raises(StateError) as refused:
        run_live(_ctx(hall_db, "supervisor1", early), hours=0.25, close_day=True,
                 sleep=lambda s: early.advance(seconds=s))
    assert refused.value.code == "simulation_close_day"
    assert refused.value.facts["closing"] == "2026-11-23"
    with hall_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 0  # refused up front


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_close_day_after_opening_closes_the_runs_own_day(hall_db: Database,
                                                         clock: FakeClock) -> None:
    result = run_live(_ctx(hall_db, "supervisor1", clock), hours=0.5, numbers=[1],
                      close_day=True, sleep=lambda s: clock.advance(seconds=s))
    assert result.abandoned == result.waiting > 0
    with hall_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.state == "waiting")) == 0


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_live_mode_refuses_to_start_while_real_tickets_wait_in_its_queues(
        hall_db: Database, clock: FakeClock) -> None:
    """It called any waiting ticket on its windows and finished it as served: on a real hall
    it would close real applicants' tickets. An earlier run's leftovers are its own kind."""
    from hallapp.services import tickets

    supervisor = _ctx(hall_db, "supervisor1", clock)
    first = run_live(supervisor, hours=0.5, numbers=[1],
                     sleep=lambda s: clock.advance(seconds=s))
    assert first.waiting > 0  # left for the next run: no refusal for those
    tickets.take_ticket(_ctx(hall_db, "kiosk1", clock), "C")
    with pytest.raises(StateError) as refused:
        run_live(supervisor, hours=0.25, numbers=[1, 4],
                 sleep=lambda s: clock.advance(seconds=s))
    assert refused.value.code == "simulation_real_tickets"
    assert refused.value.facts == {"queues": "C", "count": 1}
    assert run_live(supervisor, hours=0.25, numbers=[1, 2],  # A and B only
                    sleep=lambda s: clock.advance(seconds=s)).windows == (1, 2)
