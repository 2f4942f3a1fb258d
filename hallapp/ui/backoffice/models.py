"""Table models of the back office: the review queue, a case's materials and its history.

Columns are named (``COLUMNS``) so widgets and tests address cells by name; every model is
checked with pytest-qt's ``qtmodeltester``. The queue keeps the service's order
(:func:`hallapp.services.backoffice.queue_order`) and is patched row by row from the change
feed (:meth:`ReviewQueueModel.upsert` / :meth:`ReviewQueueModel.remove`), so a selection and the
scroll position survive another approver's work.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from hallapp.core.case_rules import ACTION_LABELS, STATE_LABELS, CaseAction, CaseState
from hallapp.services.backoffice import RESULT_STATES, queue_order
from hallapp.services.case_views import CaseInfo, MaterialState, TransitionInfo
from hallapp.ui.backoffice.base import BackofficeEnv
from hallapp.ui.common.case_notes import case_note
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.labels import case_label
from hallapp.ui.common.table_model import DISPLAY, TOOLTIP, Index, RecordTableModel

TIMELINESS_ROLE = int(Qt.ItemDataRole.UserRole) + 1
STOPPED_STATES = ("correction_requested", "special_procedure")
# deadline state -> (background, text) of the deadline cells
COLOURS = {"warning": ("#ffd98a", "#5c3b00"), "overdue": ("#c8102e", "#ffffff")}


class NamedColumnsModel(RecordTableModel):
    """The shared base, holding the approver's env; cells are also the tooltips (cut text)."""

    TEXT_ROLES = (DISPLAY, TOOLTIP)

    def __init__(self, env: BackofficeEnv, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.env = env


class ReviewQueueModel(NamedColumnsModel):
    """The department's open cases, most urgent first, then its decided cases awaiting their
    result (制证), in the service's order; deadline cells coloured by state."""

    COLUMNS = ("number", "item", "applicant", "state", "window", "accepted", "deadline",
               "remaining", "claimed")

    def set_rows(self, rows: Sequence[CaseInfo]) -> None:
        super().set_rows(sorted(rows, key=queue_order))

    def find(self, number: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.number == number), -1)

    def remove(self, number: str) -> None:
        n = self.find(number)
        if n >= 0:
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()

    def upsert(self, info: CaseInfo) -> None:
        """Replace the case's row in place, or move/insert it where its urgency puts it."""
        n = self.find(info.number)
        keys = [queue_order(r) for r in self._rows]
        if n >= 0:
            del keys[n]
        at = bisect.bisect_left(keys, queue_order(info))
        if n == at:
            self._rows[n] = info
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.COLUMNS) - 1))
            return
        self.remove(info.number)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, info)
        self.endInsertRows()

    def cell_text(self, row: CaseInfo, column: str) -> str:
        if column == "remaining":
            if row.state in RESULT_STATES:  # decided: no time left to count, a result to make
                return self.tr("待制证")
            return remaining_text(self, row, stopped=False)
        if column == "window":
            return self.tr("{0}号窗口").format(row.window) if row.window else "—"
        if column == "claimed":
            return row.claimed_by_name or row.claimed_by or self.tr("未认领")
        return {"number": row.number, "item": local_name(row.item_name, row.item_name_en),
                "applicant": row.applicant_name,
                "state": case_label(row.state_label), "accepted": self.env.local(row.accepted_at),
                "deadline": self.env.local(row.deadline)}[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: CaseInfo = self._rows[index.row()]
        if role == TIMELINESS_ROLE:
            return row.timeliness
        colours = COLOURS.get(row.timeliness or "")
        if colours and self.COLUMNS[index.column()] in ("deadline", "remaining"):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(colours[0]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(colours[1]))
        return super().data(index, role)

    def header_text(self, column: str) -> str:
        return {"number": self.tr("办件编号"), "item": self.tr("事项"),
                "applicant": self.tr("申请人"), "state": self.tr("状态"),
                "window": self.tr("受理窗口"), "accepted": self.tr("受理时间"),
                "deadline": self.tr("办结期限"), "remaining": self.tr("剩余时间"),
                "claimed": self.tr("认领人")}[column]


def remaining_text(model: QObject, row: CaseInfo, *, stopped: bool = True) -> str:
    """Working days left in words; a stopped clock (补正, 特别程序) says so unless told not
    to (the queue's state column already says 待补正 / 特别程序)."""
    left = row.remaining_working_days
    if left is None:  # not counted: a year's holidays not loaded yet
        return QCoreApplication.translate("RemainingTime", "已超期") \
            if row.timeliness == "overdue" else "—"
    if left < 0:
        text = QCoreApplication.translate("RemainingTime", "超期{0}个工作日").format(-left)
    elif row.timeliness == "overdue":
        text = QCoreApplication.translate("RemainingTime", "已超期")
    elif left == 0:
        text = QCoreApplication.translate("RemainingTime", "今日到期")
    else:
        text = QCoreApplication.translate("RemainingTime", "剩{0}个工作日").format(left)
    if stopped and row.state in STOPPED_STATES:
        text = QCoreApplication.translate("RemainingTime", "{0}，计时暂停").format(text)
    return text


class QueueFilterProxy(QSortFilterProxyModel):
    """Filters by item code, state and intake window; keeps the source's urgency order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.item: str | None = None
        self.state: str | None = None
        self.window: int | None = None

    def set_filters(self, item: str | None, state: str | None, window: int | None) -> None:
        self.beginFilterChange()
        self.item, self.state, self.window = item, state, window
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ReviewQueueModel) or source_row >= model.rowCount():
            return False
        info: CaseInfo = model.row(source_row)
        return ((self.item is None or info.item_code == self.item)
                and (self.state is None or info.state == self.state)
                and (self.window is None or info.window == self.window))

    def info(self, proxy_row: int) -> CaseInfo | None:
        model = self.sourceModel()
        source = self.mapToSource(self.index(proxy_row, 0))
        if not isinstance(model, ReviewQueueModel) or not source.isValid():
            return None
        info: CaseInfo = model.row(source.row())
        return info


MATERIAL_STATUS = {"received": QT_TRANSLATE_NOOP("MaterialsModel", "已收"),
                   "verified_online": QT_TRANSLATE_NOOP("MaterialsModel", "在线核验"),
                   "commitment": QT_TRANSLATE_NOOP("MaterialsModel", "告知承诺"),
                   "missing": QT_TRANSLATE_NOOP("MaterialsModel", "缺"),
                   "faulty": QT_TRANSLATE_NOOP("MaterialsModel", "不符合要求")}
MATERIAL_FORM = {"original": QT_TRANSLATE_NOOP("MaterialsModel", "原件"),
                 "copy": QT_TRANSLATE_NOOP("MaterialsModel", "复印件"),
                 "original_and_copy": QT_TRANSLATE_NOOP("MaterialsModel", "原件及复印件"),
                 "electronic": QT_TRANSLATE_NOOP("MaterialsModel", "电子材料")}


class MaterialsModel(NamedColumnsModel):
    """What the window recorded for each material: status, form, copies, note, owed."""

    COLUMNS = ("material", "kind", "status", "form", "copies", "note")

    def cell_text(self, row: MaterialState, column: str) -> str:
        if column == "kind":
            return self._kind(row)
        if column == "status":
            text = self.tr(str(MATERIAL_STATUS[row.status])) if row.status in MATERIAL_STATUS \
                else self.tr("未核验")
            return text + self.tr("（容缺待补）") if row.owed else text
        if column == "form":
            return self.tr(str(MATERIAL_FORM[row.form])) if row.form in MATERIAL_FORM else "—"
        if column == "copies":
            return str(row.copies) if row.copies else "—"
        return local_name(row.name, row.name_en) if column == "material" else row.note or ""

    def _kind(self, row: MaterialState) -> str:
        if not row.required:
            return self.tr("选交")
        return self.tr("主审要件") if row.core else self.tr("非主审")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and 0 <= index.row() < len(self._rows)
                and self.COLUMNS[index.column()] == "status"):
            row: MaterialState = self._rows[index.row()]
            if row.owed or row.status in ("missing", "faulty"):
                return QBrush(QColor("#c8102e"))
        return super().data(index, role)

    def header_text(self, column: str) -> str:
        return {"material": self.tr("材料"), "kind": self.tr("类别"), "status": self.tr("核验"),
                "form": self.tr("形式"), "copies": self.tr("份数"),
                "note": self.tr("说明")}[column]


class HistoryModel(NamedColumnsModel):
    """Every transition of the case: when, who, action, from → to, opinion."""

    COLUMNS = ("at", "actor", "action", "states", "opinion")

    def cell_text(self, row: TransitionInfo, column: str) -> str:
        if column == "at":
            return self.env.local(row.at, "%Y-%m-%d %H:%M")
        if column == "actor":
            return row.actor_name or row.actor
        if column == "action":
            return action_label(row.action)
        if column == "states":
            return f"{state_label(row.from_state)} → {state_label(row.to_state)}"
        return case_note(row.opinion) if row.opinion else ""

    def header_text(self, column: str) -> str:
        return {"at": self.tr("时间"), "actor": self.tr("操作人"), "action": self.tr("操作"),
                "states": self.tr("状态变化"), "opinion": self.tr("意见")}[column]


def action_label(action: str) -> str:
    """The translated name of a recorded action (``open`` is the intake, not a state move)."""
    if action == "open":
        return case_label("收件")
    try:
        return case_label(ACTION_LABELS[CaseAction(action)])
    except ValueError:
        return action


def state_label(state: str | None) -> str:
    if state is None:
        return "—"
    try:
        return case_label(STATE_LABELS[CaseState(state)])
    except ValueError:
        return state
