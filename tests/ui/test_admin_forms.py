"""The admin's item and queue forms: what a new record starts with, what a blank or taken
value is refused with, what happens when another administrator saved first, and how a
refusal reads beside its field (the field's label, in the screen's language; never the
file's key such as ``statutory_limit.value``, nor an import's "windows：第 1 行").

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the services
run on both engines in tests/services/test_admin.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from adminkit import MakeAdmin, admin_ctx, admins, button, idle
from conftest import FakeClock
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services.catalogue import export_catalogue
from hallapp.services.context import Database

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    yield from admins(qtbot, hall_db, clock)


def test_a_blank_time_slot_quota_is_refused_not_stored_as_one(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock) -> None:
    window = make_admin()
    page = window.queues
    window.tabs.setCurrentWidget(page)
    for name, text in (("code", "H"), ("name", "公积金提取"), ("prefix", "H")):
        page.edits[name].setText(text)
    button(page, "添加时段").click()  # 09:00–12:00, the quota left to the admin
    assert page.slots.rows() == [{"start": "09:00", "end": "12:00", "quota": ""}]
    page.save()
    qtbot.waitUntil(lambda: "不能为空" in page.errors.message("time_quotas"))
    idle(qtbot, window)
    assert page.status.text() == ""
    assert "H" not in {q["code"] for q in export_catalogue(admin_ctx(hall_db, clock))["queues"]}
    page.slots.setData(page.slots.index(0, page.slots.column("quota")), "60")
    page.save()
    qtbot.waitUntil(lambda: "队列 H 已保存" in page.status.text())
    idle(qtbot, window)
    queues = {q["code"]: q for q in export_catalogue(admin_ctx(hall_db, clock))["queues"]}
    assert queues["H"]["time_quotas"] == [{"start": "09:00", "end": "12:00", "quota": 60}]
