"""The counter on a closed day (日终闭厅): 开窗 was on, and refused when pressed ("今日已日终
闭厅，窗口不再开放"), while the ticket panel said "点“开窗”后叫号". It is off now, the panel
says the day is closed, and the day reopened by the supervisor turns it on again. SQLite
only: the widgets, not the engines, are under test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import MakeCounter, counters
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import day
from hallapp.services.context import Ctx, Database

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def test_open_is_off_on_a_closed_day_and_on_again_when_reopened(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: Callable[[str], Ctx]) -> None:
    boss = ctx_for("supervisor1")
    day.close_day(boss)
    counter = make_counter()
    opening = counter.controls.buttons["open"]
    assert not opening.isEnabled()
    assert counter.ticket.queue.text() == "今日已日终闭厅，窗口不再开放"
    day.reopen_day(boss, "误点日终")
    counter.refresh()  # the change feed's day_reopened does so (not started here)
    qtbot.waitUntil(lambda: opening.isEnabled())
    assert counter.ticket.queue.text() == "窗口未开放，点“开窗”后叫号"
