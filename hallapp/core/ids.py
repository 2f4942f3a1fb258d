"""What people type or scan to name a row: ids, codes and numbers."""

from __future__ import annotations

import unicodedata

MAX_ROW_ID = 2**31 - 1  # PostgreSQL INTEGER; no row has a larger id


def row_id(text: str) -> int | None:
    """``text`` as a row id: ASCII digits within the database's integer range; else None (a
    number like "²" or one past the range is not an id, and is then looked up by name)."""
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= MAX_ROW_ID else None


def typed_code(text: str) -> str:
    """A code or number as typed: full-width forms from a Chinese input method folded to
    ASCII ("Ａ００１" is "A001"), spaces around dropped, upper case."""
    return unicodedata.normalize("NFKC", text).strip().upper()
