"""Printed documents from the database, and the print log.

The document calls read the rows in a read-only unit of work, lay the PDF out after it has
closed (no session is held while reportlab works) and return a :class:`PrintJob`. Sending the
job to paper is the client's business (Qt printer, CUPS, ESC/POS); whatever happens, the
client reports it with :func:`record_print`, so every print, reprint, failure and saved copy
is in the print log and the audit chain: what, for which ticket, case or appointment, by
whom, where.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.errors import DomainError, NotFound, ValidationError
from hallapp.core.masking import mask_id_number, mask_name, mask_phone
from hallapp.core.roles import Perm
from hallapp.documents.api import (
    build_appointment_slip,
    build_notice,
    build_receipt,
    build_ticket,
)
from hallapp.documents.labels import DEFAULT_LABELS
from hallapp.documents.labels_en import document_labels
from hallapp.documents.model import NOTICE_KINDS, AppointmentSlipData
from hallapp.services import appointments
from hallapp.services.appointment_rules import EARLY_CHECKIN
from hallapp.services.backoffice import check_department
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.printing_data import (
    case_by_number,
    hall_info,
    item_name,
    notice_data,
    receipt_data,
    ticket_data,
    ticket_ref,
)
from hallapp.services.queue_common import ticket_by_ref, today
from hallapp.store.models import (
    Appointment,
    AppointmentSlot,
    Case,
    Hall,
    PrintLog,
    Queue,
    Ticket,
)

OUTCOMES = ("printed", "failed", "saved")


def document_title(document: str) -> str:
    """A logged document's name as printed on it: notice_missing → 一次性告知书."""
    if document == "ticket":
        return "排队号票"
    key = "slip.title" if document == "appointment" else \
        f"{document.removeprefix('notice_')}.title"
    return str(DEFAULT_LABELS.get(key, document))
PAGES = ("A4", "A5")
LANGUAGES = ("zh", "en")  # of the documents printed for an applicant: tickets, checklists
MAX_DETAIL = 300


@dataclass(frozen=True)
class PrintJob:
    """One document ready for paper: ``document`` (ticket, receipt, notice_<kind>,
    appointment) and the ticket, case or booking code it is for (``ref``), with the PDF bytes
    and a title for the print queue."""

    document: str
    ref: str
    pdf: bytes
    title: str


@dataclass(frozen=True)
class PrintRecord:
    id: int
    at: datetime
    document: str
    ref: str
    actor: str
    terminal: str | None
    printer: str | None
    outcome: str
    reprint: bool
    detail: str | None


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValidationError(f"语言 {lang} 无效，应为 {'/'.join(LANGUAGES)} 之一", field="lang",
                              code="unknown_language")


def _check_page(page: str) -> str:
    if page not in PAGES:
        raise ValidationError(f"纸张 {page} 无效，应为 A4 或 A5", field="page", code="page_size")
    return page


@action(Perm.PRINT)
def ticket_document(ctx: Ctx, ref: str | int, width_mm: int = 80,
                    labels: Mapping[str, str] | None = None, lang: str = "zh") -> PrintJob:
    """The queue ticket ``ref`` (id, today's number, or ``YYYY-MM-DD/A001``) on a roll;
    ``lang="en"``: in English, for an applicant who chose English at the kiosk."""
    _check_lang(lang)
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        ticket = ticket_by_ref(uow.session, hall, ref, today(hall, uow.now))
        data = ticket_data(uow.session, hall, ticket, uow.now, english=lang == "en")
        job_ref = ticket_ref(ticket)
    pdf = build_ticket(data, {**document_labels(lang), **(labels or {})}, width_mm)
    return PrintJob("ticket", job_ref, pdf, f"排队号 {data.number}")


@action(Perm.PRINT_CASE)
def receipt_document(ctx: Ctx, case_number: str, page: str = "A4",
                     labels: Mapping[str, str] | None = None) -> PrintJob:
    """受理回执 of an accepted case (masked per the hall's ``mask_names`` setting); an
    approver prints only their department's, as they see only those."""
    _check_page(page)
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        case = case_by_number(uow.session, case_number)
        check_department(ctx.actor, case)
        data = receipt_data(uow.session, hall, case, ctx.actor)
    pdf = build_receipt(data, labels, page)
    number = data.case.case_number
    return PrintJob("receipt", number, pdf, f"{DEFAULT_LABELS['receipt.title']} {number}")


@action(Perm.PRINT_CASE)
def notice_document(ctx: Ctx, case_number: str, kind: str, page: str = "A4",
                    labels: Mapping[str, str] | None = None) -> PrintJob:
    """A notice of ``kind`` (missing, refusal, correction, supplement, result) for a case;
    an approver's department's only."""
    if kind not in NOTICE_KINDS:
        raise ValidationError(f"未知的通知书类型：{kind}（应为 {'/'.join(NOTICE_KINDS)} 之一）",
                              field="kind", code="invalid_notice_kind")
    _check_page(page)
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        case = case_by_number(uow.session, case_number)
        check_department(ctx.actor, case)
        data = notice_data(uow.session, hall, case, kind, ctx.actor, uow.now)
    pdf = build_notice(kind, data, labels, page)
    number = data.head.case.case_number
    return PrintJob(f"notice_{kind}", number, pdf, f"{DEFAULT_LABELS[f'{kind}.title']} {number}")


