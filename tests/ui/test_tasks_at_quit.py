"""A terminal that quits while a service call still runs lets it end first (``tasks``):
before, the call was cut short as Qt and Python tore down, with a traceback on stderr."""

from __future__ import annotations

import os
import subprocess
import sys

# The task is still running when the application quits: it ends only once quitting has
# begun (an event set by the first aboutToQuit slot, connected before ``application()``
# connects its own), so no timing decides the order, only whether quit waits for it.
QUIT_DURING_A_TASK = """
import threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import run_task
quitting, started = threading.Event(), threading.Event()
app = QApplication([])
app.aboutToQuit.connect(quitting.set)
application("zh")

def call():
    started.set()
    quitting.wait(30)
    print("task ended", flush=True)

run_task(call, print, print)
started.wait(30)
QTimer.singleShot(0, app.quit)
app.exec()
print("quit", flush=True)
"""


def test_a_task_running_at_quit_ends_before_the_process() -> None:
    done = subprocess.run([sys.executable, "-c", QUIT_DURING_A_TASK], capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["task ended", "quit"]
    assert "Traceback" not in done.stderr
