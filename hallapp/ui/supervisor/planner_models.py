"""The 排班预测 tab's tables: windows per hour and queue (editable), and per queue the
predicted waits and abandonment against the targets.

A (queue, hour) misses its target when its predicted p90 wait (of those called) is over the
queue's target or more of its applicants leave unserved than the planner allows
(:func:`hallapp.core.sim.planner.meets`); such cells are red.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from hallapp.ui.common.table_model import DISPLAY, TOOLTIP, Index, RecordTableModel

if TYPE_CHECKING:
    # The simulator loads with the tab's first forecast, not at supervisor start.
    from hallapp.core.sim.profile import SimProfile
    from hallapp.core.sim.runner import SimReport

Counts = dict[tuple[str, int], int]
OVER_FG, OVER_BG = QBrush(QColor("#c8102e")), QBrush(QColor("#fde2e4"))
EDIT = Qt.ItemDataRole.EditRole
MAX_WINDOWS = 40


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}"


@dataclass(frozen=True)
class QueueVerdict:
    """A queue's predicted p90 wait (whole day and worst hour) against its target, and its
    highest hourly abandonment against the planner's limit (``limit``, a share)."""

    queue: str
    target: float
    day_p90: float | None
    worst_hour: int | None
    worst_p90: float | None
    hours_over: int  # hours missing the target: p90 over it, or abandonment over the limit
    gone_hour: int | None = None
    worst_gone: float | None = None  # the highest hourly abandonment (a share)
    limit: float = 1.0

    @property
    def day_over(self) -> bool:
        return self.day_p90 is not None and self.day_p90 > self.target

    @property
    def gone_over(self) -> bool:
        return self.worst_gone is not None and self.worst_gone > self.limit


def verdicts(report: SimReport, profile: SimProfile) -> list[QueueVerdict]:
    from hallapp.core.sim.planner import MAX_ABANDONMENT, meets

    out = []
    for q in profile.queues:
        cells = [(h, c) for h in profile.hours() if (c := report.cell(q.code, h)) is not None]
        hourly = [(h, c.wait_p90.mean) for h, c in cells if c.wait_p90.mean is not None]
        gone = [(h, c.abandonment.mean) for h, c in cells if c.abandonment.mean is not None]
        worst = max(hourly, key=lambda x: x[1], default=(None, None))
        most_gone = max(gone, key=lambda x: x[1], default=(None, None))
        day = report.cell(q.code, None)
        out.append(QueueVerdict(q.code, q.target_wait_minutes, day.wait_p90.mean if day else None,
                                worst[0], worst[1],
                                sum(not meets(c, q.target_wait_minutes) for _, c in cells),
                                most_gone[0], most_gone[1], MAX_ABANDONMENT))
    return out


