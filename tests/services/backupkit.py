"""Shared by the backup and restore tests (services and CLI): the old backups written by the
old programs themselves (tests/data/backups/README.md), and a backup file rewritten line by
line to tamper with it."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

OLD = Path(__file__).resolve().parents[1] / "data" / "backups"


def rewrite(source: Path, target: Path, change: Callable[[list[str]], list[str]]) -> Path:
    """``source`` (a gzipped backup) written to ``target`` with its lines passed through
    ``change``; returns ``target``."""
    with gzip.open(source, "rt", encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    with gzip.open(target, "wt", encoding="utf-8") as f:
        f.writelines(change(lines))
    return target


def header(change: Callable[[dict[str, Any]], None]) -> Callable[[list[str]], list[str]]:
    """A ``change`` for :func:`rewrite` that edits only the backup's header (its first line)."""
    def rewrite_header(lines: list[str]) -> list[str]:
        head = json.loads(lines[0])
        change(head)
        return [json.dumps(head) + "\n", *lines[1:]]

    return rewrite_header
