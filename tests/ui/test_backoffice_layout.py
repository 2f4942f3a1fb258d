"""The back office fits 1280x800 in both languages with a long item name open.

The open case's title (``SZFT-… · item name``) was neither elided nor wrapped: in English a
long name made the window's minimum width 1317 px, and in both languages the splitter
squeezed the queue until the applicant, the state and the time left were out of sight.
SQLite only: a layout, not the database.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from backofficekit import Desk, desks, open_in_desk
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uikit import clipped, cut_cells

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import COMMITMENT, PLAIN, TOLERANT, CtxFor, accepted_case

from hallapp.services import backoffice, case_clock

KEPT = ("number", "item", "applicant", "state", "remaining")
LONG_NAMES = {"zh": "企业注销登记（含简易注销、普通注销、分支机构注销）",
              "en": "Deregistration of an enterprise (simplified, ordinary, branch)"}


@pytest.fixture(params=["zh", "en"])
def make_desk(request: pytest.FixtureRequest, qtbot: QtBot, qapp: QApplication,
              ctx_for: CtxFor, tmp_path: Path) -> Iterator[Desk]:
    yield from desks(qtbot, ctx_for, tmp_path, request.param)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_long_item_name_fits_1280x800(qtbot: QtBot, qapp: QApplication, make_desk: Desk,
                                        ctx_for: CtxFor) -> None:
    approver = ctx_for("approver_szamr")
    number = accepted_case(ctx_for, PLAIN, seq=81)  # the longest name of the demo items
    backoffice.claim(approver, number)
    case_clock.start_special(approver, number, "现场核查经营场所")  # a long state, too
    decided = accepted_case(ctx_for, COMMITMENT, decision="accept_commitment", seq=82,
                            M05="commitment")  # 告知承诺受理: a long action in the history
    backoffice.claim(approver, decided)
    backoffice.approve(approver, decided)
    desk = make_desk()
    open_in_desk(qtbot, desk, number)
    for _ in range(3):
        QApplication.processEvents()
    assert desk.minimumSizeHint().width() <= 1280
    assert desk.size() == QSize(1280, 800)
    title = desk.detail.title
    assert title.text() == f"{number} · {LONG_NAMES[qapp.property('hallapp_lang')]}"
    assert title.shown_text().endswith("…")
    assert title.toolTip() == title.text()  # the whole title on hover
    assert clipped(desk, tables=True) == []
    table, model = desk.queue.table, desk.queue.model
    assert [c for c in KEPT if table.isColumnHidden(model.column(c))] == []
    assert cut_cells(table, model.column("applicant")) == []  # the others fit their text
    open_in_desk(qtbot, desk, decided)
    for _ in range(3):
        QApplication.processEvents()
    assert clipped(desk, tables=True) == []  # the history's headers too


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_item_column_takes_the_spare_width(qtbot: QtBot, qapp: QApplication,
                                               make_desk: Desk, ctx_for: CtxFor) -> None:
    """At 1920 wide the item names read "Establishment …" in a 170 px column (wrapped at
    their first word, in a one-line row), while the optional columns kept their room."""
    accepted_case(ctx_for, PLAIN, seq=81)  # the longest name: may end in "…" at 1920
    accepted_case(ctx_for, COMMITMENT, decision="accept_commitment", seq=82,
                  M05="commitment")
    accepted_case(ctx_for, TOLERANT, seq=83)
    desk = make_desk(size=(1920, 1080))
    table, model = desk.queue.table, desk.queue.model
    item = model.column("item")
    for _ in range(3):
        QApplication.processEvents()
    assert not table.wordWrap()  # a cut name ends in "…" where it is cut, not after a word
    names = [str(model.index(r, item).data()) for r in range(model.rowCount())]
    assert [n for n in cut_cells(table, item) if n != max(names, key=len)] == []
    assert table.columnWidth(item) >= 300
    for size in ((1280, 800), (1366, 768)):  # the rest still readable
        desk.resize(*size)
        for _ in range(3):
            QApplication.processEvents()
        assert [c for c in KEPT if table.isColumnHidden(model.column(c))] == [], size
        assert cut_cells(table, model.column("applicant")) == [], size
        assert table.columnWidth(item) >= 160, size
