"""A refusal in English, by its code: the text of ``errors_en`` with the error's facts filled
in, led by where in a file it is. Pure text, so the screens (``hallapp.ui.common.errors``) and
the command line (``hallapp --lang en``) word a refusal alike."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from hallapp.core.errors import DomainError
from hallapp.core.errors_en import EN
from hallapp.core.roles import PERM_LABELS_EN, ROLE_NAMES_EN, Perm, Role

# Facts holding a case's state or action label (core's Chinese), put in English by ``label``.
CASE_LABEL_FACTS = ("state_label", "action_label")

# A plain capitalised first word ("Field", "The", "A"), not a code or number ("ID", "A001").
CAPITALISED = re.compile(r"[A-Z][a-z]*\b")


def english_text(exc: DomainError, label: Callable[[str], str] = str) -> str | None:
    """The English text of a refusal, its facts filled in and led by where it is; None when
    there is none (or a fact it names is missing), and the Chinese message is shown instead.
    A refusal that says why (the fact ``why``: a failed print) has a text of its own,
    ``<code>.<why>``; the code's text serves the others. ``label`` gives a case state's or
    action's English for its Chinese label."""
    text = EN.get(f"{exc.code}.{exc.facts['why']}") if exc.facts.get("why") else None
    text = text or EN.get(exc.code)
    if text is None:
        return None
    try:
        body = text.format_map(_english_facts(exc.facts, label))
    except (KeyError, IndexError, ValueError):
        return None
    where = location(exc.facts)
    if not where:
        return body
    if CAPITALISED.match(body):  # the sentence goes on after the location
        body = body[0].lower() + body[1:]
    return f"{where}: {body}"


def reason_english(code: str | None, facts: Mapping[str, object]) -> str | None:
    """The English text of a reason that is not a refusal (why auto-approval does not apply)
    by its code, its facts filled in; None when there is none."""
    text = EN.get(code or "")
    if text is None:
        return None
    try:
        return text.format_map(facts)
    except (KeyError, IndexError, ValueError):
        return None


def _english_facts(facts: Mapping[str, object],
                   label: Callable[[str], str]) -> Mapping[str, object]:
    """The facts an English text names, in English: case labels through ``label``, a role
    (``role``) and a permission (``perm``) by their English names."""
    out = {name: label(str(value)) if name in CASE_LABEL_FACTS else value
           for name, value in facts.items()}
    if facts.get("role") in Role._value2member_map_:
        out["role"] = ROLE_NAMES_EN[Role(str(facts["role"]))]
    if facts.get("perm") in Perm._value2member_map_:
        out["perm"] = PERM_LABELS_EN[Perm(str(facts["perm"]))]
    return out


def location(facts: Mapping[str, object]) -> str:
    """Where in an imported file a refusal is, from its facts, as the Chinese message starts
    with it: the sheet (``sheet``, as named in the file), then ``entry`` N for an item of a
    JSON list (the calendar file's 条) or else ``row`` N ("materials, row 3", "Entry 2").

    The English texts never name these facts, so one text serves a file and a form; a text
    about one field names it as its subject ('Field "{field}" must not be empty.'). After
    the location the sentence goes on in lower case ('items, row 3: field "name" must …').
    """
    parts = [str(facts["sheet"])] if facts.get("sheet") else []
    if facts.get("entry") is not None:
        parts.append(f"entry {facts['entry']}")
    elif facts.get("row") is not None:
        parts.append(f"row {facts['row']}")
    where = ", ".join(parts)
    return where if facts.get("sheet") else where[:1].upper() + where[1:]
