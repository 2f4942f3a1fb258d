"""接手办理 (``cases.take_up``): a case waiting at the front desk — returned by the department,
or opened and left undecided — is looked up at a counter and bound to the ticket served
there, the applicant in front, to be checked and decided again. Before, only a checklist mark
or a decision took a returned case over, as a side effect: the counter had no way to open it.
Clock: Tuesday 2026-11-24 09:00 Shanghai. One demo database per engine for the module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from casekit import (
    PLAIN,
    CtxFor,
    accepted_case,
    case_audits,
    open_case,
    person,
    serve,
    shared_database,
)
from conftest import ENGINES
from sqlalchemy import select

from hallapp.core.errors import NotFound, PermissionDenied, StateError
from hallapp.services import backoffice, cases, window_holder, windows
from hallapp.store.models import Case
from hallapp.store.uow import Database


@pytest.fixture(scope="module", params=ENGINES)
def hall_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from shared_database(request)


def _returned(ctx_for: CtxFor, seq: int) -> str:
    number = accepted_case(ctx_for, PLAIN, seq=seq)  # clerk1, window 1
    windows.finish(ctx_for("clerk1"), 1)  # the applicant leaves with the receipt
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.return_to_front(approver, number, "申请表填写有误，请窗口重新核对")
    return number


def _take_overs(db: Database, number: str) -> list[tuple[str, object]]:
    with db.read_session() as s:
        case_id = s.scalar(select(Case.id).where(Case.number == number))
    assert case_id is not None
    return [(actor, after) for action, actor, _b, after in case_audits(db, case_id)
            if action == "case_take_over"]


def test_a_returned_case_is_taken_up_for_the_ticket_served_and_audited(
        hall_db: Database, ctx_for: CtxFor) -> None:
    number = _returned(ctx_for, 91)
    clerk2 = ctx_for("clerk2")
    if windows.window_state(clerk2, 2).ticket is not None:
        windows.finish(clerk2, 2)
    with pytest.raises(StateError) as refused:  # nobody in front of clerk2 yet
        cases.take_up(clerk2, number, 2)
    assert refused.value.code == "no_serving_ticket"
    assert _take_overs(hall_db, number) == []
    serve(ctx_for, 2)  # the applicant is called to window 2
    served = windows.window_state(clerk2, 2).ticket
    assert served is not None
    detail = cases.take_up(clerk2, number, 2)
    assert (detail.case.state, detail.case.window, detail.case.ticket) == (
        "received", 2, served.number)
    assert _take_overs(hall_db, number) == [
        ("clerk2", {"number": number, "clerk": "clerk2", "window": 2,
                    "ticket": served.number})]
    cases.take_up(clerk2, number, 2)  # already in hand here: nothing changes
    assert len(_take_overs(hall_db, number)) == 1
    serve(ctx_for, 3)
    with pytest.raises(PermissionDenied) as in_hand:  # the applicant is at window 2
        cases.take_up(ctx_for("clerk3"), number, 3)
    assert (in_hand.value.code, in_hand.value.facts["window"]) == ("case_in_hand", 2)
    with pytest.raises(PermissionDenied) as other:  # clerk2 cannot act at window 3
        cases.take_up(clerk2, number, 3)
    assert other.value.code == "not_your_window"


def test_a_case_past_intake_or_unknown_is_not_taken_up(hall_db: Database,
                                                     ctx_for: CtxFor) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=92)  # in the department's queue
    with pytest.raises(StateError) as refused:
        cases.take_up(ctx_for("clerk1"), number, 1)
    assert (refused.value.code, refused.value.facts["state"]) == (
        "take_up_wrong_state", "accepted")
    assert "不在收件环节" in str(refused.value)
    with pytest.raises(NotFound):
        cases.take_up(ctx_for("clerk1"), "SZFT-20261124-99999", 1)


def test_an_undecided_case_of_a_ticket_gone_is_taken_up_by_its_applicants_new_ticket(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """Opened, not decided, its ticket finished (the applicant went for a missing paper and
    came back on a new number): the new ticket takes it up, not a second case."""
    detail = open_case(ctx_for, PLAIN, seq=93)
    clerk1 = ctx_for("clerk1")
    windows.finish(clerk1, 1)
    serve(ctx_for, 1)
    served = windows.window_state(clerk1, 1).ticket
    assert served is not None
    taken = cases.take_up(clerk1, detail.case.number, 1)
    assert (taken.case.state, taken.case.ticket) == ("received", served.number)


def test_taking_up_or_in_at_a_window_the_clerk_does_not_hold_is_refused(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """Window 4 freed by the supervisor with its ticket in service: clerk4, holding no window,
    took a case in there, and 接手办理 looked for the window clerk4 held and said to call a
    ticket first. Now both ask clerk4 to take the window over first."""
    number = _returned(ctx_for, 94)
    serve(ctx_for, 4)
    clerk4 = ctx_for("clerk4")
    window_holder.assign_window(ctx_for("supervisor1"), 4, None, "临时空出")
    for act in (lambda: cases.take_up(clerk4, number, 4),
                lambda: cases.open_case(clerk4, 4, PLAIN, person(95))):
        with pytest.raises(StateError) as refused:
            act()
        assert (refused.value.code, refused.value.facts["window"]) == (
            "intake_window_not_held", 4)
    assert _take_overs(hall_db, number) == []
    window_holder.claim_window(clerk4, 4)
    assert cases.take_up(clerk4, number, 4).case.window == 4
