"""Alerts for the supervisor's board, computed from the stored state and hall thresholds.

Each rule reads what is true now, so an alert disappears by itself once the cause is gone
(the queue is served, the window calls, the service ends). Thresholds come from
``hall.settings`` with the hall's defaults (``hall.DEFAULT_SETTINGS``):

* ``wait_over_target``: the longest wait in a queue passes its target (``target_wait_minutes``
  × ``alert_wait_factor``); critical past twice that;
* ``window_idle``: an open window holds no ticket for ``alert_idle_minutes`` while one of its
  queues has people waiting;
* ``service_over_norm``: a service runs longer than ``alert_service_factor`` × the item's
  ``service_norm_minutes`` (15 min for a ticket without an item);
* ``bad_rating``: a 差评 given in the last ``alert_bad_rating_minutes``;
* ``case_overdue`` / ``case_warning``: cases awaiting their decision (in the back office, or
  returned to the window after acceptance) past their deadline, or within the hall's
  warning period (``warning_working_days``), per department;
* ``supplement_overdue`` / ``supplement_warning``: 容缺 cases whose owed materials are past
  their supplement due date, or within the warning period, per department;
* ``calendar_missing`` / ``calendar_next_year``: the holidays of this year, or of the year
  that begins within :data:`CALENDAR_AHEAD_DAYS`, are not loaded (see ``calendar_alerts``);
* ``day_not_closed``: tickets of an earlier hall day are still open (its 日终 was forgotten):
  they are never called, until a close ends them (see ``day_not_closed_alerts``).

``key`` names the alert's subject, so a board can chime once for each new alert.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallapp.core.calendar import WorkCalendar
from hallapp.core.kpi import BAD_LEVELS
from hallapp.core.timelimits import warning_horizon_days
from hallapp.services.calendar_admin import HallTime, hall_time
from hallapp.services.case_common import (
    awaiting_decision_sql,
    frozen_item,
    supplements_open_sql,
)
from hallapp.services.case_views import supplement_timeliness, timeliness
from hallapp.services.hall import DEFAULT_SETTINGS
from hallapp.services.queue_common import held_at_window
from hallapp.store.models import (
    Case,
    Department,
    Followup,
    Hall,
    Queue,
    Rating,
    ServiceItem,
    ServiceRecord,
    Ticket,
    Window,
    WorkProfileEntry,
)
from hallapp.store.models_queue import ACTIVE_STATES

DEFAULT_NORM_MINUTES = 15
# How far ahead the hall's calendar must know the days: the longest promised limits run to
# 55 working days (about 80 calendar days with the holidays), and the State Council's notice
# of the next year comes out in November or December.
CALENDAR_AHEAD_DAYS = 92


# What each kind of alert says, filled from its facts. English screens fill the UI's own table
# of the same kinds and facts (hallapp/ui/supervisor/alert_text.py).
TEXTS: dict[str, str] = {
    "wait_over_target": "{queue} {queue_name}：最长已等候 {waited} 分钟，超过目标 {target} 分钟",
    "window_idle": "{window}号窗口已空闲 {idle} 分钟，所办队列有 {people} 人等候",
    "service_over_norm": "{window}号窗口 {number} 已办理 {running} 分钟，超过标准时长 {norm} "
                         "分钟的 {factor} 倍",
    "bad_rating": "{window}号窗口收到差评（{level} 级），请跟进回访",
    "bad_rating_hall": "大厅收到差评（{level} 级），请跟进回访",
    "case_overdue": "{department}：{count} 件办件已逾期",
    "case_warning": "{department}：{count} 件办件临近办结期限",
    "supplement_overdue": "{department}：{count} 件容缺办件逾期未补齐材料",
    "supplement_warning": "{department}：{count} 件容缺办件临近补齐期限",
    "calendar_missing": "{year} 年节假日安排尚未载入：办件期限无法计算，请导入当年官方日历"
                        "（hallapp calendar load）",
    "calendar_next_year": "{year} 年节假日安排尚未载入：期限落在 {year} 年的办件将无法受理，"
                          "请在官方通知发布后导入（hallapp calendar load）",
    "day_not_closed": "昨日未日终：{last} 还有 {count} 个号未办结，不会再被叫号；开厅前执行日终"
                      "闭厅即补结该日，开厅后则由今日日终一并记为弃号",
    "day_not_closed_earlier": "{first} 起未日终：还有 {count} 个号未办结，不会再被叫号；开厅前"
                              "执行日终闭厅即补结，开厅后则由今日日终一并记为弃号",
}


@dataclass(frozen=True)
class Alert:
    """One alert. ``subject`` and ``message`` are its Chinese text; ``facts`` are what they
    were filled from (``text`` names the entry of :data:`TEXTS`), for other languages.
    ``queue_name_en`` and ``department_name_en`` are the English names of the queue or
    department it is about, if it has them."""

    kind: str
    severity: str  # warning | critical
    key: str
    subject: str
    message: str
    since: datetime | None
    text: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    queue_name_en: str | None = None
    department_name_en: str | None = None

    def fact(self, name: str) -> str:
        return dict(self.facts).get(name, "")


def _alert(kind: str, severity: str, key: str, subject: str, since: datetime | None,
           text: str | None = None, queue_name_en: str | None = None,
           department_name_en: str | None = None, **facts: object) -> Alert:
    """An alert whose message is :data:`TEXTS` [``text`` or ``kind``] filled from ``facts``
    (a fact that is None is left out)."""
    name = text or kind
    shown = {k: f"{v:g}" if isinstance(v, float) else str(v)
             for k, v in facts.items() if v is not None}
    return Alert(kind, severity, key, subject, TEXTS[name].format(**shown), since, name,
                 tuple(shown.items()), queue_name_en, department_name_en)


def threshold(hall: Hall, name: str) -> float:
    value: Any = (hall.settings or {}).get(name, DEFAULT_SETTINGS[name])
    try:
        return float(value)
    except (TypeError, ValueError):
        return float(DEFAULT_SETTINGS[name])


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def wait_alerts(s: Session, hall: Hall, day: date, now: datetime) -> list[Alert]:
    factor = threshold(hall, "alert_wait_factor")
    out = []
    # The wait is timed from the ticket's take (the board's 最长, ``day.hall_status``, too),
    # not from its place in line (``order_at``): an appointment checked in early has its place
    # from the slot's start, yet the applicant has been waiting in the hall since check-in,
    # and the figures' wait (call − take) counts from then as well. A deactivated queue's
    # tickets still waiting are still called (``queue_admin``): they count too.
    rows = s.execute(select(Queue, func.min(Ticket.taken_at)).join(
        Ticket, Ticket.queue_id == Queue.id).where(
        Ticket.hall_day == day, Ticket.state == "waiting")
        .group_by(Queue.id).order_by(Queue.code))
    for queue, oldest in rows:
        waited = now - oldest
        limit = timedelta(minutes=queue.target_wait_minutes * factor)
        if waited > limit:
            severity = "critical" if waited > 2 * limit else "warning"
            out.append(_alert("wait_over_target", severity, f"wait:{queue.code}", queue.code,
                              oldest, queue_name_en=queue.name_en, queue=queue.code,
                              queue_name=queue.name, waited=_minutes(waited),
                              target=queue.target_wait_minutes))
    return out


def last_activity(s: Session, window: Window, day_start: datetime) -> datetime | None:
    """When the window last changed state or ended a call (finish, suspend, no-show…)."""
    marks = [window.state_since,
             s.scalar(select(func.max(ServiceRecord.finished_at)).where(
                 ServiceRecord.window_id == window.id, ServiceRecord.finished_at >= day_start)),
             s.scalar(select(func.max(Ticket.noshow_at)).where(
                 Ticket.window_id == window.id, Ticket.noshow_at >= day_start))]
    known = [m for m in marks if m is not None]
    return max(known) if known else None


def idle_alerts(s: Session, hall: Hall, day: date, day_start: datetime,
                now: datetime) -> list[Alert]:
    limit = timedelta(minutes=threshold(hall, "alert_idle_minutes"))
    waiting = dict(s.execute(select(Ticket.queue_id, func.count(Ticket.id)).where(
        Ticket.hall_day == day, Ticket.state == "waiting").group_by(Ticket.queue_id)).all())
    busy = set(s.scalars(select(Ticket.window_id).where(held_at_window())))
    out = []
    for w in s.scalars(select(Window).where(Window.state == "open").order_by(Window.number)):
        if w.id in busy:
            continue
        queues = s.scalars(select(WorkProfileEntry.queue_id).where(
            WorkProfileEntry.window_id == w.id)).all()
        people = sum(waiting.get(q, 0) for q in queues)
        last = last_activity(s, w, day_start)
        if people and last is not None and now - last >= limit:
            out.append(_alert("window_idle", "warning", f"idle:{w.number}", f"{w.number}号窗口",
                              last, window=w.number, idle=_minutes(now - last), people=people))
    return out


def _norms(s: Session) -> dict[str, int]:
    out: dict[str, int] = {}
    for code, data in s.execute(select(ServiceItem.code, ServiceItem.data).where(
            ServiceItem.in_force.is_(True))):
        try:
            out[code] = int((data or {}).get("service_norm_minutes") or DEFAULT_NORM_MINUTES)
        except (TypeError, ValueError):
            out[code] = DEFAULT_NORM_MINUTES
    return out


def service_alerts(s: Session, hall: Hall, now: datetime) -> list[Alert]:
    factor = threshold(hall, "alert_service_factor")
    rows = s.execute(select(Ticket, Window.number).join(Window, Window.id == Ticket.window_id)
                     # the held term too: it lets SQLite read the open tickets' index
                     .where(held_at_window(), Ticket.state == "serving",
                            Ticket.started_at.is_not(None))
                     .order_by(Window.number)).all()
    norms = _norms(s) if rows else {}
    out = []
    for t, number in rows:
        norm = norms.get(t.item_code or "", DEFAULT_NORM_MINUTES)
        running = now - (t.started_at or now)
        if running > timedelta(minutes=norm * factor):
            out.append(_alert("service_over_norm", "warning", f"service:{t.id}",
                              f"{number}号窗口", t.started_at, window=number, number=t.number,
                              running=_minutes(running), norm=norm, factor=factor))
    return out


def rating_alerts(s: Session, hall: Hall, now: datetime) -> list[Alert]:
    """Recent 差评 whose follow-up is still to be done: one closed (or appealed) within the
    alert's minutes no longer asks the supervisor to follow it up."""
    since = now - timedelta(minutes=threshold(hall, "alert_bad_rating_minutes"))
    handled = select(Followup.id).where(Followup.rating_id == Rating.id,
                                        Followup.state != "open").exists()
    out = []
    for r in s.scalars(select(Rating).where(Rating.at >= since,
                                            Rating.level.in_(tuple(BAD_LEVELS)), ~handled)
                       .order_by(Rating.at.desc())):
        at_window = r.window_number is not None
        out.append(_alert("bad_rating", "critical", f"rating:{r.id}",
                          f"{r.window_number}号窗口" if at_window else "大厅", r.at,
                          text=None if at_window else "bad_rating_hall", level=r.level,
                          window=r.window_number))
    return out


