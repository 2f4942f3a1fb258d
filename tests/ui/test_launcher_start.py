"""A client's start (``hallapp run``) before its login: what is wrong with the database is
said on screen, a server not up yet is waited for with a countdown, and no database is made.

A client started with the server down or on a newer schema wrote a line to stderr and ended
(a kiosk booting before the server simply died); on a mistyped path it created and migrated
an empty SQLite file, then refused every login as a wrong password.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from hallapp.core.errors import DomainError
from hallapp.core.roles import Actor, Role
from hallapp.services.context import Database
from hallapp.ui import launcher
from hallapp.ui.common import startup

DOWN = "postgresql+psycopg://postgres@127.0.0.1:1/hall"  # nothing listens on port 1


@pytest.fixture
def shown(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the error dialogs shown; the login must not be reached."""
    texts: list[str] = []

    def critical(_parent: Any, _title: str, message: str, *_: Any) -> Any:
        texts.append(message)
        return QMessageBox.StandardButton.Ok

    def no_login(*_: Any) -> Actor:
        raise AssertionError("the login was reached")

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(launcher, "_actor", no_login)
    monkeypatch.setattr(startup, "TICK_MS", 5)  # the ten-second countdown in 50 ms
    return texts


def test_a_mistyped_path_is_said_and_no_database_is_made(shown: list[str],
                                                          tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hal.sqlite3'}"
    assert launcher.run("kiosk", url, user="kiosk1") == 13
    assert len(shown) == 1
    assert "hal.sqlite3 不存在" in shown[0]
    assert list(tmp_path.iterdir()) == []


def test_a_database_without_a_hall_is_said(shown: list[str], empty_db: Database) -> None:
    assert launcher.run("counter", empty_db.url, user="clerk1") == 13
    assert len(shown) == 1
    assert "没有大厅" in shown[0]
    assert "hallapp init" in shown[0]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_newer_schema_is_said_in_a_dialog(shown: list[str], hall_db: Database) -> None:
    with hall_db.writer.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    assert launcher.run("kiosk", hall_db.url, user="kiosk1") == 13
    assert len(shown) == 1
    assert "0099" in shown[0]
    assert "比本程序" in shown[0]


def test_a_server_not_up_is_waited_for_on_screen(shown: list[str]) -> None:
    """A kiosk booting before the server: a window says why and counts down to the next
    try, again and again, until the server answers or 退出 is pressed."""
    seen: list[tuple[str, str]] = []
    running = [True]

    def look_then_quit() -> None:
        if not running[0]:  # the client ended without waiting: look no more
            return
        wait = _the_wait()
        if wait is None or len(seen) < 3:
            if wait is not None and wait.countdown.text() not in {c for _, c in seen}:
                seen.append((wait.reason.text(), wait.countdown.text()))
            QTimer.singleShot(5, look_then_quit)
            return
        wait.quit_button.click()

    QTimer.singleShot(0, look_then_quit)
    try:
        code = launcher.run("kiosk", DOWN, user="kiosk1")
    finally:
        running[0] = False
    assert code == 10
    assert shown == []  # no refusal: waiting
    reason, countdown = seen[0]
    assert "无法连接数据库" in reason
    assert "127.0.0.1:1" in reason
    assert countdown.endswith("秒后自动重试")


def _the_wait() -> startup.StartupWait | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, startup.StartupWait) and w.isVisible()), None)


class Unreachable(DomainError):
    code = "db_unreachable"


def test_the_wait_ends_when_the_server_answers(shown: list[str]) -> None:
    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise Unreachable("无法连接数据库")

    assert startup.wait_until_ready(check, "自助取号", DOWN) is None
    assert (len(calls), shown) == (3, [])


def test_a_server_that_answers_with_a_newer_schema_ends_the_wait(shown: list[str]) -> None:
    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) < 2:
            raise Unreachable("无法连接数据库")
        raise DomainError("结构版本 0099 比本程序新", code="db_newer")

    assert startup.wait_until_ready(check, "自助取号", DOWN) == 10
    assert shown == ["结构版本 0099 比本程序新"]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_database_lost_at_the_login_is_waited_for_then_logged_in(
        shown: list[str], hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """It said 无法连接数据库，请稍候，系统将自动重试 and ended the client."""
    kiosk = Actor("kiosk1", Role.KIOSK)
    tries: list[int] = []

    def login(*_: Any) -> Actor:
        tries.append(1)
        if len(tries) == 1:
            raise Unreachable("无法连接数据库")
        return kiosk

    monkeypatch.setattr(launcher, "_actor", login)
    assert launcher._log_in(hall_db, "kiosk", "kiosk1", False, "自助取号") is kiosk
    assert (len(tries), shown) == (2, [])
