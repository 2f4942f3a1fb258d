"""The admin's queue and window tabs take a queue or window out of use and back: 停用队列 /
启用队列 on the queue chosen in the list (its name then says 停用), 停用窗口 / 恢复使用 on the
window chosen, a refusal shown in the tab.

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the services
run on both engines in tests/services (test_queue_admin, test_window_admin).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from adminkit import MakeAdmin, admin_ctx, admins, idle
from conftest import FakeClock
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import hall, windows
from hallapp.services.context import Ctx, Database
from hallapp.ui.admin.queues import QueuePage
from hallapp.ui.admin.window import AdminWindow

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    yield from admins(qtbot, hall_db, clock)


def queue_page(window: AdminWindow, code: str) -> QueuePage:
    page = window.queues
    window.tabs.setCurrentWidget(page)
    row = next(i for i, r in enumerate(page.model.rows()) if r["code"] == code)
    index = page.model.index(row, 0)
    page.table.setCurrentIndex(index)
    page.table.clicked.emit(index)
    return page


def _name(page: QueuePage, code: str) -> str:
    """The queue's name as listed: a deactivated one's says so."""
    row = next(i for i, r in enumerate(page.model.rows()) if r["code"] == code)
    return str(page.model.index(row, page.model.column("name")).data())


def test_a_queue_is_deactivated_and_activated_again_from_its_tab(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    page = queue_page(window, "B")
    assert page.active_button.isEnabled()
    assert page.active_button.text() == "停用队列"
    name = _name(page, "B")
    page.active_button.click()
    qtbot.waitUntil(lambda: "已停用" in page.status.text())
    idle(qtbot, window)
    assert page.status.text() == "队列 B 已停用：不再取号、预约；已在等候的 0 个号照常叫号"
    assert _name(page, "B") == f"{name}（停用）"
    assert page.active_button.text() == "启用队列"
    active = {q.code: q.active for q in hall.list_queues(admin_ctx(hall_db, clock))}
    assert not active["B"]
    page.active_button.click()
    qtbot.waitUntil(lambda: "已重新启用" in page.status.text())
    idle(qtbot, window)
    assert _name(page, "B") == name
    assert page.active_button.text() == "停用队列"


def test_a_window_is_retired_and_reinstated_from_its_tab(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock,
        ctx_for: Callable[[str], Ctx]) -> None:
    window = make_admin()
    page = window.windows
    window.tabs.setCurrentWidget(page)

    def choose(number: int) -> None:
        index = page.model.index(page.model.find(number), 0)
        page.table.setCurrentIndex(index)
        page.table.clicked.emit(index)

    def state(number: int) -> str:
        return str(page.model.index(page.model.find(number), page.model.column("state")).data())

    windows.open_window(ctx_for("clerk6"), 6)
    page.refresh()
    idle(qtbot, window)
    choose(6)
    assert page.retire_button.text() == "停用窗口"
    page.retire_button.click()  # open: refused, in the tab
    qtbot.waitUntil(lambda: "请先关闭" in page.error.text())
    idle(qtbot, window)
    windows.close_window(ctx_for("clerk6"), 6)
    page.retire_button.click()
    qtbot.waitUntil(lambda: "已停用" in page.status.text())
    idle(qtbot, window)
    assert page.status.text() == "6号窗口已停用；以下账号不再固定在此窗口：clerk6"
    assert page.error.text() == ""
    assert state(6) == "已停用"  # still listed
    assert page.retire_button.text() == "恢复使用"
    assert 6 not in [w.number for w in hall.list_windows(admin_ctx(hall_db, clock))]
    page.retire_button.click()
    qtbot.waitUntil(lambda: "已恢复使用" in page.status.text())
    idle(qtbot, window)
    assert state(6) == "关闭"
