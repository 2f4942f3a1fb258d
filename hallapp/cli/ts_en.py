"""The screens' English for the labels core hands out in Chinese (case states, ticket states,
roles …), read from the Qt translation source ``ui/translations/hallapp_en.ts`` without Qt, so
that the command line and the screens say the same words."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

from hallapp.core.audit_labels import ACTION_LABELS, CASE_PREFIX, action_label, entity_label

TS = Path(__file__).resolve().parents[2] / "ui" / "translations" / "hallapp_en.ts"


@functools.cache
def _context(name: str) -> dict[str, str]:
    try:
        root = ET.parse(TS).getroot()
    except (OSError, ET.ParseError):
        return {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") == name:
            return {m.findtext("source") or "": m.findtext("translation") or ""
                    for m in ctx.iter("message") if m.find("translation") is not None}
    return {}


def translate(context: str, chinese: str) -> str:
    """``chinese`` in the .ts's English under ``context``; ``chinese`` when it has none."""
    return _context(context).get(chinese) or chinese


def case_label(chinese: str) -> str:
    """A case state's or action's label in English, as the screens show it."""
    return translate("CaseLabels", chinese)


def level_label(chinese: str) -> str:
    """A rating level's label (非常满意 …) in English, as the rating pad shows it."""
    return translate("RatingLevels", chinese)


def drill_label(chinese: str) -> str:
    """A label in a drill-down's cell (a state, an outcome, 是, 合计) in English, as the
    supervisor's board shows it; any other text (names, numbers, times) as it is."""
    found = _context("DrillLabels").get(chinese)
    return found or case_label(chinese)


def board_column(chinese: str) -> str:
    """A drill-down's or report table's column name in English, as the board heads it."""
    return translate("SupervisorBoard", chinese)


def audit_action(action: str) -> str:
    """A logged action's name in English, as the admin screen's audit tab shows it."""
    text = action_label(action)
    if action.startswith(CASE_PREFIX) and action not in ACTION_LABELS:
        return case_label(text)
    return translate("AuditActions", text)


def audit_entity(entity: str) -> str:
    return translate("AuditObjects", entity_label(entity))


def item_type(chinese: str) -> str:
    return translate("ItemTypes", chinese)
