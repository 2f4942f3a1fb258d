"""The call display (综合屏): driven like a hall, from another process, through the feed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import wave
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import actor_for
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services import admin, tickets, windows
from hallapp.services.board import CallRecord
from hallapp.services.context import Ctx, Database
from hallapp.services.day import QueueStatus
from hallapp.services.feed import FeedEvent
from hallapp.ui.board import announcer as announcer_module
from hallapp.ui.board.announcer import Announcer, announcement_text, english_text, spoken_number
from hallapp.ui.board.display import DisplayWindow, create, parts_for
from hallapp.ui.board.models import RecentCallsModel, WaitingCountsModel
from hallapp.ui.board.speech import SpeechEngine, espeak_engine
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.tasks import wait_for_tasks

ROOT = Path(__file__).resolve().parents[2]
ID_NUMBER, PHONE = "11010519491231002X", "13912345678"
EXPECTED = "请A零零一号到1号窗口办理"

# A terminal in another process: reads commands on stdin, answers "ok <number>" per line.
DRIVER = r"""
import sys
from sqlalchemy import select
from hallapp.core.roles import Actor, Role
from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Staff

db = Database(sys.argv[1])
def ctx(name):
    with db.read_session() as s:
        r = s.scalars(select(Staff).where(Staff.username == name)).one()
    actor = Actor(r.username, Role(r.role), r.id, r.name, r.department_id, r.window_number)
    return Ctx(db, actor, terminal="driver-" + name)
clerk, kiosk = ctx("clerk1"), ctx("kiosk1")
for line in sys.stdin:
    cmd, *args = line.split()
    try:
        if cmd == "take":
            info = tickets.take_ticket(kiosk, args[0], id_number=args[1] if len(args) > 1
                                       else None, phone=args[2] if len(args) > 2 else None)
        elif cmd == "open":
            info = windows.open_window(clerk, int(args[0]))
        elif cmd == "call":
            info = windows.call_next(clerk, int(args[0]))
        elif cmd == "recall":
            info = windows.recall(clerk, int(args[0]))
        print("ok", getattr(info, "number", info), flush=True)
    except Exception as exc:
        print("err", type(exc).__name__, exc, flush=True)
