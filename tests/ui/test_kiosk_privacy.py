"""An ID card read where the kiosk does not ask for one: the reader types into whichever
field has the focus and presses Enter, and the number must not stay on the public screen.

It did: on the home page it became a search ("440301…" in the search page's field over
"没有找到相关事项"), on 号票查询 the refusal repeated it ("号码 440301… 不存在") and the
field kept it, as did 预约签到's, until the idle reset a minute later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import FakeClock
from kioskkit import ID_NUMBER, kiosks, tickets_in, visible_texts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hallapp.services.context import Database
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.kiosk.window import KioskWindow

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_kiosk(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock
               ) -> Iterator[Callable[..., KioskWindow]]:
    yield from kiosks(qtbot, hall_db, clock, [])


def swipe(qtbot: QtBot, field: QLineEdit) -> None:
    """The card reader: the number typed into the field, then Enter."""
    qtbot.keyClicks(field, ID_NUMBER)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_for_tasks()
    QApplication.processEvents()


def shows_no_id(kiosk: KioskWindow) -> bool:
    fields = "\n".join(f.text() for f in kiosk.findChildren(QLineEdit))
    return ID_NUMBER[6:14] not in visible_texts(kiosk) + fields


@SQLITE_ONLY
def test_an_id_card_read_on_the_home_page_is_not_searched_for(
        qtbot: QtBot, make_kiosk: Callable[..., Any]) -> None:
    kiosk = make_kiosk()
    swipe(qtbot, kiosk.home.search)
    assert kiosk.current_page() is kiosk.home
    assert kiosk.home.search.text() == ""
    assert kiosk.home.notice.isVisible()
    assert kiosk.home.notice.text() == "请先点击要办理的业务，到取号页再刷身份证"
    assert shows_no_id(kiosk)
    qtbot.keyClicks(kiosk.home.search, "y")  # typing a search: the hint has done its job
    assert not kiosk.home.notice.isVisible()
    kiosk.home.search.clear()
    kiosk.search.start("gjj")  # the search page's own field
    qtbot.waitUntil(lambda: bool(kiosk.search.hits))
    kiosk.search.query.clear()
    swipe(qtbot, kiosk.search.query)
    assert kiosk.search.hits == []
    assert kiosk.search.status.text() == "请先找到要办理的事项，到取号页再刷身份证"
    assert shows_no_id(kiosk)


@SQLITE_ONLY
def test_an_id_card_read_on_a_code_page_is_dropped_and_explained(
        qtbot: QtBot, make_kiosk: Callable[..., Any], hall_db: Database) -> None:
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.status_button, Qt.MouseButton.LeftButton)
    swipe(qtbot, kiosk.ticket_status.code)
    assert kiosk.ticket_status.code.text() == ""
    assert kiosk.ticket_status.error.text() == (
        "查询号票不用刷身份证：请扫描号票上的二维码，或输入号票上的号码")
    assert shows_no_id(kiosk)
    kiosk.go_home()
    qtbot.mouseClick(kiosk.home.checkin_button, Qt.MouseButton.LeftButton)
    swipe(qtbot, kiosk.checkin.code)
    assert kiosk.current_page() is kiosk.checkin
    assert kiosk.checkin.code.text() == ""
    assert kiosk.checkin.error.text() == (
        "预约签到不用刷身份证：请扫描预约二维码，或输入 8 位预约码")
    assert shows_no_id(kiosk)
    assert tickets_in(hall_db) == []


@SQLITE_ONLY
def test_the_hint_goes_with_the_idle_reset(qtbot: QtBot,
                                           make_kiosk: Callable[..., Any]) -> None:
    kiosk = make_kiosk(idle_seconds=0.3)
    swipe(qtbot, kiosk.home.search)
    assert kiosk.home.notice.isVisible()
    qtbot.waitUntil(lambda: kiosk.home.notice.isHidden(), timeout=5000)
