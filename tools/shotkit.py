"""What every screenshot shares: an offscreen Qt, a temporary data folder, one demo hall with
a morning's queue on a Tuesday (whatever day the shots are made: a Saturday's early morning
showed a closed hall), logins as its accounts, and waiting until a window has drawn its data.

Imported first by ``tools/screenshots.py`` (it sets the environment before Qt loads).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="hallapp-shots-"))
os.environ.setdefault("HALLAPP_DATA_DIR", str(TMP / "data"))
os.environ.setdefault("HALLAPP_LOG_DIR", str(TMP / "log"))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hallapp.core.errors import DomainError  # noqa: E402
from hallapp.core.roles import SYSTEM_ACTOR  # noqa: E402
from hallapp.services import tickets, windows  # noqa: E402
from hallapp.services.context import Ctx, Database  # noqa: E402
from hallapp.services.setup import init_database, load_demo_calendar  # noqa: E402
from hallapp.services.staff import login  # noqa: E402
from hallapp.ui.common.tasks import wait_for_tasks  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DEMO_PASSWORD = "demo1234"
COMPANY_SETUP = "440300000000069391780001"  # 有限责任公司设立登记 (queue A)
SIZES = {"1920x1080": (1920, 1080), "1280x800": (1280, 800)}
SHOTS_AT = datetime(2026, 11, 24, 2, 30, tzinfo=UTC)  # Tuesday 10:30 in Shanghai


@cache
def demo_database() -> Database:
    """The demo hall with a morning's worth of queue: tickets taken, six windows calling."""
    db = Database(f"sqlite:///{TMP / 'demo.sqlite3'}")
    began = time.monotonic()  # the hall's clock runs from SHOTS_AT as the shots are made
    db.clock = lambda: SHOTS_AT + timedelta(seconds=time.monotonic() - began)
    init_database(db, demo=True)
    load_demo_calendar(db)  # as `hallapp demo` does: no "load next year's calendar" alert
    system = Ctx(db, SYSTEM_ACTOR, terminal="screenshots")
    # Each window opened by its own clerk, as at a counter: the board shows who works where.
    clerks = {n: Ctx(db, login(system, f"clerk{n}", DEMO_PASSWORD), terminal=f"counter{n}")
              for n in range(1, 7)}
    for n, clerk in clerks.items():
        windows.open_window(clerk, n)
    for i in range(42):
        tickets.take_ticket(system, "ABCDEF"[i % 6] if i < 30 else "A")
    for n, clerk in clerks.items():
        try:
            windows.call_next(clerk, n)
        except DomainError:
            continue
    windows.recall(clerks[1], 1)
    return db


def ctx_as(username: str) -> Ctx:
    db = demo_database()
    return Ctx(db, login(Ctx(db, SYSTEM_ACTOR), username, DEMO_PASSWORD), terminal="shots")


def settle(widget: QWidget, ready: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Spin the event loop until ``ready()`` (data loaded), then lay out; a screen that never
    gets ready is an error, not a picture of a half-loaded window."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{widget.objectName() or type(widget).__name__} not ready "
                               f"after {timeout_s:.0f} s")
        wait_for_tasks(100)
        app.processEvents()
    app.processEvents()
    widget.repaint()


def save(widget: QWidget, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path
