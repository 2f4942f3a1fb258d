"""The KPI tab's chart of the figures day by day.

Over a period across New Year every label read "202…": the year made them twice as long
and as many were shown, so Qt cut each short. As many labels are shown as the width holds.

Over six days its date axis put five labels (11-23, 11-24, 11-25, 11-27, 11-28), off the
points; a day without tickets was left out of the line, which joined its neighbours; and a
period without a ticket showed '01-01' five times.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import QCategoryAxis, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from hallapp.services.kpi_report import DayPoint
from hallapp.ui.supervisor.charts import MAX_DAY_LABELS, ChartView

START = date(2026, 11, 23)


def _days(tickets: list[int], start: date = START) -> list[DayPoint]:
    return [DayPoint(start + timedelta(days=i), n, 5.0 if n else None, 9.0 if n else None,
                     None, None, None) for i, n in enumerate(tickets)]


def _axis(view: ChartView) -> QCategoryAxis:
    [axis] = view.chart().axes(Qt.Orientation.Horizontal)
    assert isinstance(axis, QCategoryAxis)
    return axis


def test_each_day_has_its_label_under_its_point(qapp: QApplication) -> None:
    view = ChartView()
    view.show_days("每日", _days([116, 274, 0, 317, 7, 5]), "取号", "等候")
    axis = _axis(view)
    assert axis.categoriesLabels() == ["11-23", "11-24", "11-25", "11-26", "11-27", "11-28"]
    assert [axis.endValue(label) for label in axis.categoriesLabels()] == [0, 1, 2, 3, 4, 5]
    tickets = next(s for s in view.chart().series() if s.name() == "取号")
    assert isinstance(tickets, QLineSeries)
    assert [(p.x(), p.y()) for p in tickets.points()] == [
        (0, 116), (1, 274), (2, 0), (3, 317), (4, 7), (5, 5)]  # the empty day at zero
    assert [p[1] for p in view.points] == [116, 274, 0, 317, 7, 5]


def _shown(qapp: QApplication, points: list[DayPoint], width: int) -> ChartView:
    view = ChartView()
    view.resize(width, 300)
    view.show()
    view.show_days("每日", points, "取号", "等候")
    qapp.processEvents()
    return view


def _room(view: ChartView) -> tuple[float, float]:
    """The widest label's width, and the pixels from one label to the next."""
    axis = _axis(view)
    labels = axis.categoriesLabels()
    days = axis.endValue(labels[1]) - axis.endValue(labels[0])
    metrics = QFontMetricsF(axis.labelsFont())
    return (max(metrics.horizontalAdvance(t) for t in labels),
            view.chart().plotArea().width() / (axis.max() - axis.min()) * days)


def test_a_long_period_labels_every_few_days(qapp: QApplication) -> None:
    view = _shown(qapp, _days([10] * 36), 1400)  # to 12-28
    labels = _axis(view).categoriesLabels()
    assert len(labels) == MAX_DAY_LABELS
    assert labels[:3] == ["11-23", "11-26", "11-29"]  # every third day
    view.show_days("每日", _days([10] * 60)[30:], "取号", "等候")  # 12-23 to 01-21
    labels = _axis(view).categoriesLabels()
    assert labels[0] == "2026-12-23"
    assert labels[-1].startswith("2027-01-")


def test_labels_across_new_year_are_fewer_not_cut(qapp: QApplication) -> None:
    """19 days from 12-21 in half of a 1280-pixel screen: ten "202…" before."""
    view = _shown(qapp, _days([12] * 19, date(2026, 12, 21)), 620)
    labels = _axis(view).categoriesLabels()
    assert labels[0] == "2026-12-21"
    assert any(t.startswith("2027") for t in labels)
    text, room = _room(view)
    assert text < room
    view.resize(1240, 300)  # wider: more of them
    qapp.processEvents()
    assert len(_axis(view).categoriesLabels()) > len(labels)
    text, room = _room(view)
    assert text < room


def test_labels_of_five_weeks_fit_half_a_small_screen(qapp: QApplication) -> None:
    view = _shown(qapp, _days([10] * 36), 620)
    text, room = _room(view)
    assert text < room


def test_a_period_without_tickets_shows_no_axis(qapp: QApplication) -> None:
    view = ChartView()
    view.show_days("每日：无数据", _days([0, 0, 0, 0, 0]), "取号", "等候")
    assert view.chart().axes() == []
    assert view.chart().series() == []
    assert view.chart().title() == "每日：无数据"
