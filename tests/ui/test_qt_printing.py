"""Qt printing: pages reach a QPrinter intact, missing printers are refused, outcomes logged.

A QPrinter in PdfFormat stands in for a device: its output is rasterised with pdftoppm and
compared with the rasterised source document. The kiosk printer and the document printer
run against the demo hall on both engines (``hall_db``). ESC/POS runs only where
python-escpos is installed (its Dummy printer captures the bytes).
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from hallapp.core.errors import DomainError
from hallapp.core.errors_en import EN as _EN
from hallapp.documents.api import build_receipt, build_ticket
from hallapp.documents.samples import sample_receipt, sample_ticket
from hallapp.services import printing, tickets
from hallapp.services.context import Ctx
from hallapp.services.printing import PrintJob
from hallapp.ui.common import printing as qt_printing
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.printing import (
    DocumentPrinter,
    EscPosTicketPrinter,
    KioskTicketPrinter,
    QtPrinter,
    check_printer,
    ticket_bitmap,
)

CtxFor = Callable[[str], Ctx]
MISSING = "hallapp-no-such-printer"
MM = 72 / 25.4


@pytest.fixture(autouse=True)
def _app(qapp: QApplication) -> QApplication:
    return qapp


def pdf_printer(path: Path) -> QtPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return QtPrinter(printer, max_dpi=150)


def raster(pdf: bytes, page: int = 1) -> Image.Image:
    run = subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", "-f", str(page), "-l",
                          str(page), "-singlefile", "-"], input=pdf, capture_output=True,
                         check=True)
    return Image.open(io.BytesIO(run.stdout)).convert("L")


def _mask(image: Image.Image, level: int) -> Image.Image:
    return image.point(lambda v: 255 if v < level else 0).convert("1")


def covered(a: Image.Image, b: Image.Image) -> float:
    """Share of a's dark pixels that have some ink of b within one pixel.

    Tolerates anti-aliasing and one-pixel shifts (a raster of a raster), not missing or
    moved content: two different documents score about 0.5, a blank page 0.
    """
    strong = _mask(a, 128)
    near = _mask(b.resize(a.size), 224).convert("L").filter(ImageFilter.MaxFilter(3))
    hit = ImageChops.logical_and(strong, near.convert("1"))
    return float(ImageStat.Stat(hit.convert("L")).sum[0] /
                 ImageStat.Stat(strong.convert("L")).sum[0])


def sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width) / MM, float(p.mediabox.height) / MM) for p in reader.pages]


def same_sizes(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Equal page count and sizes within 0.5 mm (pixel rounding of the raster)."""
    return len(a) == len(b) and all(abs(x - y) < 0.5 for p, q in zip(a, b, strict=True)
                                    for x, y in zip(p, q, strict=True))


@pytest.mark.parametrize(("document", "pdf"), [
    ("ticket", build_ticket(sample_ticket(), None, 80)),
    ("receipt", build_receipt(sample_receipt(long=True), None, "A4")),
])
def test_pdf_output_printer_reproduces_every_page(tmp_path: Path, document: str,
                                                  pdf: bytes) -> None:
    out = tmp_path / f"{document}.pdf"
    pdf_printer(out).print_job(PrintJob(document, "x", pdf, document))
    printed = out.read_bytes()
    assert same_sizes(sizes_mm(printed), sizes_mm(pdf)), (sizes_mm(printed), sizes_mm(pdf))
    for page in range(1, len(sizes_mm(pdf)) + 1):
        source, copy = raster(pdf, page), raster(printed, page)
        assert covered(source, copy) > 0.98
        assert covered(copy, source) > 0.98


def test_a_failed_print_says_why_in_english_too(qapp: QApplication) -> None:
    """In English a clerk read the kiosk's "The ticket could not be printed; please ask the
    staff." for every failed receipt or notice, without the printer the Chinese names."""
    with pytest.raises(DomainError) as caught:
        check_printer(MISSING)
    qapp.setProperty("hallapp_lang", "en")
    try:
        assert user_message(caught.value) == f"Printer {MISSING} not found."
    finally:
        qapp.setProperty("hallapp_lang", "zh")
    source = Path(qt_printing.__file__).read_text(encoding="utf-8")
    whys = set(re.findall(r'_failed\([^,]+,\s*"(\w+)"', source))
    assert len(whys) == 12
    assert sorted(w for w in whys if f"print_failed.{w}" not in _EN) == []


