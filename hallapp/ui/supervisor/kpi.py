"""The KPI view: figures for today or any period, per hall/queue/window/clerk/item/department,
charts, drill-down to the records behind a figure, and report export.

A period of one day shows arrivals and waits by hour; a longer one shows the figures day by
day. Double-clicking a cell (or a figure of the hall) opens the table behind it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hallapp.services import kpi_drill, kpi_hourly, kpi_report, reports
from hallapp.services.context import Ctx
from hallapp.services.kpi_report import KpiReport
from hallapp.services.reports import rate_text
from hallapp.ui.common.errors import listed, local_name
from hallapp.ui.common.hall_today import HallToday
from hallapp.ui.counter.base import make_button, make_label
from hallapp.ui.supervisor.base import SupervisorPanel, make_table, py_date
from hallapp.ui.supervisor.chart_slot import ChartSlot
from hallapp.ui.supervisor.dialogs import DrillDialog, ExportDialog
from hallapp.ui.supervisor.models import KPI_FIGURES, KpiTableModel

DIM_NAMES = (("hall", "全厅"), ("queue", "按队列"), ("window", "按窗口"), ("clerk", "按人员"),
             ("item", "按事项"), ("department", "按部门"))
CARDS = (("tickets", "取号"), ("wait_mean", "平均等候"), ("wait_p90", "等候P90"),
         ("no_show", "过号率"), ("abandoned", "弃号率"), ("on_spot", "即办率"),
         ("one_visit", "最多跑一次率"), ("on_time", "按时办结率"), ("overdue", "逾期率"),
         ("good", "好评率"), ("rectified", "差评整改率"), ("service_mean", "平均办理"),
         ("appointments", "预约履约率"))
CARDS_PER_ROW = 7


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class FigureCard(QPushButton):
    """One figure of the hall; clicking it opens the records behind it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setProperty("kind", "secondary")
        self.setMinimumWidth(150)
        self.setStyleSheet("font-size: 15px; padding: 6px 8px;")


