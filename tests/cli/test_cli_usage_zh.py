"""Usage errors and help read in Chinese, like every other message of the command line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallapp.cli.argparse_zh import chinese_error, wrap_columns
from hallapp.cli.common import display_width, table
from hallapp.cli.main import main


def _usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("用法：hallapp")
    return err.splitlines()[-1]


@pytest.mark.parametrize(("args", "message"), [
    (("window", "call", "abc"), "参数 window 的值 'abc' 无效，须为整数"),
    (("appointment", "list", "2026-13-01"),
     "参数 day 的值 '2026-13-01' 无效，须为日期（YYYY-MM-DD）"),
    (("window", "call-ticket", "1", "A001"), "缺少必填参数：--reason"),
    (("window", "call", "1", "2"), "无法识别的参数：2"),
    (("print", "ticket", "A001", "--lang", "fr"), "参数 --lang 的取值 'fr' 无效，可选：'zh', 'en'"),
    (("window", "pause", "1", "--reason"), "参数 --reason 后须跟一个值"),
])
def test_usage_errors_name_what_is_wrong_in_chinese(
        capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    assert _usage_error(capsys, *args) == f"hallapp: 参数错误：{message}"


def test_help_reads_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["window", "transfer", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：hallapp window transfer")
    for chinese in ("位置参数", "选项", "显示本帮助并退出"):
        assert chinese in text
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in text


def test_an_unknown_message_is_kept_as_argparse_wrote_it() -> None:
    assert chinese_error("something new") == "something new"


_WORDS = st.sampled_from(["A001", "verified_online", "YYYY-MM-DD", "（默认 30）", "，", "。", "）",
                          "、", "材料", "编码", "办件编号", " ", "  ", "x"])


@given(st.lists(_WORDS, max_size=40).map("".join), st.integers(min_value=12, max_value=80))
def test_help_wraps_by_terminal_columns(text: str, width: int) -> None:
    lines = wrap_columns(text, width)
    latin = set(re.findall(r"[^\s\u2e80-\uffff]+", text))
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost or added
    for line in lines:
        # closing punctuation sticks out rather than start a line, and a Latin word longer
        # than the line is kept whole on a line of its own
        body = line.rstrip("，。、） ")
        assert display_width(body) <= width or body.lstrip("，。、）") in latin, line
        assert line == line.strip()
    for line in lines[1:]:
        assert line[0] not in "，。、）", line
    for word in latin:  # every Latin word is whole on one line
        assert any(word in line for line in lines)


def test_chinese_help_fits_an_80_column_terminal(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["case", "list", "--help"])
    text = capsys.readouterr().out
    assert "correction_requested 待补正" in text
    assert max(display_width(line) for line in text.splitlines()) <= 80


def test_an_empty_list_says_so_under_its_header() -> None:
    assert table([["办件编号", "事项"]]) == "办件编号  事项\n（无）"
    assert table([]) == "（无）"
    assert table([["队列", "等候"], ["A", 3]]) == "队列  等候\nA     3   "
