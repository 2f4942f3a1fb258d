"""``hallapp audit list`` reads as people speak of the hall: actions and objects by name, times
on the hall's clock; and the CLI prints every time in the zone the hall is configured with."""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock
from sqlalchemy import update

from hallapp.store.models import Hall
from hallapp.store.uow import Database


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


def test_audit_list_names_actions_and_objects_at_the_halls_time(cli: Cli) -> None:
    assert cli("kiosk1", "ticket", "take", "A") == 0
    assert cli("admin1", "audit", "list", "--limit", "2") == 0
    header, login, take = cli.out.splitlines()
    assert header.split() == ["序号", "时间", "操作人", "终端", "操作", "对象", "对象编号"]
    assert "2026-11-24 09:00:00  admin1" in login  # 01:00 UTC on the clock
    assert tuple(login.split()[5:7]) == ("登录", "人员账号")
    assert tuple(take.split()[3:7]) == ("kiosk1", "cli-test", "取号", "号票")
    [row] = cli.json("admin1", "audit", "list", "--limit", "1", "--entity", "ticket")
    assert (row["action"], row["entity"]) == ("ticket_take", "ticket")  # JSON keeps the codes


def test_audit_list_refuses_a_bad_limit_or_object_type(cli: Cli) -> None:
    # A negative LIMIT is "all rows" to SQLite and an error to PostgreSQL: refused on both.
    assert "条数须在 1 到 5000 之间（现为 -1）" in cli.fails(11, "admin1", "audit", "list",
                                                      "--limit", "-1")
    assert "现为 0" in cli.fails(11, "supervisor1", "kpi", "drill", "--limit", "0")
    with pytest.raises(SystemExit) as usage:
        cli("admin1", "audit", "list", "--entity", "nope")
    assert usage.value.code == 2


def test_times_are_printed_on_the_clock_of_the_halls_own_zone(cli: Cli,
                                                              hall_db: Database) -> None:
    with hall_db.write_session() as s:
        s.execute(update(Hall).values(timezone="Asia/Urumqi"))  # UTC+6: 07:00 on the clock
        s.commit()
    assert cli("admin1", "audit", "list", "--limit", "1") == 0
    assert "2026-11-24 07:00:00" in cli.out
    assert cli("admin1", "appointment", "slots", "B", "2026-11-24", "--start", "09:00",
               "--end", "09:30") == 0
    assert "09:00" in cli.out
    assert "11:00" not in cli.out


def test_a_command_logs_in_once(cli: Cli, hall_db: Database) -> None:
    """`kpi show` asked for its login twice: two logins in the audit log for one command."""
    from sqlalchemy import func, select

    from hallapp.store.models import AuditEntry

    def logins() -> int:
        with hall_db.read_session() as s:
            return int(s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == "login")) or 0)

    before = logins()
    assert cli("supervisor1", "kpi", "show") == 0
    assert logins() == before + 1