def test_missing_printer_is_refused_before_printing(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match=f"未找到打印机 {MISSING}") as caught:
        check_printer(MISSING)
    assert caught.value.code == "print_failed"
    with pytest.raises(DomainError, match="未找到打印机"):
        QtPrinter.named(MISSING)
    job = PrintJob("ticket", "x", build_ticket(sample_ticket(), None, 58), "t")
    with pytest.raises(DomainError, match=f"未找到打印机 {MISSING}"):
        QtPrinter(name=MISSING).print_job(job)


def test_kiosk_printer_logs_printed_and_failed(ctx_for: CtxFor, tmp_path: Path) -> None:
    kiosk = ctx_for("kiosk1")
    info = tickets.take_ticket(kiosk, "A")
    out = tmp_path / "ticket.pdf"
    KioskTicketPrinter(kiosk, pdf_printer(out), width_mm=58).print_ticket(info)
    assert round(sizes_mm(out.read_bytes())[0][0]) == 58
    with pytest.raises(DomainError, match="未找到打印机"):
        KioskTicketPrinter(kiosk, QtPrinter(name=MISSING)).print_ticket(info)
    history = printing.print_history(kiosk, info.id)
    assert [(h.outcome, h.printer, h.reprint) for h in history] == [
        ("printed", f"pdf:{out}", False), ("failed", MISSING, True)]
    assert history[1].detail == f"未找到打印机 {MISSING}"


def test_document_printer_saves_the_vector_pdf_and_logs_it(ctx_for: CtxFor,
                                                           tmp_path: Path) -> None:
    clerk = ctx_for("clerk1")
    job = printing.ticket_document(clerk, tickets.take_ticket(clerk, "A").id)
    record = DocumentPrinter(clerk, pdf_printer(tmp_path / "p.pdf")).save_pdf(
        job, tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == job.pdf
    assert (record.outcome, record.printer) == ("saved", f"pdf:{tmp_path / 'copy.pdf'}")
    printed = DocumentPrinter(clerk, pdf_printer(tmp_path / "p.pdf")).print_job(job)
    assert (printed.outcome, printed.reprint) == ("printed", False)


@pytest.mark.parametrize(("width", "dots"), [(58, 384), (80, 576)])
def test_escpos_bitmap_fits_the_head(width: int, dots: int) -> None:
    image = ticket_bitmap(build_ticket(sample_ticket(), None, width), width)
    assert image.mode == "1"
    assert image.width == dots
    inked = ImageStat.Stat(image.convert("L")).mean[0]
    assert 150 < inked < 250  # mostly paper, but the number and QR are there


def test_escpos_printer_sends_raster_and_cut(ctx_for: CtxFor) -> None:
    if not qt_printing.escpos_available():
        pytest.skip("python-escpos is not installed (optional: raw ESC/POS thermal printers)")
    from escpos.printer import Dummy

    kiosk = ctx_for("kiosk1")
    info = tickets.take_ticket(kiosk, "A")
    driver = Dummy()
    EscPosTicketPrinter(kiosk, width_mm=58, driver=driver).print_ticket(info)
    sent = driver.output
    assert b"\x1dv0" in sent  # GS v 0: raster bit image
    assert sent.endswith(b"\x1dV\x00")  # GS V 0: full cut after the ticket
    assert int.from_bytes(sent[sent.index(b"\x1dv0") + 4:][:2], "little") == 384 // 8
    assert [h.outcome for h in printing.print_history(kiosk, info.id)] == ["printed"]


def test_escpos_refuses_without_device(ctx_for: CtxFor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(qt_printing.ESCPOS_ENV, raising=False)
    monkeypatch.setattr(qt_printing, "escpos_available", lambda: True)
    with pytest.raises(DomainError, match="HALLAPP_ESCPOS_DEVICE"):
        EscPosTicketPrinter(ctx_for("kiosk1"))
