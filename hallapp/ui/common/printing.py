"""Real printers: a QPrinter (dialog or a named kiosk printer) and, optionally, raw ESC/POS.

Documents arrive as PDF bytes (:class:`hallapp.services.printing.PrintJob`). Each page is
rasterised — with QtPdf when the PySide6 wheel has it, else with poppler's ``pdftoppm`` —
at the printer's resolution (capped at ``max_dpi``) and painted full-page, so a thermal roll
or an office laser gets exactly the reportlab layout. A named printer is checked with
QPrinterInfo before anything is painted: a missing, stopped or errored printer raises
``DomainError(code="print_failed")`` with a message the kiosk can show, and the kiosk then
withdraws the number (see :mod:`hallapp.ui.common.printer_api`).

Painting on a QPrinter is allowed off the GUI thread, so callers run ``print_job`` in a
worker; only :meth:`QtPrinter.ask` (the print dialog) needs the GUI thread.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from hallapp.core.errors import DomainError
from hallapp.services.context import Ctx
from hallapp.services.printing import PrintJob, PrintRecord, record_print, ticket_document
from hallapp.services.queue_common import TicketInfo
from hallapp.ui.common.pdf_printer import save_pdf

ESCPOS_DOTS = {58: 384, 80: 576}  # printable dots of a 203 dpi head (8 dots per mm)
ESCPOS_ENV = "HALLAPP_ESCPOS_DEVICE"


def _failed(message: str, why: str, **facts: Any) -> DomainError:
    """A failed print; ``why`` names its English text (``print_failed.<why>`` in errors_en)."""
    return DomainError(message, code="print_failed", why=why, **facts)


def check_printer(name: str) -> QPrinterInfo:
    """The printer ``name`` if it exists and is not stopped or in error, else print_failed."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise _failed(f"未找到打印机 {name}", "no_printer", printer=name)
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise _failed(f"打印机 {name} 离线或缺纸，请检查后重印", "offline", printer=name)
    return info


