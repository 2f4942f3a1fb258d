"""Cases someone must chase: 容缺 materials owed (due soon, overdue, brought late) and cases
returned to the window (退回) whose clock runs on.

Clock: Tuesday 2026-11-24 09:00 Shanghai. A 容缺 case of a 1- or 3-day item owes its
materials by the closing time of the next working day (Wednesday 25 18:00).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from casekit import (
    PLAIN,
    TOLERANT,
    TOLERANT_3,
    CtxFor,
    accepted_case,
    case_audits,
    ready_case,
)
from conftest import FakeClock

from hallapp.services import (
    backoffice,
    case_clock,
    case_decide,
    case_kpi,
    cases,
    supervisor,
    worklists,
)
from hallapp.store.uow import Database

SH = ZoneInfo("Asia/Shanghai")
DEPARTMENT = "深圳市市场监督管理局"


def _tolerant(ctx_for: CtxFor, item: str = TOLERANT_3, seq: int = 1) -> str:
    owed = {"M04": "missing"} if item == TOLERANT_3 else {"M03": "missing"}
    return accepted_case(ctx_for, item, decision="accept_tolerant", seq=seq, **owed)


def _case_kinds(ctx_for: CtxFor) -> set[str]:
    """The board's alerts about cases (a served ticket's and the calendar's left out)."""
    return {a.kind for a in supervisor.board(ctx_for("supervisor1")).alerts
            if a.kind.startswith(("case_", "supplement_"))}


def _due(ctx_for: CtxFor) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    return [(c.number, c.due, c.state_label, c.timeliness, c.owed)
            for c in worklists.due_cases(ctx_for("supervisor1"))]


def test_owed_materials_are_a_work_list_and_an_alert(ctx_for: CtxFor,
                                                     clock: FakeClock) -> None:
    """The supplement due date was read by no list and no alert: an approved_tolerant case
    whose applicant never came back stayed withheld, unseen, for ever."""
    number = _tolerant(ctx_for)  # decision due Friday 27: not yet in the warning period
    assert _due(ctx_for) == [(number, "supplement", "容缺材料待补齐", "warning", ("M04",))]
    [row] = worklists.due_cases(ctx_for("supervisor1"))
    assert (row.deadline, row.working_days_left) == (datetime(2026, 11, 25, 18, tzinfo=SH), 1)
    assert "supplement_warning" in _case_kinds(ctx_for)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    assert backoffice.approve(approver, number).state == "approved_tolerant"
    clock.advance(days=2)  # Thursday 26: one day past the supplement due date
    assert _due(ctx_for) == [(number, "supplement", "容缺材料待补齐", "overdue", ("M04",))]
    assert worklists.due_cases(ctx_for("supervisor1"), include_warning=False) != ()
    assert "supplement_overdue" in _case_kinds(ctx_for)
    case_clock.supply_supplement(ctx_for("clerk1"), number, ["M04"])
    assert _due(ctx_for) == []
    assert _case_kinds(ctx_for) == set()


def test_a_case_owing_materials_and_near_its_deadline_is_listed_for_both(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    number = _tolerant(ctx_for, TOLERANT)  # decision and supplement both due Wednesday
    assert [(n, due) for n, due, *_ in _due(ctx_for)] == [(number, "decision"),
                                                          (number, "supplement")]
    alerts = supervisor.board(ctx_for("supervisor1")).alerts
    assert {(a.kind, a.message) for a in alerts
            if a.kind.startswith(("case_", "supplement_"))} == {
        ("case_warning", f"{DEPARTMENT}：1 件办件临近办结期限"),
        ("supplement_warning", f"{DEPARTMENT}：1 件容缺办件临近补齐期限")}


def test_a_late_supplement_is_taken_and_recorded_as_late(hall_db: Database, ctx_for: CtxFor,
                                                         clock: FakeClock) -> None:
    """Brought 17 days late, the material was taken as if on time: nothing told it apart."""
    on_time, late = _tolerant(ctx_for, seq=1), _tolerant(ctx_for, seq=2)
    approver = ctx_for("approver_szamr")
    for number in (on_time, late):
        backoffice.claim(approver, number)
        backoffice.approve(approver, number)
    case_clock.supply_supplement(ctx_for("clerk1"), on_time, ["M04"])
    clock.advance(days=17)
    info = case_clock.supply_supplement(ctx_for("clerk1"), late, ["M04"])
    assert (info.state, info.owed) == ("approved", ())  # still taken: the applicant is here
    assert info.opinion == "补齐容缺材料：M04（逾期补齐，补齐期限为 2026-11-25）"
    facts = {}
    for number in (on_time, late):
        case = cases.show_case(ctx_for("supervisor1"), number).case
        [entry] = [after for action, _, _, after in case_audits(hall_db, case.id)
                   if action == "case_supply_supplement"]
        facts[number] = (entry["supplied"], entry["late"])
    assert facts == {on_time: (["M04"], False), late: (["M04"], True)}


def test_a_correction_of_the_owed_material_supplies_it(hall_db: Database, ctx_for: CtxFor,
                                                       clock: FakeClock) -> None:
    """The approver asked for the owed material itself as a 补正: supplying it left it owed,
    and the approval still withheld the result for it (approved_tolerant, M04 owed)."""
    number = _tolerant(ctx_for)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.request_correction(approver, number, "请提交食品安全规章制度", ["M04"])
    clock.advance(hours=1)
    info = case_clock.supply_correction(ctx_for("clerk1"), number)
    assert info.owed == ()
    assert info.opinion == "补正材料已提交（窗口）；补齐容缺材料：M04"
    [after] = [a for action, _, _, a in case_audits(hall_db, info.id)
               if action == "case_supply_correction"]
    assert (after["supplied"], after["late"]) == (["M04"], False)
    backoffice.claim(approver, number)
    assert backoffice.approve(approver, number).state == "approved"


def test_a_returned_case_stays_due_while_its_clock_runs(ctx_for: CtxFor,
                                                        clock: FakeClock) -> None:
    """退回 to the window, a case accepted on Tuesday and due Wednesday was 'received' with
    no deadline state, on no due list and in no alert, while it ran overdue."""
    number = accepted_case(ctx_for, PLAIN)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.return_to_front(approver, number, "材料需窗口重新核验")
    clock.advance(days=2)  # Thursday 26
    info = cases.show_case(ctx_for("supervisor1"), number).case
    assert (info.state, info.state_label, info.timeliness) == ("received", "退回待重新受理",
                                                               "overdue")
    assert _due(ctx_for) == [(number, "decision", "退回待重新受理", "overdue", ())]
    assert "case_overdue" in _case_kinds(ctx_for)
    [dept] = [d for d in case_kpi.case_figures(ctx_for("supervisor1"), clock.now.date()
                                                ).open_by_department if d.department == "SZAMR"]
    assert (dept.open, dept.overdue) == (1, 1)
    info = case_decide.decide(ctx_for("clerk1"), number, "accept").case
    assert (info.state_label, info.timeliness) == ("已受理", "overdue")
    assert _due(ctx_for) == [(number, "decision", "已受理", "overdue", ())]


def test_a_case_received_and_never_accepted_is_no_ones_due(ctx_for: CtxFor,
                                                           clock: FakeClock) -> None:
    number = ready_case(ctx_for, PLAIN)
    clock.advance(days=5)
    info = cases.show_case(ctx_for("supervisor1"), number).case
    assert (info.state_label, info.timeliness) == ("已收件", None)
    assert _due(ctx_for) == []
