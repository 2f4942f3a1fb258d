"""Intake at the window: opening a case from the served ticket, the checklist, each decision.

Clock: Tuesday 2026-11-24 09:00 Shanghai (FakeClock). Demo items: see casekit. The module
shares one demo database per engine (casekit.shared_database); each test works on its own
cases and checks changes, not totals.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from casekit import (
    COMMITMENT,
    IMMEDIATE,
    IMMEDIATE_AUTO,
    LONG,
    PLAIN,
    PROMISED_AUTO,
    TOLERANT,
    CtxFor,
    accepted_case,
    case_audits,
    id_number,
    marks,
    open_case,
    person,
    ready_case,
    serve,
    shared_database,
    transitions,
    uscc_code,
)
from conftest import ENGINES, FakeClock
from sqlalchemy import func, select

from hallapp.core.errors import (
    DomainError,
    NotFound,
    PermissionDenied,
    RuleViolation,
    StateError,
    ValidationError,
)
from hallapp.core.intake import MaterialMark
from hallapp.services import (
    backoffice,
    blacklist,
    calendar_admin,
    case_decide,
    cases,
    catalogue,
    staff,
    windows,
)
from hallapp.store.models import Case, Event, Ticket
from hallapp.store.uow import Database

SH = ZoneInfo("Asia/Shanghai")
PARTNERSHIP = "440300000000069391780006"  # 合伙企业设立登记, used only for the version test


@pytest.fixture(scope="module", params=ENGINES)
def hall_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from shared_database(request)


def _count(db: Database, model: type) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _case(db: Database, number: str) -> Case:
    with db.read_session() as s:
        return s.scalars(select(Case).where(Case.number == number)).one()


def test_open_case_from_the_served_ticket(hall_db: Database, ctx_for: CtxFor) -> None:
    detail = open_case(ctx_for, PLAIN, seq=7)
    info = detail.case
    assert re.fullmatch(r"SZFT-20261124-\d{5}", info.number)
    assert info.state == "received"
    assert (info.item_code, info.item_version, info.department) == (PLAIN, 1, "SZAMR")
    assert info.applicant_id == id_number(7)
    assert info.ticket is not None
    assert info.ticket.startswith("A")
    assert info.window == 1
    assert info.qr_payload == f"HALLAPP:C:{info.number}:{info.verification}"
    assert info.visits == 1
    assert [v.purpose for v in detail.visits] == ["intake"]
    assert all(m.status is None for m in detail.materials)
    assert transitions(hall_db, info.id) == [(None, "open", "received", "clerk1")]
    assert case_audits(hall_db, info.id)[0][0] == "case_open"
    assert case_audits(hall_db, info.id)[0][3]["opinion"] == "按事项第 1 版收件"
    with hall_db.read_session() as s:
        ev = s.scalars(select(Event).where(Event.kind == "case_changed")
                       .order_by(Event.id.desc())).first()
    assert ev is not None
    assert ev.payload["case"] == info.number
    assert ev.payload["department"] == "SZAMR"
    assert ev.payload["state"] == "received"
    second = cases.open_case(ctx_for("clerk1"), 1, IMMEDIATE, person(8))
    serial = int(info.number.rsplit("-", 1)[1])
    assert second.case.number == f"SZFT-20261124-{serial + 1:05d}"  # same ticket, 2nd matter
    assert second.case.ticket == info.ticket


def test_open_case_refusals_change_nothing(hall_db: Database, ctx_for: CtxFor) -> None:
    clerk = ctx_for("clerk1")
    before = _count(hall_db, Case)
    with pytest.raises(NotFound):
        cases.open_case(clerk, 99, PLAIN, person())
    with pytest.raises(StateError, match="没有正在办理的号"):
        cases.open_case(ctx_for("clerk9"), 9, PLAIN, person())  # window never opened
    serve(ctx_for, 1)
    bad = cases.ApplicantInput("person", "张三", id_number(1)[:-1] + "0")
    if bad.id_number == id_number(1):
        bad = cases.ApplicantInput("person", "张三", id_number(1)[:-1] + "1")
    with pytest.raises(ValidationError, match="校验位") as err:
        cases.open_case(clerk, 1, PLAIN, bad)
    assert err.value.exit_code == 11
    with pytest.raises(NotFound, match="事项"):
        cases.open_case(clerk, 1, "NO-SUCH-ITEM", person())
    agent = cases.AgentInput("李四", id_number(2), authorisation=" ")
    with pytest.raises(ValidationError, match="授权委托书"):
        cases.open_case(clerk, 1, PLAIN, person(), agent)
    long_name = cases.ApplicantInput("person", "王" * 201, id_number(1))
    with pytest.raises(ValidationError, match=r"申请人姓名或名称过长（201 字，最多 200 字）"):
        cases.open_case(clerk, 1, PLAIN, long_name)  # refused, not cut to 200
    agent = cases.AgentInput("李" * 201, id_number(2), authorisation="委托书")
    with pytest.raises(ValidationError, match="代理人姓名过长") as err:
        cases.open_case(clerk, 1, PLAIN, person(), agent)
    assert err.value.field == "agent_name"
    with pytest.raises(PermissionDenied):
        cases.open_case(ctx_for("approver_szamr"), 1, PLAIN, person())
    with pytest.raises(PermissionDenied, match="由 李明 使用中"):
        cases.open_case(ctx_for("clerk2"), 1, PLAIN, person())
    assert _count(hall_db, Case) == before


def test_legal_person_with_agent(ctx_for: CtxFor) -> None:
    serve(ctx_for, 1)
    company = cases.ApplicantInput("legal", "深圳某某科技有限公司", uscc_code(42), "0755-12345678")
    agent = cases.AgentInput("李四", id_number(2), "授权委托书 2026-11-20")
    info = cases.open_case(ctx_for("clerk1"), 1, PLAIN, company, agent).case
    assert info.applicant_kind == "legal"
    assert info.applicant_id == uscc_code(42)
    assert info.agent is not None
    assert info.agent["id_number"] == id_number(2)
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        cases.open_case(ctx_for("clerk1"), 1, PLAIN,
                        cases.ApplicantInput("legal", "某公司", "91440300MA5F000010"))


def test_checklist_rejects_unknown_materials_and_forbidden_commitments(
        hall_db: Database, ctx_for: CtxFor) -> None:
    number = open_case(ctx_for, PLAIN).case.number
    clerk = ctx_for("clerk1")
    with pytest.raises(ValidationError, match="M99"):
        cases.record_checklist(clerk, number, [MaterialMark("M01", "received"),
                                               MaterialMark("M99", "received")])
    with pytest.raises(RuleViolation, match="不适用告知承诺"):
        cases.record_checklist(clerk, number, [MaterialMark("M01", "commitment")])
    assert all(m.status is None for m in cases.show_case(clerk, number).materials)
    view = cases.record_checklist(clerk, number, [MaterialMark("M01", "received", "copy", 2)])
    assert view.suggested == "notify_missing"
    m01 = next(m for m in view.materials if m.code == "M01")
    assert (m01.status, m01.form, m01.copies) == ("received", "copy", 2)
    accept = next(d for d in view.decisions if d.decision == "accept")
    assert not accept.allowed
    assert "主审要件缺失" in accept.reason


def test_on_spot_for_an_immediate_item(hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, IMMEDIATE)
    result = case_decide.decide(ctx_for("clerk1"), number, "on_spot")
    info = result.case
    assert info.state == "completed_on_spot"
    assert info.deadline == datetime(2026, 11, 24, 18, tzinfo=SH)
    assert info.outcome == "on_time"
    assert info.concluded_at is not None
    assert info.delivered_at is not None
    assert not result.auto_approved
    assert [t[1] for t in transitions(hall_db, info.id)] == ["open", "decide_on_spot"]


def test_on_spot_after_closing_rolls_to_the_next_working_day(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 27, 18, 30, tzinfo=SH)  # Friday after closing
    number = ready_case(ctx_for, IMMEDIATE)
    info = case_decide.decide(ctx_for("clerk1"), number, "on_spot").case
    assert info.deadline == datetime(2026, 11, 30, 18, tzinfo=SH)  # Monday
    assert info.outcome == "early"


def test_forbidden_decisions_name_the_rule_and_change_nothing(
        hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, PLAIN)
    clerk = ctx_for("clerk1")
    with pytest.raises(RuleViolation, match="不是即办件") as err:
        case_decide.decide(clerk, number, "on_spot")
    assert err.value.code == "not_immediate"
    with pytest.raises(RuleViolation, match="不适用容缺受理"):
        case_decide.decide(clerk, number, "accept_tolerant")
    with pytest.raises(ValidationError, match="未知的收件决定"):
        case_decide.decide(clerk, number, "approve")
    with pytest.raises(ValidationError, match="法律依据"):
        case_decide.decide(clerk, number, "refuse", reason="不属于本部门职责", legal_basis="")
    with pytest.raises(PermissionDenied):
        case_decide.decide(ctx_for("supervisor1"), number, "accept")
    assert _case(hall_db, number).state == "received"
    assert len(transitions(hall_db, _case(hall_db, number).id)) == 1


def test_only_its_clerk_or_the_clerk_now_at_its_window_takes_a_case_in(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """clerk3 recorded the checklist of a case clerk1 was taking in at window 1 and accepted
    it (a supervisor could tick it too). The clerk who takes over window 1 may finish it."""
    detail = open_case(ctx_for, PLAIN, seq=70)  # clerk1, window 1
    number, codes = detail.case.number, [m.code for m in detail.materials]
    unmarked = _case(hall_db, number).materials
    for who, act in (("clerk3", lambda c: cases.record_checklist(c, number, marks(codes))),
                     ("supervisor1", lambda c: cases.record_checklist(c, number, marks(codes))),
                     ("clerk3", lambda c: case_decide.decide(c, number, "accept"))):
        with pytest.raises(PermissionDenied) as refused:
            act(ctx_for(who))
        assert (refused.value.code, refused.value.facts["window"]) == ("not_your_case", 1)
    assert _case(hall_db, number).materials == unmarked
    cases.record_checklist(ctx_for("clerk1"), number, marks(codes))
    clerk1 = ctx_for("clerk1")  # called away: a relief clerk takes over window 1
    windows.finish(clerk1, 1)
    windows.close_window(clerk1, 1)
    staff.add_staff(ctx_for("admin1"), "relief_intake", "机动人员", "clerk", "Relief123")
    relief = ctx_for("relief_intake")
    windows.open_window(relief, 1)
    assert case_decide.decide(relief, number, "accept").case.state == "accepted"
    windows.close_window(relief, 1)  # window 1 back to clerk1 for the other tests


def test_a_returned_case_is_taken_over_by_the_clerk_serving_the_applicant(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """退回 to the window, a case could be decided again only by the clerk who first took it
    in or whoever sits at that window: the applicant served at window 2 (any window takes in
    any matter) could not be helped, clerk2 refused on the checklist and the decision. The
    clerk serving a ticket takes it over, audited; while it is in hand there, no one else."""
    number = accepted_case(ctx_for, PLAIN, seq=72)  # clerk1, window 1
    windows.finish(ctx_for("clerk1"), 1)  # the applicant leaves with the receipt
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.return_to_front(approver, number, "申请表填写有误，请窗口重新核对")
    first = _case(hall_db, number)
    codes = [m["code"] for m in first.materials]
    clerk2 = ctx_for("clerk2")
    if windows.window_state(clerk2, 2).ticket is not None:
        windows.finish(clerk2, 2)
    refusals = (("supervisor1", PermissionDenied, "not_your_case"),  # no take-over
                ("clerk2", StateError, "take_over_needs_ticket"))  # serving no one
    for who, error, code in refusals:
        with pytest.raises(error) as refused:
            cases.record_checklist(ctx_for(who), number, marks(codes))
        assert (refused.value.code, refused.value.facts["window"]) == (code, 1)
    serve(ctx_for, 1)  # clerk1 is at window 1, serving someone else
    serve(ctx_for, 2)  # the applicant is called to window 2
    served = windows.window_state(clerk2, 2).ticket
    assert served is not None
    cases.record_checklist(clerk2, number, marks(codes))
    taken = _case(hall_db, number)
    assert (taken.window_number, taken.clerk_id, taken.ticket_id) == (
        2, clerk2.actor.staff_id, served.id)
    [(before, after)] = [(b, a) for action, actor, b, a in case_audits(hall_db, taken.id)
                         if action == "case_take_over" and actor == "clerk2"]
    with hall_db.read_session() as s:
        old_ticket = s.scalar(select(Ticket.number).where(Ticket.id == first.ticket_id))
    assert before == {"clerk": "clerk1", "window": 1, "ticket": old_ticket}
    assert after == {"number": number, "clerk": "clerk2", "window": 2,
                     "ticket": served.number}
    for who in ("clerk1", "clerk3"):  # the applicant is at window 2 now
        if who == "clerk3":
            serve(ctx_for, 3)
        with pytest.raises(PermissionDenied) as refused:
            case_decide.decide(ctx_for(who), number, "accept")
        assert (refused.value.code, refused.value.facts["window"],
                refused.value.facts["ticket"]) == ("case_in_hand", 2, served.number)
    info = case_decide.decide(clerk2, number, "accept").case
    assert (info.state, info.window, info.ticket, info.accepted_at) == (
        "accepted", 2, served.number, first.accepted_at)


def test_accept_routes_to_the_department_with_a_deadline(
        hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, PLAIN)
    info = case_decide.decide(ctx_for("clerk1"), number, "accept").case
    assert info.state == "accepted"
    assert info.department == "SZAMR"
    assert info.deadline == datetime(2026, 11, 25, 18, tzinfo=SH)  # 1 working day
    assert info.timeliness == "warning"  # one working day left
    with pytest.raises(StateError, match="不能执行"):
        case_decide.decide(ctx_for("clerk1"), number, "accept")


def test_auto_approval_is_done_by_the_system(hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, PROMISED_AUTO, window=4, status="verified_online")
    result = case_decide.decide(ctx_for("clerk4"), number, "accept")
    assert result.auto_approved
    info = result.case
    assert info.state == "approved"
    assert info.auto_approved
    assert info.outcome == "early"
    steps = transitions(hall_db, info.id)
    assert [(t[1], t[3]) for t in steps] == [("open", "clerk4"), ("accept", "clerk4"),
                                             ("claim", "system"), ("approve", "system")]
    audits = case_audits(hall_db, info.id)
    assert [(a[0], a[1]) for a in audits[-2:]] == [("case_claim", "system"),
                                                   ("case_approve", "system")]
    assert "秒批" in audits[-1][3]["opinion"]


def test_auto_approval_commits_with_the_acceptance_or_not_at_all(
        hall_db: Database, ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 秒批 ran in a second transaction: a crash between the two left the case accepted
    and waiting for a person. Now a failure in the approval undoes the acceptance too."""
    number = ready_case(ctx_for, PROMISED_AUTO, window=4, status="verified_online")

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("killed between acceptance and approval")

    monkeypatch.setattr(case_decide, "conclusion", crash)
    with pytest.raises(RuntimeError):
        case_decide.decide(ctx_for("clerk4"), number, "accept")
    assert _case(hall_db, number).state == "received"
    monkeypatch.undo()
    assert case_decide.decide(ctx_for("clerk4"), number, "accept").case.state == "approved"


