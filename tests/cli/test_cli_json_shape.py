"""One name for one thing across --json outputs (the older names kept).

A window's reason was ``state_reason`` in ``window list`` and ``reason`` in ``window status``;
its ticket a ``current`` number in ``queue status`` and only a ``ticket`` object in ``window
status``; a rating named its ticket by ``ticket_id`` where a case gives its number.
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
def test_a_window_and_a_rating_use_the_same_fields_everywhere(cli: Cli) -> None:
    cli.json("kiosk1", "ticket", "take", "A")
    for action in ("open", "call", "start"):
        cli.json("clerk1", "window", action, "1")
    cli.json("clerk2", "window", "open", "2")
    paused = cli.json("clerk2", "window", "pause", "2", "--reason", "午休")
    assert paused["state_reason"] == paused["reason"] == "午休"
    status = cli.json("clerk1", "window", "status", "1")
    assert (status["current"], status["current_state"]) == ("A001", "serving")
    assert status["ticket"]["number"] == "A001"  # kept
    hall = {w["number"]: w for w in cli.json("clerk1", "queue", "status")["windows"]}
    assert (hall[1]["current"], hall[1]["current_state"]) == ("A001", "serving")
    assert hall[2]["state_reason"] == hall[2]["reason"] == "午休"
    listed = {w["number"]: w for w in cli.json("admin1", "window", "list")}
    assert listed[2]["state_reason"] == "午休"
    rated = cli.json("display1", "rating", "add", "5", "--ticket", "A001")
    assert rated["ticket"] == "A001"
    assert rated["ticket_id"] is not None  # kept
