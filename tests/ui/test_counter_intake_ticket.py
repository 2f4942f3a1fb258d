"""The intake is the applicant's: tied to the ticket it was begun for, never the next one's.

The intake followed the window, not the applicant: a case opened for A001 and not decided
stayed on the 收件 tab when A001 was finished or suspended, where the clerk could tick A002's
materials into it or decide it; 清空重填 left it `received` for good, and A001 back from a
suspension could not find it (a second case was opened). Driven with pytest-qt on the demo
hall; the clerk is clerk1 at window 1, tickets from kiosk1; dialogs answered by replacing
their ``ask``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import (
    TOLERANT_ITEM,
    MakeCounter,
    answer_dialogs,
    cell_click,
    choose_item,
    counters,
    fill_person,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallapp.services import cases, item_status, tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.store.models import AuditEntry, Case, CaseTransition, Ticket
from hallapp.ui.counter.dialogs import ReasonDialog, TicketRefDialog, WithdrawDialog
from hallapp.ui.counter.window import CounterWindow

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
PLAIN_ITEM = "440300000000069391780003"  # 企业注销登记, queue A
CtxFor = Callable[[str], Ctx]


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def serve_two(ctx_for: CtxFor) -> None:
    """Window 1 open, A001 and A002 taken, A001 called and being served."""
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    for _ in range(2):
        tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)


def open_intake(qtbot: QtBot, counter: CounterWindow) -> str:
    """A case opened through the widgets for the ticket served (M01 received), undecided."""
    intake = counter.intake
    choose_item(qtbot, counter, "gsbg", TOLERANT_ITEM)
    fill_person(qtbot, counter)
    qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.view is not None and not intake.busy)
    cell_click(qtbot, counter, "M01", "received")
    qtbot.waitUntil(lambda: not intake.draft.pending and not intake.busy)
    assert intake.draft.case is not None
    return intake.draft.case


def press(qtbot: QtBot, counter: CounterWindow, name: str) -> None:
    button = counter.controls.buttons[name]
    qtbot.waitUntil(button.isEnabled)
    button.click()


def cases_in(db: Database) -> list[tuple[str, str, str]]:
    with db.read_session() as s:
        return [(c.number, c.state, c.applicant_name)
                for c in s.scalars(select(Case).order_by(Case.id))]


def test_finishing_a_ticket_with_an_undecided_case_asks_to_withdraw_it(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    serve_two(ctx_for)
    counter = make_counter()
    intake = counter.intake
    number = open_intake(qtbot, counter)
    assert counter.tabs.tabText(0) == "A001 的收件"
    asked: list[str] = []

    def answer(reason: str | None) -> None:
        def ask(_cls: object, _parent: object, case: str, prompt: str,
                _presets: object = ()) -> str | None:
            asked.append(f"{case}|{prompt}")
            return reason
        monkeypatch.setattr(WithdrawDialog, "ask", classmethod(ask))

    answer(None)  # 返回: back to the intake, nothing done
    press(qtbot, counter, "finish_and_call_next")
    assert len(asked) == 1
    assert asked[0].startswith(f"{number}|A001 的办件 {number} 尚未作出收件决定。办结 A001 前")
    assert counter.ticket.number.text() == "A001"
    assert intake.draft.case == number
    assert cases_in(hall_db) == [(number, "received", "张三")]
    answer("申请人放弃办理")
    press(qtbot, counter, "finish_and_call_next")
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A002")
    qtbot.waitUntil(lambda: counter.tabs.tabText(0) == "A002 的收件")
    assert intake.draft.case is None
    assert intake.form.isEnabled()
    assert intake.form.edits["name"].text() == ""
    assert intake.decisions.allowed() == []
    assert intake.checklist.model.rowCount() == 0  # A001's checklist is not A002's
    assert not intake.journal.path.exists()
    assert cases_in(hall_db) == [(number, "withdrawn", "张三")]
    with hall_db.read_session() as s:
        withdrawn = s.scalars(select(CaseTransition).where(
            CaseTransition.action == "withdraw")).one()
        audited = s.scalars(select(AuditEntry.action).where(
            AuditEntry.action == "case_withdraw")).all()
        states = {n: st for n, st in s.execute(select(Ticket.number, Ticket.state))}
    assert (withdrawn.opinion, withdrawn.actor, audited) == ("申请人放弃办理", "clerk1",
                                                             ["case_withdraw"])
    assert states == {"A001": "done", "A002": "called"}


def test_a_suspended_ticket_keeps_its_case_and_finds_it_again(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    serve_two(ctx_for)
    counter = make_counter()
    intake = counter.intake
    number = open_intake(qtbot, counter)
    prompts: list[str] = []

    def reason(_cls: object, _parent: object, _title: str, prompt: str,
               _presets: object = ()) -> str:
        prompts.append(prompt)
        return "材料不齐，回去补充"

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(reason))
    monkeypatch.setattr(WithdrawDialog, "ask", classmethod(lambda *_a: pytest.fail("asked")))
    press(qtbot, counter, "suspend")  # F6: the case is kept, and the clerk is told so
    assert f"A001 的办件 {number} 尚未作出收件决定，将保留" in prompts[0]
    qtbot.waitUntil(lambda: counter.ticket.ticket is None)
    assert intake.draft.case is None
    assert counter.tabs.tabText(0) == "收件"
    assert f"A001 的办件 {number} 尚未作出收件决定，已保留" in intake.notice.text()
    press(qtbot, counter, "call_next")
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A002")
    assert counter.tabs.tabText(0) == "A002 的收件"
    assert intake.form.edits["name"].text() == ""
    assert intake.picker.query.text() == ""  # A001's search ("gsbg") went with its intake
    assert intake.draft.case is None
    assert not intake.notice.isVisibleTo(counter)
    press(qtbot, counter, "finish")  # nothing opened for A002: nothing asked
    qtbot.waitUntil(lambda: counter.ticket.ticket is None)
    answer_dialogs(monkeypatch, qtbot, TicketRefDialog, [{"ticket": "A001"}])
    press(qtbot, counter, "resume_suspended")  # back with what was missing
    qtbot.waitUntil(lambda: counter.message.text().startswith("A001 已回到队列"))
    press(qtbot, counter, "call_next")
    qtbot.waitUntil(lambda: intake.draft.case == number and intake.item is not None)
    qtbot.waitUntil(lambda: intake.view is not None and not intake.busy)
    assert counter.tabs.tabText(0) == "A001 的收件"
    assert intake.form.edits["name"].text() == "张三"
    assert not intake.form.isEnabled()
    assert intake.checklist.model.row(intake.checklist.model.row_of("M01")).status == "received"
    assert intake.decisions.allowed()  # carried on: the clerk decides it now
    assert cases_in(hall_db) == [(number, "received", "张三")]  # no second case


@SQLITE_ONLY
def test_clear_and_refill_of_an_opened_case_withdraws_it(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database, ctx_for: CtxFor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    serve_two(ctx_for)
    counter = make_counter()
    intake = counter.intake
    number = open_intake(qtbot, counter)
    monkeypatch.setattr(WithdrawDialog, "ask", classmethod(lambda *_a: None))
    qtbot.mouseClick(intake.discard_button, Qt.MouseButton.LeftButton)
    assert intake.draft.case == number  # asked and cancelled: nothing done
    monkeypatch.setattr(WithdrawDialog, "ask", classmethod(lambda *_a: "申请人信息填错，重新登记"))
    qtbot.mouseClick(intake.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.draft.case is None and not intake.busy)
    assert intake.notice.text() == f"办件 {number} 已撤回"
    assert intake.form.isEnabled()
    assert intake.form.edits["name"].text() == ""
    assert cases_in(hall_db) == [(number, "withdrawn", "张三")]
    assert counter.tabs.tabText(0) == "A001 的收件"  # still A001 at the window


@SQLITE_ONLY
@pytest.mark.parametrize(("saved_at", "shown"), [
    ("2026-11-24T00:08:42+00:00", "08:08"),  # earlier today on the hall's clock
    ("2026-11-23T15:30:00+00:00", "2026-11-23 23:30"),  # the evening before
])
def test_a_restored_intake_says_when_it_was_saved_on_the_halls_clock(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database, ctx_for: CtxFor,
        tmp_path: Path, saved_at: str, shown: str) -> None:
    """It said "2026-11-27T23:08:42+00:00": the machine's UTC time, as stored."""
    serve_two(ctx_for)
    ticket = windows.window_state(ctx_for("clerk1"), 1).ticket
    assert ticket is not None
    (tmp_path / "counter-journal-1.json").write_text(json.dumps({
        "ticket": "A001", "ticket_id": ticket.id, "item_code": TOLERANT_ITEM,
        "applicant": {"kind": "person", "name": "张三"}, "saved_at": saved_at}),
        encoding="utf-8")
    counter = make_counter()
    intake = counter.intake
    qtbot.waitUntil(lambda: intake.item is not None)
    assert intake.notice.text().startswith(f"已恢复未完成的收件（{shown} 保存，号码 A001）")
    assert intake.form.edits["name"].text() == "张三"  # A001 is still served: its intake
    assert counter.tabs.tabText(0) == "A001 的收件"


