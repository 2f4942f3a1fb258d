"""Catalogue import: validated completely, all-or-nothing, versioned; export round-trips.

Each bad file must be refused with a message naming the row (the Excel row for XLSX) and
the field, and must leave the database exactly as it was — including departments and
queues the same file would have added before the bad item was reached.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import actor_for
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from hallapp.cli.cmd_catalogue import read_catalogue_file, write_catalogue_file
from hallapp.core.errors import ValidationError
from hallapp.services.catalogue import export_catalogue, get_item, import_catalogue, list_items
from hallapp.services.catalogue_xlsx import ITEM_COLS, from_xlsx, to_xlsx
from hallapp.services.context import Ctx
from hallapp.services.hall import load_demo_json
from hallapp.services.setup import init_database
from hallapp.store.models import AuditEntry, Department, Queue, ServiceItem
from hallapp.store.uow import Database

Doc = dict[str, Any]


@pytest.fixture
def admin(ctx_for: Callable[[str], Ctx]) -> Ctx:
    return ctx_for("admin1")


@pytest.fixture
def demo_doc(admin: Ctx) -> Doc:
    return export_catalogue(admin)


def _counts(db: Database) -> dict[str, int]:
    with db.read_session() as s:
        return {m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
                for m in (ServiceItem, AuditEntry, Department, Queue)}


def _with_extras(doc: Doc) -> Doc:
    """The file also adds a department and a queue: a partial write would show in counts."""
    doc = copy.deepcopy(doc)
    doc["departments"].append({"code": "NEWDEPT", "name": "新部门"})
    doc["queues"].append({"code": "NQ", "name": "新队列", "prefix": "NQ", "category": None,
                          "daily_quota": None, "time_quotas": [], "target_wait_minutes": 20})
    return doc


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """A mutation: ``items.2.department`` = value."""

    def mutate(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _duplicate_item(source: int, target: int) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        doc["items"][target]["code"] = doc["items"][source]["code"]

    return mutate


# (mutation, row, field, words the message must contain)
JSON_CASES: dict[str, tuple[Callable[[Doc], None], int, str, str]] = {
    "duplicate_code": (_duplicate_item(1, 3), 4, "code", "重复"),
    "unknown_department": (_set("items.2.department", "NOPE"), 3, "department", "NOPE"),
    "unknown_queue": (_set("items.4.queue", "ZZ"), 5, "queue", "ZZ"),
    "empty_name": (_set("items.0.name", "  "), 1, "name", "不能为空"),
    "overlong_name": (_set("items.5.name", "长" * 201), 6, "name", "过长"),
    "bad_limit_unit": (_set("items.6.promised_limit.unit", "fortnight"), 7,
                       "promised_limit.unit", "fortnight"),
    "bad_material": (_set("items.1.materials.0.form", "papyrus"), 2,
                     "materials[0].form", "papyrus"),
    "empty_department_name": (_set("departments.1.name", ""), 2, "name", "不能为空"),
    "bad_queue_prefix": (_set("queues.0.prefix", "a1"), 1, "prefix", "大写字母"),
    # JSON true was read as a quota of 1, and as a code "True"
    "quota_true": (_set("queues.1.daily_quota", True), 2, "daily_quota", "整数"),
    "code_true": (_set("items.3.sub_item", True), 4, "sub_item", "文本"),
}


def _check_bad_json(admin: Ctx, demo_doc: Doc, hall_db: Database, tmp_path: Path) -> None:
    before = _counts(hall_db)
    for case, (mutate, row, field, words) in JSON_CASES.items():
        doc = _with_extras(demo_doc)
        mutate(doc)
        path = tmp_path / f"{case}.json"
        write_catalogue_file(doc, str(path))
        with pytest.raises(ValidationError) as err:
            import_catalogue(admin, read_catalogue_file(str(path)))
        message = err.value.message
        assert (case, err.value.row, err.value.field) == (case, row, field), message
        assert f"第 {row} 行" in message, case
        assert f"字段 {field}" in message, case
        assert words in message, case
        assert _counts(hall_db) == before, case


def _check_malformed_json(admin: Ctx, hall_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "hallapp-catalogue",\n "items": [\n  {"code": 1,,}\n]}\n',
                    encoding="utf-8")
    before = _counts(hall_db)
    with pytest.raises(ValidationError) as err:
        read_catalogue_file(str(path))
    assert err.value.field == "file"
    assert "JSON 格式错误" in err.value.message
    assert "line 3" in err.value.message
    with pytest.raises(ValidationError) as err:
        import_catalogue(admin, {"format": "something-else", "items": []})
    assert err.value.field == "format"
    assert _counts(hall_db) == before


# --- XLSX -------------------------------------------------------------------------------


def _workbook(doc: Doc) -> Workbook:
    return load_workbook(io.BytesIO(to_xlsx(doc)))


def _bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(wb: Workbook, sheet: str, row: int, column: str, value: Any) -> None:
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    # Assign .value: ws.cell(..., value=None) would leave the old value in place.
    ws.cell(row=row, column=header.index(column) + 1).value = value


def _append_copy(sheet: str, row: int) -> Callable[[Workbook], int]:
    def mutate(wb: Workbook) -> int:
        ws = wb[sheet]
        ws.append([c.value for c in ws[row]])
        return int(ws.max_row)

    return mutate


def _xl(sheet: str, row: int, column: str, value: Any) -> Callable[[Workbook], int]:
    def mutate(wb: Workbook) -> int:
        _cell(wb, sheet, row, column, value)
        return row

    return mutate


# (mutation returning the Excel row it broke, field, words)
XLSX_CASES: dict[str, tuple[Callable[[Workbook], int], str, str]] = {
    "duplicate_code": (_append_copy("items", 3), "code", "重复"),
    "unknown_department": (_xl("items", 4, "department", "NOPE"), "department", "NOPE"),
    "unknown_queue": (_xl("items", 6, "queue", "ZZ"), "queue", "ZZ"),
    "empty_name": (_xl("items", 3, "name", None), "name", "不能为空"),
    "overlong_name": (_xl("items", 7, "name", "长" * 201), "name", "过长"),
    "bad_limit_unit": (_xl("items", 8, "promised_limit.unit", "fortnight"),
                       "promised_limit.unit", "fortnight"),
    "unknown_material_item": (_xl("materials", 5, "item_code", "NOITEM"), "item_code",
                              "NOITEM"),
    "bad_queue_time_quota": (_xl("queues", 2, "time_quotas", "9点到12点"), "time_quotas",
                             "09:00-12:00=160"),
    "duplicate_department": (_append_copy("departments", 2), "code", "重复"),
    "department_code_with_space": (_xl("departments", 3, "code", "SZ AMR"), "code", "不含空格"),
    "queue_code_with_space": (_xl("queues", 2, "code", "A 1"), "code", "不含空格"),
    # "abc" or an Excel date as a version was an internal error
    "version_not_a_number": (_xl("items", 4, "version", "abc"), "version", "正整数"),
    "material_version_a_date": (_xl("materials", 6, "item_version", datetime(2026, 1, 2)),
                                "item_version", "正整数"),
    # a material's own field is named by the materials sheet's row and column (it named the
    # item's row and "materials[2].copies", which no sheet shows)
    "material_copies": (_xl("materials", 9, "copies", "两份"), "copies", "应为整数"),
    "material_empty_name": (_xl("materials", 12, "name", None), "name", "不能为空"),
    # a code typed as a number that is no whole number, or a date, is named as a code cell
    "code_a_fraction": (_xl("items", 4, "code", 1001.5), "code",
                        "应为编码（文字或整数），而不是 1001.5"),
    "department_a_date": (_xl("items", 5, "department", datetime(2026, 1, 2)), "department",
                          "2026-01-02 00:00:00"),
    "material_item_code_yes": (_xl("materials", 4, "item_code", True), "item_code", "应为编码"),
    # a 24-digit code typed as a number: Excel kept 15 digits (4.40300000000069E+23)
    "code_lost_digits": (_xl("items", 6, "code", 4.40300000000069e23), "code",
                         "编码列应设置为文本格式"),
}


def _check_bad_xlsx(admin: Ctx, demo_doc: Doc, hall_db: Database) -> None:
    before = _counts(hall_db)
    for case, (mutate, field, words) in XLSX_CASES.items():
        wb = _workbook(_with_extras(demo_doc))
        row = mutate(wb)
        with pytest.raises(ValidationError) as err:
            import_catalogue(admin, from_xlsx(_bytes(wb)))
        message = err.value.message
        assert (case, err.value.row, err.value.field) == (case, row, field), message
        assert f"第 {row} 行" in message, case
        assert f"字段 {field}" in message, case
        assert words in message, case
        assert _counts(hall_db) == before, case


def test_bad_imports_name_row_and_field_and_change_nothing(
        admin: Ctx, demo_doc: Doc, hall_db: Database, tmp_path: Path) -> None:
    """All cases against one database: each must leave it as it was for the next."""
    _check_bad_json(admin, demo_doc, hall_db, tmp_path)
    _check_malformed_json(admin, hall_db, tmp_path)
    _check_bad_xlsx(admin, demo_doc, hall_db)


def test_a_code_typed_as_a_number_in_excel_is_read_as_its_digits(
        admin: Ctx, demo_doc: Doc) -> None:
    """Excel keeps 1001 typed in a cell as a number (openpyxl reads 1001, or 1001.0 from a
    file whose cell was calculated): "字段 code 应为文本" said nothing of what to do."""
    doc = copy.deepcopy(demo_doc)
    doc["items"] = [{**doc["items"][0], "code": "1001", "version": 1}]
    doc["departments"].append({"code": "2002", "name": "数字编码部门", "name_en": None})
    doc["items"][0]["department"] = "2002"
    wb = _workbook(doc)
    _cell(wb, "items", 2, "code", 1001)
    _cell(wb, "items", 2, "department", 2002.0)
    _cell(wb, "departments", wb["departments"].max_row, "code", 2002)
    for row in range(2, wb["materials"].max_row + 1):
        _cell(wb, "materials", row, "item_code", 1001.0)
    parsed = from_xlsx(_bytes(wb))
    assert (parsed["items"][0]["code"], parsed["items"][0]["department"]) == ("1001", "2002")
    assert import_catalogue(admin, parsed).items_added == 1
    item = get_item(admin, "1001")
    assert (item.department, len(item.materials)) == ("2002", len(doc["items"][0]["materials"]))


def test_a_mistyped_column_is_refused_not_dropped(demo_doc: Doc) -> None:
    """A header misspelt (requirment_en) dropped its column: every material lost its English
    requirement, and the import said all was well."""
    wb = _workbook(demo_doc)
    sheet = wb["materials"]
    for cell in sheet[1]:
        if cell.value == "requirement_en":
            cell.value = "requirment_en"
    with pytest.raises(ValidationError, match="materials：未知列 requirment_en") as err:
        from_xlsx(_bytes(wb))
    assert err.value.code == "xlsx_unknown_column"


def test_a_list_cell_splits_at_the_ascii_semicolon_only(demo_doc: Doc) -> None:
    """Entries such as process steps contain "；": splitting there broke the round trip."""
    wb = _workbook(demo_doc)
    _cell(wb, "items", 2, "process", "受理；审查;决定")
    assert from_xlsx(_bytes(wb))["items"][0]["process"] == ["受理；审查", "决定"]


def test_an_item_row_given_twice_is_named_as_repeated(demo_doc: Doc) -> None:
    """Two items rows with one code and version: the materials were joined to the second, and
    the first was refused for something else (its 告知承诺 had no material to promise)."""
    wb = _workbook(demo_doc)
    sheet = wb["items"]
    sheet.append([cell.value for cell in sheet[2]])
    with pytest.raises(ValidationError, match=r"字段 code 重复：.*（与第 2 行相同）") as err:
        from_xlsx(_bytes(wb))
    assert (err.value.code, err.value.row) == ("duplicate_row", sheet.max_row)


def test_a_json_file_saved_with_a_bom_reads(demo_doc: Doc, tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a BOM: the import said "JSON 格式错误：Unexpected UTF-8 BOM"."""
    from hallapp.ui.admin.catalogue import read_catalogue

    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(demo_doc, ensure_ascii=False).encode())
    assert read_catalogue_file(str(path)) == read_catalogue(path) == demo_doc


