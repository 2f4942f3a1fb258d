"""A SQLite database whose folder is missing (README's /srv/hall/… before anyone made it) or
cannot be written (a read-only file system): said in words naming the folder, exit 10. The
files SQLite and hallapp keep beside the database (``-setup.lock``, ``-writer.lock``, the
batch writer's ``-writer.sock.lock``) failed to open with an internal error."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from hallapp.cli.main import main as cli_main
from hallapp.store.uow import Database


@pytest.mark.parametrize("command", [["init", "--demo"], ["db", "upgrade"], ["writer"]])
def test_a_missing_folder_is_named(tmp_path: Path, command: list[str],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "srv" / "hall"
    assert cli_main(["--db", f"sqlite:///{folder}/hallapp.sqlite3", *command]) == 10
    err = capsys.readouterr().err
    assert f"数据库所在的文件夹 {folder} 不存在" in err
    assert "内部错误" not in err
    assert not folder.exists()  # not made behind the user's back


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize("command", [["db", "upgrade"], ["writer"]])
def test_a_read_only_folder_is_named(hall_db: Database, command: list[str],
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """As on a file system mounted read-only: the files beside the database cannot be made
    (the database file itself is there)."""
    folder = os.path.dirname(str(make_url(hall_db.url).database))
    hall_db.dispose()
    real_open = os.open

    def read_only(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).startswith(folder) and flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", read_only)  # as engine.py opens the files beside it
    assert cli_main(["--db", hall_db.url, *command]) == 10
    err = capsys.readouterr().err
    assert f"无法在数据库所在的文件夹 {folder} 中建立文件（Read-only file system）" in err
    assert "内部错误" not in err
