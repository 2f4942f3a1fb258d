"""The supervisor's window left open across midnight follows the hall day.

Opened on 31 December and left running over the weekend, its 今天 still queried 31 December
and 本年 the old year, and the export dialog and the planner offered the old day: "today"
was read once, when the window opened. SQLite only: the figures' services are tested on both
engines in tests/services.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import FakeClock
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from supervisorkit import supervisors

from hallapp.services.context import Database
from hallapp.ui.supervisor.dialogs import ExportDialog
from hallapp.ui.supervisor.window import SupervisorWindow

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
MONDAY_EVENING = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # 17:00 in Shanghai
TUESDAY_MORNING = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
MONDAY, TUESDAY = date(2026, 11, 30), date(2026, 12, 1)


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
           tmp_path: Path) -> Iterator[SupervisorWindow]:
    clock.now = MONDAY_EVENING
    boards = supervisors(qtbot, hall_db, clock, tmp_path, refresh_ms=100)
    yield next(boards)(None)
    next(boards, None)


def _query(qtbot: QtBot, window: SupervisorWindow, button: str) -> tuple[date, date]:
    kpi = window.kpi
    kpi.report = None
    kpi.buttons[button].click()
    qtbot.waitUntil(lambda: kpi.report is not None and not kpi.busy, timeout=60_000)  # a year
    assert kpi.report is not None
    return kpi.report.start, kpi.report.end


@SQLITE_ONLY
def test_today_month_and_year_are_the_hall_day_now_not_when_the_window_opened(
        qtbot: QtBot, window: SupervisorWindow, clock: FakeClock) -> None:
    assert _query(qtbot, window, "today") == (MONDAY, MONDAY)
    clock.now = TUESDAY_MORNING  # the window stayed open overnight
    assert _query(qtbot, window, "today") == (TUESDAY, TUESDAY)
    assert _query(qtbot, window, "month") == (TUESDAY, TUESDAY)
    assert _query(qtbot, window, "year") == (date(2026, 1, 1), TUESDAY)


@SQLITE_ONLY
def test_a_view_of_today_the_planner_and_the_export_move_on_at_midnight(
        qtbot: QtBot, window: SupervisorWindow, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.kpi.period()[:2] == (MONDAY, MONDAY)
    clock.now = TUESDAY_MORNING
    # Nobody touches the window: the figures shown as 今天 become the new day's.
    qtbot.waitUntil(lambda: window.kpi.period()[:2] == (TUESDAY, TUESDAY))
    qtbot.waitUntil(lambda: window.kpi.report is not None and window.kpi.report.end == TUESDAY)
    planner_day = window.planner.day.date()
    assert (planner_day.year(), planner_day.month(), planner_day.day()) == (2026, 12, 1)
    assert window.planner.profile is None  # not read before the tab is shown
    offered: list[date] = []

    def ask(_cls: object, _parent: QWidget, today: date, _folder: Path) -> None:
        offered.append(today)

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    window.kpi.buttons["export"].click()
    assert offered == [TUESDAY]


@SQLITE_ONLY
def test_a_period_the_supervisor_chose_stays_chosen_at_midnight(
        qtbot: QtBot, window: SupervisorWindow, clock: FakeClock) -> None:
    week = (date(2026, 11, 23), date(2026, 11, 27))
    window.kpi.set_period(*week)
    qtbot.waitUntil(lambda: window.kpi.report is not None and window.kpi.report.end == week[1])
    clock.now = TUESDAY_MORNING
    qtbot.waitUntil(lambda: window.today.day == TUESDAY)
    assert window.kpi.period()[:2] == week
