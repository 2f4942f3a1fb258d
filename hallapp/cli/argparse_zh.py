"""argparse speaking Chinese, as the rest of the command line does.

argparse writes its usage line, section titles, ``-h`` help and error messages in English
(through gettext, with no Chinese catalogue installed anywhere). The titles and the help
option are set here through argparse's own parameters; the handful of standard errors are
rewritten by pattern, and anything not matched is shown as argparse wrote it rather than lost.
With ``--lang en`` argparse's own English stays, under the same "hallapp: " lead.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from hallapp.cli.common import display_width
from hallapp.cli.lang import _, english

_KINDS = {"int": "整数", "int_arg": "整数", "float": "数字", "fromisoformat": "日期（YYYY-MM-DD）",
          "date_arg": "日期（YYYY-MM-DD）"}


def _invalid_value(m: re.Match[str]) -> str:
    kind = _KINDS.get(m["type"], "有效的值")
    return f"参数 {m['arg']} 的值 {m['value']} 无效，须为{kind}"


_ERRORS: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"argument (?P<arg>\S+): invalid (?P<type>\w+) value: (?P<value>.+)", _invalid_value),
    (r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)",
     r"参数 \1 的取值 \2 无效，可选：\3"),
    (r"argument (\S+): ignored explicit argument (.+)", r"选项 \1 不接受值（给了 \2）"),
    (r"the following arguments are required: (.+)", r"缺少必填参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (\S+): expected one argument", r"参数 \1 后须跟一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 后须跟至少一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"one of the arguments (.+) is required", r"须给出以下参数之一：\1"),
    (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 有歧义，可能是：\2"),
    (r"argument (\S+): (.+)", r"参数 \1：\2"),
]


def chinese_error(message: str) -> str:
    """argparse's error ``message`` in Chinese where it is one of the standard ones."""
    for pattern, replacement in _ERRORS:
        m = re.fullmatch(pattern, message, flags=re.DOTALL)
        if m:
            return replacement(m) if callable(replacement) else m.expand(replacement)
    return message


# A CJK character, or a Latin word (which is never cut); spaces are where Latin words break.
_TOKENS = re.compile(r"\s+|[\u2e80-\uffff]|[^\s\u2e80-\uffff]+")
_NO_BREAK_BEFORE = set("，。；：、）》」』！？")


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns (a CJK character takes two).

    argparse wraps by character count, so its Chinese lines ran past the terminal's edge.
    A line may break between two CJK characters or at a space, never inside a Latin word
    nor before closing punctuation (which sticks out past the edge instead: "（默认 30）。").
    """
    lines: list[str] = []
    line, space = "", False
    for token in _TOKENS.findall(" ".join(text.split())):
        if token.isspace():
            space = True
            continue
        joined = line + (" " if space and line else "") + token
        if line and display_width(joined) > width and token not in _NO_BREAK_BEFORE:
            lines.append(line)
            joined = token
        line, space = joined, False
    return [*lines, line] if line else lines


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None and not english():
            prefix = "用法："
        super().add_usage(usage, actions, groups, prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_columns(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_columns(text, width - len(indent)))


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors read in Chinese; errors exit with 2."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = _("位置参数", "positional arguments")
        self._optionals.title = _("选项", "options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=_("显示本帮助并退出", "show this help and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(_(f"hallapp: 参数错误：{chinese_error(message)}", f"hallapp: usage error: {message}"),
              file=sys.stderr)
        raise SystemExit(2)
