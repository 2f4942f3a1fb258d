"""The admin client under test: admin windows on the demo hall (the feed watcher not started;
feed events are handed to the window by hand), and waiting for their service calls."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from conftest import FakeClock, actor_for
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hallapp.services.context import Ctx, Database
from hallapp.ui.admin.window import AdminWindow, create
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks

MakeAdmin = Callable[..., AdminWindow]
ITEM = "440300000000069391780001"  # 有限责任公司设立登记: promised 1 working day, 7 materials


def admins(qtbot: QtBot, hall_db: Database, clock: FakeClock) -> Iterator[MakeAdmin]:
    """Makes admin windows of admin1 (loaded, idle) in ``lang``; waits for their calls after.
    The windows are kept until then (``make_admin().settings`` outlives a bare window)."""
    made: list[AdminWindow] = []

    def make(lang: str = "zh", size: tuple[int, int] = (1280, 800)) -> AdminWindow:
        application(lang)
        ctx = Ctx(hall_db, actor_for(hall_db, "admin1"), clock=clock, terminal="admin-test")
        window = create(ctx, FeedWatcher(hall_db), {})
        qtbot.addWidget(window)
        made.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitUntil(lambda: window.hall is not None and window.catalogue.model.rowCount() > 0)
        idle(qtbot, window)
        return window

    try:
        yield make
    finally:
        wait_for_tasks()
        application("zh")


def idle(qtbot: QtBot, window: AdminWindow) -> None:
    """Wait until no tab (nor the item editor) has a service call in flight."""
    qtbot.waitUntil(lambda: not any(p.busy for p in (*window.pages(), window.catalogue.editor)))


def open_item(qtbot: QtBot, window: AdminWindow, code: str = ITEM) -> None:
    """Open item ``code`` afresh: the item already shown is reloaded (撤销修改), since
    opening it again from the list keeps its unsaved edits."""
    if window.catalogue.editor.code == code:
        window.catalogue.editor.revert_button.click()
    else:
        window.catalogue.open_item(code)
    qtbot.waitUntil(lambda: window.catalogue.editor.code == code)
    idle(qtbot, window)


def button(parent: QWidget, text: str) -> QPushButton:
    """The one button of ``parent`` showing ``text``."""
    [found] = [b for b in parent.findChildren(QPushButton) if b.text() == text]
    return found


def admin_ctx(hall_db: Database, clock: FakeClock, terminal: str = "other") -> Ctx:
    """admin1 at another terminal (another administrator's edits)."""
    return Ctx(hall_db, actor_for(hall_db, "admin1"), clock=clock, terminal=terminal)


def feed(window: AdminWindow, kind: str, **payload: object) -> None:
    """Hand the window one change-feed event, as its feed watcher would."""
    from datetime import UTC, datetime

    from hallapp.services.feed import FeedEvent

    window.feed.events_arrived.emit([FeedEvent(1, datetime.now(UTC), kind, dict(payload))])
