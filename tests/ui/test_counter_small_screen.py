"""The counter on a 1366×768 desktop (about 700 px left under the taskbar and title bar).

The window asked for 727 px at least; the intake's buttons scrolled out of sight with the
item and applicant, the agent's fields and their red messages went below the fold and a
refused 登记收件 did not scroll to them, and the checklist showed one or two of its rows
(then five, beside empty lines under the decision buttons).
Driven with pytest-qt on the demo hall (SQLite only: the layout is under test).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import MakeCounter, counters, fill_person, in_english
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hallapp.core.errors import DomainError
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.services.window_holder import claim_window

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])
TEN_MATERIALS = "440300000000069392144001"  # 国有建设用地使用权及房屋所有权转移登记


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def in_sight(widget: QWidget) -> bool:
    """Wholly shown: not scrolled or cut away by any scroll area or panel above it."""
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


def test_an_intake_with_an_agent_fits_1366_by_768(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: Callable[[str], Ctx]) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    for queue in "AAB":
        tickets.take_ticket(ctx_for("kiosk1"), queue)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    counter = make_counter((1366, 768))
    assert counter.minimumSizeHint().height() <= 680  # what a 768 px screen leaves, at most
    intake = counter.intake
    intake.choose_item(TEN_MATERIALS, None)
    qtbot.waitUntil(lambda: intake.open_button.isEnabled())
    fill_person(qtbot, counter)
    qtbot.mouseClick(intake.form.agent_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    error = intake.form.errors["agent_name"]
    qtbot.waitUntil(lambda: in_sight(error))  # scrolled to, with its field
    assert in_sight(intake.form.edits["agent_name"])
    assert intake.form.edits["agent_name"].hasFocus()
    for button in (intake.open_button, intake.discard_button):
        assert in_sight(button)
    assert in_sight(intake.message)
    table = intake.checklist.table
    # six of its ten rows: the empty lines under the decision buttons (秒批 note, print
    # result) no longer take the room of one
    assert table.viewport().height() >= 6 * table.rowHeight(0)
    queues = counter.queues
    table = next(t for t in queues.findChildren(type(table)))
    assert table.viewport().height() >= 2 * table.rowHeight(0)  # both of the window's queues



def test_the_ticket_number_gets_its_full_height_at_1366_by_768_in_english(
        qapp: QApplication, make_counter: MakeCounter, ctx_for: Callable[[str], Ctx]) -> None:
    """The very large number was a few pixels short (84 of 85) at a window another clerk
    holds, with a green-channel ticket recalled (two lines of marks): the empty message
    line under the buttons took the room."""
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A", priority="pregnant")
    windows.call_next(clerk, 1)
    windows.recall(clerk, 1)
    with in_english(qapp):
        counter = make_counter((1366, 768), user="clerk2")  # clerk1 holds window 1
        for _ in range(3):
            QApplication.processEvents()
        ticket = counter.ticket
        assert ticket.marks.text() == "Green channel: Pregnant or with infant · Recalled 1×"
        assert ticket.number.height() >= ticket.number.sizeHint().height()
        assert counter.controls.height() >= counter.controls.sizeHint().height()
        assert counter.message.isHidden()  # nothing to say
        counter.message.setText("A message")
        assert counter.message.isVisibleTo(counter)
        counter.message.clear()
        assert counter.message.isHidden()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_refusal_leaves_the_ticket_number_its_height_at_1366_by_768(
        qapp: QApplication, make_counter: MakeCounter, ctx_for: Callable[[str], Ctx],
        lang: str) -> None:
    """At a window another clerk holds, a green-channel ticket recalled there: a refusal of
    several lines under the buttons took its height from the ticket, whose number shrank
    to 41 px. The window's queues give it up now, and a longer one scrolls in its place."""
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A", priority="pregnant")
    windows.call_next(clerk, 1)
    windows.recall(clerk, 1)
    with in_english(qapp) if lang == "en" else contextlib.nullcontext():
        counter = make_counter((1366, 768), user="clerk2")  # clerk1 holds window 1
        with pytest.raises(DomainError) as refused:  # the ticket was called meanwhile
            claim_window(ctx_for("clerk2"), 1, replacing="clerk1")
        counter.holder._on_claim_failed(refused.value)
        ticket, message = counter.ticket, counter.message
        for text in (message.text(), message.text() * 4):  # two lines; a long one
            message.setText(text)
            for _ in range(3):
                QApplication.processEvents()
            assert message.isVisibleTo(counter)
            assert ticket.number.height() >= ticket.number.sizeHint().height(), text
            assert ticket.height() >= ticket.heightForWidth(ticket.width())
            assert counter.controls.height() >= counter.controls.sizeHint().height()
            assert in_sight(message) or message.visibleRegion().boundingRect().height() >= 40
