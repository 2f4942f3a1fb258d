"""The English translation (ui/translations/hallapp_en.ts) is complete, current and used.

1. Every message has a finished, non-empty translation with the same placeholders.
2. The committed .ts equals what pyside6-lupdate extracts from hallapp/ui now, so a new
   string that nobody translated fails here; core's label tables are listed for lupdate.
3. The .qm built by pyside6-lrelease turns every client into English: no visible text is
   still a Chinese source string (data such as item, hall and people names may stay
   Chinese), and nothing is clipped at 1280×800. The kiosk also switches at run time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock, actor_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from uikit import cut_table, fits

from hallapp.core import audit_labels
from hallapp.core.case_rules import (
    ACTION_LABELS,
    RETURNED_LABEL,
    STATE_LABELS,
    SUPPLEMENT_DUE_LABEL,
    VISIT_LABELS,
)
from hallapp.core.catalogue import ITEM_TYPES
from hallapp.core.roles import ROLE_NAMES_ZH
from hallapp.core.state_labels import TICKET_STATE_LABELS
from hallapp.services import case_decide, kpi_drill, tickets, windows
from hallapp.services.admin import SETTINGS
from hallapp.services.context import Ctx, Database
from hallapp.services.ratings import LEVEL_LABELS
from hallapp.ui.common import qt_app, tasks
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.labels import (
    CASE_CONTEXT,
    DRILL_CONTEXT,
    ITEM_TYPE_CONTEXT,
    LEVEL_CONTEXT,
    ROLE_CONTEXT,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import TOLERANT_3, ready_case

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "ui" / "translations" / "hallapp_en.ts"
BIN = Path(sys.executable).parent
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[A-Za-z_0-9]*\}")
HAN = re.compile(r"[\u3400-\u9fff]")
COUNTER_ITEM = "440300000000069391780002"  # 公司变更登记: ten materials, 容缺 allowed


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    kind: str  # the translation's type attribute: "" when finished
    forms: tuple[str, ...] = ()  # a text with %n: English singular and plural

    def texts(self) -> tuple[str, ...]:
        return self.forms or (self.translation,)


def read_ts(path: Path) -> list[Message]:
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            out.append(Message(name, message.findtext("source") or "",
                               forms[0] if forms else translation.text or "",
                               translation.get("type", ""), forms))
    return out


def tool(name: str) -> str:
    exe = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} not found (it comes with PySide6)")
    return exe


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "hallapp" / "ui").rglob("*.py"))


# --- 1 and 2: the .ts file -----------------------------------------------------------------


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    messages = read_ts(TS)
    assert len(messages) > 700
    bad = [m for m in messages if m.kind or not all(t.strip() for t in m.texts())]
    assert bad == [], f"{len(bad)} untranslated, e.g. {bad[:3]}"
    assert all(len(m.forms) in (0, 2) for m in messages), "English: one and many"
    for m in messages:
        for text in m.texts():
            assert sorted(PLACEHOLDER.findall(text)) == \
                sorted(PLACEHOLDER.findall(m.source)), (m.context, m.source, text)
            assert text.count("\n") <= m.source.count("\n") + 1, m
            assert not HAN.search(text), (m.context, m.source, text)


def test_labels_from_core_and_services_are_listed_for_translation() -> None:
    by_context: dict[str, set[str]] = {}
    for m in read_ts(TS):
        by_context.setdefault(m.context, set()).add(m.source)
    tables = {CASE_CONTEXT: {*STATE_LABELS.values(), *ACTION_LABELS.values(), "收件",
                             RETURNED_LABEL, SUPPLEMENT_DUE_LABEL, *VISIT_LABELS.values()},
              ROLE_CONTEXT: set(ROLE_NAMES_ZH.values()),
              LEVEL_CONTEXT: set(LEVEL_LABELS.values()),
              ITEM_TYPE_CONTEXT: set(ITEM_TYPES),
              "AdminSettings": {s.label for s in SETTINGS.values()},
              DRILL_CONTEXT: {*TICKET_STATE_LABELS.values(), *kpi_drill.OUTCOME_ZH.values(),
                              *kpi_drill.FOLLOWUP_ZH.values(), kpi_drill.YES_ZH, "合计"},
              "AuditActions": set(audit_labels.ACTION_LABELS.values()),
              "AuditObjects": set(audit_labels.ENTITY_LABELS.values())}
    for context, labels in tables.items():
        assert labels - by_context.get(context, set()) == set(), \
            f"add these to hallapp/ui/common/labels.py ({context})"


def test_ts_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "hallapp_en.ts"
    shutil.copyfile(TS, fresh)
    run = subprocess.run([tool("pyside6-lupdate"), "-silent", "-no-obsolete", *ui_sources(),
                          "-ts", str(fresh)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    committed = {(m.context, m.source) for m in read_ts(TS)}
    extracted = {(m.context, m.source) for m in read_ts(fresh)}
    assert extracted - committed == set(), "new strings: run `make i18n` and translate them"
    assert committed - extracted == set(), "stale strings: run `make i18n`"


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm as `make setup` builds it, in a temporary folder."""
    folder = tmp_path_factory.mktemp("translations")
    run = subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm",
                          str(folder / "hallapp_en.qm")], capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    counts = re.search(r"Generated (\d+) translation\(s\) \((\d+) finished and (\d+) unfinished\)",
                       run.stdout)
    assert counts, run.stdout
    assert int(counts[1]) == int(counts[2]) > 700, run.stdout
    assert counts[3] == "0", run.stdout
    assert "untranslated" not in run.stdout, run.stdout
    return folder


