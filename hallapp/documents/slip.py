"""预约凭条: the appointment slip, on the same thermal roll as the queue ticket.

The applicant takes it home and brings it back on the day, so it says when (in the hall's
time zone) and how to check in, and carries the booking code twice: large, for typing it at
the kiosk or reading it out over the phone, and as a QR for the kiosk's scanner. The QR
holds the code only; the applicant appears masked, as the slip may be lost.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, HRFlowable, Spacer

from hallapp.documents._layout import date_text, local, minute_text, para
from hallapp.documents._roll import BigText, render_roll
from hallapp.documents.labels import Labels
from hallapp.documents.model import AppointmentSlipData
from hallapp.documents.qr import QrFlowable, appointment_payload
from hallapp.documents.receipt import hall_contact
from hallapp.documents.ticket import fit_one_line, roll_styles

TITLE_SCALE = 1.45  # the title against the hall name: read first, yet below the code
CODE_GROUP = 4  # characters per group: "ABCD 2345" is easier to read out than 8 in a row


def slip_story(data: AppointmentSlipData, labels: Labels, width_mm: int) -> list[Flowable]:
    """The flowables of one slip, top to bottom."""
    st = roll_styles(width_mm)
    story: list[Flowable] = [
        para(data.hall.name, fit_one_line(data.hall.name, st.hall, width_mm)),
        HRFlowable(width="100%", thickness=0.8, color=(0, 0, 0), spaceAfter=4),
        BigText(labels["slip.title"], st.font, st.hall.fontSize * TITLE_SCALE, stroke=0.4),
        Spacer(1, 4),
        para(labels.fmt("slip.queue", queue=data.queue_name), st.line),
    ]
    if data.item_name:
        story.append(para(data.item_name, st.small))
    slot = _slot_text(data, labels)
    story += [
        Spacer(1, 3), para(labels["slip.slot_label"], st.label),
        para(slot, fit_one_line(slot, st.line, width_mm)),
        Spacer(1, 3), para(labels["slip.code_label"], st.label),
        # bounded by the number's size, but 9 characters fill the width well before that
        BigText(spaced_code(data.code), st.font, st.number_size, stroke=0.8),
        Spacer(1, 2),
        QrFlowable(appointment_payload(data.code), st.qr_size),
        para(labels["slip.scan"], st.small),
    ]
    if data.applicant_display:
        story.append(para(labels.fmt("slip.applicant", who=data.applicant_display), st.small))
    booked = minute_text(data.booked_at, data.hall.timezone)
    story += [
        para(labels.fmt("slip.booked_at", time=booked), st.small),
        HRFlowable(width="100%", thickness=0.5, dash=(2, 2), color=(0, 0, 0),
                   spaceBefore=2, spaceAfter=3),
        para(labels.fmt("slip.rule", early=data.early_minutes, grace=data.grace_minutes),
             st.small),
    ]
    # where to come on the day, and whom to call to move or cancel the booking
    return story + hall_contact(data.hall, labels, st.small, name=False)


def spaced_code(code: str) -> str:
    """``ABCD2345`` → ``ABCD 2345`` (the check-in accepts it with or without the space)."""
    return " ".join(code[i:i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def _slot_text(data: AppointmentSlipData, labels: Labels) -> str:
    """``2026年11月28日 09:00–09:30`` in the hall's wall-clock time."""
    start = local(data.slot_start, data.hall.timezone)
    end = local(data.slot_end, data.hall.timezone)
    return labels.fmt("slip.slot", date=date_text(start.date(), labels),
                      start=f"{start:%H:%M}", end=f"{end:%H:%M}")


def render_slip(data: AppointmentSlipData, labels: Labels, width_mm: int = 80) -> bytes:
    """PDF bytes of one slip on a roll of ``width_mm`` (58 or 80)."""
    return render_roll(slip_story(data, labels, width_mm), width_mm,
                       f"{labels['slip.title']} {data.code}")
