"""Files a command writes (reports, staffing plans) and what ``simulate plan`` warns of.

A file that cannot be written was an internal error (exit 1, a traceback in the log); the
README promises exit 20 with the path named. ``simulate plan`` printed 全部达标 for 19
windows at 10:00 in a 14-window hall, with nothing in --json, where the planner tab warns.
"""

from __future__ import annotations

import json
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
    for path in (tmp_path, a_file / "catalogue.xlsx"):  # the catalogue's export too
        err = cli.fails(20, "admin1", "catalogue", "export", str(path))
        assert f"无法写入文件 {path}" in err


def test_a_plan_that_cannot_be_written_is_an_output_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "plan.json"
    assert main(["simulate", "plan", "--demo", "--runs", "2", "--out", str(missing)]) == 20
    assert f"无法写入文件 {missing}" in capsys.readouterr().err


def test_plan_warns_when_the_hall_has_too_few_windows(
        capsys: pytest.CaptureFixture[str]) -> None:
    plan = ["simulate", "plan", "--demo", "--runs", "2"]
    assert main([*plan, "--json"]) == 0
    warning = json.loads(capsys.readouterr().out)["capacity_warning"]
    assert warning["hall_windows"] == 14  # the demo hall
    assert warning["windows"] > 14
    assert main(plan) == 0
    assert warning["message"] in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_plan_from_the_halls_history_counts_the_halls_windows(
        hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cli = make_cli(hall_db, clock, capsys, monkeypatch)
    planned = cli.json("supervisor1", "simulate", "plan", "--runs", "2")
    assert planned["capacity_warning"]["hall_windows"] == 14
