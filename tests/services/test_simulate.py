"""Simulator against a real hall: calibration from stored history, live mode, the CLI."""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FakeClock, actor_for
from sqlalchemy import select

from hallapp.cli.main import main
from hallapp.core.errors import ValidationError
from hallapp.services import simulate
from hallapp.services.context import Ctx
from hallapp.store.models import (
    Case,
    Department,
    Hall,
    Queue,
    ServiceItem,
    ServiceRecord,
    Ticket,
    Window,
)
from hallapp.store.uow import Database

SH = ZoneInfo("Asia/Shanghai")
TARGET_DAY = date(2026, 11, 24)  # a Tuesday; history: the 8 Tuesdays before
RATES = {9: 12.0, 10: 20.0, 11: 6.0, 14: 10.0, 15: 16.0}  # queue C, per hour
ITEM = "440300000000455759612002"  # 社会保障卡补换 (queue C, 即办件, norm 10 min)
MEDIAN, SIGMA = 420.0, 0.35  # seconds; not the catalogue norm, so fitting must find it
GREEN, APPOINTMENT, NOSHOW = 0.10, 0.20, 0.06
DECISIONS = {"on_spot": 0.6, "accept": 0.25, "notify_missing": 0.15}


def _ctx(db: Database, username: str, clock: Callable[[], datetime]) -> Ctx:
    return Ctx(db, actor_for(db, username), clock=clock, terminal="test")


def _poisson(rng: random.Random, lam: float) -> int:
    n, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p < limit:
            return n
        n += 1


def _ticket(hall: Hall, queue: Queue, on: date, serial: int, at: datetime,
            rng: random.Random) -> tuple[Ticket, float | None]:
    noshow = rng.random() < NOSHOW
    wait = timedelta(seconds=rng.uniform(0, 600))
    service = None if noshow else rng.lognormvariate(math.log(MEDIAN), SIGMA)
    t = Ticket(hall_id=hall.id, queue_id=queue.id, origin_queue_id=queue.id, hall_day=on,
               serial=serial, number=f"C{serial:03d}", state="no_show" if noshow else "done",
               channel="kiosk", priority="elderly" if rng.random() < GREEN else None,
               item_code=ITEM, taken_at=at, order_at=at,
               appointment=rng.random() < APPOINTMENT, transferred=False, recalls=0,
               call_count=1, called_at=at + wait, first_called_at=at + wait)
    if service is not None:
        t.started_at, t.finished_at = at + wait, at + wait + timedelta(seconds=service)
        t.closed_at = t.finished_at
    return t, service


def _case(ticket: Ticket, item: ServiceItem, dept: int, n: int, decision: str) -> Case:
    return Case(number=f"SIM-{n:06d}", verification="000000", hall_id=ticket.hall_id,
                item_id=item.id, department_id=dept, ticket_id=ticket.id, state="received",
                applicant_kind="person", applicant_name="测试", applicant_id="X",
                materials=[], decision=decision, received_at=ticket.started_at, pauses=[],
                visits=1, in_person=True, version=1, auto_approved=False)


def _history(db: Database, skip: frozenset[date] = frozenset()) -> int:
    """Eight Tuesdays of queue C tickets, service records and cases, drawn with known laws
    (none on the days in ``skip``)."""
    rng, count = random.Random(42), 0
    with db.write_session() as s:
        hall = s.scalars(select(Hall)).one()
        queue = s.scalars(select(Queue).where(Queue.code == "C")).one()
        window = s.scalars(select(Window).where(Window.number == 4)).one()
        item = s.scalars(select(ServiceItem).where(ServiceItem.code == ITEM)).one()
        dept = s.scalars(select(Department.id)).first()
        assert dept is not None
        for on in simulate.same_weekdays(TARGET_DAY, 8):
            if on in skip:
                continue
            serial = 0
            for hour, rate in RATES.items():
                for _ in range(_poisson(rng, rate)):
                    serial += 1
                    local = datetime.combine(on, time(hour), SH) + timedelta(
                        seconds=rng.uniform(0, 3599))
                    t, service = _ticket(hall, queue, on, serial, local.astimezone(UTC), rng)
                    s.add(t)
                    s.flush()
                    if service is None:
                        continue
                    s.add(ServiceRecord(ticket_id=t.id, queue_id=queue.id, window_id=window.id,
                                        started_at=t.started_at, finished_at=t.finished_at,
                                        outcome="done"))
                    count += 1
                    choice = rng.choices(list(DECISIONS), list(DECISIONS.values()))[0]
                    s.add(_case(t, item, dept, count, choice))
        s.commit()
    return count


