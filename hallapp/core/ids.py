"""Row ids typed or scanned by people: what may be looked up as one."""

from __future__ import annotations

MAX_ROW_ID = 2**31 - 1  # PostgreSQL INTEGER; no row has a larger id


def row_id(text: str) -> int | None:
    """``text`` as a row id: ASCII digits within the database's integer range; else None (a
    number like "²" or one past the range is not an id, and is then looked up by name)."""
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= MAX_ROW_ID else None
