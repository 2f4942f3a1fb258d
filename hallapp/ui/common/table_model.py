"""The base of the clients' table models: rows of frozen dataclasses in named columns.

Widgets and tests address cells by column name (``COLUMNS``), never by position; a subclass
says what text a cell shows (:meth:`RecordTableModel.cell_text`) and what its header says
(:meth:`RecordTableModel.header_text`, translated in the subclass's own ``tr()`` context so
the strings stay where lupdate found them). Every model is checked with ``qtmodeltester``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


class RecordTableModel(QAbstractTableModel):
    """Rows of dataclasses in named columns; subclasses give each cell's and header's text."""

    COLUMNS: tuple[str, ...] = ()
    # roles that show the cell's text (add ``TOOLTIP`` where cells may be cut)
    TEXT_ROLES: ClassVar[tuple[Qt.ItemDataRole, ...]] = (DISPLAY,)
    # the ``TextAlignmentRole`` of every cell (None: the view's default)
    ALIGNMENT: ClassVar[int | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def column(self, name: str) -> int:
        return self.COLUMNS.index(name)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def row(self, n: int) -> Any:
        return self._rows[n]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        """Headers in the new language (the views ask again)."""
        if self.COLUMNS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in self.TEXT_ROLES:
            return self.cell_text(self._rows[index.row()], self.COLUMNS[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.ALIGNMENT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == DISPLAY:
            return self.header_text(self.COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(self.COLUMNS[section])
        return None

    def header_tooltip(self, column: str) -> str | None:
        """What a short header stands for (none by default)."""
        return None

    def cell_text(self, row: Any, column: str) -> str | None:
        raise NotImplementedError

    def header_text(self, column: str) -> str:
        raise NotImplementedError
