"""A terminal that quits while a service call still runs lets it end first (``tasks``):
before, the call was cut short as Qt and Python tore down, with a traceback on stderr."""

from __future__ import annotations

import os
import subprocess
import sys

QUIT_DURING_A_TASK = """
import time
from PySide6.QtCore import QTimer
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import run_task
app = application("zh")
run_task(lambda: time.sleep(0.5) or print("task ended", flush=True), print, print)
QTimer.singleShot(50, app.quit)
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
