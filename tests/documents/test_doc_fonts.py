"""Font discovery: a real embedded CJK TrueType font, or a clear error naming the fix."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from hallapp.core.errors import DomainError
from hallapp.documents import build_receipt, build_ticket
from hallapp.documents._packed_font import TableView, pack_face
from hallapp.documents.fonts import KNOWN_FONTS, cjk_font, find_cjk_font, outline_kind
from hallapp.documents.samples import sample_receipt, sample_ticket

MICROHEI = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
needs_microhei = pytest.mark.skipif(not Path(MICROHEI).exists(),
                                    reason="fonts-wqy-microhei not installed")


def _fake_font(path: Path, tag: bytes, collection: bool = False) -> Path:
    if collection:  # ttcf header, one sub-font whose table directory starts at offset 16
        path.write_bytes(b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16) + tag + b"\0" * 60)
    else:
        path.write_bytes(tag + b"\0" * 60)
    return path


def _embedded_cjk_fonts(pdf: bytes) -> list[str]:
    names = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.append(str(font["/BaseFont"]))
    return names


@pytest.mark.parametrize("collection", [False, True])
def test_cff_outlines_are_detected(tmp_path: Path, collection: bool) -> None:
    assert outline_kind(str(_fake_font(tmp_path / "a.otf", b"OTTO", collection))) == "cff"
    assert outline_kind(str(_fake_font(tmp_path / "b.ttf", b"\0\1\0\0", collection))) == "truetype"


def test_no_usable_font_names_the_setting_and_package(tmp_path: Path) -> None:
    cff = _fake_font(tmp_path / "NotoSansCJK.otf", b"OTTO")
    with pytest.raises(DomainError) as err:
        find_cjk_font(str(cff), env=str(tmp_path / "missing.ttf"), candidates=())
    assert err.value.code == "no_cjk_font"
    assert "HALLAPP_CJK_FONT" in err.value.message
    assert "fonts-wqy-microhei" in err.value.message
    tried = "\n".join(err.value.facts["tried"])
    assert "CFF" in tried
    assert "不存在" in tried


@needs_microhei
def test_bad_setting_falls_back_to_known_fonts(tmp_path: Path) -> None:
    _, path, index = find_cjk_font(env=str(tmp_path / "missing.ttf"), candidates=KNOWN_FONTS)
    assert path == MICROHEI
    assert index == 0


@needs_microhei
def test_setting_may_pick_a_subfont() -> None:
    _, path, index = find_cjk_font(env=f"{MICROHEI}#1", candidates=())
    assert (path, index) == (MICROHEI, 1)


def test_font_is_registered_once() -> None:
    assert cjk_font() is cjk_font()


def test_documents_embed_the_cjk_font() -> None:
    for pdf in (build_ticket(sample_ticket()), build_receipt(sample_receipt())):
        embedded = _embedded_cjk_fonts(pdf)
        assert embedded, "no embedded TrueType font"


@needs_microhei
def test_packed_font_measures_and_embeds_as_reportlab_loaded_it() -> None:
    """Same lookups, widths and embedded subset as the font reportlab loads: the documents
    come out byte for byte the same, only the font holds ~9 MB less for the process."""
    plain, packed = TTFont("Plain", MICROHEI), TTFont("Packed", MICROHEI)
    pack_face(packed)
    face, reference = packed.face, plain.face
    assert face.charToGlyph == reference.charToGlyph
    assert face.charWidths == reference.charWidths
    assert list(face.glyphPos) == reference.glyphPos
    assert list(face.hmetrics) == reference.hmetrics
    assert isinstance(face.get_table("glyf"), TableView)  # no 4 MB copy per document
    assert face.get_table("head") == reference.get_table("head")
    text = "深圳市福田区政务服务中心（演示） A001 取号时间：2026-11-26 Ωé£ 齉龘"
    assert packed.stringWidth(text, 12) == plain.stringWidth(text, 12)
    subset = [0, *sorted({ord(ch) for ch in text})]
    assert face.makeSubset(subset) == reference.makeSubset(subset)
    assert not packed.shapable
