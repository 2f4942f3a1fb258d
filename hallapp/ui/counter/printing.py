"""The documents a window decision hands over: 受理回执 (accepted or completed on the spot),
with the 容缺受理补交材料通知书 after a 容缺 acceptance (what is owed, and by when),
一次性告知书 (materials missing), 不予受理通知书 (refused).

Where they go is ``options["printer"]`` (anything with ``print_job(job, reprint=False)``,
e.g. :class:`hallapp.ui.common.printing.DocumentPrinter`), else the printer named by
``options["printer_name"]``, else the printer of the terminal's settings (管理 → 终端设备,
followed as they change: :class:`DevicePrinter`), else a PDF file under
``<user data dir>/counter-documents/``. Tickets and appointment slips take the roll width
saved there (80 mm without).
Every outcome — printed, saved or failed — is in the print log. Called on a worker thread.

The document layout (``hallapp.services.printing``: reportlab, ~0.25 s and ~15 MB) and the
Qt printer support load at the first print or the first named printer, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from hallapp.services.context import Ctx
from hallapp.ui.common.pdf_printer import PdfDocumentPrinter

if TYPE_CHECKING:
    from hallapp.services.printing import PrintJob, PrintRecord
    from hallapp.ui.common.device import Device

Document = tuple[str, str | None]  # ("receipt", None) or ("notice", its kind)
RECEIPT: Document = ("receipt", None)
# decision -> its documents, in the order they are handed over
DOCUMENTS: dict[str, tuple[Document, ...]] = {
    "on_spot": (RECEIPT,), "accept": (RECEIPT,),
    # 容缺: the receipt says 容缺后补; the notice, what to bring and by when
    "accept_tolerant": (RECEIPT, ("notice", "supplement")),
    "accept_commitment": (RECEIPT,),
    "notify_missing": (("notice", "missing"),), "refuse": (("notice", "refusal"),),
}


class CaseDocumentPrinter(Protocol):
    def print_job(self, job: PrintJob, *, reprint: bool = False) -> PrintRecord: ...


class PdfCaseDocumentPrinter(PdfDocumentPrinter):
    """Saves each document as a PDF (a hall without a printer, tests, screenshots)."""

    FOLDER = "counter-documents"


def make_printer(ctx: Ctx, options: dict[str, Any]) -> CaseDocumentPrinter:
    """The counter's document printer from its options (see the module docstring)."""
    printer = options.get("printer")
    if printer is not None:
        return printer  # type: ignore[no-any-return]
    name = options.get("printer_name")
    if name:
        from hallapp.ui.common.printing import DocumentPrinter, QtPrinter  # QtPrintSupport

        return DocumentPrinter(ctx, QtPrinter(name=str(name)))
    return PdfCaseDocumentPrinter(ctx)


class DevicePrinter:
    """The counter's printer when its options name none: the one the terminal's settings
    name (``follow``, each time the counter reads the hall), else PDF files."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.target: CaseDocumentPrinter = PdfCaseDocumentPrinter(ctx)
        self.name: str | None = None
        self.width_mm = 80  # tickets and slips

    def follow(self, device: Device | None) -> None:
        self.width_mm = device.roll_width_mm if device else 80
        name = device.printer if device else None
        if name != self.name:
            self.name = name
            self.target = make_printer(self.ctx, {"printer_name": name})

    def print_job(self, job: PrintJob, *, reprint: bool = False) -> PrintRecord:
        return self.target.print_job(job, reprint=reprint)


def counter_printer(ctx: Ctx, options: dict[str, Any]) -> CaseDocumentPrinter:
    """The options' printer if they name one, else a :class:`DevicePrinter`."""
    if options.get("printer") is not None or options.get("printer_name"):
        return make_printer(ctx, options)
    return DevicePrinter(ctx)


def roll_width(printer: object) -> int:
    """The roll width tickets and slips are laid out for on ``printer``."""
    width = getattr(printer, "width_mm", 80)
    return width if width in (58, 80) else 80


def document_job(ctx: Ctx, case_number: str, document: Document) -> PrintJob:
    """One document of a decision (see ``DOCUMENTS``) for the case, laid out."""
    from hallapp.services.printing import notice_document, receipt_document  # reportlab

    name, kind = document
    if name == "receipt" or kind is None:
        return receipt_document(ctx, case_number)
    return notice_document(ctx, case_number, kind)


def print_document(ctx: Ctx, printer: CaseDocumentPrinter, case_number: str,
                   document: Document, reprint: bool = False) -> PrintRecord:
    return printer.print_job(document_job(ctx, case_number, document), reprint=reprint)
