"""Random sequences of case actions, through the services, against the state machine.

Each example opens a fresh case (one of four items, random material marks) and then tries a
random list of actions, each by its natural actor most of the time and by someone else
otherwise. After every step: a refused action changed nothing (no transition row, same
state); an accepted one wrote only transitions the table :data:`TRANSITIONS` allows, for a
role it names. At the end every transition has its audit entry (who, from, to, opinion).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from casekit import (
    COMMITMENT,
    IMMEDIATE,
    PLAIN,
    PROMISED_AUTO,
    TOLERANT,
    CtxFor,
    case_audits,
    person,
    second_approver,
    serve,
    shared_database,
)
from conftest import ENGINES, FakeClock
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hallapp.core.case_rules import TRANSITIONS, CaseAction, CaseState
from hallapp.core.errors import DomainError
from hallapp.core.intake import DECISION_ACTIONS, MaterialMark
from hallapp.services import backoffice, blacklist, case_clock, case_decide, cases, delivery
from hallapp.services.context import Ctx
from hallapp.store.models import Case, CaseTransition, Staff
from hallapp.store.uow import Database

ITEMS = (PLAIN, TOLERANT, COMMITMENT, IMMEDIATE, PROMISED_AUTO)
STATUSES = ("received", "verified_online", "missing", "faulty")
SHAPES = ("clean", "clean", "online", "as_drawn", "tolerant", "commitment")
# Refusals end a case at once; they stay reachable through the "any action" branch.
ENDINGS = frozenset({"withdraw", "decide_refuse", "decide_notify_missing"})
APPROVERS = ("approver_szamr", "approver_szamr_b")
ACTORS = ("clerk1", *APPROVERS, "supervisor1", "approver_szpnr")
LAW = "《行政许可法》第三十八条"
# A new applicant for each example: a revoked commitment blacklists its applicant, and a
# later example of the same one would then find 告知承诺 refused. Its draws (the actions
# its states allow) would differ from the same draws made before, which hypothesis reports
# as a flaky strategy (seen once in a full run).
APPLICANTS = itertools.count(100)

Step = Callable[[Ctx, str, Any], object]
# action → (natural actor: "clerk1" / "approver" / "supervisor1", service call)
STEPS: dict[str, tuple[str, Step]] = {
    **{f"decide_{d}": ("clerk1", lambda c, n, _, d=d: case_decide.decide(
        c, n, d, reason="不属于受理范围", legal_basis=LAW, commitment="书面承诺"))
       for d in ("on_spot", "accept", "accept_tolerant", "accept_commitment",
                 "notify_missing", "refuse")},
    "claim": ("approver", lambda c, n, _: backoffice.claim(c, n)),
    "release": ("approver", lambda c, n, _: backoffice.release(c, n)),
    "release_claim": ("supervisor1", lambda c, n, _: backoffice.release_claim(c, n, "改派")),
    "approve": ("approver", lambda c, n, _: backoffice.approve(c, n)),
    "deny": ("approver", lambda c, n, _: backoffice.deny(c, n, "不符合条件", LAW)),
    "return": ("approver", lambda c, n, _: backoffice.return_to_front(c, n, "退回重审")),
    "correct": ("approver", lambda c, n, _: case_clock.request_correction(c, n, "补正",
                                                                          ["M01"])),
    "supply": ("clerk1", lambda c, n, _: case_clock.supply_correction(c, n)),
    "supply_online": ("approver", lambda c, n, _: case_clock.supply_correction_online(c, n)),
    "special": ("approver", lambda c, n, _: case_clock.start_special(c, n, "听证")),
    "end_special": ("approver", lambda c, n, _: case_clock.end_special(c, n)),
    "supplement": ("clerk1", lambda c, n, case: case_clock.supply_supplement(
        c, n, [m["code"] for m in case.materials if m.get("owed")] or ["M03"])),
    "ready": ("approver", lambda c, n, _: backoffice.mark_ready(c, n)),
    "ready_window": ("clerk1", lambda c, n, _: delivery.mark_ready_at_window(c, n)),
    "deliver": ("clerk1", lambda c, n, case: delivery.deliver(
        c, n, f"HALLAPP:C:{case.number}:{case.verification}")),
    "express": ("clerk1", lambda c, n, _: delivery.deliver_express(c, n, "SF1234567890")),
    "withdraw": ("clerk1", lambda c, n, _: cases.withdraw(c, n, "申请人撤回")),
    "revoke": ("supervisor1", lambda c, n, _: blacklist.revoke_for_false_commitment(
        c, n, "承诺不实")),
}
NAMES = sorted(STEPS)
A = CaseAction
ACTION_OF: dict[str, CaseAction] = {
    **{f"decide_{d}": a for d, a in DECISION_ACTIONS.items()},
    "claim": A.CLAIM, "release": A.RELEASE, "release_claim": A.RELEASE, "approve": A.APPROVE,
    "deny": A.DENY,
    "return": A.RETURN_TO_FRONT, "correct": A.REQUEST_CORRECTION,
    "supply": A.SUPPLY_CORRECTION, "supply_online": A.SUPPLY_CORRECTION,
    "special": A.START_SPECIAL, "end_special": A.END_SPECIAL,
    "supplement": A.SUPPLY_SUPPLEMENT, "ready": A.MARK_READY, "ready_window": A.MARK_READY,
    "deliver": A.DELIVER, "express": A.DELIVER, "withdraw": A.WITHDRAW, "revoke": A.REVOKE,
}


def _plausible(state: str) -> list[str]:
    """Step names the table allows from ``state`` (for some role): keeps paths deep."""
    return [n for n in NAMES if (CaseState(state), ACTION_OF[n]) in TRANSITIONS
            and n not in ENDINGS]


@pytest.fixture(scope="module", params=ENGINES)
def hall_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from shared_database(request)


def _snapshot(db: Database, case_id: int) -> tuple[Case, list[CaseTransition]]:
    with db.read_session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        rows = list(s.scalars(select(CaseTransition).where(CaseTransition.case_id == case_id)
                              .order_by(CaseTransition.id)))
        return case, rows


def _roles(db: Database) -> dict[str, str]:
    with db.read_session() as s:
        return {u: r for u, r in s.execute(select(Staff.username, Staff.role))} | {
            "system": "approver"}  # 秒批 acts with the approver's transitions


def _check_new(rows: list[CaseTransition], roles: dict[str, str]) -> None:
    for row in rows:
        assert row.from_state is not None
        rule = TRANSITIONS.get((CaseState(row.from_state), CaseAction(row.action)))
        assert rule is not None, (row.from_state, row.action)
        assert row.to_state in {rule.target, rule.tolerant_target}, (row.action, row.to_state)
        assert roles[row.actor] in rule.roles, (row.actor, row.action)


def _status(shape: str, code: str, drawn: str) -> str:
    if shape == "as_drawn":
        return drawn
    if shape == "tolerant" and code == "M03":
        return "missing"
    if shape == "commitment" and code == "M05":
        return "commitment"
    return "verified_online" if shape == "online" else "received"


def _approver(db: Database, case: Case, dice: int) -> str:
    """The approver who holds the case, else either of the department's two."""
    if case.claimed_by is not None:
        with db.read_session() as s:
            holder = s.get(Staff, case.claimed_by)
            if holder is not None:
                return holder.username
    return APPROVERS[dice % 2]


