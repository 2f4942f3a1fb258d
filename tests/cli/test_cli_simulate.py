"""``hallapp simulate live`` on the demo hall: its summary reads as text, and mistyped window
numbers are refused by name rather than ending in an internal error."""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.services import simulate_live
from hallapp.store.uow import Database


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    # The run's pauses move the test clock instead of sleeping.
    real = simulate_live.run_live
    monkeypatch.setattr(simulate_live, "run_live", lambda ctx, **kw: real(
        ctx, sleep=lambda s: clock.advance(seconds=s), **kw))
    return make_cli(hall_db, clock, capsys, monkeypatch)


def test_live_summary_names_the_case_outcomes(cli: Cli) -> None:
    assert cli("supervisor1", "simulate", "live", "--hours", "1", "--window-numbers",
               "1,2,3") == 0
    summary = cli.out.splitlines()[0]
    assert "窗口 1,2,3" in summary
    assert "办件 当场办结 " in summary or "办件 受理 " in summary
    assert "{" not in summary  # not a Python dict


def test_live_refuses_window_numbers_that_are_not_numbers_or_windows(cli: Cli) -> None:
    assert "窗口号 'a,b' 无效" in cli.fails(11, "supervisor1", "simulate", "live",
                                          "--window-numbers", "a,b")
    assert "窗口 99 不存在" in cli.fails(11, "supervisor1", "simulate", "live",
                                      "--window-numbers", "1,99")
