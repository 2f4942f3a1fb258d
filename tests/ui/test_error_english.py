"""Refusals read in English where the user switched to English: every refusal an applicant
can meet at the kiosk, every refusal of the queue engine a window clerk or supervisor can
meet (call, recall, transfer, pause, window control, work profiles, moving tickets), and
every refusal of case handling at the counter (intake, its decisions, owed materials,
notices and receipts, hand-out) and in the back office (claims, departments, decisions),
and every refusal of a file import (the catalogue as JSON or XLSX, the official calendar, the
hall set-up), which says where in the file: "items, row 3: …", "Entry 2: …".

The refusals come from the core's ID and phone checks, the ticket, check-in and window
services and the kiosk's printing; ``user_message`` translates them by code, filling in the
error's facts. The source scans keep the table complete when someone adds a refusal on those
paths, and check that every fact an English text names is given where the error is raised.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hallapp.core import errors
from hallapp.core.case_rules import next_state
from hallapp.core.errors import DomainError, StateError, ValidationError
from hallapp.core.errors_en import EN as _EN
from hallapp.core.identity import check_id_number, check_phone, check_uscc
from hallapp.services import admin, cases, staff, supervisor, tickets, windows
from hallapp.services.context import Ctx
from hallapp.ui.common.errors import closed_reason, user_message
from hallapp.ui.common.qt_app import set_language

ROOT = Path(__file__).resolve().parents[2] / "hallapp"
KIOSK_PATH = ["core/identity.py", "services/tickets.py", "services/appointments.py",
              "services/queue_sql.py", "services/queue_common.py",
              *(str(p.relative_to(ROOT)) for p in (ROOT / "ui/kiosk").glob("*.py"))]
CLERK_PATH = ["services/windows.py", "services/window_op.py", "services/calling.py",
              "services/supervisor.py", "services/day.py", "services/queue_common.py",
              "core/roles.py", "core/texts.py"]
CASE_PATH = ["services/cases.py", "services/case_common.py", "services/case_clock.py",
             "services/case_decide.py", "services/delivery.py", "services/printing.py",
             "services/printing_data.py", "services/backoffice.py", "services/ratings.py",
             "core/intake.py", "core/case_rules.py"]
ADMIN_PATH = ["services/admin.py", "services/staff.py", "services/blacklist.py",
              "services/calendar_admin.py", "core/timelimits.py", "services/simulate.py",
              "services/simulate_live.py"]
IMPORT_PATH = ["core/catalogue.py", "services/catalogue.py", "services/catalogue_xlsx.py",
               "core/calendar.py", "services/hall.py", "core/sim/profile.py"]
# Facts that say where in a file a refusal is: ``user_message`` puts them in front of the text.
LOCATION = {"row", "entry", "sheet"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ERRORS = {name for name, cls in vars(errors).items()
          if isinstance(cls, type) and issubclass(cls, DomainError)}


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    qapp.setProperty("hallapp_lang", "en")
    yield
    qapp.setProperty("hallapp_lang", "zh")


def _codes(relative: str) -> set[str]:
    return set(re.findall(r'code="(\w+)"', (ROOT / relative).read_text(encoding="utf-8")))


def test_every_refusal_on_the_kiosk_path_has_english() -> None:
    codes = set().union(*(_codes(f) for f in KIOSK_PATH))
    assert {"id_checksum", "uscc_checksum", "unknown_appointment", "print_failed"} <= codes
    assert sorted(codes - set(_EN)) == []


@pytest.mark.parametrize(("check", "value", "code"), [
    (check_id_number, "", "required"),
    (check_id_number, "44030419900101", "id_length"),
    (check_id_number, "44030419900101123Y", "id_format"),
    (check_id_number, "00030419900101123X", "id_region"),
    (check_id_number, "440304199013011234", "id_birth"),
    (check_id_number, "440304199001011230", "id_checksum"),
    (check_phone, "12345", "phone_format"),
    (check_uscc, "91440300MA5", "uscc_length"),
    (check_uscc, "91440300MA5FQW2E1R", "uscc_checksum"),
    (check_uscc, "9144030OMA5FQW2E1R", "uscc_format"),
])
def test_id_and_phone_refusals_read_in_english(english: None, check: object, value: str,
                                               code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check(value)  # type: ignore[operator]
    assert caught.value.code == code
    text = user_message(caught.value)
    assert text == _EN[code].format(**caught.value.facts)
    assert not CJK.search(text)


def test_in_chinese_the_refusal_keeps_its_own_message(qapp: QApplication) -> None:
    with pytest.raises(ValidationError) as caught:
        check_phone("12345")
    assert user_message(caught.value) == caught.value.message


def _refusals(relative: str) -> Iterator[tuple[int, str, set[str]]]:
    """(line, code, facts given) of each refusal built in a module: a domain error (its
    ``code=``, else its class's code), ``require(cond, message, code, **facts)`` or a field
    reader's ``._fail(name, problem, code, **facts)`` (which always gives ``field``).

    ``field`` counts as given when passed and not None; the location facts (``row``, ...)
    are left out, as no English text names them."""
    for node in ast.walk(ast.parse((ROOT / relative).read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        given = {k.arg: k.value for k in node.keywords if k.arg}
        if name in ("require", "_fail"):
            code_node = node.args[2] if len(node.args) > 2 else given.get("code")
        elif name in ERRORS:
            code_node = given.get("code")
        else:
            continue
        if name == "_fail":
            given["field"] = node.args[0]
        if isinstance(code_node, ast.Constant):
            code = str(code_node.value)
        elif code_node is None:
            code = getattr(errors, name).code
        elif name == "_fail":  # each field's problem has its code written at the call
            code = f"<a code that is not a literal: {ast.unparse(code_node)}>"
        else:  # passed on (``require`` itself) or chosen from literals the scan misses
            continue
        if isinstance(given.get("field"), ast.Constant) and given["field"].value is None:
            del given["field"]
        why = given.get("why")  # a refusal that says why has a text of its own, if any
        if isinstance(why, ast.Constant) and f"{code}.{why.value}" in _EN:
            code = f"{code}.{why.value}"
        yield node.lineno, code, set(given) - {"code", "why"} - LOCATION


def test_every_refusal_of_the_queue_engine_has_english() -> None:
    found = [(f"{f}:{line}", code) for f in CLERK_PATH for line, code, _ in _refusals(f)]
    assert {code for _, code in found} >= {"recall_limit", "not_your_window", "queue_empty",
                                           "window_paused", "reason_required"}  # scan works
    # A refusal without a code of its own ("invalid", "wrong_state") would stay Chinese.
    assert [(where, code) for where, code in found if code not in _EN] == []


def test_every_refusal_of_case_handling_at_the_counter_has_english() -> None:
    found = [(f"{f}:{line}", code) for f in CASE_PATH for line, code, _ in _refusals(f)]
    assert {code for _, code in found} >= {"no_serving_ticket", "pickup_mismatch",
                                           "case_transition", "material_twice"}  # scan works
    assert [(where, code) for where, code in found if code not in _EN] == []


def test_every_refusal_of_administration_has_english() -> None:
    """Settings, terminals, accounts, the blacklist and the calendar (the file imports behind
    them are scanned by the next test)."""
    found = [(f"{f}:{line}", code) for f in ADMIN_PATH for line, code, _ in _refusals(f)]
    assert {code for _, code in found} >= {"setting_range", "password_short",
                                           "unknown_blacklist_entry"}  # the scan works
    assert [(where, code) for where, code in found if code not in _EN] == []


def test_every_refusal_of_a_file_import_has_english() -> None:
    """The catalogue (its field reader's checks included), the calendar file, the hall set-up:
    a refusal with a generic code ("invalid", "duplicate") would stay Chinese."""
    found = [(f"{f}:{line}", code) for f in IMPORT_PATH for line, code, _ in _refusals(f)]
    assert {code for _, code in found} >= {
        "field_required", "field_range", "field_choice", "limit_zero",  # FieldReader._fail
        "duplicate_row", "promised_over_statutory", "xlsx_sheet_missing",
        "calendar_day_conflict", "invalid_json", "unknown_queue_code"}  # the scan works
    assert [(where, code) for where, code in found if code not in _EN] == []


def test_no_english_text_names_where_in_the_file() -> None:
    """The location comes first, from the facts, for every refusal alike (``_location``)."""
    named = {code: field for code, text in _EN.items()
             for _, field, _, _ in string.Formatter().parse(text) if field in LOCATION}
    assert named == {}


@pytest.mark.parametrize(("password", "text"), [
    ("abc12", "A password has at least 8 characters."),
    ("abcdefgh", "A password has both letters and digits."),
])
def test_an_administrators_refusal_reads_in_english(english: None, password: str,
                                                    text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        staff.check_password_rules(password)
    assert user_message(caught.value) == text


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize(("periods", "text"), [
    ([], "The opening hours need at least one period."),
    ([("09:00", "12:00"), ("11:30", "13:00")],
     "Opening period 11:30–13:00 is not valid: periods must be in order and must not overlap."),
])
def test_an_opening_hours_refusal_reads_in_english(
        english: None, ctx_for: Callable[[str], Ctx], periods: list[tuple[str, str]],
        text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        admin.set_opening_hours(ctx_for("admin1"), periods)
    assert user_message(caught.value) == text


def test_every_reason_that_closes_an_intake_decision_has_english() -> None:
    """``check_decision`` refuses with the code of the first reason a decision is closed."""
    source = (ROOT / "core/intake.py").read_text(encoding="utf-8")
    reasons = {*re.findall(r'\.append\(\("(\w+)",', source),
               *re.findall(r'Availability\(False, .*\("(\w+)",\)\)', source), "forbidden"}
    assert {"missing_core", "nothing_missing", "blacklisted"} <= reasons  # the scan works
    assert sorted(reasons - set(_EN)) == []


def test_every_fact_an_english_text_names_is_given_where_it_is_raised() -> None:
    missing = []
    for f in sorted({*KIOSK_PATH, *CLERK_PATH, *CASE_PATH, *ADMIN_PATH, *IMPORT_PATH}):
        for line, code, facts in _refusals(f):
            names = {field for _, field, _, _ in string.Formatter().parse(_EN.get(code, ""))
                     if field}
            if names - facts:
                missing.append((f"{f}:{line}", code, sorted(names - facts)))
    assert missing == []


def _clerk_refusal(ctx_for: Callable[[str], Ctx], act: str) -> DomainError:
    clerk11 = ctx_for("clerk11")
    windows.open_window(clerk11, 11)  # serves queue A only
    tickets.take_ticket(ctx_for("kiosk1"), "A")
    windows.call_next(clerk11, 11)
    for _ in range(3 if act == "recall" else 0):  # the demo hall allows 3 recalls
        windows.recall(clerk11, 11)
    refused: dict[str, Callable[[], object]] = {
        "recall": lambda: windows.recall(clerk11, 11),
        "transfer": lambda: windows.transfer(clerk11, 11, to_window=10),  # 10 serves B only
        "pause": lambda: windows.pause(clerk11, 11, "  "),
        "not_yours": lambda: windows.finish(ctx_for("clerk10"), 11),
        "move": lambda: supervisor.move_tickets(ctx_for("supervisor1"), "A", "B", ["A007"],
                                                reason="均衡"),
    }
    with pytest.raises(DomainError) as caught:
        refused[act]()
    return caught.value


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize(("act", "code", "text"), [
    ("recall", "recall_limit",
     "Ticket A001 has been recalled 3 times, the limit; pass it as absent."),
    ("transfer", "window_not_serving",
     "Window 10 does not serve queue A; the ticket cannot be transferred there."),
    ("pause", "reason_required", "Please give a reason."),
    ("not_yours", "not_your_window",
     "Window 11 is in use by 郑爽; you cannot act for them. If they have left it, you may take "
     "the window over."),
    ("move", "not_waiting_in_queue", "Ticket(s) A007 are not waiting in queue A."),
])
def test_window_and_supervisor_refusals_read_in_english(
        english: None, ctx_for: Callable[[str], Ctx], engine_name: str, act: str, code: str,
        text: str) -> None:
    refusal = _clerk_refusal(ctx_for, act)
    assert refusal.code == code
    assert user_message(refusal) == text


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_case_handling_refusals_read_in_english(
        english: None, ctx_for: Callable[[str], Ctx], engine_name: str) -> None:
    clerk = ctx_for("clerk1")
    windows.open_window(clerk, 1)
    applicant = cases.ApplicantInput("person", "张三", "440304199001011233")
    with pytest.raises(DomainError) as caught:
        cases.open_case(clerk, 1, "ANY", applicant)  # nobody is being served
    assert user_message(caught.value) == ("Window 1 is not serving a ticket: call one and "
                                          "start serving first.")
    with pytest.raises(DomainError) as caught:
        next_state("received", "deliver", "clerk")
    set_language(QApplication.instance(), "en")  # the state and action by the screens' labels
    text = user_message(caught.value)
    set_language(QApplication.instance(), "zh")
    assert text == 'A case that is "Received" cannot take the action "Hand-out".'
    with pytest.raises(DomainError) as caught:
        next_state("in_review", "approve", "clerk")  # the role and the action, named
    set_language(QApplication.instance(), "en")
    text = user_message(caught.value)
    set_language(QApplication.instance(), "zh")
    assert text == 'Window clerk may not take the action "Approve" on a case.'
    with pytest.raises(DomainError) as caught:
        cases.list_cases(ctx_for("kiosk1"))
    set_language(QApplication.instance(), "en")
    text = user_message(caught.value)
    set_language(QApplication.instance(), "zh")
    assert text == "Kiosk (kiosk1) is not allowed to receive cases."


def test_why_a_decision_is_closed_reads_in_english(english: None) -> None:
    assert closed_reason("主审要件缺失：营业执照；材料不符合要求：申请表",
                         ("missing_core", "faulty")) == (
        "Core materials are missing. Some materials do not meet the requirements.")
    assert closed_reason("某个新原因", ("a_reason_with_no_english",)) == "某个新原因"


def test_in_chinese_why_a_decision_is_closed_keeps_its_text(qapp: QApplication) -> None:
    assert closed_reason("主审要件缺失：营业执照", ("missing_core",)) == "主审要件缺失：营业执照"


def test_english_with_a_fact_missing_falls_back_to_chinese(english: None) -> None:
    refusal = StateError("号码 A001 已重呼 3 次，达到上限，请按过号处理", code="recall_limit")
    assert user_message(refusal) == refusal.message
