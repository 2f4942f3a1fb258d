"""QR codes on documents: payloads made of codes only, drawn as vector modules.

Payloads never hold personal data (names, ID or phone numbers): a ticket QR names the hall,
day, number and ticket id; a case QR the case number and its verification code; an
appointment QR the booking code. Anyone who finds a lost ticket, receipt or appointment slip
learns nothing about the applicant from the code.

The module matrix comes from the ``qrcode`` library (about 2 ms, and cached per payload
because reprints are common); it is drawn as merged rectangles per row so it stays sharp
on 203 dpi thermal heads and scales on A4.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from hallapp.core.errors import ValidationError

TICKET_PREFIX = "HALLAPP:T"
CASE_PREFIX = "HALLAPP:C"
# The kiosk's 预约签到 reads it: hallapp.services.appointments.QR_PREFIX must agree (the
# services cannot import this module at start-up, it loads qrcode and reportlab).
APPOINTMENT_PREFIX = "HALLAPP:A"
QUIET_ZONE = 4  # modules of white border the QR standard asks for


def _part(name: str, value: object) -> str:
    text = str(value).strip()
    if not text or ":" in text or any(ch.isspace() for ch in text):
        raise ValidationError(f"二维码内容 {name} 不能为空，也不能含冒号或空白：{text!r}",
                              field=name, code="invalid_qr_part", part=name)
    return text


def ticket_payload(hall_code: str, hall_day: date, number: str, ticket_id: int | str) -> str:
    """``HALLAPP:T:<hall_code>:<hall_day ISO>:<number>:<ticket_id>``."""
    parts = (_part("hall_code", hall_code), hall_day.isoformat(), _part("number", number),
             _part("ticket_id", ticket_id))
    return ":".join((TICKET_PREFIX, *parts))


def case_payload(case_number: str, verification_code: str) -> str:
    """``HALLAPP:C:<case_number>:<verification_code>``."""
    parts = (_part("case_number", case_number),
             _part("verification_code", verification_code))
    return ":".join((CASE_PREFIX, *parts))


def appointment_payload(code: str) -> str:
    """``HALLAPP:A:<code>``: the booking code only, never who booked."""
    return ":".join((APPOINTMENT_PREFIX, _part("code", code)))


@lru_cache(maxsize=512)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """Dark/light modules without quiet zone (error correction M: survives a smudge)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def _runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in one row."""
    runs: list[tuple[int, int]] = []
    start = -1
    for i, dark in enumerate((*row, False)):
        if dark and start < 0:
            start = i
        elif not dark and start >= 0:
            runs.append((start, i - start))
            start = -1
    return runs


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR with its quiet zone inside the square (x, y, size) in points."""
    matrix = qr_matrix(payload)
    count = len(matrix)
    module = size / (count + 2 * QUIET_ZONE)
    left = x + QUIET_ZONE * module
    top = y + size - QUIET_ZONE * module
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        for start, length in _runs(row):
            path.rect(left + start * module, top - (r + 1) * module, length * module, module)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QrFlowable(Flowable):  # type: ignore[misc]
    """A square QR (quiet zone included) that platypus can place and keep whole."""

    def __init__(self, payload: str, size: float, h_align: str = "CENTER") -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.hAlign = h_align

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.payload, 0, 0, self.size)
