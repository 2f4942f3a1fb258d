"""受理回执: proof that the case was accepted, what was handed in and when it is due.

The applicant keeps it and shows it to collect the result; the QR (case number and
verification code only) lets anyone look up progress without the paper telling them who
the applicant is.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from hallapp.documents._layout import (
    Styles,
    base_size,
    build_sheet,
    date_text,
    frame_width,
    grid_table,
    key_value_table,
    minute_text,
    para,
    styles,
)
from hallapp.documents.labels import Labels
from hallapp.documents.model import CaseRef, HallInfo, MaterialLine, ReceiptData
from hallapp.documents.qr import QrFlowable, case_payload

QR_SIZE = {"A4": 38 * mm, "A5": 32 * mm}


def header_with_qr(rows: list[tuple[str, str]], case: CaseRef, page: str, labels: Labels,
                   st: Styles) -> Table:
    """Key-value facts on the left, the case QR and how to use it on the right."""
    width = frame_width(page)
    qr_w = QR_SIZE[page] + 4 * mm
    facts = key_value_table(rows, width - qr_w - 3 * mm, st)
    qr_cell = [QrFlowable(case_payload(case.case_number, case.verification_code),
                          QR_SIZE[page]), para(labels["scan_case"], st.center)]
    table = Table([[facts, qr_cell]], colWidths=[width - qr_w, qr_w])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def case_rows(case: CaseRef, labels: Labels) -> list[tuple[str, str]]:
    return [
        (labels["case_number"], case.case_number),
        (labels["verification_code"], case.verification_code),
        (labels["item"], case.item_name),
        (labels["item_code"], case.item_code),
        (labels["applicant"], case.applicant_display),
    ]


def hall_contact(hall: HallInfo, labels: Labels, style: ParagraphStyle, *,
                 name: bool = True) -> list[Flowable]:
    """Hall name (unless ``name`` is False: a roll has it on top), address and phone, for the
    foot of a document."""
    lines: list[Flowable] = [para(hall.name, style)] if name else []
    if hall.address:
        lines.append(para(labels.fmt("address", address=hall.address), style))
    if hall.phone:
        lines.append(para(labels.fmt("phone", phone=hall.phone), style))
    return lines


def materials_table(materials: tuple[MaterialLine, ...], page: str, labels: Labels,
                    st: Styles) -> Table:
    header = [labels["no"], labels["material"], labels["form"], labels["copies"],
              labels["status"]]
    rows = [[str(i), m.name, labels.get(f"form.{m.form}", m.form) if m.form else "—",
             str(m.copies) if m.copies else "—", labels.get(f"status.{m.status}", m.status)]
            for i, m in enumerate(materials, start=1)]
    return grid_table(header, rows, (0.08, 0.5, 0.17, 0.09, 0.16), frame_width(page), st,
                      centered=frozenset({0, 2, 3, 4}))


def receipt_story(data: ReceiptData, labels: Labels, page: str) -> list[Flowable]:
    st = styles(base_size(page))
    tz = data.hall.timezone
    promised = (date_text(data.promised_date, labels) if data.promised_date
                else labels["receipt.promised_immediate"])
    if data.promised_date and data.promised_time:
        promised += f" {data.promised_time:%H:%M}"
    rows = [*case_rows(data.case, labels),
            (labels["receipt.accepted_at"], minute_text(data.accepted_at, tz)),
            (labels["receipt.promised_date"], promised)]
    if data.supplement_due is not None:  # 容缺后补 below: by when
        rows.append((labels["receipt.supplement_due"], labels.fmt(
            "receipt.supplement_date", date=date_text(data.supplement_due, labels))))
    rows += [(labels["window"], data.window), (labels["clerk"], data.clerk)]
    story: list[Flowable] = [
        para(data.hall.name, st.hall),
        para(labels["receipt.title"], st.title),
        header_with_qr(rows, data.case, page, labels, st),
        Spacer(1, 3 * mm),
        para(labels["receipt.intro"], st.body),
        para(labels["receipt.materials"], st.heading),
        materials_table(data.materials, page, labels, st),
    ]
    if data.commitments:
        story.append(para(labels["receipt.commitments"], st.heading))
        story += [para(f"{i}. {text}", st.body) for i, text in enumerate(data.commitments, 1)]
    story += [Spacer(1, 3 * mm), para(labels["receipt.note"], st.body),
              Spacer(1, 3 * mm), KeepTogether(hall_contact(data.hall, labels, st.small))]
    return story


def render_receipt(data: ReceiptData, labels: Labels, page: str = "A4") -> bytes:
    """PDF bytes of the acceptance receipt on A4 or A5."""
    footer = f"{data.hall.name}  {labels['case_number']} {data.case.case_number}"
    return build_sheet(receipt_story(data, labels, page), page, labels["receipt.title"],
                       footer, labels)
