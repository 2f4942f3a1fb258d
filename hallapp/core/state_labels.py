"""Tickets' and windows' states as people read them (等候, 已叫号, 暂停 …).

Written once for every place that shows them in Chinese: the CLI, the services' messages and
the KPI drill-downs (whose English translation is in the DrillLabels context).
"""

from __future__ import annotations

TICKET_STATE_LABELS: dict[str, str] = {
    "waiting": "等候", "called": "已叫号", "serving": "办理中", "done": "已办结",
    "no_show": "过号", "suspended": "挂起", "abandoned": "弃号"}

# An open case against its deadline (``case_views.timeliness``).
TIMELINESS_LABELS: dict[str, str] = {"normal": "正常", "warning": "临近期限", "overdue": "已逾期",
                                     "stopped": "计时暂停"}

WINDOW_STATE_LABELS: dict[str, str] = {"open": "开放", "paused": "暂停", "closed": "关闭"}

WINDOW_KIND_LABELS: dict[str, str] = {
    "comprehensive": "综合窗口", "specialised": "专业窗口", "delivery": "出件窗口"}
