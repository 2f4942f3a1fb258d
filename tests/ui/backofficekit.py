"""The back office under test: approver_szamr's desk on the demo hall, notices saved as PDF
files under ``tmp_path / "notices"`` (``desks``, the body of each module's desk fixture), and
the approver's hands on it: opening a case, the buttons shown, clicking one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from hallapp.services.context import Ctx
from hallapp.ui.backoffice.actions import PdfNoticePrinter
from hallapp.ui.backoffice.window import BackofficeWindow, create
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks

Desk = Callable[..., BackofficeWindow]


def desks(qtbot: QtBot, ctx_for: Callable[[str], Ctx], tmp_path: Path,
          lang: str = "zh") -> Iterator[Desk]:
    """``make_desk(feed=False, size=(1280, 800))``: approver_szamr's desk, queue loaded."""
    application(lang)
    made: list[BackofficeWindow] = []

    def make(feed: bool = False, size: tuple[int, int] = (1280, 800)) -> BackofficeWindow:
        ctx = ctx_for("approver_szamr")  # on the test's clock
        watcher = FeedWatcher(ctx.db, wait_seconds=0.1)
        desk = create(ctx, watcher, {"printer": PdfNoticePrinter(ctx, tmp_path / "notices")})
        qtbot.addWidget(desk)
        made.append(desk)
        desk.resize(*size)
        desk.show()
        if feed:
            watcher.start()
        qtbot.waitUntil(lambda: desk.queue.loaded_once)
        return desk

    yield make
    for desk in made:
        desk.feed.stop()
        desk.close()
    wait_for_tasks()


def open_in_desk(qtbot: QtBot, desk: BackofficeWindow, number: str) -> None:
    if not desk.queue.select(number):
        desk.open_case(number)
    qtbot.waitUntil(lambda: desk.detail.detail is not None
                    and desk.detail.detail.case.number == number)


def state_of(desk: BackofficeWindow) -> str:
    assert desk.detail.detail is not None
    return desk.detail.detail.case.state


def shown_buttons(desk: BackofficeWindow) -> dict[str, QPushButton]:
    return {n: b for n, b in desk.detail.action_bar.buttons.items() if b.isVisibleTo(desk)}


def act(qtbot: QtBot, desk: BackofficeWindow, action: str, state: str) -> None:
    """Click the action's button and wait until the open case has reached ``state``."""
    button = shown_buttons(desk)[action]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state_of(desk) == state and not desk.detail.action_bar.busy)


def row_of(desk: BackofficeWindow, number: str) -> Any:
    n = desk.queue.model.find(number)
    return desk.queue.model.row(n) if n >= 0 else None
