"""A command that waits for another terminal's lock past the lock timeout says the database
is busy (exit 10), not "cannot connect" and not an internal error (PostgreSQL; engine.py)."""

from __future__ import annotations

import pytest
from clikit import make_cli
from conftest import FakeClock
from sqlalchemy import text

from hallapp.store.uow import Database


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_command_behind_a_stopped_terminal_says_the_database_is_busy(
        hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cli = make_cli(hall_db, clock, capsys, monkeypatch)
    cli.url = f"{hall_db.url}?options=-c%20lock_timeout%3D300ms"
    with hall_db.writer.connect() as stopped:  # the feed's head, as inside a commit
        stopped.execute(text("SELECT event_seq FROM feed_head WHERE id = 1 FOR UPDATE"))
        err = cli.fails(10, "kiosk1", "ticket", "take", "A")  # its login writes: it waits
    assert err.startswith(
        "hallapp: 数据库忙（被另一个终端或程序占用），本次操作未保存，请稍后重试（参考号 "), err
    assert "无法连接" not in err
    assert "内部错误" not in err
    assert cli("kiosk1", "ticket", "take", "A") == 0  # the other terminal went on
