"""Shared CLI plumbing: database and login from the arguments, output as text or JSON."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hallapp.cli.lang import _
from hallapp.config import resolve_db_url, terminal_name
from hallapp.core.errors import AuthError, DomainError, ValidationError
from hallapp.core.hallday import hall_zone
from hallapp.services.context import Ctx, as_dict
from hallapp.services.hall import get_hall
from hallapp.services.staff import login
from hallapp.store.schema import ready_for_login
from hallapp.store.uow import Database

Handler = Callable[[argparse.Namespace], Any]


class CliEnv:
    """Opens the database once per command and logs in lazily (only commands that act)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Database | None = None
        self.password: str | None = None  # the one ``ctx`` logged in with
        self._ctx: Ctx | None = None  # logged in once per command, however often asked

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(resolve_db_url(self.args.db))
        return self._db

    def ctx(self, *, reads_only: bool = False) -> Ctx:
        """Logged in as ``--user``. ``reads_only``: the command only reads (backup, status,
        lists, audit verify), so a database that takes no writes (full disk, read-only file)
        does not stop it at the login's audit entry (``staff.login``)."""
        if self._ctx is not None:  # `kpi show` asked twice, and logged in (and audited) twice
            return self._ctx
        user = self.args.user or os.environ.get("HALLAPP_USER")
        if not user:
            raise AuthError("此命令需要以工作人员身份执行："
                            "请加 --user 用户名（或设置 HALLAPP_USER）",
                            code="login_required", why="no_user")
        # No password asked for a database that is not there or has no hall; brought to head,
        # as every client does at start.
        ready_for_login(self.db)
        password = os.environ.get("HALLAPP_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise AuthError("请设置 HALLAPP_PASSWORD 或在终端中输入密码", code="login_required",
                                why="no_password")
            password = getpass.getpass(_(f"{user} 的密码: ", f"Password for {user}: "))
        base = Ctx(self.db, _anonymous(), terminal=terminal_name())
        ctx = base.acting_as(login(base, user, password, reads_only=reads_only))
        self.password = password
        _use_hall_zone(hall_zone(get_hall(base).timezone))
        self._ctx = ctx
        return ctx

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


# The zone times are printed in: the hall's own, read when a command logs in. One command
# runs per process, for one hall, so the text formatters read it from here rather than each
# being handed it.
_zone: list[ZoneInfo] = [hall_zone()]


def _use_hall_zone(zone: ZoneInfo) -> None:
    _zone[0] = zone


def plain(value: Any) -> Any:
    """``value`` as JSON-able data, every instant with the hall's offset (as reports give it)."""
    return as_dict(value, _zone[0])


def local_time(at: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An instant as the hall's wall clock shows it."""
    return at.astimezone(_zone[0]).strftime(fmt)


# Argument types. A value the database cannot hold (an id past its integer range, a day its
# date arithmetic overflows on) is refused here by name, not by an internal error later.
MAX_INT = 2**31 - 1  # PostgreSQL INTEGER
FIRST_YEAR, LAST_YEAR = 1970, 2199


def int_arg(text: str) -> int:
    value = int(text)  # ValueError: argparse says the value must be an integer
    if not -MAX_INT <= value <= MAX_INT:
        raise argparse.ArgumentTypeError(_(f"{text} 超出范围（绝对值不超过 {MAX_INT}）",
                                           f"{text} is out of range (at most {MAX_INT} either "
                                           "way)"))
    return value


def date_arg(text: str) -> date:
    day = date.fromisoformat(text)  # ValueError: argparse says the value must be a date
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(_(f"日期 {text} 超出范围（{FIRST_YEAR}–{LAST_YEAR} 年）",
                                           f"the date {text} is out of range (years "
                                           f"{FIRST_YEAR}–{LAST_YEAR})"))
    return day


def ask_new_password(prompt: str) -> str:
    """A new password typed twice at the terminal: a typo in the only administrator's
    password, asked once, locked the hall out."""
    first = getpass.getpass(prompt)
    if getpass.getpass(_("再输入一次: ", "Type it again: ")) != first:
        raise ValidationError("两次输入的密码不一致", field="password", code="password_mismatch")
    return first


class UsageError(DomainError):
    """Options that do not go together, or one that means nothing without another: refused
    (exit 2, as argparse refuses a usage error) rather than silently ignored."""

    code = "cli_usage"
    exit_code = 2


def _anonymous() -> Any:
    from hallapp.core.roles import Actor, Role

    return Actor("anonymous", Role.DISPLAY)


def emit(args: argparse.Namespace, value: Any, text: Callable[[Any], str] | None = None) -> None:
    """Print ``value`` as JSON with --json, else with ``text`` (or a readable default)."""
    if getattr(args, "json", False):
        print(json.dumps(plain(value), ensure_ascii=False, indent=2))
        return
    print(text(value) if text else _default_text(value))


def _default_text(value: Any) -> str:
    data = plain(value)
    if isinstance(data, list):
        return "\n".join(_line(v) for v in data) or none_text()
    if isinstance(data, dict):
        return "\n".join(f"{k}: {_short(v)}" for k, v in data.items())
    return str(data)


def _line(v: Any) -> str:
    if isinstance(v, dict):
        return "  ".join(f"{_short(x)}" for x in v.values())
    return str(v)


def _short(v: Any) -> str:
    if isinstance(v, dict | list):
        text = json.dumps(v, ensure_ascii=False)
        return text if len(text) < 120 else text[:117] + "..."
    return "" if v is None else str(v)


def table(source: Iterable[Iterable[Any]]) -> str:
    """Aligned columns; the first row is the header. A header alone is followed by （无）."""
    rows = [[("" if c is None else str(c)) for c in r] for r in source]
    if len(rows) <= 1:
        return "  ".join(rows[0]) + "\n" + none_text() if rows else none_text()
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c + " " * (w - display_width(c))
                               for c, w in zip(r, widths, strict=True)) for r in rows)


def none_text() -> str:
    """What an empty list or table shows: （无）, "(none)" in English."""
    return _("（无）", "(none)")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a CJK character (or full-width sign) takes two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help=_("以 JSON 格式输出", "print as JSON"))


def action_parser(group_parsers: Any, name: str, help_text: str,
                  *positional: tuple[str, str]) -> Any:
    """The action ``name`` with its ``positional`` arguments, each (name, help), and --json."""
    p = group_parsers.add_parser(name, help=help_text)
    for arg, arg_help in positional:
        p.add_argument(arg, help=arg_help)
    add_json(p)
    return p


def group(sub: Any, name: str, help_text: str) -> Any:
    """The sub-command group ``name`` (``hallapp window …``), created on first use.

    Several modules add actions to one group (window list from admin, window call from the
    queue commands), so the group is looked up before it is created.
    """
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        parser.set_defaults(_group=parser.add_subparsers(dest=f"{name}_cmd", metavar="ACTION"))
    return parser.get_default("_group")
