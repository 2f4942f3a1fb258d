"""Catalogue import, export, listing: departments, queues and versioned service items.

An import is validated completely before anything is written and runs in one transaction:
a bad row anywhere changes nothing. Items keep their versions: importing an item whose
content differs from the version in force creates the next version, so cases already taken
in keep theirs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import func, null, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hallapp.core.catalogue import (
    MAX_NAME,
    FieldReader,
    Item,
    in_sheet,
    parse_item,
)
from hallapp.core.errors import NotFound, StateError, ValidationError
from hallapp.core.hallday import hall_day, parse_hhmm
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.store.constraints import violates
from hallapp.store.models import Department, Hall, Queue, ServiceItem, Ticket

FORMAT = "hallapp-catalogue"
PREFIX_RE = re.compile(r"^[A-Z]{1,2}$")


@dataclass(frozen=True)
class ImportResult:
    departments: int
    queues: int
    items_added: int
    items_new_version: int
    items_unchanged: int


@dataclass(frozen=True)
class ItemSummary:
    code: str
    version: int
    name: str
    department: str
    queue: str
    handling_type: str
    materials: int
    name_en: str | None = None
    appointment: bool = False  # 支持预约: slots and bookings may be made for it
    withdrawn: bool = False  # no version in force (listed at its latest version)


@dataclass(frozen=True)
class StoredItem:
    """What :func:`store_item` did to one item: ``outcome`` added, new_version or unchanged;
    ``before`` the record in force until then (None: a new item), ``after`` the one now."""

    outcome: str
    version: int
    before: dict[str, Any] | None
    after: dict[str, Any]

    def audit_values(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The audit's before and after: the versions, and the fields this save changed,
        each with its value before and after (a whole list for materials), so a bad save
        or import can be traced and put back by hand. A new item: its version only."""
        before: dict[str, Any] = {"version": None if self.before is None
                                  else self.before.get("version")}
        after: dict[str, Any] = {"version": self.version, "outcome": self.outcome}
        if self.before is not None:
            old, new = self.before, self.after
            for key in sorted({*old, *new} - {"version"}):
                if old.get(key) != new.get(key):
                    before[key], after[key] = old.get(key), new.get(key)
        return before, after


@dataclass(frozen=True)
class ParsedCatalogue:
    departments: tuple[dict[str, str | None], ...]
    queues: tuple[dict[str, Any], ...]
    items: tuple[Item, ...]
    # The row each item came from (the Excel row for XLSX), for messages after parsing.
    item_rows: tuple[int, ...] = ()


def parse_catalogue(doc: Mapping[str, Any]) -> ParsedCatalogue:
    """Validate a whole catalogue document; raise ValidationError naming sheet, row and field."""
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        raise ValidationError(f"文件格式不正确：应为 {FORMAT}", field="format",
                              code="catalogue_format", expected=FORMAT)
    raw = {key: _list(doc, key) for key in ("departments", "queues", "items")}
    rows = {key: [_row(r, n) for n, r in enumerate(raw[key], start=1)] for key in raw}
    departments = tuple(_parse_department(r, n)
                        for r, n in zip(raw["departments"], rows["departments"], strict=True))
    queues = tuple(parse_queue(r, n) for r, n in zip(raw["queues"], rows["queues"], strict=True))
    refuse_repeats([d["code"] for d in departments], "departments", "code", rows["departments"])
    refuse_repeats([q["code"] for q in queues], "queues", "code", rows["queues"])
    refuse_repeats([q["prefix"] for q in queues], "queues", "prefix", rows["queues"])
    items = tuple(in_sheet("items", lambda r=r, n=n: parse_item(r, n))
                  for r, n in zip(raw["items"], rows["items"], strict=True))
    refuse_repeats([(i.code, i.version) for i in items], "items", "code", rows["items"])
    return ParsedCatalogue(departments, queues, items, tuple(rows["items"]))


def _row(raw: Any, position: int) -> int:
    """The row a user sees: the spreadsheet row when the record came from XLSX."""
    return int(raw.get("_row", position)) if isinstance(raw, Mapping) else position


def _list(doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key) or []
    if not isinstance(value, list):
        raise ValidationError(f"{key} 应为列表", field=key, code="field_list")
    return value


