"""Write a :class:`~hallapp.services.reports.Report` as XLSX (openpyxl) and PDF (reportlab).

The PDF uses the hall's CJK font (:func:`hallapp.documents.fonts.cjk_font`), A4 landscape,
one table per section with its header repeated on every page; the XLSX has one sheet per
section, with the report's title and period on top. Both hold exactly the report's cells.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from hallapp.documents.fonts import cjk_font
from hallapp.services.output_file import write_file
from hallapp.services.reports import Report, Section

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def xlsx_bytes(report: Report) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for i, section in enumerate(report.sections, 1):
        ws = wb.create_sheet(_SHEET_BAD.sub("_", section.title)[:28] or f"表{i}")
        ws.append([report.title])
        ws.append([f"{report.hall}　{report.period}"])
        ws.append([])
        ws.append(list(section.columns))
        for row in section.rows:
            ws.append(list(row))
        for note in report.notes:
            ws.append([note])
        ws["A1"].font = Font(bold=True, size=14)
        for cell in ws[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        for col, title in enumerate(section.columns, 1):
            longest = max([len(title), *(len(r[col - 1]) for r in section.rows)])
            ws.column_dimensions[get_column_letter(col)].width = min(60, 4 + 1.8 * longest)
        ws.freeze_panes = "A5"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _table(section: Section, font: str, width: float) -> tuple[Table, float]:
    """The section's table, and the height of its header and first two rows."""
    size = 7 if len(section.columns) > 8 else 9
    cell = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size + 2)
    head = ParagraphStyle("head", parent=cell, textColor=colors.white)
    data = [[Paragraph(c, head) for c in section.columns]]
    data += [[Paragraph(c, cell) for c in row] for row in section.rows]
    if not section.rows:
        data.append([Paragraph("（无）", cell)] + [""] * (len(section.columns) - 1))
    weights = [max(len(section.columns[i]), *(min(len(r[i]), 24) for r in section.rows))
               if section.rows else len(section.columns[i]) for i in range(len(section.columns))]
    total = sum(max(w, 5) for w in weights)
    widths = [width * max(w, 5) / total for w in weights]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef3f8")]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table, Table(data[:3], colWidths=widths).wrap(width, A4[0])[1]


def pdf_bytes(report: Report) -> bytes:
    font = cjk_font().name
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=12 * mm,
                            rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                            title=report.title, author=report.hall)
    title = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1)
    sub = ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=1)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=6)
    note = ParagraphStyle("note", fontName=font, fontSize=8, leading=11)
    stamp = report.generated_at.strftime("%Y-%m-%d %H:%M")
    story: list[object] = [Paragraph(report.title, title),
                           Paragraph(f"{report.hall}　统计期间：{report.period}　生成：{stamp}",
                                     sub), Spacer(1, 4 * mm)]
    for section in report.sections:
        heading = Paragraph(section.title, h2)
        table, start = _table(section, font, doc.width)
        # A section begins where its heading, the table's header and first two rows fit, else
        # on the next page: 分窗口 stood alone at the foot of page 1, its table on page 2.
        story += [CondPageBreak(h2.spaceBefore + heading.wrap(doc.width, A4[0])[1] + start),
                  heading, table, Spacer(1, 3 * mm)]
    story += [Paragraph(n, note) for n in report.notes]
    doc.build(story)
    return out.getvalue()


def write(report: Report, *, xlsx: Path | str | None = None,
          pdf: Path | str | None = None) -> list[Path]:
    """Write the requested files (their folders created); returns their paths. A file that
    cannot be written is an OutputError naming it."""
    return [write_file(target, render(report), make_folders=True)
            for target, render in ((xlsx, xlsx_bytes), (pdf, pdf_bytes)) if target]
