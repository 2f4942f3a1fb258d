"""容缺 materials owed: brought late, or supplied through a 补正.

Clock: Tuesday 2026-11-24 09:00 Shanghai. A 容缺 case of a 1- or 3-day item owes its
materials by the closing time of the next working day (Wednesday 25 18:00).
"""

from __future__ import annotations

from casekit import TOLERANT_3, CtxFor, accepted_case, case_audits
from conftest import FakeClock

from hallapp.services import backoffice, case_clock, cases
from hallapp.store.uow import Database


def _tolerant(ctx_for: CtxFor, item: str = TOLERANT_3, seq: int = 1) -> str:
    owed = {"M04": "missing"} if item == TOLERANT_3 else {"M03": "missing"}
    return accepted_case(ctx_for, item, decision="accept_tolerant", seq=seq, **owed)


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