def test_qm_builds_with_every_message_finished(qm_dir: Path) -> None:
    assert (qm_dir / "hallapp_en.qm").stat().st_size > 10_000


# --- 3: the clients in English ------------------------------------------------------------


@pytest.fixture
def qm_app(qapp: QApplication, qm_dir: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The application as qt_app builds it, its set_language reading the tmp .qm."""
    monkeypatch.setattr(qt_app, "TRANSLATIONS", qm_dir)
    app = qt_app.application("en")
    assert QApplication.translate("LoginDialog", "登录") == "Log in"
    qt_app.set_language(app, "zh")
    yield app
    tasks.wait_for_tasks()
    qt_app.set_language(app, "zh")


def source_matchers() -> tuple[set[str], list[re.Pattern[str]]]:
    """Every Chinese source text, and a pattern for each one with placeholders."""
    exact, patterns = set(), []
    for m in read_ts(TS):
        literal = PLACEHOLDER.sub("", m.source)
        if not HAN.search(literal):
            continue
        exact.add(m.source.strip())
        if literal != m.source and len(HAN.findall(literal)) >= 2:
            parts = PLACEHOLDER.split(m.source)
            patterns.append(re.compile("(?s)" + ".+?".join(map(re.escape, parts))))
    return exact, patterns


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what a user can read: labels, buttons, tabs, titles, placeholders,
    combo entries and table headers of the visible widgets."""
    found = [("window title", root.windowTitle())]
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        where = f"{type(w).__name__} {w.objectName()!r}"
        if isinstance(w, QLabel | QAbstractButton):
            found.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            found.append((where, w.title()))
        elif isinstance(w, QTabBar):
            found += [(where, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            found.append((where, w.placeholderText()))
        elif isinstance(w, QComboBox):
            found += [(where, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            found += [(where, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount())]
    return [(where, text) for where, text in found if HAN.search(text)]


def untranslated(root: QWidget) -> list[str]:
    """Visible texts that are still a Chinese source string (alone, or filled in)."""
    exact, patterns = source_matchers()
    bad = []
    for where, text in shown_texts(root):
        pieces = {text.strip(), *(p.strip() for p in re.split(r"\s{2,}|\n", text))}
        if pieces & exact or any(p.fullmatch(text.strip()) for p in patterns):
            bad.append(f"{where}: {text!r}")
    return bad


def clipped(root: QWidget) -> dict[tuple[str, str, int], str]:
    """Visible labels and buttons whose text needs more room than they got, keyed by
    (class, object name, ordinal) so the same widget can be found in another language."""
    bad, seen = {}, Counter[tuple[str, str]]()
    for w in root.findChildren(QWidget):
        if not isinstance(w, QLabel | QAbstractButton):
            continue
        name = (type(w).__name__, w.objectName())
        seen[name] += 1
        if not w.isVisibleTo(root) or not w.text() or fits(w):
            continue
        size, hint = w.size(), w.sizeHint()
        bad[(*name, seen[name])] = (f"{name[0]} {name[1]!r} {w.text()[:40]!r}: {size.width()}"
                                    f"x{size.height()} < {hint.width()}x{hint.height()}")
    return bad


def settle(qtbot: QtBot) -> None:
    """Until every service call in flight has delivered its result to the widgets."""
    def idle() -> bool:
        tasks.wait_for_tasks()
        QApplication.processEvents()
        return not tasks._alive

    qtbot.waitUntil(idle, timeout=10_000)


class FakePrinter:
    def print_ticket(self, ticket: Any, lang: str = "zh") -> None:
        pass


def _display(ctx: Ctx, feed: FeedWatcher, _tmp: Path) -> QWidget:
    from hallapp.ui.board.display import create
    return create(ctx, feed, {"speech": "off", "fullscreen": False})


def _kiosk(ctx: Ctx, feed: FeedWatcher, _tmp: Path) -> QWidget:
    from hallapp.ui.kiosk.window import create
    return create(ctx, feed, {"printer": FakePrinter(), "speaker": lambda _text: None})


def _counter(ctx: Ctx, feed: FeedWatcher, tmp: Path) -> QWidget:
    from hallapp.ui.counter.printing import PdfCaseDocumentPrinter
    from hallapp.ui.counter.window import create
    return create(ctx, feed, {"window": 1, "journal_dir": tmp,
                              "printer": PdfCaseDocumentPrinter(ctx, tmp)})


def _rating(ctx: Ctx, feed: FeedWatcher, _tmp: Path) -> QWidget:
    from hallapp.ui.counter.rating import create
    return create(ctx, feed, {"window": 1})


def _backoffice(ctx: Ctx, feed: FeedWatcher, tmp: Path) -> QWidget:
    from hallapp.ui.backoffice.actions import PdfNoticePrinter
    from hallapp.ui.backoffice.window import create
    return create(ctx, feed, {"printer": PdfNoticePrinter(ctx, tmp)})


def _admin(ctx: Ctx, feed: FeedWatcher, _tmp: Path) -> QWidget:
    from hallapp.ui.admin.window import create
    return create(ctx, feed, {})


def _supervisor(ctx: Ctx, feed: FeedWatcher, tmp: Path) -> QWidget:
    from hallapp.ui.supervisor.window import create
    return create(ctx, feed, {"chime": False, "export_dir": tmp})


# client -> (demo account, factory as the launcher calls it)
BUILDERS: dict[str, tuple[str, Callable[[Ctx, FeedWatcher, Path], QWidget]]] = {
    "display": ("display1", _display), "kiosk": ("kiosk1", _kiosk),
    "counter": ("clerk1", _counter), "rating": ("display1", _rating),
    "backoffice": ("approver_szamr", _backoffice), "admin": ("admin1", _admin),
    "supervisor": ("supervisor1", _supervisor)}


# client -> "has loaded what it shows first" (as the client's own tests wait for it)
READY: dict[str, Callable[[Any], bool]] = {
    "display": lambda w: w.waiting_model.rowCount() > 0,
    "kiosk": lambda w: w.env.hall is not None and bool(w.home.queue_buttons)
    and len(w.take.green_buttons) > 1,
    "counter": lambda w: w.state is not None and bool(w.profile),
    "rating": lambda w: True,
    "backoffice": lambda w: w.queue.loaded_once,
    "admin": lambda w: w.hall is not None and w.catalogue.model.rowCount() > 0,
    "supervisor": lambda w: w.board.board is not None and w.kpi.report is not None
    and w.work.loaded}


def show(qtbot: QtBot, client: str, window: Any) -> None:
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: READY[client](window), timeout=10_000)
    settle(qtbot)


def build(client: str, db: Database, clock: FakeClock, tmp_path: Path) -> QWidget:
    user, factory = BUILDERS[client]
    ctx = Ctx(db, actor_for(db, user), clock=clock, terminal=f"{client}-i18n")
    return factory(ctx, FeedWatcher(db), tmp_path)


def busy_hall(db: Database, clock: FakeClock) -> None:
    """Window 1 serving a ticket, others waiting, a case waiting in the back office."""
    def ctx(user: str) -> Ctx:
        return Ctx(db, actor_for(db, user), clock=clock, terminal="i18n")

    clerk = ctx("clerk1")
    windows.open_window(clerk, 1)
    for queue in "AAB":
        tickets.take_ticket(ctx("kiosk1"), queue)
    clock.advance(seconds=95)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)
    number = ready_case(ctx, TOLERANT_3, seq=71, M04="missing", M05="commitment")
    case_decide.decide(clerk, number, "accept_tolerant", commitment="申请人承诺已取得合格证明")


def cut_tables(window: QWidget) -> list[str]:
    """The visible tables' columns out of sight (``uikit.cut_table``)."""
    return [cut for table in window.findChildren(QTableView)
            if table.isVisibleTo(window) and table.model() is not None
            for cut in cut_table(table)]


def views(window: QWidget, qtbot: QtBot) -> Iterator[str]:
    """Step through every tab of every tab widget (nested ones too), settling each."""
    yield "first view"
    for n, tabs in enumerate(window.findChildren(QTabWidget)):
        if not tabs.isVisibleTo(window):
            continue
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            settle(qtbot)
            yield f"tab widget {n}, tab {i}"


CLIENTS = list(BUILDERS)
Survey = dict[str, tuple[list[str], dict[tuple[str, str, int], str], list[str]]]


def survey(qtbot: QtBot, client: str, db: Database, clock: FakeClock, tmp_path: Path) -> Survey:
    """Build the client at 1280×800 in the current language; for each of its views, the
    texts left untranslated, the widgets clipped and the tables that hide columns."""
    window: Any = build(client, db, clock, tmp_path)
    show(qtbot, client, window)
    if client == "counter":
        window.intake.choose_item(COUNTER_ITEM, None)
        qtbot.waitUntil(lambda: window.intake.checklist.model.rowCount() > 0)
    if client == "backoffice":
        qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0)
        window.queue.table.selectRow(0)
    settle(qtbot)
    try:
        return {view: (untranslated(window), clipped(window), cut_tables(window))
                for view in views(window, qtbot)}
    finally:
        if isinstance(getattr(window, "feed", None), FeedWatcher):
            window.feed.stop()
        if hasattr(window, "allow_close"):
            window.allow_close()
        window.close()


@SQLITE_ONLY
@pytest.mark.parametrize("client", CLIENTS)
def test_client_in_english_shows_no_source_text_and_clips_nothing_new(
        qtbot: QtBot, qm_app: QApplication, hall_db: Database, clock: FakeClock,
        tmp_path: Path, client: str) -> None:
    """Chinese first, for reference: English may not clip what fits in Chinese (a long
    item name that overflows in both is a layout matter, not a translation one). No table
    may hide a column or cut a header in either language."""
    busy_hall(hall_db, clock)
    chinese = survey(qtbot, client, hall_db, clock, tmp_path / "zh")
    qt_app.set_language(qm_app, "en")
    english = survey(qtbot, client, hall_db, clock, tmp_path / "en")
    assert english.keys() == chinese.keys()
    for view, (left, clips, cut) in english.items():
        assert left == [], f"{client}, {view}: untranslated"
        new = [text for key, text in clips.items() if key not in chinese[view][1]]
        assert new == [], f"{client}, {view}: clipped in English only"
        assert (chinese[view][2], cut) == ([], []), f"{client}, {view}: columns out of sight"


@SQLITE_ONLY
@pytest.mark.parametrize("client", CLIENTS)
def test_client_in_english_keeps_its_1280_by_800_size(
        qtbot: QtBot, qm_app: QApplication, hall_db: Database, clock: FakeClock,
        tmp_path: Path, client: str) -> None:
    """A longer English text must not push a window past the screen it was made for."""
    busy_hall(hall_db, clock)
    qt_app.set_language(qm_app, "en")
    window: Any = build(client, hall_db, clock, tmp_path)
    show(qtbot, client, window)
    try:
        assert window.minimumSizeHint().width() <= 1280
        assert (window.width(), window.height()) == (1280, 800)
    finally:
        if isinstance(getattr(window, "feed", None), FeedWatcher):
            window.feed.stop()
        if hasattr(window, "allow_close"):
            window.allow_close()


@SQLITE_ONLY
def test_kiosk_switches_language_at_run_time(qtbot: QtBot, qapp: QApplication, qm_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             hall_db: Database, clock: FakeClock,
                                             tmp_path: Path) -> None:
    monkeypatch.setattr(qt_app, "TRANSLATIONS", qm_dir)
    qt_app.application("zh")
    zh_clipped = survey(qtbot, "kiosk", hall_db, clock, tmp_path)["first view"][1]
    kiosk: Any = build("kiosk", hall_db, clock, tmp_path)
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 800)
    kiosk.show()
    qtbot.waitUntil(lambda: kiosk.env.hall is not None and bool(kiosk.home.queue_buttons))
    try:
        assert kiosk.home.language_button.text() == "English"
        assert kiosk.header_hint.text() == "自助取号 · 事项查询 · 预约签到"
        qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        assert kiosk.header_hint.text() == "Tickets · Service search · Appointment check-in"
        assert kiosk.home.language_button.text() == "中文"
        assert untranslated(kiosk) == []
        assert clipped(kiosk).keys() <= zh_clipped.keys()
        qtbot.mouseClick(kiosk.home.language_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        assert kiosk.header_hint.text() == "自助取号 · 事项查询 · 预约签到"
    finally:
        kiosk.feed.stop()
        kiosk.allow_close()
        qt_app.set_language(qapp, "zh")