class KpiPanel(SupervisorPanel):
    def __init__(self, ctx: Ctx, today: HallToday, export_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.today, self.export_dir = today, export_dir  # today(): the hall day now
        self.report: KpiReport | None = None
        self.keeping: reports.AppointmentKeeping | None = None
        self.busy = False
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(_qdate(today()))
        self.by = QComboBox()
        for key, _text in DIM_NAMES:
            self.by.addItem("", key)
        self.buttons = {name: make_button("", "secondary" if name != "query" else None, name)
                        for name in ("today", "month", "year", "query", "export")}
        self.cards = {key: FigureCard(key) for key, _ in CARDS}
        self.model = KpiTableModel(self)
        self.table = make_table(self.model, stretch=0)  # the names: what the figures leave
        self.hours_chart, self.trend_chart = ChartSlot(), ChartSlot()  # QtCharts when shown
        self.note = make_label("", "hint", wrap=True)
        self.range_label = QLabel()
        self._build()
        self.retranslate()

    def _build(self) -> None:
        bar = QHBoxLayout()
        self.from_label, self.to_label = QLabel(), QLabel()
        for widget in (self.from_label, self.start, self.to_label, self.end, self.by):
            bar.addWidget(widget)
        for name in ("today", "month", "year", "query"):
            bar.addWidget(self.buttons[name])
        bar.addStretch(1)
        bar.addWidget(self.buttons["export"])
        self.buttons["today"].clicked.connect(lambda: self._show_until(self.today()))
        self.buttons["month"].clicked.connect(
            lambda: self._show_until(self.today(), self.today().replace(day=1)))
        self.buttons["year"].clicked.connect(
            lambda: self._show_until(self.today(), self.today().replace(month=1, day=1)))
        self.today.turned.connect(self._on_day_turned)
        self.buttons["query"].clicked.connect(self.refresh)
        self.buttons["export"].clicked.connect(self.export)
        grid = QGridLayout()
        for i, (key, _text) in enumerate(CARDS):
            grid.addWidget(self.cards[key], i // CARDS_PER_ROW, i % CARDS_PER_ROW)
            if key != "appointments":
                self.cards[key].clicked.connect(
                    lambda _=False, k=key: self.drill("hall", None, k))
        self.cards["appointments"].clicked.connect(self.show_appointments)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        charts = QSplitter()
        charts.addWidget(self.hours_chart)
        charts.addWidget(self.trend_chart)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.table)
        split.addWidget(charts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.range_label)
        layout.addLayout(grid)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)

    def retranslate(self) -> None:
        self.from_label.setText(self.tr("从"))
        self.to_label.setText(self.tr("至"))
        for i, (_key, text) in enumerate(DIM_NAMES):
            self.by.setItemText(i, self.tr(text))
        for name, text in (("today", "今天"), ("month", "本月"), ("year", "本年"),
                           ("query", "查询"), ("export", "导出报表…")):
            self.buttons[name].setText(self.tr(text))
        self._show_cards()

    # --- loading ---------------------------------------------------------------------------

    def set_period(self, start: date, end: date, by: str | None = None) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))
        if by is not None:
            self.by.setCurrentIndex(self.by.findData(by))
        self.refresh()

    def _show_until(self, day: date, start: date | None = None) -> None:
        self.set_period(start or day, day)

    def _on_day_turned(self, before: date, day: date) -> None:
        """A view of the day that just ended (今天) moves on to the new one."""
        if self.period()[:2] == (before, before):
            self.set_period(day, day)

    def period(self) -> tuple[date, date, str]:
        start, end = py_date(self.start.date()), py_date(self.end.date())
        return start, max(start, end), str(self.by.currentData())

    def refresh(self) -> None:
        start, end, by = self.period()
        ctx, self.busy = self.ctx, True
        self.note.setText(self.tr("正在统计…"))

        def load() -> tuple[Any, ...]:
            report = kpi_report.kpi_report(ctx, start, end, by=by)
            hours = kpi_hourly.hourly(ctx, end)
            trend = kpi_report.daily_trend(ctx, start, end) if start != end else ()
            return report, hours, trend, reports.appointment_keeping(ctx, start, end)

        self.call(load, self._on_loaded, "supervisor: kpi", self._on_load_failed)

    def _on_load_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.note.setText("")

    def _on_loaded(self, result: tuple[Any, ...]) -> None:
        report, hours, trend, self.keeping = result
        self.busy, self.report = False, report
        self.model.set_rows(list(report.rows) if report.by != "hall" else [report.total])
        self._show_cards()
        self.range_label.setText(  # two counts, so two %n texts (English: "1 day", "2 days")
            self.tr("{0} 至 {1}：汇总 %n 天", "", report.summarised_days).format(
                report.start, report.end) + self.tr("，实时 %n 天", "", report.live_days))
        title, tickets, wait = (self.tr("{0} 分时段取号与平均等候").format(report.end),
                                self.tr("取号"), self.tr("平均等候(分)"))
        self.hours_chart.draw(lambda view: view.show_hours(title, hours, tickets, wait))
        if trend:
            days_title = self.tr("每日取号与平均等候")
            if not any(p.tickets for p in trend):
                days_title = self.tr("{0}：无数据").format(days_title)
            self.trend_chart.draw(lambda view: view.show_days(days_title, trend, tickets, wait))
        self.trend_chart.setVisible(bool(trend))
        self.note.setText("" if report.total.p90_exact else self.tr(
            "跨日 P90 按分档汇总：不低于实际值，误差不超过一个分档。"))

    def _show_cards(self) -> None:
        row = self.report.total if self.report else None
        for key, text in CARDS:
            if key == "appointments":
                self._show_appointment_card(text)
                continue
            value = self.model.cell_text(row, key) if row else "—"
            if row is not None and key == "on_spot":
                met = row.on_spot_targets_met
                # Percentages, not ¼ and ½: those glyphs come from a fallback font whose
                # fraction drops below the card's last line and was cut off.
                value += "" if met[0] is None else "".join(
                    f" {share}{'✓' if ok else '✗'}" for share, ok in zip(
                        ("≥25%", "≥50%"), met, strict=True))
            self.cards[key].setText(f"{self.tr(text)}\n{value}")
            if row is not None and key in ("no_show", "on_spot", "good", "rectified"):
                rates = {"no_show": row.no_show_rate, "on_spot": row.on_spot_rate,
                         "good": row.good_rating_rate, "rectified": row.rectification_rate}
                self.cards[key].setToolTip(rate_text(rates[key]))

    def _show_appointment_card(self, text: str) -> None:
        kept = self.keeping.kept if self.keeping else None
        value = "—" if kept is None or kept.percent is None else f"{kept.percent:.1f}%"
        card = self.cards["appointments"]
        card.setText(f"{self.tr(text)}\n{value}")
        card.setToolTip("" if kept is None else self.tr(
            "已到（含迟到）{0} / 已到与失约 {1}").format(kept.numerator, kept.denominator))

    # --- drill-down and export -------------------------------------------------------------

    def show_appointments(self) -> None:
        """预约履约 by queue for the period shown (the cards' period), as the reports show it."""
        if self.keeping is None:
            return
        section = self.keeping.section
        rows = tuple((local_name(row[0], en), *row[1:]) for row, en in zip(
            section.rows, self.keeping.labels_en, strict=True))  # queues: the hall's names
        drill = kpi_drill.Drill("appointments", section.columns, rows, len(rows), False)
        start, end = (self.report.start, self.report.end) if self.report else self.period()[:2]
        self.drill_dialog = DrillDialog(self.tr("预约履约：{0} 至 {1}").format(start, end),
                                        drill, self)
        self.drill_dialog.show()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        self.drill(row.dim, None if row.dim == "hall" else row.key,
                   self.model.COLUMNS[index.column()])

    def drill(self, dim: str, key: str | None, column: str) -> None:
        start, end, _by = self.period()
        figure, ctx = KPI_FIGURES.get(column, "tickets"), self.ctx
        title = self.tr("明细：{0}").format(key or self.tr("全厅"))

        def show(drill: kpi_drill.Drill) -> None:
            self.drill_dialog = DrillDialog(title, drill, self)
            self.drill_dialog.show()

        self.call(lambda: kpi_drill.drill_down(ctx, start, end, dim=dim, key=key,
                                               figure=figure), show, "supervisor: drill")

    def export(self) -> None:
        answer = ExportDialog.ask(self, self.today(), self.export_dir)
        if answer is None:
            return
        ctx = self.ctx

        def run() -> list[Path]:
            from hallapp.services import report_files  # openpyxl, reportlab: first export

            if answer.kind == "daily":
                report = reports.daily_report(ctx, answer.start)
            elif answer.kind == "monthly":
                report = reports.monthly_report(ctx, answer.start.year, answer.start.month)
            else:
                report = reports.overdue_report(ctx, answer.start, max(answer.start,
                                                                       answer.end))
            stem = f"{answer.kind}-{answer.start.isoformat()}"
            return report_files.write(report, xlsx=answer.folder / f"{stem}.xlsx",
                                      pdf=answer.folder / f"{stem}.pdf")

        self.call(run, lambda paths: self.note.setText(
            self.tr("已导出：{0}").format(listed(paths, "，"))), "supervisor: export")


