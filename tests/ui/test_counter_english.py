"""The counter in English (``hallapp run counter --lang en``): refusals, why a decision is
closed, and the hall's names, as a clerk whose counter runs in English sees them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import (
    ID_NUMBER,
    MakeCounter,
    counters,
    in_english,
    register_with_a_missing_material,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uikit import cut_cells

from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


@SQLITE_ONLY
def test_a_refusal_reads_in_english_at_an_english_counter(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter,
        ctx_for: Callable[[str], Ctx]) -> None:
    """A clerk whose counter runs in English (``hallapp run counter --lang en``)."""
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    for _ in range(2):
        windows.recall(clerk, 1)
    with in_english(qapp):
        counter = make_counter()
        qtbot.waitUntil(lambda: counter.controls.buttons["recall"].isEnabled())
        windows.recall(clerk, 1)  # the third, the demo hall's limit, before the screen knows
        qtbot.mouseClick(counter.controls.buttons["recall"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(counter.message.text()))
        assert counter.message.text() == ("Ticket A001 has been recalled 3 times, the limit; "
                                          "pass it as absent.")


@SQLITE_ONLY
def test_queues_and_green_channels_go_by_their_english_names_at_an_english_counter(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter,
        ctx_for: Callable[[str], Ctx]) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A", priority="disabled")
    windows.call_next(clerk, 1)
    with in_english(qapp):
        counter = make_counter()
        qtbot.waitUntil(lambda: counter.ticket.ticket is not None)
        assert counter.ticket.queue.text() == "A Business registration"
        assert counter.header.title.text() == "Window 1 · Service window 1"
        assert "Disabled" in counter.ticket.marks.text()
        model = counter.queues.model
        assert [model.data(model.index(row, 0)) for row in range(model.rowCount())] == [
            "A Business registration", "B Real estate registration"]
        assert "A Business registration" in counter.controls.queues
    counter = make_counter()  # in Chinese, the names as the hall wrote them
    qtbot.waitUntil(lambda: counter.ticket.ticket is not None)
    assert counter.ticket.queue.text() == "A 商事登记"
    assert "残疾人" in counter.ticket.marks.text()


@SQLITE_ONLY
def test_why_a_decision_is_closed_reads_in_english_at_an_english_counter(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter,
        ctx_for: Callable[[str], Ctx]) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A", id_number=ID_NUMBER)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    with in_english(qapp):
        counter = make_counter()
        qtbot.waitUntil(lambda: counter.intake.ticket is not None
                        and counter.intake.ticket.state == "serving")
        register_with_a_missing_material(qtbot, counter)
        hits = counter.intake.picker.hits  # the search's items and departments, in English
        assert "Change registration of a company (Shenzhen Administration for Market " \
               "Regulation)" in [hits.item(i).text() for i in range(hits.count())]
        # the item and its materials by their English names too
        assert counter.intake.picker.chosen.text() == "Item: Change registration of a company"
        checklist = counter.intake.checklist.model
        names = [checklist.data(checklist.index(row, 0)) for row in range(checklist.rowCount())]
        assert len(names) == 6
        assert [n for n in names if re.search(r"[\u4e00-\u9fff]", n)] == []
        decisions = counter.intake.decisions
        assert decisions.buttons["accept"].toolTip() == "Some materials are missing."
        assert ": This service item cannot be completed on the spot." in (
            decisions.reasons.text())
        assert not re.search(r"[\u4e00-\u9fff]", decisions.reasons.text())




def test_the_commitment_wording_offered_is_the_receipts_chinese(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    """The receipt is always in Chinese: the wording offered on an English counter read "I
    declare that 住所（经营场所）使用证明 is true…", stored and printed as the applicant's."""
    from hallapp.ui.counter.dialogs import CommitmentDialog

    monkeypatch.setattr(CommitmentDialog, "run",
                        lambda self: {"commitment": self.edits["commitment"].text()})
    with in_english(qapp):
        assert CommitmentDialog.ask(None, ["住所（经营场所）使用证明"]) == (
            "本人承诺：住所（经营场所）使用证明真实有效，如有虚假，愿承担相应法律责任。")


@SQLITE_ONLY
def test_the_queues_english_names_are_whole_at_1366_by_768(
        qapp: QApplication, make_counter: MakeCounter) -> None:
    """The window's queues beside the English headers ended in "…" ("A Business ···"): they
    wrap onto a second line, as on the supervisor's board."""
    with in_english(qapp):
        counter = make_counter((1366, 768))
        table, model = counter.queues.table, counter.queues.model
        QApplication.processEvents()
        names = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
        assert "A Business registration" in names
        assert cut_cells(table, 0) == []
