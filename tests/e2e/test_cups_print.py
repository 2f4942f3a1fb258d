"""End to end through a real CUPS queue: ``hallapp print … --printer`` and the Qt printer.

A cups-pdf queue (``hallapp-test``) stands in for the hall's printers; what it writes is
read back with pypdf. cups-pdf re-distils the PDF with Ghostscript, which keeps ASCII text
extractable but not the CJK glyph mapping, so the checks look at numbers, codes and masked
digits. The test starts ``cupsd`` if it is not running (and stops it afterwards), adds the
queue and removes it again. It needs root, cupsd and the cups-pdf backend: elsewhere it is
skipped with the reason, except under CI=true, where a missing piece is a failure.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import actor_for
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from hallapp.cli.main import main
from hallapp.core.case_rules import verification_code
from hallapp.services import printing, tickets
from hallapp.services.context import Ctx
from hallapp.store.models import Case, Hall, ServiceItem, Staff
from hallapp.store.uow import Database

QUEUE = "hallapp-test"
CONF = Path("/etc/cups/cups-pdf.conf")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}
WAIT_SECONDS = 30
# One CUPS queue and one cups-pdf output folder for the machine: ``make test`` runs these
# tests after the parallel workers, in one process (marker ``cups``, see the Makefile).
pytestmark = [pytest.mark.slow, pytest.mark.cups]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, env=C_LOCALE,
                          timeout=60, check=False)


def _wait_for(what: str, ready: Callable[[], bool]) -> None:
    """Poll an outside process (cupsd, the cups-pdf backend) until ``ready`` or give up."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"CUPS: {what} did not happen within {WAIT_SECONDS} s")
        time.sleep(0.1)


def _scheduler_running() -> bool:
    return "scheduler is running" in _run("lpstat", "-r").stdout