# DIM_NAMES, CARDS and the button texts, literally, for pyside6-lupdate (shown via self.tr).
_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("KpiPanel", "全厅"),
    QT_TRANSLATE_NOOP("KpiPanel", "按队列"),
    QT_TRANSLATE_NOOP("KpiPanel", "按窗口"),
    QT_TRANSLATE_NOOP("KpiPanel", "按人员"),
    QT_TRANSLATE_NOOP("KpiPanel", "按事项"),
    QT_TRANSLATE_NOOP("KpiPanel", "按部门"),
    QT_TRANSLATE_NOOP("KpiPanel", "取号"),
    QT_TRANSLATE_NOOP("KpiPanel", "平均等候"),
    QT_TRANSLATE_NOOP("KpiPanel", "等候P90"),
    QT_TRANSLATE_NOOP("KpiPanel", "过号率"),
    QT_TRANSLATE_NOOP("KpiPanel", "弃号率"),
    QT_TRANSLATE_NOOP("KpiPanel", "即办率"),
    QT_TRANSLATE_NOOP("KpiPanel", "最多跑一次率"),
    QT_TRANSLATE_NOOP("KpiPanel", "按时办结率"),
    QT_TRANSLATE_NOOP("KpiPanel", "逾期率"),
    QT_TRANSLATE_NOOP("KpiPanel", "好评率"),
    QT_TRANSLATE_NOOP("KpiPanel", "差评整改率"),
    QT_TRANSLATE_NOOP("KpiPanel", "平均办理"),
    QT_TRANSLATE_NOOP("KpiPanel", "预约履约率"),
    QT_TRANSLATE_NOOP("KpiPanel", "今天"),
    QT_TRANSLATE_NOOP("KpiPanel", "本月"),
    QT_TRANSLATE_NOOP("KpiPanel", "本年"),
    QT_TRANSLATE_NOOP("KpiPanel", "查询"),
    QT_TRANSLATE_NOOP("KpiPanel", "导出报表…"),
)