class PlanTableModel(RecordTableModel):
    """Hours × queues: forecast arrivals until a plan exists, then windows (editable)."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile: SimProfile | None = None
        self.counts: Counts | None = None
        self.p90: dict[tuple[str, int], float] = {}
        self.gone: dict[tuple[str, int], float] = {}  # abandonment (a share) per cell
        self.missed: set[tuple[str, int]] = set()  # cells missing the target (either way)
        self.limit = 1.0  # the planner's abandonment limit

    def set_profile(self, profile: SimProfile) -> None:
        self.beginResetModel()
        self.profile, self.counts, self.p90, self.gone = profile, None, {}, {}
        self.missed = set()
        self.COLUMNS = ("hour", *(f"q:{q.code}" for q in profile.queues), "windows", "arrivals")
        self._rows = profile.hours()
        self.endResetModel()

    def set_plan(self, counts: Counts, report: SimReport) -> None:
        from hallapp.core.sim.planner import MAX_ABANDONMENT, meets

        assert self.profile is not None
        self.beginResetModel()
        self.counts, self.limit = dict(counts), MAX_ABANDONMENT
        hourly = [c for c in report.cells if c.hour is not None]
        self.p90 = {(c.queue, c.hour): c.wait_p90.mean for c in hourly
                    if c.hour is not None and c.wait_p90.mean is not None}
        self.gone = {(c.queue, c.hour): c.abandonment.mean for c in hourly
                     if c.hour is not None and c.abandonment.mean is not None}
        self.missed = {(c.queue, c.hour) for c in hourly if c.hour is not None and not meets(
            c, self.profile.queue(c.queue).target_wait_minutes)}
        self.endResetModel()

    def window_hours(self) -> int:
        return sum((self.counts or {}).values())

    def busiest_hour(self) -> tuple[int, int] | None:
        """(hour, windows) of the hour needing the most windows; None without a plan."""
        totals: dict[int, int] = {}
        for (_queue, hour), n in (self.counts or {}).items():
            totals[hour] = totals.get(hour, 0) + n
        return max(totals.items(), key=lambda kv: (kv[1], -kv[0])) if totals else None

    def _cell(self, index: Index) -> tuple[str, int] | None:
        name = self.COLUMNS[index.column()]
        return (name[2:], self._rows[index.row()]) if name.startswith("q:") else None

    def _over(self, cell: tuple[str, int]) -> bool:
        return cell in self.missed

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.counts is not None and index.isValid() and self._cell(index) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        cell = self._cell(index) if index.isValid() else None
        if cell is None or role in (DISPLAY, Qt.ItemDataRole.TextAlignmentRole):
            return super().data(index, role)
        if role == EDIT and self.counts is not None:
            return self.counts.get(cell, 0)
        if role == TOOLTIP:
            return self._tooltip(cell)
        if role == Qt.ItemDataRole.ForegroundRole and self._over(cell):
            return OVER_FG
        if role == Qt.ItemDataRole.BackgroundRole and self._over(cell):
            return OVER_BG
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        cell = self._cell(index) if index.isValid() else None
        if cell is None or self.counts is None or role != EDIT:
            return False
        try:
            n = int(value)
        except (TypeError, ValueError):
            return False
        if not 0 <= n <= MAX_WINDOWS:
            return False
        self.counts[cell] = n
        self.dataChanged.emit(index, self.index(index.row(), self.column("windows")))
        self.edited.emit()
        return True

    def _tooltip(self, cell: tuple[str, int]) -> str:
        assert self.profile is not None
        q = self.profile.queue(cell[0])
        return self.tr("预计到达 {0} 人/时；预计 p90 等候 {1} 分（目标 {2} 分）；预计弃号率 "
                       "{3}%（上限 {4}%）").format(
            f"{q.hourly[cell[1]]:.1f}", _minutes(self.p90.get(cell)), f"{q.target_wait_minutes:g}",
            _percent(self.gone.get(cell)), f"{self.limit * 100:g}")

    def cell_text(self, row: Any, column: str) -> str | None:
        assert self.profile is not None
        hour: int = row
        if column == "hour":
            return f"{hour:02d}:00"
        if column.startswith("q:"):
            if self.counts is not None:
                return str(self.counts.get((column[2:], hour), 0))
            return f"{self.profile.queue(column[2:]).hourly[hour]:.1f}"
        if column == "windows":
            return "—" if self.counts is None else str(
                sum(n for (_, h), n in self.counts.items() if h == hour))
        return f"{sum(q.hourly[hour] for q in self.profile.queues):.1f}"

    def header_text(self, column: str) -> str:
        if column.startswith("q:"):
            return column[2:]
        return {"hour": self.tr("时段"), "windows": self.tr("窗口合计"),
                "arrivals": self.tr("预计到达")}[column]


class VerdictTableModel(RecordTableModel):
    """Per queue: the target and the predicted p90 waits, red where above the target."""

    COLUMNS = ("queue", "target", "worst", "gone", "hours_over", "day_p90")
    TEXT_ROLES = (DISPLAY, TOOLTIP)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            v: QueueVerdict = self.row(index.row())
            column = self.COLUMNS[index.column()]
            over = {"day_p90": v.day_over, "worst": v.worst_p90 is not None
                    and v.worst_p90 > v.target, "gone": v.gone_over,
                    "hours_over": v.hours_over > 0}.get(column, False)
            return OVER_FG if over else None
        return super().data(index, role)

    def is_flagged(self, queue: str) -> bool:
        """Whether ``queue`` misses its target in some hour (the planner's own criterion)."""
        return any(v.queue == queue and v.hours_over > 0 for v in self.rows())

    def cell_text(self, row: Any, column: str) -> str | None:
        v: QueueVerdict = row
        if column == "queue":
            return v.queue
        if column == "target":
            return f"{v.target:g}"
        if column == "day_p90":
            return _minutes(v.day_p90)
        if column == "worst":
            return "—" if v.worst_hour is None else self.tr("{0}（{1}时）").format(
                _minutes(v.worst_p90), f"{v.worst_hour:02d}")
        if column == "gone":
            return "—" if v.gone_hour is None else self.tr("{0}（{1}时）").format(
                _percent(v.worst_gone), f"{v.gone_hour:02d}")
        return str(v.hours_over)

    def header_text(self, column: str) -> str:
        return {"queue": self.tr("队列"), "target": self.tr("目标 p90(分)"),
                "day_p90": self.tr("全天 p90(分)"), "worst": self.tr("最差时段 p90(分)"),
                "gone": self.tr("最高弃号率(%)"), "hours_over": self.tr("未达标时段数")}[column]
