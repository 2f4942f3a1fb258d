"""The documents a window decision hands over: 受理回执 (accepted or completed on the spot),
一次性告知书 (materials missing), 不予受理通知书 (refused).

Where they go is ``options["printer"]`` (anything with ``print_job(job, reprint=False)``,
e.g. :class:`hallapp.ui.common.printing.DocumentPrinter`), else the printer named by
``options["printer_name"]``, else a PDF file under ``<user data dir>/counter-documents/``.
Every outcome — printed, saved or failed — is in the print log. Called on a worker thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from hallapp.config import data_dir
from hallapp.core.errors import DomainError
from hallapp.services.context import Ctx
from hallapp.services.printing import (
    PrintJob,
    PrintRecord,
    notice_document,
    receipt_document,
    record_print,
)
from hallapp.ui.common.printing import DocumentPrinter, QtPrinter, save_pdf

# decision -> (document, notice kind)
DOCUMENTS: dict[str, tuple[str, str | None]] = {
    "on_spot": ("receipt", None), "accept": ("receipt", None),
    "accept_tolerant": ("receipt", None), "accept_commitment": ("receipt", None),
    "notify_missing": ("notice", "missing"), "refuse": ("notice", "refusal"),
}


class CaseDocumentPrinter(Protocol):
    def print_job(self, job: PrintJob, *, reprint: bool = False) -> PrintRecord: ...


class PdfCaseDocumentPrinter:
    """Saves each document as a PDF (a hall without a printer, tests, screenshots)."""

    def __init__(self, ctx: Ctx, folder: Path | None = None) -> None:
        self.ctx = ctx
        self.folder = folder or data_dir() / "counter-documents"
        self.saved: list[Path] = []

    def print_job(self, job: PrintJob, *, reprint: bool = False) -> PrintRecord:
        path = self.folder / f"{job.document}-{job.ref}.pdf"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = save_pdf(job, path)
        except OSError as exc:
            record_print(self.ctx, job, f"pdf:{path}", "failed", reprint, str(exc))
            raise DomainError(f"无法保存 PDF：{exc.strerror or exc}", code="print_failed") from exc
        self.saved.append(target)
        return record_print(self.ctx, job, f"pdf:{target}", "saved", reprint)


def make_printer(ctx: Ctx, options: dict[str, Any]) -> CaseDocumentPrinter:
    """The counter's document printer from its options (see the module docstring)."""
    printer = options.get("printer")
    if printer is not None:
        return printer  # type: ignore[no-any-return]
    name = options.get("printer_name")
    if name:
        return DocumentPrinter(ctx, QtPrinter(name=str(name)))
    return PdfCaseDocumentPrinter(ctx)


def decision_job(ctx: Ctx, case_number: str, decision: str) -> PrintJob | None:
    """The document of ``decision`` for the case, laid out (None: nothing to print)."""
    document, kind = DOCUMENTS.get(decision, ("", None))
    if document == "receipt":
        return receipt_document(ctx, case_number)
    if kind is not None:
        return notice_document(ctx, case_number, kind)
    return None


def print_decision(ctx: Ctx, printer: CaseDocumentPrinter, case_number: str, decision: str,
                   reprint: bool = False) -> PrintRecord | None:
    job = decision_job(ctx, case_number, decision)
    return None if job is None else printer.print_job(job, reprint=reprint)
