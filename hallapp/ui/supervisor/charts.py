"""Charts of the supervisor (QtCharts): arrivals and waits by hour, figures day by day, and
the staffing plan. Imported only when a chart is first shown (see ``chart_slot``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from hallapp.services.kpi_hourly import HourPoint
from hallapp.services.kpi_report import DayPoint

if TYPE_CHECKING:
    from hallapp.core.sim.profile import SimProfile

BLUE, RED = QColor("#0b4a8b"), QColor("#c8102e")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _axis(title: str, top: float) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setRange(0, max(5.0, top * 1.15))
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f")
    return axis


MAX_DAY_LABELS = 12  # at most, on a wide chart
LABEL_GAP = 14  # pixels between two labels, so that Qt does not cut them to "202…"


def day_labels(days: Sequence[date], width: float, text_width: Callable[[str], float]
               ) -> list[tuple[str, int]]:
    """The labels of a period's days and the day (index) under which each goes: every day
    when they fit ``width`` pixels side by side, else every n-th day, as many as fit
    (one at least); "MM-dd", with the year when the period crosses one (labels must differ).
    The longer labels of a period across New Year are fewer, not cut short."""
    one_year = days[0].year == days[-1].year
    texts = [d.strftime("%m-%d" if one_year else "%Y-%m-%d") for d in days]
    needed = max(text_width(t) for t in texts) + LABEL_GAP
    fit = max(1, min(MAX_DAY_LABELS, int(width // needed)))
    step = math.ceil(len(days) / fit)
    return [(texts[i], i) for i in range(0, len(days), step)]


def _day_axis(days: Sequence[date]) -> QCategoryAxis:
    """Day i of the period at x = i, labelled under its point (by :meth:`ChartView.fit_days`
    once the chart's width is known)."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-0.5, len(days) - 0.5)
    axis.setStartValue(-0.5)
    return axis


class ChartView(QChartView):
    """A chart that can be filled again; ``points`` keeps what it shows (for tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.points: list[tuple[str, float, float]] = []
        self.days: list[date] = []  # the days of the day axis, if the chart has one

    def show_hours(self, title: str, points: Sequence[HourPoint], arrivals: str,
                   wait: str) -> None:
        chart = _chart(title)
        bars = QBarSet(arrivals)
        bars.setColor(BLUE)
        line = QLineSeries()
        line.setName(wait)
        line.setPen(QPen(RED, 2))
        for i, p in enumerate(points):
            bars.append(p.arrivals)
            if p.mean_wait_minutes is not None:
                line.append(i, p.mean_wait_minutes)
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        chart.addSeries(line)
        hours = QBarCategoryAxis()
        hours.append([f"{p.hour:02d}" for p in points])
        chart.addAxis(hours, Qt.AlignmentFlag.AlignBottom)
        left = _axis(arrivals, max((p.arrivals for p in points), default=0))
        right = _axis(wait, max((p.mean_wait_minutes or 0 for p in points), default=0))
        chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
        series.attachAxis(hours)
        series.attachAxis(left)
        line.attachAxis(hours)
        line.attachAxis(right)
        self.points = [(f"{p.hour:02d}", float(p.arrivals), p.mean_wait_minutes or 0.0)
                       for p in points]
        self._replace(chart)

    def show_days(self, title: str, points: Sequence[DayPoint], tickets: str,
                  wait: str) -> None:
        """Tickets and the mean wait of every day of the period, a day without tickets at
        zero (it was left out, and the line joined its neighbours), one label per day under
        its point (a date axis put five labels over six days, off the points), fewer on a
        long period. A period without a ticket shows its title only (it showed '01-01' five
        times): the caller says so in the title."""
        chart = _chart(title)
        self.points = [(p.day.isoformat(), float(p.tickets), p.mean_wait_minutes or 0.0)
                       for p in points]
        self.days = []
        if any(p.tickets for p in points):
            self._plot_days(chart, points, tickets, wait)
            self.days = [p.day for p in points]
        self._replace(chart)
        self.fit_days()

    def day_axis(self) -> QCategoryAxis | None:
        axes = self.chart().axes(Qt.Orientation.Horizontal) if self.days else []
        return axes[0] if axes and isinstance(axes[0], QCategoryAxis) else None

    def fit_days(self) -> None:
        """As many day labels as the plot's width holds (again after each resize)."""
        axis = self.day_axis()
        if axis is None:
            return
        plot = self.chart().plotArea().width()
        width = plot if plot > 1 else self.width() - 150  # before the first layout
        metrics = QFontMetricsF(axis.labelsFont())
        labels = day_labels(self.days, width, metrics.horizontalAdvance)
        if [(t, int(axis.endValue(t))) for t in axis.categoriesLabels()] == labels:
            return
        for text in axis.categoriesLabels():
            axis.remove(text)
        for text, i in labels:
            axis.append(text, i)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_days()

    def _plot_days(self, chart: QChart, points: Sequence[DayPoint], tickets: str,
                   wait: str) -> None:
        count, mean = QLineSeries(), QLineSeries()
        count.setName(tickets)
        mean.setName(wait)
        count.setPen(QPen(BLUE, 2))
        mean.setPen(QPen(RED, 2))
        for i, p in enumerate(points):
            count.append(i, p.tickets)
            if p.mean_wait_minutes is not None:  # no wait on a day nobody was called
                mean.append(i, p.mean_wait_minutes)
        chart.addSeries(count)
        chart.addSeries(mean)
        days = _day_axis([p.day for p in points])
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        left = _axis(tickets, max(p.tickets for p in points))
        right = _axis(wait, max((p.mean_wait_minutes or 0 for p in points), default=0))
        chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
        for series, axis in ((count, left), (mean, right)):
            series.attachAxis(days)
            series.attachAxis(axis)

    def _replace(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()


class PlanChartView(ChartView):
    """Forecast arrivals per hour (stacked by queue) and the planned windows per hour."""

    def show_plan(self, title: str, profile: SimProfile,
                  counts: dict[tuple[str, int], int] | None,
                  arrivals: str, windows: str) -> None:
        chart, hours = _chart(title), profile.hours()
        bars = QStackedBarSeries()
        for q in profile.queues:
            bar = QBarSet(q.code)
            bar.append([q.hourly[h] for h in hours])
            bars.append(bar)
        totals = [sum(q.hourly[h] for q in profile.queues) for h in hours]
        planned = [sum(n for (_, hh), n in (counts or {}).items() if hh == h) for h in hours]
        line = QLineSeries()
        line.setName(windows)
        line.setPen(QPen(RED, 3))
        for i, n in enumerate(planned):
            line.append(i, n)
        chart.addSeries(bars)
        axis_x = QBarCategoryAxis()
        axis_x.append([f"{h:02d}" for h in hours])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        left = _axis(arrivals, max(totals, default=0))
        chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis_x)
        bars.attachAxis(left)
        if counts is not None:
            right = _axis(windows, max(planned, default=0))
            chart.addSeries(line)
            chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
            line.attachAxis(axis_x)
            line.attachAxis(right)
        self.points = [(f"{h:02d}", t, float(n)) for h, t, n in zip(hours, totals, planned,
                                                                     strict=True)]
        self._replace(chart)
