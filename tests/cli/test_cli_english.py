"""The command line in English: ``hallapp --lang en …`` or ``HALLAPP_LANG=en`` (the option
wins, Chinese stays the default); refusals, the CLI's own messages and the output of the
commands people run most read in English, with the exit codes they have in Chinese."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from clikit import Cli, make_cli
from conftest import FakeClock
from pypdf import PdfReader

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
