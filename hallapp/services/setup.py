"""``hallapp init``: migrate the database and create the hall, the demo hall if asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from hallapp.core.calendar import parse_calendar_file
from hallapp.core.errors import DomainError
from hallapp.core.hallday import hall_day, parse_hhmm
from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.services.appointments import create_slots, list_slots
from hallapp.services.calendar_admin import build_calendar, load_calendar
from hallapp.services.catalogue import import_catalogue
from hallapp.services.context import Ctx
from hallapp.services.hall import (
    add_staff_bulk,
    configure_windows,
    create_hall,
    demo_dir,
    get_hall_row,
    load_demo_json,
)
from hallapp.store import schema
from hallapp.store.models import CalendarYear, Hall
from hallapp.store.setup_lock import setup_lock
from hallapp.store.uow import Clock, Database, utc_now

MINIMAL_HALL: dict[str, Any] = {
    "hall": {"code": "HALL", "name": "政务服务中心", "timezone": "Asia/Shanghai",
             "opening_hours": {"periods": [["09:00", "12:00"], ["14:00", "18:00"]]}},
}


@dataclass(frozen=True)
class InitResult:
    revision: str | None
    created: bool
    demo: bool
    items: int


def init_database(db: Database, *, demo: bool = False, admin_password: str | None = None,
                  clock: Clock = utc_now) -> InitResult:
    """Bring the schema to head; on an empty database create the hall.

    With ``demo`` the demo hall (catalogue, windows, staff) from resources/demo is loaded;
    otherwise a minimal hall with one ``admin`` account whose password the caller supplies.
    Running it again on an initialised database only migrates.
    """
    with setup_lock(db):  # two machines initialising one new database: one after the other
        return _init(db, demo, admin_password, clock)


def _init(db: Database, demo: bool, admin_password: str | None, clock: Clock) -> InitResult:
    revision = schema.upgrade(db)
    ctx = Ctx(db, SYSTEM_ACTOR, clock=clock, terminal="init")
    with ctx.uow(readonly=True) as uow:
        exists = bool(uow.session.scalar(select(func.count(Hall.id))))
    if exists:
        return InitResult(revision, False, demo, 0)
    if demo:
        hall_cfg = load_demo_json("hall.json")
        create_hall(ctx, hall_cfg)
        result = import_catalogue(ctx, load_demo_json("catalogue.json"))
        configure_windows(ctx, hall_cfg.get("windows", []))
        add_staff_bulk(ctx, hall_cfg.get("staff", []))
        return InitResult(revision, True, True, result.items_added)
    if not admin_password:
        raise ValueError("admin password required for a new hall")
    create_hall(ctx, MINIMAL_HALL)
    add_staff_bulk(ctx, [{"username": "admin", "name": "管理员", "role": "admin",
                          "password": admin_password}])
    return InitResult(revision, True, False, 0)


def hall_exists(db: Database) -> bool:
    """Whether the database already holds a hall: ``init`` then only migrates, and needs no
    password for an administrator it will not create."""
    if schema.current_revision(db) is None:
        return False
    with db.read_session() as s:
        return bool(s.scalar(select(func.count(Hall.id))))


def migrate(db: Database) -> str | None:
    """Bring the schema to the head revision (every client does this at start)."""
    return schema.upgrade(db)


DEMO_CALENDARS = ("calendar_2027_provisional.json",)


def load_demo_calendar(db: Database, clock: Clock = utc_now) -> None:
    """The demo's provisional calendar for the year after chinese-calendar's last one.

    Demo only, and marked so: a real hall loads the State Council's notice instead
    (``hallapp calendar load``). Without it, promised deadlines reaching into that year are
    refused with a message naming the year, which is right for a real hall but would stop a
    newcomer's first intake of a long-running item.
    """
    with setup_lock(db):
        _load_demo_calendar(db, clock)


def _load_demo_calendar(db: Database, clock: Clock) -> None:
    ctx = Ctx(db, SYSTEM_ACTOR, clock=clock, terminal="init")
    with ctx.uow(readonly=True) as uow:
        loaded = set(uow.session.scalars(select(CalendarYear.year)))
    for name in DEMO_CALENDARS:
        text = (demo_dir() / name).read_text(encoding="utf-8")
        if not parse_calendar_file(text)[0] <= loaded:  # never replace a loaded year
            load_calendar(ctx, text, f"demo: {name}")


def load_demo_slots(db: Database, clock: Clock = utc_now) -> int:
    """Demo only: open the appointment slots of resources/demo/appointment_slots.json for
    today and the next working days that have none yet, so the kiosk's 预约签到 and the
    counter's 预约 tab have something to show. Returns the slots opened."""
    with setup_lock(db):  # two demos starting at once would open the same slots
        return _open_demo_slots(db, clock)


def _open_demo_slots(db: Database, clock: Clock) -> int:
    spec = load_demo_json("appointment_slots.json")
    ctx = Ctx(db, SYSTEM_ACTOR, clock=clock, terminal="demo")
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        calendar = build_calendar(uow.session)
        day = hall_day(uow.now, hall.timezone)
    opened = 0
    for _ in range(int(spec["working_days"])):
        try:
            while not calendar.is_working_day(day):
                day += timedelta(days=1)
        except DomainError:
            break  # a year no calendar covers: the demo stops there
        if not list_slots(ctx, day):
            opened += sum(len(create_slots(
                ctx, s["queue"], day, parse_hhmm(s["start"]), parse_hhmm(s["end"]),
                s["minutes"], s["capacity"], s.get("item"))) for s in spec["slots"])
        day += timedelta(days=1)
    return opened
