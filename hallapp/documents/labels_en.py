"""English for what an applicant who reads English is handed: the queue ticket and the
material checklist (the kiosk, in the language chosen there) and the appointment slip (the
counter, when the clerk asks for it).

Only these are translated. Receipts and notices are the hall's formal documents
(受理回执, 一次性告知书, 不予受理通知书…) and are always printed in Chinese. Each text keeps
the placeholders of the Chinese default it replaces (:class:`~hallapp.documents.labels.Labels`
refuses any other).
"""

from __future__ import annotations

from collections.abc import Mapping

ENGLISH_LABELS: Mapping[str, str] = {
    # --- common, as the checklist uses them ----------------------------------------------
    "no": "No.",
    "material": "Material",
    "form": "Form",
    "copies": "Qty",
    "copies_n": "×{n}",
    "status": "Notes",
    "page": "Page {page} of {pages}",
    "address": "Address: {address}",
    "phone": "Enquiries: {phone}",
    "date_format": "{year}-{month:02d}-{day:02d}",
    "form.original": "Original",
    "form.copy": "Copy",
    "form.original_and_copy": "Original and copy",
    "form.electronic": "Electronic",
    # --- queue ticket -------------------------------------------------------------------
    "ticket.your_number": "Your number",
    "ticket.queue": "Service: {queue}",
    "ticket.ahead": "People ahead of you: {n}",
    "ticket.ahead_none": "Nobody is ahead of you",
    "ticket.wait": "Expected wait: about {minutes} min",
    "ticket.priority_from": "Appointment: called with priority from {time}",
    "ticket.taken_at": "Taken at {time}",
    "ticket.instructions": "Please watch the call screen and listen for your number. If you "
                           "miss it, ask at the service desk.",
    "ticket.green": "Priority · {kind}",
    "ticket.appointment": "Appointment · {slot}",
    "ticket.applicant": "Applicant: {who}",
    "ticket.scan": "Scan to see your place in line",
    # --- appointment slip ---------------------------------------------------------------
    "slip.title": "Appointment",
    "slip.queue": "Service: {queue}",
    "slip.slot_label": "Your time",
    "slip.slot": "{date} {start}–{end}",
    "slip.code_label": "Appointment code",
    "slip.scan": "Scan this QR code to check in",
    "slip.applicant": "Booked for: {who}",
    "slip.booked_at": "Booked at {time}",
    "slip.rule": "Check in at a self-service kiosk (Appointment check-in) from {early} minutes "
                 "before your time until {grace} minutes after it: scan the QR code or type "
                 "the code. Later than that, you queue as a normal ticket.",
    # --- material checklist -------------------------------------------------------------
    "checklist.title": "Materials checklist",
    "checklist.code": "Code: {code}",
    "checklist.separator": "; ",
    "checklist.form_copies": " ({form} {copies})",
    "checklist.limit": "Promised time limit: {limit}",
    "checklist.fee": "Fee: {fee}",
    "checklist.fee_none": "Fee: free of charge",
    "checklist.required": "Required",
    "checklist.optional": "If applicable",
    "checklist.commitment_ok": "Or a written commitment",
    "checklist.online_ok": "Verified online: no need to bring it",
    "limit.working_day": "{n} working day{s}",
    "limit.natural_day": "{n} calendar day{s}",
    "limit.hour": "{n} hour{s}",
    "limit.immediate": "Done on the spot",
    "checklist.printed_at": "Printed at {time}",
    "checklist.conditions": "Who may apply: {conditions}",
    "checklist.note": "Please prepare the materials on this list before taking a ticket; the "
                      "window will not ask for anything that is not on it.",
}


def document_labels(lang: str) -> Mapping[str, str]:
    """The label overrides for a document printed in ``lang`` ("zh" needs none)."""
    return ENGLISH_LABELS if lang == "en" else {}
