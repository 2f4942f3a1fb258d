"""Garbage collection in a client runs on the GUI thread, and not while workers run."""

from __future__ import annotations

import gc
import linecache
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


def test_idle_ticks_drop_module_sources_but_not_generated_code(
        qapp: QApplication, qtbot: QtBot) -> None:
    """PySide6's import hook leaves every imported module's source in linecache; a file can
    be read again, code generated at run time (mtime None) cannot and stays."""
    application("zh")
    generated = "<hallapp test generated code>"
    linecache.cache[generated] = (4, None, ["x=1\n"], generated)
    assert linecache.getlines(gc_pin.__file__)  # read (and cached) like the hook does
    try:
        qtbot.waitUntil(lambda: gc_pin.__file__ not in linecache.cache, timeout=5_000)
        assert linecache.cache[generated][2] == ["x=1\n"]
    finally:
        linecache.cache.pop(generated, None)


def test_module_sources_stay_while_a_worker_runs(qapp: QApplication, qtbot: QtBot) -> None:
    application("zh")
    pin = qapp.findChild(gc_pin.GcPin)
    release = threading.Event()
    run_task(lambda: release.wait(10), lambda _: None, lambda _: None)
    try:
        qtbot.waitUntil(lambda: pin.skipped >= 1, timeout=5_000)  # the pool counts as busy
        linecache.getlines(gc_pin.__file__)
        skipped = pin.skipped
        qtbot.waitUntil(lambda: pin.skipped > skipped, timeout=5_000)  # a busy tick passed
        assert gc_pin.__file__ in linecache.cache
    finally:
        release.set()
        assert wait_for_tasks()
