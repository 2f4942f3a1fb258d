"""The counter as a clerk uses it: keys, intake through the widgets, journal, outage, delivery.

Driven with pytest-qt on the demo hall (``hall_db``: both engines where the database
matters; layout, keys and model checks on SQLite only). The clerk is clerk1 at window 1,
tickets come from kiosk1; documents are saved as PDFs into the test's folder; the change
feed is not started, so its connection signals are emitted by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from counterkit import (
    ID_NUMBER,
    TOLERANT_ITEM,
    MakeCounter,
    answer_dialogs,
    cell_click,
    choose_item,
    counters,
    fill_person,
    register_with_a_missing_material,
    type_chinese,
)
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uikit import clipped

from hallapp.core.errors import DomainError
from hallapp.core.intake import DECISIONS, MaterialMark
from hallapp.services import backoffice, case_decide, cases, tickets, windows
from hallapp.services.cases import ApplicantInput
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Case, PrintLog, Rating, Ticket
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import set_language
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.decisions import DecisionPanel
from hallapp.ui.counter.dialogs import ReasonDialog, TicketRefDialog
from hallapp.ui.counter.intake_top import TOP_MAX, TOP_SHARE
from hallapp.ui.counter.models import CaseListModel, ChecklistModel, QueueStatusModel
from hallapp.ui.counter.printing import PdfCaseDocumentPrinter
from hallapp.ui.counter.rating import create as create_pad
from hallapp.ui.counter.window import CounterWindow

BAD_ID = ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def press(qtbot: QtBot, counter: CounterWindow, key: Qt.Key) -> None:
    """A function key on the counter window (shortcuts need the window active)."""
    counter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is counter)
    qtbot.keyClick(counter, key)


def serve_ticket(ctx_for: Callable[[str], Ctx], clock: FakeClock) -> str:
    """Window 1 open, kiosk1 takes A001, 95 s later the window calls it and starts."""
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    number = tickets.take_ticket(ctx_for("kiosk1"), "A").number
    clock.advance(seconds=95)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    return number


def cases_in(db: Database) -> list[Case]:
    with db.read_session() as s:
        return list(s.scalars(select(Case).order_by(Case.id)))


def test_serve_intake_tolerant_decision_and_rating(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database, clock: FakeClock,
        ctx_for: Callable[[str], Ctx]) -> None:
    pad_feed = FeedWatcher(hall_db, wait_seconds=0.1)
    pad = create_pad(Ctx(hall_db, actor_for(hall_db, "display1"), clock=clock), pad_feed,
                     {"window": 1})
    qtbot.addWidget(pad)
    pad_feed.start()
    counter = make_counter()
    qtbot.mouseClick(counter.controls.buttons["open"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.state is not None and counter.state.state == "open")
    tickets.take_ticket(ctx_for("kiosk1"), "A", id_number=ID_NUMBER)
    clock.advance(seconds=95)
    press(qtbot, counter, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A001")
    assert counter.ticket.wait.text() == "等候时长 1:35"
    press(qtbot, counter, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: counter.intake.ticket is not None
                    and counter.intake.ticket.state == "serving")
    register_with_a_missing_material(qtbot, counter)
    assert counter.intake.checklist.model.row(2).status == "missing"
    assert counter.intake.message.text() == ""
    decisions = counter.intake.decisions
    assert decisions.allowed() == ["accept_tolerant", "notify_missing", "refuse"]
    assert "非主审要件缺失" in decisions.buttons["accept"].toolTip()
    assert "不是即办件" in decisions.reasons.text()
    assert "不适用告知承诺制" in decisions.buttons["accept_commitment"].toolTip()
    with qtbot.waitSignal(counter.intake.document.printed, timeout=20000) as printed:
        qtbot.mouseClick(decisions.buttons["accept_tolerant"], Qt.MouseButton.LeftButton)
    [case] = cases_in(hall_db)
    assert (case.state, case.decision, case.applicant_id) == ("accepted", "accept_tolerant",
                                                              ID_NUMBER)
    assert [m["code"] for m in case.materials if m.get("owed")] == ["M03"]
    assert printed.args[0].outcome == "saved"
    printer = counter.intake.printer
    assert isinstance(printer, PdfCaseDocumentPrinter)
    assert printer.saved[0].read_bytes().startswith(b"%PDF")
    with hall_db.read_session() as s:
        # the receipt's row: the supplement notice printed with it may be logged by now too
        log = s.scalars(select(PrintLog).where(PrintLog.ref == case.number,
                                               PrintLog.document == "receipt")).one()
    assert (log.outcome, log.actor) == ("saved", "clerk1")
    assert not (counter.intake.journal.path).exists()
    clock.advance(seconds=600)
    press(qtbot, counter, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: counter.ticket.ticket is None)
    qtbot.waitUntil(lambda: pad.current() is pad.pages[1], timeout=10000)
    assert "A001" in pad.prompt.text()
    qtbot.mouseClick(pad.findChild(QPushButton, "attitude_4"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.level_buttons[5], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.current() is pad.thanks)
    pad_feed.stop()
    with hall_db.read_session() as s:
        [rating] = s.scalars(select(Rating)).all()
        ticket = s.scalars(select(Ticket)).one()
    assert (rating.level, rating.attitude, rating.efficiency) == (5, 4, None)
    assert (rating.ticket_id, rating.channel) == (ticket.id, "pad")


def test_invalid_id_number_is_shown_next_to_the_field_and_creates_nothing(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database, clock: FakeClock,
        ctx_for: Callable[[str], Ctx]) -> None:
    serve_ticket(ctx_for, clock)
    counter = make_counter()
    counter.intake.choose_item(TOLERANT_ITEM, None)
    qtbot.waitUntil(lambda: counter.intake.open_button.isEnabled())
    fill_person(qtbot, counter, BAD_ID)
    form = counter.intake.form
    qtbot.mouseClick(counter.intake.open_button, Qt.MouseButton.LeftButton)
    assert "校验位" in form.errors["id_number"].text()
    assert form.errors["id_number"].isVisibleTo(counter)
    assert form.edits["id_number"].property("invalid") == "true"
    wait_for_tasks()
    assert cases_in(hall_db) == []
    form.edits["id_number"].clear()
    qtbot.keyClicks(form.edits["id_number"], ID_NUMBER)
    form.edits["id_number"].editingFinished.emit()
    assert not form.errors["id_number"].isVisibleTo(counter)


@SQLITE_ONLY
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_commitment_acceptance_records_what_the_applicant_signed(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter, hall_db: Database,
        clock: FakeClock, ctx_for: Callable[[str], Ctx], monkeypatch: pytest.MonkeyPatch,
        lang: str) -> None:
    """The counter had no place for the commitment's text: the receipt printed stock
    wording. Now 告知承诺 asks for it, offering the usual wording for the materials — in
    Chinese, the receipt's language, on an English counter too (it offered English words
    around Chinese names, stored and printed so)."""
    from hallapp.ui.counter.dialogs import CommitmentDialog

    offered: list[list[str]] = []
    signed = "本人承诺住所（经营场所）使用证明真实有效，如有虚假愿承担撤销登记的责任。"

    def answer(cls: object, parent: object, materials: list[str]) -> str:
        offered.append(list(materials))
        return signed

    monkeypatch.setattr(CommitmentDialog, "ask", classmethod(answer))
    serve_ticket(ctx_for, clock)
    if lang == "en":
        set_language(qapp, "en")
    counter = make_counter()
    choose_item(qtbot, counter, "yxzrgs", "440300000000069391780001")
    fill_person(qtbot, counter)
    for code in ("M01", "M02", "M03", "M04", "M06"):
        cell_click(qtbot, counter, code, "received")
    cell_click(qtbot, counter, "M05", "commitment")
    qtbot.mouseClick(counter.intake.open_button, Qt.MouseButton.LeftButton)
    decisions = counter.intake.decisions
    qtbot.waitUntil(lambda: "accept_commitment" in decisions.allowed())
    with qtbot.waitSignal(counter.intake.document.printed, timeout=20000):
        qtbot.mouseClick(decisions.buttons["accept_commitment"], Qt.MouseButton.LeftButton)
    assert offered == [["住所（经营场所）使用证明"]]
    if lang == "zh":
        assert "受理回执已保存为 PDF：" in counter.intake.document.result.text()  # "receipt pdf:"
    [case] = cases_in(hall_db)
    assert case.state == "accepted"
    assert [m.get("commitment") for m in case.materials if m["code"] == "M05"] == [signed]


@SQLITE_ONLY
def test_field_errors_leave_the_form_buttons_clear_of_the_checklist(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: Callable[[str], Ctx],
        clock: FakeClock) -> None:
    """At 1280×800, two refusals under their fields grow the applicant form: it scrolls at
    most, and never slides under the checklist (its buttons were hidden there)."""
    serve_ticket(ctx_for, clock)
    counter = make_counter()
    intake = counter.intake
    intake.choose_item("440300000000069391780001", None)  # 有限责任公司设立登记: 7 materials
    qtbot.waitUntil(lambda: intake.open_button.isEnabled())
    type_chinese(intake.form.edits["name"], "张三")
    qtbot.keyClicks(intake.form.edits["id_number"], BAD_ID[:16])
    qtbot.keyClicks(intake.form.edits["phone"], "12345")
    qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.form.errors["phone"].isVisibleTo(counter))
    error = intake.form.errors["phone"]
    error.ensurePolished()  # red, as every error label (its own name lost the style's rule)
    assert error.palette().color(error.foregroundRole()).name() == "#c8102e"
    content = intake.top.widget()
    qtbot.waitUntil(lambda: intake.top.height() >= min(content.sizeHint().height(), TOP_MAX,
                                                       int(intake.height() * TOP_SHARE))
                    and intake.top.height() > 200)  # the form has grown by its two refusals
    qtbot.waitUntil(  # once the layout has settled (without the fix it never does)
        lambda: intake.top.geometry().bottom() < intake.checklist.geometry().top(), timeout=2000)
    button = intake.open_button  # under the scrolling part, always in sight
    assert button.visibleRegion().boundingRect().size() == button.size()


def test_journal_survives_restart_and_outage(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database, clock: FakeClock,
        ctx_for: Callable[[str], Ctx]) -> None:
    serve_ticket(ctx_for, clock)
    first = make_counter()
    choose_item(qtbot, first, "gsbg", TOLERANT_ITEM)
    fill_person(qtbot, first)
    cell_click(qtbot, first, "M02", "received")
    journal = first.intake.journal.path
    saved = json.loads(journal.read_text(encoding="utf-8"))
    assert saved["applicant"]["id_number"] == ID_NUMBER
    assert saved["marks"]["M02"]["status"] == "received"
    first.close()
    counter = make_counter()  # a restarted client
    intake = counter.intake
    qtbot.waitUntil(lambda: intake.item is not None)
    assert intake.form.edits["name"].text() == "张三"
    assert intake.form.edits["id_number"].text() == ID_NUMBER
    assert intake.checklist.model.row(1).status == "received"
    assert intake.notice.isVisibleTo(counter)
    qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.view is not None and not intake.busy)
    counter.feed.connection_lost.emit("database gone")
    assert counter.banner.isVisibleTo(counter)
    assert "连接已中断" in counter.banner.text()
    assert not any(b.isEnabled() for b in counter.controls.buttons.values())
    assert intake.decisions.allowed() == []
    cell_click(qtbot, counter, "M01", "received")
    assert json.loads(journal.read_text(encoding="utf-8"))["pending"] == ["M01"]
    counter.feed.connection_restored.emit()
    qtbot.waitUntil(lambda: not intake.draft.pending and not intake.busy)
    assert not counter.banner.isVisibleTo(counter)
    [case] = cases_in(hall_db)
    assert {m["code"]: m.get("status") for m in case.materials}["M01"] == "received"
    assert counter.controls.buttons["finish"].isEnabled()


def _result_ready_case(ctx_for: Callable[[str], Ctx], clock: FakeClock) -> str:
    serve_ticket(ctx_for, clock)
    clerk = ctx_for("clerk1")
    detail = cases.open_case(clerk, 1, TOLERANT_ITEM,
                             ApplicantInput("person", "张三", ID_NUMBER, "13812345678"))
    number = detail.case.number
    cases.record_checklist(clerk, number, [MaterialMark(m.code, "received", copies=1)
                                           for m in detail.materials if m.required])
    case_decide.decide(clerk, number, "accept")
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.approve(approver, number, "符合条件")
    return backoffice.mark_ready(approver, number).qr_payload


def test_delivery_by_scanned_receipt(qtbot: QtBot, make_counter: MakeCounter,
                                     hall_db: Database, clock: FakeClock,
                                     ctx_for: Callable[[str], Ctx]) -> None:
    payload = _result_ready_case(ctx_for, clock)
    counter = make_counter()
    counter.tabs.setCurrentWidget(counter.delivery)
    delivery = counter.delivery
    qtbot.keyClicks(delivery.scan, payload)  # the scanner types, then Enter
    qtbot.keyClick(delivery.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: delivery.model.rowCount() == 1)
    assert delivery.proof.text() == payload
    qtbot.mouseClick(delivery.deliver_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已出件" in delivery.result.text())
    [case] = cases_in(hall_db)
    assert case.state == "delivered"
    assert (case.delivery or {}).get("proof") == "qr"


@SQLITE_ONLY
def test_pause_with_reason_and_resume_by_key(qtbot: QtBot, make_counter: MakeCounter,
                                            monkeypatch: pytest.MonkeyPatch,
                                            ctx_for: Callable[[str], Ctx]) -> None:
    windows.open_window(ctx_for("clerk1"), 1)
    counter = make_counter()
    qtbot.waitUntil(lambda: counter.controls.buttons["pause"].isEnabled())
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "午休"))
    press(qtbot, counter, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: counter.state is not None and counter.state.state == "paused")
    assert "午休" in counter.header.state_label.text()
    assert not counter.controls.buttons["call_next"].isEnabled()
    assert counter.controls.buttons["pause"].text().startswith("恢复")
    assert counter.ticket.queue.text() == "窗口已暂停，按 F8 恢复后叫号"  # F1 does nothing now
    press(qtbot, counter, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: counter.state is not None and counter.state.state == "open")
    assert counter.ticket.queue.text() == "暂无正在办理的号，按 F1 叫号"


@SQLITE_ONLY
def test_recall_is_offered_only_below_the_halls_limit(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: Callable[[str], Ctx]) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    windows.recall(clerk, 1)
    windows.recall(clerk, 1)
    counter = make_counter()
    recall = counter.controls.buttons["recall"]
    qtbot.waitUntil(recall.isEnabled)  # 2 of the demo hall's 3
    press(qtbot, counter, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: counter.state is not None and counter.state.ticket is not None
                    and counter.state.ticket.recalls == 3)
    assert not recall.isEnabled()  # the limit: pass it as absent (F5) instead
    assert counter.controls.buttons["noshow"].isEnabled()


def test_a_suspended_and_a_passed_ticket_come_back_through_their_buttons(
        qtbot: QtBot, make_counter: MakeCounter, monkeypatch: pytest.MonkeyPatch,
        hall_db: Database, ctx_for: Callable[[str], Ctx]) -> None:
    """挂起恢复 and 过号恢复: the applicant is back at a window; the clerk types the number."""
    clerk, kiosk = ctx_for("clerk1"), ctx_for("kiosk1")
    windows.open_window(clerk, 1)
    for _ in range(4):
        tickets.take_ticket(kiosk, "A")
    windows.call_next(clerk, 1)
    windows.suspend(clerk, 1, "缺营业执照复印件")  # A001
    windows.call_next(clerk, 1)
    windows.noshow(clerk, 1)  # A002
    counter = make_counter()
    asked = answer_dialogs(monkeypatch, qtbot, TicketRefDialog, [{"ticket": "a002"}],
                           [{"ticket": "A001"}])
    buttons = counter.controls.buttons
    assert (buttons["resume_suspended"].text(), buttons["reactivate"].text()) == (
        "挂起恢复", "过号恢复")
    qtbot.waitUntil(lambda: buttons["reactivate"].isEnabled())
    buttons["reactivate"].click()
    qtbot.waitUntil(lambda: counter.message.text() == "A002 已回到队列，前面 2 人")
    buttons["resume_suspended"].click()
    qtbot.waitUntil(lambda: counter.message.text().startswith("A001 已回到队列"))
    assert [a["title"] for a in asked] == ["过号恢复", "挂起恢复"]
    with hall_db.read_session() as s:
        states = {n: st for n, st in s.execute(select(Ticket.number, Ticket.state))}
    assert states == {"A001": "waiting", "A002": "waiting", "A003": "waiting",
                      "A004": "waiting"}
    # A dialog cancelled: the previous command's refusal does not stay, as if about this one
    counter.message.setText("号码 Z999 不存在")
    monkeypatch.setattr(TicketRefDialog, "ask", classmethod(lambda cls, *a, **k: None))
    buttons["reactivate"].click()
    assert counter.message.text() == ""


@SQLITE_ONLY
def test_finish_and_call_next_by_one_key(qtbot: QtBot, make_counter: MakeCounter,
                                         hall_db: Database, clock: FakeClock,
                                         ctx_for: Callable[[str], Ctx]) -> None:
    serve_ticket(ctx_for, clock)  # A001 is being served at window 1
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    counter = make_counter()
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A001")
    assert counter.controls.buttons["finish_and_call_next"].text() == "办结并叫号  F10"
    press(qtbot, counter, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A002")
    with hall_db.read_session() as s:
        states = {n: st for n, st in s.execute(select(Ticket.number, Ticket.state))}
    assert states == {"A001": "done", "A002": "called"}
    press(qtbot, counter, Qt.Key.Key_F10)  # nobody waits: A002 is finished, nobody called
    qtbot.waitUntil(lambda: counter.message.text() == "A002 已办结；暂无等候")
    assert counter.ticket.ticket is None
    assert counter.controls.buttons["call_next"].isEnabled()


@SQLITE_ONLY
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_nothing_clipped(qtbot: QtBot, make_counter: MakeCounter, clock: FakeClock,
                         ctx_for: Callable[[str], Ctx], size: tuple[int, int]) -> None:
    serve_ticket(ctx_for, clock)
    counter = make_counter(size)
    counter.intake.choose_item(TOLERANT_ITEM, None)
    qtbot.waitUntil(lambda: counter.intake.checklist.model.rowCount() > 0)
    QApplication.processEvents()
    assert clipped(counter) == []
    counter.tabs.setCurrentWidget(counter.delivery)
    QApplication.processEvents()
    assert clipped(counter) == []


@SQLITE_ONLY
def test_models(qtbot: QtBot, qtmodeltester: Any, make_counter: MakeCounter, clock: FakeClock,
                ctx_for: Callable[[str], Ctx]) -> None:
    serve_ticket(ctx_for, clock)
    counter = make_counter()
    counter.intake.choose_item(TOLERANT_ITEM, None)
    qtbot.waitUntil(lambda: counter.intake.checklist.model.rowCount() > 0)
    checklist = counter.intake.checklist.model
    assert isinstance(checklist, ChecklistModel)
    queues = counter.queues.model
    assert isinstance(queues, QueueStatusModel)
    for model in (checklist, queues, CaseListModel()):
        qtmodeltester.check(model)
    assert queues.column("waiting") == 1
    assert checklist.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_decision_buttons_are_the_intake_rules_decisions_in_order(qtbot: QtBot) -> None:
    """The panel names its buttons itself (the intake rules load with the first case)."""
    panel = DecisionPanel()
    qtbot.addWidget(panel)
    assert list(panel.buttons) == list(panel.labels()) == list(DECISIONS)


class FlakyPrinter:
    """Jams once (like a printer out of paper), then saves PDFs."""

    def __init__(self, inner: PdfCaseDocumentPrinter) -> None:
        self.inner, self.jammed = inner, False

    def print_job(self, job: Any, *, reprint: bool = False) -> Any:
        if not self.jammed:
            self.jammed = True
            raise DomainError("打印机缺纸", code="print_failed")
        return self.inner.print_job(job, reprint=reprint)


@SQLITE_ONLY
def test_failed_print_offers_reprint(qtbot: QtBot, make_counter: MakeCounter, clock: FakeClock,
                                     ctx_for: Callable[[str], Ctx], tmp_path: Path) -> None:
    _result_ready_case(ctx_for, clock)
    counter = make_counter()
    status = counter.intake.document
    status.printer = FlakyPrinter(PdfCaseDocumentPrinter(counter.env.ctx, tmp_path / "again"))
    number = cases.list_cases(ctx_for("clerk1"))[0].number
    status.print_document("受理", number, "accept")
    qtbot.waitUntil(lambda: status.reprint_button.isVisibleTo(counter))
    assert "打印机缺纸" in status.error.text()
    with qtbot.waitSignal(status.printed, timeout=20000) as printed:
        qtbot.mouseClick(status.reprint_button, Qt.MouseButton.LeftButton)
    assert (printed.args[0].document, printed.args[0].reprint) == ("receipt", True)
    assert not status.reprint_button.isVisibleTo(counter)


@SQLITE_ONLY
def test_a_profile_changed_by_the_supervisor_shows_at_the_counter(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: Callable[[str], Ctx]) -> None:
    """The 本窗口队列 panel lists the queues of the window's work profile; a change made on
    the supervisor's board reaches it with the feed's event (read once at start before)."""
    from datetime import UTC, datetime

    from hallapp.services import supervisor
    from hallapp.services.feed import FeedEvent
    from hallapp.services.supervisor import ProfileEntryInput

    counter = make_counter()
    assert counter.profile == ["A", "B"]
    supervisor.change_profile(ctx_for("supervisor1"), 1, [ProfileEntryInput("D")],
                              mode="precedence", reason="户政排队长，临时支援")
    counter.feed.events_arrived.emit([FeedEvent(
        1, datetime.now(UTC), "window_changed", {"window": 1, "profile": True})])
    qtbot.waitUntil(lambda: counter.profile == ["D"])
    qtbot.waitUntil(lambda: [q.code for q in counter.queues.model.rows()] == ["D"])
