"""Table models of the supervisor's board: windows, queues, alerts, KPIs, work lists, drills.

Named columns (``COLUMNS``) as in the counter; durations on the board are computed from the
board's own clock each second (``set_now``), from exact timestamps — no refetch to tick.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from hallapp.services.alerts import Alert
from hallapp.services.appointment_figures import AppointmentDay
from hallapp.services.case_kpi import Rate
from hallapp.services.day import QueueStatus
from hallapp.services.kpi_drill import FOLLOWUP_ZH, Drill
from hallapp.services.kpi_report import KpiRow
from hallapp.services.ratings import FollowupInfo
from hallapp.services.reports import minutes_text, rate_text
from hallapp.services.supervisor import BoardWindow
from hallapp.services.worklists import DueCase
from hallapp.ui.common.errors import local_name
from hallapp.ui.common.labels import case_label, drill_label, queue_inactive_mark
from hallapp.ui.counter.base import duration_text, seconds_between
from hallapp.ui.counter.models import NamedColumnsModel
from hallapp.ui.supervisor.alert_text import alert_message

Index = QModelIndex | QPersistentModelIndex
RED, AMBER, GREY = QColor("#c8102e"), QColor("#b36b00"), QColor("#7a8693")
STATE_ZH = {"open": "开放", "paused": "暂停", "closed": "关闭", "called": "已叫号",
            "serving": "办理中"}


HALL_ZONE = ZoneInfo("Asia/Shanghai")


def _tr(text: str) -> str:
    """A cell text of these models in the terminal's language ("SupervisorBoard" context)."""
    return QCoreApplication.translate("SupervisorBoard", text)


class _Colored(NamedColumnsModel):
    """Adds a foreground colour per cell (``cell_color``) and the hall's zone for times."""

    zone: ZoneInfo = HALL_ZONE

    def local(self, at: datetime | None, fmt: str = "%H:%M") -> str:
        return "" if at is None else at.astimezone(self.zone).strftime(fmt)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            color = self.cell_color(self.row(index.row()), self.COLUMNS[index.column()])
            return QBrush(color) if color is not None else None
        return super().data(index, role)

    def cell_color(self, row: Any, column: str) -> QColor | None:
        return None


