"""What the CLI prints reads in Chinese: argparse's last English errors, raw codes in the
checklist header and in what is still owed, and a help text that promised what the rules
refuse (``backoffice queue --department``: "other roles see all departments", exit 14).
"""

from __future__ import annotations

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock

from hallapp.cli.argparse_zh import chinese_error
from hallapp.store.uow import Database

PLAIN = "440300000000069391780003"
ID_NUMBER = "440304198502020045"


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    return make_cli(hall_db, clock, capsys, monkeypatch)


@pytest.mark.parametrize(("english", "chinese"), [
    ("argument --json: ignored explicit argument '1'", "选项 --json 不接受值（给了 '1'）"),
    ("argument --state: invalid choice: 'x y' (choose from 'open', 'closed')",
     "参数 --state 的取值 'x y' 无效，可选：'open', 'closed'"),
])
def test_argparse_errors_in_chinese(english: str, chinese: str) -> None:
    assert chinese_error(english) == chinese


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_checklist_and_decision_text_say_states_in_words(cli: Cli) -> None:
    cli.json("kiosk1", "ticket", "take", "A")
    for action in ("open", "call", "start"):
        cli.json("clerk1", "window", action, "1")
    number = cli.json("clerk1", "case", "open", "1", PLAIN, "--name", "张三", "--id-number",
                      ID_NUMBER)["case"]["number"]
    assert cli("clerk1", "case", "checklist", number, "--all", "received",
               "--mark", "M01=missing") == 0
    assert cli.out.startswith(f"{number} 已收件\n")
    assert cli("clerk1", "case", "decide", number, "notify_missing") == 0
    assert "需补齐：M01" in cli.out
    assert "（缺）" in cli.out
    assert "missing" not in cli.out


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_backoffice_queue_help_matches_who_may_use_it(cli: Cli) -> None:
    with pytest.raises(SystemExit):
        cli("approver_szamr", "backoffice", "queue", "--help")
    help_text = cli.capsys.readouterr().out
    assert "其他角色为全部部门" not in help_text
    assert "case list" in help_text
    assert cli("supervisor1", "backoffice", "queue") == 14  # as the help now says
