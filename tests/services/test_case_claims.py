"""Claims held by someone who cannot act on them: the supervisor gives them back, and so does
disabling the approver's account.

A claimed case could not be reassigned at all: the supervisor's ``backoffice release`` was
refused (无权审批办件), so was ending a special procedure, and a disabled approver kept every
case they had claimed out of everyone else's hands. One demo database per module and engine
(casekit.shared_database); each test works on its own cases. An approver moved to another
department gives back their claims too (``staff_edit``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from casekit import (
    PLAIN,
    CtxFor,
    accepted_case,
    case_audits,
    second_approver,
    shared_database,
    transitions,
)
from conftest import ENGINES, FakeClock

from hallapp.cli.main import main
from hallapp.core.errors import PermissionDenied, StateError, ValidationError
from hallapp.services import backoffice, case_clock, cases, staff
from hallapp.services.staff_edit import edit_staff
from hallapp.store.uow import Database


@pytest.fixture(scope="module", params=ENGINES)
def hall_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from shared_database(request)


def test_a_supervisor_gives_back_an_absent_approvers_claim(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=41)
    backoffice.claim(ctx_for("approver_szamr"), number)
    supervisor = ctx_for("supervisor1")
    with pytest.raises(ValidationError, match="释放原因"):
        backoffice.release_claim(supervisor, number, " ")
    with pytest.raises(PermissionDenied):
        backoffice.release_claim(ctx_for("clerk1"), number, "请假")
    info = backoffice.release_claim(supervisor, number, "审批人员请假，改派他人")
    assert (info.state, info.claimed_by) == ("accepted", None)
    assert transitions(hall_db, info.id)[-1] == ("in_review", "release", "accepted",
                                                 "supervisor1")
    action, actor, _before, after = case_audits(hall_db, info.id)[-1]
    assert (action, actor) == ("case_release", "supervisor1")
    assert after["opinion"] == "释放林志强（approver_szamr）的认领：审批人员请假，改派他人"
    other = second_approver(hall_db, clock)
    assert backoffice.claim(other, number).claimed_by == "approver_szamr_b"
    backoffice.approve(other, number)
    with pytest.raises(StateError, match="已批准"):  # a decided case keeps who decided it
        backoffice.release_claim(supervisor, number, "再次改派")


def test_a_released_special_procedure_goes_on_with_another_approver(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    """The hearing goes on (the clock stays stopped); the approver who ends it changes."""
    number = accepted_case(ctx_for, PLAIN, seq=42)
    first, other = ctx_for("approver_szamr"), second_approver(hall_db, clock)
    backoffice.claim(first, number)
    stopped = case_clock.start_special(first, number, "现场核查").stopped_since
    clock.advance(hours=2)
    info = backoffice.release_claim(ctx_for("supervisor1"), number, "原审批人员长期病假")
    assert (info.state, info.claimed_by, info.stopped_since) == ("special_procedure", None,
                                                                  stopped)
    with pytest.raises(StateError, match="尚未认领"):
        backoffice.release_claim(ctx_for("supervisor1"), number, "再次")
    assert backoffice.claim(other, number).claimed_by == "approver_szamr_b"
    with pytest.raises(StateError, match="第二审批人"):  # the claim is not theirs
        case_clock.end_special(first, number)
    info = case_clock.end_special(other, number, "核查完毕")
    assert (info.state, info.stopped_since) == ("in_review", None)


def test_disabling_an_approver_gives_back_the_cases_they_claimed(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    held, special, decided = (accepted_case(ctx_for, PLAIN, seq=s) for s in (43, 44, 45))
    absent = second_approver(hall_db, clock)
    for number in (held, special, decided):
        backoffice.claim(absent, number)
    case_clock.start_special(absent, special, "听证")
    backoffice.approve(absent, decided)
    admin = ctx_for("admin1")
    try:
        released = staff.set_active(admin, "approver_szamr_b", False).released
    finally:
        staff.set_active(admin, "approver_szamr_b", True)
    assert {held, special} <= set(released)  # with any other test's left claimed
    assert decided not in released
    shown = {n: cases.show_case(ctx_for("clerk1"), n).case for n in (held, special, decided)}
    assert [(i.state, i.claimed_by) for i in shown.values()] == [
        ("accepted", None), ("special_procedure", None), ("approved", "approver_szamr_b")]
    assert transitions(hall_db, shown[held].id)[-1] == ("in_review", "release", "accepted",
                                                        "admin1")
    assert "账号停用" in (shown[held].opinion or "")


def test_an_approver_moved_to_another_department_gives_back_the_cases_claimed(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    """Moved (``staff edit --dept``), the approver could no longer act on the old
    department's cases they held: given back, as a disabled approver's are."""
    number = accepted_case(ctx_for, PLAIN, seq=46)
    backoffice.claim(second_approver(hall_db, clock), number)
    admin = ctx_for("admin1")
    try:
        done = edit_staff(admin, "approver_szamr_b", department="SZPNR")
    finally:
        edit_staff(admin, "approver_szamr_b", department="SZAMR")
    assert number in done.released
    assert done.sessions_ended
    case = cases.show_case(ctx_for("clerk1"), number).case
    assert (case.state, case.claimed_by) == ("accepted", None)
    assert "账号角色或部门变更" in (case.opinion or "")


def test_the_supervisor_releases_from_the_command_line(
        hall_db: Database, ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=46)
    backoffice.claim(ctx_for("approver_szamr"), number)
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    base = ["backoffice", "release", number, "--db", hall_db.url, "--user", "supervisor1"]
    assert main(base) == 11  # the reason is required
    assert "释放原因" in capsys.readouterr().err
    assert main([*base, "--reason", "审批人员外出"]) == 0, capsys.readouterr().err
    assert cases.show_case(ctx_for("clerk1"), number).case.state == "accepted"


def test_a_case_another_approver_holds_says_who_can_release_it(
        hall_db: Database, ctx_for: CtxFor, clock: FakeClock) -> None:
    """Claiming it answered "已由林志强（approver_szamr）认领，请先认领后再审批"."""
    number = accepted_case(ctx_for, PLAIN, seq=47)
    backoffice.claim(ctx_for("approver_szamr"), number)
    other = second_approver(hall_db, clock)
    for act in (backoffice.claim, backoffice.approve, backoffice.release):
        with pytest.raises(StateError) as exc:
            act(other, number)
        assert (exc.value.code, exc.value.facts["holder"]) == (
            "claimed_by_other", "林志强（approver_szamr）")
        assert "请先认领" not in exc.value.message
        assert "可请其释放认领，或请值班长释放该认领" in exc.value.message
    backoffice.release(ctx_for("approver_szamr"), number)
    with pytest.raises(StateError, match="尚未认领，请先认领后再审批") as exc:
        backoffice.approve(other, number)
    assert exc.value.code == "not_claimed"
