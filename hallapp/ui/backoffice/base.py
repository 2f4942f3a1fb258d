"""What the back-office widgets share: off-thread service calls and small widget helpers.

A panel runs service calls with :meth:`BackofficePanel.call`; the result comes back on the
GUI thread only while the panel still exists, and a lost database is reported as
``connection_failed`` (the window shows its banner) besides the panel's own error slot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from hallapp.services.context import Ctx
from hallapp.ui.common.panel import ServicePanel


@dataclass
class BackofficeEnv:
    """The approver's context, the hall's time zone, and what the window learns as it runs:
    whether the database answers (``online``) and the department's code (from the cases)."""

    ctx: Ctx
    tz: tzinfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    online: bool = True
    department: str | None = None

    def local(self, moment: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
        """A stored moment as hall time, for the approver's screen."""
        if moment is None:
            return "—"
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(self.tz).strftime(fmt)


class BackofficePanel(ServicePanel):
    def __init__(self, env: BackofficeEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