@SQLITE_ONLY
def test_a_ticket_whose_item_was_withdrawn_is_taken_in_for_another_item(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor) -> None:
    """The item chosen at the kiosk, withdrawn while the ticket waited (the ticket keeps its
    place): the intake said "事项 … 不存在" and kept the withdrawn code as its item, the
    picker reading 尚未选择 and 登记收件 off. It now says the item is withdrawn and why the
    clerk must choose another with the applicant, and takes the one chosen."""
    tickets.take_ticket(ctx_for("kiosk1"), item_code=TOLERANT_ITEM)
    item_status.retire_item(ctx_for("admin1"), TOLERANT_ITEM, force=True)
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    counter = make_counter(size=(1366, 768))
    intake = counter.intake
    qtbot.waitUntil(lambda: bool(intake.message.text()))
    assert intake.message.text() == ("A001 取号时所选事项（公司变更登记）已停用，不能按此事项收件："
                                     "请向申请人确认所办事项，另行选择")
    assert (intake.draft.item_code, intake.item) == (None, None)
    assert not intake.open_button.isEnabled()
    assert intake.picker.query.hasFocus()
    choose_item(qtbot, counter, "qyzx", PLAIN_ITEM)
    assert intake.message.text() == ""
    fill_person(qtbot, counter)
    qtbot.waitUntil(intake.open_button.isEnabled)
    qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.draft.case is not None)
    detail = cases.show_case(clerk, intake.draft.case)
    assert (detail.case.item_code, detail.case.ticket) == (PLAIN_ITEM, "A001")