def refuse_repeats(values: Sequence[Any], sheet: str, name: str, rows: Sequence[int]) -> None:
    """The first value repeated, named with both rows (a spreadsheet shows row numbers)."""
    seen: dict[Any, int] = {}
    for row, v in zip(rows, values, strict=True):
        if v in seen:
            shown = v[0] if isinstance(v, tuple) else v
            raise ValidationError(
                f"{sheet}：第 {row} 行：字段 {name} 重复：{shown}（与第 {seen[v]} 行相同）",
                row=row, field=name, code="duplicate_row", sheet=sheet, value=str(shown),
                first_row=seen[v])
        seen[v] = row


def _parse_department(raw: Any, row: int) -> dict[str, str | None]:
    r = in_sheet("departments", lambda: FieldReader(raw, row))
    parsed: dict[str, str | None] = in_sheet("departments", lambda: {
        "code": r.code("code"), "name": r.req_text("name", MAX_NAME),
        "name_en": r.text("name_en", max_len=MAX_NAME)})
    return parsed


def parse_queue(raw: Any, row: int) -> dict[str, Any]:
    def parse() -> dict[str, Any]:
        r = FieldReader(raw, row)
        prefix = r.req_text("prefix", 2).upper()
        if not PREFIX_RE.match(prefix):
            raise ValidationError(f"第 {row} 行：字段 prefix 应为 1–2 个大写字母", row=row,
                                  field="prefix", code="queue_prefix_format",
                                  problem="应为 1–2 个大写字母")
        quota = raw.get("daily_quota")
        return {"code": r.code("code"), "name": r.req_text("name", MAX_NAME),
                "name_en": r.text("name_en", max_len=MAX_NAME), "prefix": prefix,
                "category": r.text("category", max_len=100),
                "daily_quota": None if quota in (None, "") else
                r.integer("daily_quota", 0, 1, 100_000),
                "time_quotas": _time_quotas(raw.get("time_quotas") or [], row),
                "target_wait_minutes": r.integer("target_wait_minutes", 20, 1, 600)}

    return in_sheet("queues", parse)  # type: ignore[no-any-return]


def _time_quotas(raw: Any, row: int) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise ValidationError(f"第 {row} 行：字段 time_quotas 应为列表", row=row,
                              field="time_quotas", code="field_list")
    out = []
    spans: list[tuple[time, time, int]] = []
    for i, tq in enumerate(raw):
        r = FieldReader(tq, row, f"time_quotas[{i}].")
        start, end = r.req_text("start", 5), r.req_text("end", 5)
        times = []
        for key, value in (("start", start), ("end", end)):
            try:
                times.append(parse_hhmm(value))
            except ValidationError as exc:
                raise ValidationError(f"第 {row} 行：字段 time_quotas[{i}].{key} {exc.message}",
                                      row=row, field=f"time_quotas[{i}].{key}",
                                      code="time_quota_time", value=value,
                                      problem=exc.message) from None
        if times[1] <= times[0]:
            raise ValidationError(f"第 {row} 行：字段 time_quotas[{i}] 结束时间应晚于开始时间",
                                  row=row, field=f"time_quotas[{i}]", code="time_quota_order",
                                  problem="结束时间应晚于开始时间")
        out.append({"start": start, "end": end, "quota": r.req_integer("quota", 1, 100_000)})
        spans.append((times[0], times[1], i))
    # Overlapping periods leave which quota applies to a ticket in both to chance.
    for (_, earlier_end, _), (later_start, _, i) in itertools.pairwise(sorted(spans)):
        if later_start < earlier_end:
            raise ValidationError(f"第 {row} 行：字段 time_quotas[{i}] 与另一时段重叠", row=row,
                                  field=f"time_quotas[{i}]", code="time_quota_overlap",
                                  problem="与另一时段重叠")
    return out


