"""``hallapp simulate live`` on the demo hall: its summary reads as text, mistyped window
numbers are refused by name rather than ending in an internal error, and SIGTERM stops it as
Ctrl-C does."""

from __future__ import annotations

import signal

import pytest
from clikit import CJK, Cli, make_cli
from conftest import FakeClock
from sqlalchemy import func, select

from hallapp.services import simulate_live
from hallapp.store.models import Ticket, Window
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


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_live_summary_reads_in_english(cli: Cli) -> None:
    assert cli("supervisor1", "--lang", "en", "simulate", "live", "--hours", "1",
               "--window-numbers", "1,2,3") == 0
    assert cli.out.startswith("Hall day 2026-11-24, windows 1,2,3; taken ")
    assert "; cases " in cli.out
    assert not CJK.search(cli.out), cli.out


def test_live_refuses_window_numbers_that_are_not_numbers_or_windows(cli: Cli) -> None:
    assert "窗口号 'a,b' 无效" in cli.fails(11, "supervisor1", "simulate", "live",
                                          "--window-numbers", "a,b")
    assert "窗口 99 不存在" in cli.fails(11, "supervisor1", "simulate", "live",
                                      "--window-numbers", "1,99")


@pytest.mark.parametrize("engine_name", ["sqlite"], indirect=True)
def test_sigterm_ends_the_run_as_ctrl_c_does(hall_db: Database, clock: FakeClock,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM (a service manager, ``timeout``) killed the run on the spot: exit 143 with 14
    windows open and 7 tickets in service, and the next run was refused. The test calls the
    handler the command installed, as the signal would."""
    sleeps = 0

    def sleep(seconds: float) -> None:
        nonlocal sleeps
        sleeps += 1
        if sleeps == 40:
            handler = signal.getsignal(signal.SIGTERM)
            assert callable(handler), "SIGTERM would end the process with its windows open"
            handler(signal.SIGTERM, None)
        clock.advance(seconds=seconds)

    real = simulate_live.run_live
    monkeypatch.setattr(simulate_live, "run_live", lambda ctx, **kw: real(ctx, sleep=sleep,
                                                                           **kw))
    before = signal.getsignal(signal.SIGTERM)
    cli = make_cli(hall_db, clock, capsys, monkeypatch)
    assert cli("supervisor1", "simulate", "live", "--hours", "2") == 143
    assert "已中断" in cli.out
    assert signal.getsignal(signal.SIGTERM) == before  # put back for what runs after
    with hall_db.read_session() as s:
        assert set(s.scalars(select(Window.state))) == {"closed"}
        assert s.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.state.in_(("called", "serving")))) == 0
