"""``catalogue withdraw`` and ``catalogue reinstate``: an item in use is not withdrawn without
``--force``, and the refusal says what it would touch (exit 13, as a wrong state)."""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.store.uow import Database

COMPANY = "440300000000069391780001"  # 有限责任公司设立登记, queue A


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_withdraw_in_use_needs_force_then_reinstate(cli: Cli) -> None:
    taken = cli.json("kiosk1", "ticket", "take", "A", "--item", COMPANY)
    error = cli.fails(13, "admin1", "catalogue", "withdraw", COMPANY)
    assert "1 人等候" in error
    assert "0 个未签到的预约" in error
    assert "--force" in error
    assert any(r["code"] == COMPANY for r in cli.json("admin1", "catalogue", "list"))
    assert cli("admin1", "catalogue", "withdraw", COMPANY, "--force") == 0, cli.err
    assert f"已停用事项 {COMPANY}" in cli.out
    assert "1 人等候" in cli.out
    assert all(r["code"] != COMPANY for r in cli.json("admin1", "catalogue", "list"))
    assert cli.json("clerk1", "ticket", "show", taken["number"])["state"] == "waiting"
    assert cli("admin1", "catalogue", "reinstate", COMPANY) == 0, cli.err
    assert "第 1 版生效" in cli.out
    assert "未停用" in cli.fails(13, "admin1", "catalogue", "reinstate", COMPANY)
    assert "不存在" in cli.fails(12, "admin1", "catalogue", "reinstate", "NOPE")
