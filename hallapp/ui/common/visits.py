"""A case's trips to the hall (到厅记录), one short entry each, for the counter's case view and
the back office's case detail: when (hall time), why, and in person with the queue ticket or
online, so a clerk sees at a glance whether the applicant has come more than once (最多跑一次).
A second coming on a day already counted, with another ticket, is listed with its ticket but
is not another trip (``case_common.record_visit``): the entry says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hallapp.core.case_rules import VISIT_LABELS
from hallapp.ui.common.labels import case_label

if TYPE_CHECKING:
    from hallapp.services.case_views import VisitInfo


def visit_entry(visit: VisitInfo, local: Callable[[datetime], str]) -> str:
    """``11-24 09:05 收件（现场 A001）``; online: ``…（网上）``; back the same day with another
    ticket, not another trip: ``11-24 14:10 补齐（现场 A023，同日不另计）``."""
    if visit.online:
        how = QCoreApplication.translate("Visits", "网上")
    elif not visit.counted:
        how = QCoreApplication.translate("Visits", "现场 {0}，同日不另计").format(
            visit.ticket or "")
    elif visit.ticket:
        how = QCoreApplication.translate("Visits", "现场 {0}").format(visit.ticket)
    else:
        how = QCoreApplication.translate("Visits", "现场")
    purpose = case_label(VISIT_LABELS.get(visit.purpose, visit.purpose))
    return QCoreApplication.translate("Visits", "{0} {1}（{2}）").format(
        local(visit.at), purpose, how)


def visits_text(visits: Sequence[VisitInfo], local: Callable[[datetime], str]) -> str:
    """All of them, oldest first, on one line; ``无`` when there are none."""
    if not visits:
        return QCoreApplication.translate("Visits", "无")
    return QCoreApplication.translate("Visits", "；").join(visit_entry(v, local) for v in visits)