def test_auto_approval_needs_online_verification(ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, PROMISED_AUTO, window=4)
    result = case_decide.decide(ctx_for("clerk4"), number, "accept")
    assert not result.auto_approved
    assert "在线核验" in result.auto_reason
    assert result.case.state == "accepted"


def test_on_spot_auto_eligible_is_marked(ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, IMMEDIATE_AUTO, status="verified_online")
    info = case_decide.decide(ctx_for("clerk1"), number, "on_spot").case
    assert info.state == "completed_on_spot"
    assert info.auto_approved


def test_tolerant_acceptance_records_what_is_owed(ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, TOLERANT, M03="missing")
    clerk = ctx_for("clerk1")
    with pytest.raises(RuleViolation, match="非主审要件缺失"):
        case_decide.decide(clerk, number, "accept")
    result = case_decide.decide(clerk, number, "accept_tolerant")
    assert [m.code for m in result.outstanding] == ["M03"]
    info = result.case
    assert info.state == "accepted"
    assert info.owed == ("M03",)
    # promised 1 working day → min(20, 1 − 2) floored at 1 working day
    assert info.supplement_deadline == datetime(2026, 11, 25, 18, tzinfo=SH)


def test_commitment_is_refused_to_a_blacklisted_applicant(
        hall_db: Database, ctx_for: CtxFor) -> None:
    blacklist.add_entry(ctx_for("admin1"), id_number(5), "信用中国（演示）", reason="虚假承诺")
    number = ready_case(ctx_for, COMMITMENT, seq=5, M05="commitment")
    with pytest.raises(RuleViolation, match="失信名单") as err:
        case_decide.decide(ctx_for("clerk1"), number, "accept_commitment")
    assert err.value.code == "blacklisted"
    assert _case(hall_db, number).state == "received"
    other = ready_case(ctx_for, COMMITMENT, seq=6, M05="commitment")
    info = case_decide.decide(ctx_for("clerk1"), other, "accept_commitment",
                              commitment="承诺住所真实").case
    assert info.state == "accepted"
    assert info.decision == "accept_commitment"
    assert "承诺住所真实" in (info.opinion or "")


