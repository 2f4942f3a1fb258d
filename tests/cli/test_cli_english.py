"""The command line in English: ``hallapp --lang en …`` or ``HALLAPP_LANG=en`` (the option
wins, Chinese stays the default); refusals, the CLI's own messages and the output of the
commands people run most read in English, with the exit codes they have in Chinese."""

from __future__ import annotations

import argparse
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from clikit import CJK, Cli, make_cli
from conftest import FakeClock
from pypdf import PdfReader
from sqlalchemy import select, text, update
from test_cli_case import PLAIN, _id, _serve

from hallapp.cli import cmd_admin, cmd_queue, lang
from hallapp.cli.main import build_parser, main
from hallapp.core.errors_en import EN
from hallapp.services.day import DayCloseResult
from hallapp.services.kpi_drill import FIGURES
from hallapp.services.queue_admin import QueueActive
from hallapp.store.models import Hall, Queue, Staff
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
    assert "暂无等候" in cli.fails(17, "clerk11", "window", "call", "11")  # Chinese by default
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
    assert _english(cli.fails(14, "clerk1", *en, "kpi", "show")) == (
        "hallapp: Window clerk (clerk1) is not allowed to view the hall's figures.\n")
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


def test_every_refusal_anywhere_has_english() -> None:
    """With --lang en the command line reaches every service, backup and restore too, which
    no screen calls (so the screens' scans in tests/ui/test_error_english.py leave them out):
    a refusal without an English text printed its Chinese message."""
    root = Path(__file__).resolve().parents[2] / "hallapp"
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py")))
    codes = set(re.findall(r'\bcode="([a-z][a-z0-9_]*)"', source))  # not an item's code=
    assert {"bad_backup", "not_empty", "audit_broken", "no_file"} <= codes  # the scan works
    assert sorted(codes - set(EN)) == []


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_refused_restore_reads_in_english(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl.gz"
    err = _english(cli.fails(12, "", "--lang", "en", "restore", str(missing)))
    assert f"The backup file {missing} does not exist" in err
    not_backup = tmp_path / "not.jsonl.gz"
    not_backup.write_bytes(b"")
    assert "not a hallapp backup file" in _english(
        cli.fails(11, "", "--lang", "en", "restore", str(not_backup)))


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_case_shows_in_english(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """``case show`` and a 容缺 acceptance in English: the materials by their English names
    and checks, the history's steps and the visits in the screens' English, counts as English
    counts ("1 visit", not "1 visit(s)"); only the stored opinions stay as written."""
    assert cli("kiosk1", "ticket", "take", "A") == 0
    for act in ("open", "call", "start"):
        assert cli("clerk1", "window", act, "1") == 0
    number = cli.json("clerk1", "case", "open", "1", "440300000000069391780002",  # 公司变更登记
                      "--name", "Zhang San", "--id-number", "440304199001011233")["case"]["number"]
    cli.json("clerk1", "case", "checklist", number, "--all", "received", "--mark", "M03=missing")
    monkeypatch.setenv("HALLAPP_LANG", "en")
    assert cli("clerk1", "case", "decide", number, "accept_tolerant") == 0
    assert "\n  To complete: M03 " in _english(cli.out)
    assert cli("clerk1", "case", "show", number) == 0
    out = cli.out
    assert "(due soon, 1 working day left); 1 visit\n" in out
    assert ('\nMaterials:\n  M01 "Company registration (filing) application form" received\n'
            in out)
    assert " missing (owed)\n" in out
    assert "\nHistory:\n" in out
    assert " clerk1 Intake → Received: " in out
    assert "\nVisits:\n  2026-11-24 09:00 Intake, ticket A001\n" in out
    opinions = [line.partition("Accepted: ")[2] or line.partition("Received: ")[2]
                for line in out.splitlines() if " → " in line]
    for opinion in filter(None, opinions):  # as the clerk wrote it, or the system in Chinese
        out = out.replace(opinion, "")
    _english(out)


@pytest.fixture
def in_english() -> Iterator[None]:
    lang.use("en")
    yield
    lang.use("zh")


def test_english_counts_agree_with_their_number(in_english: None) -> None:
    """"1 ticket abandoned", "1 ticket already waiting is called" (were "1 tickets")."""
    assert cmd_admin._queue_active_text(QueueActive("A", "工商登记", False, True, 1)) == (
        "Queue A is inactive: no more tickets or bookings; 1 ticket already waiting is "
        "called as usual")
    assert cmd_admin._queue_active_text(QueueActive("A", "工商登记", False, True, 2)).endswith(
        "; 2 tickets already waiting are called as usual")
    assert cmd_queue._day_text(DayCloseResult("2026-11-24", 1, 1, 2)) == (
        "2026-11-24 closed: 1 ticket abandoned, 1 booking missed, 2 windows closed")


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_a_take_and_call_cycle_in_english(cli: Cli) -> None:
    en = ("--lang", "en")
    assert cli("kiosk1", *en, "ticket", "take", "A") == 0
    assert cli.out == "A001 queue A waiting; 0 ahead, about 0 min wait\n"
    assert cli("kiosk1", "ticket", "take", "A", *en) == 0
    assert cli.out.startswith("A002 queue A waiting; 1 ahead, about ")
    assert cli("clerk1", *en, "window", "open", "1") == 0
    assert cli.out == "Window 1 open, in use by clerk1 since 09:00\n"
    assert cli("clerk1", *en, "window", "call", "1") == 0
    assert cli.out == "A001 queue A called, please go to window 1\n"
    assert cli("clerk1", *en, "window", "next", "1") == 0
    assert cli.out == "A001 done; A002 queue A called, please go to window 1\n"
    assert cli("clerk1", *en, "ticket", "show", "A001") == 0
    assert cli.out == "A001 queue A done\n"
    assert cli("supervisor1", *en, "queue", "status") == 0
    assert cli.out.startswith("Hall day 2026-11-24\nQueue  Name ")
    assert "Business registration" in cli.out
    assert "1       open    A002 called" in cli.out
    _english(cli.out)


# Data of the demo hall shown as it is stored (people's names, the hall's Chinese name and
# address and its announcement template, names by dimension): not the command line's words.
def _without_data(text: str, hall_db: Database) -> str:
    with hall_db.read_session() as s:
        names = [*s.scalars(select(Staff.name)), *s.scalars(select(Hall.name)),
                 *s.scalars(select(Hall.address))]
        names += [v for settings in s.scalars(select(Hall.settings))
                  for v in (settings or {}).values() if isinstance(v, str)]
    names += [f"{q.code} {q.name}" for q in hall_db_queues(hall_db)]
    for name in sorted(filter(None, names), key=len, reverse=True):
        text = text.replace(name, "<data>")
    return text


def hall_db_queues(hall_db: Database) -> list[Queue]:
    with hall_db.read_session() as s:
        return list(s.scalars(select(Queue)))


SESSION: list[tuple[str, ...]] = [
    ("kiosk1", "ticket", "take", "A", "--phone", "13812345678"),
    ("kiosk1", "ticket", "take", "A"),
    ("kiosk1", "ticket", "take", "A"),
    ("clerk1", "window", "open", "1"),
    ("clerk1", "window", "call", "1"),
    ("clerk1", "window", "recall", "1"),
    ("clerk1", "window", "start", "1"),
    ("clerk1", "window", "next", "1"),
    ("clerk1", "window", "noshow", "1"),
    ("clerk1", "ticket", "reactivate", "A002"),
    ("clerk1", "ticket", "show", "A002"),
    ("clerk1", "window", "pause", "1", "--reason", "lunch"),
    ("clerk1", "window", "status", "1"),
    ("clerk1", "window", "resume", "1"),
    ("clerk1", "window", "close", "1"),
    ("supervisor1", "queue", "status"),
    ("admin1", "appointment", "list", "2026-11-25"),
    ("clerk1", "appointment", "book", "{slot}", "--phone", "13812345678", "--name", "Li"),
    ("supervisor1", "appointment", "bookings", "2026-11-25"),
    ("admin1", "hall", "show"),
    ("admin1", "hall", "hours"),
    ("admin1", "hall", "settings"),
    ("admin1", "queue", "list"),
    ("admin1", "window", "list"),
    ("admin1", "staff", "list"),
    ("supervisor1", "case", "list"),
    ("supervisor1", "case", "figures", "2026-11-24"),
    ("supervisor1", "kpi", "show"),
    ("supervisor1", "kpi", "show", "--by", "queue"),
    ("display1", "rating", "add", "2", "--ticket", "A001", "--attitude", "1"),
    ("supervisor1", "rating", "followup", "list"),
    *(("supervisor1", "kpi", "drill", "--figure", figure) for figure in FIGURES),
    ("supervisor1", "kpi", "drill", "--limit", "1"),
    ("supervisor1", "kpi", "appointments", "--from", "2026-11-25"),
    ("admin1", "catalogue", "list"),
    ("admin1", "catalogue", "show", PLAIN),
    ("admin1", "calendar", "show", "2026"),
    ("admin1", "calendar", "add-days", "2026-12-26", "1", "--work", "--note", "make-up"),
    ("admin1", "blacklist", "add", _id(9), "--source", "Credit China"),
    ("supervisor1", "blacklist", "list"),
    ("admin1", "blacklist", "remove", "1", "--reason", "repaired"),
    ("admin1", "audit", "list", "--limit", "200"),
    ("admin1", "audit", "verify"),
    ("supervisor1", "day", "close"),
]


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_no_chinese_in_an_english_session(cli: Cli, hall_db: Database,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands translated, in a scripted session: not a Chinese character in their
    words (the hall's data aside), every one of them succeeding."""
    monkeypatch.setenv("HALLAPP_LANG", "en")
    assert cli("admin1", "appointment", "slots", "A", "2026-11-25") == 0
    assert cli.out.startswith("Slot  Queue  Start ")
    slot = cli.out.splitlines()[1].split()[0]
    for user, *args in SESSION:
        assert cli(user, *(a.format(slot=slot) for a in args)) == 0, (args, cli.err)
        found = CJK.search(_without_data(cli.out + cli.err, hall_db))
        assert found is None, (args, cli.out)
    assert cli("supervisor1", "kpi", "show", "--by", "queue") == 0
    assert "\nA Business registration " in cli.out  # a queue by its English name


@pytest.mark.parametrize("command", [
    (), ("ticket",), ("ticket", "take"), ("ticket", "show"), ("window",), ("window", "call"),
    ("window", "pause"), ("window", "transfer"), ("queue",), ("queue", "status"), ("day",),
    ("day", "close"), ("appointment",), ("appointment", "book"), ("appointment", "list"),
    ("kpi", "show"), ("kpi", "drill"), ("kpi", "appointments"), ("kpi", "refresh"),
    ("report", "daily"), ("report", "monthly"), ("report", "overdue"),
    ("rating", "add"), ("rating", "followup", "list"), ("rating", "followup", "close"),
    ("rating", "followup", "appeal"), ("calendar", "load"), ("calendar", "show"),
    ("calendar", "add-days"), ("blacklist", "add"), ("blacklist", "list"),
    ("blacklist", "remove"), ("audit", "list"), ("audit", "verify"), ("init",),
    ("db", "upgrade"), ("backup",), ("restore",), ("catalogue", "import"),
    ("catalogue", "export"), ("catalogue", "list"), ("catalogue", "show"),
    ("catalogue", "withdraw"), ("catalogue", "reinstate"), ("print", "ticket"),
    ("print", "appointment"), ("print", "receipt"), ("print", "notice"), ("print", "history"),
    ("staff", "add"), ("staff", "list"), ("staff", "edit"), ("staff", "passwd"),
    ("staff", "disable"), ("run",), ("demo",), ("writer",), ("simulate", "run"),
    ("simulate", "plan"), ("simulate", "live"), ("simulate", "calibrate"), ("simulate",),
    ("appointment", "slots"), ("case",),
    *(("case", a) for a in ("open", "take-up", "checklist", "decide", "show", "list",
                            "withdraw", "supplement", "ready", "deliver", "revoke", "figures")),
    ("backoffice",), ("hall",), ("hall", "show"), ("hall", "set"), ("hall", "hours"),
    ("hall", "settings"), ("hall", "green-channel"), ("queue", "list"), ("window", "list"),
    ("window", "rename"),
    *(("backoffice", a) for a in ("queue", "show", "claim", "ready", "release", "approve",
                                  "deny", "correct", "resume", "special", "special-end",
                                  "return"))])
def test_help_of_every_command_reads_in_english(
        command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as shown:
        main(["--lang", "en", *command, "--help"])
    assert shown.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: hallapp")
    _english(out)


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_a_case_reads_in_english(cli: Cli, hall_db: Database, clock: FakeClock,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """case open/show/list and decide in English: states, steps and timeliness in words of the
    English screens; the applicant and materials as stored."""
    _serve(hall_db, clock)
    opened = cli.json("clerk1", "case", "open", "1", PLAIN, "--name", "Zhang San",
                      "--id-number", _id(1))
    number = opened["case"]["number"]
    monkeypatch.setenv("HALLAPP_LANG", "en")
    assert cli("clerk1", "case", "checklist", number) == 0
    checklist = cli.out
    assert "Material" in checklist
    assert "Suggested: " in checklist
    cli.json("clerk1", "case", "checklist", number, "--all", "received")
    assert cli("clerk1", "case", "checklist", number) == 0
    assert "auto-approval does not apply: Service item " in cli.out
    assert " has no auto-approval rules.\n" in cli.out
    checklist += cli.out
    assert cli("clerk1", "case", "decide", number, "accept") == 0, cli.err
    assert cli.out.startswith(f"{number} {PLAIN} Zhang San Accepted, due 2026-11-25 18:00 "
                              "(due soon, 1 working day left); 1 visit")
    assert cli("clerk1", "case", "show", number) == 0
    assert "2026-11-24 09:00 clerk1 Accept → Accepted" in cli.out
    assert "\nMaterials:\n  M01 " in cli.out
    assert " received\n" in cli.out
    assert cli("supervisor1", "case", "list") == 0
    assert cli.out.startswith("Case ")
    assert f"{number}  {PLAIN}" in cli.out
    listed = cli.out
    shown = cli.json("clerk1", "case", "show", number)  # stored: names, opinions written
    data = [m["name"] for m in shown["materials"]] + [t["opinion"] for t in shown["transitions"]]
    assert cli("clerk1", "case", "show", number) == 0
    for out in (listed, cli.out, checklist):
        for name in sorted(filter(None, data), key=len, reverse=True):
            out = out.replace(name, "<data>")
        assert not CJK.search(out), out


@pytest.mark.parametrize("args", [("run", "--runs", "2"), ("plan", "--runs", "1")])
def test_simulation_summaries_read_in_english(args: tuple[str, ...],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "simulate", *args, "--demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(("2 runs (seed 0", "Parameters from demo"))
    _english(out)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_commands_help_can_be_shown_and_reads_in_english_with_lang_en(
        language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every parser's help, walked: each one formats (a "%" in a help once broke
    ``simulate --help``), and in English not one reads Chinese."""
    monkeypatch.setattr(lang, "_current", [language])
    found = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        text = parser.format_help()
        if language == "en" and CJK.search(text):
            found.append(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")

    walk(build_parser(), "hallapp")
    assert found == []


@pytest.mark.parametrize("engine_name", ["sqlite"])
def test_setting_up_backing_up_and_verifying_read_in_english(
        cli: Cli, hall_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """init, db upgrade, --version, backup, restore and audit verify: their output, their
    warnings and the audit chain's problems in English, a broken chain included."""
    monkeypatch.setenv("HALLAPP_LANG", "en")
    monkeypatch.delenv("HALLAPP_ADMIN_PASSWORD", raising=False)

    def run(*argv: str) -> tuple[int, str]:
        code = main(list(argv))
        out, err = cli.capsys.readouterr()
        _english(out + err)
        return code, out + err

    new = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert "the database file does not exist" in run("--db", new, "--version")[1]
    assert run("--db", new, "init") == (
        2, "hallapp: set HALLAPP_ADMIN_PASSWORD (the new hall's admin password)\n")
    monkeypatch.setenv("HALLAPP_ADMIN_PASSWORD", "Admin1234")
    assert "Hall and administrator account admin created" in run("--db", new, "init")[1]
    assert "only its schema was upgraded" in run("--db", hall_db.url, "init")[1]
    assert "The database is at schema version " in run("--db", hall_db.url, "db", "upgrade")[1]
    assert "Batch writer: not running" in run("--db", hall_db.url, "--version")[1]
    for bad in ("", str(tmp_path)):
        assert cli("admin1", "backup", bad) != 0
        assert "give a backup file name" in _english(cli.err)
    with hall_db.writer.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'clerk9' WHERE id = 5"))
    backup = tmp_path / "hall.backup.gz"
    assert cli("admin1", "backup", str(backup)) == 3
    _english(cli.out + cli.err)
    assert cli.out.startswith("Backed up ")
    assert "fails its check at entry 5, which does not match its hash (altered)" in cli.err
    assert cli("admin1", "audit", "verify") == 3
    assert "  entry 5 does not match its hash (altered)" in _english(cli.out)
    code, said = run("--db", f"sqlite:///{tmp_path / 'restored.sqlite3'}", "restore",
                     str(backup), "--accept-broken-audit")
    assert code == 0
    assert said.startswith("Restored ")
    assert "the backup's audit chain breaks at entry 5" in said
