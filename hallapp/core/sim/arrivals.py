"""The applicants of one simulated day, drawn from a profile.

Arrivals per queue are a non-homogeneous Poisson process, drawn by thinning (Lewis &
Shedler 1979): candidates at the period's peak rate λmax, each kept with probability
λ(t)/λmax. Every attribute an applicant will need is drawn here, up front, so the fast
engine and the live driver play the very same day from the same seed, whatever order
their events happen in.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from hallapp.core.queue_rules import Candidate
from hallapp.core.sim.profile import ItemProfile, QueueProfile, ServiceTime, SimProfile

BASE = datetime(2000, 1, 3)  # a naive Monday midnight: the engine's t = 0
NEVER = math.inf


@dataclass(slots=True, eq=False)
class Applicant:
    """One person with a ticket; the engine fills in what happened to them."""

    id: int
    queue: str
    arrive: float  # seconds from local midnight
    item: str | None
    green: bool
    appointment: bool
    leaves_at: float  # arrive + patience (NEVER: stays until called)
    noshow: bool  # does not answer the call even while still in the hall
    service: float  # seconds at the window
    decision: str | None  # on_spot | accepted | notified; None: no case opened
    correction: bool  # a return visit to correct materials (一次性告知 earlier)
    called: float | None = None
    outcome: str = "waiting"  # served | no_show | abandoned | waiting
    window: int | None = None
    _cand: Candidate | None = None

    @property
    def klass(self) -> int:
        """Heap index in the call order: green+appointment, green, appointment, ordinary."""
        return (0 if self.green else 2) + (0 if self.appointment else 1)

    def candidate(self) -> Candidate:
        if self._cand is None:
            self._cand = Candidate(self.id, self.queue, BASE + timedelta(seconds=self.arrive),
                                   "green" if self.green else None, self.appointment)
        return self._cand


def draw_service(rng: random.Random, s: ServiceTime) -> float:
    if s.dist == "exponential":
        return rng.expovariate(1.0 / (s.minutes * 60))
    return rng.lognormvariate(math.log(s.minutes * 60), s.sigma)


def arrival_times(rng: random.Random, q: QueueProfile,
                  periods: tuple[tuple[int, int], ...]) -> list[float]:
    """Arrival instants of one queue by thinning, period by period."""
    times: list[float] = []
    for start, end in periods:
        peak = max((q.rate(h * 3600.0) for h in range(start // 3600, (end + 3599) // 3600)),
                   default=0.0)
        if peak <= 0:
            continue
        t, gap = float(start), 3600.0 / peak
        while True:
            t += rng.expovariate(1.0) * gap
            if t >= end:
                break
            if rng.random() * peak < q.rate(t):
                times.append(t)
    return times


def _pick(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str | None:
    total = sum(w for _, w in choices)
    if total <= 0:
        return None
    x = rng.random() * total
    for code, w in choices:
        x -= w
        if x < 0:
            return code
    return choices[-1][0]


def _decision(rng: random.Random, item: ItemProfile | None, correction: bool) -> str | None:
    if item is None or rng.random() >= item.intake:
        return None
    if correction:  # materials were corrected since the 一次性告知: accepted now
        return "on_spot" if item.decisions[0] > 0 else "accepted"
    on_spot, accepted, _ = item.decisions
    x = rng.random()
    return "on_spot" if x < on_spot else "accepted" if x < on_spot + accepted else "notified"


def _applicant(rng: random.Random, profile: SimProfile, q: QueueProfile, t: float) -> Applicant:
    code = _pick(rng, q.items)
    item = profile.items.get(code) if code else None
    patience = (rng.expovariate(1.0 / (q.patience_minutes * 60))
                if q.patience_minutes else NEVER)
    correction = rng.random() < q.correction_share
    return Applicant(
        id=0, queue=q.code, arrive=t, item=code, green=rng.random() < q.green_share,
        appointment=rng.random() < q.appointment_share, leaves_at=t + patience,
        noshow=rng.random() < q.noshow_share,
        service=draw_service(rng, item.service if item else q.service),
        decision=_decision(rng, item, correction), correction=correction)


def generate_day(profile: SimProfile, seed: int | random.Random) -> list[Applicant]:
    """Every applicant of the day, sorted by arrival, ids 1…n in that order."""
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    people = [_applicant(rng, profile, q, t) for q in profile.queues
              for t in arrival_times(rng, q, profile.periods)]
    people.sort(key=lambda a: a.arrive)
    for n, person in enumerate(people, 1):
        person.id = n
    return people
