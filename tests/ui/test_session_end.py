"""A client whose account is disabled while it runs goes back to the login.

A disabled clerk's counter kept calling tickets. Now the services refuse it
(``session_ended``), and the launcher's :class:`ClientSession` closes the counter and asks
for the login again, the refusal shown above the fields; logged in again (the account
enabled meanwhile), the counter opens afresh and works.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import FakeClock, actor_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from hallapp.services import staff, tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Ticket
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.window import CounterWindow
from hallapp.ui.launcher import ClientSession


def _ready(qtbot: QtBot, widget: QWidget | None) -> CounterWindow:
    assert isinstance(widget, CounterWindow)
    qtbot.waitUntil(lambda: widget.state is not None and widget.state.state == "open")
    return widget


def test_a_disabled_clerk_is_sent_back_to_the_login(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
        tmp_path: Path, ctx_for: Callable[[str], Ctx]) -> None:
    application("zh")
    quits = qapp.quitOnLastWindowClosed()
    hall_db.clock = clock  # the launcher's contexts read the database's clock
    windows.open_window(ctx_for("clerk1"), 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    session = ClientSession("counter", hall_db, {"window": 1, "journal_dir": tmp_path},
                            lambda widget: widget.show())
    counter = _ready(qtbot, session.start(actor_for(hall_db, "clerk1")))
    admin = ctx_for("admin1")
    staff.set_active(admin, "clerk1", False)
    qtbot.mouseClick(counter.controls.buttons["call_next"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.login is not None)
    dialog = session.login
    assert dialog is not None
    assert dialog.error.text() == "账号已停用或密码已重置，请重新登录"
    assert dialog.user.text() == "clerk1"
    assert session.widget is None
    qtbot.waitUntil(lambda: not isValid(counter))  # closed and gone, with what it showed
    with hall_db.read_session() as s:
        assert s.scalar(select(Ticket.state)) == "waiting"  # nothing was called
    staff.set_active(admin, "clerk1", True)
    dialog.password.setText("demo1234")
    dialog.try_login()
    again = _ready(qtbot, session.widget)
    qtbot.addWidget(again)  # closed after the test (the first one the session deleted)
    assert session.login is None
    qtbot.mouseClick(again.controls.buttons["call_next"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.ticket.number.text() == "A001")
    assert qapp.quitOnLastWindowClosed() == quits  # as before the login was asked again
    wait_for_tasks()
    again.feed.stop()
