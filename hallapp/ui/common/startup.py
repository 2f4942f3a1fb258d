"""A client's start: its database checked before the login, and what is wrong said on screen.

A client started with the server down, or on a database of a newer hallapp, wrote one line to
stderr and ended: a kiosk or a call display, which boots before the server and whose stderr
nobody sees, simply died. A database that cannot be reached now gets a window that says so,
counts down to the next try and tries again until it answers (or someone presses 退出); a
database that will not do however long one waits (newer schema, no hall, no such file, an
invalid address) gets a dialog that says so, and the client ends with the CLI's exit code.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.errors import DomainError
from hallapp.services.context import Database, is_connection_error, is_disk_error
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.tasks import run_task

RETRY_SECONDS = 10
TICK_MS = 1000  # one second of the countdown (tests shorten it)
RETRYABLE = ("db_unreachable", "db_disk", "db_readonly")
UNREACHABLE_EXIT = 10  # as the CLI's "database unreachable"


def open_database(url: str, prepare: Callable[[Database], None], title: str
                  ) -> Database | int:
    """The database at ``url`` once ``prepare`` passes on it, or the exit code after the
    user was told why not (or quit while waiting for the server)."""
    try:
        db = Database(url)
    except DomainError as exc:  # an address that does not parse
        refuse(title, exc)
        return exc.exit_code
    code = wait_until_ready(lambda: prepare(db), title, db.safe_url)
    if code is None:
        return db
    db.dispose()
    return code


def wait_until_ready(check: Callable[[], None], title: str, url: str,
                     failed: BaseException | None = None) -> int | None:
    """None once ``check`` passes; else the exit code, after a dialog. ``failed``: what has
    just failed (the wait starts at once, with it)."""
    if failed is None:
        try:
            check()
            return None
        except Exception as exc:
            failed = exc
    if not retryable(failed):
        refuse(title, failed)
        return failed.exit_code if isinstance(failed, DomainError) else 1
    wait = StartupWait(check, failed, title, url)
    if wait.exec() == QDialog.DialogCode.Accepted:
        return None
    if wait.error is None:  # 退出
        return UNREACHABLE_EXIT
    refuse(title, wait.error)
    return wait.error.exit_code if isinstance(wait.error, DomainError) else 1


def retryable(exc: BaseException) -> bool:
    """A server down or a disk full or unwritable: waiting may mend it."""
    if isinstance(exc, DomainError):
        return exc.code in RETRYABLE
    return is_connection_error(exc) or is_disk_error(exc)


def refuse(title: str, exc: BaseException) -> None:
    QMessageBox.critical(None, title, user_message(exc, "start"))


class StartupWait(QDialog):
    """Why the database cannot be reached, and a countdown to the next try (立即重试 at
    once); accepted when a try passes, rejected by 退出. Each try runs off the GUI thread
    (a server that does not answer can take long to refuse)."""

    def __init__(self, check: Callable[[], None], error: BaseException, title: str, url: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startupWait")
        self.setWindowTitle(title)
        self._check, self._url = check, url
        self._left, self._trying = RETRY_SECONDS, False
        self.error: BaseException | None = None  # what ended the wait, other than 退出
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        buttons = QDialogButtonBox()
        self.retry_button = QPushButton(self.tr("立即重试"))
        self.retry_button.setObjectName("retry")
        self.quit_button = QPushButton(self.tr("退出"))
        self.quit_button.setObjectName("quit")
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.retry_button.clicked.connect(self.try_now)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.countdown)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._failed(error)

    def _reason(self, exc: BaseException) -> str:
        if isinstance(exc, DomainError):
            return user_message(exc, "start")
        first = (str(getattr(exc, "orig", None) or exc).splitlines() or [""])[0]
        return self.tr("无法连接数据库 {0}：{1}").format(self._url, first)

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.try_now()
        else:
            self._show_left()

    def _show_left(self) -> None:
        self.countdown.setText(self.tr("{0} 秒后自动重试").format(self._left))

    def try_now(self) -> None:
        if self._trying:
            return
        self._trying = True
        self._timer.stop()
        self.retry_button.setEnabled(False)
        self.countdown.setText(self.tr("正在连接数据库…"))
        run_task(self._check, self._passed, self._failed)

    def _passed(self, _result: object) -> None:
        self._trying = False
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._trying = False
        if not retryable(exc):  # it answers now, but will not do (a newer schema, no hall)
            self.error = exc
            self.reject()
            return
        self.reason.setText(self._reason(exc))
        self.retry_button.setEnabled(True)
        self._left = RETRY_SECONDS
        self._show_left()
        self._timer.start()
