"""The demo hall data in resources/demo/ must load, resolve and cover every feature.

The demo is what a reviewer sees first and what the print-layout, queue and case tests lean
on, so each mix the brief asks for (即办件, 容缺, 告知承诺, 秒批, long names, many materials) is
checked here rather than trusted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hallapp.core.catalogue import LIMIT_UNITS, Item, parse_item

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
ROLES = ("clerk", "approver", "supervisor", "admin", "kiosk", "display")
WINDOW_KINDS = ("comprehensive", "specialised", "delivery")


def _load(name: str) -> dict[str, Any]:
    data = json.loads((DEMO / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    return _load("catalogue.json")


@pytest.fixture(scope="module")
def hall() -> dict[str, Any]:
    return _load("hall.json")


@pytest.fixture(scope="module")
def items(catalogue: dict[str, Any]) -> list[Item]:
    parsed = [parse_item(raw, row) for row, raw in enumerate(catalogue["items"], start=1)]
    assert len({(i.code, i.version) for i in parsed}) == len(parsed)  # as an import checks
    return parsed


def test_catalogue_header(catalogue: dict[str, Any]) -> None:
    assert catalogue["format"] == "hallapp-catalogue"
    assert catalogue["version"] == 1
    assert catalogue["demo"] is True


def test_items_round_trip_exactly(catalogue: dict[str, Any], items: list[Item]) -> None:
    # Every key of Item.as_dict() is present and nothing else: the file is the export format.
    for raw, item in zip(catalogue["items"], items, strict=True):
        assert item.as_dict() == raw, item.code


def test_codes_are_unique_and_look_like_implementation_codes(items: list[Item]) -> None:
    codes = [i.code for i in items]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == 24, code
        assert code.isdigit(), code


def test_departments_and_queues_resolve(catalogue: dict[str, Any], items: list[Item]) -> None:
    depts = [d["code"] for d in catalogue["departments"]]
    queues = [q["code"] for q in catalogue["queues"]]
    prefixes = [q["prefix"] for q in catalogue["queues"]]
    assert len(depts) == len(set(depts)) >= 6
    assert len(queues) == len(set(queues)) >= 5
    assert len(prefixes) == len(set(prefixes))
    for item in items:
        assert item.department in depts, item.code
        assert item.queue in queues, item.code
    assert {i.department for i in items} == set(depts), "every department has an item"


def test_queue_records(catalogue: dict[str, Any]) -> None:
    for q in catalogue["queues"]:
        assert set(q) == {"code", "name", "name_en", "prefix", "category", "daily_quota",
                          "time_quotas", "target_wait_minutes"}
        assert q["name_en"]  # the kiosk's English screen
        assert q["name_en"].isascii()
        assert 1 <= len(q["prefix"]) <= 4
        assert q["daily_quota"] is None or q["daily_quota"] > 0
        for span in q["time_quotas"]:
            assert span["start"] < span["end"]
            assert span["quota"] > 0
        if q["daily_quota"] is not None and q["time_quotas"]:
            assert sum(s["quota"] for s in q["time_quotas"]) <= q["daily_quota"]


def test_english_names_for_the_kiosk_and_checklist(catalogue: dict[str, Any],
                                                   items: list[Item]) -> None:
    """An applicant who reads English sees every name in English: items, their materials and
    what each requires (screen and printed checklist), conditions and departments; in plain
    ASCII (no 《》 or full-width signs, which the English font would show as Chinese
    punctuation)."""
    names = [d["name_en"] for d in catalogue["departments"]]
    names += [i.name_en for i in items] + [m.name_en for i in items for m in i.materials]
    names += [i.conditions_en for i in items if i.conditions]
    names += [m.requirement_en for i in items for m in i.materials if m.requirement]
    names += [word for i in items for word in i.keywords_en]
    assert all(i.keywords_en for i in items)  # English searches find every item
    assert all(name and name.isascii() and name == name.strip() for name in names), [
        n for n in names if not (n and n.isascii())]


def test_item_count_and_demo_flag(items: list[Item]) -> None:
    assert len(items) >= 36
    assert all(i.demo for i in items)


def test_immediate_items(items: list[Item]) -> None:
    immediate = [i for i in items if i.is_immediate]
    assert len(immediate) >= 8
    for item in immediate:
        assert item.flags.on_spot, item.code  # 即办件 are 马上办 by definition
        assert item.promised_limit.value == 0
        assert item.promised_limit.unit == "immediate"
    assert all(i.promised_limit.unit in LIMIT_UNITS for i in items)


def test_hour_limit_for_mortgage_release(items: list[Item]) -> None:
    hours = [i for i in items if i.promised_limit.unit == "hour"]
    assert any("抵押权注销" in i.name for i in hours)


def test_tolerant_items_have_a_required_secondary_material(items: list[Item]) -> None:
    tolerant = [i for i in items if i.tolerant_allowed]
    assert len(tolerant) >= 6
    for item in tolerant:
        assert any(m.required and not m.core for m in item.materials), item.code


def test_commitment_items(items: list[Item]) -> None:
    committed = [i for i in items if i.commitment_allowed]
    assert len(committed) >= 5
    for item in committed:
        assert any(m.commitment_replaceable for m in item.materials), item.code


def test_auto_approve_items_rest_on_online_materials(items: list[Item]) -> None:
    auto = [i for i in items if i.auto_approve is not None]
    assert len(auto) >= 4
    for item in auto:
        assert item.auto_approve is not None
        required = [m for m in item.materials if m.required]
        assert any(m.source == "online" for m in required), item.code
        if item.auto_approve.require_all_verified_online:
            assert all(m.source == "online" for m in required), item.code


def test_appointment_and_express(items: list[Item]) -> None:
    assert sum(i.appointment for i in items) >= 3
    assert sum(i.express_delivery for i in items) >= 3


def test_material_counts_and_texts(items: list[Item]) -> None:
    for item in items:
        assert 3 <= len(item.materials) <= 10, item.code
        for mat in item.materials:
            assert mat.requirement or mat.where_to_get, (item.code, mat.code)
    assert any(len(i.materials) >= 10 for i in items)
    forms = {m.form for i in items for m in i.materials}
    assert {"original", "copy", "original_and_copy", "electronic"} <= forms


def test_print_layout_cases(items: list[Item]) -> None:
    assert any(len(i.name) >= 40 for i in items)


def test_item_details(items: list[Item]) -> None:
    for item in items:
        assert 5 <= item.service_norm_minutes <= 40, item.code
        assert item.keywords, item.code
        assert item.legal_basis, item.code
        assert item.process, item.code
        if not item.is_immediate and item.statutory_limit.unit == item.promised_limit.unit:
            assert item.promised_limit.value <= item.statutory_limit.value, item.code
    assert any(i.flags.on_spot for i in items)
    assert any(i.flags.nearby for i in items)


def test_hall_header(hall: dict[str, Any]) -> None:
    h = hall["hall"]
    assert h["timezone"] == "Asia/Shanghai"
    assert "演示" in h["name"]
    classes = [c["code"] for c in h["priority_classes"]]
    assert {"elderly", "disabled", "military", "pregnant"} <= set(classes)
    assert "{number}" in h["settings"]["announce_template"]
    assert "{window}" in h["settings"]["announce_template"]
    for start, end in h["opening_hours"]["periods"]:
        assert start < end


def test_windows(hall: dict[str, Any], catalogue: dict[str, Any]) -> None:
    queues = {q["code"] for q in catalogue["queues"]}
    windows = hall["windows"]
    numbers = [w["number"] for w in windows]
    assert len(numbers) == len(set(numbers)) >= 10
    kinds = [w["kind"] for w in windows]
    assert set(kinds) <= set(WINDOW_KINDS)
    assert kinds.count("delivery") == 1
    assert kinds.count("comprehensive") > len(windows) / 2
    for w in windows:
        named = [p["queue"] for p in w["profile"]]
        assert named, w["number"]
        assert len(named) == len(set(named)), w["number"]
        assert set(named) <= queues, w["number"]
        assert all(p["precedence"] >= 1 and p["ratio"] >= 1 for p in w["profile"])
    served = {p["queue"] for w in windows for p in w["profile"]}
    assert served == queues, "every queue is served by some window"


def test_staff(hall: dict[str, Any], catalogue: dict[str, Any]) -> None:
    staff = hall["staff"]
    usernames = [s["username"] for s in staff]
    assert len(usernames) == len(set(usernames))
    roles = [s["role"] for s in staff]
    assert set(roles) == set(ROLES)
    assert roles.count("clerk") >= 6
    assert {"kiosk1", "kiosk2", "display1"} <= set(usernames)
    depts = {d["code"] for d in catalogue["departments"]}
    approver_depts = {s["department"] for s in staff if s["role"] == "approver"}
    assert approver_depts == depts
    numbers = {w["number"] for w in hall["windows"]}
    for s in staff:
        assert s["password"] == "demo1234"
        assert s["window"] is None or s["window"] in numbers
        if s["role"] != "approver":
            assert s["department"] is None
    clerk_windows = [s["window"] for s in staff if s["role"] == "clerk"]
    assert None not in clerk_windows
    assert len(clerk_windows) == len(set(clerk_windows))
