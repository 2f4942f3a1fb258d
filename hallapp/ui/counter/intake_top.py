"""The intake's top part (item and applicant) in a scroll area that takes the height they
need, up to ``TOP_MAX`` and ``TOP_SHARE`` of the tab, and scrolls beyond it: the checklist
below keeps its rows at 1366×768 and the buttons under it stay in sight."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

TOP_MAX = 330  # px of item + applicant before they scroll (1280×800 keeps 4 checklist rows)
TOP_SHARE = 0.33  # of the panel's height at most (1366×768 keeps 4 checklist rows too)
TOP_MIN = 150  # px they keep on the smallest screen


def stacked(*widgets: QWidget) -> QWidget:
    """``widgets`` one under the other, from the top."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    return box


class IntakeTop(QScrollArea):
    @classmethod
    def side_by_side(cls, left: QWidget, right: QWidget) -> IntakeTop:
        """``left`` (the item) and ``right`` (the applicant) in two equal columns."""
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 4, 0)
        row.addWidget(left, 1)
        row.addSpacing(16)
        row.addWidget(right, 1)
        return cls(top)

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeTop")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(content)
        self.panel_height = 0
        content.installEventFilter(self)

    def sizeHint(self) -> QSize:
        """As tall as the content (the maximum height caps it), not QScrollArea's 192 px."""
        content = self.widget()
        if content is None:
            return super().sizeHint()
        return QSize(super().sizeHint().width(), content.sizeHint().height() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self.fit(self.panel_height)
        return False

    def fit(self, panel_height: int) -> None:
        """The height the content needs at its width (a wrapped item name may take two
        lines), within the caps for a panel ``panel_height`` tall."""
        self.panel_height = panel_height
        content = self.widget()
        if content is None:
            return
        hint = max(content.sizeHint().height(),
                   content.heightForWidth(self.viewport().width())) + 2
        cap = min(TOP_MAX, max(TOP_MIN, int(panel_height * TOP_SHARE)))
        self.setMinimumHeight(min(hint, TOP_MIN))
        self.setMaximumHeight(min(hint, cap))

    def show_field(self, edit: QWidget, message: QWidget) -> None:
        """``edit`` and its message under it scrolled into sight, once the messages just
        shown have taken their places."""

        def scroll() -> None:
            self.ensureWidgetVisible(edit, 0, 8)
            self.ensureWidgetVisible(message, 0, 8)

        QTimer.singleShot(0, scroll)
