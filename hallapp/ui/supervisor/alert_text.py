"""An alert's message in the board's language (it names what the alert is about).

The service writes each alert in Chinese and keeps the facts it was written from
(``hallapp.services.alerts.TEXTS``); an English board fills this module's table of the same
texts with them. Names from the hall's data stay as written, except the English names of
queues and departments.
"""

from __future__ import annotations

from hallapp.services.alerts import Alert
from hallapp.ui.common.errors import is_english, local_name

# Kept complete by tests/ui/test_supervisor_alerts.py: one entry per entry of alerts.TEXTS,
# naming only the facts it names.
EN: dict[str, str] = {
    "wait_over_target": "{queue} {queue_name}: longest wait {waited} min, over the "
                        "{target}-min target",
    "window_idle": "Window {window} idle for {idle} min; {people} waiting in its queues",
    "service_over_norm": "Window {window}: {number} in service for {running} min, over "
                         "{factor} × the {norm}-min norm",
    "bad_rating": "Bad rating (level {level}) at window {window}; please follow up",
    "bad_rating_hall": "Bad rating (level {level}) in the hall; please follow up",
    "case_overdue": "{department}: cases overdue: {count}",
    "case_warning": "{department}: cases near their deadline: {count}",
    "supplement_overdue": "{department}: cases with pending materials overdue: {count}",
    "supplement_warning": "{department}: cases with pending materials due soon: {count}",
    "calendar_missing": "The holidays of {year} are not loaded: case deadlines cannot be "
                        "counted; load that year's official calendar (hallapp calendar load)",
    "calendar_next_year": "The holidays of {year} are not loaded: cases due in {year} "
                          "cannot be accepted; load the official notice once published "
                          "(hallapp calendar load)",
    "day_not_closed": "Yesterday was not closed: {last} still has {count} unfinished "
                      "tickets, which will never be called; a day close before opening time "
                      "ends that day, otherwise today's close records them as abandoned",
    "day_not_closed_earlier": "Not closed since {first}: {count} unfinished tickets, which "
                              "will never be called; a day close before opening time ends "
                              "them, otherwise today's close records them as abandoned",
}


def alert_message(alert: Alert) -> str:
    text = EN.get(alert.text)
    if not is_english() or text is None:
        return alert.message
    facts = dict(alert.facts)
    if "queue_name" in facts:
        facts["queue_name"] = local_name(facts["queue_name"], alert.queue_name_en)
    if "department" in facts:
        facts["department"] = local_name(facts["department"], alert.department_name_en)
    try:
        return text.format_map(facts)
    except (KeyError, IndexError, ValueError):
        return alert.message
