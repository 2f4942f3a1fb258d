"""Find and register a CJK TrueType font that reportlab really embeds.

Why this is fussy: reportlab's ``TTFont`` embeds only TrueType outlines (``glyf``). Noto
Sans CJK, Source Han and most macOS system fonts are CFF-based OpenType (``OTTO``) and
fail, and a PDF that merely *names* a CJK font prints as boxes on a kiosk without it.

Search order, first usable wins (skips are logged with their reason):

1. the ``path`` argument given to :func:`cjk_font`;
2. the ``HALLAPP_CJK_FONT`` environment setting (``/path/font.ttc`` or ``/path/font.ttc#1``
   to pick a sub-font of a collection);
3. :data:`KNOWN_FONTS`: WenQuanYi Micro Hei / Zen Hei (Debian ``fonts-wqy-microhei`` /
   ``fonts-wqy-zenhei``), Droid Sans Fallback, AR PL UMing, Noto Sans CJK (skipped when CFF),
   Windows SimSun / Microsoft YaHei / SimHei, macOS PingFang / STHeiti / Arial Unicode.

Registration happens once per process and path; later calls return the cached font. The
loaded font's tables are packed (:mod:`hallapp.documents._packed_font`): as reportlab keeps
them they would hold about 17 MB for as long as the process runs.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from hallapp.core.errors import OutputError
from hallapp.documents._packed_font import pack_face

ENV_SETTING = "HALLAPP_CJK_FONT"
DEBIAN_PACKAGE = "fonts-wqy-microhei"

KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttf", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)

_PROBE_CHAR = 0x4E2D  # 中: a font without it cannot print our documents
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_registered: dict[str | None, CjkFont] = {}


@dataclass(frozen=True)
class CjkFont:
    name: str  # reportlab font name to use with setFont / ParagraphStyle
    path: str
    subfont_index: int


def outline_kind(path: str, subfont_index: int = 0) -> str:
    """``"truetype"`` or ``"cff"`` from the sfnt header, without loading the whole font."""
    with open(path, "rb") as fh:
        tag = fh.read(4)
        if tag == b"ttcf":
            fh.seek(12 + 4 * subfont_index)
            (offset,) = struct.unpack(">I", fh.read(4))
            fh.seek(offset)
            tag = fh.read(4)
    return "cff" if tag == b"OTTO" else "truetype"


def _parse_setting(value: str) -> tuple[str, int]:
    path, sep, index = value.rpartition("#")
    if sep and index.isdecimal():
        return path, int(index)
    return value, 0


def _try_load(path: str, index: int, name: str) -> TTFont | str:
    """The loaded font, or the reason it cannot be used."""
    if not os.path.isfile(path):
        return "不存在"
    try:
        if outline_kind(path, index) == "cff":
            return "CFF 轮廓的 OpenType 字体，reportlab 无法嵌入"
        font = TTFont(name, path, subfontIndex=index)
    except (OSError, struct.error, TTFError) as exc:
        return f"无法读取（{exc}）"
    if _PROBE_CHAR not in font.face.charToGlyph:
        return "不含中文字形"
    pack_face(font)
    return font


def find_cjk_font(path: str | None = None, *, env: str | None = None,
                  candidates: Sequence[tuple[str, int]] = KNOWN_FONTS,
                  name: str = "HallCJK") -> tuple[TTFont, str, int]:
    """Load (not register) the first usable font in the documented search order.

    Returns the font with the file and sub-font index it came from.
    """
    wanted: list[tuple[str, int]] = []
    if path:
        wanted.append(_parse_setting(path))
    if env:
        wanted.append(_parse_setting(env))
    wanted.extend(candidates)
    tried: list[str] = []
    for font_path, index in wanted:
        result = _try_load(font_path, index, name)
        if isinstance(result, TTFont):
            return result, font_path, index
        tried.append(f"{font_path}：{result}")
        if font_path in (path, env) or os.path.exists(font_path):
            _log.warning("CJK font skipped: %s (%s)", font_path, result)
    raise OutputError(
        f"找不到可嵌入的中文 TrueType 字体。请设置 {ENV_SETTING} 指向 .ttf/.ttc 字体文件，"
        f"或安装 Debian 软件包 {DEBIAN_PACKAGE}。",
        code="no_cjk_font", setting=ENV_SETTING, package=DEBIAN_PACKAGE, tried=tried)


def cjk_font(path: str | None = None) -> CjkFont:
    """The registered CJK font for ``path`` (or the search order), registered once."""
    key = path
    cached = _registered.get(key)
    if cached is not None:
        return cached
    with _lock:
        cached = _registered.get(key)
        if cached is not None:
            return cached
        name = "HallCJK" if not _registered else f"HallCJK{len(_registered)}"
        font, font_path, index = find_cjk_font(path, env=os.environ.get(ENV_SETTING),
                                               name=name)
        pdfmetrics.registerFont(font)
        # One face only: map bold/italic to it so <b> in a Paragraph cannot fail.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
        info = CjkFont(name, font_path, index)
        _registered[key] = info
        return info
