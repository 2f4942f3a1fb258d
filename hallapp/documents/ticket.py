"""Queue ticket for 58 mm / 80 mm thermal rolls.

The applicant reads the number from across the hall, so it is as large as the paper
allows; everything else wraps at the printable width and the page grows to fit. The QR
holds only hall, day, number and ticket id (see :mod:`hallapp.documents.qr`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Spacer

from hallapp.documents._layout import minute_text, para
from hallapp.documents._roll import BigText, Mark, printable_width, render_roll
from hallapp.documents.fonts import cjk_font
from hallapp.documents.labels import Labels
from hallapp.documents.model import TicketData
from hallapp.documents.qr import QrFlowable, ticket_payload
from hallapp.documents.receipt import hall_contact


@dataclass(frozen=True)
class _RollStyles:
    font: str
    hall: ParagraphStyle
    label: ParagraphStyle
    line: ParagraphStyle
    small: ParagraphStyle
    number_size: float
    mark_size: float
    qr_size: float


@lru_cache(maxsize=4)
def roll_styles(width_mm: int) -> _RollStyles:
    """Sizes for the roll width: 58 mm paper gets slightly smaller type than 80 mm."""
    font = cjk_font().name
    k = 1.0 if width_mm == 80 else 0.85

    def style(name: str, size: float, space: float = 1.5) -> ParagraphStyle:
        return ParagraphStyle(f"roll{width_mm}-{name}", fontName=font, fontSize=size * k,
                              leading=size * k * 1.35, alignment=TA_CENTER, wordWrap="CJK",
                              spaceAfter=space)

    return _RollStyles(
        font=font,
        hall=style("hall", 14, 3), label=style("label", 10), line=style("line", 12.5),
        small=style("small", 10), number_size=80 * k, mark_size=12 * k,
        qr_size=(34 if width_mm == 80 else 30) * mm,
    )


def ticket_story(data: TicketData, labels: Labels, width_mm: int) -> list[Flowable]:
    """The flowables of one ticket, top to bottom."""
    st = roll_styles(width_mm)
    story: list[Flowable] = [
        para(data.hall.name, fit_one_line(data.hall.name, st.hall, width_mm)),
        HRFlowable(width="100%", thickness=0.8, color=(0, 0, 0), spaceAfter=4),
        para(labels["ticket.your_number"], st.label),
        BigText(data.number, st.font, st.number_size),
    ]
    story += _marks(data, labels, st)
    story += [Spacer(1, 5), para(labels.fmt("ticket.queue", queue=data.queue_name), st.line)]
    if data.item_name:
        story.append(para(data.item_name, st.small))
    story += _wait_lines(data, labels, st)
    payload = ticket_payload(data.hall.code, data.hall_day, data.number, data.ticket_id)
    story += [QrFlowable(payload, st.qr_size), para(labels["ticket.scan"], st.small)]
    if data.applicant_display:
        story.append(para(labels.fmt("ticket.applicant", who=data.applicant_display), st.small))
    taken = minute_text(data.taken_at, data.hall.timezone)
    story += [
        para(labels.fmt("ticket.taken_at", time=taken), st.small),
        HRFlowable(width="100%", thickness=0.5, dash=(2, 2), color=(0, 0, 0),
                   spaceBefore=2, spaceAfter=3),
        para(labels["ticket.instructions"], st.small),
    ]
    # where the applicant is, and whom to ask (the name is on top)
    return story + hall_contact(data.hall, labels, st.small, name=False)


def _marks(data: TicketData, labels: Labels, st: _RollStyles) -> list[Flowable]:
    """Green channel (inverted, seen at a glance by the floor staff) and appointment."""
    marks: list[Flowable] = []
    if data.green_channel:
        marks += [Spacer(1, 3), Mark(labels.fmt("ticket.green", kind=data.green_channel),
                                     st.font, st.mark_size, inverted=True)]
    if data.appointment_slot:
        marks += [Spacer(1, 3), Mark(labels.fmt("ticket.appointment",
                                                slot=data.appointment_slot),
                                     st.font, st.mark_size, inverted=False)]
    return marks


def fit_one_line(text: str, style: ParagraphStyle, width_mm: int) -> ParagraphStyle:
    """Shrink a heading up to 20 % so it stays on one line instead of orphaning a char."""
    needed = stringWidth(text, style.fontName, style.fontSize)
    avail = printable_width(width_mm) - style.fontSize  # the roll wraps one em narrower
    if needed <= avail:
        return style
    ratio = (avail + style.fontSize) / (needed + style.fontSize) * 0.98
    if ratio < 0.8:
        return style
    size = style.fontSize * ratio
    return ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size, leading=size * 1.35)


def _wait_lines(data: TicketData, labels: Labels, st: _RollStyles) -> list[Flowable]:
    if data.priority_from is not None:
        return [para(labels.fmt("ticket.priority_from", time=data.priority_from), st.line),
                Spacer(1, 2)]
    if data.people_ahead is None:
        return [Spacer(1, 2)]
    ahead = (labels.fmt("ticket.ahead", n=data.people_ahead) if data.people_ahead > 0
             else labels["ticket.ahead_none"])
    lines = [para(ahead, st.line)]
    if data.estimated_wait_minutes is not None and data.people_ahead > 0:
        lines.append(para(labels.fmt("ticket.wait", minutes=data.estimated_wait_minutes),
                          st.line))
    return [*lines, Spacer(1, 2)]


def render_ticket(data: TicketData, labels: Labels, width_mm: int = 80) -> bytes:
    """PDF bytes of one ticket on a roll of ``width_mm`` (58 or 80)."""
    return render_roll(ticket_story(data, labels, width_mm), width_mm,
                       f"{data.hall.name} {data.number}")
