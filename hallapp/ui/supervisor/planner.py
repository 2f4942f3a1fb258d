"""排班预测: the forecast, the recommended staffing, and what-if editing of the plan.

The forecast is the hall's own history (same weekday, 8 weeks back) or, with too little of
it, the demo profile — the panel says which. 生成建议 runs the staffing planner off the GUI
thread; the plan shows as windows per hour and queue (editable: what-if) and as a chart,
with each queue's predicted p90 wait beside its target and its highest abandonment beside the
planner's limit (an hour misses its target on either: :func:`hallapp.core.sim.planner.meets`).
模拟此方案 simulates the edited plan with the same seed, so a difference in the waits is the
edit's, not chance's.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
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
from hallapp.ui.common.hall_today import HallToday
from hallapp.ui.counter.base import make_button, make_label
from hallapp.ui.supervisor.base import SupervisorPanel, make_table, py_date
from hallapp.ui.supervisor.chart_slot import ChartSlot
from hallapp.ui.supervisor.planner_models import (
    PlanTableModel,
    VerdictTableModel,
    verdicts,
)

if TYPE_CHECKING:
    # The simulator (simpy, the calibration service) loads with the tab's first forecast,
    # QtCharts with the chart's first showing: neither is needed at supervisor start.
    from hallapp.core.sim.planner import StaffingPlan
    from hallapp.core.sim.profile import SimProfile
    from hallapp.core.sim.runner import SimReport
    from hallapp.ui.supervisor.charts import PlanChartView

Counts = dict[tuple[str, int], int]


def _fit_width(table: QTableView) -> None:
    """Room for every column, so the table never scrolls sideways (the chart takes the rest)."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    width = header.length() + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
    table.setMinimumWidth(width)


def _plan_chart() -> PlanChartView:
    from hallapp.ui.supervisor.charts import PlanChartView

    return PlanChartView()


class PlannerPanel(SupervisorPanel):
    """The 排班预测 tab; loads its forecast the first time it is shown."""

    planned = Signal()  # a plan (generated or what-if) and its predicted waits are shown

    def __init__(self, ctx: Ctx, today: HallToday, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.runs, self.seed = 10, 0
        self.profile: SimProfile | None = None
        self.hall_windows: int | None = None  # how many windows the hall has
        self.plan: StaffingPlan | None = None
        self.report: SimReport | None = None
        self.busy, self.edited = False, False
        day = today()
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        today.turned.connect(self._on_day_turned)
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

    def _on_day_turned(self, before: date, day: date) -> None:
        """The forecast of the day that just ended moves on to the new day (one the
        supervisor picked stays); not read before the tab is first shown."""
        if py_date(self.day.date()) != before:
            return
        unread = self.profile is None and not self.busy
        blocked = self.day.blockSignals(unread)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.day.blockSignals(blocked)

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
        limit = f"{self.model.limit * 100:g}"
        if over:
            first = self.tr("有时段未达标（红色：p90 等候超过目标或弃号率超过 {1}%）：{0}").format(
                over, limit)
        else:
            first = self.tr("各队列各时段预计 p90 等候均不超过目标，弃号率均不超过 {0}%。").format(
                limit)
        texts = [first]
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
