"""A push button that breaks its text between words to fit its width.

A QPushButton never wraps: it asks for the width of its whole text, so a long English label
("Very dissatisfied", "Household registration and exit-entry" in elder-mode type) pushed a
kiosk or a rating pad past its screen. This one asks only for the width of its longest word
and, whenever its width or font changes, breaks its text (``text()``, as given) into lines
that fit (``shown_text()``). A line without spaces (Chinese) is never broken.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget


def wrap_words(text: str, metrics: QFontMetrics, room: int) -> str:
    """``text`` with its spaces turned into line breaks where a line would exceed ``room``
    pixels; its own line breaks are kept."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            longer = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(longer) > room:
                lines.append(line)
                line = word
            else:
                line = longer
        lines.append(line)
    return "\n".join(lines)


class WrappingButton(QPushButton):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        policy = self.sizePolicy()  # may shrink to its longest word (QPushButton: never)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # and layouts give it the height its lines need
        self.setSizePolicy(policy)
        self.setText(text)

    def text(self) -> str:
        """The text as given, without the line breaks added to fit."""
        return self._text

    def shown_text(self) -> str:
        return super().text()

    def setText(self, text: str) -> None:
        self._text = text
        self._rewrap()

    def minimumSizeHint(self) -> QSize:
        longest = max((self.fontMetrics().horizontalAdvance(word)
                       for line in self._text.split("\n") for word in line.split(" ")),
                      default=0)
        hint = super().sizeHint()
        return QSize(longest + self._frame(), hint.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        metrics = self.fontMetrics()
        text = wrap_words(self._text, metrics, width - self._frame())
        size = self._outer(metrics.size(Qt.TextFlag.TextShowMnemonic, text))
        return max(size.height(), self.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rewrap()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._rewrap()

    def _frame(self) -> int:
        """What the style adds around the text (padding, border), for a text wide enough
        that no minimum width of the style counts."""
        wide = 1000
        return max(self._outer(QSize(wide, self.fontMetrics().height())).width() - wide, 0)

    def _outer(self, text: QSize) -> QSize:
        """The button's size around a text of size ``text``, as the style draws it."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, text,
                                             self)

    def _rewrap(self) -> None:
        room = self.width() - self._frame()
        shown = wrap_words(self._text, self.fontMetrics(), room)
        if shown != super().text():
            super().setText(shown)
            self.updateGeometry()
