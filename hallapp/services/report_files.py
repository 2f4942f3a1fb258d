"""Write a :class:`~hallapp.services.reports.Report` as XLSX (openpyxl) and PDF (reportlab).

The PDF uses the hall's CJK font (:func:`hallapp.documents.fonts.cjk_font`), A4 landscape,
one table per section with its header repeated on every page; the XLSX has one sheet per
section, with the report's title and period on top. Both hold exactly the report's cells:
the PDF as text, the XLSX as numbers (a rate as a percentage, with its counts beside it).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
from hallapp.services.case_kpi import Rate
from hallapp.services.output_file import write_file
from hallapp.services.reports import Cell, Percent, Report, Section

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _xlsx_cells(cell: Cell) -> list[tuple[Any, str | None]]:
    """A report cell as worksheet cells (value, number format): a rate is its share as a
    percentage and, in the next cell, its counts ("2/3"); minutes to the tenth; nothing shown
    (—) is an empty cell, which Excel's sums and averages leave out."""
    if isinstance(cell, Rate):
        share = cell.numerator / cell.denominator if cell.denominator else None
        return [(share, "0.0%"), (f"{cell.numerator}/{cell.denominator}", None)]
    if isinstance(cell, Percent):
        return [(cell.value / 100, "0.0%")]
    if isinstance(cell, float):
        return [(cell, "0.0")]
    if isinstance(cell, date):
        return [(cell, "yyyy-mm-dd hh:mm" if isinstance(cell, datetime) else "yyyy-mm-dd")]
    return [(cell, None)]


def _sheet_columns(section: Section) -> list[str]:
    """The section's columns, each column of rates followed by one of their counts."""
    out = []
    for i, title in enumerate(section.columns):
        out.append(title)
        if any(isinstance(row[i], Rate) for row in section.cells):
            out.append(f"{title}（分子/分母）")
    return out


def _sheet_row(section: Section, row: tuple[Cell, ...]) -> list[tuple[Any, str | None]]:
    out: list[tuple[Any, str | None]] = []
    for i, cell in enumerate(row):
        cells = _xlsx_cells(cell)
        if len(cells) == 1 and any(isinstance(r[i], Rate) for r in section.cells):
            cells.append((None, None))  # no counts in a column of rates: keep the columns
        out += cells
    return out


def _shown_width(value: Any, fmt: str | None) -> int:
    """How many characters Excel shows for a cell (for the column's width)."""
    if value is None:
        return 0
    if fmt in ("0.0%", "0.0"):
        return len(f"{value * 100:.1f}%" if fmt == "0.0%" else f"{value:.1f}")
    return len(fmt) if fmt else len(str(value))


def xlsx_bytes(report: Report) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for i, section in enumerate(report.sections, 1):
        ws = wb.create_sheet(_SHEET_BAD.sub("_", section.title)[:28] or f"表{i}")
        ws.append([report.title])
        ws.append([f"{report.hall}　{report.period}"])
        ws.append([])
        columns = _sheet_columns(section)
        ws.append(columns)
        widths = [len(c) for c in columns]
        for row in section.cells:
            cells = _sheet_row(section, row)
            ws.append([value for value, _ in cells])
            for col, (value, fmt) in enumerate(cells, 1):
                if fmt:
                    ws.cell(ws.max_row, col).number_format = fmt
                widths[col - 1] = max(widths[col - 1], _shown_width(value, fmt))
        for note in report.notes:
            ws.append([note])
        ws["A1"].font = Font(bold=True, size=14)
        for cell in ws[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        for col, longest in enumerate(widths, 1):
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
