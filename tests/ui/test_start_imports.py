"""Client start-up stays light: what the first screen does not need is imported later.

Each client is built in a fresh interpreter as the launcher builds it, and shown offscreen.
At its first paint none of the heavy modules below may be loaded: reportlab comes with the
first print, QtCharts when a chart is first shown, openpyxl with the first Excel file,
alembic with ``migrate()`` (not with ``create_client``), the simulator with the planner
tab's first forecast. The kiosk's font warm-up, the display's speech engine and the
supervisor's chime start just after the first frame: the child waits for those too, so
deferring them cannot quietly turn into never doing them.

Lighter modules a client loads when first used, not at start (``LATER``): the login and its
dialog (``hallapp run`` only), the rating pad's ratings service, the kiosk's pages other
than home (ID checks, appointments, ticket issuing, catalogue, documents), the counter's case
services behind intake and delivery.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import actor_for

from hallapp.services.context import Database
from hallapp.ui.launcher import CLIENTS

HEAVY = ("reportlab", "qrcode", "openpyxl", "alembic", "pypinyin", "simpy",
         "hallapp.services.printing", "PySide6.QtCharts", "PySide6.QtMultimedia",
         "PySide6.QtTextToSpeech", "PySide6.QtPrintSupport")
# Loaded on purpose right after the first frame.
AFTER_FIRST_FRAME = {"kiosk": "reportlab", "display": "PySide6.QtTextToSpeech",
                     "supervisor": "PySide6.QtMultimedia"}
CASE_SERVICES = ("hallapp.services.cases", "hallapp.services.case_views",
                 "hallapp.services.case_decide", "hallapp.services.delivery",
                 "hallapp.services.catalogue", "hallapp.services.tickets",
                 "hallapp.core.identity", "hallapp.core.intake")
LATER: dict[str, tuple[str, ...]] = {
    "rating": ("hallapp.services.ratings",),
    "kiosk": ("hallapp.services.appointments", "hallapp.services.tickets",
              "hallapp.services.catalogue", "hallapp.core.identity", "hallapp.ui.kiosk.take",
              "hallapp.ui.kiosk.checkin", "hallapp.ui.kiosk.item", "hallapp.ui.kiosk.search"),
    "counter": CASE_SERVICES,
}

CHILD = r"""
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from hallapp.core.roles import Actor, Role
from hallapp.services.context import Database
from hallapp.ui.common.qt_app import application
from hallapp.ui.launcher import create_client

role, url, fields, heavy, later = sys.argv[1], sys.argv[2], *map(json.loads, sys.argv[3:6])
app = application("zh")
actor = Actor(fields[0], Role(fields[1]), *fields[2:])
widget = create_client(role, Database(url), actor, {"window": 1, "fullscreen": False})
report = {}

def loaded():
    return sorted(m for m in heavy if m in sys.modules)

def wait_for_later():
    if later is None or later in sys.modules:
        QThreadPool.globalInstance().waitForDone(10_000)
        report["later"] = loaded()
        print(json.dumps(report), flush=True)
        os._exit(0)
    QTimer.singleShot(50, wait_for_later)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "first_frame" not in report:
            report["first_frame"] = loaded()
            QTimer.singleShot(0, wait_for_later)
        return False

watcher = FirstPaint()
widget.installEventFilter(watcher)
widget.resize(1280, 800)
widget.show()
QTimer.singleShot(30_000, lambda: (print(json.dumps(report), flush=True), os._exit(3)))
app.exec()
"""


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize("role", sorted(CLIENTS))
def test_heavy_modules_wait_until_after_the_first_frame(hall_db: Database, role: str) -> None:
    a = actor_for(hall_db, CLIENTS[role].demo_user)
    fields = [a.username, a.role.value, a.staff_id, a.name, a.department_id, a.window_number]
    later = AFTER_FIRST_FRAME.get(role)
    watched = (*HEAVY, "hallapp.ui.common.login", *LATER.get(role, ()))
    out = subprocess.run([sys.executable, "-c", CHILD, role, hall_db.url, json.dumps(fields),
                          json.dumps(watched), json.dumps(later)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["first_frame"] == [], f"{role} loads at start: {report['first_frame']}"
    if later is not None:
        assert later in report["later"], f"{role}: {later} was not loaded after the first frame"


STOPPED = r"""
import os, signal, sys
from PySide6.QtCore import QTimer
from hallapp.ui.common.qt_app import application
from hallapp.ui.launcher import quit_on_signals

from PySide6.QtWidgets import QWidget


class Kiosk(QWidget):  # refuses to be closed, as the kiosk does without its PIN
    def closeEvent(self, event):
        event.ignore()


app = application("zh")
kiosk = Kiosk()
kiosk.show()
quit_on_signals(app)
QTimer.singleShot(100, lambda: os.kill(os.getpid(), getattr(signal, sys.argv[1])))
QTimer.singleShot(20_000, lambda: os._exit(3))  # the signal did nothing
print("stopped", app.exec(), flush=True)
"""


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_client_stops_on_ctrl_c_and_on_sigterm(name: str) -> None:
    """Neither reached the client while Qt's loop ran: Ctrl+C did nothing, and a SIGTERM
    killed the demo with its simulated windows left open."""
    out = subprocess.run([sys.executable, "-c", STOPPED, name], capture_output=True, text=True,
                         timeout=60, check=False)
    assert (out.returncode, out.stdout.strip()) == (0, "stopped 0"), out.stderr[-2000:]
