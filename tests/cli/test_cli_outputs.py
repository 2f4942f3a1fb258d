"""Files a command writes (reports, staffing plans).

A file that cannot be written was an internal error (exit 1, a traceback in the log); the
README promises exit 20 with the path named.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clikit import make_cli
from conftest import FakeClock

from hallapp.cli.main import main
from hallapp.store.uow import Database


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_report_that_cannot_be_written_is_an_output_error(
        hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cli = make_cli(hall_db, clock, capsys, monkeypatch)
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    for option, path in (("--pdf", tmp_path), ("--xlsx", a_file / "day.xlsx")):
        err = cli.fails(20, "supervisor1", "report", "daily", option, str(path))
        assert f"无法写入文件 {path}" in err
        assert "内部错误" not in err


def test_a_plan_that_cannot_be_written_is_an_output_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "plan.json"
    assert main(["simulate", "plan", "--demo", "--runs", "2", "--out", str(missing)]) == 20
    assert f"无法写入文件 {missing}" in capsys.readouterr().err