def test_unreadable_xlsx() -> None:
    with pytest.raises(ValidationError) as err:
        from_xlsx(b"PK\x03\x04 not really a workbook")
    assert err.value.field == "file"
    wb = Workbook()
    with pytest.raises(ValidationError) as err:
        from_xlsx(_bytes(wb))
    assert err.value.field == "departments"


# --- round trips ------------------------------------------------------------------------


def _admin_of_new_hall(db: Database) -> Ctx:
    init_database(db, demo=False, admin_password="Admin1234")
    return Ctx(db, actor_for(db, "admin"), terminal="test")


def test_round_trips_through_a_new_hall(admin: Ctx, demo_doc: Doc, empty_db: Database,
                                       tmp_path: Path) -> None:
    """JSON: export → import into a new hall → export gives the same bytes. XLSX of the
    same catalogue then imports as "unchanged" everywhere: no field is lost in the sheets."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_catalogue_file(demo_doc, str(a))
    other = _admin_of_new_hall(empty_db)
    result = import_catalogue(other, read_catalogue_file(str(a)))
    write_catalogue_file(export_catalogue(other), str(b))
    assert result.items_added == len(demo_doc["items"]) > 40
    assert a.read_bytes() == b.read_bytes()
    data = to_xlsx(demo_doc)
    sheet_items = _cells(data)["items"]
    assert list(sheet_items[0]) == ITEM_COLS
    assert len(sheet_items) == len(demo_doc["items"]) + 1
    again = import_catalogue(other, from_xlsx(data))
    assert (again.items_added, again.items_new_version, again.items_unchanged) == (
        0, 0, len(demo_doc["items"]))
    assert export_catalogue(other) == demo_doc
    assert to_xlsx(export_catalogue(other)) == data


def _cells(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_xlsx_export_is_deterministic() -> None:
    doc = load_demo_json("catalogue.json")
    first, second = to_xlsx(doc), to_xlsx(doc)
    assert _cells(first) == _cells(second)
    assert first == second
    # Same bytes at any time of day: no save time in the zip entries or the properties.
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z</dcterms:modified>" in z.read("docProps/core.xml")


def test_changed_item_gets_a_new_version_and_keeps_the_old(admin: Ctx, demo_doc: Doc,
                                                           hall_db: Database) -> None:
    doc = copy.deepcopy(demo_doc)
    item = doc["items"][0]
    code, old_name = item["code"], item["name"]
    item["name"] = old_name + "（2026 年修订）"
    item["materials"] = item["materials"][:-1]
    result = import_catalogue(admin, doc)
    assert (result.items_added, result.items_new_version, result.items_unchanged) == (
        0, 1, len(doc["items"]) - 1)
    current = get_item(admin, code)
    assert (current.version, current.name) == (2, item["name"])
    assert len(current.materials) == len(demo_doc["items"][0]["materials"]) - 1
    old = get_item(admin, code, version=1)
    assert (old.version, old.name) == (1, old_name)
    assert len(old.materials) == len(demo_doc["items"][0]["materials"])
    with hall_db.read_session() as s:
        rows = s.execute(select(ServiceItem.version, ServiceItem.in_force)
                         .where(ServiceItem.code == code).order_by(ServiceItem.version)).all()
    assert [tuple(r) for r in rows] == [(1, False), (2, True)]
    assert {s.code: s.version for s in list_items(admin)}[code] == 2
    # Audited item by item, as the item editor's saves (entity service_item, the item's
    # code), with the fields changed before and after: a bad import can be put back by hand.
    with hall_db.read_session() as s:
        entries = [(a.action, a.entity, a.entity_id, a.before, a.after) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(("item_import", "item_save")))
            .order_by(AuditEntry.id))]
    assert [e[3] for e in entries[:-1]] == [{"version": None}] * len(doc["items"])  # the demo's
    action, entity, entity_id, before, after = entries[-1]
    assert (action, entity, entity_id) == ("item_import", "service_item", code)
    assert set(before) == {"version", "name", "materials"}
    assert (before["version"], before["name"]) == (1, old_name)
    assert before["materials"] == demo_doc["items"][0]["materials"]
    assert (after["version"], after["outcome"], after["name"]) == (2, "new_version",
                                                                    item["name"])
    assert after["materials"] == item["materials"]
    # The same file again changes nothing; the export names the version in force.
    again = import_catalogue(admin, doc)
    assert (again.items_new_version, again.items_unchanged) == (0, len(doc["items"]))
    exported = {i["code"]: i for i in export_catalogue(admin)["items"]}
    assert exported[code]["version"] == 2


def test_queues_and_departments_an_import_changes_are_audited_with_before_values(
        admin: Ctx, demo_doc: Doc, hall_db: Database) -> None:
    """An import audited its departments and queues only as counts (catalogue_import): a
    renamed department or a queue's new quota could not be put back by hand. Each one added
    or changed is audited as the admin forms' saves are (entity and code), its changed fields
    before and after; those the file leaves as they are, not at all."""
    doc = _with_extras(demo_doc)
    dept, queue = doc["departments"][0], doc["queues"][0]
    old_dept, old_queue = dict(dept), dict(queue)
    dept["name"] += "（更名）"
    queue["daily_quota"], queue["target_wait_minutes"] = 123, 35
    with hall_db.read_session() as s:
        start = int(s.scalar(select(func.max(AuditEntry.id))) or 0)
    import_catalogue(admin, doc)
    with hall_db.read_session() as s:
        entries = {(a.action, a.entity, a.entity_id): (a.before, a.after) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.id > start, AuditEntry.action.in_(
                ("queue_import", "department_import"))))}
    assert entries == {
        ("department_import", "department", dept["code"]): (
            {"name": old_dept["name"]}, {"name": dept["name"]}),
        ("department_import", "department", "NEWDEPT"): (
            None, {"name": "新部门", "name_en": None}),
        ("queue_import", "queue", queue["code"]): (
            {"daily_quota": old_queue["daily_quota"],
             "target_wait_minutes": old_queue["target_wait_minutes"]},
            {"daily_quota": 123, "target_wait_minutes": 35}),
        ("queue_import", "queue", "NQ"): (None, {
            "name": "新队列", "name_en": None, "prefix": "NQ", "category": None,
            "daily_quota": None, "time_quotas": [], "target_wait_minutes": 20})}
    with hall_db.read_session() as s:  # the same file again: nothing changed, nothing audited
        start = int(s.scalar(select(func.max(AuditEntry.id))) or 0)
    import_catalogue(admin, doc)
    with hall_db.read_session() as s:
        assert list(s.scalars(select(AuditEntry.action).where(AuditEntry.id > start))) == [
            "catalogue_import"]
