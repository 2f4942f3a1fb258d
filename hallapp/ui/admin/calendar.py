"""开放时间与日历: opening periods, the official holiday calendar, single-day overrides.

The year's official notice (published each November/December) is loaded from a JSON file
(``{"year": 2027, "holidays": [...], "workdays": [...]}``); single days are overridden with a
note; "显示" shows how the hall will count a year — rest weekdays and working weekends — or
says that no calendar covers it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.services import admin, calendar_admin
from hallapp.services.calendar_admin import CalendarDayInfo, CalendarYearView, DaysSet
from hallapp.services.hall import HallInfo, get_hall
from hallapp.services.input_file import read_text
from hallapp.ui.admin.base import AdminEnv, AdminPanel, FieldErrors
from hallapp.ui.admin.dialogs import ConfirmDialog, OpenFileDialog
from hallapp.ui.admin.editable import QT_TRANSLATE_NOOP, Column, EditableRowsModel
from hallapp.ui.admin.models import CalendarDayTableModel
from hallapp.ui.admin.queues import table_view
from hallapp.ui.common.errors import listed
from hallapp.ui.common.hall_today import HallToday
from hallapp.ui.common.widgets import make_button, make_label, restyle

PERIOD_COLUMNS = (Column("start", QT_TRANSLATE_NOOP("Admin", "开始")),
                  Column("end", QT_TRANSLATE_NOOP("Admin", "结束")))


class HoursCalendarPage(AdminPanel):
    FEED_KINDS = ("hall_changed", "calendar_changed")

    def __init__(self, env: AdminEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.periods = EditableRowsModel(PERIOD_COLUMNS, self)
        self.days = CalendarDayTableModel(env, self)
        self.error, self.cal_error = (make_label("", "error", wrap=True),
                                      make_label("", "error", wrap=True))
        self.errors, self.cal_errors = FieldErrors(self.error), FieldErrors(self.cal_error)
        self.status, self.cal_status = (make_label("", "result", wrap=True),
                                        make_label("", "result", wrap=True))
        self.saturday = QCheckBox(self.tr("周六开放"))
        self.day, self.count, self.note = QDateEdit(), QSpinBox(), QLineEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.count.setRange(1, 366)
        self.working = QComboBox()
        self.working.addItem(self.tr("休息日"), False)
        self.working.addItem(self.tr("工作日"), True)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        # The hall's day, not the machine's: set again once the hall's zone is read, unless
        # the admin has picked a day or a year by then; and again at the hall's midnight (a
        # window left open overnight started on yesterday).
        self._dated_in_hall_zone, self._picked = False, False
        self.today = HallToday(env.ctx.clock, self)
        self.today.turned.connect(self._on_day_turned)
        self.show_today()
        self.day.dateChanged.connect(self._on_picked)
        self.year.valueChanged.connect(self._on_picked)
        self.summary = make_label("", "hint", wrap=True)
        # The opening hours as last loaded (what the form's edits are measured against) and
        # as stored now (which 撤销修改 loads): another terminal may have changed them since.
        self._hours_loaded: dict[str, Any] | None = None
        self._hours_stored: dict[str, Any] | None = None
        layout = QHBoxLayout(self)
        layout.addWidget(self._hours_box(), 2)
        layout.addWidget(self._calendar_box(), 3)

    def _hours_box(self) -> QWidget:
        table = QTableView()
        table.setModel(self.periods)
        table.horizontalHeader().setStretchLastSection(True)
        self.period_table = table
        add, remove, save = (make_button(self.tr("添加时段"), "secondary"),
                             make_button(self.tr("删除时段"), "secondary"),
                             make_button(self.tr("保存开放时间"), name="saveHours"))
        revert = make_button(self.tr("撤销修改"), "secondary", "revertHours")
        add.clicked.connect(lambda: self.periods.add_row({"start": "09:00", "end": "12:00"}))
        remove.clicked.connect(self._on_remove_period_clicked)
        save.clicked.connect(self.save_hours)
        revert.clicked.connect(self._on_revert_hours_clicked)
        row = QHBoxLayout()
        for b in (add, remove):
            row.addWidget(b)
        row.addStretch(1)
        box = QGroupBox(self.tr("每个工作日的开放时段"))
        col = QVBoxLayout(box)
        col.addWidget(self.errors.add("opening_hours", table), 1)
        col.addLayout(row)
        col.addWidget(self.errors.add("saturday", self.saturday))
        col.addWidget(self.error)
        end = QHBoxLayout()
        end.addWidget(self.status, 1)
        end.addWidget(revert)
        end.addWidget(save)
        col.addLayout(end)
        return box

    def _calendar_box(self) -> QWidget:
        load = make_button(self.tr("载入官方日历文件…"), "secondary", "loadCalendar")
        load.clicked.connect(self.load_file)
        apply = make_button(self.tr("调整"), name="setDays")
        apply.clicked.connect(self.set_days)
        show = make_button(self.tr("显示"), "secondary", "showYear")
        show.clicked.connect(self.show_year)
        form = QFormLayout()
        form.addRow(self.tr("起始日期"), self.cal_errors.add("start", self.day))
        form.addRow(self.tr("连续天数"), self.cal_errors.add("count", self.count))
        form.addRow(self.tr("调整为"), self.working)
        form.addRow(self.tr("说明"), self.cal_errors.add("note", self.note))
        top = QHBoxLayout()
        top.addWidget(load)
        top.addStretch(1)
        top.addWidget(apply)
        year_row = QHBoxLayout()
        year_row.addWidget(make_label(self.tr("年份")))
        year_row.addWidget(self.year)
        year_row.addWidget(show)
        year_row.addWidget(self.summary, 1)
        box = QGroupBox(self.tr("节假日日历"))
        col = QVBoxLayout(box)
        col.addLayout(form)
        col.addLayout(top)
        col.addWidget(self.cal_error)
        col.addWidget(self.cal_status)
        col.addLayout(year_row)
        col.addWidget(table_view(self.days, "note"), 1)
        return box

    def show_today(self) -> None:
        """The form on the hall's day now, by the service clock in the hall's zone."""
        today = self.today()
        with QSignalBlocker(self.day), QSignalBlocker(self.year):
            self.day.setDate(QDate(today.year, today.month, today.day))
            self.year.setValue(today.year)

    def _on_day_turned(self, before: date, day: date) -> None:
        """The hall's day turned: a start date still on the day that ended (or never picked)
        moves to the new one, and the year shown with it."""
        shown = self.day.date()
        if not self._picked or (shown.year(), shown.month(), shown.day()) == (
                before.year, before.month, before.day):
            with QSignalBlocker(self.day):
                self.day.setDate(QDate(day.year, day.month, day.day))
        if self.year.value() == before.year != day.year:
            with QSignalBlocker(self.year):
                self.year.setValue(day.year)
            self.show_year()

    def _on_picked(self) -> None:
        self._picked = True

    def refresh(self) -> None:
        if not self._dated_in_hall_zone:  # the first refresh follows the hall's loading
            self._dated_in_hall_zone = True
            with QSignalBlocker(self.today):  # the form is dated below, if not picked
                self.today.set_zone(getattr(self.env.tz, "key", self.today.zone))
            if not self._picked:
                self.show_today()
        ctx = self.env.ctx
        self.call(lambda: get_hall(ctx), self._on_hall_loaded, self.errors.show)
        self.show_year()

    def _on_hall_loaded(self, hall: HallInfo) -> None:
        """The stored hours reach the form unless the admin is editing them (any feed event
        of the hall reloads the tab): then the edits stay, and if the stored hours changed
        meanwhile the status line says so."""
        hours = hall.opening_hours or {}
        stored = {"periods": [[a, b] for a, b in hours.get("periods") or []],
                  "saturday": bool(hours.get("saturday"))}
        self._hours_stored = stored
        if not self.hours_edited():
            self._show_hours(stored)
        elif stored != self._hours_loaded:  # in red, as the item editor's note of a version
            restyle(self.status, "error")     # saved meanwhile: not a confirmation
            self.status.setText(self.tr("其他终端已修改开放时间，此处的修改尚未保存：保存将以此处"
                                        "的时段为准；点击“撤销修改”可载入最新的开放时间。"))

    def _show_hours(self, hours: dict[str, Any]) -> None:
        self._hours_loaded = hours
        self.periods.set_rows([{"start": a, "end": b} for a, b in hours["periods"]])
        self.saturday.setChecked(hours["saturday"])

    def shown_hours(self) -> dict[str, Any]:
        return {"periods": [[r.get("start") or "", r.get("end") or ""]
                            for r in self.periods.rows()],
                "saturday": self.saturday.isChecked()}

    def hours_edited(self) -> bool:
        """Whether the form's hours differ from those last loaded (unsaved edits)."""
        return self._hours_loaded is not None and self.shown_hours() != self._hours_loaded

    def _on_revert_hours_clicked(self) -> None:
        self.errors.clear()
        restyle(self.status, "result")
        self.status.setText("")
        if self._hours_stored is not None:
            self._show_hours(self._hours_stored)

    def save_hours(self) -> None:
        periods = [(r.get("start") or "", r.get("end") or "") for r in self.periods.rows()]
        saturday, ctx = self.saturday.isChecked(), self.env.ctx
        self.errors.clear()
        self.call(lambda: admin.set_opening_hours(ctx, periods, saturday),
                  self._on_hours_saved, self.errors.show)

    def _on_hours_saved(self, result: dict[str, Any]) -> None:
        self._hours_stored = {"periods": [list(p) for p in result["periods"]],
                              "saturday": bool(result["saturday"])}
        self._show_hours(self._hours_stored)
        status = self.tr("开放时间已保存")
        codes = result.get("cancelled_bookings") or []
        if codes:
            status += self.tr("；已取消新开放时间外的 %n 个预约（这些时段不再接受预约），"
                              "请通知申请人（预约码：{0}）", "", len(codes)).format(listed(codes))
        restyle(self.status, "result")
        self.status.setText(status)

    def load_file(self) -> None:
        path = OpenFileDialog.ask(self, self.tr("载入官方日历"), "JSON (*.json)")
        if path is None:
            return
        ctx = self.env.ctx
        self.cal_errors.clear()
        self.call(lambda: _load_calendar(ctx, path), self._on_calendar_loaded,
                  self.cal_errors.show)

    def _on_calendar_loaded(self, result: calendar_admin.CalendarLoadResult) -> None:
        years = listed(result.years)
        self.cal_status.setText(self.tr("已载入 {0} 年官方日历（%n 天调整）", "", result.days)
                                .format(years) + self._cancelled(result.cancelled_bookings))
        self.year.setValue(result.years[0])
        self.show_year()

    def set_days(self) -> None:
        picked = self.day.date()
        start, count = date(picked.year(), picked.month(), picked.day()), self.count.value()
        working, note, ctx = self.working.currentData(), self.note.text(), self.env.ctx
        self.cal_errors.clear()
        if not ConfirmDialog.ask(self, self.tr("调整日历"), self._question(start, count, working)):
            return
        self.call(lambda: calendar_admin.set_days(ctx, start, count, working=working,
                                                  note=note or None),
                  self._on_days_set, self.cal_errors.show)

    def _question(self, start: date, count: int, working: bool) -> str:
        """What 调整 is about to do: which days become what, and what follows from it."""
        end = start + timedelta(days=count - 1)
        days = (start.isoformat() if count == 1 else
                self.tr("{0} 至 {1}").format(start.isoformat(), end.isoformat()))
        if working:
            text = self.tr("将 {0}（%n 天）调整为工作日，在办件的办理时限将重新计算。", "", count)
        else:
            text = self.tr("将 {0}（%n 天）调整为休息日：这些日子的预约将被取消（需通知申请人），"
                           "在办件的办理时限将重新计算。", "", count)
        return text.format(days) + self.tr("确定调整吗？")

    def _on_days_set(self, result: DaysSet) -> None:
        days = result.days
        status = self.tr("已调整 %n 天（{0} 起）", "", len(days)).format(days[0].day.isoformat())
        self.cal_status.setText(status + self._cancelled(result.cancelled_bookings))
        self.year.setValue(days[0].day.year)
        self.show_year()

    def _cancelled(self, codes: tuple[str, ...]) -> str:
        """What staff must do about the bookings of the days made rest days, if any."""
        if not codes:
            return ""
        return self.tr("；已取消这些日子的 %n 个预约，请通知申请人（预约码：{0}）", "",
                       len(codes)).format(listed(codes))

    def show_year(self) -> None:
        year, ctx = self.year.value(), self.env.ctx
        self.call(lambda: calendar_admin.show_year(ctx, year), self._on_year_shown,
                  self._on_year_failed)

    def _on_year_shown(self, view: CalendarYearView) -> None:
        notes = {o.day: o.note for o in view.overrides}
        rows = [CalendarDayInfo(d, False, notes.get(d)) for d in view.rest_weekdays]
        rows += [CalendarDayInfo(d, True, notes.get(d)) for d in view.working_weekends]
        self.days.set_rows(sorted(rows, key=lambda r: r.day))
        self.summary.setText(self.tr("{0} 年共 {1} 个工作日；{2} 个工作日放假，{3} 个周末上班")
                             .format(view.year, view.working_days, len(view.rest_weekdays),
                                     len(view.working_weekends)))

    def _on_year_failed(self, exc: BaseException) -> None:
        self.days.set_rows([])
        self.summary.setText("")
        self.cal_errors.show(exc)

    def _on_remove_period_clicked(self) -> None:
        index = self.period_table.currentIndex()
        if index.isValid():
            self.periods.remove_row(index.row())


def _load_calendar(ctx: Any, path: Path) -> calendar_admin.CalendarLoadResult:
    return calendar_admin.load_calendar(ctx, read_text(path), source=path.name)
