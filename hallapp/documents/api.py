"""The calls services make: data in, PDF bytes out.

Labels may be ``None`` (Simplified Chinese), a :class:`~hallapp.documents.labels.Labels`,
or a plain mapping of overrides (e.g. English text from the UI's translator). Output is
deterministic for the same input (reportlab ``invariant``), which keeps tests and print
logs comparable. Font registration and styles are cached, so only the first call in a
process pays for loading the CJK font.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from hallapp.documents._roll import printable_width
from hallapp.documents.checklist import render_checklist
from hallapp.documents.labels import resolve
from hallapp.documents.model import (
    AppointmentSlipData,
    ChecklistData,
    HallInfo,
    NoticeData,
    ReceiptData,
    TicketData,
)
from hallapp.documents.notices import render_notice
from hallapp.documents.receipt import render_receipt
from hallapp.documents.slip import render_slip
from hallapp.documents.ticket import render_ticket


def build_ticket(data: TicketData, labels: Mapping[str, str] | None = None,
                 width_mm: int = 80) -> bytes:
    """Queue ticket on a 58 mm or 80 mm thermal roll."""
    printable_width(width_mm)  # refuse an unknown roll before laying anything out
    return render_ticket(data, resolve(labels), width_mm)


def build_appointment_slip(data: AppointmentSlipData, labels: Mapping[str, str] | None = None,
                           width_mm: int = 80) -> bytes:
    """预约凭条 on a 58 mm or 80 mm thermal roll, like the queue ticket."""
    printable_width(width_mm)
    return render_slip(data, resolve(labels), width_mm)


def build_receipt(data: ReceiptData, labels: Mapping[str, str] | None = None,
                  page: str = "A4") -> bytes:
    """受理回执 on A4 or A5."""
    return render_receipt(data, resolve(labels), page)


def build_notice(kind: str, data: NoticeData, labels: Mapping[str, str] | None = None,
                 page: str = "A4") -> bytes:
    """One notice; ``kind`` in missing/refusal/correction/supplement/result, matching data."""
    return render_notice(kind, data, resolve(labels), page)


def build_checklist(data: ChecklistData, labels: Mapping[str, str] | None = None,
                    page: str = "A5") -> bytes:
    """Material checklist on A4/A5 or a 58mm/80mm roll."""
    return render_checklist(data, resolve(labels), page)


def warm_up() -> None:
    """Load the font and lay out a throw-away ticket now (kiosk start-up), not on a print.

    Raises ``DomainError(code="no_cjk_font")`` at start-up if no usable font exists.
    """
    hall = HallInfo(code="WARMUP", name="预热")
    moment = datetime(2000, 1, 1, 9, 0)
    build_ticket(TicketData(hall=hall, hall_day=moment.date(), number="A001", ticket_id=1,
                            queue_name="预热", taken_at=moment, people_ahead=1,
                            estimated_wait_minutes=1, green_channel="预热"))
