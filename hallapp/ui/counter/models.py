"""Table models of the counter: the window's queues, the material checklist, found cases,
appointment slots and bookings.

Each has named columns (``COLUMNS``) so widgets and tests address cells by name, and each is
checked with pytest-qt's ``qtmodeltester``. The checklist marks a material with one click on
the cell of its status (a check mark shows the current one); the commitment column is
disabled where the item or the material does not allow 告知承诺.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from hallapp.core.hallday import hall_zone
from hallapp.core.masking import mask_id_number
from hallapp.services.day import QueueStatus
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.labels import case_label, queue_inactive_mark
from hallapp.ui.common.table_model import DISPLAY, TOOLTIP, Index, RecordTableModel

if TYPE_CHECKING:
    from hallapp.services.appointments import AppointmentInfo, SlotInfo  # with the 预约 tab
    from hallapp.services.case_views import CaseInfo  # loaded with the first case search

_CENTER = int(Qt.AlignmentFlag.AlignCenter)
STATUS_COLUMNS = ("received", "verified_online", "commitment", "missing", "faulty")


# the shared base under the name the counter's (and the supervisor's) models know
NamedColumnsModel = RecordTableModel


class QueueStatusModel(NamedColumnsModel):
    """The queues this window serves: waiting, longest wait, estimated wait."""

    COLUMNS = ("queue", "waiting", "longest", "estimate")
    TEXT_ROLES = (DISPLAY, TOOLTIP)  # the whole name on hover too

    def cell_text(self, row: QueueStatus, column: str) -> str:
        if column == "queue":
            return (f"{row.code} {local_name(row.name, row.name_en)}"
                    f"{queue_inactive_mark(row.active)}")
        if column == "waiting":
            return str(row.waiting)
        if column == "longest":
            return self.tr("{0} 分钟").format(row.longest_wait_minutes)
        return self.tr("约 {0} 分钟").format(row.estimated_minutes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column():
            return _CENTER
        return super().data(index, role)

    def header_text(self, column: str) -> str:
        return {"queue": self.tr("队列"), "waiting": self.tr("等候"),
                "longest": self.tr("最长等候"), "estimate": self.tr("预计")}[column]


@dataclass(frozen=True)
class ChecklistRow:
    """One material as the clerk sees it, with the local mark (maybe not yet recorded)."""

    code: str
    name: str
    required: bool
    core: bool
    commitment_ok: bool
    status: str | None = None
    copies: int = 0
    note: str | None = None


class ChecklistModel(NamedColumnsModel):
    """材料核验: one click on a status cell sets that status; copies are edited in place."""

    COLUMNS = ("material", "kind", *STATUS_COLUMNS, "copies", "note")

    def cell_text(self, row: ChecklistRow, column: str) -> str | None:
        if column == "material":
            return row.name
        if column == "kind":
            if not row.required:
                return self.tr("选交")
            return self.tr("主审要件") if row.core else self.tr("非主审")
        if column == "copies":
            return str(row.copies)
        if column == "note":
            return row.note or ""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: ChecklistRow = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column in STATUS_COLUMNS:
            if role == Qt.ItemDataRole.CheckStateRole:
                return (Qt.CheckState.Checked if row.status == column
                        else Qt.CheckState.Unchecked)
            if role == Qt.ItemDataRole.ToolTipRole and column == "commitment" \
                    and not row.commitment_ok:
                return self.tr("该材料不能以告知承诺代替")
            return None
        if role == Qt.ItemDataRole.EditRole and column == "copies":
            return row.copies
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        column = self.COLUMNS[index.column()]
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if column == "commitment" and not self._rows[index.row()].commitment_ok:
            return Qt.ItemFlag.ItemIsSelectable
        if column == "copies":
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or role != Qt.ItemDataRole.EditRole
                or self.COLUMNS[index.column()] != "copies"):
            return False
        from hallapp.core.intake import MAX_COPIES  # as the service takes them

        try:
            copies = min(MAX_COPIES, max(0, int(value)))
        except (TypeError, ValueError):
            return False
        self.update_row(index.row(), copies=copies)
        return True

    def header_text(self, column: str) -> str:
        return {"material": self.tr("材料"), "kind": self.tr("类别"),
                "received": self.tr("已收"), "verified_online": self.tr("在线核验"),
                "commitment": self.tr("承诺"), "missing": self.tr("缺"),
                "faulty": self.tr("不符"), "copies": self.tr("份数"),
                "note": self.tr("说明")}[column]

    def update_row(self, n: int, **changes: Any) -> ChecklistRow:
        row: ChecklistRow = replace(self._rows[n], **changes)
        self._rows[n] = row
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.COLUMNS) - 1))
        return row

    def row_of(self, code: str) -> int:
        return next(i for i, r in enumerate(self._rows) if r.code == code)


class CaseListModel(NamedColumnsModel):
    """Cases found (查件): number, item, applicant, the ID number masked (the case view shows
    it whole for the one chosen), state."""

    COLUMNS = ("number", "item", "applicant", "id_number", "state")

    def cell_text(self, row: CaseInfo, column: str) -> str:
        masked = mask_id_number(row.applicant_id)  # a USCC is masked alike
        return {"number": row.number, "item": local_name(row.item_name, row.item_name_en),
                "applicant": row.applicant_name, "id_number": masked,
                "state": case_label(row.state_label)}[column]

    def header_text(self, column: str) -> str:
        return {"number": self.tr("办件编号"), "item": self.tr("事项"),
                "applicant": self.tr("申请人"), "id_number": self.tr("证件号码"),
                "state": self.tr("状态")}[column]


def slot_span(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """09:00–09:30 on the hall's clock."""
    return f"{start.astimezone(zone):%H:%M}–{end.astimezone(zone):%H:%M}"