@action(Perm.EDIT_CATALOGUE)
def import_catalogue(ctx: Ctx, doc: Mapping[str, Any]) -> ImportResult:
    parsed = parse_catalogue(doc)
    with ctx.uow() as uow:
        hall = _hall(uow.session)
        # Each department and queue the import adds or changes, read before the upserts
        # change them; audited as the admin forms' saves are (entity and code), field by field.
        dept_changes = _changes(uow.session.scalars(select(Department)), parsed.departments,
                                DEPARTMENT_FIELDS)
        queue_changes = _changes(uow.session.scalars(select(Queue).where(
            Queue.hall_id == hall.id)), parsed.queues, QUEUE_FIELDS)
        depts = upsert_departments(uow.session, parsed.departments)
        queues = upsert_queues(uow.session, hall, parsed.queues,
                               hall_day(uow.now, hall.timezone))
        for code, before, after in dept_changes:
            uow.audit("department_import", "department", code, before=before, after=after)
        for code, before, after in queue_changes:
            uow.audit("queue_import", "queue", code, before=before, after=after)
        counts = {"added": 0, "new_version": 0, "unchanged": 0}
        for row, item in zip(parsed.item_rows, parsed.items, strict=True):
            if item.department not in depts:
                raise ValidationError(f"items：第 {row} 行：字段 department "
                                      f"未知部门 {item.department}",
                                      row=row, field="department", sheet="items",
                                      code="unknown_department", department=item.department)
            if item.queue not in queues:
                raise ValidationError(f"items：第 {row} 行：字段 queue 未知队列 {item.queue}",
                                      row=row, field="queue", sheet="items",
                                      code="unknown_queue_code", queue=item.queue)
            stored = store_item(uow.session, item, depts[item.department],
                                queues[item.queue], uow.now)
            counts[stored.outcome] += 1
            if stored.outcome != "unchanged":  # as the item editor's item_save, per item
                before, after = stored.audit_values()
                uow.audit("item_import", "service_item", item.code, before=before,
                          after={**after, "row": row})
        result = ImportResult(len(parsed.departments), len(parsed.queues), counts["added"],
                              counts["new_version"], counts["unchanged"])
        uow.audit("catalogue_import", "catalogue", None, after=result.__dict__)
        uow.emit("catalogue_changed")
        uow.commit()
    return result


DEPARTMENT_FIELDS = ("name", "name_en")
QUEUE_FIELDS = ("name", "name_en", "prefix", "category", "daily_quota", "time_quotas",
                "target_wait_minutes")
Change = tuple[str, dict[str, Any] | None, dict[str, Any]]


def _changes(stored: Iterable[Department | Queue], rows: Sequence[Mapping[str, Any]],
             fields: Sequence[str]) -> list[Change]:
    """Each record of ``rows`` that adds or changes a stored one: its code, the changed
    fields' values before (None: added, all of them after) and after."""
    old = {r.code: {k: getattr(r, k) for k in fields} for r in stored}
    out: list[Change] = []
    for raw in rows:
        before = old.get(str(raw["code"]))
        changed = [k for k in fields if before is None or before[k] != raw[k]]
        if changed:
            out.append((str(raw["code"]), None if before is None else {
                k: before[k] for k in changed}, {k: raw[k] for k in changed}))
    return out


def _hall(session: Session) -> Hall:
    hall = session.scalars(select(Hall).order_by(Hall.id)).first()
    if hall is None:
        raise NotFound("数据库中还没有大厅，请先运行 hallapp init", code="no_hall")
    return hall


def upsert_departments(session: Session,
                       rows: Sequence[Mapping[str, str | None]]) -> dict[str, int]:
    existing = {d.code: d for d in session.scalars(select(Department))}
    added: list[str] = []
    for raw in rows:
        code, name = str(raw["code"]), str(raw["name"])
        dept = existing.get(code)
        if dept is None:
            dept = Department(code=code, name=name)
            session.add(dept)
            existing[code] = dept
            added.append(code)
        dept.name, dept.name_en = name, raw.get("name_en")
    try:
        session.flush()
    except IntegrityError as exc:
        # Two administrators adding one department at the same moment (PostgreSQL): both
        # read its code as free; the second insert waited for the first, then was refused.
        if not violates(exc, "uq_department_code"):
            raise
        codes = "、".join(added)
        raise StateError(f"部门 {codes} 刚由其他终端同时建立，本次保存未生效：请刷新后再保存",
                         code="department_added_meanwhile", department=codes) from None
    return {code: d.id for code, d in existing.items()}


