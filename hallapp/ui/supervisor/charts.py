"""Charts of the KPI view (QtCharts): arrivals and waits by hour, figures day by day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from hallapp.services.kpi_hourly import HourPoint
from hallapp.services.kpi_report import DayPoint

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
