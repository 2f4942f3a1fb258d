"""Table models of the call display: recent calls and waiting counts (numbers only)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from hallapp.services.board import CallRecord
from hallapp.services.day import QueueStatus
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.labels import queue_inactive_mark
from hallapp.ui.common.table_model import RecordTableModel


class _NamedColumnsModel(RecordTableModel):
    """The shared base with every cell centred (numbers read across the hall)."""

    ALIGNMENT = int(Qt.AlignmentFlag.AlignCenter)


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
            return (f"{prefix}  {local_name(row.name, row.name_en)}"
                    f"{queue_inactive_mark(row.active)}")
        return self.tr("{0}人").format(row.waiting)

    def header_text(self, column: str) -> str:
        return self.tr("队列") if column == "queue" else self.tr("等候人数")
