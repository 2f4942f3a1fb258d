"""The parameters of a simulated hall day, and their JSON form.

A profile is what the simulator knows about a hall: per queue the arrivals per hour of the
day (a non-homogeneous Poisson process), the mix of service items, the shares of green
channel, appointments, no-shows and correction visits, the applicants' patience, and the
service time; per item the service time and the window's decisions (即办 / 受理 /
一次性告知). It comes from the hall's own history (:mod:`hallapp.core.sim.fit`) or, for a
hall without history, from ``resources/demo/sim_profile.json``.

Service times are lognormal with the item's norm (``service_norm_minutes``) as the median:
clerks' service times are right-skewed and strictly positive, and a median is what a norm
says ("most take about 15 minutes"). ``exponential`` exists for the textbook M/M/c check.

JSON (``format`` "hallapp-sim-profile", ``version`` 1)::

    {"format": "hallapp-sim-profile", "version": 1, "source": "demo", "days": 0,
     "periods": [["09:00", "12:00"], ["14:00", "18:00"]],
     "noshow_seconds": 120, "green_class": "elderly",
     "call_settings": {"max_consecutive_priority": 3, "aging_minutes": 45},
     "queues": {"A": {"target_wait_minutes": 20, "hourly": {"09": 8, "10": 12},
                      "green_share": 0.05, "appointment_share": 0.15, "noshow_share": 0.03,
                      "patience_minutes": 60, "correction_share": 0.08,
                      "service": {"dist": "lognormal", "minutes": 15, "sigma": 0.5},
                      "items": {"440300000000069391780001": 0.3}}},
     "items": {"440300000000069391780001": {
                 "service": {"dist": "lognormal", "minutes": 25, "sigma": 0.5},
                 "intake": 1.0,
                 "decisions": {"on_spot": 0.0, "accepted": 0.85, "notified": 0.15}}}}

``hourly`` maps the hour of the day (hall time) to arrivals per hour; ``items`` of a queue
are weights (normalised on use); ``intake`` is the share of served tickets for the item
that open a case; ``patience_minutes`` null means nobody leaves before being called.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallapp.core.errors import ValidationError
from hallapp.core.hallday import parse_hhmm
from hallapp.core.queue_rules import CallSettings

FORMAT = "hallapp-sim-profile"
DISTS = ("lognormal", "exponential")
DECISIONS = ("on_spot", "accepted", "notified")


@dataclass(frozen=True)
class ServiceTime:
    """``minutes`` is the median (lognormal) or the mean (exponential); ``sigma`` the log-sd."""

    dist: str = "lognormal"
    minutes: float = 15.0
    sigma: float = 0.5

    def __post_init__(self) -> None:
        if self.dist not in DISTS:
            raise ValidationError(f"服务时长分布 {self.dist!r} 无效，应为 lognormal 或 exponential",
                                  field="dist")
        if self.minutes <= 0 or self.sigma < 0:
            raise ValidationError("服务时长须为正数，对数标准差不能为负", field="service")

    @property
    def mean_seconds(self) -> float:
        """E[S]: a lognormal's mean is its median × exp(σ²/2)."""
        scale = math.exp(self.sigma ** 2 / 2) if self.dist == "lognormal" else 1.0
        return self.minutes * 60 * scale


@dataclass(frozen=True)
class ItemProfile:
    code: str
    service: ServiceTime
    intake: float = 1.0  # share of served tickets for this item that open a case
    decisions: tuple[float, float, float] = (0.0, 0.85, 0.15)  # on_spot, accepted, notified


