"""Masking personal data for public surfaces: call displays, tickets, public look-ups.

Screens and tickets show 张*三, 4403**********1234, 138****5678 — never a full name or number
(DOMAIN.md "Privacy on public surfaces"). Every function accepts None or "" (returns ""), and
for any value of two or more characters at least one character is hidden, whatever its length
or shape, so a malformed value typed at the window cannot leak in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MaskKind = Literal["name", "id_number", "uscc", "phone"]
STAR = "*"
# Separators kept visible inside names: spaces and the middle dots of transliterated names.
_NAME_SEPARATORS = frozenset(" ·•・.-")
_AREA_CODE = re.compile(r"0\d{2,3}")


def _clean(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _keep_ends(value: str, head: int, tail: int) -> str:
    """Show ``head`` and ``tail`` characters and star the rest.

    If the value is too short for that, show at most a third of it at each end, so at least a
    third is hidden (two characters → both hidden).
    """
    n = len(value)
    if n == 0:
        return ""
    if n <= head + tail:
        head = tail = (n - 1) // 3
    return value[:head] + STAR * (n - head - tail) + value[n - tail:]


MAX_MASKED_MIDDLE = 10


def mask_name(value: str | None) -> str:
    """张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明, John Smith → J*** ****h."""
    name = _clean(value)
    if len(name) <= 1:
        return STAR * len(name)
    if len(name) == 2:
        return name[0] + STAR
    middle = "".join(ch if ch in _NAME_SEPARATORS else STAR for ch in name[1:-1])
    if STAR not in middle:  # "A B", "A.B": nothing would be hidden
        return name[0] + STAR * (len(name) - 1)
    if len(middle) > MAX_MASKED_MIDDLE:  # a long name: a row of stars fills a slip's line
        middle = STAR * 4
    return name[0] + middle + name[-1]


def mask_id_number(value: str | None) -> str:
    """440301199001011234 → 4403**********1234 (region prefix and last four stay)."""
    return _keep_ends(_clean(value).replace(" ", ""), 4, 4)


def mask_uscc(value: str | None) -> str:
    """91440300MA5XXXXXXX → 9144**********XXXX, like an ID number."""
    return _keep_ends(_clean(value).replace(" ", ""), 4, 4)


def mask_phone(value: str | None) -> str:
    """13812345678 → 138****5678; 0755-12345678 → 0755-****5678 (area code stays).

    Any other shape ("+86-138-1234-5678") has its hyphens dropped first, so the split cannot
    leave most of the number in a visible "area code".
    """
    phone = _clean(value).replace(" ", "")
    area, hyphen, local = phone.partition("-")
    if hyphen and _AREA_CODE.fullmatch(area) and local.isdigit():
        return f"{area}-{_keep_ends(local, 0, 4)}"
    return _keep_ends(phone.replace("-", "") or phone, 3, 4)  # "-" alone: still a star


@dataclass(frozen=True)
class MaskingPolicy:
    """Which kinds of personal data a surface masks (all, by default)."""

    mask_names: bool = True
    mask_ids: bool = True  # resident ID numbers and credit codes
    mask_phones: bool = True

    def apply(self, kind: MaskKind, value: str | None) -> str:
        """Mask ``value`` of ``kind`` if this policy says so, else return it ("" for None)."""
        if kind == "name":
            return mask_name(value) if self.mask_names else value or ""
        if kind == "id_number":
            return mask_id_number(value) if self.mask_ids else value or ""
        if kind == "uscc":
            return mask_uscc(value) if self.mask_ids else value or ""
        if kind == "phone":
            return mask_phone(value) if self.mask_phones else value or ""
        raise ValueError(f"unknown masking kind: {kind!r}")
