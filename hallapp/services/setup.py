"""``hallapp init``: migrate the database and create the hall, the demo hall if asked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallapp.core.calendar import parse_calendar_file
from hallapp.core.errors import DomainError, StateError
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
    hash_staff_passwords,
    load_demo_json,
)
from hallapp.store import schema
from hallapp.store.batch import Batch
from hallapp.store.models import CalendarYear, Hall, ServiceItem, Staff
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
                  clock: Clock = utc_now, identity: Mapping[str, str] | None = None
                  ) -> InitResult:
    """Bring the schema to head; on an empty database create the hall.

    With ``demo`` the demo hall (catalogue, windows, staff) from resources/demo is loaded;
    otherwise a minimal hall with one ``admin`` account whose password the caller supplies.
    ``identity`` names a new (not the demo) hall: its name, name_en, address, address_en and
    phone, checked as ``hall set`` checks them. The hall is made in one transaction: stopped
    half way, it leaves no hall. Running it again on an initialised database only migrates; on
    a hall an older hallapp's interrupted init left without accounts, it finishes that hall.
    """
    with setup_lock(db):  # two machines initialising one new database: one after the other
        return _init(db, demo, admin_password, clock, dict(identity or {}))


def _init(db: Database, demo: bool, admin_password: str | None, clock: Clock,
          identity: dict[str, str]) -> InitResult:
    revision = schema.upgrade(db)
    ctx = Ctx(db, SYSTEM_ACTOR, clock=clock, terminal="init")
    with ctx.uow(readonly=True) as uow:
        hall, accounts = _hall_and_accounts(uow.session)
        items = bool(uow.session.scalar(select(func.count(ServiceItem.id))))
    if hall is not None and accounts:
        return InitResult(revision, False, demo, 0)
    if not demo and not admin_password:
        raise ValueError("admin password required for a new hall")
    if hall is not None:  # left by an interrupted init of an older hallapp: finish it
        _refuse_other_hall(hall, demo)
    hall_cfg = load_demo_json("hall.json") if demo else {}
    staff = hall_cfg.get("staff", []) if demo else [
        {"username": "admin", "name": "管理员", "role": "admin", "password": admin_password}]
    hashes = hash_staff_passwords(staff)  # seconds of argon2: not inside the transaction
    with one_transaction(db):  # interrupted, it leaves nothing: the next init starts afresh
        if not demo:
            if hall is None:
                create_hall(ctx, {"hall": {**MINIMAL_HALL["hall"], **identity}})
            add_staff_bulk(ctx, staff, hashes)
            return InitResult(revision, True, False, 0)
        if hall is None:
            create_hall(ctx, {**hall_cfg, "hall": {**hall_cfg["hall"], "settings": {
                **hall_cfg["hall"].get("settings", {}), DEMO_MARK: True}}})
        added = 0 if items else import_catalogue(ctx, load_demo_json("catalogue.json")).items_added
        configure_windows(ctx, hall_cfg.get("windows", []))
        add_staff_bulk(ctx, staff, hashes)
    return InitResult(revision, True, True, added)


def _hall_and_accounts(session: Session) -> tuple[Hall | None, int]:
    """The hall, and how many accounts it has: a hall with none is an unfinished init."""
    hall = session.scalars(select(Hall).order_by(Hall.id)).first()
    return hall, int(session.scalar(select(func.count(Staff.id))) or 0)


def _refuse_other_hall(hall: Hall, demo: bool) -> None:
    """An unfinished hall is finished as what it was begun as: the demo hall by ``init
    --demo``, a new hall by ``init``."""
    if is_demo(hall) != demo:
        raise StateError(
            f"数据库中的大厅「{hall.name}」没有任何账号（上次 hallapp init"
            f"{'' if demo else ' --demo'} 未完成）：请再运行一次 hallapp init"
            f"{'' if demo else ' --demo'} 完成它，或换一个空数据库", code="init_unfinished",
            hall=hall.name, command="hallapp init" + ("" if demo else " --demo"))


@contextmanager
def one_transaction(db: Database) -> Iterator[None]:
    """Every unit of work in the block joins one transaction, committed at its end (each a
    savepoint, as in the batch writer): ``init`` interrupted while it created the accounts
    (Ctrl+C, ~5 s of password hashing) left a hall nobody could log in to, which the next
    ``init`` took for a finished one."""
    with db.writer.connect() as conn:
        conn.begin()
        batch = db.batch = Batch(conn)
        try:
            yield
            batch.write_log()
            conn.commit()
        finally:
            db.batch = None  # leaving the block without commit rolls it all back


def hall_exists(db: Database) -> bool:
    """Whether the database already holds a hall with its accounts: ``init`` then only
    migrates, and needs no password for an administrator it will not create."""
    if schema.current_revision(db) is None:
        return False
    with db.read_session() as s:
        hall, accounts = _hall_and_accounts(s)
        return hall is not None and accounts > 0


DEMO_MARK = "demo"  # a hall setting: the hall ``init --demo`` made
FORMER_DEMO_NAMES = ("深圳市福田区政务服务中心（演示）",)  # the demo hall's name until 2026-11


def is_demo(hall: Hall) -> bool:
    """The demo hall: marked so by ``init --demo``, or (made before the mark) still named
    as the demo's hall.json names it."""
    if hall.settings.get(DEMO_MARK) is True:
        return True
    cfg = load_demo_json("hall.json")["hall"]
    return hall.code == cfg["code"] and hall.name in (cfg["name"], *FORMER_DEMO_NAMES)


def migrate(db: Database) -> str | None:
    """Bring the schema to the head revision (``hallapp demo`` does this at start)."""
    return schema.upgrade(db)


def prepare_client(db: Database) -> None:
    """What every client checks at start, before its login: the database exists (it is never
    created here: a mistyped path made an empty file, which the client then migrated), holds
    a hall with its accounts (not "用户名或密码错误" on a database without one), and is
    brought to head; a newer schema is refused (``db_newer``)."""
    schema.ready_for_login(db)
    schema.upgrade(db)


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


def require_demo_hall(db: Database) -> None:
    """``hallapp demo`` writes the demo's calendar and slots, and logs in as its accounts: on
    a real hall it loaded the provisional 2027 calendar (silencing the board's warning to load
    next year's holidays), then failed on a queue the hall did not have, or opened slots."""
    with db.read_session() as s:
        hall = s.scalars(select(Hall).order_by(Hall.id)).first()
    if hall is not None and is_demo(hall):
        return
    name = f"中的大厅「{hall.name}」" if hall is not None else ""
    raise StateError(f"数据库 {db.safe_url} {name}不是演示大厅：hallapp demo 只在 hallapp init "
                     "--demo 建立的演示库上运行（它会写入演示日历和预约时段）。请用 hallapp run "
                     "打开各终端，或用 --db 指定另一个数据库文件运行演示", code="not_demo_hall",
                     url=db.safe_url)


def _load_demo_calendar(db: Database, clock: Clock) -> None:
    require_demo_hall(db)
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
    require_demo_hall(db)
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
