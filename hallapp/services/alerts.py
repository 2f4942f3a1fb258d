"""Alerts for the supervisor's board, computed from the stored state and hall thresholds.

Each rule reads what is true now, so an alert disappears by itself once the cause is gone
(the queue is served, the window calls, the service ends). Thresholds come from
``hall.settings`` with the defaults of :data:`DEFAULTS`:

* ``wait_over_target``: the longest wait in a queue passes its target (``target_wait_minutes``
  × ``alert_wait_factor``); critical past twice that;
* ``window_idle``: an open window holds no ticket for ``alert_idle_minutes`` while one of its
  queues has people waiting;
* ``service_over_norm``: a service runs longer than ``alert_service_factor`` × the item's
  ``service_norm_minutes`` (15 min for a ticket without an item);
* ``bad_rating``: a 差评 given in the last ``alert_bad_rating_minutes``;
* ``case_overdue`` / ``case_warning``: back-office cases past their deadline, or within the
  hall's warning period (``warning_working_days``), per department.

``key`` names the alert's subject, so a board can chime once for each new alert.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hallapp.core.kpi import BAD_LEVELS
from hallapp.services.calendar_admin import hall_time
from hallapp.services.case_common import BACKOFFICE_STATES, frozen_item
from hallapp.services.case_views import timeliness
from hallapp.services.queue_common import held_at_window
from hallapp.store.models import (
    Case,
    Department,
    Hall,
    Queue,
    Rating,
    ServiceItem,
    ServiceRecord,
    Ticket,
    Window,
    WorkProfileEntry,
)

DEFAULTS: dict[str, float] = {"alert_wait_factor": 1.0, "alert_idle_minutes": 5,
                              "alert_service_factor": 2.0, "alert_bad_rating_minutes": 30,
                              "alert_case_horizon_days": 14}
DEFAULT_NORM_MINUTES = 15


@dataclass(frozen=True)
class Alert:
    kind: str
    severity: str  # warning | critical
    key: str
    subject: str
    message: str
    since: datetime | None


def threshold(hall: Hall, name: str) -> float:
    value: Any = (hall.settings or {}).get(name, DEFAULTS[name])
    try:
        return float(value)
    except (TypeError, ValueError):
        return DEFAULTS[name]


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def wait_alerts(s: Session, hall: Hall, day: date, now: datetime) -> list[Alert]:
    factor = threshold(hall, "alert_wait_factor")
    out = []
    rows = s.execute(select(Queue, func.min(Ticket.taken_at)).join(
        Ticket, Ticket.queue_id == Queue.id).where(
        Ticket.hall_day == day, Ticket.state == "waiting", Queue.active.is_(True))
        .group_by(Queue.id).order_by(Queue.code))
    for queue, oldest in rows:
        waited = now - oldest
        limit = timedelta(minutes=queue.target_wait_minutes * factor)
        if waited > limit:
            severity = "critical" if waited > 2 * limit else "warning"
            out.append(Alert("wait_over_target", severity, f"wait:{queue.code}", queue.code,
                             f"{queue.code} {queue.name}：最长已等候 {_minutes(waited)} 分钟，"
                             f"超过目标 {queue.target_wait_minutes} 分钟", oldest))
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
            out.append(Alert("window_idle", "warning", f"idle:{w.number}", f"{w.number}号窗口",
                             f"{w.number}号窗口已空闲 {_minutes(now - last)} 分钟，"
                             f"所办队列有 {people} 人等候", last))
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
            out.append(Alert("service_over_norm", "warning", f"service:{t.id}",
                             f"{number}号窗口", f"{number}号窗口 {t.number} 已办理 "
                             f"{_minutes(running)} 分钟，超过标准时长 {norm} 分钟的 "
                             f"{factor:g} 倍", t.started_at))
    return out


def rating_alerts(s: Session, hall: Hall, now: datetime) -> list[Alert]:
    since = now - timedelta(minutes=threshold(hall, "alert_bad_rating_minutes"))
    out = []
    for r in s.scalars(select(Rating).where(Rating.at >= since,
                                            Rating.level.in_(tuple(BAD_LEVELS)))
                       .order_by(Rating.at.desc())):
        where = f"{r.window_number}号窗口" if r.window_number is not None else "大厅"
        out.append(Alert("bad_rating", "critical", f"rating:{r.id}", where,
                         f"{where}收到差评（{r.level} 级），请跟进回访", r.at))
    return out


def case_alerts(s: Session, hall: Hall, now: datetime) -> list[Alert]:
    """Per department: open back-office cases overdue, and those in the warning period."""
    horizon = now + timedelta(days=threshold(hall, "alert_case_horizon_days"))
    rows = s.scalars(select(Case).where(
        Case.state.in_([st.value for st in BACKOFFICE_STATES]), Case.deadline.is_not(None),
        Case.deadline <= horizon)).all()
    if not rows:
        return []
    t = hall_time(s, hall)
    counts: Counter[tuple[int, str]] = Counter()
    for case in rows:
        _, state, _ = timeliness(case, frozen_item(s, case), t, now)
        if state in ("warning", "overdue"):
            counts[(case.department_id, state)] += 1
    names = {d.id: d.name for d in s.scalars(select(Department))}
    out = []
    for (dept, state), n in sorted(counts.items(), key=lambda kv: (kv[0][1] != "overdue",
                                                                    kv[0][0])):
        label = "已逾期" if state == "overdue" else "临近办结期限"
        out.append(Alert(f"case_{state}", "critical" if state == "overdue" else "warning",
                         f"case_{state}:{dept}:{n}", names.get(dept, str(dept)),
                         f"{names.get(dept, dept)}：{n} 件办件{label}", None))
    return out


def hall_alerts(s: Session, hall: Hall, day: date, day_start: datetime,
                now: datetime) -> tuple[Alert, ...]:
    """Every alert now, most urgent kinds first."""
    return (*rating_alerts(s, hall, now), *wait_alerts(s, hall, day, now),
            *idle_alerts(s, hall, day, day_start, now), *service_alerts(s, hall, now),
            *case_alerts(s, hall, now))
