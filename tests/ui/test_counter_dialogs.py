"""指定叫号, 转移 and 过号恢复 wait in their dialog for the service: the dialog closed before
the service answered, so a refusal (the ticket called at another window, a paused window, a
window that does not exist) came back on the counter's message line with the dialog gone and
what the clerk had typed lost. Now the dialog stays open, busy, until the service answers,
closes only on success, and says the refusal under the field it concerns, the input kept.

Driven through the real dialogs (their fields and OK button) on a counter at window 1 of the
demo hall, with real services; both engines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import MakeCounter, answer_dialogs, counters
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.ui.counter.dialogs import CallTicketDialog, TicketRefDialog, TransferDialog
from hallapp.ui.counter.window import CounterWindow

CtxFor = Callable[[str], Ctx]


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def press(qtbot: QtBot, counter: CounterWindow, name: str) -> None:
    button = counter.controls.buttons[name]
    qtbot.waitUntil(button.isEnabled)
    button.click()


def test_a_ticket_called_elsewhere_is_refused_in_the_call_dialog_and_another_called(
        qtbot: QtBot, make_counter: MakeCounter, monkeypatch: pytest.MonkeyPatch,
        ctx_for: CtxFor) -> None:
    clerk1, clerk2 = ctx_for("clerk1"), ctx_for("clerk2")
    windows.open_window(clerk1, 1)
    windows.open_window(clerk2, 2)
    for _ in range(3):
        tickets.take_ticket(ctx_for("kiosk1"), "A")
    counter = make_counter()
    windows.call_ticket(clerk2, 2, "A002", "预约到场")  # meanwhile, at window 2
    seen = answer_dialogs(monkeypatch, qtbot, CallTicketDialog, [
        {"ticket": "a002", "reason": "预约到场"}, {"ticket": "A003"}])
    press(qtbot, counter, "call_ticket")
    qtbot.waitUntil(lambda: counter.ticket.number.text() == "A003")
    refused, called = seen
    assert not refused["closed"]
    assert refused["values"] == {"ticket": "a002", "reason": "预约到场"}  # kept
    assert refused["errors"] == {"ticket": "号码 A002 不在等候中"}
    assert refused["message"] == ""
    assert called["closed"]
    assert called["errors"] == {}
    assert counter.message.text() == ""  # said in the dialog, not behind it


def test_a_paused_window_is_said_in_the_call_dialog(
        qtbot: QtBot, make_counter: MakeCounter, monkeypatch: pytest.MonkeyPatch,
        ctx_for: CtxFor) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    counter = make_counter()
    windows.pause(clerk, 1, "午休")  # on another screen of the clerk's, not seen here yet
    seen = answer_dialogs(monkeypatch, qtbot, CallTicketDialog,
                          [{"ticket": "A001", "reason": "预约到场"}])
    press(qtbot, counter, "call_ticket")
    qtbot.waitUntil(lambda: len(seen) == 1)
    (refused,) = seen
    assert not refused["closed"]
    assert refused["errors"] == {}
    assert "暂停" in refused["message"], refused
    assert refused["values"] == {"ticket": "A001", "reason": "预约到场"}
    qtbot.waitUntil(lambda: not counter.controls.busy)
    assert counter.ticket.ticket is None


def test_a_transfer_refused_for_its_window_stays_in_the_dialog_until_it_goes(
        qtbot: QtBot, make_counter: MakeCounter, monkeypatch: pytest.MonkeyPatch,
        ctx_for: CtxFor) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    counter = make_counter()
    seen = answer_dialogs(monkeypatch, qtbot, TransferDialog, [
        {"window": "99", "reason": "应到其他窗口办理"},  # no such window
        {"window": "4"},  # serves neither A nor B
        {"window": "2"},  # serves A, but closed
        {"window": "", "queue": "B"}])
    press(qtbot, counter, "transfer")
    qtbot.waitUntil(lambda: counter.message.text() == "A001 已转至 不动产登记，前面 0 人")
    assert [s["closed"] for s in seen] == [False, False, False, True]
    assert seen[0]["errors"] == {"window": "窗口 99 不存在"}
    assert seen[1]["errors"] == {"window": "4 号窗口不办理 商事登记 队列，无法转移"}
    assert seen[2]["errors"] == {"window": "2 号窗口未开放，不能转到该窗口"}
    assert seen[2]["values"] == {"queue": "", "window": "2", "reason": "应到其他窗口办理"}


def test_a_ticket_not_passed_is_refused_in_the_reactivate_dialog(
        qtbot: QtBot, make_counter: MakeCounter, monkeypatch: pytest.MonkeyPatch,
        ctx_for: CtxFor) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    for _ in range(2):
        tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    windows.noshow(clerk, 1, "多次呼叫未到")  # A001
    counter = make_counter()
    seen = answer_dialogs(monkeypatch, qtbot, TicketRefDialog,
                          [{"ticket": "A009"}, {"ticket": "A002"}, {"ticket": "A001"}])
    press(qtbot, counter, "reactivate")
    qtbot.waitUntil(lambda: counter.message.text().startswith("A001 已回到队列"))
    assert seen[0]["errors"] == {"ticket": "号码 A009 不存在"}
    assert seen[1]["errors"] == {"ticket": "号码 A002 不是过号状态，不能重新激活"}
    assert seen[1]["values"] == {"ticket": "A002"}
    assert seen[2]["closed"]
