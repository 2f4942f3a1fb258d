"""Two terminals on one case at once, on PostgreSQL (SQLite's write lock has no such race).

A change made to a case without a transition — the intake checklist's marks, a 容缺
material brought while the case is in the back office — wrote the materials without
bumping the case's version, so a transition decided on what was read before it still
passed its version check: both succeeded. Each now bumps the version in a conditional
UPDATE (``case_common.update_case``), and whichever of the two comes second is refused with
``case_conflict`` ("已被他人处理…请刷新后重试"), nothing written; done again, it is judged
on the case as it now is. The other terminal's action runs between the read and the write
of the one under test (racekit.meanwhile).
"""

from __future__ import annotations

import pytest
from casekit import PLAIN, TOLERANT, CtxFor, ready_case
from racekit import meanwhile

from hallapp.core.errors import StateError
from hallapp.core.intake import MaterialMark
from hallapp.services import backoffice, case_clock, case_decide, cases

pytestmark = pytest.mark.parametrize("engine_name", ["postgresql"])


def _owed(ctx_for: CtxFor, number: str) -> tuple[str, ...]:
    return backoffice.show_for_review(ctx_for("approver_szamr"), number).case.owed


def _in_review_owing_m03(ctx_for: CtxFor) -> str:
    number = ready_case(ctx_for, TOLERANT, M03="missing")
    case_decide.decide(ctx_for("clerk1"), number, "accept_tolerant")
    backoffice.claim(ctx_for("approver_szamr"), number)
    return number


def test_an_approval_decided_before_a_supplement_is_refused(
        ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The approver approves as M03 is brought at a window: the case ended
    ``approved_tolerant`` owing nothing, and stuck there (M03 could not be brought again,
    制证完成 was refused by the state)."""
    number = _in_review_owing_m03(ctx_for)
    approver = ctx_for("approver_szamr")
    supplied = meanwhile(monkeypatch, backoffice, "hall_time", lambda: case_clock.
                         supply_supplement(ctx_for("clerk2"), number, ["M03"]).state)
    with pytest.raises(StateError) as refused:
        backoffice.approve(approver, number)
    assert refused.value.code == "case_conflict"
    assert "请刷新后重试" in refused.value.message
    assert supplied == ["in_review"]
    assert _owed(ctx_for, number) == ()
    assert backoffice.approve(approver, number).state == "approved"  # judged again


def test_a_supplement_read_before_an_approval_is_refused(
        ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    number = _in_review_owing_m03(ctx_for)
    approver = ctx_for("approver_szamr")
    approved = meanwhile(monkeypatch, case_clock, "case_by_ref",
                         lambda: backoffice.approve(approver, number).state, after=True)
    with pytest.raises(StateError) as refused:
        case_clock.supply_supplement(ctx_for("clerk2"), number, ["M03"])
    assert refused.value.code == "case_conflict"
    assert approved == ["approved_tolerant"]
    assert _owed(ctx_for, number) == ("M03",)
    # Brought again, it releases the withheld result.
    assert case_clock.supply_supplement(ctx_for("clerk2"), number, ["M03"]).state == "approved"


def test_an_acceptance_decided_before_a_core_material_is_marked_missing_is_refused(
        ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second terminal of the same clerk marks M01 missing while 受理 is in flight: the
    case was accepted with a core material missing."""
    number = ready_case(ctx_for, PLAIN, seq=2)
    clerk = ctx_for("clerk1")
    marked = meanwhile(monkeypatch, case_decide, "marks_of", lambda: cases.record_checklist(
        clerk, number, [MaterialMark("M01", "missing")]).outstanding)
    with pytest.raises(StateError) as refused:
        case_decide.decide(clerk, number, "accept")
    assert refused.value.code == "case_conflict"
    assert marked == [("M01",)]
    detail = cases.show_case(clerk, number)
    assert detail.case.state == "received"
    assert [m.status for m in detail.materials if m.code == "M01"] == ["missing"]


def test_a_checklist_read_before_an_acceptance_is_refused(
        ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    number = ready_case(ctx_for, PLAIN, seq=3)
    clerk = ctx_for("clerk1")
    accepted = meanwhile(monkeypatch, cases, "marks_of",
                         lambda: case_decide.decide(clerk, number, "accept").case.state)
    with pytest.raises(StateError) as refused:
        cases.record_checklist(clerk, number, [MaterialMark("M01", "missing")])
    assert refused.value.code == "case_conflict"
    assert accepted == ["accepted"]
    detail = cases.show_case(clerk, number)
    assert detail.case.state == "accepted"
    assert [m.status for m in detail.materials if m.code == "M01"] == ["received"]
