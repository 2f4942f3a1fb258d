"""Nothing runs off the paper: worst-case content rendered, edge bands must stay white.

Worst case: a 60-character item name, 15 materials with long names and requirements, and a
single requirement longer than a page. Tickets are checked against the printable width of
the thermal head (48/72 mm), not just the paper.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from docreader import ink_in_band, page_sizes_mm, render
from pypdf import PdfReader

from hallapp.documents import (
    NOTICE_KINDS,
    build_checklist,
    build_notice,
    build_receipt,
    build_ticket,
)
from hallapp.documents.model import MissingNotice
from hallapp.documents.samples import (
    LONG_ITEM,
    sample_checklist,
    sample_notice,
    sample_receipt,
    sample_ticket,
)

DPI = 72
PX = DPI / 25.4  # pixels per mm
SHEET_BAND_MM = 5.0


def _sheet_ok(pdf: bytes) -> None:
    band = int(SHEET_BAND_MM * PX)
    for number, image in enumerate(render(pdf, DPI), start=1):
        assert not ink_in_band(image, band, band, band, band), f"ink near edge, page {number}"


def test_long_item_name_is_sixty_characters() -> None:
    assert len(LONG_ITEM) == 60


@pytest.mark.parametrize("page", ["A4", "A5"])
def test_long_receipt_stays_inside_the_page(page: str) -> None:
    _sheet_ok(build_receipt(sample_receipt(long=True), page=page))


@pytest.mark.parametrize("kind", NOTICE_KINDS)
@pytest.mark.parametrize("page", ["A4", "A5"])
def test_long_notices_stay_inside_the_page(kind: str, page: str) -> None:
    _sheet_ok(build_notice(kind, sample_notice(kind, long=True), page=page))


def test_a_long_hall_name_never_runs_under_the_page_number() -> None:
    """On A5 a 29-character hall name ran the footer's case number under "第 1 页，共 1 页":
    the footer now gives way at its start."""
    data = sample_receipt()
    hall = replace(data.hall, name="深圳市福田区政务服务数据管理局福田区政务服务中心第二分中心")
    pdf = build_receipt(replace(data, hall=hall), page="A5")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    [footer] = [line for line in text.splitlines() if line.startswith("…")]
    assert footer.endswith(f"办件编号 {data.case.case_number}")


def test_requirement_longer_than_a_page_splits_instead_of_failing() -> None:
    data = sample_notice("missing")
    assert isinstance(data, MissingNotice)
    huge = replace(data.problems[0], requirement="须提交原件并加盖公章。" * 200)
    pdf = build_notice("missing", replace(data, problems=(huge,)), page="A5")
    assert len(page_sizes_mm(pdf)) >= 3
    _sheet_ok(pdf)


@pytest.mark.parametrize("page", ["A4", "A5"])
def test_long_sheet_checklist_stays_inside_the_page(page: str) -> None:
    _sheet_ok(build_checklist(sample_checklist(long=True), page=page))


@pytest.mark.parametrize(("width", "printable"), [(58, 48), (80, 72)])
def test_roll_documents_stay_inside_the_printable_width(width: int, printable: int) -> None:
    long_ticket = replace(sample_ticket(), item_name=LONG_ITEM, queue_name=LONG_ITEM,
                          green_channel="现役军人、消防救援人员、残疾人及60岁以上老人")
    side = int(((width - printable) / 2 - 0.3) * PX)
    for pdf in (build_ticket(long_ticket, width_mm=width),
                build_checklist(sample_checklist(long=True), page=f"{width}mm")):
        (image,) = render(pdf, DPI)
        assert image.size[0] == pytest.approx(width * PX, abs=2)
        assert not ink_in_band(image, side, side, int(2 * PX), int(3 * PX))


@pytest.mark.parametrize(("width", "number"), [(58, "A001"), (80, "A001"), (58, "GC0012")])
def test_queue_number_is_large(width: int, number: str) -> None:
    """The number is set at least 36 pt (about 9 mm cap height) to read across the hall."""
    pdf = build_ticket(replace(sample_ticket(), number=number), width_mm=width)
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes[text.strip()] = size * tm[3]

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert sizes[number] >= 36
    assert max(sizes.values()) == sizes[number]


@pytest.mark.parametrize("kind", NOTICE_KINDS)
@pytest.mark.parametrize("page", ["A4", "A5"])
def test_no_line_starts_with_closing_punctuation(kind: str, page: str) -> None:
    """Chinese line-breaking: ，。：；！？）” never open a line (reportlab knew only 、。）)."""
    pdf = build_notice(kind, sample_notice(kind, long=True), page=page)
    for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
        for line in (pdf_page.extract_text() or "").splitlines():
            assert line.strip()[:1] not in set("，。：；！？）”、"), line
