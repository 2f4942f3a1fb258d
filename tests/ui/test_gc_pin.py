"""Garbage collection in a client runs on the GUI thread, and not while workers run."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.ui.common import gc_pin
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import run_task, wait_for_tasks


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def _garbage_cycle() -> weakref.ref[_Cycle]:
    return weakref.ref(_Cycle())


def test_the_application_turns_automatic_collection_off_and_pins_one_timer(
        qapp: QApplication) -> None:
    application("zh")
    application("zh")
    assert not gc.isenabled()
    assert len(qapp.findChildren(gc_pin.GcPin)) == 1


def test_collect_due_does_what_the_interpreter_would_and_nothing_when_not_due(
        qapp: QApplication) -> None:
    application("zh")
    gc.collect()
    ref = _garbage_cycle()
    assert gc_pin.collect_due() is None  # just collected: nothing due
    assert ref() is not None
    old = gc.get_threshold()
    try:
        gc.set_threshold(1, 1, 1)
        for _ in range(5):
            _garbage_cycle()
        assert gc_pin.collect_due() is not None
    finally:
        gc.set_threshold(*old)
    gc.collect()
    assert ref() is None


def test_the_timer_waits_for_the_thread_pool_then_collects(
        qapp: QApplication, qtbot: QtBot) -> None:
    application("zh")
    pin = qapp.findChild(gc_pin.GcPin)
    release = threading.Event()
    run_task(lambda: release.wait(10), lambda _: None, lambda _: None)
    qtbot.waitUntil(lambda: pin.skipped >= 2, timeout=5_000)  # busy: ticks skipped
    release.set()
    assert wait_for_tasks()
    qtbot.waitUntil(lambda: pin.skipped == 0, timeout=5_000)  # idle: collected again