def _item(names: Mapping[str, str], code: str | None, name: str | None) -> str:
    """A slot's or booking's item in the screen's language ("" for any of the queue's)."""
    return (names.get(code) if code else None) or name or code or ""


class SlotModel(NamedColumnsModel):
    """The open slots of one queue and day, with the places left and the item a slot is
    kept for (blank: any of the queue's)."""

    COLUMNS = ("time", "item", "capacity", "booked", "free")
    ALIGNMENT = _CENTER
    TEXT_ROLES = (DISPLAY, TOOLTIP)  # an item's name may be cut
    zone = hall_zone()  # the hall's, once the booking tab has read it
    item_names: Mapping[str, str] = MappingProxyType({})  # by code, in the screen's language

    def cell_text(self, row: SlotInfo, column: str) -> str:
        return {"time": slot_span(row.starts_at, row.ends_at, self.zone),
                "item": _item(self.item_names, row.item_code, row.item_name),
                "capacity": str(row.capacity),
                "booked": str(row.booked), "free": str(row.capacity - row.booked)}[column]

    def header_text(self, column: str) -> str:
        return {"time": self.tr("时段"), "item": self.tr("限定事项"), "capacity": self.tr("容量"),
                "booked": self.tr("已约"), "free": self.tr("余量")}[column]


class BookingModel(NamedColumnsModel):
    """The day's bookings of one queue: code, slot, item, who (masked), state and ticket."""

    COLUMNS = ("code", "time", "item", "who", "state")
    TEXT_ROLES = (DISPLAY, TOOLTIP)
    zone = hall_zone()  # the hall's, once the booking tab has read it
    item_names: Mapping[str, str] = MappingProxyType({})  # by code, in the screen's language

    def cell_text(self, row: AppointmentInfo, column: str) -> str:
        if column == "who":
            return row.name_masked or row.phone_masked or row.id_number_masked
        if column == "state":
            state = self.state_text(row.state)
            return f"{state} {row.ticket}" if row.ticket else state
        if column == "item":
            return _item(self.item_names, row.item_code, row.item_name)
        return row.code if column == "code" else slot_span(row.slot_start, row.slot_end,
                                                           self.zone)

    def state_text(self, state: str) -> str:
        return {"booked": self.tr("已预约"), "checked_in": self.tr("已签到"),
                "late": self.tr("迟到签到"), "missed": self.tr("失约"),
                "cancelled": self.tr("已取消")}.get(state, state)

    def header_text(self, column: str) -> str:
        return {"code": self.tr("预约码"), "time": self.tr("时段"), "item": self.tr("事项"),
                "who": self.tr("申请人"), "state": self.tr("状态")}[column]
