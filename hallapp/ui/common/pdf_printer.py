"""A document "printer" that saves each job as a PDF file and logs it like a printed copy.

A counter or back office without a printer (and the tests, and the screenshots) still hands
out every document: it lands in ``<user data dir>/<FOLDER>/`` as ``<document>-<ref>.pdf``.
Saved and failed attempts both go to the print log (``record_print``), so no copy leaves
without a log row. Called on a worker thread; no widgets here.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from hallapp.config import data_dir
from hallapp.core.errors import DomainError
from hallapp.services.context import Ctx
from hallapp.services.printing import PrintJob, PrintRecord, record_print
from hallapp.ui.common.printing import save_pdf


class PdfDocumentPrinter:
    """Saves each document as a PDF under ``folder`` (default: the data dir's ``FOLDER``)."""

    FOLDER: ClassVar[str] = "documents"

    def __init__(self, ctx: Ctx, folder: Path | None = None) -> None:
        self.ctx = ctx
        self.folder = folder or data_dir() / self.FOLDER
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
