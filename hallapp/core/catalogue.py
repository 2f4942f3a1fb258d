"""The service-item catalogue (十统一 elements plus hall settings) as plain values.

This module is the one definition of what an item and a material are. Imports (JSON,
XLSX), admin edits and the store all go through :func:`parse_item`, so every path gives
the same messages for the same mistakes.

The exchange format (``format: hallapp-catalogue``) is documented in
``docs/catalogue-format.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hallapp.core.errors import ValidationError

ITEM_TYPES = ("行政许可", "行政给付", "行政确认", "行政奖励", "行政裁决", "行政征收",
              "行政备案", "其他行政权力", "公共服务")
LIMIT_UNITS = ("working_day", "natural_day", "hour", "immediate")
HANDLING_TYPES = ("immediate", "promised")  # 即办件 / 承诺件
MATERIAL_FORMS = ("original", "copy", "original_and_copy", "electronic")
MATERIAL_SOURCES = ("applicant", "other_office", "online")
APPLICANT_TYPES = ("person", "legal")

MAX_NAME = 200
MAX_CODE = 64
CODE_RE = re.compile(r"[A-Za-z0-9_.\-]+")
MAX_TEXT = 2000
MAX_LIMIT = 3650  # a time limit's number of units
MAX_VISITS = 10  # visits_required: 0 (全程网办) to this
NORM_MINUTES = (1, 480)  # service_norm_minutes


@dataclass(frozen=True)
class Limit:
    value: int
    unit: str  # one of LIMIT_UNITS

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class FourFlags:
    """四办: 马上办 / 网上办 / 就近办 / 一次办."""

    on_spot: bool = False
    online: bool = False
    nearby: bool = False
    one_visit: bool = False

    def as_dict(self) -> dict[str, bool]:
        return {"on_spot": self.on_spot, "online": self.online,
                "nearby": self.nearby, "one_visit": self.one_visit}


@dataclass(frozen=True)
class AutoApproveRules:
    """秒批 eligibility: a complete case meeting every rule is approved at once."""

    require_all_verified_online: bool = True
    applicant_types: tuple[str, ...] = ("person",)

    def as_dict(self) -> dict[str, Any]:
        return {"require_all_verified_online": self.require_all_verified_online,
                "applicant_types": list(self.applicant_types)}


@dataclass(frozen=True)
class Material:
    code: str
    name: str
    required: bool = True
    core: bool = True  # 主审要件; False = secondary (容缺 may apply)
    form: str = "original"
    copies: int = 1
    paper_size: str = "A4"
    source: str = "applicant"
    commitment_replaceable: bool = False
    listed_proof: bool = False
    proof_basis: str | None = None
    requirement: str | None = None  # what exactly is required (for 一次性告知书)
    where_to_get: str | None = None
    notes: str | None = None
    # On English screens and papers; None: the Chinese text.
    name_en: str | None = None
    requirement_en: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, **_given(name_en=self.name_en),
            "required": self.required,
            "core": self.core, "form": self.form, "copies": self.copies,
            "paper_size": self.paper_size, "source": self.source,
            "commitment_replaceable": self.commitment_replaceable,
            "listed_proof": self.listed_proof, "proof_basis": self.proof_basis,
            "requirement": self.requirement, **_given(requirement_en=self.requirement_en),
            "where_to_get": self.where_to_get, "notes": self.notes,
        }


def _given(**english: str | list[str] | None) -> dict[str, str | list[str]]:
    """The English texts that are set. Keys added after items were first stored appear only
    when given, so an item stored before them still compares unchanged on re-import."""
    return {key: text for key, text in english.items() if text}


@dataclass(frozen=True)
class Item:
    code: str  # 实施编码 (implementation code), the item's identity across versions
    name: str
    department: str  # department code
    queue: str  # queue code where applicants take a ticket
    item_type: str = "公共服务"
    basic_code: str | None = None
    version: int = 1
    name_en: str | None = None
    sub_item: str | None = None
    legal_basis: tuple[str, ...] = ()
    process: tuple[str, ...] = ()
    form_elements: tuple[str, ...] = ()
    conditions: str | None = None
    statutory_limit: Limit = Limit(20, "working_day")
    promised_limit: Limit = Limit(10, "working_day")
    handling_type: str = "promised"
    visits_required: int = 1
    fee: str | None = None
    fee_basis: str | None = None
    flags: FourFlags = FourFlags()
    tolerant_allowed: bool = False  # 容缺受理
    commitment_allowed: bool = False  # 告知承诺制
    auto_approve: AutoApproveRules | None = None  # 秒批
    appointment: bool = False
    express_delivery: bool = False
    service_norm_minutes: int = 15
    keywords: tuple[str, ...] = ()
    materials: tuple[Material, ...] = field(default_factory=tuple)
    demo: bool = False
    conditions_en: str | None = None  # on English papers; None: ``conditions``
    fee_en: str | None = None  # on English papers; None: ``fee``
    keywords_en: tuple[str, ...] = ()  # what a kiosk in English also finds the item by

    @property
    def is_immediate(self) -> bool:
        return self.handling_type == "immediate"

    def material(self, code: str) -> Material:
        for m in self.materials:
            if m.code == code:
                return m
        raise ValidationError(f"事项 {self.code} 没有材料 {code}", field="material",
                              code="unknown_material", material=code, item=self.code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "basic_code": self.basic_code, "version": self.version,
            "name": self.name, "name_en": self.name_en, "sub_item": self.sub_item,
            "item_type": self.item_type, "department": self.department, "queue": self.queue,
            "legal_basis": list(self.legal_basis), "process": list(self.process),
            "form_elements": list(self.form_elements), "conditions": self.conditions,
            **_given(conditions_en=self.conditions_en),
            "statutory_limit": self.statutory_limit.as_dict(),
            "promised_limit": self.promised_limit.as_dict(),
            "handling_type": self.handling_type, "visits_required": self.visits_required,
            "fee": self.fee, **_given(fee_en=self.fee_en), "fee_basis": self.fee_basis,
            "flags": self.flags.as_dict(),
            "tolerant_allowed": self.tolerant_allowed,
            "commitment_allowed": self.commitment_allowed,
            "auto_approve": self.auto_approve.as_dict() if self.auto_approve else None,
            "appointment": self.appointment, "express_delivery": self.express_delivery,
            "service_norm_minutes": self.service_norm_minutes,
            "keywords": list(self.keywords), **_given(keywords_en=list(self.keywords_en)),
            "demo": self.demo,
            "materials": [m.as_dict() for m in self.materials],
        }


# --- parsing and validation -------------------------------------------------------------


class FieldReader:
    """Reads typed fields from one raw record, naming row and field in every error."""

    def __init__(self, raw: Mapping[str, Any], row: int | None, prefix: str = "") -> None:
        if not isinstance(raw, Mapping):
            raise ValidationError(f"{_where(row)}应为对象", row=row, field=prefix or None,
                                  code="record_not_object")
        self.raw, self.row, self.prefix = raw, row, prefix

    def _fail(self, name: str, problem: str, code: str, **facts: Any) -> ValidationError:
        """The refusal of field ``name``: ``problem`` is its Chinese, ``code`` (a literal at
        every call, which the English table's source scan reads) and ``facts`` its English."""
        full = f"{self.prefix}{name}"
        # ``problem`` alone is what a form shows beside the field the reader names.
        return ValidationError(f"{_where(self.row)}字段 {full} {problem}", row=self.row,
                               field=full, code=code, problem=problem, **facts)

    def text(self, name: str, *, required: bool = False, max_len: int = MAX_TEXT,
             default: str | None = None) -> str | None:
        value = self.raw.get(name, default)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self._fail(name, "不能为空", "field_required")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int):  # true: not "True"
            raise self._fail(name, "应为文本", "field_text")
        value = str(value).strip()
        if len(value) > max_len:
            raise self._fail(name, f"过长（{len(value)} 字，最多 {max_len} 字）",
                             "field_too_long", length=len(value), maximum=max_len)
        return value

    def code(self, name: str) -> str:
        """A code people type and scripts pass (an item's, material's, queue's or
        department's): letters, digits and - _ . only; a space in it breaks a command line."""
        value = self.req_text(name, MAX_CODE)
        if not CODE_RE.fullmatch(value):
            raise self._fail(name, "只能由字母、数字和 - _ . 组成（不含空格）",
                             "field_code_format")
        return value

    def req_text(self, name: str, max_len: int = MAX_TEXT) -> str:
        value = self.text(name, required=True, max_len=max_len)
        assert value is not None
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name, default)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"true", "1", "是", "yes"}:
            return True
        if isinstance(value, str) and value.strip().lower() in {"false", "0", "否", "no", ""}:
            return False
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise self._fail(name, "应为是/否", "field_yes_no")

    def integer(self, name: str, default: int, minimum: int = 0, maximum: int = 10_000) -> int:
        value = self.raw.get(name, default)
        if value is None or value == "":
            return default
        if isinstance(value, bool):  # JSON true took a daily quota of 1
            raise self._fail(name, "应为整数", "field_integer")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise self._fail(name, "应为整数", "field_integer") from None
        if isinstance(value, float) and value != number:
            raise self._fail(name, "应为整数", "field_integer")
        if not minimum <= number <= maximum:
            raise self._fail(name, f"应在 {minimum} 到 {maximum} 之间", "field_range",
                             minimum=minimum, maximum=maximum)
        return number

    def req_integer(self, name: str, minimum: int = 0, maximum: int = 10_000) -> int:
        """A whole number that must be given: a blank is refused, never read as a default
        (a time-slot quota left empty in the queue form was stored as 1)."""
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise self._fail(name, "不能为空", "field_required")
        return self.integer(name, minimum, minimum, maximum)

    def choice(self, name: str, options: Sequence[str], default: str) -> str:
        value = self.text(name, default=default, max_len=MAX_CODE) or default
        if value not in options:
            raise self._fail(name, f"取值 {value!r} 无效，应为 {'/'.join(options)} 之一",
                             "field_choice", value=value, options=", ".join(options))
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name) or []
        if isinstance(value, str):
            value = [v for v in value.replace("；", ";").split(";")]
        if not isinstance(value, list | tuple):
            raise self._fail(name, "应为文本列表", "field_text_list")
        out = []
        for entry in value:
            if not isinstance(entry, str):
                raise self._fail(name, "应为文本列表", "field_text_list")
            if len(entry) > MAX_TEXT:
                raise self._fail(name, f"有一项过长（最多 {MAX_TEXT} 字）",
                                 "field_entry_too_long", maximum=MAX_TEXT)
            if entry.strip():
                out.append(entry.strip())
        return tuple(out)

    def limit(self, name: str, default: Limit) -> Limit:
        value = self.raw.get(name)
        if value is None:
            return default
        sub = FieldReader(value, self.row, f"{self.prefix}{name}.")
        unit = sub.choice("unit", LIMIT_UNITS, "working_day")
        number = sub.integer("value", 0, 0, MAX_LIMIT)
        if unit != "immediate" and number == 0:
            raise sub._fail("value", "应大于 0（当场办结请用 immediate）", "limit_zero")
        return Limit(number, unit)


