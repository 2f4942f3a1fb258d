"""The catalogue exchange format as an XLSX workbook (openpyxl), both ways.

Sheets ``departments``, ``queues``, ``items`` and ``materials``, each with a header row.
Nested fields are flattened with dots (``promised_limit.value``, ``flags.on_spot``), lists
are joined with ``;``, queue time quotas are written ``09:00-12:00=160``, and each material
row names its item with ``item_code`` and ``item_version``. Rows are numbered as Excel shows
them (header = row 1), so an error message points at the row the user sees.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.writer.excel import ExcelWriter

from hallapp.core.errors import ValidationError
from hallapp.services.catalogue import FORMAT, refuse_repeats

DEPT_COLS = ["code", "name", "name_en"]
QUEUE_COLS = ["code", "name", "name_en", "prefix", "category", "daily_quota", "time_quotas",
              "target_wait_minutes"]
ITEM_COLS = [
    "code", "version", "basic_code", "name", "name_en", "sub_item", "item_type", "department",
    "queue", "legal_basis", "process", "form_elements", "conditions", "conditions_en",
    "statutory_limit.value", "statutory_limit.unit", "promised_limit.value",
    "promised_limit.unit", "handling_type", "visits_required", "fee", "fee_en", "fee_basis",
    "flags.on_spot", "flags.online", "flags.nearby",
    "flags.one_visit", "tolerant_allowed", "commitment_allowed",
    "auto_approve.require_all_verified_online", "auto_approve.applicant_types", "appointment",
    "express_delivery", "service_norm_minutes", "keywords", "keywords_en", "demo",
]
MATERIAL_COLS = [
    "item_code", "item_version", "code", "name", "name_en", "required", "core", "form", "copies",
    "paper_size", "source", "commitment_replaceable", "listed_proof", "proof_basis",
    "requirement", "requirement_en", "where_to_get", "notes",
]
SHEET_COLUMNS = {"departments": DEPT_COLS, "queues": QUEUE_COLS, "items": ITEM_COLS,
                 "materials": MATERIAL_COLS}
# Columns holding codes: Excel stores 1001 typed in a cell as the number 1001 (read back as
# 1001 or 1001.0); a whole number is taken as its digits, anything else not text is named.
CODE_COLUMNS = {"departments": {"code"}, "queues": {"code"},
                "items": {"code", "basic_code", "department", "queue"},
                "materials": {"item_code", "code"}}
EXACT_FLOAT = 10**15  # Excel keeps 15 significant digits of a number
LIST_FIELDS = {"legal_basis", "process", "form_elements", "keywords", "keywords_en",
               "auto_approve.applicant_types"}
FIXED_TIME = datetime(2000, 1, 1)  # workbook metadata, so equal catalogues give equal files
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{name}."))
        elif isinstance(value, list) and name in LIST_FIELDS:
            out[name] = ";".join(value)
        else:
            out[name] = value
    return out


def _unflatten(flat: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        if key in LIST_FIELDS:
            # Only ";" separates: entries (a process step, a legal basis) may contain "；".
            value = [v.strip() for v in str(value or "").split(";") if v.strip()]
        parts = key.split(".")
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    if isinstance(out.get("auto_approve"), dict) and not any(
            v not in (None, "", []) for v in out["auto_approve"].values()):
        out["auto_approve"] = None
    return out


def _quotas_to_text(quotas: Iterable[Mapping[str, Any]]) -> str:
    return ";".join(f"{q['start']}-{q['end']}={q['quota']}" for q in quotas)


def _quotas_from_text(text: Any, row: int) -> list[dict[str, Any]]:
    out = []
    for part in str(text or "").split(";"):
        if not part.strip():
            continue
        try:
            span, quota = part.split("=")
            start, end = span.split("-")
            out.append({"start": start.strip(), "end": end.strip(), "quota": int(quota)})
        except ValueError:
            raise ValidationError(f"queues：第 {row} 行：字段 time_quotas 格式应为 09:00-12:00=160",
                                  row=row, field="time_quotas", sheet="queues",
                                  code="time_quotas_format") from None
    return out


def to_xlsx(doc: Mapping[str, Any]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    _sheet(wb, "departments", DEPT_COLS, doc.get("departments", []))
    queues = [{**q, "time_quotas": _quotas_to_text(q.get("time_quotas") or [])}
              for q in doc.get("queues", [])]
    _sheet(wb, "queues", QUEUE_COLS, queues)
    items, materials = [], []
    for item in doc.get("items", []):
        items.append(_flatten({k: v for k, v in item.items() if k != "materials"}))
        materials += [{"item_code": item["code"], "item_version": item.get("version", 1), **m}
                      for m in item.get("materials", [])]
    _sheet(wb, "items", ITEM_COLS, items)
    _sheet(wb, "materials", MATERIAL_COLS, materials)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return _save_without_clock(wb)


def _save_without_clock(wb: Workbook) -> bytes:
    """Save so that equal catalogues give equal bytes, whenever they are exported.

    ``Workbook.save`` stamps the wall clock into docProps/core.xml (``modified``) and every
    zip entry; ExcelWriter leaves the properties alone, and the entries are re-stamped here.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), src.read(info),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheet(wb: Workbook, title: str, cols: list[str], rows: Iterable[Mapping[str, Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(cols)
    for row in rows:
        ws.append([row.get(c) for c in cols])


def from_xlsx(data: bytes) -> dict[str, Any]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValidationError(f"无法读取 XLSX 文件：{exc}", field="file",
                              code="xlsx_unreadable", reason=str(exc)) from None
    sheets = {name: _rows(wb, name, columns) for name, columns in SHEET_COLUMNS.items()}
    queues = [{**q, "_row": n, "time_quotas": _quotas_from_text(q.get("time_quotas"), n)}
              for n, q in sheets["queues"]]
    items = [(n, {**_unflatten(r), "_row": n}) for n, r in sheets["items"]]
    keys = [(str(i["code"]), _version(i.get("version"), "items", n, "version")) for n, i in items]
    # Checked here, not only by parse_catalogue: the materials of two rows with one key were
    # joined to the second, and the first was refused for a reason that had nothing to do with it.
    refuse_repeats(keys, "items", "code", [n for n, _ in items])
    by_key = {key: i for key, (_, i) in zip(keys, items, strict=True)}
    for i in by_key.values():
        i["materials"] = []
    for n, m in sheets["materials"]:
        key = (str(m.pop("item_code", "")),
               _version(m.pop("item_version", None), "materials", n, "item_version"))
        if key not in by_key:
            raise ValidationError(f"materials：第 {n} 行：字段 item_code 未知事项 {key[0]}", row=n,
                                  field="item_code", sheet="materials",
                                  code="material_unknown_item", item=key[0], version=key[1])
        by_key[key]["materials"].append({**m, "_row": n})
    departments = [{**r, "_row": n} for n, r in sheets["departments"]]
    return {"format": FORMAT, "version": 1, "departments": departments,
            "queues": queues, "items": [i for _, i in items]}


def _version(value: Any, sheet: str, row: int, field: str) -> int:
    """A version cell: a whole number ≥ 1 (empty: 1). "abc" or a date was an internal error."""
    if value in (None, ""):
        return 1
    if isinstance(value, bool) or not isinstance(value, int | float | str) or \
            not str(value).strip().removesuffix(".0").isdecimal() or int(float(value)) < 1:
        raise ValidationError(f"{sheet}：第 {row} 行：字段 {field} 应为正整数（{value!r}）",
                              row=row, field=field, sheet=sheet, code="xlsx_version")
    return int(float(value))


def _rows(wb: Any, name: str, columns: list[str]) -> list[tuple[int, dict[str, Any]]]:
    if name not in wb.sheetnames:
        raise ValidationError(f"XLSX 文件缺少工作表 {name}", field=name,
                              code="xlsx_sheet_missing")
    rows = wb[name].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    unknown = [h for h in header if h and h not in columns]
    if unknown:  # a mistyped header's column was dropped, and the field emptied in every row
        raise ValidationError(f"{name}：未知列 {'、'.join(unknown)}", field=unknown[0],
                              sheet=name, code="xlsx_unknown_column",
                              columns=", ".join(unknown))
    out = []
    for n, values in enumerate(rows, start=2):
        if all(v in (None, "") for v in values):
            continue
        record = {h: v for h, v in zip(header, values, strict=False) if h}
        for column in CODE_COLUMNS[name] & record.keys():
            record[column] = _code_cell(record[column], name, n, column)
        out.append((n, record))
    return out


def _code_cell(value: Any, sheet: str, row: int, column: str) -> Any:
    """A code cell as text: a whole number (1001, 1001.0) as its digits; text as it is (the
    catalogue's rules check it). Refused, naming the cell: a fraction, a date, a yes/no, and
    a number of more than 15 digits stored as a float (4.403E+23: Excel keeps 15 digits, so a
    24-digit code typed as a number has already lost its last ones)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < EXACT_FLOAT:
        return str(int(value))
    shown = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
    raise ValidationError(f"{sheet}：第 {row} 行：字段 {column} 应为编码（文字或整数），而不是"
                          f" {shown}：编码列应设置为文本格式，再重新填写",
                          row=row, field=column, sheet=sheet, code="xlsx_code_cell",
                          value=shown)
