"""The back office: queue, claim, decisions, corrections, special procedures, deadlines.

Clock: Tuesday 2026-11-24 09:00 Shanghai unless a test moves it. One demo database per
module and engine (casekit.shared_database); each test works on its own cases.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from casekit import (
    COMMITMENT,
    PLAIN,
    PROMISED_AUTO,
    TOLERANT,
    TOLERANT_3,
    CtxFor,
    accepted_case,
    claim_worker,
    ready_case,
    second_approver,
    shared_database,
    transitions,
)
from conftest import ENGINES, FakeClock
from sqlalchemy import select

from hallapp.core.errors import PermissionDenied, RuleViolation, StateError, ValidationError
from hallapp.core.masking import mask_id_number
from hallapp.services import (
    backoffice,
    blacklist,
    case_clock,
    case_decide,
    case_kpi,
    cases,
    delivery,
    worklists,
)
from hallapp.store.models import AuditEntry, BlacklistEntry, Case
from hallapp.store.uow import Database

SH = ZoneInfo("Asia/Shanghai")
MORTGAGE_RELEASE = "440300000000069392144003"  # 不动产抵押权注销登记: 1 hour, SZPNR, queue B


@pytest.fixture(scope="module", params=ENGINES)
def hall_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from shared_database(request)


def _at(clock: FakeClock, *args: int) -> None:
    clock.now = datetime(*args, tzinfo=SH)  # type: ignore[misc]


def test_queue_is_per_department_and_sorted_by_urgency(ctx_for: CtxFor) -> None:
    slow = accepted_case(ctx_for, TOLERANT_3, seq=11)  # 3 working days → Friday
    fast = accepted_case(ctx_for, PLAIN, seq=12)  # 1 working day → Wednesday
    approver = ctx_for("approver_szamr")
    queue = [c for c in backoffice.review_queue(approver) if c.number in (slow, fast)]
    assert [c.number for c in queue] == [fast, slow]
    assert [(c.timeliness, c.remaining_working_days) for c in queue] == [("warning", 1),
                                                                        ("normal", 3)]
    assert backoffice.review_queue(ctx_for("approver_szpnr"), "SZPNR") is not None
    assert fast not in [c.number for c in backoffice.review_queue(ctx_for("approver_szpnr"))]
    with pytest.raises(PermissionDenied, match="本部门"):
        backoffice.review_queue(ctx_for("approver_szpnr"), "SZAMR")
    with pytest.raises(PermissionDenied, match="不属于本部门"):
        backoffice.claim(ctx_for("approver_szpnr"), fast)
    with pytest.raises(PermissionDenied, match="不属于本部门"):
        backoffice.show_for_review(ctx_for("approver_szpnr"), fast)
    with pytest.raises(PermissionDenied):
        backoffice.claim(ctx_for("clerk1"), fast)


def test_one_approver_at_a_time(hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=13)
    first, second = ctx_for("approver_szamr"), second_approver(hall_db, clock)
    assert backoffice.claim(first, number).claimed_by == "approver_szamr"
    with pytest.raises(StateError, match="林志强"):
        backoffice.claim(second, number)
    with pytest.raises(StateError, match="林志强"):
        backoffice.approve(second, number)
    backoffice.release(first, number)
    assert backoffice.claim(second, number).claimed_by == "approver_szamr_b"
    info = backoffice.approve(second, number, "符合条件")
    assert (info.state, info.outcome, info.opinion) == ("approved", "early", "符合条件")
    steps = [t[1:] for t in transitions(hall_db, info.id)][2:]
    assert steps == [("claim", "in_review", "approver_szamr"),
                     ("release", "accepted", "approver_szamr"),
                     ("claim", "in_review", "approver_szamr_b"),
                     ("approve", "approved", "approver_szamr_b")]


def test_two_processes_racing_never_both_claim(hall_db: Database, ctx_for: CtxFor,
                                               clock: FakeClock) -> None:
    numbers = [accepted_case(ctx_for, PLAIN, seq=20 + i) for i in range(4)]
    second_approver(hall_db, clock)
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    procs = [spawn.Process(target=claim_worker,
                           args=(hall_db.url, user, numbers, clock.now, barrier, results))
             for user in ("approver_szamr", "approver_szamr_b")]
    for p in procs:
        p.start()
    won = dict(results.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert sorted(won["approver_szamr"] + won["approver_szamr_b"]) == sorted(numbers)
    with hall_db.read_session() as s:
        rows = {c.number: c for c in s.scalars(select(Case).where(Case.number.in_(numbers)))}
    for number in numbers:
        steps = [t[1] for t in transitions(hall_db, rows[number].id)]
        assert steps == ["open", "accept", "claim", "approve"], number
        winner = "approver_szamr" if number in won["approver_szamr"] else "approver_szamr_b"
        assert transitions(hall_db, rows[number].id)[-1][3] == winner


def test_correction_stops_the_clock_and_counts_a_visit(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=14)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    clock.advance(hours=1)  # Tue 10:00
    with pytest.raises(ValidationError):
        case_clock.request_correction(approver, number, "  ")
    info = case_clock.request_correction(approver, number, "营业执照复印件不清晰", ["M02"])
    assert (info.state, info.claimed_by) == ("correction_requested", None)
    assert info.stopped_since is not None
    _at(clock, 2026, 11, 26, 10)  # Thursday: the deadline shown moves with the stop
    assert cases.show_case(ctx_for("clerk1"), number).case.deadline == \
        datetime(2026, 11, 27, 18, tzinfo=SH)
    with pytest.raises(PermissionDenied):
        case_clock.supply_correction(ctx_for("supervisor1"), number)
    info = case_clock.supply_correction(ctx_for("clerk1"), number)
    # stop Tue 10:00 → Thu 10:00 touches Wed and Thu (Tuesday, the day of acceptance, the
    # limit does not count): 1 + 2 after Tuesday = Friday
    assert info.deadline == datetime(2026, 11, 27, 18, tzinfo=SH)
    assert (info.state, info.visits, info.stopped_since) == ("corrected", 2, None)
    m02 = next(m for m in cases.show_case(ctx_for("clerk1"), number).materials
               if m.code == "M02")
    assert m02.status == "received"
    backoffice.claim(approver, number)
    assert backoffice.approve(approver, number).outcome == "early"


def test_online_correction_and_special_procedure(ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, TOLERANT_3, seq=15)  # due Friday 11-27
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.start_special(approver, number, "需现场核查经营场所")
    _at(clock, 2026, 11, 25, 17)
    with pytest.raises(StateError):
        backoffice.approve(approver, number)
    info = case_clock.end_special(approver, number, "核查合格")
    assert info.deadline == datetime(2026, 11, 30, 18, tzinfo=SH)  # + Wed (Tue: accepted)
    case_clock.request_correction(approver, number, "补充平面图")
    _at(clock, 2026, 11, 26, 10)
    info = case_clock.supply_correction_online(approver, number)
    assert info.visits == 1
    # Stops Tue 09:00–Wed 17:00 and Wed 17:00–Thu 10:00 merge: Wed, Thu → 3 + 2 days.
    assert info.deadline == datetime(2026, 12, 1, 18, tzinfo=SH)


def test_overdue_cases_conclude_late(ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=16)  # due Wed 18:00
    _at(clock, 2026, 11, 26, 9)
    approver = ctx_for("approver_szamr")
    row = next(c for c in backoffice.review_queue(approver) if c.number == number)
    assert (row.timeliness, row.remaining_working_days) == ("overdue", -1)
    backoffice.claim(approver, number)
    assert backoffice.approve(approver, number).outcome == "late"


def test_a_correction_asked_once_overdue_leaves_the_case_late(ctx_for: CtxFor,
                                                               clock: FakeClock) -> None:
    """A 补正 requested on a case already overdue moved its deadline to the day the
    correction came in, and the approval was graded on time (the tester's t3)."""
    number = accepted_case(ctx_for, PLAIN, seq=43)  # due Wed 25 18:00
    approver = ctx_for("approver_szamr")
    _at(clock, 2026, 11, 26, 10)  # Thursday: overdue
    backoffice.claim(approver, number)
    stopped = case_clock.request_correction(approver, number, "请补充清税证明原件")
    assert (stopped.deadline, stopped.timeliness) == (datetime(2026, 11, 25, 18, tzinfo=SH),
                                                      "overdue")
    _at(clock, 2026, 11, 27, 10)
    info = case_clock.supply_correction(ctx_for("clerk1"), number)
    assert (info.deadline, info.timeliness) == (datetime(2026, 11, 25, 18, tzinfo=SH),
                                                "overdue")
    _at(clock, 2026, 11, 27, 11)
    backoffice.claim(approver, number)
    assert backoffice.approve(approver, number).outcome == "late"


def test_deny_then_result_by_express(ctx_for: CtxFor) -> None:
    approver = ctx_for("approver_szamr")
    plain = accepted_case(ctx_for, PLAIN, seq=17)
    backoffice.claim(approver, plain)
    with pytest.raises(ValidationError, match="法律依据"):
        backoffice.deny(approver, plain, "不符合条件", " ")
    info = backoffice.deny(approver, plain, "住所不符合要求", "《市场主体登记管理条例》第十一条")
    assert (info.state, info.decision) == ("denied", "deny")
    backoffice.mark_ready(approver, plain)
    from hallapp.services import delivery

    with pytest.raises(RuleViolation, match="不提供快递"):
        delivery.deliver_express(ctx_for("clerk1"), plain, "SF1234567890")
    number = accepted_case(ctx_for, TOLERANT, seq=18)
    backoffice.claim(approver, number)
    backoffice.approve(approver, number)
    with pytest.raises(StateError, match="不能执行"):
        delivery.deliver_express(ctx_for("clerk1"), number, "SF1234567890")
    delivery.mark_ready_at_window(ctx_for("clerk1"), number)
    with pytest.raises(ValidationError, match="快递单号"):
        delivery.deliver_express(ctx_for("clerk1"), number, "x")
    info = delivery.deliver_express(ctx_for("clerk1"), number, "SF1234567890", carrier="顺丰")
    assert info.state == "delivered"
    assert info.delivery == {"method": "express", "carrier": "顺丰", "tracking": "SF1234567890",
                             "address": None}
    assert info.visits == 1


def test_tolerant_result_is_withheld_until_supplied(ctx_for: CtxFor, clock: FakeClock) -> None:
    number = ready_case(ctx_for, TOLERANT, seq=19, M03="missing")
    case_decide.decide(ctx_for("clerk1"), number, "accept_tolerant")
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    assert backoffice.approve(approver, number).state == "approved_tolerant"
    with pytest.raises(StateError, match="容缺批准"):
        backoffice.mark_ready(approver, number)
    with pytest.raises(ValidationError, match="不是本办件容缺待补"):
        case_clock.supply_supplement(ctx_for("clerk1"), number, ["M01"])
    info = case_clock.supply_supplement(ctx_for("clerk1"), number, ["M03"], online=True)
    assert (info.state, info.owed, info.visits) == ("approved", (), 1)
    early = ready_case(ctx_for, TOLERANT_3, seq=19, M04="missing")
    case_decide.decide(ctx_for("clerk1"), early, "accept_tolerant")
    clock.advance(days=1)
    info = case_clock.supply_supplement(ctx_for("clerk1"), early, ["M04"])
    assert (info.state, info.owed, info.visits) == ("accepted", (), 2)
    backoffice.claim(approver, early)
    assert backoffice.approve(approver, early).state == "approved"


def test_return_to_front_keeps_the_first_acceptance(ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=21)
    approver = ctx_for("approver_szamr")
    first = backoffice.claim(approver, number).accepted_at
    clock.advance(hours=2)
    info = backoffice.return_to_front(approver, number, "事项选择错误，请窗口重新审核")
    assert (info.state, info.claimed_by) == ("received", None)
    info = case_decide.decide(ctx_for("clerk1"), number, "accept").case
    assert info.accepted_at == first
    assert info.deadline == datetime(2026, 11, 25, 18, tzinfo=SH)


def test_false_commitment_revokes_and_blacklists(hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, COMMITMENT, seq=31, M05="commitment")
    case_decide.decide(ctx_for("clerk1"), number, "accept_commitment")
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.approve(approver, number)
    with pytest.raises(PermissionDenied):
        blacklist.revoke_for_false_commitment(ctx_for("clerk1"), number, "住所虚假")
    plain = accepted_case(ctx_for, PLAIN, seq=32)
    backoffice.claim(approver, plain)
    backoffice.approve(approver, plain)
    with pytest.raises(RuleViolation, match="没有以告知承诺代替"):
        blacklist.revoke_for_false_commitment(ctx_for("supervisor1"), plain, "无")
    info = blacklist.revoke_for_false_commitment(ctx_for("supervisor1"), number,
                                                 "核查发现住所承诺虚假")
    assert info.state == "revoked"
    with hall_db.read_session() as s:
        entry = s.scalars(select(BlacklistEntry).where(
            BlacklistEntry.case_id == info.id)).one()
    assert entry.subject_id == info.applicant_id
    assert number in entry.source
    with hall_db.read_session() as s:  # supervisors read the log: the number masked there
        logged = s.scalars(select(AuditEntry).where(AuditEntry.action == "blacklist_add")).one()
    assert logged.after["subject_id"] == mask_id_number(info.applicant_id) != info.applicant_id
    again = ready_case(ctx_for, COMMITMENT, seq=31, M05="commitment")
    with pytest.raises(RuleViolation, match="失信名单"):
        case_decide.decide(ctx_for("clerk1"), again, "accept_commitment")
    removed = blacklist.remove_entry(ctx_for("admin1"), entry.id, "信用修复")
    assert not removed.active
    assert case_decide.decide(ctx_for("clerk1"), again, "accept_commitment").case.state == \
        "accepted"


@pytest.mark.parametrize(("when", "item", "due"), [
    # 2026 Spring Festival: 02-15..02-23 off, Saturday 02-14 worked.
    ((2026, 2, 13, 10), TOLERANT_3, (2026, 2, 25, 18)),
    # 2025 National Day: Sunday 09-28 is a make-up workday; 10-01..10-08 off.
    ((2025, 9, 26, 10), PLAIN, (2025, 9, 28, 18)),
    ((2025, 9, 30, 10), PLAIN, (2025, 10, 9, 18)),
    # Year boundary: 2026-01-01..01-03 off, Sunday 01-04 worked.
    ((2025, 12, 31, 10), TOLERANT_3, (2026, 1, 6, 18)),
])
def test_deadlines_across_holidays(ctx_for: CtxFor, clock: FakeClock,
                                   when: tuple[int, ...], item: str,
                                   due: tuple[int, ...]) -> None:
    _at(clock, *when)
    number = accepted_case(ctx_for, item, seq=40)
    info = cases.show_case(ctx_for("clerk1"), number).case
    assert info.deadline == datetime(*due, tzinfo=SH)  # type: ignore[misc]


def test_correction_over_the_spring_festival_and_an_hour_limit(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    _at(clock, 2026, 2, 12, 9)
    number = accepted_case(ctx_for, PLAIN, seq=41)  # due Friday 02-13
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    _at(clock, 2026, 2, 13, 10)
    case_clock.request_correction(approver, number, "补正")
    _at(clock, 2026, 2, 24, 10)
    info = case_clock.supply_correction(ctx_for("clerk1"), number)
    # The stop touched Fri 02-13, the make-up Saturday 02-14 and Tue 02-24: + 3 days.
    assert info.deadline == datetime(2026, 2, 25, 18, tzinfo=SH)
    _at(clock, 2026, 11, 24, 11, 30)
    hourly = accepted_case(ctx_for, MORTGAGE_RELEASE, window=3, seq=42)
    due = cases.show_case(ctx_for("clerk3"), hourly).case.deadline
    assert due == datetime(2026, 11, 24, 14, 30, tzinfo=SH)  # 30 min before lunch, 30 after


def test_a_decided_case_waits_in_its_departments_queue_until_its_result_is_made(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """A 秒批 case, or any approved one, was in no queue: 制证完成 was never done and the
    window's 出件 was refused weeks later. The department keeps it after its open cases."""
    auto = ready_case(ctx_for, PROMISED_AUTO, window=4, seq=71, status="verified_online")
    assert case_decide.decide(ctx_for("clerk4"), auto, "accept").auto_approved
    hrss = ctx_for("approver_szhrss")
    waiting = accepted_case(ctx_for, PROMISED_AUTO, window=4, seq=72)  # not all online
    queue = [c for c in backoffice.review_queue(hrss) if c.number in (auto, waiting)]
    assert [(c.number, c.state) for c in queue] == [(waiting, "accepted"), (auto, "approved")]
    assert auto not in [c.number for c in backoffice.review_queue(ctx_for("approver_szamr"))]
    _at(clock, 2026, 12, 14, 10)  # three weeks later: still there
    assert auto in [c.number for c in backoffice.review_queue(hrss)]
    assert backoffice.mark_ready(hrss, auto).state == "result_ready"
    assert auto not in [c.number for c in backoffice.review_queue(hrss)]
    proof = cases.show_case(ctx_for("clerk1"), auto).case.qr_payload
    assert delivery.deliver(ctx_for("clerk1"), auto, proof).state == "delivered"


def test_a_stopped_clock_is_shown_stopped_and_kept_off_the_due_lists(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """A case awaiting its 补正 sat in "warning" for as long as it waited: its projected
    deadline moved on with the time, so it was always a day away (the walkthrough's find)."""
    number = accepted_case(ctx_for, PLAIN, seq=44)  # due Wed 25 18:00
    approver, sup = ctx_for("approver_szamr"), ctx_for("supervisor1")
    backoffice.claim(approver, number)
    _at(clock, 2026, 11, 24, 10)
    case_clock.request_correction(approver, number, "营业执照复印件不清晰")
    for day in (25, 26, 30):  # nobody in the hall can act on it: frozen as it stopped
        _at(clock, 2026, 11, day, 10)
        info = cases.show_case(ctx_for("clerk1"), number).case
        assert (info.timeliness, info.remaining_working_days) == ("stopped", 1)
        row = next(c for c in backoffice.review_queue(approver) if c.number == number)
        assert (row.timeliness, row.remaining_working_days) == ("stopped", 1)
        assert number not in {c.number for c in worklists.due_cases(sup)}
    stopped = _szamr_open(ctx_for)
    info = case_clock.supply_correction(ctx_for("clerk1"), number)  # Mon 30: graded again
    assert (info.timeliness, info.remaining_working_days) == ("warning", 1)
    assert number in {c.number for c in worklists.due_cases(sup)}
    running = _szamr_open(ctx_for)
    assert (running.open, running.warning) == (stopped.open, stopped.warning + 1)


def _szamr_open(ctx_for: CtxFor) -> case_kpi.DepartmentOpen:
    figures = case_kpi.case_figures(ctx_for("supervisor1"), date(2026, 11, 24),
                                    date(2026, 11, 30))
    return next(d for d in figures.open_by_department if d.department == "SZAMR")
