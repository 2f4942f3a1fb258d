"""A QR code on screen, drawn from the same module matrix as the printed documents'."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter, QPixmap


def qr_pixmap(payload: str, pixels: int) -> QPixmap:
    """The QR code of ``payload`` with its quiet zone, ``pixels`` wide. Loads the documents'
    QR module (and reportlab) on first use, not with the client."""
    from hallapp.documents.qr import QUIET_ZONE, qr_matrix

    matrix = qr_matrix(payload)
    count = len(matrix) + 2 * QUIET_ZONE
    image = QImage(count, count, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x + QUIET_ZONE, y + QUIET_ZONE, 1, 1, QColor("black"))
    painter.end()
    return QPixmap.fromImage(image.scaled(pixels, pixels))
