"""Keep a loaded CJK font small: reportlab's per-glyph tables packed into arrays.

reportlab's ``TTFontFace`` keeps the character map, the widths, the horizontal metrics and
the glyph offsets as dicts and lists of Python ints, floats and tuples. For WenQuanYi Micro
Hei (34,600 characters, 49,500 glyphs) that is about 17 MB beside the 5 MB font file, kept
for the life of the process: the kiosk loads the font at start-up, and this alone took it
past its memory budget. Packed, the font holds 7-10 MB less, documents are laid out as fast
as before, and they come out byte for byte the same (tests/documents/test_doc_fonts.py
compares the tables, widths and embedded subsets with reportlab's own).

What reportlab reads from the face once it is loaded, and what becomes of it here:

- ``charToGlyph`` and ``charWidths`` (per character, while laying out and subsetting):
  stay dicts, since reportlab's optional C accelerator insists on a dict for the widths,
  but are rebuilt from arrays after the originals are gone, so that their objects sit
  together instead of pinning half-empty memory pages all over the heap;
- ``hmetrics`` and ``glyphPos`` (by glyph index, when a subset is embedded): arrays;
- ``glyphToChar`` (only when shaping text with HarfBuzz): emptied, and the font is marked
  not shapable so that reportlab never shapes with it (hallapp's documents do not shape).

And one transient: to embed a subset reportlab copied the whole ``glyf`` table (4 MB) per
document, only to slice the glyphs it needs out of the copy. Printing on the kiosk's worker
threads, each thread's allocator kept such a block: 10 MB more after a few tickets. The face
now hands out that table as a view whose slices are copied one glyph at a time.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any


class MetricPairs(Sequence[tuple[float, int]]):
    """``hmetrics`` as two arrays: (advance width, left side bearing) by glyph index.

    reportlab stores raw advances for the first glyphs and already scaled ones (floats) for
    the rest, and truncates them with ``int()`` when it writes a subset; doubles keep both.
    """

    __slots__ = ("_advances", "_bearings")

    def __init__(self, pairs: Sequence[tuple[float, int]]) -> None:
        self._advances = array("d", (advance for advance, _ in pairs))
        self._bearings = array("l", (bearing for _, bearing in pairs))

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return list(zip(self._advances[index], self._bearings[index], strict=True))
        return self._advances[index], self._bearings[index]

    def __len__(self) -> int:
        return len(self._advances)


class TableView:
    """A font table read in place: a slice is copied (bytes), the table never is whole."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes, start: int, length: int) -> None:
        self._data = memoryview(data)[start:start + length]

    def __getitem__(self, index: slice) -> bytes:
        return self._data[index].tobytes()

    def __len__(self) -> int:
        return len(self._data)


def _exact(values: list[Any]) -> array[Any]:
    """Integers stay integers (a PDF writes 500 and 500.0 differently); else doubles."""
    if all(type(v) is int for v in values):
        return array("q", values)
    return array("d", values)


def pack_face(font: Any) -> None:
    """Pack the tables of a freshly loaded reportlab ``TTFont`` in place (see above).

    No garbage collection here (this may run on a worker thread, see ``gc_pin``): the old
    tables hold no reference cycles, so dropping them frees them at once.
    """
    face = font.face
    codes = sorted(face.charToGlyph)
    packed = array("L", codes)
    glyphs = array("L", [face.charToGlyph[c] for c in codes])
    widths = _exact([face.charWidths[c] for c in codes if c in face.charWidths])
    with_width = array("b", [c in face.charWidths for c in codes])
    others = {c: w for c, w in face.charWidths.items() if c not in face.charToGlyph}
    face.hmetrics = MetricPairs(face.hmetrics)
    face.glyphPos = array("L", face.glyphPos)
    del codes
    face.charToGlyph = face.charWidths = face.glyphToChar = None
    keys = list(packed)  # new int objects, allocated together
    face.charToGlyph = dict(zip(keys, glyphs, strict=True))
    face.charWidths = _width_table(keys, with_width, iter(widths))
    face.charWidths.update(others)
    face.glyphToChar = {}
    face.get_table = partial(_get_table, type(face).get_table, face)
    font.shapable = False


def _get_table(plain: Callable[[Any, str], Any], face: Any, tag: str) -> Any:
    """The face's ``get_table``, except that ``glyf`` comes as a :class:`TableView`."""
    if tag != "glyf":
        return plain(face, tag)
    start, length = face.get_table_pos(tag)
    return TableView(face._ttf_data, start, length)


def _width_table(keys: list[int], with_width: array[int],
                 widths: Iterator[Any]) -> dict[int, Any]:
    same: dict[Any, Any] = {}  # one object per distinct width, not one per character
    table = {}
    for key, has_width in zip(keys, with_width, strict=True):
        if has_width:
            width = next(widths)
            table[key] = same.setdefault(width, width)
    return table
