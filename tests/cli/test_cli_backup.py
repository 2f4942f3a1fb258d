"""``hallapp restore`` of a backup made by an earlier hallapp, and of one made by a later one.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from hallapp.cli.main import main

OLD = Path(__file__).resolve().parents[1] / "data" / "backups"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_old_backup_restores_and_a_newer_programs_is_named(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    code, out, err = _run(capsys, "--db", target, "restore", str(OLD / "hall-0010.backup.gz"))
    assert code == 0, err
    assert "备份的结构版本 0010，已迁移到" in out
    with gzip.open(OLD / "hall-0010.backup.gz", "rt", encoding="utf-8") as f:
        lines = f.read().replace('"revision": "0010"', '"revision": "0099"', 1)
    newer = tmp_path / "newer.backup.gz"
    with gzip.open(newer, "wt", encoding="utf-8") as f:
        f.write(lines)
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    code, _, err = _run(capsys, "--db", other, "restore", str(newer))
    assert code == 13
    assert "由更新版本的 hallapp 制作（结构版本 0099" in err
