"""Screenshots of the clients on a demo hall, for docs/screenshots/ and for looking at layouts.

    python tools/screenshots.py            # every shot
    python tools/screenshots.py display    # only some

Each entry of ``SHOTS`` maps a name to a function that writes its images into the output
folder and returns their paths. Shots share one demo hall (built once per run, in a temporary
SQLite file, with some tickets taken and called) through :func:`demo_database`. Runs offscreen
unless QT_QPA_PLATFORM says otherwise; nothing speaks.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_TMP = Path(tempfile.mkdtemp(prefix="hallapp-shots-"))
os.environ.setdefault("HALLAPP_DATA_DIR", str(_TMP / "data"))
os.environ.setdefault("HALLAPP_LOG_DIR", str(_TMP / "log"))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hallapp.core.errors import DomainError  # noqa: E402
from hallapp.core.roles import SYSTEM_ACTOR  # noqa: E402
from hallapp.services import tickets, windows  # noqa: E402
from hallapp.services.context import Ctx, Database  # noqa: E402
from hallapp.services.setup import init_database  # noqa: E402
from hallapp.services.staff import login  # noqa: E402
from hallapp.ui.common.qt_app import application  # noqa: E402
from hallapp.ui.common.tasks import wait_for_tasks  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DEMO_PASSWORD = "demo1234"
SIZES = {"1920x1080": (1920, 1080), "1280x800": (1280, 800)}


@cache
def demo_database() -> Database:
    """The demo hall with a morning's worth of queue: tickets taken, six windows calling."""
    db = Database(f"sqlite:///{_TMP / 'demo.sqlite3'}")
    init_database(db, demo=True)
    system = Ctx(db, SYSTEM_ACTOR, terminal="screenshots")
    for n in range(1, 7):
        windows.open_window(system, n)
    for i in range(42):
        tickets.take_ticket(system, "ABCDEF"[i % 6] if i < 30 else "A")
    for n in range(1, 7):
        try:
            windows.call_next(system, n)
        except DomainError:
            continue
    windows.recall(system, 1)
    return db


def ctx_as(username: str) -> Ctx:
    db = demo_database()
    return Ctx(db, login(Ctx(db, SYSTEM_ACTOR), username, DEMO_PASSWORD), terminal="shots")


def settle(widget: QWidget, ready: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Spin the event loop until ``ready()`` (data loaded) or the timeout, then lay out."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout_s
    while not ready() and time.monotonic() < deadline:
        wait_for_tasks(100)
        app.processEvents()
    app.processEvents()
    widget.repaint()


def save(widget: QWidget, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def shoot_display(path: Path, size: tuple[int, int]) -> Path:
    """The 综合屏 at ``size``, after the demo calls have loaded."""
    from hallapp.ui.board.announcer import Announcer
    from hallapp.ui.board.display import DisplayWindow
    from hallapp.ui.board.speech import SilentEngine
    from hallapp.ui.common.feed import FeedWatcher

    ctx = ctx_as("display1")
    window = DisplayWindow(ctx, FeedWatcher(ctx.db), Announcer(engine=SilentEngine(), chime=None))
    window.resize(*size)
    window.show()
    settle(window, lambda: window.calls_model.rowCount() > 0
           and window.waiting_model.rowCount() > 0 and not window._dirty)
    result = save(window, path)
    window.close()
    window.deleteLater()
    return result


def _display(out: Path) -> list[Path]:
    return [shoot_display(out / f"display-{name}.png", size) for name, size in SIZES.items()]


class _NoPrinter:
    """Screenshots print nothing; the kiosk still shows the number."""

    def print_ticket(self, ticket: object) -> None:
        return None


def _kiosk_window(size: tuple[int, int]) -> Any:
    from hallapp.ui.common.feed import FeedWatcher
    from hallapp.ui.kiosk.window import create

    ctx = ctx_as("kiosk1")
    window = create(ctx, FeedWatcher(ctx.db), {"printer": _NoPrinter(), "speaker": print,
                                               "idle_seconds": 3600})
    window.resize(*size)
    window.show()
    settle(window, lambda: window.env.hall is not None and bool(window.home.queue_buttons)
           and not window.home._refreshing)
    return window


def _kiosk_done(window: Any) -> None:
    window.allow_close()
    window.close()
    window.deleteLater()


def _kiosk(out: Path) -> list[Path]:
    """自助取号机: home (1920×1080), an item's materials (1280×800), a result (1920×1080)."""
    paths = []
    window = _kiosk_window(SIZES["1920x1080"])
    paths.append(save(window, out / "kiosk-home-1920x1080.png"))
    window.home.queue_buttons["A"].click()
    window.take.confirm_button.click()
    settle(window, lambda: window.current_page() is window.result)
    paths.append(save(window, out / "kiosk-result-1920x1080.png"))
    _kiosk_done(window)
    window = _kiosk_window(SIZES["1280x800"])
    window.search.item_chosen.emit("440300000000069391780001")  # 有限责任公司设立登记
    settle(window, lambda: window.item.item is not None)
    for _ in range(3):  # the new material rows are laid out over a few event-loop turns
        settle(window, lambda: True)
    paths.append(save(window, out / "kiosk-item-1280x800.png"))
    _kiosk_done(window)
    return paths


SHOTS: dict[str, Callable[[Path], list[Path]]] = {
    "display": _display,
    "kiosk": _kiosk,
}


def main(argv: list[str]) -> int:
    names = argv or list(SHOTS)
    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        print(f"unknown shots: {', '.join(unknown)}; known: {', '.join(SHOTS)}", file=sys.stderr)
        return 2
    application("zh")
    for name in names:
        for path in SHOTS[name](OUT):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
