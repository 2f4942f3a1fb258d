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
Reading checks every value and refuses a wrong one by its place in the file
(``queues.A.hourly.09``): periods in order and not overlapping, shares from 0 to 1, positive
targets, service times and patience; an item without ``decisions`` gets 0 / 0.85 / 0.15.
"""

from __future__ import annotations

import contextlib
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
DEFAULT_DECISIONS = (0.0, 0.85, 0.15)  # on_spot, accepted, notified


@dataclass(frozen=True)
class ServiceTime:
    """``minutes`` is the median (lognormal) or the mean (exponential); ``sigma`` the log-sd."""

    dist: str = "lognormal"
    minutes: float = 15.0
    sigma: float = 0.5

    def __post_init__(self) -> None:
        if self.dist not in DISTS:
            raise ValidationError(f"服务时长分布 {self.dist!r} 无效，应为 lognormal 或 exponential",
                                  field="dist", code="sim_profile_dist", value=_shown(self.dist))
        if not (math.isfinite(self.minutes) and self.minutes > 0 and self.sigma >= 0):
            raise ValidationError("服务时长须为正数，对数标准差不能为负", field="service",
                                  code="sim_service_time")

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
    decisions: tuple[float, float, float] = DEFAULT_DECISIONS


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
        if len(self.hourly) != 24 or not all(0 <= r < math.inf for r in self.hourly):
            raise ValidationError(f"队列 {self.code} 的每小时到达率须为24个非负数",
                                  field="hourly", code="sim_queue_hourly", queue=self.code)
        for name in ("green_share", "appointment_share", "noshow_share", "correction_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValidationError(f"队列 {self.code} 的 {name} 须在0到1之间", field=name,
                                      code="sim_queue_share", queue=self.code)

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
        raise ValidationError(f"模拟参数中没有队列 {code}", field="queue",
                              code="sim_unknown_queue", queue=code)

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


# --- reading the JSON form ------------------------------------------------------------------
# Every value is checked here, by the name of its place in the file ("queues.A.hourly.09"), so
# a mistyped file is refused as input (exit 11) instead of ending in an internal error or,
# worse, being simulated: a negative patience, a reversed period or an intake of 2 gave
# figures that meant nothing. The bounds are generous: what the calibration writes for a
# real hall always reads back.
MAX_RATE = 5000.0  # arrivals per hour in one queue
MAX_MINUTES = 1440.0  # a service time, a target wait: at most a day
MAX_SIGMA = 3.0  # log-sd of a service time (e^3 ≈ 20 × the median at one sd)
MAX_PATIENCE = 1e6  # minutes; a calibration that saw few leave finds a very long patience


def _shown(value: Any) -> str:
    """A value as the file has it (JSON), or a bound as plain digits (1000000, not 1e+06)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _obj(raw: Any, where: str) -> Mapping[str, Any]:
    """A JSON object (``{}`` when absent)."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValidationError(f"模拟参数 {where} 须为 JSON 对象（{{…}}），现为 {_shown(raw)}",
                              field=where, code="sim_profile_object", value=_shown(raw))
    return raw


def _number(value: Any, where: str, low: float, high: float, *, above: bool = False) -> float:
    """A finite JSON number in [low, high] (or (low, high] when ``above``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        with contextlib.suppress(OverflowError):  # an integer past any float: refused below
            number = float(value)
            if math.isfinite(number) and (number > low if above else number >= low) \
                    and number <= high:
                return number
    if above:
        raise ValidationError(f"模拟参数 {where} 须为大于 {_shown(low)}、不超过 {_shown(high)} "
                              f"的数，现为 {_shown(value)}", field=where,
                              code="sim_profile_above", low=_shown(low), high=_shown(high),
                              value=_shown(value))
    raise ValidationError(f"模拟参数 {where} 须为 {_shown(low)} 到 {_shown(high)} 之间的数，现为 "
                          f"{_shown(value)}", field=where, code="sim_profile_range",
                          low=_shown(low), high=_shown(high), value=_shown(value))


def _get(raw: Mapping[str, Any], key: str, where: str, default: float, low: float,
         high: float, *, above: bool = False) -> float:
    return _number(raw.get(key, default), f"{where}.{key}" if where else key, low, high,
                   above=above)


def _integer(raw: Mapping[str, Any], key: str, where: str, default: int, low: int,
             high: int) -> int:
    field = f"{where}.{key}" if where else key
    number = _number(raw.get(key, default), field, low, high)
    if not number.is_integer():
        raise ValidationError(f"模拟参数 {field} 须为整数，现为 {_shown(raw.get(key))}",
                              field=field, code="sim_profile_integer",
                              value=_shown(raw.get(key)))
    return int(number)


def _service(raw: Any, where: str) -> ServiceTime:
    s = _obj(raw, where)
    dist = s.get("dist", "lognormal")
    if dist not in DISTS:
        raise ValidationError(f"模拟参数 {where}.dist 应为 lognormal 或 exponential，现为 "
                              f"{_shown(dist)}", field=f"{where}.dist",
                              code="sim_profile_dist", value=_shown(dist))
    return ServiceTime(dist, _get(s, "minutes", where, 15, 0, MAX_MINUTES, above=True),
                       _get(s, "sigma", where, 0.5, 0, MAX_SIGMA))


def _hour(key: Any, where: str) -> int:
    text = str(key).strip()
    if not (text.isascii() and text.isdigit() and int(text) < 24):
        raise ValidationError(f"模拟参数 {where} 的小时 {_shown(key)} 无效（应为 00–23）",
                              field=where, code="sim_profile_hour", key=_shown(key))
    return int(text)


def _hourly(raw: Any, where: str) -> tuple[float, ...]:
    rates = [0.0] * 24
    for key, value in _obj(raw, where).items():
        rates[_hour(key, where)] = _number(value, f"{where}.{key}", 0, MAX_RATE)
    return tuple(rates)


def _shares(raw: Mapping[str, Any], where: str) -> list[float]:
    """green, appointment, no-show and correction shares, each from 0 to 1."""
    return [_get(raw, name, where, 0, 0, 1) for name in
            ("green_share", "appointment_share", "noshow_share", "correction_share")]


def _queue(code: str, raw: Any) -> QueueProfile:
    where = f"queues.{code}"
    q = _obj(raw, where)
    patience = q.get("patience_minutes")
    green, appointment, noshow, correction = _shares(q, where)
    mix = _obj(q.get("items"), f"{where}.items")
    return QueueProfile(
        code, _get(q, "target_wait_minutes", where, 20, 0, MAX_MINUTES, above=True),
        _hourly(q.get("hourly"), f"{where}.hourly"), _service(q.get("service"), f"{where}.service"),
        tuple((str(k), _number(v, f"{where}.items.{k}", 0, 1e6)) for k, v in mix.items()),
        green, appointment, noshow,
        None if patience is None else _number(patience, f"{where}.patience_minutes", 0,
                                              MAX_PATIENCE, above=True),
        correction)


def _decisions(raw: Any, where: str) -> tuple[float, float, float]:
    d = _obj(raw, where)
    if not d:
        return DEFAULT_DECISIONS
    on_spot, accepted, notified = (_get(d, k, where, 0, 0, 1) for k in DECISIONS)
    total = on_spot + accepted + notified
    if total <= 0:
        raise ValidationError(f"模拟参数 {where} 至少要有一项决定的比例大于 0",
                              field=where, code="sim_profile_decisions")
    return on_spot / total, accepted / total, notified / total


def _item(code: str, raw: Any) -> ItemProfile:
    where = f"items.{code}"
    i = _obj(raw, where)
    return ItemProfile(code, _service(i.get("service"), f"{where}.service"),
                       _get(i, "intake", where, 1.0, 0, 1),
                       _decisions(i.get("decisions"), f"{where}.decisions"))


def _periods(raw: Any) -> tuple[tuple[int, int], ...]:
    """Opening periods as seconds of the day: at least one, in order, not overlapping."""
    pairs = raw if isinstance(raw, list) else None
    if pairs is None or any(not isinstance(p, list) or len(p) != 2 for p in pairs):
        raise ValidationError(f"模拟参数 periods 须为 [开始, 结束] 的列表，如 "
                              f"[[\"09:00\", \"12:00\"]]，现为 {_shown(raw)}", field="periods",
                              code="sim_profile_periods", value=_shown(raw))
    if not pairs:
        raise ValidationError("模拟参数 periods 不能为空：至少要有一个开放时段",
                              field="periods", code="opening_hours_empty")
    out: list[tuple[int, int]] = []
    for start, end in pairs:
        s, e = _seconds(start), _seconds(end)
        if s >= e or (out and s < out[-1][1]):
            raise ValidationError(f"模拟参数开放时段 {_hhmm(s)}–{_hhmm(e)} 无效：时段须按时间"
                                  "先后排列且互不重叠", field="periods",
                                  code="opening_period_order", start=_hhmm(s), end=_hhmm(e))
        out.append((s, e))
    return tuple(out)


def _seconds(text: Any) -> int:
    t = parse_hhmm(text, field="periods")
    return t.hour * 3600 + t.minute * 60


def _settings(raw: Any) -> CallSettings:
    cs = _obj(raw, "call_settings")
    return CallSettings(_integer(cs, "max_consecutive_priority", "call_settings", 3, 1, 1000),
                        _integer(cs, "aging_minutes", "call_settings", 45, 0, 100000))


def profile_from_dict(raw: Any) -> SimProfile:
    """Parse the JSON form; ValidationError naming the field when it is wrong."""
    raw = _obj(raw, "profile")
    if raw.get("format") != FORMAT:
        raise ValidationError(f"不是模拟参数文件（format 应为 {FORMAT}）", field="format",
                              code="sim_profile_format", format=FORMAT)
    return SimProfile(
        queues=tuple(_queue(str(c), q) for c, q in _obj(raw.get("queues"), "queues").items()),
        items={str(c): _item(str(c), i) for c, i in _obj(raw.get("items"), "items").items()},
        periods=_periods(raw.get("periods", [])),
        settings=_settings(raw.get("call_settings")),
        noshow_seconds=_get(raw, "noshow_seconds", "", 120, 0, 3600),
        green_class=str(raw.get("green_class", "elderly")),
        source=str(raw.get("source", "file")),
        days=_integer(raw, "days", "", 0, 0, 100000))


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
        raise ValidationError(f"无法读取模拟参数文件 {path}：{exc}", field="profile",
                              code="sim_profile_unreadable", path=str(path),
                              problem=str(exc)) from exc
    return profile_from_dict(raw)
