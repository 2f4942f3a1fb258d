"""The kiosk in English and elder mode (长者模式) at 1280×800, with the .qm as built: the
largest type and the longest names together.

It grew to 1814 px: the buttons asked for their queue names on lines cut at 26 characters
whatever the type size, the home page chose four columns from its own (grown) width, and
the hall's name and the header's hint kept one line each; "Standard mode" and the fourth
column were off screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_translations import build, clipped, qm_app, qm_dir, settle, show, untranslated

from hallapp.services.context import Database
from hallapp.ui.common import qt_app
from hallapp.ui.common.feed import FeedWatcher

__all__ = ["qm_app", "qm_dir"]  # the fixtures, imported from test_translations
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@SQLITE_ONLY
def test_kiosk_in_english_and_elder_mode_fits_1280_by_800(
        qtbot: QtBot, qm_app: QApplication, hall_db: Database, clock: FakeClock,
        tmp_path: Path) -> None:
    qt_app.set_language(qm_app, "en")
    kiosk: Any = build("kiosk", hall_db, clock, tmp_path)
    show(qtbot, "kiosk", kiosk)
    try:
        qtbot.mouseClick(kiosk.home.elder_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        for page in (kiosk.home, kiosk.take, kiosk.result):
            if page is kiosk.take:
                qtbot.mouseClick(kiosk.home.queue_buttons["D"], Qt.MouseButton.LeftButton)
            if page is kiosk.result:
                qtbot.mouseClick(kiosk.take.confirm_button, Qt.MouseButton.LeftButton)
                qtbot.waitUntil(lambda: kiosk.current_page() is kiosk.result)
            settle(qtbot)
            name = type(page).__name__
            assert (kiosk.width(), kiosk.height()) == (1280, 800), name
            assert kiosk.minimumSizeHint().width() <= 1280, name
            assert clipped(kiosk) == {}, name
            assert untranslated(kiosk) == [], name
            if page is kiosk.home:
                on_screen = [kiosk.home.elder_button, *kiosk.home.queue_buttons.values()]
                assert [b.text() for b in on_screen
                        if b.mapTo(kiosk, QPoint(b.width(), b.height())).x() > 1280] == []
                assert kiosk.home.elder_button.text() == "Standard mode"
    finally:
        if isinstance(getattr(kiosk, "feed", None), FeedWatcher):
            kiosk.feed.stop()
        kiosk.allow_close()
        kiosk.close()