"""


class Terminal:
    """Another hallapp process acting on the same database (kiosk1 and clerk1)."""

    def __init__(self, db: Database) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", DRIVER, db.url], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, cwd=ROOT, env=os.environ.copy())

    def do(self, command: str) -> str:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        assert answer.startswith("ok"), f"{command}: {answer}"
        return answer.removeprefix("ok ").strip()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


class FakeEngine(SpeechEngine):
    """Speaks instantly-ish; records starts and ends and fails the test on an overlap."""

    name = "fake"

    def __init__(self, parent: QObject | None = None, delay_ms: int = 5) -> None:
        super().__init__(parent)
        self.delay_ms = delay_ms
        self.log: list[tuple[str, str]] = []
        self.languages: list[str] = []
        self.speaking: str | None = None
        self.overlaps = 0

    def say(self, text: str, lang: str = "zh") -> None:
        if self.speaking is not None:
            self.overlaps += 1
        self.speaking = text
        self.log.append(("start", text))
        self.languages.append(lang)
        QTimer.singleShot(self.delay_ms, self._end)

    def _end(self) -> None:
        self.log.append(("finish", self.speaking or ""))
        self.speaking = None
        self.finished.emit()

    def spoken(self) -> list[str]:
        return [t for kind, t in self.log if kind == "finish"]


@pytest.fixture
def feed(hall_db: Database) -> Iterator[FeedWatcher]:
    watcher = FeedWatcher(hall_db, wait_seconds=0.1)
    yield watcher
    watcher.stop()
    wait_for_tasks()


def make_display(qtbot: QtBot, db: Database, feed: FeedWatcher,
                 engine: SpeechEngine | None = None) -> DisplayWindow:
    ctx = Ctx(db, actor_for(db, "display1"), terminal="display-test")
    window = DisplayWindow(ctx, feed, Announcer(engine=engine, chime=None, gap_ms=0))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        feed.start()
    return window


def screen_texts(window: DisplayWindow) -> list[str]:
    texts = [label.text() for label in window.findChildren(QLabel)]
    for model in (window.calls_model, window.waiting_model):
        texts += [str(model.index(r, c).data()) for r in range(model.rowCount())
                  for c in range(model.columnCount())]
    return texts


def test_calls_from_another_process_are_shown_counted_and_announced(qtbot: QtBot, hall_db: Database,
                                                                    feed: FeedWatcher) -> None:
    engine = FakeEngine()
    window = make_display(qtbot, hall_db, feed, engine)
    assert window.waiting_model.waiting_for("A") == 0
    terminal = Terminal(hall_db)
    try:
        assert terminal.do(f"take A {ID_NUMBER} {PHONE}") == "A001"
        qtbot.waitUntil(lambda: window.waiting_model.waiting_for("A") == 1, timeout=10_000)
        terminal.do("open 1")
        assert terminal.do("call 1") == "A001"
        qtbot.waitUntil(lambda: window.ui.call_number.text() == "A001", timeout=10_000)
        assert "1号窗口" in window.ui.call_window.text()
        assert window.calls_model.call_at(0).number == "A001"
        assert window.waiting_model.waiting_for("A") == 0
        qtbot.waitUntil(lambda: len(engine.spoken()) == 2, timeout=10_000)
        assert engine.spoken() == [EXPECTED, EXPECTED]
        terminal.do("recall 1")
        qtbot.waitUntil(lambda: len(engine.spoken()) == 4, timeout=10_000)
    finally:
        terminal.close()
    assert engine.spoken() == [EXPECTED] * 4
    assert engine.overlaps == 0
    assert [kind for kind, _ in engine.log] == ["start", "finish"] * 4
    joined = "\n".join(screen_texts(window))
    for secret in (ID_NUMBER, ID_NUMBER[:6], ID_NUMBER[-4:], PHONE, PHONE[-4:]):
        assert secret not in joined


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_banner_on_connection_lost_keeps_last_state(qtbot: QtBot, hall_db: Database,
                                                    feed: FeedWatcher) -> None:
    window = make_display(qtbot, hall_db, feed, FakeEngine())
    system = Ctx(hall_db, SYSTEM_ACTOR, terminal="test")
    windows.open_window(system, 1)
    tickets.take_ticket(system, "A")
    windows.call_next(system, 1)
    qtbot.waitUntil(lambda: window.ui.call_number.text() == "A001", timeout=10_000)
    feed.connection_lost.emit("database gone")
    assert window.offline
    assert window.ui.banner.text() == "连接中断，正在重试…"
    assert window.ui.call_number.text() == "A001"
    assert window.calls_model.rowCount() == 1
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        feed.connection_restored.emit()
    assert not window.offline
    assert window.ui.call_number.text() == "A001"


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_banner_when_postgresql_really_goes_away(qtbot: QtBot, hall_db: Database, feed: FeedWatcher,
                                                 pg_server: Any) -> None:
    """SQLite cannot be taken away from a running reader (its pooled connections keep the
    moved file open), so the real outage is made on PostgreSQL: refuse connections and end
    the open ones, then allow them again."""
    window = make_display(qtbot, hall_db, feed, FakeEngine())
    name = hall_db.url.rsplit("/", 1)[1]
    with pg_server.admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :n"), {"n": name})
    try:
        qtbot.waitUntil(lambda: window.offline, timeout=15_000)
    finally:
        with pg_server.admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    with qtbot.waitSignal(window.refreshed, timeout=15_000):
        qtbot.waitUntil(lambda: not window.offline, timeout=15_000)
    assert window.waiting_model.rowCount() > 0


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_no_label_is_clipped(qtbot: QtBot, hall_db: Database, feed: FeedWatcher, size: tuple[int,
                             int]) -> None:
    system = Ctx(hall_db, SYSTEM_ACTOR, terminal="test")
    for n in range(1, 4):
        windows.open_window(system, n)
    for i in range(12):
        tickets.take_ticket(system, "ABC"[i % 3])
    for n in (3, 2, 1):
        windows.call_next(system, n)
    window = make_display(qtbot, hall_db, feed, FakeEngine())
    window.resize(*size)
    window.show()
    qtbot.waitUntil(lambda: window.calls_model.rowCount() == 3, timeout=10_000)
    qtbot.waitExposed(window)
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text():
            hint = label.sizeHint()
            assert hint.width() <= label.width(), (label.objectName(), label.text())
            assert hint.height() <= label.height(), (label.objectName(), label.text())
    rows = window.waiting_model.rowCount()
    table = window.ui.waiting_table
    assert table.rowViewportPosition(rows - 1) + table.rowHeight(rows - 1) <= \
        table.viewport().height()


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_queue_names_are_shown_whole(qtbot: QtBot, qapp: QApplication, hall_db: Database,
                                     feed: FeedWatcher, lang: str) -> None:
    """At 1280×800 every queue's name fits its column, the long English ones too: the
    counts column takes only what it needs."""
    qapp.setProperty("hallapp_lang", lang)
    try:
        window = make_display(qtbot, hall_db, feed, FakeEngine())
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        table, model = window.ui.waiting_table, window.waiting_model
        names = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
        assert len(names) == 7
        if lang == "en":
            assert "C  Social insurance, housing fund, talent" in names
        metrics = table.fontMetrics()
        assert [n for n in names if metrics.horizontalAdvance(n) > table.columnWidth(0)] == []
    finally:
        qapp.setProperty("hallapp_lang", "zh")


def test_a_queue_renamed_by_the_admin_shows_at_once(qtbot: QtBot, hall_db: Database,
                                                   feed: FeedWatcher) -> None:
    """A queue's new name and prefix (the admin's 队列 tab) reach a display already running
    from the feed, without waiting for the next ticket event."""
    from hallapp.services import admin

    window = make_display(qtbot, hall_db, feed, FakeEngine())
    boss = Ctx(hall_db, actor_for(hall_db, "admin1"))
    admin.save_queue(boss, {"code": "B", "name": "不动产登记（改）", "prefix": "BD"})
    model = window.waiting_model
    qtbot.waitUntil(lambda: "BD  不动产登记（改）" in [
        str(model.index(r, 0).data()) for r in range(model.rowCount())], timeout=10_000)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_the_hall_turns_on_english_calls_and_the_running_display_follows(
        qtbot: QtBot, hall_db: Database, feed: FeedWatcher) -> None:
    engine = FakeEngine()
    window = make_display(qtbot, hall_db, feed, engine)
    window.show()
    assert not window.announcer.english
    assert not window.ui.call_window_en.isVisible()
    admin_ctx = Ctx(hall_db, actor_for(hall_db, "admin1"), terminal="admin-test")
    admin.update_settings(admin_ctx, {"announce_english": True})
    qtbot.waitUntil(lambda: window.announcer.english, timeout=10_000)
    assert window.ui.call_window_en.isVisible()  # the screen says it in English too
    assert window.ui.call_window_en.text() == "Please wait for your call"
    clerk = Ctx(hall_db, actor_for(hall_db, "clerk1"), terminal="counter-test")
    tickets.take_ticket(Ctx(hall_db, actor_for(hall_db, "kiosk1"), terminal="k"), "A")
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    qtbot.waitUntil(lambda: "Number A 0 0 1, please go to window 1" in engine.spoken(),
                    timeout=10_000)
    assert "en" in engine.languages
    qtbot.waitUntil(lambda: window.ui.call_window.text() == "请到1号窗口", timeout=10_000)
    assert window.ui.call_window_en.text() == "Please go to window 1"
    admin.update_settings(admin_ctx, {"announce_english": False})
    qtbot.waitUntil(lambda: not window.ui.call_window_en.isVisible(), timeout=10_000)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_without_a_speech_engine_the_status_line_says_so(qtbot: QtBot, hall_db: Database,
                                                         feed: FeedWatcher) -> None:
    window = make_display(qtbot, hall_db, feed, engine=None)
    window.show()
    assert window.announcer.engine_name is None
    assert window.ui.status.isVisible()
    assert window.ui.status.text() == "语音播报未启用（未找到语音引擎）"
    window.announcer.announce("A001", 1)  # nothing to speak with: silently ignored
    assert not window.announcer.busy


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_create_for_the_launcher(qtbot: QtBot, hall_db: Database, feed: FeedWatcher) -> None:
    ctx = Ctx(hall_db, actor_for(hall_db, "display1"), terminal="display-test")
    widget = create(ctx, feed, {"speech": "off", "fullscreen": False})
    qtbot.addWidget(widget)
    assert isinstance(widget, DisplayWindow)
    assert widget.objectName() == "display"
    assert widget.announcer.engine is None
    with qtbot.waitSignal(widget.refreshed, timeout=10_000):
        pass  # the first load was scheduled by the constructor


def test_announcer_queues_calls_and_never_overlaps(qtbot: QtBot) -> None:
    engine = FakeEngine(delay_ms=20)
    announcer = Announcer(engine=engine, chime=None, gap_ms=0)
    announcer.configure("请{number}号到{window}号窗口办理", 2)
    for number, window in (("A001", 1), ("B012", 12), ("A001", 1)):
        announcer.announce(number, window)
    # The sixth utterance is recorded when it starts; the queue is idle once it has finished.
    qtbot.waitUntil(lambda: len(engine.spoken()) == 6 and not announcer.busy, timeout=5_000)
    first, second = "请A零零一号到1号窗口办理", "请B零一二号到12号窗口办理"
    assert engine.spoken() == [first, first, second, second, first, first]
    assert engine.overlaps == 0
    assert not announcer.busy
    assert announcer.engine_name == "fake"


def test_the_hall_may_add_the_call_in_english(qtbot: QtBot) -> None:
    engine = FakeEngine()
    announcer = Announcer(engine=engine, chime=None, gap_ms=0)
    announcer.configure(None, 2, english=True)
    announcer.announce("A001", 3)
    qtbot.waitUntil(lambda: len(engine.spoken()) == 4 and not announcer.busy, timeout=5_000)
    chinese, english = "请A零零一号到3号窗口办理", "Number A 0 0 1, please go to window 3"
    assert engine.spoken() == [chinese, english, chinese, english]
    assert engine.languages == ["zh", "en", "zh", "en"]
    announcer.configure(None, 1)  # the hall turned it off again
    announcer.announce("B002", 4)
    qtbot.waitUntil(lambda: len(engine.spoken()) == 5, timeout=5_000)
    assert engine.languages[-1] == "zh"


def test_announcer_with_a_chime_that_cannot_play_still_speaks(qtbot: QtBot) -> None:
    engine = FakeEngine()
    announcer = Announcer(engine=engine, gap_ms=0)  # default chime; no audio device here
    announcer.configure(None, 1)
    announcer.announce("C003", 5)
    qtbot.waitUntil(lambda: engine.spoken() == ["请C零零三号到5号窗口办理"], timeout=10_000)


def test_a_hung_engine_is_skipped_by_the_watchdog(qtbot: QtBot) -> None:
    class Mute(SpeechEngine):
        def say(self, text: str, lang: str = "zh") -> None:
            pass  # never finishes

    announcer = Announcer(engine=Mute(), chime=None, gap_ms=0, watchdog_ms=50)
    announcer.configure(None, 2)
    with qtbot.waitSignals([announcer.started, announcer.started], timeout=5_000):
        announcer.announce("A001", 1)


def test_auto_engine_is_found_after_start_and_earlier_calls_still_spoken(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The display finds its engine after the first frame: calls made before are kept."""
    engine = FakeEngine()
    monkeypatch.setattr(announcer_module, "detect_engine", lambda parent: engine)
    announcer = Announcer(chime=None, gap_ms=0)
    assert announcer.detecting
    assert announcer.engine is None
    announcer.configure(None, 1)
    announcer.announce("A001", 1)
    announcer.announce("B002", 2)
    assert engine.spoken() == []
    assert announcer.busy
    with qtbot.waitSignal(announcer.ready):
        announcer.detect()
    qtbot.waitUntil(lambda: not announcer.busy, timeout=5_000)
    assert engine.spoken() == ["请A零零一号到1号窗口办理", "请B零零二号到2号窗口办理"]
    assert announcer.engine_name == "fake"
    assert not announcer.detecting

    monkeypatch.setattr(announcer_module, "detect_engine", lambda parent: None)
    silent = Announcer(chime=None, gap_ms=0)
    silent.announce("A001", 1)
    silent.detect()  # no engine here: what waited is dropped, later calls are ignored
    silent.announce("A002", 1)
    assert not silent.busy
    assert silent.engine is None
    assert not silent.detecting