def upsert_queues(session: Session, hall: Hall, rows: Sequence[dict[str, Any]],
                  today: date) -> dict[str, int]:
    existing = {q.code: q for q in session.scalars(select(Queue).where(Queue.hall_id == hall.id))}
    prefixes = {q.prefix: q.code for q in existing.values()}
    added: list[str] = []
    prefixed: list[str] = []  # prefixes given to a queue here
    for raw in rows:
        owner = prefixes.get(raw["prefix"])
        if owner is not None and owner != raw["code"]:
            raise ValidationError(f"queues：队列 {raw['code']} 的前缀 {raw['prefix']} "
                                  f"已被队列 {owner} 使用",
                                  field="prefix", sheet="queues", code="prefix_taken",
                                  queue=raw["code"], prefix=raw["prefix"], owner=owner)
        queue = existing.get(raw["code"])
        if queue is None or queue.prefix != raw["prefix"]:
            _refuse_prefix_change_today(session, queue, raw, today, hall.closed_day == today)
        if queue is None or queue.prefix != raw["prefix"]:
            prefixed.append(raw["prefix"])
        if queue is None:
            queue = Queue(hall_id=hall.id, code=raw["code"], active=True)
            session.add(queue)
            existing[raw["code"]] = queue
            added.append(raw["code"])
        for key in ("name", "name_en", "prefix", "category", "daily_quota", "time_quotas",
                    "target_wait_minutes"):
            setattr(queue, key, raw[key])
    try:
        session.flush()
    except IntegrityError as exc:
        _refuse_queue_saved_meanwhile(exc, added, prefixed)
        raise
    return {code: q.id for code, q in existing.items()}


def _refuse_queue_saved_meanwhile(exc: IntegrityError, added: list[str],
                                  prefixed: list[str]) -> None:
    """Two administrators saving a queue of one code, or two queues of one prefix, at the
    same moment (PostgreSQL): both read it as free; the second write waited for the first,
    then was refused by the unique constraint."""
    if violates(exc, "uq_queue_hall_id_code"):
        codes = "、".join(added)
        raise StateError(f"队列 {codes} 刚由其他终端同时建立，本次保存未生效：请刷新后再保存",
                         code="queue_added_meanwhile", queue=codes) from None
    if violates(exc, "uq_queue_hall_id_prefix"):
        prefixes = "、".join(prefixed)
        raise ValidationError(f"前缀 {prefixes} 刚被其他终端同时保存的队列占用，本次保存未生效："
                              "请换一个前缀", field="prefix", code="prefix_taken_meanwhile",
                              prefix=prefixes) from None


def _refuse_prefix_change_today(session: Session, queue: Queue | None, raw: dict[str, Any],
                                today: date, closed: bool) -> None:
    """Ticket numbers are unique in a hall day only while each prefix stays with its queue
    for the day: queue A renamed Q and queue B given A issued a second A001. A prefix
    changes after the day's close (``closed``: no more tickets today) or before the first
    ticket; a prefix that numbered tickets today is not given to a queue until tomorrow."""
    if not closed and queue is not None and session.scalar(select(Ticket.id).where(
            Ticket.origin_queue_id == queue.id, Ticket.hall_day == today).limit(1)):
        raise ValidationError(f"queues：队列 {raw['code']} 今日已取号，前缀请在日终后再改",
                              field="prefix", sheet="queues", code="prefix_in_use_today",
                              queue=raw["code"])
    numbers = session.scalars(select(Ticket.number).where(
        Ticket.hall_day == today, Ticket.number.like(f"{raw['prefix']}%"))).all()
    if any(n[len(raw["prefix"]):].isdigit() for n in numbers):
        raise ValidationError(f"queues：前缀 {raw['prefix']} 今日已用于号码，请在日终后再用",
                              field="prefix", sheet="queues", code="prefix_used_today",
                              prefix=raw["prefix"])


def store_item(session: Session, item: Item, dept_id: int, queue_id: int,
               now: Any) -> StoredItem:
    data = item.as_dict()
    current = session.scalars(select(ServiceItem).where(
        ServiceItem.code == item.code, ServiceItem.in_force.is_(True))).first()
    before = None if current is None else {**current.data, "version": current.version}
    # The content decides, not the version number: a file exported before a new version
    # was made (or one that never numbers versions) must not create yet another version.
    if current is not None and {**current.data, "version": None} == {**data, "version": None}:
        return StoredItem("unchanged", current.version, before, before or {})
    version = item.version
    taken = session.scalars(select(ServiceItem.id).where(
        ServiceItem.code == item.code, ServiceItem.version == version)).first()
    if taken is not None:
        version = (session.scalar(select(func.max(ServiceItem.version)).where(
            ServiceItem.code == item.code)) or 0) + 1
        data["version"] = version
    if current is not None:
        current.in_force = False
        session.flush()
    session.add(ServiceItem(code=item.code, version=version, in_force=True, name=item.name,
                            department_id=dept_id, queue_id=queue_id,
                            handling_type=item.handling_type, data=data, created_at=now))
    try:
        session.flush()
    except IntegrityError as exc:
        # Another terminal saved this item at the same moment (PostgreSQL): a new item of
        # the same code, or an import beside an edit; both numbered the same version.
        if not violates(exc, "uq_service_item_code_version", "ix_service_item_current"):
            raise
        raise StateError(f"事项 {item.code} 刚由其他终端同时保存，本次保存未生效：请重新载入该事项"
                         "后再修改", code="item_saved_meanwhile", item=item.code) from None
    return StoredItem("added" if current is None else "new_version", version, before,
                      {**data, "version": version})


