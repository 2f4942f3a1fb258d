"""Chinese line-breaking rules that reportlab's CJK wrap lacks, added once, at import.

- **No line starts with ，：；！？”》…** reportlab knows only the Japanese set (、。）」). The
  Chinese marks join its "cannot start" set, and reportlab then lets such a mark hang into the
  margin (标点悬挂).
- **No line ends with an opening bracket or quote** (「“（《【). reportlab has that set
  (``textsplit.CANNOT_END_LINE``) but never uses it, so 「预约签到」 could be cut after its 「.
- **No line starts with a closing mark after another one**: reportlab hangs one closing mark
  into the margin, not two, so "（原件）；" could put "；" first on a line.
- **No Latin word or number is cut in two, and no line opens with the space it broke at**
  (text in one font, as the documents' plain paragraphs are): reportlab's CJK wrap breaks
  anywhere, so an English checklist read
  "commitme / nt" and a case number could lose its last digits to the next line. The part of
  the word on the line goes down with the rest of it, unless it is all the line holds (a
  word longer than a line is still cut).

For the last three, reportlab's CJK splitters are wrapped (both for the marks, the one-font
one for words): when a line other than the
last would break that way, it is narrowed by the width of what it must hand down (the opening
mark; the closing marks and the character before them; or the word's start) and the text split
again.

Only the module-level functions reportlab's ``Paragraph`` looks up are replaced; the wrappers
call the originals, so a reportlab that changes them keeps working, without the last three
rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from reportlab.lib import textsplit as rl_textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph

NO_LINE_START = "\uff0c\uff1a\uff1b\uff01\uff1f\u201d\u2019\u300b\u3009\uff05\u2026"
NO_LINE_END = rl_textsplit.CANNOT_END_LINE[0]  # ‘“（[{〔［｛〈《「『【
MAX_PASSES = 16  # each pass mends one line; an English paragraph may need one per line
_FUZZ = 0.01  # points: narrow the line just below the mark's right edge


def _widths(max_widths: Any, lines: int) -> list[float]:
    """``max_widths`` as a list with an entry for each of ``lines`` lines (the last repeats)."""
    widths = ([float(w) for w in max_widths] if isinstance(max_widths, list | tuple)
              else [float(max_widths)])
    return widths + [widths[-1]] * max(0, lines - len(widths))


def _narrowed(widths: list[float], line: int, used: float, mark: float) -> list[float]:
    narrowed = list(widths)
    narrowed[line] = used - mark - _FUZZ
    return narrowed


def _to_give(texts: Sequence[str], source: str | None = None) -> tuple[int, str] | None:
    """The first line that must hand its end down to the next line, and that end: an opening
    mark it ends with; or, when the next line would start with a closing mark, the marks it
    ends with and the character before them (reportlab hangs one closing mark in the margin,
    not two: "（原件）；" broke before "；"); or the start of a Latin word or number that the
    next line would finish (``source``: the paragraph's text, for text in one font)."""
    closing = rl_paragraph.ALL_CANNOT_START
    spaced = _spaced(texts, source) if source is not None else []
    for k, (text, following) in enumerate(pairwise(texts)):
        if text and text[-1] in NO_LINE_END:
            return k, text[-1]
        if text and following and following[0] in closing:
            give = text[-(len(text) - len(text.rstrip(closing)) + 1):]
            if len(give) < len(text):  # a line is never emptied
                return k, give
        if spaced and _latin(text[-1:]) and _latin(following[:1]) and not spaced[k]:
            give = text[len(text.rstrip(LATIN)):]
            if len(give) < len(text):
                return k, give
    return None


LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _latin(char: str) -> bool:
    return len(char) == 1 and char in LATIN


def _spaced(texts: Sequence[str], source: str) -> list[bool]:
    """For each break between two lines, whether it falls on white space in ``source``
    (reportlab drops that space, or keeps it at either side)."""
    out, at = [], 0
    for text in texts[:-1]:
        body = text.strip()
        start = source.find(body, at) if body else at
        at = (start if start >= 0 else at) + len(body)
        out.append(at < len(source) and source[at].isspace())
    return out


def _word_split(original: Callable[..., Any]) -> Callable[..., Any]:
    """reportlab's one-font splitter: lines are ``[extra space, text]``."""
    def split(word: str, max_widths: Any, font_name: str, font_size: float,
              encoding: str = "utf8") -> Any:
        lines = original(word, max_widths, font_name, font_size, encoding)
        for _ in range(MAX_PASSES):
            trouble = _to_give([_joined(text) for _space, text in lines], word)
            if trouble is None:
                break
            line, give = trouble
            widths = _widths(max_widths, len(lines))
            max_widths = _narrowed(widths, line, widths[line] - lines[line][0],
                                   stringWidth(give, font_name, font_size))
            lines = original(word, max_widths, font_name, font_size, encoding)
        return _without_leading_spaces(lines, font_name, font_size)

    return split


def _without_leading_spaces(lines: Any, font_name: str, font_size: float) -> Any:
    """The one-font splitter's lines with no space opening a line after the first: breaking
    at a space kept the space on the next line (" commitment" under "Or a written"). The
    space's width goes to the line's extra space, which alignment uses."""
    for entry in lines[1:]:
        text = _joined(entry[1])
        body = text.lstrip(" ")
        if body != text and body:
            entry[0] += stringWidth(text[:len(text) - len(body)], font_name, font_size)
            entry[1] = body
    return lines


def _frag_split(original: Callable[..., Any]) -> Callable[..., Any]:
    """reportlab's splitter for text in several fonts or styles: lines are ``FragLine``s."""
    def split(frags: Any, max_widths: Any, calc_bounds: Any, encoding: str = "utf8") -> Any:
        result = original(frags, max_widths, calc_bounds, encoding)
        for _ in range(MAX_PASSES):
            lines = result.lines
            trouble = _to_give([_text(line) for line in lines])
            if trouble is None or lines[trouble[0]].lineBreak:  # <br/>: the writer's break
                break
            line, give = trouble
            font = _last_word(lines[line])  # the end given is in the line's last font
            max_widths = _narrowed(_widths(max_widths, len(lines)), line,
                                   lines[line].currentWidth,
                                   stringWidth(give, font.fontName, font.fontSize))
            result = original(frags, max_widths, calc_bounds, encoding)
        return result

    return split


def _last_word(line: Any) -> Any:
    """The last fragment of a line that holds text."""
    return [w for w in line.words if getattr(w, "text", "")][-1]


def _joined(text: Any) -> str:
    """A line of the one-font splitter: its text, or the list of its pieces."""
    return text if isinstance(text, str) else "".join(text)


def _text(line: Any) -> str:
    return "".join(getattr(w, "text", "") for w in getattr(line, "words", ()))


def install() -> None:
    """Add both rules (once; importing this module does it)."""
    for module in (rl_paragraph, rl_textsplit):
        if NO_LINE_START not in module.ALL_CANNOT_START:
            module.ALL_CANNOT_START += NO_LINE_START
    if not getattr(rl_paragraph.wordSplit, "hallapp_cjk", False):
        rl_paragraph.wordSplit = _marked(_word_split(rl_paragraph.wordSplit))
    if not getattr(rl_paragraph.cjkFragSplit, "hallapp_cjk", False):
        rl_paragraph.cjkFragSplit = _marked(_frag_split(rl_paragraph.cjkFragSplit))


def _marked(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn.hallapp_cjk = True  # type: ignore[attr-defined]
    return fn


install()
