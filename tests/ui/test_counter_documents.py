"""What a window decision hands the applicant: after 容缺受理, the receipt and the notice of
what is owed by when.

The counter printed only the 受理回执 ("容缺后补", no date): the 容缺受理补交材料通知书 with
the deadline existed only on the command line (``print notice REF supplement``), and the
screen did not say the date either. Driven with pytest-qt on the demo hall; documents are
saved as PDFs into the test's folder.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from counterkit import MakeCounter, counters, register_with_a_missing_material
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from docreader import pdf_text

from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Case, PrintLog
from hallapp.ui.counter.printing import PdfCaseDocumentPrinter


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


def test_a_tolerant_acceptance_hands_over_the_supplement_notice_with_its_date(
        qtbot: QtBot, make_counter: MakeCounter, hall_db: Database,
        ctx_for: Callable[[str], Ctx]) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    counter = make_counter()
    register_with_a_missing_material(qtbot, counter)  # M03 missing: 容缺 is open
    status = counter.intake.document
    printed: list[str] = []
    status.printed.connect(lambda record: printed.append(record.document))
    qtbot.waitUntil(lambda: "accept_tolerant" in counter.intake.decisions.allowed())
    qtbot.mouseClick(counter.intake.decisions.buttons["accept_tolerant"],
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=30000)
    assert printed == ["receipt", "notice_supplement"]
    with hall_db.read_session() as s:
        case = s.scalars(select(Case)).one()
        logged = s.scalars(select(PrintLog.document).where(PrintLog.ref == case.number)
                           .order_by(PrintLog.id)).all()
    assert case.supplement_deadline is not None
    due = case.supplement_deadline.astimezone(counter.intake.zone)
    assert logged == ["receipt", "notice_supplement"]
    shown = status.result.text()  # on the screen too, to tell the applicant
    assert f"1 项容缺材料须于 {due:%Y-%m-%d} 前补交" in shown
    assert "容缺受理补交材料通知书已保存为 PDF：" in shown
    printer = counter.intake.printer
    assert isinstance(printer, PdfCaseDocumentPrinter)
    receipt, notice = (pdf_text(path.read_bytes()) for path in printer.saved)
    date = f"{due.year}年{due.month}月{due.day}日"
    assert f"容缺材料补交期限{date}前" in receipt
    assert "容缺受理补交材料通知书" in notice
    assert f"请于{date}前补交上述材料" in notice
