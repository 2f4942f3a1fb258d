"""People ahead of a ticket and its estimated wait, for the ticket slip, kiosk and boards.

A peer counted tickets already served as "ahead" and its estimate grew all day. Here the
count comes from the same call order the windows use (:func:`order_within_queue`) over the
tickets still waiting, and the estimate from recent real service durations.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from hallapp.core.errors import ValidationError
from hallapp.core.queue_rules import Candidate, order_within_queue

MAX_SAMPLES = 20
MIN_SAMPLES = 3
DEFAULT_SERVICE_SECONDS = 600.0

Basis = Literal["median", "default"]


@dataclass(frozen=True)
class WaitEstimate:
    """``minutes`` is whole minutes rounded up; ``basis`` says whether real durations fed it."""

    people_ahead: int
    minutes: int
    basis: Basis


def people_ahead(target: Candidate, waiting: Sequence[Candidate]) -> int:
    """How many of the ``waiting`` tickets will be called before ``target``.

    ``waiting`` must hold only tickets still waiting (never called, served or closed ones);
    ``target`` may be among them or not. The count follows :func:`order_within_queue` over
    the ticket's own line: its queue, minus tickets transferred to a particular window
    (that window calls them, not the queue's windows). A ticket itself transferred to a
    window waits behind the tickets targeted at that same window, whatever their queue.
    The starvation cap can still move one ordinary ticket ahead; an estimate ignores that.
    """
    if target.target_window is None:
        line = [c for c in waiting if c.queue == target.queue and c.target_window is None]
    else:
        line = [c for c in waiting if c.target_window == target.target_window]
    others = [c for c in line if c.ticket_id != target.ticket_id]
    ordered = order_within_queue([*others, target])
    return ordered.index(target)


def average_service_seconds(recent_service_seconds: Sequence[float],
                            default_service_seconds: float = DEFAULT_SERVICE_SECONDS,
                            ) -> tuple[float, Basis]:
    """The median of the last ≤ 20 valid durations, or the default below 3 samples.

    The median, not the mean: one case that took an hour (or a window left open over
    lunch) must not double everyone's estimate. Non-positive and non-finite durations are
    recording mistakes and are skipped before taking the last 20.
    """
    valid = [s for s in recent_service_seconds if math.isfinite(s) and s > 0]
    samples = valid[-MAX_SAMPLES:]
    if len(samples) < MIN_SAMPLES:
        return default_service_seconds, "default"
    return float(statistics.median(samples)), "median"


def estimate_wait(people_ahead: int, recent_service_seconds: Sequence[float],
                  serving_windows: int,
                  default_service_seconds: float = DEFAULT_SERVICE_SECONDS) -> WaitEstimate:
    """Estimated wait for a ticket with ``people_ahead`` tickets before it.

    Method:
    - average service time = median of the queue's last ≤ 20 service durations
      (``recent_service_seconds``, oldest first); ``default_service_seconds`` when fewer
      than 3 are known (start of day, new queue);
    - wait seconds = ceil(people_ahead × average / max(1, serving_windows)), since the
      windows serving the queue work in parallel and a paused hall still serves at least
      at one window's pace once it reopens;
    - minutes = wait seconds / 60 rounded up, so 0 only when nobody is ahead.
    ``people_ahead`` comes from :func:`people_ahead`: waiting tickets ahead in call order only.
    """
    if people_ahead < 0:
        raise ValidationError(f"前方等候人数不能为负数：{people_ahead}", field="people_ahead")
    if not (math.isfinite(default_service_seconds) and default_service_seconds > 0):
        raise ValidationError("默认办理时长须为正数", field="default_service_seconds")
    average, basis = average_service_seconds(recent_service_seconds, default_service_seconds)
    seconds = math.ceil(people_ahead * average / max(1, serving_windows))
    minutes = -(-seconds // 60)
    return WaitEstimate(people_ahead=people_ahead, minutes=minutes, basis=basis)