# How catalogues write "no fee" (the fee is the hall's own text); such a fee is shown and
# printed in the screen's language.
FREE_FEES = frozenset({"不收费", "免费", "无", "0"})


def is_free(fee: str | None) -> bool:
    return not fee or fee.strip() in FREE_FEES


def in_sheet(sheet: str, fn: Any) -> Any:
    """Run ``fn``; its refusal is re-raised naming the sheet, with its own code and facts
    (one that names its own sheet already, a material's row within an item's, is left so)."""
    try:
        return fn()
    except ValidationError as exc:
        if exc.facts.get("sheet"):
            raise
        raise exc.restated(f"{sheet}：{exc.message}", field=exc.field, row=exc.row,
                           sheet=sheet) from None


def _where(row: int | None) -> str:
    return f"第 {row} 行：" if row is not None else ""


def _material(raw: Any, item_row: int | None, index: int) -> Material:
    """A material of a JSON item is named by its index in the item; one from the XLSX file's
    materials sheet (which gives its ``_row``) by that sheet's row and column, where it is."""
    if isinstance(raw, Mapping) and "_row" in raw:
        return in_sheet(  # type: ignore[no-any-return]
            "materials", lambda: parse_material(raw, int(raw["_row"]), index, prefix=""))
    return parse_material(raw, item_row, index)