def test_announcement_text() -> None:
    assert spoken_number("A001") == "A零零一"
    assert spoken_number("Z1234") == "Z一二三四"
    assert announcement_text("请{number}号到{window}号窗口办理", "A001", 3) == \
        "请A零零一号到3号窗口办理"
    assert announcement_text("请{numbr}号", "A001", 3) == "请A零零一号到3号窗口办理"
    assert english_text("B012", 12) == "Number B 0 1 2, please go to window 12"


def test_events_decide_what_reloads() -> None:
    at = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)

    def ev(kind: str) -> FeedEvent:
        return FeedEvent(1, at, kind, {})

    assert parts_for([ev("ticket_called")]) == {"calls", "counts"}
    assert parts_for([ev("ticket_taken")]) == {"counts"}
    assert parts_for([ev("window_changed")]) == {"counts"}
    assert parts_for([ev("case_changed")]) == set()
    assert parts_for([ev("catalogue_changed")]) == {"hall", "counts"}  # names and prefixes


def test_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    at = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    calls = RecentCallsModel()
    calls.set_calls([CallRecord("A002", "A", 2, at, 0), CallRecord("A001", "A", 1, at, 1)])
    qtmodeltester.check(calls)
    assert calls.index(0, calls.column("window")).data() == "2号窗口"
    waiting = WaitingCountsModel()
    waiting.prefixes = {"A": "A"}
    waiting.set_queues([QueueStatus("A", "商事登记", 4, 10, 12, 1, 30, 9)])
    qtmodeltester.check(waiting)
    assert waiting.index(0, waiting.column("queue")).data() == "A  商事登记"
    assert waiting.index(0, waiting.column("waiting")).data() == "4人"
    # a deactivated queue, listed while its tickets still wait (``day.hall_status``)
    waiting.set_queues([QueueStatus("A", "商事登记", 4, 10, 12, 1, 30, 9, active=False)])
    assert waiting.index(0, waiting.column("queue")).data() == "A  商事登记（停用）"


