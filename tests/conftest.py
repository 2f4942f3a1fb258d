"""Shared fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from HALLAPP_TEST_PG_URL (default: database ``test`` as ``postgres`` on
127.0.0.1:5432). Tests create their own databases from a migrated template and drop them;
nothing is left in, or read from, ``test``. Without a server the PostgreSQL half is skipped
with the reason shown, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

_TMP = Path(tempfile.mkdtemp(prefix="hallapp-tests-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HALLAPP_DATA_DIR"] = str(_TMP / "data")
os.environ["HALLAPP_LOG_DIR"] = str(_TMP / "log")
os.environ.pop("HALLAPP_DB_URL", None)

from sqlalchemy import create_engine, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from hallapp.core.roles import Actor, Role  # noqa: E402
from hallapp.services import batching, staff  # noqa: E402
from hallapp.services.batch_writer import BatchWriter  # noqa: E402
from hallapp.services.context import Ctx  # noqa: E402
from hallapp.services.setup import init_database  # noqa: E402
from hallapp.store import schema  # noqa: E402
from hallapp.store.models import Staff  # noqa: E402
from hallapp.store.uow import Database  # noqa: E402

PG_URL = os.environ.get("HALLAPP_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ENGINES = ["sqlite", "postgresql"]
# Password hashing is deliberately slow with the real argon2 parameters (init --demo spends
# most of its time on them); tests that do not check the hashing itself use these.
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
# ``hallapp`` run as a process, as its installed entry point runs it (``sys.exit(main())``),
# but hashing with CHEAP: ``[*CHEAP_HALLAPP, "--db", url, "init", "--demo"]``.
CHEAP_HALLAPP = [sys.executable, "-c", (
    "import sys; from argon2 import PasswordHasher; from hallapp.services import staff; "
    "staff._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1); "
    "from hallapp.cli.main import main; sys.exit(main())")]


class PgServer:
    """Creates and drops databases on the test server (CREATE DATABASE … TEMPLATE …)."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", pool_size=1)
        self.prefix = f"hallapp_t{os.getpid()}_"
        self.created: list[str] = []

    def url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"{self.prefix}{uuid.uuid4().hex[:10]}"
        tmpl = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{tmpl}'))
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        for name in self.created:
            self.drop(name)
        self.admin.dispose()


def _pg_or_reason() -> PgServer | str:
    try:
        server = PgServer(PG_URL)
        with server.admin.connect() as conn:
            conn.execute(text("SELECT 1"))
        return server
    except Exception as exc:
        return f"PostgreSQL not reachable at {make_url(PG_URL).render_as_string()}: {exc!s:.120}"


@pytest.fixture(autouse=True)
def _unsaved_edits_given_up_at_teardown() -> Iterator[None]:
    """An admin window left with unsaved item edits asks 保存/放弃/取消 when closed: when
    pytest-qt closes it after the test, that modal question would wait forever. Until the
    test's own answers (monkeypatched, undone before this) it is answered 放弃."""
    dialogs = sys.modules.get("hallapp.ui.admin.dialogs")
    if dialogs is None or not hasattr(dialogs, "UnsavedDialog"):
        yield
        return
    real = dialogs.UnsavedDialog.__dict__["ask"]
    dialogs.UnsavedDialog.ask = classmethod(lambda _cls, _parent, _text: "discard")
    try:
        yield
    finally:
        dialogs.UnsavedDialog.ask = real


@pytest.fixture(autouse=True)
def _gc_on_gui_thread_between_tests() -> Iterator[None]:
    """Once Qt is loaded, collect garbage as a client does: on this (GUI) thread, after the
    thread pool has finished, never automatically in the middle of a test (see
    hallapp.ui.common.gc_pin)."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QThreadPool

        from hallapp.ui.common.gc_pin import collect_due

        gc.disable()
        QThreadPool.globalInstance().waitForDone(10_000)
        collect_due()
        # Every test starts on a Chinese screen, whichever test ran before it in this worker
        # (a kiosk test switched to English left it behind for the next, under some xdist orders).
        app = QCoreApplication.instance()
        if app is not None and app.property("hallapp_lang") == "en":
            from PySide6.QtWidgets import QApplication

            from hallapp.ui.common.qt_app import set_language

            if isinstance(app, QApplication):
                set_language(app, "zh")


# The last year chinese-calendar knew when these tests were written (1.11.0: 2026). The
# tests expect a deadline in 2027 to be refused until the hall loads that year; a newer
# package that already knows 2027 must not turn them red. Worker processes the tests spawn
# use the real package, and only 2026 dates.
PACKAGE_LAST_YEAR = 2026


@pytest.fixture(scope="session", autouse=True)
def _calendar_package_known_to_2026() -> Iterator[None]:
    import chinese_calendar

    from hallapp.core import calendar
    from hallapp.services import calendar_admin

    real = chinese_calendar.is_workday
    years = frozenset(y for y in calendar.package_years() if y <= PACKAGE_LAST_YEAR)
    assert PACKAGE_LAST_YEAR in years, "chinese-calendar is older than the tests"

    def is_workday(day: Any) -> bool:
        if day.year > PACKAGE_LAST_YEAR:
            raise NotImplementedError(f"no holidays known for {day.year}")
        return bool(real(day))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chinese_calendar, "is_workday", is_workday)
        for module in (calendar, calendar_admin):
            patch.setattr(module, "package_years", lambda: years)
        yield


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = _pg_or_reason()
    if isinstance(server, str):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {server}")
        pytest.skip(server)
    yield server
    server.close()


@pytest.fixture
def pg_empty(pg_server: PgServer) -> Iterator[Database]:
    """A PostgreSQL database with nothing in it, not even the schema."""
    name = pg_server.create()
    db = Database(pg_server.url_for(name))
    yield db
    db.dispose()
    pg_server.drop(name)


class Templates:
    """Migrated template databases (empty, and with the demo hall), built once per session."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.request = request
        self.sqlite: dict[str, Path] = {}
        self.pg: dict[str, str] = {}

    def sqlite_file(self, kind: str) -> Path:
        if kind not in self.sqlite:
            path = _TMP / f"template-{kind}.sqlite3"
            _build(Database(f"sqlite:///{path}"), kind)
            self.sqlite[kind] = path
        return self.sqlite[kind]

    def pg_name(self, kind: str, server: PgServer) -> str:
        if kind not in self.pg:
            name = server.create()
            _build(Database(server.url_for(name)), kind)
            self.pg[kind] = name
        return self.pg[kind]