def case_horizon(hall: Hall, now: datetime) -> datetime:
    """Cases due after this are neither overdue nor in the hall's warning period."""
    return now + timedelta(days=warning_horizon_days(int(threshold(hall,
                                                                   "warning_working_days"))))


def case_alerts(s: Session, hall: Hall, now: datetime, t: HallTime) -> list[Alert]:
    """Per department: cases awaiting their decision overdue, and those in the warning
    period."""
    rows = s.scalars(select(Case).where(awaiting_decision_sql(), Case.deadline.is_not(None),
                                        Case.deadline <= case_horizon(hall, now))).all()
    counts: Counter[tuple[int, str]] = Counter()
    for case in rows:
        _, state, _ = timeliness(case, frozen_item(s, case), t, now)
        if state in ("warning", "overdue"):
            counts[(case.department_id, state)] += 1
    return _department_alerts(s, "case", counts)


def supplement_alerts(s: Session, hall: Hall, now: datetime, t: HallTime) -> list[Alert]:
    """Per department: 容缺 cases whose owed materials are overdue, or due within the warning
    period (nothing else follows them up: an ``approved_tolerant`` result stays withheld)."""
    rows = s.scalars(select(Case).where(supplements_open_sql(),
                                        Case.supplement_deadline <= case_horizon(hall, now)))
    counts: Counter[tuple[int, str]] = Counter()
    for case in rows:
        state, _ = supplement_timeliness(case, t, now)
        if state in ("warning", "overdue"):
            counts[(case.department_id, state)] += 1
    return _department_alerts(s, "supplement", counts)


