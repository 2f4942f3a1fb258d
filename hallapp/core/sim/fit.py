"""Fitting a simulation profile to a hall's own history (plain facts in, profile out).

The service layer reads stored tickets, service records and cases of the chosen days (e.g.
the same weekday over the last 8 weeks) into :class:`TicketRecord` / :class:`CaseRecord`;
this module turns them into parameters, keeping the base profile's value wherever the data
are too thin to say anything:

* arrivals per queue and hour = tickets taken in that hour ÷ days the hall was open in the
  period (the service layer leaves out holidays); a queue with no ticket in the whole
  history had no arrivals (not the base profile's: the planner staffed queues nobody used);
* green channel, appointment and no-show shares = counts ÷ tickets (no-shows ÷ called);
* patience: exponential, by its maximum-likelihood estimate with censoring — total time at
  risk (waits of the called, time to closure of the abandoned) ÷ number abandoned; no
  abandonment means nobody is seen to leave (patience None);
* service time per item: lognormal with median exp(mean ln s) and σ = sd(ln s) when the item
  has ``MIN_SAMPLES`` finished services; otherwise its catalogue norm as the median with the
  queue's pooled σ (log-residuals around each item's median);
* item mix = tickets per item; decisions per item (即办 / 受理 / 一次性告知, with 不予受理 counted
  with 一次性告知: nothing is accepted either way) and the share of tickets that opened a case.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from hallapp.core.sim.profile import ItemProfile, QueueProfile, ServiceTime, SimProfile

MIN_SAMPLES = 10
MIN_CASES = 5
DECISION_GROUP = {"on_spot": 0, "accept": 1, "accept_tolerant": 1, "accept_commitment": 1,
                  "notify_missing": 2, "refuse": 2}


@dataclass(frozen=True)
class TicketRecord:
    queue: str
    hour: int  # hour of the day (hall time) it was taken
    state: str  # final state: done / no_show / abandoned / …
    green: bool
    appointment: bool
    called: bool
    exposure_seconds: float  # wait if called, else take → closure
    item: str | None = None
    service_seconds: float | None = None  # a finished service ("done" service record)


@dataclass(frozen=True)
class CaseRecord:
    item: str
    decision: str | None  # on_spot / accept… / notify_missing / refuse; None: undecided


def _rates(tickets: Sequence[TicketRecord], days: int) -> tuple[float, ...]:
    per_hour = Counter(t.hour for t in tickets)
    return tuple(per_hour.get(h, 0) / days for h in range(24))


def _patience(tickets: Sequence[TicketRecord]) -> float | None:
    left = sum(t.state == "abandoned" and not t.called for t in tickets)
    if not left:
        return None
    return sum(max(0.0, t.exposure_seconds) for t in tickets) / left / 60


def _log_fit(samples: Sequence[float]) -> tuple[float, float]:
    logs = [math.log(s) for s in samples if s > 0]
    return math.exp(statistics.fmean(logs)), statistics.pstdev(logs)


def _services(tickets: Sequence[TicketRecord], base: SimProfile, q: QueueProfile
              ) -> tuple[ServiceTime, dict[str, ServiceTime]]:
    by_item: dict[str | None, list[float]] = defaultdict(list)
    for t in tickets:
        if t.service_seconds and t.service_seconds > 0:
            by_item[t.item].append(t.service_seconds)
    medians: dict[str | None, float] = {}
    for item, xs in by_item.items():
        if len(xs) >= MIN_SAMPLES:
            medians[item] = _log_fit(xs)[0]
        elif item is not None and item in base.items:
            medians[item] = base.items[item].service.minutes * 60
        else:
            medians[item] = q.service.minutes * 60
    resid = [math.log(x / medians[i]) for i, xs in by_item.items() for x in xs]
    sigma = statistics.pstdev(resid) if len(resid) >= MIN_SAMPLES else q.service.sigma
    all_xs = [x for xs in by_item.values() for x in xs]
    queue_st = (ServiceTime("lognormal", _log_fit(all_xs)[0] / 60, sigma)
                if len(all_xs) >= MIN_SAMPLES else q.service)
    items = {}
    for item, xs in by_item.items():
        if item is not None and len(xs) >= MIN_SAMPLES:
            items[item] = ServiceTime("lognormal", medians[item] / 60, _log_fit(xs)[1])
    return queue_st, items


def _share(n: int, d: int, default: float) -> float:
    return n / d if d else default


def fit_queue(base: SimProfile, q: QueueProfile, tickets: Sequence[TicketRecord], days: int
              ) -> tuple[QueueProfile, dict[str, ServiceTime]]:
    if not tickets:  # enough history for the hall, and none of it here: nobody came
        return replace(q, hourly=(0.0,) * 24), {}
    called = [t for t in tickets if t.called]
    service, items = _services(tickets, base, q)
    mix = Counter(t.item for t in tickets if t.item)
    return replace(
        q, hourly=_rates(tickets, days), service=service,
        items=tuple(sorted(mix.items())) or q.items,
        green_share=_share(sum(t.green for t in tickets), len(tickets), q.green_share),
        appointment_share=_share(sum(t.appointment for t in tickets), len(tickets),
                                 q.appointment_share),
        noshow_share=_share(sum(t.state == "no_show" for t in called), len(called),
                            q.noshow_share),
        patience_minutes=_patience(tickets)), items


def _decisions(cases: Iterable[CaseRecord]) -> dict[str, tuple[float, float, float]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for c in cases:
        if c.decision in DECISION_GROUP:
            counts[c.item][DECISION_GROUP[c.decision]] += 1
    return {item: (n[0] / sum(n), n[1] / sum(n), n[2] / sum(n))
            for item, n in counts.items() if sum(n) >= MIN_CASES}


def _items(base: SimProfile, services: dict[str, ServiceTime], tickets: Sequence[TicketRecord],
           cases: Sequence[CaseRecord]) -> dict[str, ItemProfile]:
    decisions = _decisions(cases)
    served = Counter(t.item for t in tickets if t.item and t.state == "done")
    opened = Counter(c.item for c in cases)
    items = dict(base.items)
    for code in set(items) | set(services) | set(decisions):
        old = items.get(code, ItemProfile(code, ServiceTime()))
        intake = min(1.0, opened[code] / served[code]) if served[code] >= MIN_CASES \
            else old.intake
        items[code] = replace(old, service=services.get(code, old.service), intake=intake,
                              decisions=decisions.get(code, old.decisions))
    return items


def fit_profile(base: SimProfile, tickets: Sequence[TicketRecord], cases: Sequence[CaseRecord],
                days: int, source: str) -> SimProfile:
    """``base`` with every parameter the history of ``days`` hall days supports replaced."""
    by_queue: dict[str, list[TicketRecord]] = defaultdict(list)
    for t in tickets:
        by_queue[t.queue].append(t)
    queues, services = [], {}
    for q in base.queues:
        fitted, item_services = fit_queue(base, q, by_queue.get(q.code, []), max(1, days))
        queues.append(fitted)
        services.update(item_services)
    return replace(base, queues=tuple(queues), items=_items(base, services, tickets, cases),
                   source=source, days=days)
