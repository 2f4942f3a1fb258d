"""Helpers to read documents back: text with pypdf, pixels with pdftoppm, QR with zxing-cpp."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

MM = 72 / 25.4


def pdf_text(pdf: bytes) -> str:
    """All text of all pages with whitespace removed, so wrapped lines compare whole."""
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join((page.extract_text() or "").split()) for page in reader.pages)


def page_sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width) / MM, float(p.mediabox.height) / MM) for p in reader.pages]


def render(pdf: bytes, dpi: int, first_page_only: bool = False) -> list[Image.Image]:
    """Rasterise with poppler's pdftoppm (grey) and return one image per page."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        args = ["pdftoppm", "-r", str(dpi), "-gray", "-png"]
        if first_page_only:
            args += ["-f", "1", "-l", "1"]
        subprocess.run([*args, str(source), str(Path(tmp) / "page")], check=True)
        pages = sorted(Path(tmp).glob("page*.png"))
        return [Image.open(p).convert("L") for p in pages]


def qr_texts(pdf: bytes) -> list[str]:
    """Every QR code found on the first page at 200 dpi."""
    zxingcpp = pytest.importorskip("zxingcpp")
    image = render(pdf, 200, first_page_only=True)[0]
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in results]


def ink_in_band(image: Image.Image, left: int, right: int, top: int, bottom: int) -> bool:
    """True if any non-white pixel lies within the given pixel bands along the edges."""
    w, h = image.size
    boxes = [(0, 0, left, h), (w - right, 0, w, h), (0, 0, w, top), (0, h - bottom, w, h)]
    for box in boxes:
        if box[2] > box[0] and box[3] > box[1]:
            lo, _ = image.crop(box).convert("L").getextrema()
            assert isinstance(lo, int | float)  # a grey image has one band
            if lo < 200:
                return True
    return False