def _department_alerts(s: Session, kind: str, counts: Counter[tuple[int, str]]
                       ) -> list[Alert]:
    """``<kind>_overdue`` (critical) and ``<kind>_warning`` alerts from counts per
    (department, state), overdue first."""
    if not counts:
        return []
    names = {d.id: (d.name, d.name_en) for d in s.scalars(select(Department))}
    out = []
    for (dept, state), n in sorted(counts.items(), key=lambda kv: (kv[0][1] != "overdue",
                                                                    kv[0][0])):
        name, name_en = names.get(dept, (str(dept), None))
        out.append(_alert(f"{kind}_{state}", "critical" if state == "overdue" else "warning",
                          f"{kind}_{state}:{dept}:{n}", name, None, department_name_en=name_en,
                          department=name, count=n))
    return out


def calendar_alerts(calendar: WorkCalendar, day: date) -> list[Alert]:
    """Deadlines are counted in working days, and a day of a year whose holidays are not
    loaded is an error, not a guess: intake refuses a case whose deadline falls there, and
    lists cannot count days into it. Said in time: from :data:`CALENDAR_AHEAD_DAYS` before the
    new year (warning), and loudly once the year has begun without it (critical)."""
    known = calendar.covered_years()
    if day.year not in known:
        return [_alert("calendar_missing", "critical", f"calendar:{day.year}", "节假日安排",
                       None, year=day.year)]
    ahead = (day + timedelta(days=CALENDAR_AHEAD_DAYS)).year
    if ahead not in known:
        return [_alert("calendar_next_year", "warning", f"calendar:{ahead}", "节假日安排",
                       None, year=ahead)]
    return []


