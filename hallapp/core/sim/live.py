"""Live mode's schedule: applicants and clerks played against a real hall, at a set speed.

The driver decides *when* things happen and what each applicant does; a :class:`HallPort`
(implemented by :mod:`hallapp.services.simulate` with the real services, as kiosk1 and
clerkN) does them. Model time runs ``speed`` times faster than the clock: an event at
model second m happens at clock time ``clock₀ + (m − m₀)/speed``. With a real clock the
driver sleeps until then; with an injected clock and ``sleep`` that advances it, a
simulated hour plays in no real time (tests).

What a window does: open; call; if the applicant called has left (patience) or does not
answer, mark a no-show after ``noshow_seconds``; else start, open the case and decide
(when the applicant's item has one), finish after the drawn service time; call again.
Arrivals stop at the end of the run; windows finish the applicant in hand and close.

However the run stops — its end, Ctrl-C (or SIGTERM, which the command turns into the same
interrupt), or an error — each window it opened and has not closed is tidied through the
port, window by window, in a ``finally``: its open ticket finished or passed, the window
closed, so the hall is left as a supervisor would find it (a run ended by SIGTERM or an
error left 14 windows open and 7 tickets in service, and the next run was refused). A
window that the port refuses to act on mid-run (a supervisor paused it, someone else
acted on it) leaves the run alone, with the reason in ``LiveTally.left``; the others play
on. Such a window is left as it is, by the tidy-up too.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from hallapp.core.errors import DomainError
from hallapp.core.sim.arrivals import Applicant

ANY = -1  # what a window holds while an operation on it is under way: unknown until it returns


class HallPort(Protocol):
    def open_window(self, number: int) -> None: ...
    def take(self, a: Applicant) -> int | None: ...  # ticket id; None: refused (quota)
    def call(self, number: int) -> int | None: ...  # ticket id; None: nobody waits
    def start(self, number: int) -> None: ...
    def intake(self, number: int, a: Applicant) -> str | None: ...  # the decision made
    def finish(self, number: int) -> None: ...
    def noshow(self, number: int) -> None: ...
    def close_window(self, number: int) -> None: ...
    # Finish or pass the ticket the window holds and close it; ``held`` is the ticket the run
    # gave it (None: nothing; ANY: an operation was cut short). A DomainError: left as it is.
    def tidy(self, number: int, held: int | None) -> None: ...


@dataclass
class LiveTally:
    """What the driver did, in the terms the stored figures use."""

    taken: int = 0
    refused: int = 0  # quota exhausted at the kiosk
    called: int = 0
    served: int = 0  # finished (done)
    no_show: int = 0  # called and absent: did not answer, or had already left
    left_before_call: int = 0  # of the no-shows: had waited past their patience
    foreign: int = 0  # tickets called that this run did not issue
    operations: int = 0  # service calls made
    cases: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False
    model_seconds: float = 0.0
    left: dict[int, str] = field(default_factory=dict)  # window → why it left the run as it was


@dataclass(frozen=True)
class LiveSetup:
    windows: Mapping[int, Sequence[str]]  # window number → queues it serves
    start: float  # model second of the day the run begins at
    seconds: float  # model seconds to play
    speed: float
    noshow_seconds: float = 120.0


class LiveDriver:
    def __init__(self, port: HallPort, setup: LiveSetup, applicants: Sequence[Applicant],
                 clock: Callable[[], datetime], sleep: Callable[[float], None]) -> None:
        self.port, self.setup, self.clock, self.sleep = port, setup, clock, sleep
        self.end = setup.start + setup.seconds
        self.people = [a for a in applicants if setup.start <= a.arrive < self.end]
        self.tickets: dict[int, Applicant] = {}
        self.idle: dict[str, dict[int, None]] = {}
        self.events: list[tuple[float, int, str, int]] = []
        self.seq = 0
        self.tally = LiveTally()
        self.clock0 = clock()
        self.holding: dict[int, int | None] = {}  # windows opened and not closed: their ticket

    def _at(self, m: float, kind: str, arg: int) -> None:
        self.seq += 1
        heapq.heappush(self.events, (m, self.seq, kind, arg))

    def _wait_until(self, m: float) -> None:
        due = self.clock0 + timedelta(seconds=(m - self.setup.start) / self.setup.speed)
        delay = (due - self.clock()).total_seconds()
        if delay > 0:
            self.sleep(delay)

    def run(self) -> LiveTally:
        for n in self.setup.windows:
            self._at(self.setup.start, "open", n)
        for i, a in enumerate(self.people):
            self._at(a.arrive, "arrive", i)
        try:
            while self.events and len(self.tally.left) < len(self.setup.windows):
                m, _, kind, arg = heapq.heappop(self.events)
                if kind != "arrive" and arg in self.tally.left:
                    continue
                self._wait_until(m)
                self.tally.model_seconds = m - self.setup.start
                self._play(kind, m, arg)
        except KeyboardInterrupt:
            self.tally.interrupted = True
        finally:
            self._tidy()
        return self.tally

    def _play(self, kind: str, m: float, arg: int) -> None:
        """One event; a window whose operation is refused leaves the run (the rest go on)."""
        if kind == "arrive":
            self._on_arrive(m, arg)
            return
        try:
            getattr(self, f"_on_{kind}")(m, arg)
        except DomainError as exc:
            self._leave(arg, str(exc))

    def _leave(self, n: int, why: str) -> None:
        self.tally.left[n] = why
        self.holding.pop(n, None)
        for q in self.setup.windows[n]:
            self.idle.get(q, {}).pop(n, None)

    def _op(self) -> None:
        self.tally.operations += 1

    def _on_open(self, m: float, n: int) -> None:
        self._op()
        self.holding[n] = ANY
        self.port.open_window(n)
        self.holding[n] = None
        self._at(m, "call", n)

    def _close(self, n: int) -> None:
        self._op()
        self.port.close_window(n)
        self.holding.pop(n, None)

    def _on_arrive(self, m: float, i: int) -> None:
        a = self.people[i]
        self._op()
        ticket = self.port.take(a)
        if ticket is None:
            self.tally.refused += 1
            return
        self.tally.taken += 1
        self.tickets[ticket] = a
        idle = self.idle.get(a.queue)
        if idle:
            self._wake(next(iter(idle)), m)

    def _wake(self, n: int, m: float) -> None:
        for q in self.setup.windows[n]:
            self.idle.get(q, {}).pop(n, None)
        self._at(m, "call", n)

    def _on_call(self, m: float, n: int) -> None:
        if m >= self.end:
            self._close(n)
            return
        self._op()
        self.holding[n] = ANY
        ticket = self.holding[n] = self.port.call(n)
        if ticket is None:
            for q in self.setup.windows[n]:
                self.idle.setdefault(q, {})[n] = None
            self._at(self.end, "stop", n)
            return
        self.tally.called += 1
        a = self.tickets.get(ticket)
        if a is None:
            self.tally.foreign += 1
            self._serve(m, n, self.setup.noshow_seconds, None)
        elif a.leaves_at <= m or a.noshow:
            self.tally.left_before_call += a.leaves_at <= m
            self._at(m + self.setup.noshow_seconds, "noshow", n)
        else:
            self._serve(m, n, a.service, a)

    def _serve(self, m: float, n: int, seconds: float, a: Applicant | None) -> None:
        self._op()
        self.port.start(n)
        if a is not None and a.decision is not None:
            self.tally.operations += 3  # open case, checklist, decision
            made = self.port.intake(n, a)
            if made:
                self.tally.cases[made] += 1
        self._at(m + seconds, "finish", n)

    def _on_finish(self, m: float, n: int) -> None:
        self._op()
        self.holding[n] = ANY
        self.port.finish(n)
        self.holding[n] = None
        self.tally.served += 1
        self._at(m, "call", n)

    def _on_noshow(self, m: float, n: int) -> None:
        self._op()
        self.holding[n] = ANY
        self.port.noshow(n)
        self.holding[n] = None
        self.tally.no_show += 1
        self._at(m, "call", n)

    def _on_stop(self, m: float, n: int) -> None:
        """End of the run for a window still idle: close it (busy ones close after)."""
        if any(n in idle for idle in self.idle.values()):
            for q in self.setup.windows[n]:
                self.idle.get(q, {}).pop(n, None)
            self._close(n)

    def _tidy(self) -> None:
        """Every window the run opened and has not closed, each on its own: one that cannot
        be tidied (paused, someone else's now, the database gone) is noted and left."""
        for n, held in list(self.holding.items()):
            try:
                self.port.tidy(n, held)
            except Exception as exc:  # best effort: the other windows are still tidied
                self.tally.left.setdefault(n, str(exc) or type(exc).__name__)
            self.holding.pop(n, None)