def parse_material(raw: Mapping[str, Any], row: int | None, index: int,
                   prefix: str | None = None) -> Material:
    r = FieldReader(raw, row, f"materials[{index}]." if prefix is None else prefix)
    return Material(
        code=r.code("code"),
        name=r.req_text("name", MAX_NAME),
        name_en=r.text("name_en", max_len=MAX_NAME * 2),
        required=r.boolean("required", True),
        core=r.boolean("core", True),
        form=r.choice("form", MATERIAL_FORMS, "original"),
        copies=r.integer("copies", 1, 0, 99),
        paper_size=r.text("paper_size", default="A4", max_len=16) or "A4",
        source=r.choice("source", MATERIAL_SOURCES, "applicant"),
        commitment_replaceable=r.boolean("commitment_replaceable"),
        listed_proof=r.boolean("listed_proof"),
        proof_basis=r.text("proof_basis"),
        requirement=r.text("requirement"),
        requirement_en=r.text("requirement_en"),
        where_to_get=r.text("where_to_get"),
        notes=r.text("notes"),
    )


def parse_item(raw: Mapping[str, Any], row: int | None = None) -> Item:
    """Validate one raw item record; raise ValidationError naming row and field."""
    r = FieldReader(raw, row)
    flags_raw = raw.get("flags") or {}
    f = FieldReader(flags_raw, row, "flags.")
    auto = None
    if raw.get("auto_approve"):
        a = FieldReader(raw["auto_approve"], row, "auto_approve.")
        types = a.texts("applicant_types") or ("person",)
        for t in types:
            if t not in APPLICANT_TYPES:
                raise a._fail("applicant_types", f"取值 {t!r} 无效", "field_choice",
                              value=t, options=", ".join(APPLICANT_TYPES))
        auto = AutoApproveRules(a.boolean("require_all_verified_online", True), types)
    materials_raw = raw.get("materials") or []
    if not isinstance(materials_raw, list):
        raise r._fail("materials", "应为列表", "field_list")
    materials = tuple(_material(m, row, i) for i, m in enumerate(materials_raw))
    _check_unique([m.code for m in materials], row, "materials.code")
    item = Item(
        code=r.code("code"),
        basic_code=r.text("basic_code", max_len=MAX_CODE),
        version=r.integer("version", 1, 1, 100_000),
        name=r.req_text("name", MAX_NAME),
        name_en=r.text("name_en", max_len=MAX_NAME * 2),
        sub_item=r.text("sub_item", max_len=MAX_NAME),
        item_type=r.choice("item_type", ITEM_TYPES, "公共服务"),
        department=r.req_text("department", MAX_CODE),
        queue=r.req_text("queue", MAX_CODE),
        legal_basis=r.texts("legal_basis"),
        process=r.texts("process"),
        form_elements=r.texts("form_elements"),
        conditions=r.text("conditions"),
        conditions_en=r.text("conditions_en"),
        statutory_limit=r.limit("statutory_limit", Limit(20, "working_day")),
        promised_limit=r.limit("promised_limit", Limit(10, "working_day")),
        handling_type=r.choice("handling_type", HANDLING_TYPES, "promised"),
        visits_required=r.integer("visits_required", 1, 0, MAX_VISITS),
        fee=r.text("fee", max_len=MAX_NAME),
        fee_en=r.text("fee_en", max_len=MAX_NAME),
        fee_basis=r.text("fee_basis"),
        flags=FourFlags(f.boolean("on_spot"), f.boolean("online"), f.boolean("nearby"),
                        f.boolean("one_visit")),
        tolerant_allowed=r.boolean("tolerant_allowed"),
        commitment_allowed=r.boolean("commitment_allowed"),
        auto_approve=auto,
        appointment=r.boolean("appointment"),
        express_delivery=r.boolean("express_delivery"),
        service_norm_minutes=r.integer("service_norm_minutes", 15, *NORM_MINUTES),
        keywords=r.texts("keywords"),
        keywords_en=r.texts("keywords_en"),
        materials=materials,
        demo=r.boolean("demo"),
    )
    _check_item_rules(item, row)
    return item


