"""Options that mean nothing as given are refused (exit 2), not silently ignored.

``audit list --entity-id 3`` without --entity listed every kind of object numbered 3,
``kpi drill --key A`` without --by drilled into the whole hall, and ``case deliver --express
… --proof …`` sent the result by express without checking the proof.
"""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.store.uow import Database


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_options_that_would_be_ignored_are_refused(cli: Cli) -> None:
    assert "--entity-id 须与 --entity 合用" in cli.fails(2, "admin1", "audit", "list",
                                                      "--entity-id", "3")
    assert isinstance(cli.json("admin1", "audit", "list", "--entity", "staff", "--entity-id", "3"),
                      list)
    assert "--key 须与 --by 合用" in cli.fails(2, "supervisor1", "kpi", "drill", "--key", "A")
    assert cli("supervisor1", "kpi", "drill", "--by", "queue", "--key", "A") == 0
    case = "SZFT-20261124-00001"
    assert "不能与 --proof" in cli.fails(2, "clerk1", "case", "deliver", case, "--express",
                                        "SF1234567890", "--proof", "HALLAPP:C:x")
    assert "--window" in cli.fails(2, "clerk1", "case", "deliver", case, "--express",
                                   "SF1234567890", "--window", "1")
    assert "--address 须与 --express 合用" in cli.fails(2, "clerk1", "case", "deliver", case,
                                                      "--proof", "x", "--address", "深圳")
