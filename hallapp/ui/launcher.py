"""Start a client window: ``hallapp run ROLE`` and ``hallapp demo`` (every client in one
process, but the kiosk in one of its own: ``APART``).

Every client gets a service context (database + the logged-in account) and its own change
feed watcher; it never sees a Session. Clients are registered in ``CLIENTS`` by role. A
:class:`ClientSession` holds a client window and its login: when the account is disabled, or
its password reset by an administrator, while the window is open, it goes back to the login.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QProcess,
    QProcessEnvironment,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from hallapp.config import terminal_name
from hallapp.core.roles import Actor, Role, session_ended
from hallapp.services.context import Ctx, Database
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.feed import FeedWatcher
from hallapp.ui.common.qt_app import application
from hallapp.ui.common.startup import open_database, retryable, wait_until_ready

if TYPE_CHECKING:
    from hallapp.ui.common.login import LoginDialog

DEMO_PASSWORD = "demo1234"
LIVE_WINDOWS = tuple(range(2, 10))  # the demo shows window 1 interactively
log = logging.getLogger("hallapp.ui.launcher")


@dataclass(frozen=True)
class ClientSpec:
    module: str  # module with ``create(ctx, feed, options) -> QWidget``
    title: str  # Chinese source text, translated in the "Launcher" context
    demo_user: str


CLIENTS: dict[str, ClientSpec] = {
    "display": ClientSpec("hallapp.ui.board.display",
                          str(QT_TRANSLATE_NOOP("Launcher", "综合屏")), "display1"),
    "kiosk": ClientSpec("hallapp.ui.kiosk.window",
                        str(QT_TRANSLATE_NOOP("Launcher", "自助取号")), "kiosk1"),
    "counter": ClientSpec("hallapp.ui.counter.window",
                          str(QT_TRANSLATE_NOOP("Launcher", "窗口工作台")), "clerk1"),
    "rating": ClientSpec("hallapp.ui.counter.rating",
                         str(QT_TRANSLATE_NOOP("Launcher", "服务评价")), "display1"),
    "backoffice": ClientSpec("hallapp.ui.backoffice.window",
                             str(QT_TRANSLATE_NOOP("Launcher", "后台审批")), "approver_szamr"),
    "supervisor": ClientSpec("hallapp.ui.supervisor.window",
                             str(QT_TRANSLATE_NOOP("Launcher", "值班长看板")), "supervisor1"),
    "admin": ClientSpec("hallapp.ui.admin.window",
                        str(QT_TRANSLATE_NOOP("Launcher", "管理")), "admin1"),
}


def available_roles() -> list[str]:
    """Roles whose client module exists in this build."""
    return [role for role, spec in CLIENTS.items() if importlib.util.find_spec(spec.module)]


def _actor(ctx: Ctx, spec: ClientSpec, user: str | None, demo: bool) -> Actor | None:
    # The login (argon2) and its dialog are for run() only: create_client() gets its actor.
    from hallapp.services.staff import login
    from hallapp.ui.common.login import LoginDialog

    password = os.environ.get("HALLAPP_PASSWORD")
    name = user or os.environ.get("HALLAPP_USER")
    if demo:
        name, password = name or spec.demo_user, password or DEMO_PASSWORD
    if name and password:
        return login(ctx, name, password)
    return LoginDialog.ask(ctx, QCoreApplication.translate("Launcher", spec.title))


def _log_in(db: Database, role: str, user: str | None, demo: bool, title: str) -> Actor | int:
    """The account the client runs as, or the exit code (0: the login dialog cancelled). A
    database lost at the login (or one this account cannot write) is waited for as at start,
    then the login tried again."""
    from hallapp.services.setup import prepare_client

    base = Ctx(db, Actor("anonymous", _display_role()), terminal=terminal_name())
    while True:
        try:
            actor = _actor(base, CLIENTS[role], user, demo)
        except Exception as exc:
            if not retryable(exc):
                QMessageBox.critical(None, title, user_message(exc, "login"))
                return 15
            code = wait_until_ready(lambda: prepare_client(db), title, db.safe_url, failed=exc)
            if code is not None:
                return code
            continue
        return 0 if actor is None else actor


def create_client(role: str, db: Database, actor: Actor, options: dict[str, Any], *,
                  on_session_ended: Callable[[], None] | None = None) -> QWidget:
    """``on_session_ended``: called, from any thread, when the services refuse the client
    because its account was disabled or its password reset since ``actor`` logged in."""
    spec = CLIENTS[role]
    ctx = Ctx(db, actor, terminal=terminal_name(), on_session_ended=on_session_ended)
    feed = FeedWatcher(db)
    module = importlib.import_module(spec.module)
    widget: QWidget = module.create(ctx, feed, options)
    feed.setParent(widget)
    feed.start()
    # The watcher goes with its widget; its thread needs only to be told. Not ``feed.stop``:
    # at exit the watcher's Python side may be torn down before ``destroyed`` is emitted, and
    # calling into it then failed ("Slot 'FeedWatcher::' not found", or its attributes gone).
    halt = feed.halt
    widget.destroyed.connect(lambda *_: halt.set())
    return widget


class ClientSession(QObject):
    """A client window and the account it runs as.

    When that account is disabled, or its password reset by an administrator, while the
    window is open, the services refuse whatever the client asks next (``session_ended``).
    The window then closes (what it showed is not left on the screen), and the login comes
    back with that refusal above the fields and the user name filled in. Logged in again, the
    client opens afresh (the counter offers the half-entered intake its journal kept);
    cancelled, the terminal ends, as a cancelled login at its start does.
    """

    _ended = Signal(int)  # the window's generation: one refused late may not end the next

    def __init__(self, role: str, db: Database, options: dict[str, Any],
                 show: Callable[[QWidget], None]) -> None:
        super().__init__()
        self.role, self.db, self.options, self._show = role, db, options, show
        self.widget: QWidget | None = None
        self.login: LoginDialog | None = None  # the login asked for again, while it is shown
        self._username = ""
        self._generation = 0
        self._quit_on_close = True
        self._ended.connect(self._log_in_again, Qt.ConnectionType.QueuedConnection)

    def start(self, actor: Actor) -> QWidget:
        self._generation += 1
        generation, ended = self._generation, self._ended
        self._username = actor.username
        self.widget = create_client(self.role, self.db, actor, self.options,
                                    on_session_ended=lambda: ended.emit(generation))
        self._show(self.widget)
        return self.widget

    @Slot(int)  # a declared slot: the refusal may be emitted from a worker thread
    def _log_in_again(self, generation: int) -> None:
        if generation != self._generation or self.widget is None:
            return  # an earlier window's refusal, or the login is shown already
        from hallapp.ui.common.login import LoginDialog

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # Between the old window and the new one only the login is shown: no quitting then.
        self._quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        old, self.widget = self.widget, None
        allow_close = getattr(old, "allow_close", None)  # the kiosk asks for its PIN
        if allow_close is not None:
            allow_close()
        old.close()
        old.deleteLater()
        base = Ctx(self.db, Actor("anonymous", _display_role()), terminal=terminal_name())
        dialog = LoginDialog(base, QCoreApplication.translate("Launcher",
                                                              CLIENTS[self.role].title))
        dialog.user.setText(self._username)
        dialog.error.setText(user_message(session_ended(Actor(self._username, Role.DISPLAY))))
        dialog.password.setFocus()
        dialog.finished.connect(self._login_finished)
        self.login = dialog
        dialog.open()

    def _login_finished(self, result: int) -> None:
        dialog, self.login = self.login, None
        assert dialog is not None
        actor = dialog.actor if result == QDialog.DialogCode.Accepted else None
        dialog.deleteLater()
        if actor is not None:
            self.start(actor)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(self._quit_on_close)
        if actor is None and not any(w.isVisible() for w in app.topLevelWidgets()):
            app.exit(0)


def run(role: str, db_url: str, *, window: int | None = None, fullscreen: bool = False,
        lang: str | None = None, user: str | None = None, demo: bool = False) -> int:
    """``lang``: the command line's ``--lang``; None leaves the language to the terminal's
    settings (管理 → 终端设备), Chinese without them."""
    # alembic (~0.2 s, ~15 MB) is for prepare_client() only; create_client() does not need it
    from hallapp.services.setup import prepare_client

    app = application(lang or "zh")
    # Never creates a database; a server not up yet is waited for, on screen (kiosks and
    # displays boot before it); a newer schema, no hall or no such file is said in a dialog.
    title = QCoreApplication.translate("Launcher", CLIENTS[role].title)
    opened = open_database(db_url, prepare_client, title)
    if isinstance(opened, int):
        return opened
    db = opened
    actor = _log_in(db, role, user, demo, title)
    if not isinstance(actor, Actor):
        db.dispose()
        return actor
    options = {"window": window, "fullscreen": fullscreen, "lang": lang}
    session = ClientSession(role, db, options,
                            lambda widget: _show(widget, fullscreen))
    session.start(actor)
    quit_on_signals(app)
    code = app.exec()
    db.dispose()
    return int(code)


def run_demo(db_url: str, *, lang: str = "zh",
             extra: Callable[[Database], None] | None = None) -> int:
    """One of each client on the demo hall, in one process (the kiosk in one of its own, see
    ``APART``), so the whole flow is visible."""
    from hallapp.services.setup import migrate  # alembic: see run()
    from hallapp.services.staff import login  # argon2: see _actor()

    app = application(lang)
    db = Database(db_url)
    migrate(db)
    base = Ctx(db, Actor("anonymous", _display_role()), terminal=terminal_name())
    sessions = []
    for role in available_roles():
        if role in APART:
            app.aboutToQuit.connect(ApartClient(role, db_url, lang, app).stop)
            continue
        spec = CLIENTS[role]
        actor = login(base, spec.demo_user, DEMO_PASSWORD)
        title = QCoreApplication.translate("Launcher", spec.title)

        def show(widget: QWidget, title: str = title) -> None:
            widget.setWindowTitle(QCoreApplication.translate("Launcher", "hallapp 演示 · {0}")
                                  .format(title))
            widget.show()

        # The language is the demo's (--lang) for every client, not the terminal settings'.
        session = ClientSession(role, db, {"window": 1, "fullscreen": False, "lang": lang},
                                show)
        session.start(actor)
        sessions.append(session)
    if extra is not None:
        extra(db)
    quit_on_signals(app)
    code = app.exec()
    db.dispose()
    return int(code)


# Clients the demo runs as processes of their own: the kiosk switches its process's language
# for each applicant who asks, and in the demo's process that switched the counter and the
# supervisor board beside it too (half English, headers cut) until the kiosk timed out.
APART = ("kiosk",)
_RUN_CLI = "from hallapp.cli.main import main; raise SystemExit(main())"


class ApartClient(QProcess):
    """``hallapp run ROLE --lang LANG`` as the role's demo account, on the demo's database
    (given in the environment, so that a password in it is not on the command line)."""

    def __init__(self, role: str, db_url: str, lang: str, parent: QObject) -> None:
        super().__init__(parent)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("HALLAPP_DB_URL", db_url)
        env.insert("HALLAPP_PASSWORD", DEMO_PASSWORD)
        self.setProcessEnvironment(env)
        self.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedChannels)
        self.start(sys.executable, ["-c", _RUN_CLI, "--user", CLIENTS[role].demo_user,
                                    "run", role, "--lang", lang])

    def stop(self) -> None:
        """The demo is quitting: end the client as SIGTERM does (``quit_on_signals``)."""
        if self.state() == QProcess.ProcessState.NotRunning:
            return
        self.terminate()
        if not self.waitForFinished(10_000):
            self.kill()
            self.waitForFinished(2_000)


def live_hall(db: Database) -> None:
    """``hallapp demo --simulate``: a simulated hall day on windows 2–9, as supervisor1.

    ``run_live`` plays two model hours at 30× in a background thread through the real
    services, so every client shows activity at once; when the application quits, the
    driver's next sleep raises KeyboardInterrupt, which makes it release its tickets and
    close its windows, and quitting waits for that. An error mid-run is logged here after
    the run has tidied its windows too (they stayed open); a window paused at the supervisor
    board leaves the run alone, and the others play on.
    """
    from hallapp.services.simulate_live import run_live
    from hallapp.services.staff import login

    stop = threading.Event()

    def sleep(seconds: float) -> None:
        if stop.wait(seconds):
            raise KeyboardInterrupt

    def play() -> None:
        base = Ctx(db, Actor("anonymous", _display_role()), terminal=terminal_name())
        try:
            ctx = Ctx(db, login(base, "supervisor1", DEMO_PASSWORD), terminal="demo-simulate")
            run_live(ctx, speed=30.0, hours=2.0, numbers=LIVE_WINDOWS, sleep=sleep)
        except Exception:
            log.exception("demo: live simulation stopped")

    thread = threading.Thread(target=play, name="demo-simulate", daemon=True)

    def finish() -> None:
        stop.set()
        thread.join(timeout=30)

    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(finish)
    thread.start()


def quit_on_signals(app: QCoreApplication) -> None:
    """Ctrl+C and a service manager's SIGTERM end the client as closing it does (the demo's
    simulation then closes its windows): neither did anything while Qt's loop ran, and a
    SIGTERM from ``timeout`` killed the demo with its windows left open. Python runs a signal
    handler only when the interpreter gets control: a timer gives it that four times a
    second."""
    def stop(*_: object) -> None:
        # exit(), not quit(): quit() first asks every window to close, and the kiosk refuses
        # to be closed without its PIN, so the demo went on running.
        app.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def _display_role() -> Role:
    return Role.DISPLAY


def _show(widget: QWidget, fullscreen: bool) -> None:
    if fullscreen:
        widget.showFullScreen()
    else:
        widget.show()
    QApplication.processEvents()
