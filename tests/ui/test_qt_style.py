"""Qt's own look on a hallapp screen: its standard buttons in the screen's language, and the
hall style's states (a disabled button drawn disabled, whatever its kind)."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot


def test_qts_own_buttons_read_chinese_on_a_chinese_screen(qapp: Any) -> None:
    """The counter's dialogs said "OK" and "Cancel" beside Chinese text."""
    from PySide6.QtWidgets import QDialogButtonBox

    from hallapp.ui.common.qt_app import set_language

    def texts() -> list[str]:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        return sorted(button.text() for button in box.buttons())

    set_language(qapp, "zh")
    assert texts() == sorted(["确定", "取消"])
    set_language(qapp, "en")
    try:
        assert texts() == sorted(["OK", "Cancel"])
    finally:
        set_language(qapp, "zh")


def test_a_disabled_red_button_is_drawn_grey(qtbot: QtBot) -> None:
    """The hall style's red for a 'danger' button won over its own :disabled grey: a
    disabled 不予受理 looked like a button that does nothing when pressed."""
    from hallapp.ui.common.qt_app import application
    from hallapp.ui.common.widgets import make_button

    application("zh")
    button = make_button("不予受理", "danger")
    qtbot.addWidget(button)
    button.resize(160, 48)

    def centre() -> str:
        image = button.grab().toImage()
        return image.pixelColor(image.width() // 2, 4).name()

    assert centre() == "#c8102e"
    button.setEnabled(False)
    assert centre() == "#b8c2ce"
