"""Material checklist for one item, printed at the kiosk before the applicant queues.

Printed on A4/A5 as a table, or on the kiosk's 58/80 mm roll as a numbered list (a table
is unreadable at 72 mm). It lists only what the catalogue lists: the hall may not ask for
anything else.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer

from hallapp.core.catalogue import Item, is_free
from hallapp.core.errors import ValidationError
from hallapp.documents._layout import (
    Styles,
    base_size,
    build_sheet,
    frame_width,
    grid_table,
    minute_text,
    para,
    styles,
)
from hallapp.documents._roll import render_roll
from hallapp.documents.labels import Labels
from hallapp.documents.model import ChecklistData, ChecklistMaterial, HallInfo
from hallapp.documents.ticket import fit_one_line, roll_styles

ROLL_PAGES = {"58mm": 58, "80mm": 80}


def limit_text(item: Item, labels: Labels) -> str:
    """``10个工作日`` and the like, in the labels' wording; 即来即办 for a 即办件."""
    if item.is_immediate:
        return labels["limit.immediate"]
    limit = item.promised_limit
    return labels.fmt(f"limit.{limit.unit}", n=limit.value)


def checklist_from_item(item: Item, hall: HallInfo, printed_at: datetime,
                        labels: Labels, english: bool = False) -> ChecklistData:
    """The checklist data for a catalogue item (what the kiosk prints).

    ``english``: the item's and materials' English names, requirements and conditions where
    the catalogue gives them, and no fee line for a free item (the labels say "free of
    charge"; the catalogue's 不收费 would not).
    """
    def local(chinese: str, english_text: str | None) -> str:
        return (english_text if english else None) or chinese

    materials = tuple(
        ChecklistMaterial(name=local(m.name, m.name_en), form=m.form,
                          copies=m.copies, required=m.required,
                          requirement=m.requirement and local(m.requirement, m.requirement_en),
                          commitment_replaceable=m.commitment_replaceable and
                          item.commitment_allowed,
                          online_verifiable=m.source == "online")
        for m in item.materials)
    return ChecklistData(hall=hall, item_name=local(item.name, item.name_en),
                         item_code=item.code, materials=materials, printed_at=printed_at,
                         promised_limit=limit_text(item, labels),
                         fee=None if english and is_free(item.fee) else local(
                             item.fee or "", item.fee_en) or None,
                         notes=item.conditions and local(item.conditions, item.conditions_en))


def _remarks(m: ChecklistMaterial, labels: Labels) -> str:
    parts = [labels["checklist.required"] if m.required else labels["checklist.optional"]]
    if m.online_verifiable:
        parts.append(labels["checklist.online_ok"])
    if m.commitment_replaceable:
        parts.append(labels["checklist.commitment_ok"])
    return labels["checklist.separator"].join(parts)


def _facts(data: ChecklistData, labels: Labels, st: Styles) -> list[Flowable]:
    lines = [para(data.item_name, st.heading),
             para(labels.fmt("checklist.code", code=data.item_code), st.small)]
    if data.promised_limit:
        lines.append(para(labels.fmt("checklist.limit", limit=data.promised_limit), st.small))
    fee = (labels.fmt("checklist.fee", fee=data.fee) if data.fee
           else labels["checklist.fee_none"])
    lines += [para(fee, st.small), Spacer(1, 2 * mm)]
    return lines


def _closing(data: ChecklistData, labels: Labels, st: Styles) -> list[Flowable]:
    lines: list[Flowable] = [Spacer(1, 2 * mm)]
    if data.notes:
        lines.append(para(labels.fmt("checklist.conditions", conditions=data.notes), st.small))
    printed = minute_text(data.printed_at, data.hall.timezone)
    lines += [para(labels["checklist.note"], st.small),
              para(labels.fmt("checklist.printed_at", time=printed), st.small)]
    return lines


def _sheet_story(data: ChecklistData, labels: Labels, page: str) -> list[Flowable]:
    st = styles(base_size(page))
    header = [labels["no"], labels["material"], labels["form"], labels["copies"],
              labels["status"]]
    rows = []
    for i, m in enumerate(data.materials, start=1):
        name = f"{m.name}\n{m.requirement}" if m.requirement else m.name
        rows.append([str(i), name, labels.get(f"form.{m.form}", m.form), str(m.copies),
                     _remarks(m, labels)])
    table = grid_table(header, rows, (0.08, 0.46, 0.15, 0.09, 0.22), frame_width(page), st,
                       centered=frozenset({0, 2, 3}))
    return [para(data.hall.name, st.hall), para(labels["checklist.title"], st.title),
            *_facts(data, labels, st), table, *_closing(data, labels, st)]


def _roll_story(data: ChecklistData, labels: Labels, width_mm: int) -> list[Flowable]:
    rs = roll_styles(width_mm)
    st = styles(10.0 if width_mm == 80 else 9.0)
    story: list[Flowable] = [
        para(data.hall.name, fit_one_line(data.hall.name, rs.hall, width_mm)),
        para(labels["checklist.title"], rs.line),
        HRFlowable(width="100%", thickness=0.8, color=(0, 0, 0), spaceAfter=3),
        *_facts(data, labels, st),
    ]
    for i, m in enumerate(data.materials, start=1):
        form = labels.get(f"form.{m.form}", m.form)
        copies = labels.fmt("copies_n", n=m.copies)
        detail = labels["checklist.separator"].join(
            x for x in (_remarks(m, labels), m.requirement) if x)
        form_copies = labels.fmt("checklist.form_copies", form=form, copies=copies)
        story += [Spacer(1, 2.5), para(f"{i}. {m.name}{form_copies}", st.body),
                  para(detail, st.small)]
    return [*story, *_closing(data, labels, st)]


def render_checklist(data: ChecklistData, labels: Labels, page: str = "A5") -> bytes:
    """PDF bytes of the checklist on ``A4``/``A5`` sheets or a ``58mm``/``80mm`` roll."""
    title = f"{labels['checklist.title']} {data.item_name}"
    if page in ROLL_PAGES:
        width = ROLL_PAGES[page]
        return render_roll(_roll_story(data, labels, width), width, title)
    if page not in ("A4", "A5"):
        raise ValidationError(f"不支持的纸张：{page}（应为 A4、A5、58mm 或 80mm）",
                              field="page", code="invalid_page", page=page)
    footer = f"{data.hall.name}  {data.item_code}"
    return build_sheet(_sheet_story(data, labels, page), page, title, footer, labels)