class WindowBoardModel(_Colored):
    """One line per window (the board has no room for 14 wrapped names at 1366×768 in
    English); a name cut short with "…" shows whole in its tooltip. The holder's and the
    profile's cells are short (李明 10:30, A:2 B:1, C > E) so the name has the room; their
    tooltips say it in words (李明（自 10:30）, 比例 A:2 B:1, 优先 C E)."""

    COLUMNS = ("window", "state", "clerk", "ticket", "elapsed", "queues")
    TEXT_ROLES: ClassVar[tuple[Qt.ItemDataRole, ...]] = (Qt.ItemDataRole.DisplayRole,
                                                         Qt.ItemDataRole.ToolTipRole)
    HEADERS: ClassVar[dict[str, str]] = {
        "window": "窗口", "state": "状态", "clerk": "工作人员", "ticket": "当前号",
        "elapsed": "用时/空闲", "queues": "工作配置"}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.now: datetime | None = None

    def set_now(self, now: datetime) -> None:
        self.now = now
        if self._rows:
            col = self.column("elapsed")
            self.dataChanged.emit(self.index(0, col), self.index(len(self._rows) - 1, col))

    def header_text(self, column: str) -> str:
        return QCoreApplication.translate("SupervisorBoard", self.HEADERS[column])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            w, column = self.row(index.row()), self.COLUMNS[index.column()]
            if column == "clerk":
                return self._holder(w)
            if column == "queues":
                return self._profile(w, short=False)
        return super().data(index, role)

    def cell_text(self, w: BoardWindow, column: str) -> str:
        if column == "elapsed":
            return self._elapsed(w)
        if column == "queues":
            return self._profile(w, short=True)
        if column == "clerk":
            return self._holder(w, short=True)
        ticket = f"{w.ticket} {_tr(STATE_ZH.get(w.ticket_state or '', ''))}" if w.ticket else ""
        return {"window": f"{w.number} {local_name(w.name, w.name_en)}",
                "ticket": ticket,
                "state": _tr(STATE_ZH[w.state])
                + (_tr("（{0}）").format(w.reason) if w.reason else "")}[column]

    def _profile(self, w: BoardWindow, short: bool) -> str:
        """The window's queues: "A:2 B:1" by ratio, "C > E" by precedence; in words
        ("比例 A:2 B:1", "优先 C E") when not ``short``."""
        ratio = w.profile_mode == "ratio"
        parts = [f"{p.queue}:{p.ratio}" if ratio else p.queue for p in w.profile]
        if short:
            return " ".join(parts) if ratio else " > ".join(parts)
        return _tr("比例" if ratio else "优先") + " " + " ".join(parts)

    def _holder(self, w: BoardWindow, short: bool = False) -> str:
        """Who holds the window, and since when: 李明 09:12 (``short``), 李明（自 09:12）."""
        if not w.clerk:
            return ""
        since = self.local(w.clerk_since, "%H:%M")
        if short:
            return f"{w.clerk} {since}".strip()
        return w.clerk + (_tr("（自 {0}）").format(since) if since else "")

    def _elapsed(self, w: BoardWindow) -> str:
        if w.ticket:
            return duration_text(seconds_between(w.ticket_since, self.now))
        if w.idle_since and w.state == "open":
            return _tr("空闲 {0}").format(duration_text(seconds_between(w.idle_since, self.now)))
        return ""

    def cell_color(self, w: BoardWindow, column: str) -> QColor | None:
        if column == "state":
            return {"paused": AMBER, "closed": GREY}.get(w.state)
        return None


