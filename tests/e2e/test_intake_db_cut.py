"""A real database outage in the middle of an intake, with a client restart while it lasts.

The counter talks to PostgreSQL through :class:`tcp_proxy.TcpProxy`, which the test cuts
(all connections dropped, new ones refused) and restores; the shared server is never
stopped. The ticket is served through the services on the real URL. What the clerk typed
before the cut must survive the cut and a restart of the client (the local journal), and end
up in the case opened once the database is back.

PostgreSQL only: a hall of several machines is where the database sits across a network
that can fail. SQLite is a file on the terminal's own disk; renaming or hiding it does not
cut connections already open (they keep their file descriptors), so a cut there could only be
partial, and a failing local disk cannot be simulated without privileges.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock, actor_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select
from sqlalchemy.engine import make_url
from tcp_proxy import TcpProxy

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from counterkit import ID_NUMBER, TOLERANT_ITEM, cell_click, choose_item, fill_person

from hallapp.services import tickets, windows
from hallapp.services.context import Ctx, Database
from hallapp.store.models import Case
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.tasks import wait_for_tasks
from hallapp.ui.counter.printing import PdfCaseDocumentPrinter
from hallapp.ui.counter.window import CounterWindow, create

pytestmark = pytest.mark.slow
POSTGRESQL_ONLY = pytest.mark.parametrize("engine_name", ["postgresql"])
WAIT_MS = 15000


def serve_ticket(ctx_for: Callable[[str], Ctx], clock: FakeClock) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    clock.advance(seconds=95)
    windows.call_next(clerk, 1)
    windows.start(clerk, 1)


def cases_in(db: Database) -> list[Case]:
    with db.read_session() as s:
        return list(s.scalars(select(Case).order_by(Case.id)))


@pytest.fixture
def proxy(hall_db: Database) -> Iterator[TcpProxy]:
    url = make_url(hall_db.url)
    server = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    yield server
    server.close()


@pytest.fixture
def proxied_db(hall_db: Database, proxy: TcpProxy) -> Iterator[Database]:
    """The same database as ``hall_db``, reached through the proxy."""
    url = make_url(hall_db.url).set(host="127.0.0.1", port=proxy.port)
    db = Database(url.render_as_string(hide_password=False))
    yield db
    db.dispose()


def start_counter(qtbot: QtBot, db: Database, clock: FakeClock, folder: Path,
                  actor_db: Database) -> CounterWindow:
    """A counter client with its own running change feed, as the launcher builds it."""
    ctx = Ctx(db, actor_for(actor_db, "clerk1"), clock=clock, terminal="counter-cut")
    feed = FeedWatcher(db, wait_seconds=0.2)
    window = create(ctx, feed, {"window": 1, "journal_dir": folder,
                                "printer": PdfCaseDocumentPrinter(ctx, folder / "documents")})
    feed.setParent(window)
    feed.start()
    window.resize(1280, 800)
    window.show()
    return window


def stop_counter(qtbot: QtBot, window: CounterWindow) -> None:
    """What closing the client does: the feed thread ends, the window goes away."""
    wait_for_tasks()
    window.feed.stop()
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not isValid(window))


@POSTGRESQL_ONLY
def test_cut_restart_and_restore_keep_the_intake(
        qtbot: QtBot, qapp: QApplication, hall_db: Database, proxied_db: Database,
        proxy: TcpProxy, clock: FakeClock, ctx_for: Callable[[str], Ctx],
        tmp_path: Path) -> None:
    application("zh")
    serve_ticket(ctx_for, clock)
    first = start_counter(qtbot, proxied_db, clock, tmp_path, hall_db)
    qtbot.waitUntil(lambda: first.state is not None and bool(first.profile), timeout=WAIT_MS)
    choose_item(qtbot, first, "gsbg", TOLERANT_ITEM)
    fill_person(qtbot, first)
    cell_click(qtbot, first, "M02", "received")
    journal = first.intake.journal.path

    proxy.cut()
    qtbot.waitUntil(lambda: first.banner.isVisibleTo(first), timeout=WAIT_MS)
    assert "连接已中断" in first.banner.text()
    assert not first.intake.open_button.isEnabled()
    saved = json.loads(journal.read_text(encoding="utf-8"))
    assert (saved["item_code"], saved["applicant"]["name"]) == (TOLERANT_ITEM, "张三")
    assert saved["applicant"]["id_number"] == ID_NUMBER
    assert saved["marks"]["M02"]["status"] == "received"
    stop_counter(qtbot, first)

    counter = start_counter(qtbot, proxied_db, clock, tmp_path, hall_db)  # restarted, still cut
    intake = counter.intake
    qtbot.waitUntil(lambda: counter.banner.isVisibleTo(counter), timeout=WAIT_MS)
    assert intake.form.edits["name"].text() == "张三"
    assert intake.form.edits["id_number"].text() == ID_NUMBER
    assert intake.draft.marks["M02"]["status"] == "received"
    assert intake.notice.isVisibleTo(counter)

    proxy.restore()
    qtbot.waitUntil(lambda: not counter.banner.isVisibleTo(counter), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: intake.open_button.isEnabled(), timeout=WAIT_MS)
    assert intake.checklist.model.row(1).status == "received"
    qtbot.mouseClick(intake.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.view is not None and not intake.busy
                    and not intake.draft.pending, timeout=WAIT_MS)
    assert intake.message.text() == ""
    [case] = cases_in(hall_db)
    assert (case.applicant_name, case.applicant_id) == ("张三", ID_NUMBER)
    assert {m["code"]: m.get("status") for m in case.materials}["M02"] == "received"
    stop_counter(qtbot, counter)
