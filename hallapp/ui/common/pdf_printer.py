"""A document "printer" that saves each job as a PDF file and logs it like a printed copy.

A counter or back office without a printer (and the tests, and the screenshots) still hands
out every document: it lands in ``<user data dir>/<FOLDER>/`` as ``<document>-<ref>.pdf``.
Saved and failed attempts both go to the print log (``record_print``), so no copy leaves
without a log row. Called on a worker thread; no widgets here.

Cheap to import: clients build this printer at start, while ``hallapp.services.printing``
(reportlab, ~0.25 s and ~15 MB) loads at the first print.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from hallapp.config import data_dir
from hallapp.core.errors import OutputError
from hallapp.services.context import Ctx

if TYPE_CHECKING:
    from hallapp.services.printing import PrintJob, PrintRecord


def save_pdf(job: PrintJob, path: str | os.PathLike[str]) -> Path:
    """Write the job's own (vector) PDF to ``path``, replacing it whole or not at all."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.part")
    partial.write_bytes(job.pdf)
    partial.replace(target)
    return target


class PdfDocumentPrinter:
    """Saves each document as a PDF under ``folder`` (default: the data dir's ``FOLDER``)."""

    FOLDER: ClassVar[str] = "documents"

    def __init__(self, ctx: Ctx, folder: Path | None = None) -> None:
        self.ctx = ctx
        self.folder = folder or data_dir() / self.FOLDER
        self.saved: list[Path] = []

    def print_job(self, job: PrintJob, *, reprint: bool = False) -> PrintRecord:
        from hallapp.services.printing import record_print  # reportlab: at the first print

        # A ticket's reference is "2026-11-24/A001": no separator may make it a folder.
        ref = job.ref.replace("/", "_").replace("\\", "_")
        path = self.folder / f"{job.document}-{ref}.pdf"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = save_pdf(job, path)
        except OSError as exc:
            record_print(self.ctx, job, f"pdf:{path}", "failed", reprint, str(exc))
            raise OutputError(f"无法保存 PDF：{exc.strerror or exc}", code="print_failed",
                              why="pdf", error=exc.strerror or exc) from exc
        self.saved.append(target)
        return record_print(self.ctx, job, f"pdf:{target}", "saved", reprint)