def _build(db: Database, kind: str) -> None:
    if kind == "demo":  # the demo accounts' passwords (demo1234) cheaply hashed
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(staff, "_hasher", CHEAP)
            init_database(db, demo=True,
                          clock=lambda: datetime(2026, 11, 23, 0, 30, tzinfo=UTC))
    else:
        schema.upgrade(db)
    db.dispose()


@pytest.fixture(scope="session")
def templates(request: pytest.FixtureRequest) -> Templates:
    return Templates(request)


def _make_db(request: pytest.FixtureRequest, templates: Templates, engine: str,
             kind: str) -> Iterator[Database]:
    if engine == "sqlite":
        path = Path(tempfile.mkdtemp(dir=_TMP)) / "hall.sqlite3"
        shutil.copyfile(templates.sqlite_file(kind), path)
        db = Database(f"sqlite:///{path}")
        yield db
        db.dispose()
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create(template=templates.pg_name(kind, server))
    db = Database(server.url_for(name))
    yield db
    db.dispose()
    server.drop(name)


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_db(request: pytest.FixtureRequest, templates: Templates,
             engine_name: str) -> Iterator[Database]:
    """A database at the head revision with no hall."""
    yield from _make_db(request, templates, engine_name, "empty")


@pytest.fixture
def hall_db(request: pytest.FixtureRequest, templates: Templates,
            engine_name: str) -> Iterator[Database]:
    """A database with the demo hall (catalogue, windows, staff; passwords demo1234, hashed
    with CHEAP: a login takes milliseconds)."""
    yield from _make_db(request, templates, engine_name, "demo")


class FakeClock:
    """A clock tests move by hand; starts Tuesday 2026-11-24 09:00 Asia/Shanghai."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 24, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> datetime:
        self.now += timedelta(**kw)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def actor_for(db: Database, username: str) -> Actor:
    """The Actor of a demo account, without the (deliberately slow) password check."""
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        return Actor(row.username, Role(row.role), row.id, row.name, row.department_id,
                     row.window_number, row.session_epoch)


@pytest.fixture
def ctx_for(hall_db: Database, clock: FakeClock) -> Callable[[str], Ctx]:
    """``ctx_for("clerk1")``: a service context acting as that demo account."""

    def make(username: str) -> Ctx:
        return Ctx(hall_db, actor_for(hall_db, username), clock=clock, terminal="test")

    return make


# --- the batch writer (tests/services/test_batch_*.py) -------------------------------------


@contextmanager
def served(writer: BatchWriter) -> Iterator[BatchWriter]:
    """The writer answering requests in a thread until the block ends."""
    stop = threading.Event()
    thread = threading.Thread(target=writer.serve, args=(stop,), daemon=True)
    thread.start()
    try:
        yield writer
    finally:
        stop.set()
        thread.join(timeout=10)


@pytest.fixture
def busy_lock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Terminals send to the writer only when the write lock is busy; here always, except
    in the tests of that rule (marked ``real_lock``). Used by the writer's
    test modules (``pytest.mark.usefixtures``)."""
    if "real_lock" not in request.keywords:
        monkeypatch.setattr(batching._Client, "contended", lambda self: True)


@pytest.fixture
def writer(hall_db: Database) -> Iterator[BatchWriter]:
    w = BatchWriter(hall_db.url)
    w.start()
    yield w
    w.close()


@pytest.fixture
def serving(writer: BatchWriter) -> Iterator[BatchWriter]:
    with served(writer):
        yield writer
