"""The screens' English for the labels core hands out in Chinese (case states, ticket states,
roles …), read from the Qt translation source ``ui/translations/hallapp_en.ts`` without Qt, so
that the command line and the screens say the same words."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

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
