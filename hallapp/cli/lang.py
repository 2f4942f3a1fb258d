"""The command line's language: Chinese (the default) or English.

Chosen with the global ``--lang en`` (before or after the command, as ``--db``) or the
environment variable ``HALLAPP_LANG=en``; the option wins. One command runs per process, so
the choice is kept here for every message and formatter to read through ``_(zh, en)``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TypeVar

from hallapp.cli.ts_en import case_label
from hallapp.core.error_text import english_text
from hallapp.core.errors import DomainError

LANGS = ("zh", "en")
ENV = "HALLAPP_LANG"
_current = ["zh"]
T = TypeVar("T")


def use(lang: str) -> None:
    _current[0] = lang


def current() -> str:
    return _current[0]


def english() -> bool:
    return _current[0] == "en"


def _(zh: T, en: T) -> T:
    """The text (or texts) in the command line's language: ``zh`` by default, ``en`` with
    --lang en."""
    return en if _current[0] == "en" else zh


def count(n: int, noun: str) -> str:
    """An English count with its noun: "1 ticket", "0 tickets", "2 working days"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def from_env() -> str | None:
    """``HALLAPP_LANG`` (None when unset or empty); a value other than zh or en is returned
    as it is, for ``env_refusal`` to name."""
    value = os.environ.get(ENV, "").strip()
    return value or None


def env_refusal(value: str) -> str:
    """Why an ``HALLAPP_LANG`` value is refused, in the language it was meant to choose
    (both, as it is not one of them)."""
    return (f"环境变量 {ENV} 的值 {value!r} 无效，可选：zh、en / "
            f"the environment variable {ENV}={value!r} is not valid: use zh or en")


def from_argv(argv: Sequence[str]) -> str | None:
    """The last ``--lang zh|en`` on the command line, read before argparse parses it, so
    that argparse's own help and errors speak the chosen language (None when not given)."""
    found: str | None = None
    for i, arg in enumerate(argv):
        value = (arg.partition("=")[2] if arg.startswith("--lang=") else
                 argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGS:
            found = value
    return found


def refusal(exc: DomainError) -> str:
    """A refusal as the command line says it: its English text by its code with --lang en
    (its Chinese message when the table has none), else its Chinese message."""
    if english():
        return english_text(exc, case_label) or exc.message
    return exc.message
