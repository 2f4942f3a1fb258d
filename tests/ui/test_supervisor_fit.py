"""The supervisor's tables at 1280×800, in Chinese and in English, show what they hold.

The board's alerts repeated their subject (a column of its own, then the message's start),
cut the message short ("深圳市市场监督管理局：59 …") and, in English, left it behind a
sideways scroll bar; the KPI table hid columns in every language by item, and in English by
queue (Overdue %, Good %, Poor fixed). SQLite only: the services are tested on both engines.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from supervisorkit import MakeBoard, supervisors
from uikit import cut_cells, cut_table

from hallapp.core.errors import DomainError
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.services.kpi_live import DIMS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, accepted_case
from kpikit import busy_day

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
LANGS = pytest.mark.parametrize("lang", ["zh", "en"])


@pytest.fixture
def make_board(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
               tmp_path: Path) -> Iterator[MakeBoard]:
    """The supervisor's window at 1280×800 in a language, loaded."""
    boards = supervisors(qtbot, hall_db, clock, tmp_path)
    make_board = next(boards)
    yield lambda lang, size=(1280, 800): make_board(size, lang=lang)
    next(boards, None)


@SQLITE_ONLY
@LANGS
def test_the_boards_alerts_read_whole(make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
                                      clock: FakeClock, lang: str) -> None:
    accepted_case(ctx_for, PLAIN)  # SZAMR's, due in 1 working day: overdue 3 days on
    clock.advance(days=3)
    tickets.take_ticket(ctx_for("kiosk1"), "B")  # 09:00, and nobody serves B
    clock.advance(minutes=30)
    board = make_board(lang).board
    table, model = board.alerts_table, board.alerts_model
    QApplication.processEvents()
    lines = {a.kind: model.data(model.index(n, 0)) for n, a in enumerate(model.rows())}
    assert model.columnCount() == 1  # the message names its subject
    assert lines["wait_over_target"].startswith("09:00  B ")  # when the wait began
    department = ("深圳市市场监督管理局：" if lang == "zh"
                  else "Shenzhen Administration for Market Regulation: ")
    assert lines["case_overdue"].startswith(department)  # no time: a count of cases
    assert cut_table(table) == []
    assert cut_cells(table, 0) == []