@action(Perm.PRINT)
def appointment_document(ctx: Ctx, code_or_qr: str, width_mm: int = 80,
                         labels: Mapping[str, str] | None = None, lang: str = "zh") -> PrintJob:
    """预约凭条 of a booking still to be checked in (code or QR payload), on a roll;
    ``lang="en"``: in English, for an applicant who reads English.

    A checked-in, missed or cancelled booking gets none: its slip could no longer be used
    at the kiosk, and a cancelled one handed out would look like a valid appointment.
    """
    code = appointments.parse_code(code_or_qr)
    _check_lang(lang)
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        appt = appointments.require_booked(appointments.booking_by_code(uow.session, code),
                                           "，不能打印预约凭条")
        data = _slip_data(uow.session, hall, appt, english=lang == "en")
    pdf = build_appointment_slip(data, {**document_labels(lang), **(labels or {})}, width_mm)
    return PrintJob("appointment", data.code, pdf, f"{DEFAULT_LABELS['slip.title']} {data.code}")


def _slip_data(session: Session, hall: Hall, appt: Appointment,
               english: bool = False) -> AppointmentSlipData:
    """The slip always masks (the hall's mask_names is for case papers): it may be lost.
    ``english``: the hall's, queue's and item's English names where the hall gave them."""
    slot = session.get(AppointmentSlot, appt.slot_id)
    queue = session.get(Queue, slot.queue_id) if slot else None
    assert slot is not None  # foreign keys: a broken database, not a user error
    assert queue is not None
    who = (mask_name(appt.name), mask_phone(appt.phone) or mask_id_number(appt.id_number))
    return AppointmentSlipData(
        hall=hall_info(hall, english), code=appt.code,
        queue_name=(queue.name_en if english else None) or queue.name,
        item_name=item_name(session, appt.item_code, english), slot_start=slot.starts_at,
        slot_end=slot.ends_at, applicant_display=" ".join(w for w in who if w),
        booked_at=appt.booked_at, grace_minutes=slot.grace_minutes,
        early_minutes=int(EARLY_CHECKIN.total_seconds() // 60))


def _already_printed(session: Session, document: str, ref: str) -> bool:
    return session.scalar(select(PrintLog.id).where(
        PrintLog.document == document, PrintLog.ref == ref,
        PrintLog.outcome == "printed").limit(1)) is not None


def _record(row: PrintLog) -> PrintRecord:
    return PrintRecord(row.id, row.at, row.document, row.ref, row.actor, row.terminal,
                       row.printer, row.outcome, row.reprint, row.detail)


@action(Perm.PRINT)
def record_print(ctx: Ctx, job: PrintJob, printer: str | None, outcome: str,
                 reprint: bool = False, detail: str | None = None) -> PrintRecord:
    """Log one attempt to put ``job`` on paper (or into a file).

    ``reprint`` is set whenever the same document of the same ref was printed before, so the
    log shows reprints even if the caller did not say so.
    """
    if outcome not in OUTCOMES:
        raise ValidationError(f"打印结果 {outcome} 无效，应为 {'/'.join(OUTCOMES)} 之一",
                              field="outcome", code="print_outcome")
    with ctx.uow() as uow:
        again = reprint or _already_printed(uow.session, job.document, job.ref)
        row = PrintLog(at=uow.now, document=job.document, ref=job.ref,
                       actor=ctx.actor.username, terminal=ctx.terminal,
                       printer=(printer or None) and printer[:200], outcome=outcome,
                       reprint=again, detail=detail[:MAX_DETAIL] if detail else None)
        uow.session.add(row)
        uow.session.flush()
        uow.audit("document_print", "print_log", row.id, after={
            "document": job.document, "ref": job.ref, "printer": row.printer,
            "outcome": outcome, "reprint": again, "detail": row.detail})
        if outcome == "failed":  # a kiosk out of paper should reach the supervisor's screen
            uow.emit("print_failed", document=job.document, ref=job.ref,
                     terminal=ctx.terminal, printer=row.printer)
        record = _record(row)
        uow.commit()
    return record


@action(Perm.PRINT)
def print_history(ctx: Ctx, ref: str | int) -> list[PrintRecord]:
    """Every logged print of a ticket, case or appointment, oldest first.

    ``ref`` is a print-log ref (case number, ``YYYY-MM-DD/A001``, booking code); a ticket may
    also be named as the ticket service names it (id, or today's number), a booking by its
    slip's QR payload.
    """
    with ctx.uow(readonly=True) as uow:
        s = uow.session
        text = str(ref).strip().upper()
        if text.startswith(appointments.QR_PREFIX):  # a slip held to the scanner
            text = appointments.parse_code(text)
        rows = list(s.scalars(select(PrintLog).where(PrintLog.ref == text)
                              .order_by(PrintLog.id)))
        if not rows:
            try:
                hall = get_hall_row(s)
                text = ticket_ref(ticket_by_ref(s, hall, ref, today(hall, uow.now)))
            except DomainError:
                if not _names_something(s, text):  # a typo is not "never printed"
                    raise NotFound(f"没有号码、办件或预约 {ref}", field="ref",
                                   code="print_ref_unknown", ref=str(ref)) from None
                return []
            rows = list(s.scalars(select(PrintLog).where(PrintLog.ref == text)
                                  .order_by(PrintLog.id)))
        return [_record(r) for r in rows]


def _names_something(s: Session, text: str) -> bool:
    """Whether ``text`` is a case number, a booking code or a ``2026-11-24/A001`` ticket."""
    day, slash, number = text.partition("/")
    if slash:
        try:
            hall_day = date.fromisoformat(day)
        except ValueError:
            return False
        return s.scalar(select(Ticket.id).where(Ticket.hall_day == hall_day,
                                                Ticket.number == number).limit(1)) is not None
    return (s.scalar(select(Case.id).where(Case.number == text)) is not None
            or s.scalar(select(Appointment.id).where(Appointment.code == text)) is not None)
