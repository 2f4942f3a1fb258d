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

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from hallapp.core.errors import ValidationError
from hallapp.documents import _cjk_wrap  # noqa: F401 (Chinese line-break rules)
from hallapp.documents.fonts import cjk_font
from hallapp.documents.labels import Labels

HUGE_ROW = 300.0  # points; taller rows may be split across pages
PAGES: dict[str, tuple[float, float]] = {"A4": A4, "A5": A5}
MARGINS: dict[str, float] = {"A4": 18 * mm, "A5": 12 * mm}
GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),  # a row split across pages starts on both
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
                              code="invalid_page", page=page)
    return PAGES[page]


def base_size(page: str) -> float:
    return 11.0 if page == "A4" else 9.5


def frame_width(page: str) -> float:
    return page_size(page)[0] - 2 * MARGINS[page]


def _table(data: list[list[Paragraph]], widths: list[float], repeat_rows: int) -> Table:
    """A table that splits between rows, and inside a row only if one row is huge.

    reportlab's ``splitInRow`` would also cut ordinary rows to fill a page, so it is only
    switched on when some row could not fit on a page anyway.
    """
    table = Table(data, colWidths=widths, repeatRows=repeat_rows)
    table.wrap(sum(widths), 100_000)
    if max(table._rowHeights, default=0) > HUGE_ROW:
        table = Table(data, colWidths=widths, repeatRows=repeat_rows, splitInRow=1)
    return table


def key_value_table(rows: Sequence[tuple[str, str]], width: float, st: Styles) -> Table:
    """Two columns, label and value; values wrap, rows split across pages."""
    data = [[para(k, st.cell), para(v, st.cell)] for k, v in rows]
    table = _table(data, [width * 0.26, width * 0.74], repeat_rows=0)
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
    table = _table(data, [width * f for f in fractions], repeat_rows=1)
    table.setStyle(GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), (0.9, 0.9, 0.9))]))
    return table


class StampBox(Flowable):  # type: ignore[misc]
    """落款: authority and date at the foot of a dashed seal area marked （盖章）.

    As on paper notices, the seal is stamped over the authority name and date, so the
    area encloses them instead of sitting above them (which also saves a third of a page
    on A5). The box grows to enclose a long authority name.
    """

    def __init__(self, authority: str, day_text: str, stamp_label: str, st: Styles,
                 box: float = 40 * mm) -> None:
        super().__init__()
        self.texts = (authority, day_text)
        self.style = st.center
        self.stamp_label = stamp_label
        self.font_size = st.body.fontSize
        self.font = st.body.fontName
        self.box = box

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        size = self.style.fontSize
        natural = max(stringWidth(t, self.style.fontName, size) for t in self.texts)
        self.box_w = min(avail_width, max(self.box, natural + 2 * size))
        self.lines = [para(t, self.style) for t in self.texts]
        self.text_h = sum(p.wrap(self.box_w - size, avail_height)[1] for p in self.lines)
        self.box_h = max(self.box, self.text_h + 3 * self.font_size)
        self.width = avail_width
        self.height = self.box_h
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x = self.width - self.box_w
        c.saveState()
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        c.rect(x, 0, self.box_w, self.box_h)
        c.setFont(self.font, self.font_size)
        c.drawCentredString(x + self.box_w / 2, self.box_h - self.font_size * 1.6,
                            self.stamp_label)
        c.restoreState()
        y = self.text_h + self.style.fontSize * 0.5
        for p in self.lines:
            y -= p.height
            p.drawOn(c, x + self.style.fontSize / 2, y)


FOOTER_SIZE = 7.5


def _fit_left(text: str, font: str, room: float) -> str:
    """``text`` cut at its start ("…") to fit ``room``: the footer ends with the case number,
    and a long hall name ran under the page number (A5)."""
    if stringWidth(text, font, FOOTER_SIZE) <= room:
        return text
    for start in range(1, len(text)):
        cut = "…" + text[start:]
        if stringWidth(cut, font, FOOTER_SIZE) <= room:
            return cut
    return ""


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
                self.setFont(font, FOOTER_SIZE)
                page_label = labels.fmt("page", page=number, pages=total)
                room = (width - 2 * margin - stringWidth(page_label, font, FOOTER_SIZE)
                        - 4 * mm)
                self.drawString(margin, margin * 0.5, _fit_left(footer, font, room))
                self.drawRightString(width - margin, margin * 0.5, page_label)
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