def test_in_english_the_waiting_counts_name_queues_in_english(qapp: QApplication) -> None:
    waiting = WaitingCountsModel()
    waiting.prefixes = {"A": "A", "Z": "Z"}
    waiting.set_queues([QueueStatus("A", "商事登记", 4, 10, 12, 1, 30, 9,
                                    "Business registration"),
                        QueueStatus("Z", "综合出件", 0, 0, 0, 0, 10, 0)])  # no English name
    qapp.setProperty("hallapp_lang", "en")
    try:
        assert [waiting.index(r, 0).data() for r in range(2)] == [
            "A  Business registration", "Z  综合出件"]
    finally:
        qapp.setProperty("hallapp_lang", "zh")
    assert waiting.index(0, 0).data() == "A  商事登记"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_espeak_ng_speaks_each_call_into_a_wav(qtbot: QtBot, tmp_path: Path) -> None:
    engine = espeak_engine(wav_dir=tmp_path)
    assert engine is not None
    announcer = Announcer(engine=engine, chime=None, gap_ms=0)
    spoken: list[str] = []
    announcer.spoken.connect(spoken.append)
    announcer.announce("A001", 3)
    qtbot.waitUntil(lambda: len(spoken) == 2, timeout=15_000)
    assert spoken == ["请A零零一号到3号窗口办理"] * 2
    assert (announcer.engine_name or "").startswith("espeak-ng")
    first, second = engine.written
    with wave.open(str(first)) as w:
        assert w.getnframes() / w.getframerate() > 1.0  # a real utterance, not silence
    assert first.read_bytes() == second.read_bytes()  # deterministic synthesis
    announcer.configure(None, 1, english=True)
    announcer.announce("A001", 3)
    qtbot.waitUntil(lambda: len(spoken) == 4, timeout=15_000)
    chinese, english = engine.written[2:]
    with wave.open(str(english)) as w:
        assert w.getnframes() / w.getframerate() > 1.0
    assert english.read_bytes() != chinese.read_bytes()  # another voice, another text
    assert chinese.read_bytes() == first.read_bytes()
