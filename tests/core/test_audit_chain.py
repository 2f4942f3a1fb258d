"""The audit chain's hash of values given as text equals the hash of the values."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from hallapp.core.audit_chain import canonical, entry_hash, entry_hash_of_texts, normal_json

VALUES: list[Any] = [
    None,
    {"number": "A001", "queue": "A", "window": 3},
    {"reason": "材料不全，请补正", "items": ["身份证", "户口簿"], "nested": {"b": 1, "a": None}},
    {10: "ten", 2: "two"},  # integer keys: stored as text, they sort differently
    {"at": datetime(2026, 6, 2, 1, 2, 3, tzinfo=UTC), "pair": (1, 2.5)},
    [],
]


@pytest.mark.parametrize("before", VALUES)
@pytest.mark.parametrize("after", VALUES)
def test_hash_of_texts_is_the_hash_of_what_reads_back(before: Any, after: Any) -> None:
    """What verification computes from the stored (read back) values is what was written."""
    args = ("0" * 64, 7, "2026-06-02T01:02:03+00:00", "clerk1", "ticket_call", "ticket", "42")
    before_text, after_text = normal_json(before), normal_json(after)
    read_back = [None if t is None else json.loads(t) for t in (before_text, after_text)]
    assert entry_hash_of_texts(*args, before_text, after_text) == entry_hash(*args, *read_back)


def test_normal_json_reads_back_as_itself() -> None:
    text = normal_json({10: "ten", 2: ("two", None)})
    assert text is not None
    assert normal_json(json.loads(text)) == text
    assert normal_json(None) is None


TEXT_VALUES: list[Any] = [*VALUES, "文本", 3, 2.5, 1e16, -0.0, float("nan"), True,
                          {"z": [1, {"y": "é", "x": [None]}], "a": "\"quoted\"\n"}]


@pytest.mark.parametrize("value", TEXT_VALUES)
def test_canonical_is_the_text_the_chain_was_always_hashed_with(value: Any) -> None:
    """``canonical`` reuses one C encoder: its text must stay ``json.dumps``'s with the chain's
    options, or every stored hash would stop verifying."""
    expected = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          default=str)
    assert canonical(value) == expected


def test_entry_hash_is_pinned() -> None:
    """A hash computed before ``canonical`` changed its encoder (a chain written by an older
    hallapp must still verify)."""
    after = {"state": "called", "window": 3, "rule": "绿色通道",
             "at": datetime(2026, 6, 2, 1, 2, 3, tzinfo=UTC), "x": 2.5, "ids": [1, None, True]}
    digest = entry_hash("0" * 64, 7, "2026-06-02T01:02:03+00:00", "clerk1", "ticket_call",
                        "ticket", "42", {"state": "waiting"}, after)
    assert digest == "c6c5f103273ce9905c9a899ddae8dbc838e3cd8b4e6bb7f01e717227a638b739"
