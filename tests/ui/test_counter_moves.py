"""The counter says what became of a ticket that left the window (transfer, no-show, suspend):
the ticket panel only empties, and the clerk must be able to tell the applicant where to go."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import MakeCounter, answer_dialogs, counters, in_english
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.ui.counter.dialogs import ReasonDialog, TransferDialog

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


@SQLITE_ONLY
def test_the_clerk_is_told_where_a_ticket_went(
        qtbot: QtBot, make_counter: MakeCounter, monkeypatch: pytest.MonkeyPatch,
        ctx_for: Callable[[str], Ctx]) -> None:
    clerk, kiosk = ctx_for("clerk1"), ctx_for("kiosk1")
    windows.open_window(clerk, 1)
    windows.open_window(ctx_for("clerk3"), 3)
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")
    windows.call_next(clerk, 1)  # A001
    counter = make_counter()
    buttons = counter.controls.buttons

    def press(name: str) -> None:
        qtbot.waitUntil(lambda: buttons[name].isEnabled())
        buttons[name].click()

    def transfer_to(queue: str, window: int | None) -> None:
        answer_dialogs(monkeypatch, qtbot, TransferDialog,
                       [{"queue": queue, "window": "" if window is None else str(window)}])
        press("transfer")

    transfer_to("C", None)  # a queue window 1 does not serve
    qtbot.waitUntil(
        lambda: counter.message.text() == "A001 已转至 社保医保公积金人才，前面 0 人")
    press("call_next")
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A002")
    transfer_to("B", 3)
    qtbot.waitUntil(
        lambda: counter.message.text() == "A002 已转至 不动产登记（3 号窗口），前面 0 人")
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "多次呼叫未到"))
    press("call_next")
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A003")
    press("noshow")
    qtbot.waitUntil(lambda: counter.message.text() == "A003 已过号")
    qtbot.waitUntil(lambda: counter.ticket.ticket is None)


@SQLITE_ONLY
def test_an_english_counter_names_the_queue_a_ticket_went_to_in_english(
        qtbot: QtBot, qapp: QApplication, make_counter: MakeCounter,
        monkeypatch: pytest.MonkeyPatch, ctx_for: Callable[[str], Ctx]) -> None:
    """The names came from the 取号 tab, read only once it was opened: "… to 社保医保…"."""
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    with in_english(qapp):
        counter = make_counter()
        button = counter.controls.buttons["transfer"]
        qtbot.waitUntil(button.isEnabled)
        answer_dialogs(monkeypatch, qtbot, TransferDialog, [{"queue": "C"}])
        button.click()
        qtbot.waitUntil(lambda: counter.message.text().startswith("A001 "))
        message = counter.message.text()
    assert "C" not in counter.desk.queue_names  # the 取号 tab was never opened
    assert not CJK.search(message), message
