"""Reading a simulation profile file: every wrong value is refused by its place in the file.

A malformed profile ended in "内部错误" (a word for an hourly rate, an hour key "x9", queues
given as a list or a number) or, worse, was simulated as if it meant something (a negative
patience or target, reversed, empty or overlapping periods, an intake of 2, negative decision
shares); the README promises exit 11 for invalid input.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from hallapp.cli.main import main
from hallapp.core.errors import ValidationError
from hallapp.core.sim.profile import load_profile, profile_from_dict, profile_to_dict
from hallapp.ui.common.errors import user_message

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "sim_profile.json"
ITEM = "440300000000069391780001"
Change = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Change:
    """Put ``value`` at ``path`` ("queues.A.hourly.09") in the profile's JSON form."""
    *parents, last = path.split(".")

    def change(raw: dict[str, Any]) -> None:
        node = raw
        for key in parents:
            node = node[key]
        node[last] = value
    return change


@pytest.fixture(scope="module")
def demo_raw() -> dict[str, Any]:
    return profile_to_dict(load_profile(DEMO))


@pytest.mark.parametrize(("change", "field", "code"), [
    (_set("queues.A.hourly.09", "many"), "queues.A.hourly.09", "sim_profile_range"),
    (_set("queues.A.hourly.x9", 3), "queues.A.hourly", "sim_profile_hour"),
    (_set("queues.A.hourly.25", 3), "queues.A.hourly", "sim_profile_hour"),
    (_set("queues.A.hourly.09", -3), "queues.A.hourly.09", "sim_profile_range"),
    (_set("queues.A.hourly.09", 1e7), "queues.A.hourly.09", "sim_profile_range"),
    (_set("queues", [1, 2]), "queues", "sim_profile_object"),
    (_set("queues.A", 5), "queues.A", "sim_profile_object"),
    (_set("noshow_seconds", -100), "noshow_seconds", "sim_profile_range"),
    (_set("queues.A.patience_minutes", -5), "queues.A.patience_minutes", "sim_profile_above"),
    (_set("queues.A.patience_minutes", 0), "queues.A.patience_minutes", "sim_profile_above"),
    (_set("periods", [["12:00", "09:00"]]), "periods", "opening_period_order"),
    (_set("periods", []), "periods", "opening_hours_empty"),
    (_set("periods", [["09:00", "12:00"], ["10:00", "11:00"]]), "periods",
     "opening_period_order"),
    (_set("periods", "09:00-12:00"), "periods", "sim_profile_periods"),
    (_set(f"items.{ITEM}.intake", 2), f"items.{ITEM}.intake", "sim_profile_range"),
    (_set(f"items.{ITEM}.decisions.on_spot", -1), f"items.{ITEM}.decisions.on_spot",
     "sim_profile_range"),
    (_set(f"items.{ITEM}.decisions", {"on_spot": 0, "accepted": 0}), f"items.{ITEM}.decisions",
     "sim_profile_decisions"),
    (_set("queues.A.target_wait_minutes", -1), "queues.A.target_wait_minutes",
     "sim_profile_above"),
    (_set("queues.A.service.minutes", math.nan), "queues.A.service.minutes",
     "sim_profile_above"),
    (_set("queues.A.service.sigma", 50), "queues.A.service.sigma", "sim_profile_range"),
    (_set("queues.A.service.dist", "normal"), "queues.A.service.dist", "sim_profile_dist"),
    (_set("queues.A.green_share", 1.5), "queues.A.green_share", "sim_profile_range"),
    (_set("queues.A.items", {ITEM: "most"}), f"queues.A.items.{ITEM}", "sim_profile_range"),
    (_set("call_settings.aging_minutes", 2.5), "call_settings.aging_minutes",
     "sim_profile_integer"),
    (_set("call_settings", "strict"), "call_settings", "sim_profile_object"),
])
def test_a_wrong_value_is_refused_by_its_place_in_the_file(
        demo_raw: dict[str, Any], change: Change, field: str, code: str) -> None:
    raw = copy.deepcopy(demo_raw)
    change(raw)
    with pytest.raises(ValidationError) as refused:
        profile_from_dict(raw)
    assert (refused.value.field, refused.value.code) == (field, code)


def test_a_profile_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        profile_from_dict([1, 2])
    assert refused.value.code == "sim_profile_object"


def test_items_without_decisions_get_the_default_shares(demo_raw: dict[str, Any]) -> None:
    """An item's missing decisions read as (0, 0, 0): every applicant was told 一次性告知."""
    raw = copy.deepcopy(demo_raw)
    del raw["items"][ITEM]["decisions"]
    assert profile_from_dict(raw).items[ITEM].decisions == (0.0, 0.85, 0.15)


def test_the_refusal_reads_in_english(qapp: QApplication, demo_raw: dict[str, Any]) -> None:
    raw = copy.deepcopy(demo_raw)
    raw["queues"]["A"]["patience_minutes"] = -5
    with pytest.raises(ValidationError) as refused:
        profile_from_dict(raw)
    qapp.setProperty("hallapp_lang", "en")
    try:
        assert user_message(refused.value) == (
            "Simulation profile: queues.A.patience_minutes must be a number above 0 and at "
            "most 1000000, not -5.")
    finally:
        qapp.setProperty("hallapp_lang", "zh")


def test_cli_refuses_a_malformed_profile_as_input(
        tmp_path: Path, demo_raw: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 11 with the field, not "内部错误" (exit 1)."""
    raw = copy.deepcopy(demo_raw)
    raw["queues"]["A"]["hourly"]["09"] = "many"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert main(["simulate", "run", "--profile", str(path), "--runs", "1"]) == 11
    assert "queues.A.hourly.09" in capsys.readouterr().err
