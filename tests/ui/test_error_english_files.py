"""Refusals of a file import read in English: the catalogue as JSON or XLSX, the official
calendar, the queue form and the hall set-up, each saying where in the file ("items, row 3: …",
"Entry 2: …"); in Chinese they keep their own text. (Split from test_error_english.py, which
scans the sources for refusals without English.)"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QApplication

from hallapp.core.calendar import parse_calendar_file
from hallapp.core.catalogue import parse_item
from hallapp.core.errors import DomainError, ValidationError
from hallapp.services import admin, hall
from hallapp.services.catalogue import import_catalogue
from hallapp.services.context import Ctx
from hallapp.ui.admin.catalogue import read_catalogue
from hallapp.ui.common.errors import user_message

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    qapp.setProperty("hallapp_lang", "en")
    yield
    qapp.setProperty("hallapp_lang", "zh")


# --- file imports: the English says where in the file, the Chinese stays as it was ----------


def _assert_reads(exc: DomainError, text: str, chinese: str) -> None:
    """``exc`` reads ``text`` in English (the test's language) and ``chinese`` in Chinese."""
    app = QApplication.instance()
    assert app is not None
    assert user_message(exc) == text
    assert not CJK.search(text)
    app.setProperty("hallapp_lang", "zh")
    try:
        assert user_message(exc) == exc.message == chinese
    finally:
        app.setProperty("hallapp_lang", "en")


ITEM = {"code": "X1", "name": "Test item", "department": "D1", "queue": "A"}


@pytest.mark.parametrize(("change", "text", "chinese"), [
    ({"name": "  "}, 'Row 3: field "name" must not be empty.', "第 3 行：字段 name 不能为空"),
    ({"visits_required": 11},
     'Row 3: field "visits_required" must be a whole number from 0 to 10.',
     "第 3 行：字段 visits_required 应在 0 到 10 之间"),
    ({"handling_type": "sometimes"},
     'Row 3: field "handling_type": "sometimes" is not valid; use one of immediate, promised.',
     "第 3 行：字段 handling_type 取值 'sometimes' 无效，应为 immediate/promised 之一"),
    ({"materials": [{"code": "M1", "name": "Form", "form": "papyrus"}]},
     'Row 3: field "materials[0].form": "papyrus" is not valid; use one of original, copy, '
     "original_and_copy, electronic.",
     "第 3 行：字段 materials[0].form 取值 'papyrus' 无效，"
     "应为 original/copy/original_and_copy/electronic 之一"),
    ({"name": "x" * 201}, 'Row 3: field "name" is too long (201 characters; at most 200).',
     "第 3 行：字段 name 过长（201 字，最多 200 字）"),
    ({"code": "4403 0001"},
     'Row 3: field "code" takes letters, digits and - _ . only (no spaces).',
     "第 3 行：字段 code 只能由字母、数字和 - _ . 组成（不含空格）"),
    ({"promised_limit": {"value": 0, "unit": "hour"}},
     'Row 3: field "promised_limit.value" must be more than 0 (for an item completed on the '
     'spot, use the unit "immediate").',
     "第 3 行：字段 promised_limit.value 应大于 0（当场办结请用 immediate）"),
    ({"promised_limit": {"value": 30, "unit": "working_day"}},
     'Row 3: field "promised_limit": the promised time limit (30) cannot be longer than the '
     "statutory one (20).",
     "第 3 行：字段 promised_limit 承诺时限（30）不能长于法定时限（20）"),
    ({"materials": [{"code": "M1", "name": "Form"}, {"code": "M1", "name": "Copy"}]},
     'Row 3: field "materials.code": M1 appears twice.', "第 3 行：字段 materials.code 重复：M1"),
])
def test_a_bad_catalogue_item_reads_in_english(english: None, change: dict[str, Any],
                                               text: str, chinese: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_item({**ITEM, **change}, 3)
    _assert_reads(caught.value, text, chinese)


def test_an_item_form_refusal_has_no_location(english: None) -> None:
    """The admin's item editor parses one item, with no row: the field alone says where."""
    with pytest.raises(ValidationError) as caught:
        parse_item({**ITEM, "queue": ""})
    _assert_reads(caught.value, 'Field "queue" must not be empty.', "字段 queue 不能为空")


def _workbook(path: Path, change: Callable[[Workbook], object]) -> Path:
    """A small catalogue workbook (a department, a queue, an item and its material),
    changed by ``change``; rows are numbered as Excel shows them, the header being row 1."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    sheets = {
        "departments": [["code", "name"], ["D9", "Test department"]],
        "queues": [["code", "name", "prefix", "time_quotas"],
                   ["Q9", "Test queue", "QZ", "09:00-12:00=50"]],
        "items": [["code", "version", "name", "department", "queue"],
                  ["X9", 1, "Test item", "D9", "Q9"]],
        "materials": [["item_code", "item_version", "code", "name", "copies"],
                      ["X9", 1, "M1", "Application form", 1]],
    }
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for values in rows:
            ws.append(values)
    change(wb)
    wb.save(path)
    return path


def _set_cell(sheet: str, cell: str, value: Any) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        wb[sheet][cell] = value

    return change


def _repeat_row(sheet: str) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        wb[sheet].append([c.value for c in wb[sheet][2]])

    return change


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize(("change", "code", "text", "chinese"), [
    (_set_cell("items", "C2", None), "field_required",
     'items, row 2: field "name" must not be empty.', "items：第 2 行：字段 name 不能为空"),
    (_set_cell("materials", "E2", 100), "field_range",
     'materials, row 2: field "copies" must be a whole number from 0 to 99.',
     "materials：第 2 行：字段 copies 应在 0 到 99 之间"),
    (_repeat_row("items"), "duplicate_row",
     'items, row 3: field "code": X9 is repeated (already in row 2).',
     "items：第 3 行：字段 code 重复：X9（与第 2 行相同）"),
    (_repeat_row("departments"), "duplicate_row",
     'departments, row 3: field "code": D9 is repeated (already in row 2).',
     "departments：第 3 行：字段 code 重复：D9（与第 2 行相同）"),
    (_set_cell("materials", "A2", "NOITEM"), "material_unknown_item",
     'materials, row 2: field "item_code": there is no item NOITEM (version 1) on the items '
     "sheet.", "materials：第 2 行：字段 item_code 未知事项 NOITEM"),
    (_set_cell("queues", "D2", "9点到12点"), "time_quotas_format",
     'queues, row 2: field "time_quotas" is written like 09:00-12:00=160 (several separated '
     "by ;).", "queues：第 2 行：字段 time_quotas 格式应为 09:00-12:00=160"),
    (_set_cell("items", "E2", "ZZ"), "unknown_queue_code",
     "items, row 2: there is no queue ZZ.", "items：第 2 行：字段 queue 未知队列 ZZ"),
])
def test_a_bad_catalogue_workbook_reads_in_english(
        english: None, ctx_for: Callable[[str], Ctx], tmp_path: Path, engine_name: str,
        change: Callable[[Workbook], None], code: str, text: str, chinese: str) -> None:
    """Imported as the admin window does: ``read_catalogue`` then ``import_catalogue``."""
    path = _workbook(tmp_path / "catalogue.xlsx", change)
    with pytest.raises(ValidationError) as caught:
        import_catalogue(ctx_for("admin1"), read_catalogue(path))
    assert caught.value.code == code  # a sheet's refusal keeps the code of the check inside
    _assert_reads(caught.value, text, chinese)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_refusals_of_the_queue_form_and_the_hall_set_up_read_in_english(
        english: None, ctx_for: Callable[[str], Ctx], engine_name: str) -> None:
    """The queue form uses the import's checks without their "queues：第 1 行：" (so without
    a location in English too); the hall set-up file names its sheet and row."""
    admin1 = ctx_for("admin1")
    with pytest.raises(ValidationError) as caught:
        admin.save_queue(admin1, {"code": "Q9", "name": "Test queue", "prefix": "a1"})
    _assert_reads(caught.value, 'Field "prefix" must be 1 or 2 capital letters.',
                  "字段 prefix 应为 1–2 个大写字母")
    with pytest.raises(ValidationError) as caught:
        admin.save_queue(admin1, {"code": "Q9", "name": "Test queue", "prefix": "Q",
                                  "target_wait_minutes": 0})
    _assert_reads(caught.value, 'Field "target_wait_minutes" must be a whole number from 1 to '
                  "600.", "字段 target_wait_minutes 应在 1 到 600 之间")
    with pytest.raises(ValidationError) as caught:
        hall.configure_windows(admin1, [{"number": 0}])
    _assert_reads(caught.value,
                  'windows, row 1: field "number" must be a whole number from 1 to 999.',
                  "windows：第 1 行：字段 number 应为 1–999 的整数")
    with pytest.raises(ValidationError) as caught:
        hall.configure_windows(admin1, [{"number": 1, "profile": [{"queue": "ZZ"}]}])
    _assert_reads(caught.value, "windows, row 1: there is no queue ZZ.",
                  "windows：第 1 行：字段 profile[0].queue 未知队列 ZZ")
    with pytest.raises(ValidationError) as caught:  # was an internal error (unique key)
        hall.configure_windows(admin1, [{"number": 1, "profile": [{"queue": "A"},
                                                                  {"queue": "A"}]}])
    _assert_reads(caught.value, "windows, row 1: queue A is listed twice.",
                  "windows：第 1 行：字段 profile 队列 A 重复")


NO_HOLIDAYS = {"year": 2027, "holidays": []}


@pytest.mark.parametrize(("entries", "text", "chinese"), [
    ([NO_HOLIDAYS, {"year": 2028, "holidays": ["2028-02-07"], "workdays": ["2028-02-07"]}],
     "Entry 2: 2028-02-07 is listed both as a holiday and as a working day.",
     "第 2 条：2028-02-07 同时被列为放假和上班"),
    ([{"year": 2027, "holidays": []}] * 2, "Entry 2: the year 2027 appears twice.",
     "第 2 条：2027 年重复出现"),
    ([{"year": 2027, "holidays": ["2027-02-30"]}],
     'Entry 1: the date 2027-02-30 in "holidays" is not valid; write it as YYYY-MM-DD.',
     "第 1 条：holidays 中的日期 '2027-02-30' 无效，应为 YYYY-MM-DD"),
    ([{"year": 2027, "holidays": []}, {"holidays": []}], "Entry 2: the year is missing.",
     "第 2 条：缺少 year（年份）"),
    ([NO_HOLIDAYS, "2028"], "Entry 2: this must be an object with year, holidays and "
     "workdays.", "第 2 条：应为对象（含 year、holidays、workdays）"),
    ([{"year": 2028, "holiday": []}], "Entry 1: unknown key(s) holiday (the keys are year, "
     "holidays, workdays and note).",
     "第 1 条：未知的键 holiday（应为 year、holidays、workdays、note）"),
])
def test_a_bad_calendar_file_reads_in_english(english: None, entries: list[Any], text: str,
                                              chinese: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_calendar_file(json.dumps(entries))
    _assert_reads(caught.value, text, chinese)


def test_a_calendar_file_that_is_not_json_reads_in_english(english: None) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_calendar_file('{"year": 2027,\n "holidays": [2027-01-01]}')
    _assert_reads(caught.value, "The file is not valid JSON (line 2, column 19).",
                  "日历文件不是有效的 JSON：第 2 行第 19 列")