def _start_cupsd() -> subprocess.Popen[bytes] | None:
    """Our own cupsd in the foreground (so we can stop it by its id), if none is running."""
    if _scheduler_running():
        return None
    daemon = subprocess.Popen([shutil.which("cupsd") or "cupsd", "-f"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for("cupsd start", lambda: _scheduler_running() or daemon.poll() is not None)
    if daemon.poll() is not None:
        _unavailable(f"cupsd exited at start with code {daemon.returncode}")
    return daemon


def _pdf_driver() -> str:
    models = _run("lpinfo", "-m").stdout.splitlines()
    found = [line.split()[0] for line in models if "cups-pdf" in line.lower()]
    if not found:
        _unavailable("no CUPS-PDF driver in lpinfo -m (install printer-driver-cups-pdf)")
    opt = [m for m in found if m.endswith("CUPS-PDF_opt.ppd")]
    return (opt or found)[0]


def _output_dirs() -> list[Path]:
    """Where cups-pdf may write a root job: ``Out`` of cups-pdf.conf, ~/PDF, ANONYMOUS."""
    out = "${HOME}/PDF"
    if CONF.exists():
        match = re.search(r"^Out\s+(\S+)", CONF.read_text(), re.MULTILINE)
        out = match.group(1) if match else out
    home = os.path.expanduser("~")
    dirs = [out.replace("${HOME}", home).replace("${USER}", "root"), f"{home}/PDF",
            "/var/spool/cups-pdf/ANONYMOUS"]
    return [Path(d) for d in dict.fromkeys(dirs)]


@pytest.fixture(scope="module")
def cups_queue() -> Iterator[list[Path]]:
    if os.geteuid() != 0:
        _unavailable("adding a CUPS queue needs root")
    for tool in ("cupsd", "lpadmin", "lpstat", "lpinfo", "lp", "cupsenable", "cupsdisable"):
        if shutil.which(tool) is None:
            _unavailable(f"{tool} is not installed (cups, cups-client)")
    if not BACKEND.exists():
        _unavailable(f"the cups-pdf backend {BACKEND} is missing (printer-driver-cups-pdf)")
    daemon = _start_cupsd()
    try:
        added = _run("lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", _pdf_driver())
        assert added.returncode == 0, added.stderr
        yield _output_dirs()
    finally:
        _run("lpadmin", "-x", QUEUE)
        if daemon is not None:
            daemon.terminate()
            daemon.wait(timeout=30)


def _pdfs(dirs: list[Path]) -> set[Path]:
    return {p for d in dirs if d.is_dir() for p in d.glob("*.pdf")}


def _queue_empty() -> bool:
    return _run("lpstat", "-o", QUEUE).stdout.strip() == ""


def printed_pdf(dirs: list[Path], before: set[Path]) -> bytes:
    """Wait for the job to leave the queue, then take the one new cups-pdf file."""
    _wait_for("the job to finish", lambda: _queue_empty() and bool(_pdfs(dirs) - before))
    [new] = _pdfs(dirs) - before
    data = new.read_bytes()
    new.unlink()
    return data


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join((p.extract_text() or "").split()) for p in reader.pages)


def qr_payloads(pdf: bytes) -> list[str]:
    """QR codes on the first page (Ghostscript keeps them; it drops CJK text mapping)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    page = subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", "-"],
                          input=pdf, capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(page))
    return [r.text for r in zxingcpp.read_barcodes(image,
                                                   formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.fixture
def engine_name() -> str:
    """CUPS is the subject here, not the database: SQLite only."""
    return "sqlite"


@pytest.fixture
def cli(hall_db: Database, monkeypatch: pytest.MonkeyPatch) -> Callable[..., int]:
    monkeypatch.setenv("HALLAPP_PASSWORD", "demo1234")
    return lambda *args: main([*args, "--db", hall_db.url, "--user", "clerk1"])


def _accepted_case(db: Database) -> tuple[str, str]:
    number = "SZFT-20261124-00031"
    with db.write_session() as s:
        hall = s.scalars(select(Hall)).one()
        item = s.scalars(select(ServiceItem).order_by(ServiceItem.id)).first()
        assert item is not None
        clerk = s.scalars(select(Staff).where(Staff.username == "clerk1")).one()
        at = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
        code = verification_code(number, hall.secret)
        s.add(Case(number=number, verification=code, hall_id=hall.id, item_id=item.id,
                   department_id=item.department_id, window_number=1, clerk_id=clerk.id,
                   state="accepted", applicant_kind="person", applicant_name="王小明",
                   applicant_id="440301199001011234", received_at=at, accepted_at=at,
                   materials=[{"code": "M01", "status": "received"}]))
        s.commit()
    return number, code


def test_ticket_and_receipt_through_cups(cups_queue: list[Path], hall_db: Database,
                                         cli: Callable[..., int]) -> None:
    ctx = Ctx(hall_db, actor_for(hall_db, "kiosk1"))
    number = tickets.take_ticket(ctx, "A", phone="13812345678").number
    before = _pdfs(cups_queue)
    assert cli("print", "ticket", number, "--printer", QUEUE, "--width", "58") == 0
    ticket = printed_pdf(cups_queue, before)
    [payload] = qr_payloads(ticket)
    assert payload.startswith("HALLAPP:T:")
    assert f":{number}:" in payload

    case, code = _accepted_case(hall_db)
    before = _pdfs(cups_queue)
    assert cli("print", "receipt", case, "--printer", QUEUE) == 0
    receipt = printed_pdf(cups_queue, before)
    text = text_of(receipt)
    assert case in text
    assert code in text
    assert "4403**********1234" in text
    assert "440301199001011234" not in text
    assert qr_payloads(receipt) == [f"HALLAPP:C:{case}:{code}"]
    log = printing.print_history(ctx, case)
    assert [(r.outcome, r.printer) for r in log] == [("printed", QUEUE)]


def test_disabled_queue_is_refused(cups_queue: list[Path], hall_db: Database,
                                   cli: Callable[..., int],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    number = tickets.take_ticket(Ctx(hall_db, actor_for(hall_db, "kiosk1")), "A").number
    assert _run("cupsdisable", QUEUE).returncode == 0
    try:
        assert cli("print", "ticket", number, "--printer", QUEUE) != 0
    finally:
        _run("cupsenable", QUEUE)
    assert "已停用" in capsys.readouterr().err
    assert cli("print", "ticket", number, "--printer", "hallapp-no-such-queue") != 0
    assert "未找到打印机" in capsys.readouterr().err


def test_qt_printer_through_cups(cups_queue: list[Path], qapp: object) -> None:
    from hallapp.documents.api import build_ticket
    from hallapp.documents.samples import sample_ticket
    from hallapp.ui.common.printing import QtPrinter

    pdf = build_ticket(sample_ticket(number="B042"), None, 80)
    before = _pdfs(cups_queue)
    QtPrinter.named(QUEUE).print_job(printing.PrintJob("ticket", "x", pdf, "qt-ticket"))
    page = PdfReader(io.BytesIO(printed_pdf(cups_queue, before))).pages[0]
    assert round(float(page.mediabox.width) * 25.4 / 72) == 80  # the roll, not A4
