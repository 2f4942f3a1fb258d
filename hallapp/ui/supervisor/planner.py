"""排班预测: the forecast, the recommended staffing, and what-if editing of the plan.

The forecast is the hall's own history (same weekday, 8 weeks back) or, with too little of
it, the demo profile — the panel says which. 生成建议 runs the staffing planner off the GUI
thread; the plan shows as windows per hour and queue (editable: what-if) and as a chart,
with each queue's predicted p90 wait beside its target. 模拟此方案 simulates the edited plan
with the same seed, so a difference in the waits is the edit's, not chance's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.context import Ctx
from hallapp.ui.common.table_model import DISPLAY, TOOLTIP, Index, RecordTableModel
from hallapp.ui.counter.base import make_button, make_label
from hallapp.ui.supervisor.base import SupervisorPanel, make_table, py_date
from hallapp.ui.supervisor.chart_slot import ChartSlot

if TYPE_CHECKING:
    # The simulator (simpy, the calibration service) loads with the tab's first forecast,
    # QtCharts with the chart's first showing: neither is needed at supervisor start.
    from hallapp.core.sim.planner import StaffingPlan
    from hallapp.core.sim.profile import SimProfile
    from hallapp.core.sim.runner import SimReport
    from hallapp.ui.supervisor.charts import PlanChartView

Counts = dict[tuple[str, int], int]
OVER_FG, OVER_BG = QBrush(QColor("#c8102e")), QBrush(QColor("#fde2e4"))
EDIT = Qt.ItemDataRole.EditRole
MAX_WINDOWS = 40


def _fit_width(table: QTableView) -> None:
    """Room for every column, so the table never scrolls sideways (the chart takes the rest)."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    width = header.length() + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
    table.setMinimumWidth(width)


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


@dataclass(frozen=True)
class QueueVerdict:
    """A queue's predicted p90 wait (whole day and worst hour) against its target."""

    queue: str
    target: float
    day_p90: float | None
    worst_hour: int | None
    worst_p90: float | None
    hours_over: int

    @property
    def day_over(self) -> bool:
        return self.day_p90 is not None and self.day_p90 > self.target


def _plan_chart() -> PlanChartView:
    from hallapp.ui.supervisor.charts import PlanChartView

    return PlanChartView()


def verdicts(report: SimReport, profile: SimProfile) -> list[QueueVerdict]:
    out = []
    for q in profile.queues:
        hourly = [(h, c.wait_p90.mean) for h in profile.hours()
                  if (c := report.cell(q.code, h)) is not None and c.wait_p90.mean is not None]
        worst = max(hourly, key=lambda x: x[1], default=(None, None))
        day = report.cell(q.code, None)
        out.append(QueueVerdict(q.code, q.target_wait_minutes, day.wait_p90.mean if day else None,
                                worst[0], worst[1],
                                sum(p > q.target_wait_minutes for _, p in hourly)))
    return out


