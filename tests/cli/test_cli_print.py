"""``hallapp print``: PDF files, CUPS hand-off (faked here; real CUPS in tests/e2e), refusals.

Runs ``main()`` in-process against the demo hall. Tickets are taken with the service at the
real clock, so the command's "today" is the same hall day. A ticket and a receipt print on
both engines; the rest (language, file names, printers, refusals) is the command's own and
runs on SQLite only (tests/services/test_printing.py covers the service on both).
"""

from __future__ import annotations

import io
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import actor_for
from pypdf import PdfReader
from sqlalchemy import select

from hallapp.cli import cmd_print
from hallapp.cli.main import main
from hallapp.core.case_rules import verification_code
from hallapp.services import printing, tickets
from hallapp.services.context import Ctx
from hallapp.store.models import Case, Hall, ServiceItem, Staff
from hallapp.store.uow import Database

MM = 72 / 25.4
SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def cli(hall_db: Database, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Any:
    """``cli("print", "ticket", "A001")`` → (exit code, stdout, stderr) as clerk1."""
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    monkeypatch.setenv("HALLAPP_TERMINAL", "cli-test")

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", hall_db.url, "--user", "clerk1"])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def text_of(pdf: bytes) -> str:
    return "".join("".join((p.extract_text() or "").split())
                   for p in PdfReader(io.BytesIO(pdf)).pages)


def take(db: Database) -> str:
    return tickets.take_ticket(Ctx(db, actor_for(db, "kiosk1")), "A",
                               phone="13812345678").number


def insert_accepted_case(db: Database, number: str = "SZFT-20261124-00007") -> str:
    with db.write_session() as s:
        hall = s.scalars(select(Hall)).one()
        item = s.scalars(select(ServiceItem).where(ServiceItem.in_force.is_(True))
                         .order_by(ServiceItem.id)).first()
        assert item is not None
        clerk = s.scalars(select(Staff).where(Staff.username == "clerk1")).one()
        at = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
        s.add(Case(number=number, verification=verification_code(number, hall.secret),
                   hall_id=hall.id, item_id=item.id, department_id=item.department_id,
                   window_number=1, clerk_id=clerk.id, state="accepted",
                   applicant_kind="person", applicant_name="李四明",
                   applicant_id="440301199001011234", received_at=at, accepted_at=at,
                   deadline=datetime(2026, 12, 8, 10, tzinfo=UTC),
                   materials=[{"code": "M01", "status": "received"}]))
        s.commit()
    return number


def history(db: Database, ref: str) -> list[printing.PrintRecord]:
    return printing.print_history(Ctx(db, actor_for(db, "clerk1")), ref)


def test_print_ticket_to_named_pdf(cli: Any, hall_db: Database, tmp_path: Path) -> None:
    number = take(hall_db)
    out = tmp_path / "ticket.pdf"
    code, stdout, _ = cli("print", "ticket", number, "--pdf", str(out), "--width", "58",
                          "--json")
    assert code == 0
    text = text_of(out.read_bytes())
    assert number in text
    assert "138****5678" in text
    [row] = json.loads(stdout)
    assert (row["outcome"], row["printer"], row["terminal"]) == (
        "saved", f"pdf:{out}", "cli-test")
    assert [h.outcome for h in history(hall_db, number)] == ["saved"]


@SQLITE_ONLY
def test_print_a_ticket_in_english(cli: Any, hall_db: Database, tmp_path: Path) -> None:
    number = take(hall_db)
    out = tmp_path / "ticket-en.pdf"
    assert cli("print", "ticket", number, "--lang", "en", "--pdf", str(out))[0] == 0
    text = text_of(out.read_bytes())
    assert "Yournumber" in text
    assert "您的号码" not in text
    with pytest.raises(SystemExit) as usage:
        cli("print", "ticket", number, "--lang", "fr", "--pdf", str(out))
    assert usage.value.code == 2


@SQLITE_ONLY
def test_default_file_is_named_after_the_ref(cli: Any, hall_db: Database, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    number = take(hall_db)
    assert cli("print", "ticket", number)[0] == 0
    [made] = list(tmp_path.glob("*.pdf"))
    assert made.name.endswith(f"_{number}.pdf")


@SQLITE_ONLY
def test_a_pdf_that_cannot_be_written_is_a_failed_print(cli: Any, hall_db: Database,
                                                        tmp_path: Path) -> None:
    """A folder that does not exist was an internal error, unlogged; a folder is a place
    to put the file in; an empty path is refused."""
    number = take(hall_db)
    code, _, err = cli("print", "ticket", number, "--pdf", str(tmp_path / "no" / "x.pdf"))
    assert (code, err.startswith("hallapp: 无法写入文件")) == (20, True)
    assert "内部错误" not in err
    assert [h.outcome for h in history(hall_db, number)] == ["failed"]
    assert cli("print", "ticket", number, "--pdf", str(tmp_path))[0] == 0
    [made] = tmp_path.glob("*.pdf")
    assert made.name.endswith(f"_{number}.pdf")
    code, _, err = cli("print", "ticket", number, "--pdf", " ")
    assert (code, "--pdf 的文件路径为空" in err) == (11, True)


def test_print_receipt_on_a5(cli: Any, hall_db: Database, tmp_path: Path) -> None:
    number = insert_accepted_case(hall_db)
    out = tmp_path / "receipt.pdf"
    assert cli("print", "receipt", number, "--page", "A5", "--pdf", str(out))[0] == 0
    page = PdfReader(io.BytesIO(out.read_bytes())).pages[0]
    assert round(float(page.mediabox.width) / MM) == 148
    text = text_of(out.read_bytes())
    assert number in text
    assert "李*明" in text


@SQLITE_ONLY
def test_notice_refused_in_wrong_state(cli: Any, hall_db: Database) -> None:
    number = insert_accepted_case(hall_db)
    code, _, err = cli("print", "notice", number, "refusal")
    assert code == 13
    assert "当前为“已受理”，不能打印不予受理通知书" in err  # not "状态（accepted）"


def fake_cups(monkeypatch: pytest.MonkeyPatch, lpstat: tuple[int, str]) -> list[bytes]:
    """Replace lpstat/lp; returns the list that collects what lp was sent."""
    sent: list[bytes] = []

    def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        if args[0] == "lpstat":
            return subprocess.CompletedProcess(args, lpstat[0], lpstat[1].encode(), b"")
        sent.append(stdin or b"")
        return subprocess.CompletedProcess(args, 0, b"request id is front-desk-42 (1 file)",
                                           b"")

    monkeypatch.setattr(cmd_print, "_run", run)
    return sent


@SQLITE_ONLY
def test_missing_printer_is_refused_and_logged(cli: Any, hall_db: Database,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    sent = fake_cups(monkeypatch, (1, ""))
    number = take(hall_db)
    code, _, err = cli("print", "ticket", number, "--printer", "front-desk")
    assert code == 20  # a printer failed: not the database's exit 10
    assert "未找到打印机 front-desk" in err
    assert sent == []
    [row] = history(hall_db, number)
    assert (row.outcome, row.printer) == ("failed", "front-desk")


@SQLITE_ONLY
def test_a_stopped_print_service_is_named(cli: Any, hall_db: Database,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """With the CUPS scheduler down the message was "no such printer"."""
    def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess(args, 1, b"", b"lpstat: scheduler is not running")

    monkeypatch.setattr(cmd_print, "_run", run)
    code, _, err = cli("print", "ticket", take(hall_db), "--printer", "front-desk")
    assert (code, "无法连接打印服务 CUPS" in err) == (20, True)


@SQLITE_ONLY
def test_disabled_printer_is_refused(cli: Any, hall_db: Database,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    fake_cups(monkeypatch, (0, "printer front-desk disabled since Mon 09:00 -\n\tPaused"))
    code, _, err = cli("print", "ticket", take(hall_db), "--printer", "front-desk")
    assert code != 0
    assert "已停用" in err


@SQLITE_ONLY
def test_enabled_printer_gets_the_pdf(cli: Any, hall_db: Database,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    sent = fake_cups(monkeypatch, (0, "printer front-desk is idle.  enabled since Mon"))
    number = take(hall_db)
    assert cli("print", "ticket", number, "--printer", "front-desk")[0] == 0
    assert cli("print", "ticket", number, "--printer", "front-desk")[0] == 0
    assert len(sent) == 2
    assert number in text_of(sent[0])
    rows = history(hall_db, number)
    assert [(r.outcome, r.reprint) for r in rows] == [("printed", False), ("printed", True)]
    assert rows[0].detail == "request id is front-desk-42 (1 file)"
    code, out, _ = cli("print", "history", number)
    assert code == 0
    assert "是" in out
    assert "排队号票" in out  # the document's name, not "ticket"