# How far back the board looks for a day nobody closed (each refresh reads that range).
UNCLOSED_LOOKBACK_DAYS = 31


def day_not_closed_alerts(s: Session, hall: Hall, day: date) -> list[Alert]:
    """Tickets of earlier hall days still open: a day whose 日终 was forgotten. Nothing calls
    them (calls take the day's tickets), and the board showed only an hours-long service. A
    close before opening ends that day (``day.close_day``); the day's own close ends them
    too, with its own tickets.

    A close ends every earlier day's tickets, so only the days since the last close are read
    (with none recorded, or the day reopened, the last day with tickets), within
    :data:`UNCLOSED_LOOKBACK_DAYS`: the board must not read the hall's history."""
    last = s.scalar(select(func.max(Ticket.hall_day)).where(Ticket.hall_day < day))
    if last is None or (hall.closed_day is not None and last <= hall.closed_day):
        return []
    lo = last if hall.closed_day is None else hall.closed_day + timedelta(days=1)
    lo = max(lo, day - timedelta(days=UNCLOSED_LOOKBACK_DAYS))
    first, last, count = s.execute(
        select(func.min(Ticket.hall_day), func.max(Ticket.hall_day), func.count(Ticket.id))
        .where(Ticket.hall_day >= lo, Ticket.hall_day < day,
               Ticket.state.in_(ACTIVE_STATES))).one()
    if not count:
        return []
    yesterday = first == last == day - timedelta(days=1)
    return [_alert("day_not_closed", "critical", f"day_not_closed:{first}", "日终", None,
                   text="day_not_closed" if yesterday else "day_not_closed_earlier",
                   first=first, last=last, count=count)]


def hall_alerts(s: Session, hall: Hall, day: date, day_start: datetime,
                now: datetime) -> tuple[Alert, ...]:
    """Every alert now, most urgent kinds first."""
    t = hall_time(s, hall)  # the calendar, read once for the case and calendar alerts
    return (*day_not_closed_alerts(s, hall, day), *rating_alerts(s, hall, now),
            *wait_alerts(s, hall, day, now),
            *idle_alerts(s, hall, day, day_start, now), *service_alerts(s, hall, now),
            *case_alerts(s, hall, now, t), *supplement_alerts(s, hall, now, t),
            *calendar_alerts(t.calendar, day))
