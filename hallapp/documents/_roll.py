"""Thermal-roll layout: a single page as tall as its content.

Thermal printers (58 mm and 80 mm paper) print 48 mm and 72 mm wide and cut after the
content, so instead of paginating we measure every flowable at the printable width, size the
page to the sum, and draw top-down. Nothing can run off the bottom: the page grows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from hallapp.core.errors import ValidationError

PRINTABLE_MM = {58: 48.0, 80: 72.0}
TOP = 4 * mm
BOTTOM = 8 * mm  # room for the cutter


def printable_width(width_mm: int) -> float:
    """Printable width in points for a roll of ``width_mm`` paper."""
    if width_mm not in PRINTABLE_MM:
        raise ValidationError(f"不支持的热敏纸宽度：{width_mm} 毫米（应为 58 或 80）",
                              field="width_mm", code="invalid_roll_width", width=width_mm)
    return float(PRINTABLE_MM[width_mm] * mm)


def _placement(f: Flowable, avail: float) -> tuple[float, float]:
    """Wrap width and x offset keeping hanging punctuation inside the printable width.

    CJK wrapping lets a closing mark (，。）) hang one character past the line end; on a
    thermal head that ink would be lost, so paragraphs wrap one em narrower.
    """
    if not isinstance(f, Paragraph):
        return avail, 0.0
    em = float(f.style.fontSize)
    return avail - em, (em / 2 if f.style.alignment == TA_CENTER else 0.0)


def render_roll(story: Sequence[Flowable], width_mm: int, title: str) -> bytes:
    """Draw ``story`` on one page of ``width_mm`` paper whose height fits the content."""
    avail = printable_width(width_mm)
    paper = width_mm * mm
    places = [_placement(f, avail) for f in story]
    sizes = [f.wrap(w, 10_000) for f, (w, _) in zip(story, places, strict=True)]
    height = TOP + BOTTOM + sum(
        h + f.getSpaceBefore() + f.getSpaceAfter() for f, (_, h) in zip(story, sizes, strict=True)
    )
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(paper, height), invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("hallapp")
    left = (paper - avail) / 2
    y = height - TOP
    for f, (w, h), (_, shift) in zip(story, sizes, places, strict=True):
        y -= f.getSpaceBefore() + h
        x = left + (avail - w) / 2 if getattr(f, "hAlign", "LEFT") == "CENTER" else left
        f.drawOn(canvas, x + shift, y)
        y -= f.getSpaceAfter()
    canvas.showPage()
    canvas.save()
    return out.getvalue()


class BigText(Flowable):  # type: ignore[misc]
    """One line of text, centred, as large as fits (the queue number)."""

    def __init__(self, text: str, font: str, max_size: float, stroke: float = 1.2) -> None:
        super().__init__()
        self.text, self.font, self.max_size, self.stroke = text, font, max_size, stroke
        self.size = max_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        natural = stringWidth(self.text, self.font, 1) or 1.0
        self.size = min(self.max_size, avail_width * 0.96 / natural)
        self.width = avail_width
        self.height = self.size * 1.05
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        text = c.beginText()
        text.setFont(self.font, self.size)
        text.setTextRenderMode(2)  # fill + stroke: a bold look from a single-weight font
        c.setLineWidth(self.stroke)
        x = (self.width - stringWidth(self.text, self.font, self.size)) / 2
        text.setTextOrigin(x, self.size * 0.17)
        text.textOut(self.text)
        c.drawText(text)
        c.restoreState()


class Mark(Flowable):  # type: ignore[misc]
    """A boxed label (green channel inverted white-on-black, appointment outlined)."""

    def __init__(self, text: str, font: str, size: float, inverted: bool) -> None:
        super().__init__()
        self.text, self.font, self.size, self.inverted = text, font, size, inverted
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        natural = stringWidth(self.text, self.font, self.size)
        self.size = min(self.size, (avail_width - 8) / natural * self.size)
        self.width = min(avail_width, stringWidth(self.text, self.font, self.size) + 8)
        self.height = self.size * 1.6
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineWidth(1)
        c.roundRect(0, 0, self.width, self.height, 3, stroke=1, fill=int(self.inverted))
        if self.inverted:
            c.setFillColorRGB(1, 1, 1)
        c.setFont(self.font, self.size)
        c.drawCentredString(self.width / 2, self.height * 0.5 - self.size * 0.35, self.text)
        c.restoreState()