@pytest.fixture
def ctxs(hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> dict[str, Ctx]:
    second_approver(hall_db, clock)
    out = {name: ctx_for(name) for name in ACTORS if name != "approver_szamr_b"}
    out["approver_szamr_b"] = second_approver(hall_db, clock)
    serve(ctx_for, 1)
    return out


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(item=st.sampled_from(ITEMS),
       statuses=st.lists(st.sampled_from(STATUSES), min_size=7, max_size=7),
       shape=st.sampled_from(SHAPES), data=st.data())
def test_random_action_sequences_follow_the_state_machine(
        hall_db: Database, ctxs: dict[str, Ctx], item: str, statuses: list[str], shape: str,
        data: st.DataObject) -> None:
    clerk = ctxs["clerk1"]
    detail = cases.open_case(clerk, 1, item, person(next(APPLICANTS)))
    number, case_id = detail.case.number, detail.case.id
    marks = [MaterialMark(m.code, status, note="复印件不清晰" if status == "faulty" else None)
             for m, drawn in zip(detail.materials, statuses, strict=False)
             for status in (_status(shape, m.code, drawn),)]
    with contextlib.suppress(DomainError):  # e.g. marks on an unknown material: left unset
        cases.record_checklist(clerk, number, marks)
    roles = _roles(hall_db)
    for _ in range(data.draw(st.integers(4, 12), label="steps")):
        before, rows = _snapshot(hall_db, case_id)
        choices = _plausible(before.state)
        if not choices or data.draw(st.integers(0, 9)) == 0:
            choices = NAMES
        name = data.draw(st.sampled_from(choices), label="action")
        natural, call = STEPS[name]
        dice = data.draw(st.integers(0, 9))
        if natural == "approver":
            natural = _approver(hall_db, before, dice)
        actor = natural if dice < 8 else data.draw(st.sampled_from(ACTORS), label="actor")
        try:
            call(ctxs[actor], number, before)
        except DomainError:
            after, after_rows = _snapshot(hall_db, case_id)
            assert (after.state, len(after_rows)) == (before.state, len(rows)), name
            continue
        after, after_rows = _snapshot(hall_db, case_id)
        new = after_rows[len(rows):]
        _check_new(new, roles)
        for row in new:
            event(f"{row.from_state}-{row.action}")
        if new:
            assert new[0].from_state == before.state
            assert new[-1].to_state == after.state
    _, all_rows = _snapshot(hall_db, case_id)
    audits = [a for a in case_audits(hall_db, case_id) if a[0] != "case_checklist"
              and a[0] != "case_supplement"]
    assert [(a[0], a[1], a[2]["state"] if a[2] else None, a[3]["state"]) for a in audits] == [
        (f"case_{t.action}", t.actor, t.from_state, t.to_state) for t in all_rows]
