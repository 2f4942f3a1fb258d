"""The counter under test: counter windows on the demo hall at window 1, printing to PDF files
under ``tmp_path / "documents"`` (``counters``, the body of each module's counter fixture),
and the clerk's hands on it: choosing an item, filling the applicant, marking materials."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from stdnum.cn import ric

from hallapp.services.context import Ctx, Database
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application, set_language
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.dialogs import FieldsDialog
from hallapp.ui.counter.printing import PdfCaseDocumentPrinter
from hallapp.ui.counter.window import CounterWindow, create

MakeCounter = Callable[..., CounterWindow]
TOLERANT_ITEM = "440300000000069391780002"  # 公司变更登记: 容缺 allowed; M03 secondary
ID_NUMBER = "44030119900101123" + ric.calc_check_digit("440301199001011230")


def counters(qtbot: QtBot, hall_db: Database, clock: FakeClock,
             tmp_path: Path) -> Iterator[MakeCounter]:
    """Makes counter windows (window 1, the feed not started, loaded), stops them after."""
    application("zh")
    made: list[CounterWindow] = []

    def make(size: tuple[int, int] = (1280, 800), user: str = "clerk1") -> CounterWindow:
        ctx = Ctx(hall_db, actor_for(hall_db, user), clock=clock, terminal="counter-test")
        printer = PdfCaseDocumentPrinter(ctx, tmp_path / "documents")
        window = create(ctx, FeedWatcher(hall_db), {"window": 1, "printer": printer,
                                                    "journal_dir": tmp_path})
        qtbot.addWidget(window)
        made.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: window.state is not None and bool(window.profile))
        return window

    yield make
    wait_for_tasks()
    for window in made:
        window.feed.stop()


def cell_click(qtbot: QtBot, counter: CounterWindow, code: str, column: str) -> None:
    table, model = counter.intake.checklist.table, counter.intake.checklist.model
    index = model.index(model.row_of(code), model.column(column))
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())


def choose_item(qtbot: QtBot, counter: CounterWindow, query: str, code: str) -> None:
    picker = counter.intake.picker
    qtbot.keyClicks(picker.query, query)
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.hits.count() > 0)
    entry = next(picker.hits.item(i) for i in range(picker.hits.count())
                 if picker.hits.item(i).data(256)[0] == code)
    qtbot.mouseClick(picker.hits.viewport(), Qt.MouseButton.LeftButton,
                     pos=picker.hits.visualItemRect(entry).center())
    qtbot.waitUntil(lambda: counter.intake.item is not None)


def type_chinese(edit: QLineEdit, text: str) -> None:
    """Chinese arrives from the input method as a commit string (QTest types only ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def fill_person(qtbot: QtBot, counter: CounterWindow, id_number: str = ID_NUMBER) -> None:
    edits = counter.intake.form.edits
    type_chinese(edits["name"], "张三")
    qtbot.keyClicks(edits["id_number"], id_number)
    qtbot.keyClicks(edits["phone"], "13812345678")


@contextmanager
def in_english(qapp: QApplication) -> Iterator[None]:
    """A counter made inside runs in English (``hallapp run counter --lang en``)."""
    set_language(qapp, "en")
    try:
        yield
    finally:
        set_language(qapp, "zh")


def register_with_a_missing_material(qtbot: QtBot, counter: CounterWindow) -> None:
    """Intake (收件) of the tolerant item for the ticket being served, its secondary material
    M03 marked missing."""
    choose_item(qtbot, counter, "gsbg", TOLERANT_ITEM)
    fill_person(qtbot, counter)
    for code in ("M01", "M02", "M05"):
        cell_click(qtbot, counter, code, "received")
    cell_click(qtbot, counter, "M03", "missing")
    qtbot.mouseClick(counter.intake.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (counter.intake.view is not None and not counter.intake.busy)
                    or bool(counter.intake.message.text()))


Tries = Sequence[Mapping[str, str]]


def answer_dialogs(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, dialog: type[FieldsDialog],
                   *opened: Tries) -> list[dict[str, Any]]:
    """Each time a ``dialog`` opens, the clerk types the next of ``opened``'s tries one
    after the other (its fields, then OK), each time waiting while the dialog is busy with
    the service, until one closes it. What the dialog showed after each try is returned:
    its fields, the message under each, its general line, whether it closed."""
    answers, seen = list(opened), []

    def run(self: FieldsDialog) -> int:
        self.show()
        for values in answers.pop(0):
            for name, text in values.items():
                self.edits[name].setText(text)
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: not self.busy)
            closed = self.result() == QDialog.DialogCode.Accepted
            seen.append({"title": self.windowTitle(), "closed": closed,
                         "values": {n: e.text() for n, e in self.edits.items()},
                         "errors": {n: e.text() for n, e in self.errors.items() if e.text()},
                         "message": self.message.text()})
            if closed:
                break
        else:
            self.reject()  # the clerk gives up
        return self.result()

    monkeypatch.setattr(dialog, "exec", run)
    return seen
