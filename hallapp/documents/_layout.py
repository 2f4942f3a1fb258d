"""Shared layout for sheet documents (A4/A5): styles, tables, stamp area, page numbers.

Everything that wraps goes through ``Paragraph`` with ``wordWrap="CJK"`` and every table
has fixed column widths inside the frame, so long item names and material lists wrap and
split across pages instead of running off the paper.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from hallapp.core.errors import ValidationError
from hallapp.documents.fonts import cjk_font
from hallapp.documents.labels import Labels

# Chinese punctuation that may not start a line. reportlab's CJK wrap knows the Japanese
# set (、。）」) but not ，：；！？”》…, so a lone "：" could open a line. Added once, at
# import; reportlab then lets the mark hang into the margin (标点悬挂) instead.
_NO_LINE_START = "\uff0c\uff1a\uff1b\uff01\uff1f\u201d\u2019\u300b\u3009\uff05\u2026"
for _module in (rl_paragraph, rl_textsplit):
    if _NO_LINE_START not in _module.ALL_CANNOT_START:
        _module.ALL_CANNOT_START += _NO_LINE_START

PAGES: dict[str, tuple[float, float]] = {"A4": A4, "A5": A5}
MARGINS: dict[str, float] = {"A4": 18 * mm, "A5": 12 * mm}
GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
])


@dataclass(frozen=True)
class Styles:
    hall: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    right: ParagraphStyle
    center: ParagraphStyle


@lru_cache(maxsize=16)
def styles(base: float) -> Styles:
    """Paragraph styles in the CJK font, ``base`` points for body text."""
    font = cjk_font().name

    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.45,
                              wordWrap="CJK", **kw)

    return Styles(
        hall=style("hall", base * 1.1, alignment=TA_CENTER, spaceAfter=base * 0.2),
        title=style("title", base * 1.8, alignment=TA_CENTER, spaceAfter=base * 0.8),
        heading=style("heading", base * 1.1, spaceBefore=base * 0.7, spaceAfter=base * 0.3),
        body=style("body", base, spaceAfter=base * 0.3),
        small=style("small", base * 0.85),
        cell=style("cell", base * 0.9),
        cell_center=style("cell_center", base * 0.9, alignment=TA_CENTER),
        right=style("right", base, alignment=TA_RIGHT),
        center=style("center", base * 0.9, alignment=TA_CENTER),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A wrapping paragraph of plain text (markup characters are escaped)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def local(moment: datetime, timezone: str) -> datetime:
    """Hall wall-clock time: aware datetimes are converted, naive ones taken as local."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(timezone))


def minute_text(moment: datetime, timezone: str) -> str:
    """``2026-11-25 09:03`` in hall local time."""
    return local(moment, timezone).strftime("%Y-%m-%d %H:%M")


def date_text(day: date, labels: Labels) -> str:
    """A date in the labels' wording, ``2026年11月25日`` by default."""
    return labels.fmt("date_format", year=day.year, month=day.month, day=day.day)


def page_size(page: str) -> tuple[float, float]:
    if page not in PAGES:
        raise ValidationError(f"不支持的纸张：{page}（应为 A4 或 A5）", field="page",
                              code="invalid_page")
    return PAGES[page]


def base_size(page: str) -> float:
    return 11.0 if page == "A4" else 9.5


def frame_width(page: str) -> float:
    return page_size(page)[0] - 2 * MARGINS[page]


def key_value_table(rows: Sequence[tuple[str, str]], width: float, st: Styles) -> Table:
    """Two columns, label and value; values wrap, rows split across pages."""
    data = [[para(k, st.cell), para(v, st.cell)] for k, v in rows]
    table = Table(data, colWidths=[width * 0.26, width * 0.74])
    table.setStyle(GRID)
    return table


def grid_table(header: Sequence[str], rows: Sequence[Sequence[str]],
               fractions: Sequence[float], width: float, st: Styles,
               centered: frozenset[int] = frozenset()) -> Table:
    """A ruled table with a repeated header row; column ``fractions`` sum to 1."""
    def cell(col: int, text: str) -> Paragraph:
        return para(text, st.cell_center if col in centered else st.cell)

    data = [[para(h, st.cell_center) for h in header]]
    data += [[cell(c, t) for c, t in enumerate(row)] for row in rows]
    table = Table(data, colWidths=[width * f for f in fractions], repeatRows=1)
    table.setStyle(GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), (0.9, 0.9, 0.9))]))
    return table


class StampBox(Flowable):  # type: ignore[misc]
    """Right-aligned signature block: authority, date and a dashed box for the seal."""

    def __init__(self, authority: str, day_text: str, stamp_label: str, st: Styles,
                 box: float = 36 * mm) -> None:
        super().__init__()
        self.lines = [para(authority, st.right), para(day_text, st.right)]
        self.stamp_label = stamp_label
        self.font_size = st.body.fontSize
        self.font = st.body.fontName
        self.box = box

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.text_h = sum(p.wrap(avail_width * 0.6, avail_height)[1] for p in self.lines)
        self.height = self.box + self.text_h + 4 * mm
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x = self.width - self.box
        c.saveState()
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        c.rect(x, self.text_h + 4 * mm, self.box, self.box)
        c.setFont(self.font, self.font_size)
        c.drawCentredString(x + self.box / 2, self.text_h + 4 * mm + self.box / 2,
                            self.stamp_label)
        c.restoreState()
        y = self.text_h
        for p in self.lines:
            y -= p.height
            p.drawOn(c, self.width * 0.4, y)


def _numbered_canvas(footer: str, labels: Labels, font: str, margin: float) -> type[Canvas]:
    """A canvas class that prints ``footer`` and "page N of M" once M is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab API name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(font, 7.5)
                self.drawString(margin, margin * 0.5, footer)
                self.drawRightString(width - margin, margin * 0.5,
                                     labels.fmt("page", page=number, pages=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def build_sheet(story: list[Flowable], page: str, title: str, footer: str,
                labels: Labels) -> bytes:
    """Lay out ``story`` on A4/A5 pages with a footer and page numbers; PDF bytes."""
    size = page_size(page)
    margin = MARGINS[page]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=title,
                            author="hallapp", creator="hallapp", invariant=1)
    doc.build(story, canvasmaker=_numbered_canvas(footer, labels, cjk_font().name, margin))
    return out.getvalue()
