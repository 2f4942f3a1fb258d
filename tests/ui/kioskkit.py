"""The kiosk under test: kiosk windows on the demo hall with a fake printer and a recorded
voice (``kiosks``, the body of each module's ``make_kiosk`` fixture), and helpers to read
what a kiosk shows and what it stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from conftest import FakeClock, actor_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from stdnum.cn import ric

from hallapp.core.errors import DomainError
from hallapp.services.context import Ctx, Database
from hallapp.services.queue_common import TicketInfo
from hallapp.store.models import Ticket
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.kiosk.window import KioskWindow, create

ID_NUMBER = "44030119900101123" + ric.calc_check_digit("440301199001011230")
LONG_ITEM = "440300000000069392144001"  # the longest name, ten materials


class FakePrinter:
    """A ticket printer that records what it printed, or fails like one out of paper."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.printed: list[TicketInfo] = []
        self.languages: list[str] = []

    def print_ticket(self, ticket: TicketInfo, lang: str = "zh") -> None:
        if self.fail:
            raise DomainError("打印机缺纸", code="print_failed")
        self.printed.append(ticket)
        self.languages.append(lang)


def kiosks(qtbot: QtBot, hall_db: Database, clock: FakeClock,
           spoken: list[str]) -> Iterator[Callable[..., KioskWindow]]:
    """The body of a ``make_kiosk`` fixture: makes kiosk windows (kiosk1, fake printer, the
    voice into ``spoken``), closes them after the test."""
    application("zh")
    made: list[KioskWindow] = []

    def make(size: tuple[int, int] = (1280, 800), **options: Any) -> KioskWindow:
        options.setdefault("printer", FakePrinter())
        options.setdefault("speaker", spoken.append)
        ctx = Ctx(hall_db, actor_for(hall_db, "kiosk1"), clock=clock, terminal="kiosk-test")
        window = create(ctx, FeedWatcher(hall_db), options)
        qtbot.addWidget(window)
        made.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: window.env.hall is not None and bool(window.home.queue_buttons))
        return window

    yield make
    for window in made:
        window.feed.stop()
        window.allow_close()
        window.close()
    wait_for_tasks()


def ticket_state(db: Database, number: str) -> str:
    with db.read_session() as s:
        return s.scalars(select(Ticket.state).where(Ticket.number == number)).one()


def tickets_in(db: Database) -> list[Ticket]:
    with db.read_session() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.id)))


def texts_of(root: QWidget) -> list[QLabel | QPushButton]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, QLabel | QPushButton) and w.isVisibleTo(root)]


def visible_texts(root: QWidget) -> str:
    return "\n".join(w.text() for w in texts_of(root))


def take_via_ui(qtbot: QtBot, kiosk: KioskWindow, queue: str = "A",
                id_number: str | None = None) -> None:
    qtbot.mouseClick(kiosk.home.queue_buttons[queue], Qt.MouseButton.LeftButton)
    assert kiosk.current_page() is kiosk.take
    if id_number:
        qtbot.keyClicks(kiosk.take.id_edit, id_number)
    qtbot.mouseClick(kiosk.take.confirm_button, Qt.MouseButton.LeftButton)