class QueueBoardModel(_Colored):
    """The queues' lines, and today's appointments: booked, arrived, still expected (the
    rest came too late for their grace period, or not yet)."""

    COLUMNS = ("queue", "waiting", "longest", "estimate", "target", "windows", "taken",
               "booked", "arrived", "expected")
    HEADERS: ClassVar[dict[str, str]] = {
        "queue": "队列", "waiting": "等候", "longest": "最长", "estimate": "预计",
        "target": "目标", "windows": "窗口", "taken": "今日", "booked": "预约",
        "arrived": "已到", "expected": "待到"}
    # What each short header stands for, shown over it.
    TIPS: ClassVar[dict[str, str]] = {
        "waiting": "等候人数", "longest": "最长等候（分钟）",
        "estimate": "新取号的预计等候（分钟）", "target": "目标等候（分钟）",
        "windows": "正在服务该队列的窗口数", "taken": "今日取号", "booked": "今日预约（不含取消）",
        "arrived": "已签到（含迟到）", "expected": "未签到且未过宽限时间"}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.appointments: Mapping[str, AppointmentDay] = {}

    def set_board(self, queues: list[QueueStatus],
                  appointments: Mapping[str, AppointmentDay]) -> None:
        self.appointments = appointments
        self.set_rows(queues)

    def header_text(self, column: str) -> str:
        # A context of their own for short English: the table has ten columns in half a
        # 1280-pixel screen.
        return QCoreApplication.translate("QueueBoard", self.HEADERS[column])

    def header_tooltip(self, column: str) -> str | None:
        tip = self.TIPS.get(column)
        return None if tip is None else QCoreApplication.translate("SupervisorBoard", tip)

    def cell_text(self, q: QueueStatus, column: str) -> str:
        if column in ("booked", "arrived", "expected"):
            day = self.appointments.get(q.code)
            return str(getattr(day, column)) if day else ""
        name = f"{q.code} {local_name(q.name, q.name_en)}{queue_inactive_mark(q.active)}"
        return {"queue": name, "waiting": str(q.waiting),
                "longest": str(q.longest_wait_minutes) if q.waiting else "",
                "estimate": str(q.estimated_minutes) if q.waiting else "",
                "target": str(q.target_wait_minutes), "windows": str(q.serving_windows),
                "taken": str(q.taken_today)}[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.tooltip_text(self.row(index.row()), self.COLUMNS[index.column()])
        return super().data(index, role)

    def tooltip_text(self, q: QueueStatus, column: str) -> str | None:
        """The queue's name (it may be cut), and how many appointments are overdue."""
        day = self.appointments.get(q.code)
        if column == "expected" and day is not None and day.overdue:
            return _tr("另有 {0} 人已过签到宽限时间未到").format(day.overdue)
        return f"{q.code} {local_name(q.name, q.name_en)}" if column == "queue" else None

    def cell_color(self, q: QueueStatus, column: str) -> QColor | None:
        if column == "longest" and q.waiting and q.longest_wait_minutes > q.target_wait_minutes:
            return RED
        return None


class AlertModel(_Colored):
    """One line per alert: the time it began, where it has one (a wait, a service, an idle
    window, a rating; a count of cases has none), then its message, which names what it is
    about (a queue, a window, a department). The subject had a column of its own, repeated
    at the start of the message, whose useful part was cut off (深圳市市场监督管理局：59 …)."""

    COLUMNS = ("message",)
    HEADERS: ClassVar[dict[str, str]] = {"message": "提醒"}

    def header_text(self, column: str) -> str:
        return QCoreApplication.translate("SupervisorBoard", self.HEADERS[column])

    def cell_text(self, a: Alert, column: str) -> str:
        since = self.local(a.since)
        return f"{since}  {alert_message(a)}" if since else alert_message(a)

    def cell_color(self, a: Alert, column: str) -> QColor | None:
        return RED if a.severity == "critical" else AMBER


KPI_HEADERS = {"label": "名称", "tickets": "取号", "wait_mean": "平均等候(分)",
               "wait_p90": "等候P90(分)", "service_mean": "平均办理(分)",
               "service_p90": "办理P90(分)", "no_show": "过号率", "abandoned": "弃号率",
               "on_spot": "即办率", "one_visit": "最多跑一次", "on_time": "按时办结",
               "overdue": "逾期率", "good": "好评率", "rectified": "差评整改"}
# Which drill-down figure a column opens.
KPI_FIGURES = {"tickets": "tickets", "wait_mean": "wait", "wait_p90": "wait",
               "service_mean": "service", "service_p90": "service", "no_show": "no_show",
               "abandoned": "abandoned", "on_spot": "on_spot", "one_visit": "one_visit",
               "on_time": "on_time", "overdue": "overdue", "good": "good_rating",
               "rectified": "rectification", "label": "tickets"}


def two_lines(header: str) -> str:
    """A long header on two lines, so that the names and thirteen figures fit 1280 pixels:
    before its bracket ("平均等候\n(分)"), else at the space nearest its middle
    ("Avg\nservice"); a short one as it is."""
    if "(" in header:
        head, _, tail = header.partition("(")
        return f"{head.rstrip()}\n({tail}"
    spaces = [i for i, ch in enumerate(header) if ch == " "]
    if not spaces or len(header) <= 6:
        return header
    cut = min(spaces, key=lambda i: abs(2 * i - len(header)))
    return f"{header[:cut]}\n{header[cut + 1:]}"


class KpiTableModel(_Colored):
    """The figures per queue, window, clerk, item or department. At 1280×800 the thirteen
    figures take their width (headers on two lines) and the names the rest, cut short with
    "…" where they must be, and whole in their tooltip (English columns were scrolled out of
    sight; by item most of them)."""

    COLUMNS = tuple(KPI_HEADERS)

    def header_text(self, column: str) -> str:
        return two_lines(QCoreApplication.translate("SupervisorBoard", KPI_HEADERS[column]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.tooltip(self.row(index.row()), self.COLUMNS[index.column()]) or None
        return super().data(index, role)

    def header_tooltip(self, column: str) -> str | None:
        """The unit, which the short English headers leave out."""
        return (QCoreApplication.translate("SupervisorBoard", "分钟")
                if column in ("wait_mean", "wait_p90", "service_mean", "service_p90") else None)

    @staticmethod
    def rates(r: KpiRow) -> dict[str, Rate]:
        return {"no_show": r.no_show_rate, "abandoned": r.abandonment_rate,
                "on_spot": r.on_spot_rate, "one_visit": r.one_visit_rate,
                "on_time": r.on_time_rate, "overdue": r.overdue_rate,
                "good": r.good_rating_rate, "rectified": r.rectification_rate}

    def cell_text(self, r: KpiRow, column: str) -> str:
        rate = self.rates(r).get(column)
        if rate is not None:
            return "—" if rate.percent is None else f"{rate.percent:.1f}%"
        label = (QCoreApplication.translate("KpiPanel", "全厅") if r.dim == "hall"
                 else local_name(r.label, r.label_en))  # the others are the hall's own names
        return {"label": label, "tickets": str(r.tickets),
                "wait_mean": minutes_text(r.wait.mean), "wait_p90": minutes_text(r.wait.p90),
                "service_mean": minutes_text(r.service.mean),
                "service_p90": minutes_text(r.service.p90)}[column]

    def cell_color(self, r: KpiRow, column: str) -> QColor | None:
        if column == "on_spot" and r.on_spot_targets_met[0] is False:
            return RED
        return None

    def tooltip(self, r: KpiRow, column: str) -> str:
        """The name whole; a rate with its counts."""
        if column == "label":
            return self.cell_text(r, column)
        rate = self.rates(r).get(column)
        return "" if rate is None else rate_text(rate)


class FollowupModel(_Colored):
    COLUMNS = ("opened", "level", "window", "clerk", "due", "state")
    HEADERS: ClassVar[dict[str, str]] = {
        "opened": "差评时间", "level": "等级", "window": "窗口", "clerk": "工作人员",
        "due": "回访期限", "state": "状态"}
    STATES: ClassVar[dict[str, str]] = FOLLOWUP_ZH  # translated here (_FOR_LUPDATE)

    def header_text(self, column: str) -> str:
        return QCoreApplication.translate("SupervisorBoard", self.HEADERS[column])

    def cell_text(self, f: FollowupInfo, column: str) -> str:
        return {"opened": self.local(f.opened_at, "%m-%d %H:%M"), "level": str(f.level),
                "window": "" if f.window is None else _tr("{0}号").format(f.window),
                "clerk": f.clerk_name or f.clerk or "",
                "due": self.local(f.due_at, "%m-%d %H:%M"),
                "state": _tr(self.STATES.get(f.state, f.state))
                + (_tr("（已逾期）") if f.overdue else "")
                }[column]

    def cell_color(self, f: FollowupInfo, column: str) -> QColor | None:
        return RED if f.overdue else None


class DueCaseModel(_Colored):
    """Decisions due and 容缺 supplements due (``DueCase.due``): a supplement row's state
    names the owed materials and its deadline is their due date; who holds a claimed case."""

    COLUMNS = ("number", "item", "department", "state", "claimed", "deadline", "left")
    HEADERS: ClassVar[dict[str, str]] = {
        "number": "办件编号", "item": "事项", "department": "部门", "state": "状态",
        "claimed": "认领人", "deadline": "期限", "left": "剩余工作日"}

    def header_text(self, column: str) -> str:
        return QCoreApplication.translate("SupervisorBoard", self.HEADERS[column])

    def cell_text(self, c: DueCase, column: str) -> str:
        left = _tr("已逾期") if c.timeliness == "overdue" else str(c.working_days_left or 0)
        return {"number": c.number, "item": local_name(c.item_name, c.item_name_en),
                "department": local_name(c.department, c.department_name_en),
                "state": case_label(c.state_label)
                + (_tr("（{0}）").format(", ".join(c.owed)) if c.owed else ""),
                "claimed": c.claimed_by or "—",
                "deadline": self.local(c.deadline, "%m-%d %H:%M"),
                "left": left}[column]

    def cell_color(self, c: DueCase, column: str) -> QColor | None:
        return RED if c.timeliness == "overdue" else AMBER


class DrillModel(NamedColumnsModel):
    """Any drill-down table: its columns come with the data."""

    names_en: Mapping[str, str] = {}

    def set_drill(self, drill: Drill) -> None:
        self.beginResetModel()
        self.COLUMNS = drill.columns
        self._rows = list(drill.rows)
        self.names_en = dict(drill.names_en)
        self.endResetModel()

    def cell_text(self, row: tuple[str, ...], column: str) -> str:
        """A name of the hall's in the screen's language (an item's read in Chinese on an
        English screen), a label translated, anything else as it is."""
        text = row[self.COLUMNS.index(column)]
        english = self.names_en.get(text)
        return local_name(text, english) if english else drill_label(text)

    def header_text(self, column: str) -> str:
        return QCoreApplication.translate("SupervisorBoard", column)


# Every text above (states, headers, cells), literally, for pyside6-lupdate.
# The drill-down tables' column names (kpi_drill, reports.APPOINTMENT_COLUMNS).
_DRILL_COLUMNS = (
    QT_TRANSLATE_NOOP("SupervisorBoard", "日期"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "号码"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "队列"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "窗口"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "工作人员"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "事项编码"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "状态"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "取号时间"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "首次叫号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "开始办理"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办结"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "等候(分钟)"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办理(分钟)"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办件编号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "事项"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "部门"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "收件"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办结期限"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办结时间"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办结时效"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "到现场次数"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "即办"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "评价时间"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "等级"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "回访状态"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "回访期限"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "预约"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "按时签到"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "迟到签到"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "失约"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "取消"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "待签到"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "履约率"),
)
_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("SupervisorBoard", "开放"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "暂停"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "关闭"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "已叫号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办理中"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "比例"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "优先"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "（{0}）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "空闲 {0}"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "（自 {0}）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "{0}号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "（已逾期）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "已逾期"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "窗口"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "状态"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "工作人员"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "当前号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "用时/空闲"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "工作配置"),
    QT_TRANSLATE_NOOP("QueueBoard", "队列"),
    QT_TRANSLATE_NOOP("QueueBoard", "等候"),
    QT_TRANSLATE_NOOP("QueueBoard", "最长"),
    QT_TRANSLATE_NOOP("QueueBoard", "预计"),
    QT_TRANSLATE_NOOP("QueueBoard", "目标"),
    QT_TRANSLATE_NOOP("QueueBoard", "窗口"),
    QT_TRANSLATE_NOOP("QueueBoard", "今日"),
    QT_TRANSLATE_NOOP("QueueBoard", "预约"),
    QT_TRANSLATE_NOOP("QueueBoard", "已到"),
    QT_TRANSLATE_NOOP("QueueBoard", "待到"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "等候人数"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "最长等候（分钟）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "新取号的预计等候（分钟）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "目标等候（分钟）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "正在服务该队列的窗口数"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "今日取号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "今日预约（不含取消）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "已签到（含迟到）"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "未签到且未过宽限时间"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "另有 {0} 人已过签到宽限时间未到"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "分钟"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "提醒"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "名称"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "取号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "平均等候(分)"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "等候P90(分)"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "平均办理(分)"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办理P90(分)"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "过号率"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "弃号率"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "即办率"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "最多跑一次"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "按时办结"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "逾期率"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "好评率"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "差评整改"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "差评时间"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "等级"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "回访期限"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "待回访"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "申诉中"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "已办结"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "办件编号"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "事项"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "部门"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "期限"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "剩余工作日"),
    QT_TRANSLATE_NOOP("SupervisorBoard", "认领人"),
)