def _check_unique(values: Sequence[str], row: int | None, name: str) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise ValidationError(f"{_where(row)}字段 {name} 重复：{v}", row=row, field=name,
                                  code="field_repeated", value=v, problem=f"{v} 重复")
        seen.add(v)


def _check_item_rules(item: Item, row: int | None) -> None:
    promised, statutory = item.promised_limit, item.statutory_limit
    if promised.unit == statutory.unit and promised.value > statutory.value:
        raise ValidationError(f"{_where(row)}字段 promised_limit 承诺时限（{promised.value}）"
                              f"不能长于法定时限（{statutory.value}）", row=row,
                              field="promised_limit", code="promised_over_statutory",
                              promised=promised.value, statutory=statutory.value,
                              problem=f"承诺时限（{promised.value}）不能长于法定时限"
                                      f"（{statutory.value}）")
    if item.is_immediate and item.promised_limit.unit != "immediate":
        raise ValidationError(f"{_where(row)}字段 promised_limit 即办件的承诺时限应为 immediate",
                              row=row, field="promised_limit", code="immediate_limit",
                              problem="即办件的承诺时限应为 immediate")
    if item.tolerant_allowed and not any(not m.core for m in item.materials):
        raise ValidationError(f"{_where(row)}字段 tolerant_allowed 允许容缺但没有非主审要件",
                              row=row, field="tolerant_allowed",
                              code="tolerant_without_secondary",
                              problem="允许容缺但没有非主审要件")
    if item.commitment_allowed and not any(m.commitment_replaceable for m in item.materials):
        raise ValidationError(
            f"{_where(row)}字段 commitment_allowed 允许告知承诺但没有可承诺替代的材料",
            row=row, field="commitment_allowed", code="commitment_without_material",
            problem="允许告知承诺但没有可承诺替代的材料")
