"""The command line in English: ``hallapp --lang en …`` or ``HALLAPP_LANG=en`` (the option
wins, Chinese stays the default); refusals, the CLI's own messages and the output of the
commands people run most read in English, with the exit codes they have in Chinese."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from clikit import CJK, Cli, make_cli
from conftest import FakeClock
from pypdf import PdfReader
from sqlalchemy import update

from hallapp.core.errors_en import EN
from hallapp.store.models import Queue
from hallapp.store.uow import Database


@pytest.fixture
def cli(hall_db: Database, clock: FakeClock, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.delenv("HALLAPP_LANG", raising=False)
    return make_cli(hall_db, clock, capsys, monkeypatch)


def _pdf_text(path: str) -> str:
    data = Path(path).read_bytes()
    return "".join("".join((p.extract_text() or "").split())
                   for p in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_an_invalid_hallapp_lang_is_refused_and_nothing_is_done(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLAPP_LANG", "fr")
    err = cli.fails(2, "kiosk1", "ticket", "take", "A")
    assert "HALLAPP_LANG" in err
    assert "'fr'" in err
    assert cli.out == ""
    monkeypatch.setenv("HALLAPP_LANG", "en")
    assert cli.json("kiosk1", "ticket", "take", "A")["number"] == "A001"  # the first one


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_printed_ticket_follows_the_command_lines_language(
        cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    number = cli.json("kiosk1", "ticket", "take", "A")["number"]
    out = f"{tmp_path}/t.pdf"
    assert cli("clerk1", "--lang", "en", "print", "ticket", number, "--pdf", out) == 0, cli.err
    assert "Yournumber" in _pdf_text(out)
    monkeypatch.setenv("HALLAPP_LANG", "en")
    assert cli("clerk1", "print", "ticket", number, "--pdf", out) == 0, cli.err
    assert "Yournumber" in _pdf_text(out)
    assert cli("clerk1", "--lang", "zh", "print", "ticket", number, "--pdf", out) == 0
    assert "您的号码" in _pdf_text(out)  # the option wins over the environment
    assert cli("clerk1", "print", "ticket", number, "--lang", "zh", "--pdf", out) == 0
    assert "您的号码" in _pdf_text(out)  # and the paper's own --lang over both


def _english(err: str) -> str:
    assert not CJK.search(err), err
    return err


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_refusals_read_in_english_with_the_same_exit_codes(
        cli: Cli, hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    en = ("--lang", "en")
    assert cli("clerk11", *en, "window", "open", "11") == 0
    assert "Nobody is waiting" in _english(cli.fails(17, "clerk11", *en, "window", "call", "11"))
    assert "no ticket called" in _english(cli.fails(13, "clerk11", "window", "start", "11", *en))
    with hall_db.write_session() as s:
        s.execute(update(Queue).where(Queue.code == "A").values(daily_quota=1))
        s.commit()
    assert cli("kiosk1", *en, "ticket", "take", "A") == 0
    assert "all taken" in _english(cli.fails(16, "kiosk1", *en, "ticket", "take", "A"))
    assert cli.out == ""
    assert "ID number" in _english(cli.fails(11, "kiosk1", *en, "ticket", "take", "B",
                                             "--id-number", "123"))
    _english(cli.fails(12, "kiosk1", *en, "ticket", "show", "A999"))
    assert "--user" in _english(cli.fails(15, "", *en, "queue", "status"))
    assert "Wrong user name or password" in _english(cli.fails(15, "nobody", *en, "queue",
                                                               "status"))
    assert "--entity-id goes only with --entity" in _english(cli.fails(
        2, "admin1", *en, "audit", "list", "--entity-id", "1"))
    monkeypatch.setenv("HALLAPP_LANG", "en")
    assert "at least one of --name" in _english(cli.fails(2, "admin1", "hall", "set"))
    assert "is in use by" in cli.fails(22, "clerk2", "window", "resume", "11")  # and a name


@pytest.mark.parametrize("engine_name", ["sqlite"])
@pytest.mark.parametrize(("args", "words"), [
    (("window", "open", "x"), "usage error: argument window: invalid int_arg value: 'x'"),
    (("window", "open", "99999999999"), "is out of range"),
    (("appointment", "list", "2026-13-01"), "invalid date_arg value"),
    (("ticket", "take"), "the following arguments are required: queue"),
    (("queue", "status", "--bogus"), "unrecognized arguments: --bogus"),
])
def test_usage_errors_read_in_english(cli: Cli, args: tuple[str, ...], words: str) -> None:
    with pytest.raises(SystemExit) as usage:
        cli("clerk1", "--lang", "en", *args)
    assert usage.value.code == 2
    err = cli.capsys.readouterr().err
    assert words in err
    assert err.startswith("usage: hallapp")
    _english(err)


def test_every_refusal_of_the_command_line_has_english() -> None:
    """The CLI's own refusals (their codes, and the ``why`` of each usage error) have English
    texts, and so does every refusal a cmd module raises without a code (none may)."""
    root = Path(__file__).resolve().parents[2] / "hallapp" / "cli"
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("*.py")))
    codes = set(re.findall(r'code="(\w+)"', source))
    whys = set(re.findall(r'why="(\w+)"', source))
    assert {"login_required", "writer_running", "handout_proof_required"} <= codes
    assert sorted(codes - set(EN)) == []
    assert sorted(w for w in whys if not any(k.endswith(f".{w}") for k in EN)) == []
    uncoded = re.findall(r"raise (?:UsageError|ValidationError|StateError|OutputError|"
                         r"AuthError|NotFound)\((?:[^()]|\([^()]*\))*\)", source)
    assert [u for u in uncoded if "code=" not in u and "why=" not in u] == []


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_chinese_stays_the_default(cli: Cli) -> None:
    assert cli("clerk11", "window", "open", "11") == 0
    assert "暂无等候" in cli.fails(17, "clerk11", "window", "call", "11")