def test_a_blacklisted_applicant_s_commitment_is_told_to_bring_the_material(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """The commitment replaces nothing: the 一次性告知 is open (not only 不予受理) and lists it."""
    blacklist.add_entry(ctx_for("admin1"), id_number(5), "信用中国（演示）", reason="虚假承诺")
    number = ready_case(ctx_for, COMMITMENT, seq=5, M05="commitment")
    view = cases.show_checklist(ctx_for("clerk1"), number)
    assert view.suggested == "notify_missing"
    assert "notify_missing" in [d.decision for d in view.decisions if d.allowed]
    result = case_decide.decide(ctx_for("clerk1"), number, "notify_missing")
    assert [(m.code, m.status) for m in result.outstanding] == [("M05", "missing")]
    case = _case(hall_db, number)
    assert case.state == "notified_missing"
    # what the 一次性告知书 lists (a commitment mark left there printed "nothing missing")
    assert {m["code"]: m["status"] for m in case.materials}["M05"] == "missing"


def test_notify_missing_lists_every_problem(hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, PLAIN, M01="missing", M03="faulty")
    clerk = ctx_for("clerk1")
    with pytest.raises(RuleViolation, match="主审要件缺失"):
        case_decide.decide(clerk, number, "accept")
    result = case_decide.decide(clerk, number, "notify_missing")
    assert [(m.code, m.status) for m in result.outstanding] == [("M01", "missing"),
                                                                ("M03", "faulty")]
    assert result.case.state == "notified_missing"
    assert result.case.accepted_at is None


def test_refuse_needs_reason_and_legal_basis(ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, PLAIN)
    info = case_decide.decide(ctx_for("clerk1"), number, "refuse",
                              reason="申请事项不属于本机关职权",
                              legal_basis="《行政许可法》第三十二条第一款第（二）项").case
    assert info.state == "refused"
    assert info.legal_basis is not None
    assert "第三十二条" in info.legal_basis


def test_case_keeps_the_item_version_it_was_opened_under(ctx_for: CtxFor) -> None:
    number = open_case(ctx_for, PARTNERSHIP).case.number
    admin = ctx_for("admin1")
    doc = catalogue.export_catalogue(admin)
    item = next(i for i in doc["items"] if i["code"] == PARTNERSHIP)
    item["materials"] = [m for m in item["materials"] if m["code"] != "M04"]
    catalogue.import_catalogue(admin, doc)
    assert catalogue.get_item(admin, PARTNERSHIP).version == 2
    detail = cases.show_case(ctx_for("clerk1"), number)
    assert detail.case.item_version == 1
    assert "M04" in [m.code for m in detail.materials]
    view = cases.record_checklist(ctx_for("clerk1"), number,
                                  marks(["M01", "M02", "M03", "M05"]))
    assert "M04" in view.outstanding  # judged against version 1, where M04 is required
    fresh = open_case(ctx_for, PARTNERSHIP, seq=2, serve_first=False).case
    assert fresh.item_version == 2


def test_a_deadline_in_an_unloaded_year_is_an_error_naming_the_year(
        hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, LONG, window=6)
    clerk = ctx_for("clerk6")
    with pytest.raises(DomainError, match="2027") as err:
        case_decide.decide(clerk, number, "accept")
    assert err.value.code == "calendar_unknown_year"
    assert _case(hall_db, number).state == "received"
    notice = {"year": 2027, "holidays": ["2027-01-01", "2027-02-08", "2027-02-09",
                                         "2027-02-10", "2027-02-11", "2027-02-12"],
              "workdays": ["2027-02-06"]}
    calendar_admin.load_calendar(ctx_for("admin1"), json.dumps(notice), "国务院办公厅通知（演示）")
    info = case_decide.decide(clerk, number, "accept").case
    assert info.state == "accepted"
    assert info.deadline is not None
    assert info.deadline.astimezone(SH).date().isoformat() == "2027-02-16"


def test_withdraw_an_open_case(hall_db: Database, ctx_for: CtxFor) -> None:
    number = ready_case(ctx_for, PLAIN)
    with pytest.raises(ValidationError):
        cases.withdraw(ctx_for("clerk1"), number, " ")
    info = cases.withdraw(ctx_for("clerk1"), number, "申请人撤回")
    assert info.state == "withdrawn"
    with pytest.raises(StateError):
        cases.withdraw(ctx_for("clerk1"), number, "再次撤回")
    detail = cases.show_case(ctx_for("clerk1"), number)
    assert [v.purpose for v in detail.visits] == ["intake"]
    assert [t.action for t in detail.transitions] == ["open", "withdraw"]
    assert {(t.actor, t.actor_name) for t in detail.transitions} == {
        ("clerk1", ctx_for("clerk1").actor.name)}
    listed = cases.list_cases(ctx_for("clerk1"), state="withdrawn")
    assert number in [c.number for c in listed]
    assert cases.list_cases(ctx_for("clerk1"), applicant_id=id_number(1), state="withdrawn")


def test_the_case_a_ticket_left_undecided_is_found_for_its_return(
        hall_db: Database, ctx_for: CtxFor) -> None:
    """A ticket suspended with its case opened and not decided (挂起: the applicant fetches
    what was missing) comes back on the same number: the counter finds that case again,
    instead of the clerk opening a second one; a decided or withdrawn case is not offered."""
    clerk = ctx_for("clerk1")
    detail = open_case(ctx_for, TOLERANT, seq=41)
    cases.record_checklist(clerk, detail.case.number, marks(["M01"]))
    ticket = windows.window_state(clerk, 1).ticket
    assert ticket is not None
    windows.suspend(clerk, 1, "材料不齐，回去补充")
    found = cases.undecided_case_of_ticket(clerk, ticket.id)
    assert found is not None
    assert found.case.number == detail.case.number
    assert found.case.applicant_id == id_number(41)
    assert {m.code: m.status for m in found.materials}["M01"] == "received"
    cases.withdraw(clerk, detail.case.number, "申请人放弃办理")
    assert cases.undecided_case_of_ticket(clerk, ticket.id) is None
    serve(ctx_for)  # another ticket: nothing opened for it
    other = windows.window_state(clerk, 1).ticket
    assert other is not None
    assert cases.undecided_case_of_ticket(clerk, other.id) is None
    assert cases.undecided_case_of_ticket(clerk, 10**6) is None