@action(Perm.VIEW_HALL)
def export_catalogue(ctx: Ctx) -> dict[str, Any]:
    """The catalogue in force, in the exchange format, deterministically ordered."""
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        depts = [{"code": d.code, "name": d.name, "name_en": d.name_en}
                 for d in s.scalars(select(Department).order_by(Department.code))]
        queues = [{"code": q.code, "name": q.name, "name_en": q.name_en, "prefix": q.prefix,
                   "category": q.category,
                   "daily_quota": q.daily_quota, "time_quotas": q.time_quotas,
                   "target_wait_minutes": q.target_wait_minutes}
                  for q in s.scalars(select(Queue).order_by(Queue.code))]
        items = [row.data for row in s.scalars(
            select(ServiceItem).where(ServiceItem.in_force.is_(True)).order_by(ServiceItem.code))]
    return {"format": FORMAT, "version": 1, "departments": depts, "queues": queues,
            "items": items}


@action(Perm.VIEW_HALL)
def list_items(ctx: Ctx, query: str | None = None, *, withdrawn: bool = False
               ) -> list[ItemSummary]:
    """The items in force; ``withdrawn``: instead the items withdrawn (no version in force),
    each at its latest version, the one a reinstatement puts back."""
    with ctx.uow(readonly=True) as uow:
        stmt = select(ServiceItem, Department.code, Queue.code).join(Department).join(Queue)
        if withdrawn:
            in_force = select(ServiceItem.code).where(ServiceItem.in_force.is_(True))
            latest = (select(ServiceItem.code, func.max(ServiceItem.version).label("v"))
                      .where(ServiceItem.code.not_in(in_force)).group_by(ServiceItem.code)
                      .subquery())
            stmt = stmt.join(latest, (latest.c.code == ServiceItem.code) &
                             (latest.c.v == ServiceItem.version))
        else:
            stmt = stmt.where(ServiceItem.in_force.is_(True))
        rows = uow.session.execute(stmt.order_by(ServiceItem.code)).all()
    out = [ItemSummary(i.code, i.version, i.name, d, q, i.handling_type,
                       len(i.data.get("materials", [])), i.data.get("name_en"),
                       bool(i.data.get("appointment", False)), withdrawn)
           for i, d, q in rows]
    if query:
        out = [s for s in out if query in s.name or query in s.code]
    return out


@action(Perm.VIEW_HALL)
def get_item(ctx: Ctx, code: str, version: int | None = None) -> Item:
    with ctx.uow(readonly=True) as uow:
        stmt = select(ServiceItem).where(ServiceItem.code == code)
        stmt = (stmt.where(ServiceItem.version == version) if version is not None
                else stmt.where(ServiceItem.in_force.is_(True)))
        row = uow.session.scalars(stmt).first()
        known = None if row is not None else uow.session.scalar(
            select(ServiceItem.name).where(ServiceItem.code == code)
            .order_by(ServiceItem.version.desc()).limit(1))
        if known is not None and version is not None:
            raise NotFound(f"事项 {code} 没有第 {version} 版", field="version",
                           code="unknown_item_version", item=code, version=version)
        if known is not None:  # withdrawn (停用): "不存在" sent clerks after a typing error
            raise NotFound(f"事项 {code}（{known}）已停用", field="item", code="item_withdrawn",
                           item=code, name=known)
        if row is None:
            raise NotFound(f"事项 {code} 不存在", field="item", code="unknown_item")
        return parse_item(row.data)


def item_names(session: Session, codes: set[str | None],
               english: bool = False) -> dict[str, str]:
    """The names of the items of ``codes``, by code, as printed and listed: the version in
    force, else the latest one (a booking or ticket may outlive its item's withdrawal).
    ``english``: the English name where the catalogue gives one."""
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    name_en = ServiceItem.data["name_en"].as_string() if english else null()
    rows = session.execute(select(ServiceItem.code, ServiceItem.name, name_en)
                           .where(ServiceItem.code.in_(wanted))
                           .order_by(ServiceItem.in_force, ServiceItem.version))
    return {code: en or name for code, name, en in rows}  # the last row of a code wins
