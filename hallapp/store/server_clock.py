"""The hall's clock on PostgreSQL: the database server's, not each machine's.

Kiosks and windows on several machines stamp tickets with the time they are taken, called
and finished; the call order and every wait figure compare those stamps across machines. A
kiosk whose clock ran five minutes slow put its tickets ahead of everybody's (and made waits
negative). So each process measures, once and then every ``RECHECK_S``, how far its clock is
from the server's (``clock_timestamp()``, halfway through the round trip) and, when the gap
is past ``TOLERANCE`` (more than network jitter, less than any order a person notices), adds
it to its own readings, with a warning in the log. SQLite halls are one machine: its clock.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger("hallapp.clock")

RECHECK_S = 600.0
TOLERANCE = timedelta(milliseconds=500)


class ServerClock:
    """``clock()``: UTC now, corrected to the server's time when this machine's is off."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.offset = timedelta(0)
        self._checked_at: float | None = None

    def __call__(self) -> datetime:
        if self._checked_at is None or time.monotonic() - self._checked_at > RECHECK_S:
            self.measure()
        return datetime.now(UTC) + self.offset

    def measure(self) -> None:
        self._checked_at = time.monotonic()
        try:
            gap = self._server_time_gap()
        except DBAPIError as exc:  # the unit of work will say the database is unreachable
            log.warning("clock: server time not read (%s)", type(exc).__name__)
            return
        offset = gap if abs(gap) > TOLERANCE else timedelta(0)
        if offset != self.offset:
            log.warning("clock: this machine is %.1f s %s the database server; using the "
                        "server's time (set up NTP on this machine)", abs(gap.total_seconds()),
                        "behind" if gap > timedelta(0) else "ahead of")
        self.offset = offset

    def _server_time_gap(self) -> timedelta:
        with self.engine.connect() as conn:
            before = datetime.now(UTC)
            server: datetime = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
            after = datetime.now(UTC)
            conn.rollback()
        return server - (before + (after - before) / 2)
