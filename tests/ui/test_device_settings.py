"""A terminal's own settings (管理 → 终端设备, ``admin.set_device``) reach the client started
with that terminal name: the kiosk's language, idle time, printer and roll; the counter's
printer, roll and language; the call display's and the rating pad's language (and the pad's
idle time). At the client's start and again after a ``hall_changed``; what the command line
gives (``--lang``, the launcher's options) wins. They ignored all of it: a kiosk saved as
English, 30 s, 58 mm started Chinese, 60 s, 80 mm."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from kioskkit import FakePrinter, kiosks
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hallapp.services import admin
from hallapp.services.context import Ctx, Database
from hallapp.services.feed import FeedEvent
from hallapp.ui.board.announcer import Announcer
from hallapp.ui.board.display import DisplayWindow
from hallapp.ui.common.device import Device, device_for
from hallapp.ui.common.errors import is_english
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.printing import DocumentPrinter, KioskTicketPrinter
from hallapp.ui.common.qt_app import set_language
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter import rating
from hallapp.ui.counter.printing import DevicePrinter, PdfCaseDocumentPrinter
from hallapp.ui.counter.window import CounterWindow
from hallapp.ui.kiosk.printing import PdfTicketPrinter
from hallapp.ui.kiosk.window import KioskWindow

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
HALL_CHANGED = FeedEvent(1, datetime(2026, 11, 24, 1, 0, tzinfo=UTC), "hall_changed",
                         {"keys": ["devices"]})


@pytest.fixture(autouse=True)
def chinese_after(qapp: QApplication) -> Iterator[None]:
    yield
    set_language(qapp, "zh")  # a test that followed an English device leaves no English


@pytest.fixture
def make_kiosk(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock
               ) -> Iterator[Callable[..., KioskWindow]]:
    yield from kiosks(qtbot, hall_db, clock, [])


def save(ctx_for: Callable[[str], Ctx], terminal: str, kind: str, **settings: Any) -> None:
    admin.set_device(ctx_for("admin1"), terminal, kind, **settings)


def test_only_a_terminal_saved_as_this_kind_of_client_takes_the_settings() -> None:
    settings = {"devices": {"K1": {"kind": "kiosk", "printer": "P", "roll_width_mm": 58,
                                   "idle_seconds": 30, "language": "en"}}}
    assert device_for(settings, "K1", "kiosk") == Device("P", 58, 30, "en")
    assert device_for(settings, "K1", "display") is None
    assert device_for(settings, "K2", "kiosk") is None
    assert device_for({}, "K1", "kiosk") is None


@SQLITE_ONLY
def test_a_kiosk_takes_its_language_idle_time_printer_and_roll(
        qtbot: QtBot, make_kiosk: Callable[..., KioskWindow],
        ctx_for: Callable[[str], Ctx]) -> None:
    save(ctx_for, "kiosk-test", "kiosk", roll_width_mm=58, idle_seconds=30, language="en")
    kiosk = make_kiosk(printer=None)
    qtbot.waitUntil(is_english)
    assert kiosk.home.prompt.text() == "Tap a service to take a ticket"
    assert kiosk.idle_timer.interval() == 30_000
    assert isinstance(kiosk.env.printer, PdfTicketPrinter)
    assert kiosk.env.printer.width_mm == 58
    # The administrator changes them: the running kiosk follows.
    save(ctx_for, "kiosk-test", "kiosk", printer="Kiosk-80mm", idle_seconds=90, language="zh")
    kiosk.feed.events_arrived.emit([HALL_CHANGED])
    qtbot.waitUntil(lambda: not is_english())
    assert kiosk.home.prompt.text() == "请点击要办理的业务取号"
    assert kiosk.idle_timer.interval() == 90_000
    printer = kiosk.env.printer
    assert isinstance(printer, KioskTicketPrinter)
    assert (printer.printer_name, printer.width_mm) == ("Kiosk-80mm", 80)


@SQLITE_ONLY
def test_an_applicant_keeps_their_language_until_the_kiosk_starts_over(
        qtbot: QtBot, make_kiosk: Callable[..., KioskWindow],
        ctx_for: Callable[[str], Ctx]) -> None:
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.home.queue_buttons["A"], Qt.MouseButton.LeftButton)
    save(ctx_for, "kiosk-test", "kiosk", language="en")
    kiosk.feed.events_arrived.emit([HALL_CHANGED])
    qtbot.waitUntil(lambda: kiosk.start_english)
    assert not is_english()
    assert kiosk.current_page() is kiosk.take
    kiosk.start_over()
    assert is_english()


@SQLITE_ONLY
def test_the_command_line_wins_over_the_terminal_settings(
        qtbot: QtBot, make_kiosk: Callable[..., KioskWindow],
        ctx_for: Callable[[str], Ctx]) -> None:
    save(ctx_for, "kiosk-test", "kiosk", printer="Kiosk-58mm", roll_width_mm=58,
         idle_seconds=30, language="en")
    printer = FakePrinter()
    kiosk = make_kiosk(printer=printer, lang="zh", idle_seconds=45)
    kiosk.feed.events_arrived.emit([HALL_CHANGED])
    qtbot.waitUntil(lambda: kiosk.env.fallback is not None and kiosk.env.fallback.width_mm == 58)
    assert not is_english()
    assert kiosk.idle_timer.interval() == 45_000
    assert kiosk.env.printer is printer


def _counter(qtbot: QtBot, hall_db: Database, clock: FakeClock, tmp_path: Path,
             **options: Any) -> CounterWindow:
    ctx = Ctx(hall_db, actor_for(hall_db, "clerk1"), clock=clock, terminal="counter-test")
    window = CounterWindow(ctx, FeedWatcher(hall_db),
                           {"window": 1, "journal_dir": tmp_path, **options})
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None and bool(window.profile))
    return window


@SQLITE_ONLY
def test_a_counter_takes_its_printer_roll_and_language(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
        tmp_path: Path, ctx_for: Callable[[str], Ctx]) -> None:
    save(ctx_for, "counter-test", "counter", printer="Counter-1", roll_width_mm=58,
         language="en")
    counter = _counter(qtbot, hall_db, clock, tmp_path)
    try:
        assert is_english()
        assert isinstance(counter.printer, DevicePrinter)
        target = counter.printer.target
        assert isinstance(target, DocumentPrinter)
        assert target.printer.name == "Counter-1"
        assert counter.printer.width_mm == 58
        save(ctx_for, "counter-test", "counter", language="zh")
        counter.feed.events_arrived.emit([HALL_CHANGED])
        qtbot.waitUntil(lambda: not is_english())
        assert isinstance(counter.printer.target, PdfCaseDocumentPrinter)
        assert counter.printer.width_mm == 80
    finally:
        wait_for_tasks()


@SQLITE_ONLY
def test_a_counter_given_a_printer_and_a_language_keeps_them(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
        tmp_path: Path, ctx_for: Callable[[str], Ctx]) -> None:
    save(ctx_for, "counter-test", "counter", printer="Counter-1", language="en")
    fixed = PdfCaseDocumentPrinter(Ctx(hall_db, actor_for(hall_db, "clerk1")), tmp_path)
    counter = _counter(qtbot, hall_db, clock, tmp_path, printer=fixed, lang="zh")
    wait_for_tasks()
    assert counter.printer is fixed
    assert not is_english()


@SQLITE_ONLY
@pytest.mark.parametrize("lang", [None, "zh"])
def test_a_call_display_speaks_its_terminals_language(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, ctx_for: Callable[[str], Ctx],
        lang: str | None) -> None:
    save(ctx_for, "display-test", "display", language="en")
    feed = FeedWatcher(hall_db, wait_seconds=0.1)
    try:
        window = DisplayWindow(Ctx(hall_db, actor_for(hall_db, "display1"),
                                   terminal="display-test"),
                               feed, Announcer(engine=None, chime=None, gap_ms=0))
        window.options = {"lang": lang}
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.refreshed, timeout=10_000):
            feed.start()
        assert is_english() == (lang is None)
    finally:
        feed.stop()
        wait_for_tasks()


@SQLITE_ONLY
def test_a_rating_pad_takes_its_idle_time_and_language(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
        ctx_for: Callable[[str], Ctx]) -> None:
    save(ctx_for, "pad-test", "rating", idle_seconds=20, language="en")
    ctx = Ctx(hall_db, actor_for(hall_db, "display1"), clock=clock, terminal="pad-test")
    pad = rating.create(ctx, FeedWatcher(hall_db), {"window": 1})
    qtbot.addWidget(pad)
    qtbot.waitUntil(is_english)
    assert pad.idle_timer.interval() == 20_000
    save(ctx_for, "pad-test", "rating", idle_seconds=40, language="zh")
    pad.feed.events_arrived.emit([HALL_CHANGED])
    qtbot.waitUntil(lambda: not is_english())
    assert pad.idle_timer.interval() == 40_000
    wait_for_tasks()


def test_run_without_lang_leaves_the_language_to_the_terminal(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``--lang`` defaulted to zh, so the launcher could not tell it from one given."""
    from hallapp.cli.main import main
    from hallapp.ui import launcher

    langs: list[str | None] = []

    def run(_role: str, _url: str, **kw: Any) -> int:
        langs.append(kw["lang"])
        return 0

    monkeypatch.setattr(launcher, "run", run)
    monkeypatch.setenv("HALLAPP_LOG_DIR", str(tmp_path / "log"))
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert main(["--db", db, "run", "kiosk"]) == 0
    assert main(["--db", db, "run", "kiosk", "--lang", "en"]) == 0
    assert langs == [None, "en"]
