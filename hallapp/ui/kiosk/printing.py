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
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from hallapp.config import data_dir
from hallapp.core.errors import DomainError

if TYPE_CHECKING:
    from hallapp.core.catalogue import Item
    from hallapp.documents.model import ChecklistData, HallInfo, TicketData
    from hallapp.services import hall as hall_service
    from hallapp.services.queue_common import TicketInfo

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
LIMIT_UNITS_ZH = {"working_day": "个工作日", "natural_day": "个自然日", "hour": "小时"}


def document_hall(hall: hall_service.HallInfo) -> HallInfo:
    # The documents package loads with the kiosk's font warm-up (or the first print); the
    # kiosk builds its printer when the hall is read, before its first frame.
    from hallapp.documents.model import HallInfo

    return HallInfo(code=hall.code, name=hall.name, address=hall.address, phone=hall.phone,
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
        raise DomainError(f"打印失败：无法保存文件（{exc.strerror or exc}）",
                          code="print_failed") from exc
    return path


class PdfTicketPrinter:
    """A :class:`TicketPrinter` that saves the ticket PDF instead of printing it."""

    def __init__(self, hall: hall_service.HallInfo, folder: Path | None = None,
                 width_mm: int = 80) -> None:
        self.hall_info = hall
        self.green = {str(p.get("code")): str(p.get("name")) for p in hall.priority_classes}
        self.folder = folder or data_dir() / "tickets"
        self.checklist_folder = self.folder.parent / "checklists"
        self.width_mm = width_mm
        self.saved: list[Path] = []

    @cached_property
    def hall(self) -> HallInfo:
        """The hall as printed (see :func:`document_hall`)."""
        return document_hall(self.hall_info)

    def ticket_data(self, ticket: TicketInfo) -> TicketData:
        from hallapp.documents.model import TicketData

        return TicketData(
            hall=self.hall, hall_day=ticket.hall_day, number=ticket.number,
            ticket_id=ticket.id, queue_name=ticket.queue_name, taken_at=ticket.taken_at,
            people_ahead=ticket.people_ahead, estimated_wait_minutes=ticket.estimated_minutes,
            green_channel=self.green.get(ticket.priority or "") if ticket.priority else None,
            applicant_display=ticket.id_number_masked or ticket.phone_masked or None)

    def print_ticket(self, ticket: TicketInfo) -> None:
        from hallapp.documents.api import build_ticket  # reportlab: at the first print

        pdf = build_ticket(self.ticket_data(ticket), width_mm=self.width_mm)
        name = f"{ticket.hall_day.isoformat()}-{ticket.number}-{ticket.id}.pdf"
        self.saved.append(_write(self.folder, name, pdf))

    def print_checklist(self, data: ChecklistData) -> None:
        from hallapp.documents.api import build_checklist  # reportlab: at the first print

        pdf = build_checklist(data)
        stamp = data.printed_at.strftime("%Y%m%d-%H%M%S")
        self.saved.append(_write(self.checklist_folder, f"{data.item_code}-{stamp}.pdf", pdf))


def limit_text(item: Item) -> str:
    """即办件 → 当场办结; otherwise the promised limit, e.g. "10个工作日"."""
    limit = item.promised_limit
    if item.is_immediate or limit.unit == "immediate":
        return "当场办结"
    return f"{limit.value}{LIMIT_UNITS_ZH.get(limit.unit, limit.unit)}"


def checklist_data(hall: hall_service.HallInfo, item: Item,
                   now: datetime | None = None) -> ChecklistData:
    from hallapp.documents.model import ChecklistData, ChecklistMaterial

    materials = tuple(
        ChecklistMaterial(name=m.name, form=m.form, copies=m.copies, required=m.required,
                          requirement=m.requirement,
                          commitment_replaceable=m.commitment_replaceable,
                          online_verifiable=m.source == "online")
        for m in item.materials)
    return ChecklistData(hall=document_hall(hall), item_name=item.name, item_code=item.code,
                         materials=materials, printed_at=now or datetime.now(UTC),
                         promised_limit=limit_text(item), fee=item.fee)


def print_checklist(printer: object, fallback: PdfTicketPrinter | None,
                    data: ChecklistData) -> None:
    """Use the configured printer if it can print checklists, else save the PDF."""
    target = printer if hasattr(printer, "print_checklist") else fallback
    if target is None:
        raise DomainError("没有可用的打印机", code="print_failed")
    target.print_checklist(data)

