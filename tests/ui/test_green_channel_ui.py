"""Green-channel classes as the administrator edits them on the 绿色通道 tab, and as a kiosk
and a counter that are already running take the change from the feed.

SQLite only: the service runs on both engines in tests/services/test_green_channel_admin.py.
Feed events are handed to the windows by hand (the feed watcher is not started).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FakeClock, actor_for
from kioskkit import kiosks
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from uikit import clipped

from hallapp.services import admin, hall
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent
from hallapp.ui.admin.window import AdminWindow
from hallapp.ui.admin.window import create as create_admin
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.window import create as create_counter
from hallapp.ui.kiosk.window import KioskWindow

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])
FIRE = {"code": "fire_rescue", "name": "消防救援人员", "name_en": "Fire and rescue"}
CHANGED = [FeedEvent(1, datetime.now(UTC), "hall_changed", {"keys": ["priority_classes"]})]


@pytest.fixture
def make_kiosk(qtbot: QtBot, hall_db: Database,
               clock: FakeClock) -> Iterator[Callable[..., KioskWindow]]:
    yield from kiosks(qtbot, hall_db, clock, [])


@pytest.fixture
def admin_window(qtbot: QtBot, qapp: QApplication, hall_db: Database,
                 clock: FakeClock) -> Iterator[AdminWindow]:
    application("zh")
    ctx = Ctx(hall_db, actor_for(hall_db, "admin1"), clock=clock, terminal="admin-test")
    window = create_admin(ctx, FeedWatcher(hall_db), {})
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.green)
    qtbot.waitUntil(lambda: window.green.model.rowCount() == 4)
    yield window
    wait_for_tasks()


def idle(qtbot: QtBot, window: AdminWindow) -> None:
    qtbot.waitUntil(lambda: not any(p.busy for p in window.pages()))


def test_add_a_class_be_refused_by_row_then_save(
        qtbot: QtBot, admin_window: AdminWindow, ctx_for: Callable[[str], Ctx]) -> None:
    page = admin_window.green
    assert page.model.rows()[0] == {"code": "elderly", "name": "60岁以上老人",
                                    "name_en": "Aged 60+"}
    n = page.model.add_row()
    model = page.model
    model.setData(model.index(n, model.column("code")), "Fire", Qt.ItemDataRole.EditRole)
    model.setData(model.index(n, model.column("name")), "消防救援人员", Qt.ItemDataRole.EditRole)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, admin_window)
    shown = page.errors.message("priority_classes")
    assert "第 5 个" in shown
    assert "编码" in shown
    assert hall.get_hall(ctx_for("kiosk1")).priority_classes[-1]["code"] == "pregnant"
    assert model.rowCount() == 5  # the admin's rows are kept to be mended
    model.setData(model.index(n, model.column("code")), "fire_rescue", Qt.ItemDataRole.EditRole)
    model.setData(model.index(n, model.column("name_en")), "Fire and rescue",
                  Qt.ItemDataRole.EditRole)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, admin_window)
    assert page.status.text() == "已保存 5 个绿色通道类别，各终端即时生效"
    assert hall.get_hall(ctx_for("kiosk1")).priority_classes[-1] == FIRE
    page.table.setCurrentIndex(model.index(4, 1))
    for _ in range(5):  # up to the top, and no further
        qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, admin_window)
    assert [c["code"] for c in hall.get_hall(ctx_for("kiosk1")).priority_classes] == [
        "elderly", "fire_rescue", "disabled", "military", "pregnant"]
    assert clipped(admin_window) == []


def test_a_running_kiosk_and_counter_take_the_change(
        qtbot: QtBot, make_kiosk: Callable[..., KioskWindow], hall_db: Database,
        clock: FakeClock, ctx_for: Callable[[str], Ctx], tmp_path: Path) -> None:
    kiosk = make_kiosk()
    kiosk.home.queue_buttons["A"].click()
    kiosk.take.green_buttons["disabled"].setChecked(True)  # an applicant mid-way
    clerk = Ctx(hall_db, actor_for(hall_db, "clerk1"), clock=clock, terminal="counter-test")
    counter = create_counter(clerk, FeedWatcher(hall_db), {"window": 1,
                                                          "journal_dir": tmp_path})
    qtbot.addWidget(counter)
    counter.show()
    counter.tabs.setCurrentWidget(counter.desk)
    qtbot.waitUntil(lambda: counter.desk.priority.count() == 5)
    classes = hall.get_hall(ctx_for("admin1")).priority_classes
    admin.set_priority_classes(ctx_for("admin1"),
                               [c for c in classes if c["code"] != "pregnant"] + [FIRE])
    kiosk.feed.events_arrived.emit(CHANGED)
    counter.feed.events_arrived.emit(CHANGED)
    qtbot.waitUntil(lambda: "fire_rescue" in kiosk.take.green_buttons)
    assert "pregnant" not in kiosk.take.green_buttons
    assert kiosk.take.priority() == "disabled"  # the applicant's choice stays
    desk = counter.desk
    qtbot.waitUntil(lambda: desk.priority.findData("fire_rescue") >= 0)
    assert desk.priority.findData("pregnant") == -1
    wait_for_tasks()
    counter.feed.stop()