@SQLITE_ONLY
@LANGS
def test_the_kpi_table_shows_every_column_in_every_view(
        qtbot: QtBot, make_board: MakeBoard, ctx_for: Callable[[str], Ctx],
        clock: FakeClock, lang: str) -> None:
    busy_day(ctx_for, clock)
    window = make_board(lang)
    kpi = window.kpi
    window.tabs.setCurrentWidget(kpi)
    day = date(2026, 11, 24)
    for by in DIMS:
        kpi.set_period(day, day, by)
        qtbot.waitUntil(lambda by=by: not kpi.busy and kpi.report is not None
                        and kpi.report.by == by)
        QApplication.processEvents()
        assert kpi.model.rowCount() > 0, by
        assert cut_table(kpi.table) == [], by
        names = kpi.table.columnWidth(0)
        assert names >= 200, (by, names)  # the names keep room, cut short with "…" at worst
        full = kpi.model.data(kpi.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
        assert full == kpi.model.data(kpi.model.index(0, 0)), by  # the name whole


@SQLITE_ONLY
@LANGS
def test_the_board_shows_every_window_and_queue_at_1366_by_768(
        make_board: MakeBoard, ctx_for: Callable[[str], Ctx], lang: str) -> None:
    """In English the windows' and queues' names wrap; the 14th window and the last queue
    went behind scroll bars, beside empty status lines and empty alert lines."""
    for queue in "ABCDEF" * 2:
        tickets.take_ticket(ctx_for("kiosk1"), queue)
    for n in range(1, 7):  # clerks and tickets at the windows: the columns beside the names
        clerk = ctx_for(f"clerk{n}")
        windows.open_window(clerk, n)
        windows.call_next(clerk, n)
    windows.pause(ctx_for("clerk5"), 5, "业务培训")
    window = make_board(lang, (1366, 768))
    board = window.board
    assert window.message.isHidden()  # nothing failed: no empty line under the tabs
    for _ in range(3):  # the rows take their wrapped heights over a few event-loop turns
        QApplication.processEvents()
    for table in (board.windows_table, board.queues_table):
        rows = sum(table.rowHeight(r) for r in range(table.model().rowCount()))
        assert rows <= table.viewport().height(), type(table.model()).__name__


def busy_morning(ctx_for: Callable[[str], Ctx]) -> None:
    """Every window open, a clerk and (where one waits) a ticket at each, window 5 paused."""
    for queue in "ABCDEFZ" * 3:
        tickets.take_ticket(ctx_for("kiosk1"), queue)
    for n in range(1, 15):
        clerk = ctx_for(f"clerk{n}")
        windows.open_window(clerk, n)
        with contextlib.suppress(DomainError):  # nothing waiting for this window
            windows.call_next(clerk, n)
    windows.pause(ctx_for("clerk5"), 5, "业务培训")


@SQLITE_ONLY
@LANGS
def test_all_14_windows_show_on_a_busy_morning_at_1366_by_768(
        make_board: MakeBoard, ctx_for: Callable[[str], Ctx], lang: str) -> None:
    """Every window open, a clerk and a ticket at each: in English long names wrapped onto
    three lines, and two of them hid the 14th window. One line per window now, a name cut
    short ending in "…", whole in its tooltip."""
    busy_morning(ctx_for)
    board = make_board(lang, (1366, 768)).board
    for _ in range(3):
        QApplication.processEvents()
    table, model = board.windows_table, board.windows_model
    assert model.rowCount() == 14
    rows = sum(table.rowHeight(r) for r in range(model.rowCount()))
    assert rows <= table.viewport().height()
    assert not table.wordWrap()
    assert max(table.rowHeight(r) for r in range(14)) == min(table.rowHeight(r) for r in range(14))
    for r in range(14):
        name = model.index(r, model.column("window"))
        assert name.data(Qt.ItemDataRole.ToolTipRole) == name.data()


@SQLITE_ONLY
@pytest.mark.parametrize(("lang", "size"), [("zh", (1920, 1080)), ("zh", (1366, 768)),
                                            ("zh", (1280, 800)), ("en", (1920, 1080))])
def test_the_window_names_show_whole_on_a_busy_morning(
        make_board: MakeBoard, ctx_for: Callable[[str], Ctx], lang: str,
        size: tuple[int, int]) -> None:
    """The names were cut hard even in Chinese at 1280×800 ("1 综合受理1…" in 110 px) while
    the holder's cell said 李明（自 10:30） and the profile's 比例 A:2 B:1. Those are short
    now (李明 10:30, A:2 B:1, C > E), in words in their tooltips, and the name has the room.
    (In English at 1366×768 the longest, "13 Vehicles and driving licences", still ends in "…".)"""
    busy_morning(ctx_for)
    board = make_board(lang, size).board
    for _ in range(3):
        QApplication.processEvents()
    table, model = board.windows_table, board.windows_model
    assert cut_table(table) == []
    assert cut_cells(table, model.column("window")) == []
    row = next(r for r, w in enumerate(model.rows()) if w.number == 1)
    holder = model.index(row, model.column("clerk"))
    name = ctx_for("clerk1").actor.name
    assert holder.data() == f"{name} 09:00"
    assert holder.data(Qt.ItemDataRole.ToolTipRole) == (
        f"{name}（自 09:00）" if lang == "zh" else f"{name} (since 09:00)")
    profile = model.index(row, model.column("queues"))
    assert profile.data() == "A:2 B:1"
    assert profile.data(Qt.ItemDataRole.ToolTipRole).endswith(" A:2 B:1")
