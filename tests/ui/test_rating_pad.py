"""The rating pad at window 1: appears after a finished service there, rates as a device,
refuses staff accounts, survives a lost connection, and fits its small screen.

Feed events are emitted by hand (the watcher is not started); the end-to-end path through
the real feed is in ``test_counter.py``. Rating rows are checked on both engines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from uikit import clipped

from hallapp.services import tickets, window_admin, windows
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent
from hallapp.services.ratings import LEVEL_LABELS
from hallapp.store.models import Rating
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.labels import LEVEL_TEXTS
from hallapp.ui.common.qt_app import application, set_language
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.rating import RatingPad, create

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
MakePad = Callable[..., RatingPad]


@pytest.fixture
def make_pad(qtbot: QtBot, qapp: QApplication, hall_db: Database,
             clock: FakeClock) -> Iterator[MakePad]:
    application("zh")

    def make(user: str = "display1", size: tuple[int, int] = (1280, 800)) -> RatingPad:
        ctx = Ctx(hall_db, actor_for(hall_db, user), clock=clock, terminal="pad-test")
        pad = create(ctx, FeedWatcher(hall_db), {"window": 1})
        qtbot.addWidget(pad)
        pad.resize(*size)
        pad.show()
        return pad

    yield make
    wait_for_tasks()


def finished(ctx_for: Callable[[str], Ctx]) -> tuple[int, str]:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    ticket = tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    windows.finish(clerk, 1)
    return ticket.id, ticket.number


def event(kind: str, **payload: Any) -> FeedEvent:
    return FeedEvent(1, datetime(2026, 11, 24, 1, 0, tzinfo=UTC), kind, payload)


def test_rates_the_service_just_finished_at_its_window(
        qtbot: QtBot, make_pad: MakePad, hall_db: Database,
        ctx_for: Callable[[str], Ctx]) -> None:
    ticket_id, number = finished(ctx_for)
    pad = make_pad()
    assert pad.current() is pad.welcome
    pad.feed.events_arrived.emit([event("ticket_finished", window=2, ticket=ticket_id,
                                        number=number)])
    assert pad.current() is pad.welcome  # another window's service
    pad.feed.events_arrived.emit([event("ticket_finished", window=1, ticket=ticket_id,
                                        number=number)])
    assert pad.current() is pad.pages[1]
    assert number in pad.prompt.text()
    qtbot.mouseClick(pad.findChild(QPushButton, "efficiency_3"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.findChild(QPushButton, "skill_5"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.level_buttons[2], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.current() is pad.thanks)
    with hall_db.read_session() as s:
        [row] = s.scalars(select(Rating)).all()
    assert (row.level, row.efficiency, row.skill, row.attitude) == (2, 3, 5, None)
    assert (row.ticket_id, row.channel) == (ticket_id, "pad")
    # The same service again (a second finished event, a double tap): refused, one row.
    pad.ask(ticket_id, number)
    qtbot.mouseClick(pad.level_buttons[5], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已评价" in pad.error.text())
    with hall_db.read_session() as s:
        assert len(s.scalars(select(Rating)).all()) == 1


def test_buttons_are_labelled_as_the_ratings_service_labels_levels() -> None:
    """The pad labels its buttons before it loads the ratings service: one table."""
    assert LEVEL_TEXTS == LEVEL_LABELS


@SQLITE_ONLY
def test_staff_cannot_rate_for_the_applicant(make_pad: MakePad) -> None:
    pad = make_pad("clerk1")
    assert "工作人员不能代替申请人评价" in pad.welcome.text()
    pad.feed.events_arrived.emit([event("ticket_finished", window=1, ticket=1,
                                        number="A001")])
    assert pad.current() is pad.welcome


@SQLITE_ONLY
def test_connection_lost_shows_banner_and_disables_buttons(make_pad: MakePad) -> None:
    pad = make_pad()
    pad.ask(1, "A001")
    pad.feed.connection_lost.emit("gone")
    assert pad.banner.isVisibleTo(pad)
    assert not any(b.isEnabled() for b in pad.level_buttons.values())
    pad.feed.connection_restored.emit()
    assert not pad.banner.isVisibleTo(pad)
    assert all(b.isEnabled() for b in pad.level_buttons.values())


@SQLITE_ONLY
@pytest.mark.parametrize("size", [(1280, 800), (1024, 600)])
def test_nothing_clipped(make_pad: MakePad, size: tuple[int, int]) -> None:
    pad = make_pad(size=size)
    pad.ask(1, "A001")
    QApplication.processEvents()
    assert clipped(pad) == []
    assert pad.level_buttons[1].height() >= 100


@SQLITE_ONLY
def test_in_english_nothing_clipped_on_a_small_pad(make_pad: MakePad, qapp: QApplication) -> None:
    """In English the buttons asked for 1133 px: on a 1024×600 pad "Very dissatisfied"
    was cut off. They break their text between words now."""
    set_language(qapp, "en")
    pad = make_pad(size=(1024, 600))
    pad.ask(1, "A001")
    QApplication.processEvents()
    assert pad.level_buttons[1].text() == "Very dissatisfied"  # the .qm is loaded
    assert (pad.width(), pad.height()) == (1024, 600)
    assert clipped(pad) == []
    assert pad.level_buttons[1].shown_text() == "Very\ndissatisfied"


@SQLITE_ONLY
def test_a_retired_window_says_so_and_offers_no_rating(
        qtbot: QtBot, make_pad: MakePad, ctx_for: Callable[[str], Ctx]) -> None:
    """At a retired window the pad showed the buttons; only the first rating was refused.
    It says the window is retired at its start and when the feed says windows changed."""
    admin = ctx_for("admin1")
    window_admin.retire_window(admin, 1)
    pad = make_pad()
    qtbot.waitUntil(lambda: "已停用" in pad.welcome.text())
    pad.feed.events_arrived.emit([event("ticket_finished", window=1, ticket=1,
                                        number="A001")])
    assert pad.current() is pad.welcome
    window_admin.reinstate_window(admin, 1)
    pad.feed.events_arrived.emit([event("windows_changed", window=1)])
    qtbot.waitUntil(lambda: "欢迎办理业务" in pad.welcome.text())
    pad.ask(1, "A001")
    assert pad.current() is pad.pages[1]
    window_admin.retire_window(admin, 1)
    pad.feed.events_arrived.emit([event("windows_changed", window=1)])
    qtbot.waitUntil(lambda: pad.current() is pad.welcome)
    assert "已停用" in pad.welcome.text()