@dataclass(frozen=True)
class QueueProfile:
    code: str
    target_wait_minutes: float
    hourly: tuple[float, ...]  # 24 arrival rates (per hour), index = hour of the day
    service: ServiceTime = field(default_factory=ServiceTime)
    items: tuple[tuple[str, float], ...] = ()
    green_share: float = 0.0
    appointment_share: float = 0.0
    noshow_share: float = 0.0
    patience_minutes: float | None = None
    correction_share: float = 0.0

    def __post_init__(self) -> None:
        if len(self.hourly) != 24 or any(r < 0 for r in self.hourly):
            raise ValidationError(f"队列 {self.code} 的每小时到达率须为24个非负数",
                                  field="hourly")
        for name in ("green_share", "appointment_share", "noshow_share", "correction_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValidationError(f"队列 {self.code} 的 {name} 须在0到1之间", field=name)

    def rate(self, second: float) -> float:
        """Arrivals per hour at ``second`` (from local midnight; wraps every 24 h)."""
        return self.hourly[int(second // 3600) % 24]


@dataclass(frozen=True)
class SimProfile:
    queues: tuple[QueueProfile, ...]
    items: Mapping[str, ItemProfile]
    periods: tuple[tuple[int, int], ...]  # open periods, seconds from local midnight
    settings: CallSettings = field(default_factory=CallSettings)
    noshow_seconds: float = 120.0  # how long a clerk calls before marking a no-show
    green_class: str = "elderly"
    source: str = "demo"
    days: int = 0  # days of history fitted (0: demo / defaults)

    def queue(self, code: str) -> QueueProfile:
        for q in self.queues:
            if q.code == code:
                return q
        raise ValidationError(f"模拟参数中没有队列 {code}", field="queue")

    def hours(self) -> list[int]:
        """Hours of the day that overlap an open period, in order."""
        return sorted({h for s, e in self.periods for h in range(s // 3600, (e + 3599) // 3600)})

    def expected_arrivals(self) -> float:
        total = 0.0
        for q in self.queues:
            for s, e in self.periods:
                t = float(s)
                while t < e:
                    step = min(e, (int(t // 3600) + 1) * 3600) - t
                    total += q.rate(t) * step / 3600
                    t += step
        return total


def _service(raw: Mapping[str, Any] | None) -> ServiceTime:
    raw = raw or {}
    return ServiceTime(str(raw.get("dist", "lognormal")), float(raw.get("minutes", 15)),
                       float(raw.get("sigma", 0.5)))


def _hourly(raw: Mapping[str, Any]) -> tuple[float, ...]:
    rates = [0.0] * 24
    for key, value in raw.items():
        hour = int(key)
        if not 0 <= hour < 24:
            raise ValidationError(f"小时 {key} 无效", field="hourly")
        rates[hour] = float(value)
    return tuple(rates)


def _queue(code: str, raw: Mapping[str, Any]) -> QueueProfile:
    patience = raw.get("patience_minutes")
    return QueueProfile(
        code, float(raw.get("target_wait_minutes", 20)), _hourly(raw.get("hourly", {})),
        _service(raw.get("service")),
        tuple((str(k), float(v)) for k, v in (raw.get("items") or {}).items()),
        float(raw.get("green_share", 0)), float(raw.get("appointment_share", 0)),
        float(raw.get("noshow_share", 0)), None if patience is None else float(patience),
        float(raw.get("correction_share", 0)))


def _item(code: str, raw: Mapping[str, Any]) -> ItemProfile:
    d = raw.get("decisions") or {}
    shares = tuple(float(d.get(k, 0)) for k in DECISIONS)
    total = sum(shares) or 1.0
    on_spot, accepted, notified = (s / total for s in shares)
    return ItemProfile(code, _service(raw.get("service")), float(raw.get("intake", 1.0)),
                       (on_spot, accepted, notified))


def _seconds(text: str) -> int:
    t = parse_hhmm(text, field="periods")
    return t.hour * 3600 + t.minute * 60


def profile_from_dict(raw: Mapping[str, Any]) -> SimProfile:
    """Parse the JSON form; ValidationError naming the field when it is wrong."""
    if raw.get("format") != FORMAT:
        raise ValidationError(f"不是模拟参数文件（format 应为 {FORMAT}）", field="format")
    cs = raw.get("call_settings") or {}
    return SimProfile(
        queues=tuple(_queue(str(c), q) for c, q in (raw.get("queues") or {}).items()),
        items={str(c): _item(str(c), i) for c, i in (raw.get("items") or {}).items()},
        periods=tuple((_seconds(s), _seconds(e)) for s, e in raw.get("periods", [])),
        settings=CallSettings(int(cs.get("max_consecutive_priority", 3)),
                              int(cs.get("aging_minutes", 45))),
        noshow_seconds=float(raw.get("noshow_seconds", 120)),
        green_class=str(raw.get("green_class", "elderly")),
        source=str(raw.get("source", "file")), days=int(raw.get("days", 0)))


def _hhmm(second: int) -> str:
    return f"{second // 3600:02d}:{second % 3600 // 60:02d}"


def _service_dict(s: ServiceTime) -> dict[str, Any]:
    return {"dist": s.dist, "minutes": round(s.minutes, 3), "sigma": round(s.sigma, 4)}


def profile_to_dict(p: SimProfile) -> dict[str, Any]:
    """The JSON form; :func:`profile_from_dict` reads it back unchanged (rounded)."""
    queues = {q.code: {
        "target_wait_minutes": q.target_wait_minutes,
        "hourly": {f"{h:02d}": round(r, 3) for h, r in enumerate(q.hourly) if r},
        "green_share": round(q.green_share, 4), "appointment_share": round(q.appointment_share, 4),
        "noshow_share": round(q.noshow_share, 4), "patience_minutes": q.patience_minutes,
        "correction_share": round(q.correction_share, 4), "service": _service_dict(q.service),
        "items": {c: round(w, 4) for c, w in q.items}} for q in p.queues}
    items = {c: {"service": _service_dict(i.service), "intake": round(i.intake, 4),
                 "decisions": {k: round(v, 4) for k, v in zip(DECISIONS, i.decisions,
                                                              strict=True)}}
             for c, i in p.items.items()}
    return {"format": FORMAT, "version": 1, "source": p.source, "days": p.days,
            "periods": [[_hhmm(s), _hhmm(e)] for s, e in p.periods],
            "noshow_seconds": p.noshow_seconds, "green_class": p.green_class,
            "call_settings": {"max_consecutive_priority": p.settings.max_consecutive_priority,
                              "aging_minutes": p.settings.aging_minutes},
            "queues": queues, "items": items}


def load_profile(path: Path) -> SimProfile:
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValidationError(f"无法读取模拟参数文件 {path}：{exc}", field="profile") from exc
    return profile_from_dict(raw)
