"""Hall configuration: set up a hall (from the demo files or a minimal default), read it back."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallapp.config import resources_dir
from hallapp.core.catalogue import MAX_NAME, FieldReader, in_sheet
from hallapp.core.errors import NotFound, StateError, ValidationError
from hallapp.core.green_channel import check_priority_classes
from hallapp.core.hallday import hall_day
from hallapp.core.queue_rules import MODES
from hallapp.core.roles import Perm, Role, parse_role
from hallapp.services.context import Ctx, action
from hallapp.services.staff import check_password_rules, hash_password
from hallapp.store.models import Department, Hall, Queue, Staff, Ticket, Window, WorkProfileEntry

DEFAULT_SETTINGS: dict[str, Any] = {
    "recall_max": 3, "noshow_reactivate_minutes": 30, "noshow_rejoin_after": 3,
    "max_consecutive_priority_calls": 3, "aging_minutes": 45, "warning_working_days": 1,
    "rating_followup_working_days": 5, "mask_names": True,
    "announce_template": "请{number}号到{window}号窗口办理", "announce_repeat": 2,
    "announce_english": False,
    # the supervisor's alerts (hallapp.services.alerts)
    "alert_wait_factor": 1, "alert_idle_minutes": 5, "alert_service_factor": 2,
    "alert_bad_rating_minutes": 30,
    "appointment_missed_limit": 3, "appointment_missed_days": 30,
}
WINDOW_KINDS = ("comprehensive", "specialised", "delivery")


@dataclass(frozen=True)
class HallInfo:
    code: str
    name: str
    timezone: str
    address: str | None
    phone: str | None
    opening_hours: dict[str, Any]
    priority_classes: list[dict[str, Any]]
    settings: dict[str, Any]
    name_en: str | None = None  # shown instead of ``name`` on an English screen
    address_en: str | None = None  # printed instead of ``address`` on English documents

    def setting(self, key: str) -> Any:
        """A hall setting, or its default when the hall has none."""
        return self.settings.get(key, DEFAULT_SETTINGS.get(key))


@dataclass(frozen=True)
class QueueInfo:
    code: str
    name: str
    prefix: str
    category: str | None
    daily_quota: int | None
    target_wait_minutes: int
    waiting: int
    name_en: str | None = None  # shown instead of ``name`` on an English screen
    active: bool = True  # False: deactivated (``queue_admin``), takes no new tickets


@dataclass(frozen=True)
class ProfileInfo:
    queue: str
    precedence: int
    ratio: int


@dataclass(frozen=True)
class WindowInfo:
    number: int
    name: str
    kind: str
    state: str
    state_reason: str | None
    profile_mode: str
    profile: tuple[ProfileInfo, ...]
    name_en: str | None = None  # shown instead of ``name`` on an English screen
    retired: bool = False  # no longer used (``window_admin``): listed only when asked


def demo_dir() -> Path:
    return resources_dir() / "demo"


def load_demo_json(name: str) -> dict[str, Any]:
    return json.loads((demo_dir() / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# who the hall is, on every paper
IDENTITY_FIELDS = ("name", "name_en", "address", "address_en", "phone")
MAX_ADDRESS, MAX_PHONE = 300, 40  # as the columns


def check_identity(raw: Mapping[str, Any], *, partial: bool = False) -> dict[str, str | None]:
    """The hall's name, English name, address (Chinese and English) and phone, checked as a
    form or ``hall set`` gives them: the name required, the phone a mainland mobile or
    landline (stored as ``check_phone`` writes it); an empty optional one clears it.
    ``partial``: only the fields ``raw`` names (an unknown one is refused)."""
    unknown = sorted(set(raw) - set(IDENTITY_FIELDS))
    if partial and unknown:
        raise ValidationError(f"未知的大厅信息项：{'、'.join(unknown)}", field=unknown[0],
                              code="unknown_hall_field", key=", ".join(unknown))
    r = FieldReader(raw, None)
    out: dict[str, str | None] = {}
    for key in IDENTITY_FIELDS:
        if partial and key not in raw:
            continue
        if key == "name":
            out[key] = r.req_text(key, MAX_NAME)
        elif key == "phone":
            phone = r.text(key, max_len=MAX_PHONE)
            # Imported here: the kiosk and the counter read the hall before their first frame,
            # and core.identity (python-stdnum) is left until after it.
            from hallapp.core.identity import check_phone

            out[key] = check_phone(phone) if phone else None
        else:
            out[key] = r.text(key, max_len=MAX_NAME if key == "name_en" else MAX_ADDRESS)
    return out


@action(Perm.EDIT_HALL)
def create_hall(ctx: Ctx, config: dict[str, Any]) -> HallInfo:
    """Create the hall from a hall config (``resources/demo/hall.json`` shape), once."""
    h = config.get("hall") or {}
    if not h.get("code") or not h.get("name"):
        raise ValidationError("大厅配置缺少 code 或 name", field="hall",
                              code="hall_config_incomplete")
    who = check_identity(h)
    with ctx.uow() as uow:
        if uow.session.scalar(select(func.count(Hall.id))):
            raise StateError("数据库中已有大厅", code="hall_exists")
        hall = Hall(code=h["code"], name=who["name"], name_en=who["name_en"],
                    timezone=h.get("timezone", "Asia/Shanghai"), address=who["address"],
                    address_en=who["address_en"], phone=who["phone"],
                    opening_hours=h.get("opening_hours") or {},
                    priority_classes=check_priority_classes(h.get("priority_classes") or []),
                    settings={**DEFAULT_SETTINGS, **(h.get("settings") or {})},
                    secret=secrets.token_hex(16))
        uow.session.add(hall)
        uow.session.flush()
        uow.audit("hall_create", "hall", hall.id, after={"code": hall.code, **who})
        uow.commit()
        return _hall_info(hall)


@action(Perm.EDIT_HALL)
def configure_windows(ctx: Ctx, windows: list[dict[str, Any]]) -> list[WindowInfo]:
    """Create or update windows and their work profiles (queues must exist)."""
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session)
        queues = {q.code: q.id for q in uow.session.scalars(select(Queue))}
        for row, w in enumerate(windows, start=1):
            _configure_window(uow.session, hall, queues, w, row)
        uow.audit("windows_configure", "hall", hall.id, after={"windows": windows})
        uow.emit("windows_changed")
        uow.commit()
    return list_windows(ctx.acting_as(ctx.actor), with_retired=True)


def _configure_window(session: Session, hall: Hall, queues: dict[str, int], w: dict[str, Any],
                      row: int) -> None:
    number = w.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 999:
        raise ValidationError(f"windows：第 {row} 行：字段 number 应为 1–999 的整数", row=row,
                              field="number", code="field_range", sheet="windows",
                              minimum=1, maximum=999, problem="应为 1–999 的整数")
    kind = w.get("kind", "comprehensive")
    if kind not in WINDOW_KINDS:
        raise ValidationError(f"windows：第 {row} 行：字段 kind 取值 {kind!r} 无效", row=row,
                              field="kind", code="field_choice", sheet="windows",
                              value=str(kind), options=", ".join(WINDOW_KINDS),
                              problem=f"取值 {kind!r} 无效")
    win = session.scalars(select(Window).where(Window.hall_id == hall.id,
                                               Window.number == number)).first()
    if win is None:
        win = Window(hall_id=hall.id, number=number, state="closed", call_history=[],
                     consecutive_priority=0)
        session.add(win)
    mode = w.get("profile_mode", "precedence")
    if mode not in MODES:
        raise ValidationError(f"windows：第 {row} 行：字段 profile_mode 取值 {mode!r} 无效，"
                              f"应为 {'/'.join(MODES)} 之一", row=row, field="profile_mode",
                              code="field_choice", sheet="windows", value=str(mode),
                              options=", ".join(MODES), problem=f"取值 {mode!r} 无效")
    entries = [_profile_entry(p, queues, row, n) for n, p in enumerate(w.get("profile") or [])]
    codes = [p["queue"] for p in w.get("profile") or []]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:  # the database's unique key would answer with an internal error
        raise ValidationError(f"windows：第 {row} 行：字段 profile 队列 {'、'.join(twice)} 重复",
                              row=row, field="profile", code="profile_queue_repeated",
                              sheet="windows", queue=", ".join(twice),
                              problem=f"队列 {'、'.join(twice)} 重复")
    names = FieldReader(w, row)
    name, name_en = in_sheet("windows", lambda: (names.text("name", max_len=MAX_NAME),
                                                 names.text("name_en", max_len=MAX_NAME)))
    win.name, win.name_en = name or f"{number}号窗口", name_en
    win.kind, win.profile_mode = kind, mode
    session.flush()
    session.query(WorkProfileEntry).filter_by(window_id=win.id).delete()
    for queue_id, precedence, ratio in entries:
        session.add(WorkProfileEntry(window_id=win.id, queue_id=queue_id,
                                     precedence=precedence, ratio=ratio))
    session.flush()


def _profile_entry(p: Any, queues: dict[str, int], row: int, n: int) -> tuple[int, int, int]:
    """Entry ``n`` of a work profile, checked: a known queue, whole numbers 1–99."""
    if not isinstance(p, dict) or p.get("queue") not in queues:
        queue = p.get("queue") if isinstance(p, dict) else p
        raise ValidationError(f"windows：第 {row} 行：字段 profile[{n}].queue 未知队列 {queue}",
                              row=row, field=f"profile[{n}].queue", code="unknown_queue_code",
                              sheet="windows", queue=str(queue), problem=f"未知队列 {queue}")
    numbers = []
    for key in ("precedence", "ratio"):
        value = p.get(key, 1)
        if isinstance(value, bool) or not isinstance(value, int | str) or \
                not str(value).strip().isdecimal() or not 1 <= int(value) <= 99:
            raise ValidationError(f"windows：第 {row} 行：字段 profile[{n}].{key} 应为 1–99 的整数",
                                  row=row, field=f"profile[{n}].{key}", code="field_range",
                                  sheet="windows", minimum=1, maximum=99,
                                  problem="应为 1–99 的整数")
        numbers.append(int(value))
    return queues[p["queue"]], numbers[0], numbers[1]


def hash_staff_passwords(staff: list[dict[str, Any]]) -> list[str]:
    """The accounts' password hashes, their rules checked first. argon2 takes ~90 ms an
    account (seconds for a hall's staff on a busy machine): callers hash before their
    transaction opens, which otherwise sat idle that long and was ended by the server
    (``idle_in_transaction_session_timeout``, engine.py)."""
    for s in staff:
        parse_role(s.get("role", ""))
        check_password_rules(s["password"])
    return [hash_password(s["password"]) for s in staff]


@action(Perm.MANAGE_STAFF)
def add_staff_bulk(ctx: Ctx, staff: list[dict[str, Any]],
                   hashes: list[str] | None = None) -> int:
    """Create the accounts of a hall config (demo or migration), in one transaction;
    ``hashes`` from :func:`hash_staff_passwords` when the caller's transaction is open."""
    if hashes is None:
        hashes = hash_staff_passwords(staff)
    roles = [parse_role(s.get("role", "")) for s in staff]
    with ctx.uow() as uow:
        depts = {d.code: d.id for d in uow.session.scalars(select(Department))}
        for row, (s, role, password_hash) in enumerate(zip(staff, roles, hashes, strict=True),
                                                       start=1):
            dept = s.get("department")
            if dept and dept not in depts:
                raise ValidationError(f"staff：第 {row} 行：未知部门 {dept}", row=row,
                                      field="department", code="unknown_department",
                                      sheet="staff", department=str(dept))
            uow.session.add(Staff(
                username=s["username"], name=s.get("name") or s["username"], role=role.value,
                password_hash=password_hash, department_id=depts.get(dept or ""),
                window_number=s.get("window"), active=True, failed_logins=0,
                password_changed_at=uow.now))
            uow.audit("staff_add", "staff", s["username"],
                      after={"username": s["username"], "role": role.value})
        uow.commit()
    return len(staff)


def get_hall_row(session: Session, *, for_update: bool = False) -> Hall:
    """The hall; ``for_update``: its row locked, read afresh, for a read-modify-write of its
    JSON columns (two admins' saves of different settings each wrote back the whole
    ``settings`` they had read, and one was lost)."""
    stmt = select(Hall).order_by(Hall.id)
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    hall = session.scalars(stmt).first()
    if hall is None:
        raise NotFound("数据库中还没有大厅，请先运行 hallapp init", code="no_hall")
    return hall


# Settings only some accounts may read: the kiosk's maintenance PIN is for the kiosk (which
# checks it) and the administrator (who sets it), not every clerk, display or supervisor.
SECRET_SETTINGS = ("kiosk_admin_pin",)
SEES_SECRETS = (Role.ADMIN, Role.KIOSK, Role.SYSTEM)


def _hall_info(h: Hall, secrets: bool = True) -> HallInfo:
    settings = {k: v for k, v in h.settings.items() if secrets or k not in SECRET_SETTINGS}
    return HallInfo(h.code, h.name, h.timezone, h.address, h.phone, dict(h.opening_hours),
                    list(h.priority_classes), settings, h.name_en, h.address_en)


@action(Perm.VIEW_HALL)
def get_hall(ctx: Ctx) -> HallInfo:
    with ctx.uow(readonly=True) as uow:
        return _hall_info(get_hall_row(uow.session), ctx.actor.role in SEES_SECRETS)


@action(Perm.VIEW_HALL)
def list_queues(ctx: Ctx) -> list[QueueInfo]:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        day = hall_day(uow.now, hall.timezone)
        waiting = dict(uow.session.execute(
            select(Ticket.queue_id, func.count()).where(Ticket.state == "waiting",
                                                        Ticket.hall_day == day)
            .group_by(Ticket.queue_id)).all())
        return [QueueInfo(q.code, q.name, q.prefix, q.category, q.daily_quota,
                          q.target_wait_minutes, waiting.get(q.id, 0), q.name_en, q.active)
                for q in uow.session.scalars(select(Queue).order_by(Queue.code))]


@action(Perm.VIEW_HALL)
def list_windows(ctx: Ctx, *, with_retired: bool = False) -> list[WindowInfo]:
    """The windows in use (``with_retired``: the retired ones too, for the administrator)."""
    with ctx.uow(readonly=True) as uow:
        codes = {q.id: q.code for q in uow.session.scalars(select(Queue))}
        profiles: dict[int, list[ProfileInfo]] = {}
        for p in uow.session.scalars(select(WorkProfileEntry).order_by(
                WorkProfileEntry.precedence, WorkProfileEntry.id)):
            profiles.setdefault(p.window_id, []).append(
                ProfileInfo(codes[p.queue_id], p.precedence, p.ratio))
        return [WindowInfo(w.number, w.name, w.kind, w.state, w.state_reason, w.profile_mode,
                           tuple(profiles.get(w.id, [])), w.name_en, w.retired)
                for w in uow.session.scalars(select(Window).order_by(Window.number))
                if with_retired or not w.retired]
