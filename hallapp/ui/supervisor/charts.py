"""Charts of the supervisor (QtCharts): arrivals and waits by hour, figures day by day, and
the staffing plan. Imported only when a chart is first shown (see ``chart_slot``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from hallapp.services.kpi_hourly import HourPoint
from hallapp.services.kpi_report import DayPoint

if TYPE_CHECKING:
    from hallapp.core.sim.profile import SimProfile

BLUE, RED = QColor("#0b4a8b"), QColor("#c8102e")


def _at(day: date, hour: int) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0))


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


class ChartView(QChartView):
    """A chart that can be filled again; ``points`` keeps what it shows (for tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.points: list[tuple[str, float, float]] = []

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
        chart = _chart(title)
        count, mean = QLineSeries(), QLineSeries()
        count.setName(tickets)
        mean.setName(wait)
        count.setPen(QPen(BLUE, 2))
        mean.setPen(QPen(RED, 2))
        shown = [p for p in points if p.tickets]
        for p in shown:
            x = _at(p.day, 12).toMSecsSinceEpoch()
            count.append(x, p.tickets)
            if p.mean_wait_minutes is not None:
                mean.append(x, p.mean_wait_minutes)
        chart.addSeries(count)
        chart.addSeries(mean)
        days = QDateTimeAxis()
        days.setFormat("MM-dd")
        if shown:
            days.setRange(_at(shown[0].day, 0), _at(shown[-1].day, 23))
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        left = _axis(tickets, max((p.tickets for p in shown), default=0))
        right = _axis(wait, max((p.mean_wait_minutes or 0 for p in shown), default=0))
        chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
        for series, axis in ((count, left), (mean, right)):
            series.attachAxis(days)
            series.attachAxis(axis)
        self.points = [(p.day.isoformat(), float(p.tickets), p.mean_wait_minutes or 0.0)
                       for p in shown]
        self._replace(chart)

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
