"""The UI tests' shared helpers find what they are meant to find."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from uikit import clipped


def test_clipped_names_text_without_room_and_tables_that_scroll(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    short, wrapped = QLabel("办理事项：公司变更登记"), QLabel("说明 " * 40)
    button = QPushButton("办结并叫号")
    wrapped.setWordWrap(True)
    table = QTableWidget(2, 5)
    for w in (short, wrapped, button, table):
        layout.addWidget(w)
    root.resize(1000, 600)
    root.show()
    qtbot.waitExposed(root)
    assert clipped(root) == []
    assert clipped(root, tables=True) == []
    for w in (short, button):
        w.setFixedWidth(30)
    wrapped.setFixedHeight(10)
    table.setFixedWidth(200)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().isVisible())  # laid out again
    found = clipped(root, tables=True)
    assert [line.split()[0] for line in found] == ["QLabel", "QLabel", "QPushButton", "table"]
    assert "table" not in " ".join(clipped(root))
