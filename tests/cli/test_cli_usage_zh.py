"""Usage errors and help read in Chinese, like every other message of the command line."""

from __future__ import annotations

import pytest

from hallapp.cli.argparse_zh import chinese_error
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
