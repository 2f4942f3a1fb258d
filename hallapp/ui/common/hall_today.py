"""The hall's day for a client left running: read from the service clock on the hall's wall
clock whenever it is asked, and a signal when it turns.

A supervisor window opened on 31 December and left open over the weekend kept 31 December as
"today" (今天, 本年, the export and planner dates, the counter's earliest booking day): the
day was read once, when the window opened. Ask :class:`HallToday` instead, and follow
``turned`` for what shows the day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from hallapp.core.hallday import HALL_TZ, hall_day

CHECK_MS = 30_000  # how often the day is looked at: a turn shows within half a minute


class HallToday(QObject):
    """``today()`` is the hall day now; ``turned(before, day)`` when it changes (midnight in
    the hall, a clock set forward, or the hall's zone read after the default one)."""

    turned = Signal(object, object)

    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None,
                 interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.clock, self.zone = clock, HALL_TZ
        self.day = self.today()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def today(self) -> date:
        return hall_day(self.clock(), self.zone)

    def __call__(self) -> date:
        return self.today()

    def set_zone(self, tz: str) -> None:
        """The hall's own zone, once the hall is read (until then the default one)."""
        self.zone = tz
        self.check()

    def check(self) -> date:
        day = self.today()
        if day != self.day:
            before, self.day = self.day, day
            self.turned.emit(before, day)
        return day