def render_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Every page as a white-backed greyscale image at ``dpi``."""
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return _render_poppler(pdf, dpi)
    return _render_qtpdf(QPdfDocument, pdf, dpi)  # pragma: no cover - wheel without QtPdf here


def _render_qtpdf(document_type: Any, pdf: bytes, dpi: float) -> list[QImage]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = document_type()
    doc.load(buffer)
    if doc.pageCount() <= 0:
        raise _failed("打印内容无法解析（PDF 无页面）", "no_pages")
    pages = []
    for i in range(doc.pageCount()):
        points = doc.pagePointSize(i)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        page = QImage(size, QImage.Format.Format_Grayscale8)
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)  # rendered pages may be transparent: put them on white
        painter.drawImage(0, 0, doc.render(i, size))
        painter.end()
        pages.append(_with_dpi(page, dpi))
    return pages


def _render_poppler(pdf: bytes, dpi: float, *extra: str) -> list[QImage]:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise _failed("无法渲染打印内容：未安装 pdftoppm（poppler-utils），也没有 QtPdf",
                      "no_renderer")
    with tempfile.TemporaryDirectory(prefix="hallapp-print-") as tmp:
        source = Path(tmp) / "job.pdf"
        source.write_bytes(pdf)
        run = subprocess.run([exe, "-r", f"{dpi:g}", "-gray", "-png", *extra, str(source),
                              str(Path(tmp) / "page")], capture_output=True, timeout=60,
                             check=False)
        if run.returncode != 0:
            detail = run.stderr.decode(errors="replace").strip()[:200]
            raise _failed(f"打印内容渲染失败：{detail or run.returncode}", "render",
                          detail=detail or run.returncode)
        return [_with_dpi(QImage(str(p)).convertToFormat(QImage.Format.Format_Grayscale8), dpi)
                for p in sorted(Path(tmp).glob("page*.png"))]


def _with_dpi(image: QImage, dpi: float) -> QImage:
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def _page_layout(image: QImage) -> QPageLayout:
    """A page exactly the size of the rendered PDF page (A4 stays A4, a roll is custom)."""
    dots_per_mm = image.dotsPerMeterX() / 1000
    size = QSizeF(image.width() / dots_per_mm, image.height() / dots_per_mm)
    page = QPageSize(size, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


class QtPrinter:
    """Prints :class:`PrintJob` PDFs on one QPrinter (a named device, or a PDF file)."""

    def __init__(self, printer: QPrinter | None = None, *, name: str | None = None,
                 max_dpi: int = 300) -> None:
        self.printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        # Kept apart from the QPrinter: given an unknown name, QPrinter silently switches
        # itself to PDF output, which would "print" a kiosk ticket into nowhere.
        self.device = name
        self.max_dpi = max_dpi

    @classmethod
    def named(cls, name: str, *, max_dpi: int = 300) -> QtPrinter:
        """Silent printing to the configured printer (kiosk); refused if it is not there."""
        check_printer(name)
        return cls(name=name, max_dpi=max_dpi)

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> QtPrinter | None:
        """Let the user choose a printer (GUI thread); None if they cancel."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return cls(printer)

    @property
    def name(self) -> str:
        """What the print log records as the printer: its name, or the PDF output file."""
        if self.device:
            return self.device
        if self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return f"pdf:{self.printer.outputFileName()}"
        return self.printer.printerName() or QPrinterInfo.defaultPrinterName() or "默认打印机"

    def print_job(self, job: PrintJob) -> None:
        """Render and paint every page; raises ``DomainError(code="print_failed")``."""
        if self.device:
            check_printer(self.device)
            self.printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
            self.printer.setPrinterName(self.device)
        elif self.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            name = self.printer.printerName() or QPrinterInfo.defaultPrinterName()
            if not name:
                raise _failed("未找到打印机（没有配置默认打印机）", "no_default")
            check_printer(name)
        dpi = min(self.printer.resolution(), self.max_dpi)
        pages = render_pages(job.pdf, dpi)
        if not pages:
            raise _failed("打印内容为空", "empty")
        self._paint(job.title, pages)

    def _paint(self, title: str, pages: list[QImage]) -> None:
        printer = self.printer
        printer.setDocName(title)
        printer.setFullPage(True)
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
        printer.setPageLayout(_page_layout(pages[0]))
        painter = QPainter()
        if not painter.begin(printer):
            raise _failed(f"打印机 {self.name} 离线或缺纸，请检查后重印", "offline",
                          printer=self.name)
        try:
            for i, page in enumerate(pages):
                if i and not printer.newPage():
                    raise _failed(f"打印机 {self.name} 打印中断，请检查后重印", "interrupted",
                                  printer=self.name)
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(QRectF(target), page)
        finally:
            painter.end()
        if printer.printerState() in (QPrinter.PrinterState.Error,
                                      QPrinter.PrinterState.Aborted):
            raise _failed(f"打印机 {self.name} 离线或缺纸，请检查后重印", "offline",
                          printer=self.name)


class DocumentPrinter:
    """Print or save jobs and log every outcome, so no copy leaves without a log row."""

    def __init__(self, ctx: Ctx, printer: QtPrinter) -> None:
        self.ctx = ctx
        self.printer = printer

    def print_job(self, job: PrintJob, *, reprint: bool = False) -> PrintRecord:
        try:
            self.printer.print_job(job)
        except DomainError as exc:
            record_print(self.ctx, job, self.printer.name, "failed", reprint, exc.message)
            raise
        return record_print(self.ctx, job, self.printer.name, "printed", reprint)

    def save_pdf(self, job: PrintJob, path: str | os.PathLike[str]) -> PrintRecord:
        target = save_pdf(job, path)
        return record_print(self.ctx, job, f"pdf:{target}", "saved")


