"""``hallapp init`` and ``hallapp demo`` on the database's life cycle: an interrupted init
leaves nothing behind (or, left by an older hallapp, is finished by the next), and the demo's
data goes into the demo hall only.

Passwords are hashed cheaply here (the demo's thirty accounts take ~5 s with the real
parameters); the code path is the same.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CHEAP, FakeClock
from sqlalchemy import func, select

from hallapp.core.errors import StateError
from hallapp.core.roles import SYSTEM_ACTOR, Actor, Role
from hallapp.services import audit, setup, staff
from hallapp.services.context import Ctx
from hallapp.services.hall import create_hall, load_demo_json
from hallapp.store.models import AuditEntry, CalendarYear, Hall, ServiceItem, Staff
from hallapp.store.uow import Database


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staff, "_hasher", CHEAP)


def _count(db: Database, column: Any) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count(column))) or 0)


def _logs_in(db: Database, username: str, password: str) -> bool:
    anon = Ctx(db, Actor("anonymous", Role.DISPLAY), terminal="test")
    return staff.login(anon, username, password).username == username


class Interrupted(BaseException):
    """As Ctrl+C (KeyboardInterrupt) while the accounts were being made."""


@pytest.mark.parametrize("demo", [True, False], ids=["demo", "new hall"])
def test_an_interrupted_init_leaves_nothing_and_the_next_finishes(
        empty_db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        demo: bool) -> None:
    """It left the hall (and the catalogue and windows) without a single account, and the
    next ``init`` said 大厅已存在 and only migrated: nobody could ever log in."""
    real = setup.add_staff_bulk

    def interrupted(ctx: Ctx, accounts: list[dict[str, Any]], hashes: list[str]) -> int:
        real(ctx, accounts[:3], hashes[:3])
        raise Interrupted

    monkeypatch.setattr(setup, "add_staff_bulk", interrupted)
    with pytest.raises(Interrupted):
        setup.init_database(empty_db, demo=demo, admin_password="Admin1234", clock=clock)
    assert (_count(empty_db, Hall.id), _count(empty_db, Staff.id),
            _count(empty_db, ServiceItem.id), _count(empty_db, AuditEntry.id)) == (0, 0, 0, 0)
    assert not setup.hall_exists(empty_db)
    monkeypatch.setattr(setup, "add_staff_bulk", real)
    result = setup.init_database(empty_db, demo=demo, admin_password="Admin1234", clock=clock)
    assert result.created
    assert setup.hall_exists(empty_db)
    assert _logs_in(empty_db, *(("admin1", "demo1234") if demo else ("admin", "Admin1234")))
    admin = Ctx(empty_db, SYSTEM_ACTOR, clock=clock)
    assert audit.verify_audit(admin).ok  # written in one piece, the chain unbroken


def _older_init_stopped_after_the_hall(db: Database, clock: FakeClock, demo: bool) -> None:
    """What an older hallapp's ``init`` left when stopped before the accounts: the hall
    (and, for the demo, its catalogue), each step committed apart."""
    ctx = Ctx(db, SYSTEM_ACTOR, clock=clock, terminal="init")
    if demo:
        create_hall(ctx, load_demo_json("hall.json"))  # made before the demo mark
        setup.import_catalogue(ctx, load_demo_json("catalogue.json"))
    else:
        create_hall(ctx, setup.MINIMAL_HALL)


def test_a_hall_an_older_init_left_without_accounts_is_finished(
        empty_db: Database, clock: FakeClock) -> None:
    _older_init_stopped_after_the_hall(empty_db, clock, demo=True)
    items = _count(empty_db, ServiceItem.id)
    assert not setup.hall_exists(empty_db)  # so init asks for what it needs again
    result = setup.init_database(empty_db, demo=True, clock=clock)
    assert (result.created, _count(empty_db, Hall.id)) == (True, 1)
    assert _count(empty_db, ServiceItem.id) == items  # not imported twice
    assert _logs_in(empty_db, "clerk1", "demo1234")
    assert not setup.init_database(empty_db, demo=True, clock=clock).created


def test_an_unfinished_hall_is_finished_only_as_what_it_was_begun_as(
        empty_db: Database, clock: FakeClock) -> None:
    _older_init_stopped_after_the_hall(empty_db, clock, demo=False)
    with pytest.raises(StateError) as refused:
        setup.init_database(empty_db, demo=True, clock=clock)
    assert refused.value.code == "init_unfinished"
    assert "hallapp init 完成它" in refused.value.message
    assert _count(empty_db, ServiceItem.id) == 0
    setup.init_database(empty_db, admin_password="Admin1234", clock=clock)
    assert _logs_in(empty_db, "admin", "Admin1234")


def test_the_demo_writes_nothing_into_a_real_hall(empty_db: Database, clock: FakeClock) -> None:
    """``hallapp demo`` on a real hall loaded the provisional 2027 calendar into it (audited
    as the system's init, silencing the board's "load next year's holidays"), then opened the
    demo's appointment slots in whichever of its queues A, B, D the hall had."""
    setup.init_database(empty_db, admin_password="Admin1234", clock=clock)
    entries = _count(empty_db, AuditEntry.id)
    for load in (setup.load_demo_calendar, setup.load_demo_slots):
        with pytest.raises(StateError) as refused:
            load(empty_db, clock)
        assert refused.value.code == "not_demo_hall"
        assert "不是演示大厅" in refused.value.message
    assert (_count(empty_db, CalendarYear.year), _count(empty_db, AuditEntry.id)) == (0, entries)


def test_the_demo_hall_is_known_as_such(hall_db: Database, clock: FakeClock) -> None:
    setup.require_demo_hall(hall_db)  # marked by init --demo
    with hall_db.write_session() as s:  # a demo database made before the mark
        hall = s.scalars(select(Hall)).one()
        hall.settings = {k: v for k, v in hall.settings.items() if k != setup.DEMO_MARK}
        s.commit()
    setup.require_demo_hall(hall_db)
    setup.load_demo_calendar(hall_db, clock)
    assert _count(hall_db, CalendarYear.year) == 1


@pytest.mark.parametrize("demo", [True, False], ids=["demo", "new hall"])
def test_init_hashes_the_passwords_before_its_transaction_opens(
        empty_db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
        demo: bool) -> None:
    """The demo's accounts were hashed inside init's one transaction: seconds of argon2 with
    the transaction idle, which PostgreSQL ends after 10 s (every PG test's template failed
    so on a loaded machine; a slow hall server would fail ``init --demo`` the same way)."""
    open_when_hashing: list[bool] = []

    def hash_password(password: str) -> str:
        open_when_hashing.append(empty_db.batch is not None)
        return CHEAP.hash(password)

    monkeypatch.setattr("hallapp.services.hall.hash_password", hash_password)
    setup.init_database(empty_db, demo=demo, admin_password="Admin1234", clock=clock)
    assert open_when_hashing
    assert not any(open_when_hashing)
