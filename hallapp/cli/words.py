"""The words the command line's text output shows for states and kinds, in its language.

Chinese from core's label tables (the screens' words); English as the English screens say
them. One table per kind of state, keyed by the stored code, read through ``word``.
"""

from __future__ import annotations

from collections.abc import Mapping

from hallapp.cli.lang import english
from hallapp.core.state_labels import TICKET_STATE_LABELS, WINDOW_STATE_LABELS

TICKET_STATE_EN = {"waiting": "waiting", "called": "called", "serving": "serving",
                   "done": "done", "no_show": "no-show", "suspended": "suspended",
                   "abandoned": "abandoned"}
WINDOW_STATE_EN = {"open": "open", "paused": "paused", "closed": "closed"}
APPOINTMENT_ZH = {"booked": "已预约", "checked_in": "已签到", "late": "迟到签到",
                  "missed": "失约", "cancelled": "已取消"}
APPOINTMENT_EN = {"booked": "booked", "checked_in": "checked in", "late": "checked in late",
                  "missed": "missed", "cancelled": "cancelled"}

TICKET_STATE = (TICKET_STATE_LABELS, TICKET_STATE_EN)
WINDOW_STATE = (WINDOW_STATE_LABELS, WINDOW_STATE_EN)
APPOINTMENT_STATE = (APPOINTMENT_ZH, APPOINTMENT_EN)


def word(table: tuple[Mapping[str, str], Mapping[str, str]], code: str | None) -> str:
    """``code``'s word in the command line's language (the code itself if it has none)."""
    if code is None:
        return ""
    return table[1 if english() else 0].get(code, code)


def local(name: str, name_en: str | None) -> str:
    """A name from the hall's data: its English form in English when there is one."""
    return name_en if english() and name_en else name
