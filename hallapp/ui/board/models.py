"""Table models of the call display: recent calls and waiting counts (numbers only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from hallapp.services.board import CallRecord
from hallapp.services.day import QueueStatus

Index = QModelIndex | QPersistentModelIndex
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class _NamedColumnsModel(QAbstractTableModel):
    """Rows of frozen dataclasses shown in named columns; subclasses give text per cell."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def column(self, name: str) -> int:
        return self.COLUMNS.index(name)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(self._rows[index.row()], self.COLUMNS[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.header_text(self.COLUMNS[section])
        return None

    def retranslate(self) -> None:
        if self.COLUMNS:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def cell_text(self, row: Any, column: str) -> str:
        raise NotImplementedError

    def header_text(self, column: str) -> str:
        raise NotImplementedError


class RecentCallsModel(_NamedColumnsModel):
    """The latest calls, newest first: number and window."""

    COLUMNS = ("number", "window")

    def set_calls(self, calls: list[CallRecord]) -> None:
        self.set_rows(calls)

    def call_at(self, row: int) -> CallRecord:
        return self._rows[row]  # type: ignore[no-any-return]

    def cell_text(self, row: CallRecord, column: str) -> str:
        if column == "number":
            return row.number
        return self.tr("{0}号窗口").format(row.window)

    def header_text(self, column: str) -> str:
        return self.tr("号码") if column == "number" else self.tr("窗口")


class WaitingCountsModel(_NamedColumnsModel):
    """People waiting per active queue; the queue shown as its ticket prefix and name."""

    COLUMNS = ("queue", "waiting")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefixes: dict[str, str] = {}

    def set_queues(self, queues: list[QueueStatus]) -> None:
        self.set_rows(queues)

    def waiting_for(self, code: str) -> int | None:
        return next((q.waiting for q in self._rows if q.code == code), None)

    def cell_text(self, row: QueueStatus, column: str) -> str:
        if column == "queue":
            prefix = self.prefixes.get(row.code, row.code)
            return f"{prefix}  {row.name}"
        return self.tr("{0}人").format(row.waiting)

    def header_text(self, column: str) -> str:
        return self.tr("队列") if column == "queue" else self.tr("等候人数")