class PlanTableModel(RecordTableModel):
    """Hours × queues: forecast arrivals until a plan exists, then windows (editable)."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile: SimProfile | None = None
        self.counts: Counts | None = None
        self.p90: dict[tuple[str, int], float] = {}

    def set_profile(self, profile: SimProfile) -> None:
        self.beginResetModel()
        self.profile, self.counts, self.p90 = profile, None, {}
        self.COLUMNS = ("hour", *(f"q:{q.code}" for q in profile.queues), "windows", "arrivals")
        self._rows = profile.hours()
        self.endResetModel()

    def set_plan(self, counts: Counts, report: SimReport) -> None:
        self.beginResetModel()
        self.counts = dict(counts)
        self.p90 = {(c.queue, c.hour): c.wait_p90.mean for c in report.cells
                    if c.hour is not None and c.wait_p90.mean is not None}
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
        p = self.p90.get(cell)
        return self.profile is not None and p is not None and p > self.profile.queue(
            cell[0]).target_wait_minutes

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
        return self.tr("预计到达 {0} 人/时；预计 p90 等候 {1} 分（目标 {2} 分）").format(
            f"{q.hourly[cell[1]]:.1f}", _minutes(self.p90.get(cell)), f"{q.target_wait_minutes:g}")

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

    COLUMNS = ("queue", "target", "worst", "hours_over", "day_p90")
    TEXT_ROLES = (DISPLAY, TOOLTIP)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            v: QueueVerdict = self.row(index.row())
            column = self.COLUMNS[index.column()]
            over = {"day_p90": v.day_over, "worst": v.hours_over > 0,
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
        return str(v.hours_over)

    def header_text(self, column: str) -> str:
        return {"queue": self.tr("队列"), "target": self.tr("目标 p90(分)"),
                "day_p90": self.tr("全天 p90(分)"), "worst": self.tr("最差时段 p90(分)"),
                "hours_over": self.tr("超目标时段数")}[column]


class PlannerPanel(SupervisorPanel):
    """The 排班预测 tab; loads its forecast the first time it is shown."""

    planned = Signal()  # a plan (generated or what-if) and its predicted waits are shown

    def __init__(self, ctx: Ctx, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.runs, self.seed = 10, 0
        self.profile: SimProfile | None = None
        self.hall_windows: int | None = None  # how many windows the hall has
        self.plan: StaffingPlan | None = None
        self.report: SimReport | None = None
        self.busy, self.edited = False, False
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _d: self.load())
        self.buttons = {name: make_button("", None if name == "generate" else "secondary", name)
                        for name in ("generate", "simulate")}
        self.buttons["generate"].clicked.connect(self.generate)
        self.buttons["simulate"].clicked.connect(self.simulate_plan)
        self.model, self.verdicts = PlanTableModel(self), VerdictTableModel(self)
        self.model.edited.connect(self._on_model_edited)
        self.table = make_table(self.model, stretch=None)
        self.verdict_table = make_table(self.verdicts, stretch=None)
        for model, view in ((self.model, self.table), (self.verdicts, self.verdict_table)):
            model.modelReset.connect(lambda v=view: _fit_width(v))
            model.headerDataChanged.connect(lambda *_a, v=view: _fit_width(v))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.chart = ChartSlot(_plan_chart)
        self.labels = {name: make_label("", kind, wrap=wrap) for name, kind, wrap in (
            ("day", None, False), ("source", "hint", True), ("plan", "section", False),
            ("verdict", "section", False), ("total", None, True), ("note", "hint", True))}
        self._build()
        self.retranslate()

    def _build(self) -> None:
        bar = QHBoxLayout()
        for widget in (self.labels["day"], self.day, self.buttons["generate"],
                       self.buttons["simulate"]):
            bar.addWidget(widget)
        bar.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for part, stretch in ((self.labels["plan"], 0), (self.table, 3),
                              (self.labels["total"], 0), (self.labels["verdict"], 0),
                              (self.verdict_table, 2)):
            column.addWidget(part, stretch)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.chart)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        self.chart.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.labels["source"])
        layout.addWidget(split, 1)
        layout.addWidget(self.labels["note"])

    def retranslate(self) -> None:
        self.labels["day"].setText(self.tr("预测日期"))
        self.buttons["generate"].setText(self.tr("生成建议"))
        self.buttons["simulate"].setText(self.tr("模拟此方案"))
        self.labels["verdict"].setText(self.tr("预计等候与目标"))
        self.model.retranslate()
        self.verdicts.retranslate()
        self._show_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.profile is None and not self.busy:
            self.load()

    # --- work off the GUI thread -----------------------------------------------------------

    def load(self) -> None:
        """The forecast for the chosen day (history, or the demo profile without enough)."""
        ctx, day = self.ctx, py_date(self.day.date())
        self._start(self.tr("正在读取历史数据…"))

        def work() -> tuple[SimProfile, int]:
            from hallapp.services.hall import list_windows
            from hallapp.services.simulate import calibrate

            return calibrate(ctx, day), len(list_windows(ctx))

        self.call(work, self._on_loaded, "supervisor: forecast", self._on_failed)

    def generate(self) -> None:
        profile, runs, seed = self.profile, self.runs, self.seed
        if profile is None or self.busy:
            return
        self._start(self.tr("正在生成建议（{0} 次模拟 × 若干轮）…").format(runs))

        def work() -> tuple[StaffingPlan, SimReport]:
            from hallapp.core.sim.planner import plan_staffing
            from hallapp.core.sim.runner import simulate

            plan = plan_staffing(profile, runs=runs, seed=seed)
            return plan, simulate(profile, plan.plan, runs, seed)

        self.call(work, self._on_generated, "supervisor: plan", self._on_failed)

    def simulate_plan(self) -> None:
        profile, counts = self.profile, self.model.counts
        if profile is None or counts is None or self.busy:
            return
        from hallapp.core.sim.planner import to_plan
        from hallapp.core.sim.runner import simulate

        runs, seed, plan = self.runs, self.seed, to_plan(dict(counts))
        self._start(self.tr("正在模拟此方案…"))
        self.call(lambda: simulate(profile, plan, runs, seed), self._on_simulated,
                  "supervisor: what-if", self._on_failed)

    def _start(self, note: str) -> None:
        self.busy = True
        self._show_state()
        self.labels["note"].setText(note)

    def _on_failed(self, _exc: BaseException) -> None:
        self.busy = False
        self._show_state()
        self.labels["note"].clear()

    def _on_loaded(self, loaded: tuple[SimProfile, int]) -> None:
        profile, self.hall_windows = loaded
        self.busy, self.profile, self.plan, self.report = False, profile, None, None
        self.edited = False
        self.model.set_profile(profile)
        self.verdicts.set_rows([])
        self._show_state()
        self.labels["note"].clear()

    def _on_generated(self, result: tuple[StaffingPlan, SimReport]) -> None:
        self.plan = result[0]
        counts = {(q.queue, h.hour): q.windows for h in result[0].hours for q in h.queues}
        self._show_report(counts, result[1])

    def _on_simulated(self, report: SimReport) -> None:
        self._show_report(dict(self.model.counts or {}), report)

    def _show_report(self, counts: Counts, report: SimReport) -> None:
        assert self.profile is not None
        self.busy, self.edited, self.report = False, False, report
        self.model.set_plan(counts, report)
        self.verdicts.set_rows(verdicts(report, self.profile))
        self._show_state()
        self.labels["note"].setText(self._verdict_text())
        self.planned.emit()

    def _verdict_text(self) -> str:
        rows, sep = self.verdicts.rows(), self.tr("、")
        over = sep.join(v.queue for v in rows if v.hours_over > 0)
        texts = [self.tr("有时段超出目标（红色）：{0}").format(over) if over
                 else self.tr("各队列各时段预计 p90 等候均不超过目标。")]
        day = sep.join(v.queue for v in rows if v.day_over)
        if day:
            texts.append(self.tr("全天 p90 高于目标：{0}（各时段合计，波动更大）。").format(day))
        busiest = self.model.busiest_hour()
        if busiest and self.hall_windows is not None and busiest[1] > self.hall_windows:
            # Each planned window serves one queue; a hall short of windows pools queues on
            # shared ones (work profiles), so this says what the targets take, not a layout.
            texts.append(self.tr("{0}时需 {1} 个窗口，多于本厅的 {2} 个：可让窗口兼办多个队列，"
                                 "或放宽目标。").format(busiest[0], busiest[1], self.hall_windows))
        return " ".join(texts)

    def _on_model_edited(self) -> None:
        self.edited = True
        self._show_state()
        self.labels["note"].setText(self.tr("方案已修改：点击“模拟此方案”更新预计等候。"))

    # --- texts -----------------------------------------------------------------------------

    def _demo_text(self, source: str) -> str:
        """Why the demo profile: the calibration's source reads "demo N/M" (N tickets of
        history, M needed)."""
        seen, _, needed = source.removeprefix("demo ").partition("/")
        if not needed:
            return self.tr("本厅历史数据不足，预测使用演示参数")
        return self.tr("本厅历史数据不足（历史号 {0} 个，至少需 {1} 个），预测使用演示参数").format(
            seen, needed)

    def _show_state(self) -> None:
        p, planned = self.profile, self.model.counts is not None
        self.buttons["generate"].setEnabled(p is not None and not self.busy)
        self.buttons["simulate"].setEnabled(planned and not self.busy)
        if p is None:
            self.labels["source"].setText(self.tr("尚未载入预测。"))
        elif p.days > 0:
            self.labels["source"].setText(self.tr("预测依据本厅历史：%n 天（{0}）", "",
                                                  p.days).format(p.source))
        else:
            self.labels["source"].setText(self._demo_text(p.source))
        self.labels["plan"].setText(self.tr("各时段窗口数（双击修改）") if planned
                                    else self.tr("各时段预计到达人数（按队列）"))
        self.labels["total"].setText(self._total_text() if planned else "")
        if p is not None:
            title, counts = self.tr("预计到达与建议窗口"), self.model.counts
            arrivals, windows = self.tr("到达(人/时)"), self.tr("窗口数")
            self.chart.draw(lambda view: view.show_plan(title, p, counts, arrivals, windows))

    def _total_text(self) -> str:
        text = self.tr("窗口·小时合计 {0}").format(self.model.window_hours())
        if self.plan is not None:
            text += self.tr("（建议 {0}，Erlang C 初估 {1}）").format(
                self.plan.window_hours, self.plan.erlang_window_hours)
        return text