class _LoggedTicketPrinter:
    """The TicketPrinter protocol: lay out the ticket, send it, log printed or failed."""

    printer_name = ""

    def __init__(self, ctx: Ctx, width_mm: int = 80,
                 labels: dict[str, str] | None = None) -> None:
        self.ctx, self.width_mm, self.labels = ctx, width_mm, labels

    def print_ticket(self, ticket: TicketInfo, lang: str = "zh") -> None:
        job = ticket_document(self.ctx, ticket.id, self.width_mm, self.labels, lang)
        try:
            self._send(job)
        except DomainError as exc:
            record_print(self.ctx, job, self.printer_name, "failed", detail=exc.message)
            raise
        except Exception as exc:  # a driver error must still be logged and reach the kiosk
            record_print(self.ctx, job, self.printer_name, "failed", detail=repr(exc))
            raise _failed(f"打印机 {self.printer_name} 打印失败，请检查后重印", "failed",
                          printer=self.printer_name) from exc
        record_print(self.ctx, job, self.printer_name, "printed")

    def _send(self, job: PrintJob) -> None:
        raise NotImplementedError


class KioskTicketPrinter(_LoggedTicketPrinter):
    """Kiosk tickets on a Qt printer (normally ``QtPrinter.named(...)``)."""

    def __init__(self, ctx: Ctx, printer: QtPrinter, width_mm: int = 80,
                 labels: dict[str, str] | None = None) -> None:
        super().__init__(ctx, width_mm, labels)
        self.printer = printer
        self.printer_name = printer.name

    def _send(self, job: PrintJob) -> None:
        self.printer.print_job(job)


def escpos_available() -> bool:
    try:
        import escpos.printer  # noqa: F401
    except ImportError:
        return False
    return True


def open_escpos(device: str) -> Any:
    """``/dev/usb/lp0`` (a device file) or ``host:port`` (a network printer, port 9100)."""
    from escpos import printer as escpos_printer

    if device.startswith("/"):
        return escpos_printer.File(device)
    host, _, port = device.rpartition(":")
    if not host or not port.isdecimal():
        return escpos_printer.Network(device, port=9100)
    return escpos_printer.Network(host, port=int(port))


def ticket_bitmap(pdf: bytes, width_mm: int) -> Any:
    """The ticket as a 1-bit PIL image exactly as wide as the head (384 or 576 dots)."""
    from PIL import Image

    dots = ESCPOS_DOTS[width_mm]
    page = render_pages(pdf, 8 * 25.4)[0]  # 8 dots per mm, the head's own resolution
    left = max(0, (page.width() - dots) // 2)
    page = page.copy(left, 0, dots, page.height())
    grey_image = Image.frombuffer("L", (page.width(), page.height()), bytes(page.constBits()),
                                  "raw", "L", page.bytesPerLine(), 1)
    return grey_image.point(lambda v: 255 if v >= 160 else 0).convert("1")


class EscPosTicketPrinter(_LoggedTicketPrinter):
    """Kiosk tickets as a raster image over raw ESC/POS (python-escpos, optional).

    The device comes from ``device`` or ``HALLAPP_ESCPOS_DEVICE`` per terminal; ``driver``
    may be any python-escpos printer object (tests pass ``escpos.printer.Dummy``).
    """

    def __init__(self, ctx: Ctx, device: str | None = None, width_mm: int = 80,
                 labels: dict[str, str] | None = None, *, driver: Any = None) -> None:
        super().__init__(ctx, width_mm, labels)
        if width_mm not in ESCPOS_DOTS:
            raise _failed(f"不支持的热敏纸宽度：{width_mm} 毫米（应为 58 或 80）", "paper_width",
                          width=width_mm)
        if driver is None and not escpos_available():
            raise _failed("未安装 python-escpos，无法直接驱动热敏打印机", "no_escpos")
        device = device or os.environ.get(ESCPOS_ENV)
        if driver is None and not device:
            raise _failed(f"未配置热敏打印机：请设置 {ESCPOS_ENV}", "no_device",
                          variable=ESCPOS_ENV)
        self.device = device
        self.driver = driver
        self.printer_name = f"escpos:{device or type(driver).__name__}"

    def _send(self, job: PrintJob) -> None:
        image = ticket_bitmap(job.pdf, self.width_mm)
        driver = self.driver if self.driver is not None else open_escpos(str(self.device))
        try:
            driver.image(image, center=False)
            driver.cut()
        finally:
            if self.driver is None:
                driver.close()
