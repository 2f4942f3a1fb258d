"""A queue ticket's states as people read them (等候, 已叫号 …).

Written once for every place that shows a ticket's state in Chinese: the CLI, the KPI
drill-downs (whose English translation is in the DrillLabels context) and the messages.
"""

from __future__ import annotations

TICKET_STATE_LABELS: dict[str, str] = {
    "waiting": "等候", "called": "已叫号", "serving": "办理中", "done": "已办结",
    "no_show": "过号", "suspended": "挂起", "abandoned": "弃号"}
