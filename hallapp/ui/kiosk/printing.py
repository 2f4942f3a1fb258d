"""The kiosk's fallback printer: save each ticket and checklist as a PDF file.

Until a real ticket printer is configured (``options["printer"]``, see
``hallapp.ui.common.printer_api.TicketPrinter``), a kiosk still works end to end: tickets go
to ``<user data dir>/tickets/`` and material checklists to ``<user data dir>/checklists/``.
A file that cannot be written is a failed print (``DomainError(code="print_failed")``), so
the kiosk withdraws the ticket exactly as it would for a jammed printer. No Qt here: the
kiosk calls it on a worker thread.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hallapp.config import data_dir
from hallapp.core.errors import DomainError, OutputError

if TYPE_CHECKING:
    from hallapp.core.catalogue import Item
    from hallapp.documents.model import ChecklistData, HallInfo
    from hallapp.services import hall as hall_service
    from hallapp.services.context import Ctx
    from hallapp.services.queue_common import TicketInfo

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def document_hall(hall: hall_service.HallInfo, english: bool = False) -> HallInfo:
    # The documents package loads with the kiosk's font warm-up (or the first print).
    from hallapp.documents.model import HallInfo

    name = (hall.name_en if english else None) or hall.name
    address = (hall.address_en if english else None) or hall.address
    return HallInfo(code=hall.code, name=name, address=address, phone=hall.phone,
                    timezone=hall.timezone)


def _write(folder: Path, name: str, pdf: bytes) -> Path:
    """Write atomically, so a half-written file never looks like a printed ticket."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / _UNSAFE.sub("_", name)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(pdf)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"打印失败：无法保存文件（{exc.strerror or exc}）",
                          code="print_failed") from exc
    return path


class PdfTicketPrinter:
    """A :class:`TicketPrinter` that saves the ticket PDF instead of printing it: the same
    ticket as a real printer's (``ticket_document``), logged as saved."""

    def __init__(self, ctx: Ctx, folder: Path | None = None, width_mm: int = 80) -> None:
        self.ctx = ctx
        self.folder = folder or data_dir() / "tickets"
        self.checklist_folder = self.folder.parent / "checklists"
        self.width_mm = width_mm
        self.saved: list[Path] = []

    def print_ticket(self, ticket: TicketInfo, lang: str = "zh") -> None:
        # reportlab and the print log: at the first print, not at the kiosk's start
        from hallapp.services.printing import record_print, ticket_document

        job = ticket_document(self.ctx, ticket.id, self.width_mm, lang=lang)
        name = f"{ticket.hall_day.isoformat()}-{ticket.number}-{ticket.id}.pdf"
        try:
            path = _write(self.folder, name, job.pdf)
        except DomainError as exc:
            record_print(self.ctx, job, f"pdf:{self.folder}", "failed", detail=exc.message)
            raise
        self.saved.append(path)
        record_print(self.ctx, job, f"pdf:{path}", "saved")

    def print_checklist(self, data: ChecklistData, lang: str = "zh") -> None:
        from hallapp.documents.api import build_checklist  # reportlab: at the first print
        from hallapp.documents.labels_en import document_labels

        pdf = build_checklist(data, document_labels(lang))
        stamp = data.printed_at.strftime("%Y%m%d-%H%M%S")
        self.saved.append(_write(self.checklist_folder, f"{data.item_code}-{stamp}.pdf", pdf))


def checklist_data(hall: hall_service.HallInfo, item: Item, lang: str = "zh",
                   now: datetime | None = None) -> ChecklistData:
    """The item's checklist as printed, in ``lang``: English labels and, where the hall gave
    them, the hall's, the item's and its materials' English names."""
    from hallapp.documents.checklist import checklist_from_item  # not at the kiosk's start
    from hallapp.documents.labels import Labels
    from hallapp.documents.labels_en import document_labels

    english = lang == "en"
    return checklist_from_item(item, document_hall(hall, english), now or datetime.now(UTC),
                               Labels(document_labels(lang)), english)


def print_checklist(printer: object, fallback: PdfTicketPrinter | None,
                    data: ChecklistData, lang: str = "zh") -> None:
    """Use the configured printer if it can print checklists, else save the PDF."""
    target = printer if hasattr(printer, "print_checklist") else fallback
    if target is None:
        raise OutputError("没有可用的打印机", code="print_failed")
    target.print_checklist(data, lang)