def test_calibration_recovers_known_parameters(hall_db: Database, clock: FakeClock) -> None:
    served = _history(hall_db)
    profile = simulate.calibrate(_ctx(hall_db, "supervisor1", clock), TARGET_DAY, weeks=8)
    assert re.fullmatch(r"history \d{4}-\d\d-\d\d…\d{4}-\d\d-\d\d", profile.source)
    assert profile.days == 8
    c = profile.queue("C")
    for hour, rate in RATES.items():  # 8 days: sd of the mean rate = √(rate/8) ≤ 1.6/h
        assert c.hourly[hour] == pytest.approx(rate, abs=3.5 * math.sqrt(rate / 8))
    assert c.hourly[12] == 0
    assert c.green_share == pytest.approx(GREEN, abs=0.04)
    assert c.appointment_share == pytest.approx(APPOINTMENT, abs=0.05)
    assert c.noshow_share == pytest.approx(NOSHOW, abs=0.03)
    assert c.patience_minutes is None  # nobody left unserved in this history
    item = profile.items[ITEM]
    assert item.service.minutes * 60 == pytest.approx(MEDIAN, rel=0.06)
    assert item.service.sigma == pytest.approx(SIGMA, abs=0.04)
    on_spot, accepted, notified = item.decisions
    assert on_spot == pytest.approx(0.6, abs=0.08)
    assert accepted == pytest.approx(0.25, abs=0.08)
    assert notified == pytest.approx(0.15, abs=0.06)
    assert item.intake == pytest.approx(1.0)
    assert [code for code, _ in c.items] == [ITEM]  # the mix: every ticket was for ITEM
    assert c.items[0][1] >= served
    # No ticket for A in a history long enough: nobody came (it kept the demo's arrivals,
    # and the planner staffed a queue nobody used); its other parameters stay the demo's.
    a = profile.queue("A")
    assert a == replace(simulate.demo_profile().queue("A"), target_wait_minutes=20.0,
                        hourly=(0.0,) * 24)


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_a_holiday_in_the_period_is_not_a_day_without_applicants(
        hall_db: Database, clock: FakeClock) -> None:
    """2026-10-06, a Tuesday of the National Day holiday, counted as a day with nobody:
    every rate lost an eighth and the planner said "8 天" where 7 had tickets."""
    holiday = date(2026, 10, 6)
    _history(hall_db, skip=frozenset({holiday}))
    profile = simulate.calibrate(_ctx(hall_db, "supervisor1", clock), TARGET_DAY, weeks=8)
    assert profile.days == 7
    with hall_db.read_session() as s:
        taken = [t.astimezone(SH).hour for t in s.scalars(select(Ticket.taken_at))]
    for hour in RATES:
        assert profile.queue("C").hourly[hour] == pytest.approx(taken.count(hour) / 7)


def test_hall_without_history_gets_the_demo_profile(hall_db: Database,
                                                     clock: FakeClock) -> None:
    profile = simulate.calibrate(_ctx(hall_db, "supervisor1", clock), TARGET_DAY)
    assert profile.source == "demo 0/50"  # no Chinese: the planner words it per language
    demo = simulate.demo_profile()
    assert [q.code for q in profile.queues] == sorted(q.code for q in demo.queues)
    assert profile.periods == demo.periods
    plan = simulate.hall_plan(_ctx(hall_db, "supervisor1", clock), profile)
    assert len(plan.profiles) == 14
    assert plan.window_hours() == 14 * len(profile.hours())


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
@pytest.mark.parametrize("weeks", [0, -3, simulate.MAX_WEEKS + 1, 200000])
def test_calibration_refuses_weeks_out_of_bounds(hall_db: Database, clock: FakeClock,
                                                 weeks: int) -> None:
    """0 or −3 weeks read no history and quietly gave the demo profile; 200000 ended in an
    OverflowError (an internal error) in the date arithmetic."""
    with pytest.raises(ValidationError) as refused:
        simulate.calibrate(_ctx(hall_db, "supervisor1", clock), TARGET_DAY, weeks=weeks)
    assert (refused.value.code, refused.value.field) == ("simulation_weeks", "weeks")


def test_calibration_is_for_the_halls_today_by_default(
        hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not the machine's date: at 17:00 UTC it is already tomorrow in Shenzhen."""
    late = FakeClock(datetime(2026, 11, 24, 17, 0, tzinfo=UTC))
    asked: list[date] = []
    monkeypatch.setattr(simulate, "same_weekdays",
                        lambda day_, weeks: asked.append(day_) or [day_])
    simulate.calibrate(_ctx(hall_db, "supervisor1", late))
    assert asked == [date(2026, 11, 25)]


def test_cli_run_and_plan_without_a_database(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path
    assert main(["simulate", "plan", "--demo", "--runs", "4", "--out",
                 str(out / "plan.json"), "--json"]) == 0
    planned = json.loads(capsys.readouterr().out)
    assert planned["source"] == "demo"  # the plan said nowhere where its forecast came from
    assert planned["window_hours"] == sum(
        sum(c.values()) for c in planned["plan"]["hours"].values())
    assert main(["simulate", "run", "--demo", "--runs", "3", "--windows",
                 str(out / "plan.json"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["runs"] == 3
    assert report["window_hours"] == planned["window_hours"]
    assert {c["queue"] for c in report["cells"]} == {"A", "B", "C", "D", "E", "F", "Z"}
    assert main(["simulate", "run", "--demo", "--runs", "2"]) == 0
    assert "p90" in capsys.readouterr().out
    assert main(["simulate", "plan", "--demo", "--runs", "2"]) == 0
    assert capsys.readouterr().out.startswith("参数来源 demo\n")
    assert main(["simulate", "run", "--demo", "--runs", "0"]) != 0
    assert "模拟次数" in capsys.readouterr().err
