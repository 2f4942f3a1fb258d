"""The command line as the log keeps it: personal data masked, a ``--db`` password hidden.

Every command is logged (``command … (db …)``) so that an error's reference finds what was
run. The log is sent along with a support request, so it must not keep an applicant's ID
number, phone, name or address in full: they are masked as on the hall's public surfaces
(hallapp.core.masking). Options are matched by name (``--phone X`` and ``--phone=X``), and by
any abbreviation argparse accepts for them (``--ph X``, ``--addr=X``); any other word that is
an ID number or a mobile number is masked too, and so is a blacklist entry's subject in any
form (a permit or passport number, an old 15-digit ID), given by its value as parsed. Names
are an applicant's only in the commands that take one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from hallapp.core.masking import mask_id_number, mask_name, mask_phone
from hallapp.store.engine import hide_password


def _mask_proof(value: str) -> str:
    """``case deliver --proof``: the receipt's QR code kept (no personal data), else the
    collector's ID number masked."""
    return value if value.upper().startswith("HALLAPP:") else mask_id_number(value)


_ALWAYS: dict[str, Callable[[str], str]] = {
    "--id-number": mask_id_number, "--agent-id": mask_id_number, "--phone": mask_phone,
    "--agent-phone": mask_phone, "--address": mask_name, "--applicant": mask_id_number,
    "--proof": _mask_proof,
}
# An applicant's (or a listed person's) name: in these command groups only. Elsewhere
# ``--name`` is a hall's, a window's or a staff member's.
_APPLICANT_NAMES: dict[str, Callable[[str], str]] = {
    "--name": mask_name, "--agent-name": mask_name,
}
_APPLICANT_COMMANDS = frozenset({"case", "appointment", "blacklist", "ticket"})
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
# A mobile number, also with the country code written before it (+8613812345678).
_MOBILE = re.compile(r"(?<!\d)(?:0{0,2}86)?(1[3-9]\d{9})(?!\d)")


def _sweep(word: str) -> str:
    word = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), word)
    return _MOBILE.sub(lambda m: m.group()[:m.start(1) - m.start()] + mask_phone(m[1]), word)


def _masker(option: str,
            maskers: dict[str, Callable[[str], str]]) -> Callable[[str], str] | None:
    """How to mask the value of ``option``, also when abbreviated as argparse allows.

    A prefix of several masked options (argparse refuses it as ambiguous) masks as a name does,
    which hides all but the value's first and last character.
    """
    if option in maskers:
        return maskers[option]
    if len(option) < 3 or not option.startswith("--"):
        return None
    found = {masker for name, masker in maskers.items() if name.startswith(option)}
    if len(found) > 1:
        return mask_name
    return found.pop() if found else None


def loggable(argv: Sequence[str], command: str | None, db_url: str | None,
             id_numbers: Collection[str] = ()) -> str:
    """``argv`` as one line for the log, personal data masked; ``id_numbers``: positional
    values (as parsed) masked as ID numbers wherever they stand."""
    maskers = {**_ALWAYS, **(_APPLICANT_NAMES if command in _APPLICANT_COMMANDS else {})}
    out: list[str] = []
    pending: Callable[[str], str] | None = None
    hidden = hide_password(db_url) if db_url else None
    for word in argv:
        if db_url and hidden and db_url in word:  # the URL as given, its password hidden
            out.append(word.replace(db_url, hidden))
            continue
        option, eq, value = word.partition("=")
        masker = _masker(option, maskers)
        if pending is not None:
            out.append(pending(word))
            pending = None
        elif masker is not None and eq:
            out.append(f"{option}={masker(value)}")
        elif masker is not None:
            out.append(word)
            pending = masker
        elif word in id_numbers:
            out.append(mask_id_number(word))
        else:
            out.append(_sweep(word))
    return " ".join(out)
