"""The queue's hot-path reads and writes as plain statements (see ``hallapp.store.rawsql``).

Taking, calling and finishing a ticket, and the ticket view every terminal shows after them,
use these instead of ORM objects: the same rules, a tenth of the CPU. ``window`` is quoted
because it is a reserved word in PostgreSQL.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from hallapp.core.errors import NotFound, StateError, ValidationError
from hallapp.core.ids import typed_code
from hallapp.core.masking import mask_id_number, mask_phone
from hallapp.core.wait_estimate import WaitEstimate, estimate_wait
from hallapp.store.rawsql import RawSQL, Row, as_at, as_day, as_json

RECENT_SERVICES = 20


# The hall's and a queue's settings, read once per batch in the batch writer and shared by
# every operation of the batch: read-only all the way down, so none can change what the next
# one reads.
@dataclass(frozen=True)
class HallConf:
    id: int
    timezone: str
    priority_classes: tuple[Mapping[str, Any], ...]
    settings: Mapping[str, Any]
    closed_day: date | None = None  # the hall day last closed (日终闭厅)


@dataclass(frozen=True)
class QueueConf:
    id: int
    code: str
    name: str
    prefix: str
    daily_quota: int | None
    time_quotas: tuple[Mapping[str, Any], ...]


def _read_only(value: Any) -> Any:
    """JSON read from the database with its objects as read-only mappings and its arrays as
    tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: _read_only(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_read_only(v) for v in value)
    return value


def hall_conf(raw: RawSQL) -> HallConf:
    return raw.memoised("hall_conf", lambda: _hall_conf(raw))


def _hall_conf(raw: RawSQL) -> HallConf:
    row = raw.row("SELECT id, timezone, priority_classes, settings, closed_day FROM hall "
                  "ORDER BY id LIMIT 1")
    if row is None:
        raise NotFound("数据库中还没有大厅，请先运行 hallapp init", code="no_hall")
    closed = row[4]
    return HallConf(int(row[0]), row[1], _read_only(as_json(row[2]) or []),
                    _read_only(as_json(row[3]) or {}),
                    date.fromisoformat(closed) if isinstance(closed, str) else closed)


def closed_day_now(raw: RawSQL, hall_id: int) -> date | None:
    """The hall's closed day as committed now (not memoised: see ``require_day_open``)."""
    return as_day(raw.value("SELECT closed_day FROM hall WHERE id = :id", id=hall_id))


_QUEUE = ("SELECT id, code, name, prefix, daily_quota, time_quotas, active FROM queue "
          "WHERE hall_id = :hall AND code = :code")


def queue_conf(raw: RawSQL, hall: HallConf, code: str, *,
               inactive_ok: bool = False) -> QueueConf:
    """``inactive_ok``: a deactivated queue too (a booking made before, checking in)."""
    code = typed_code(code)
    return raw.memoised(("queue_conf", hall.id, code, inactive_ok),
                        lambda: _queue_conf(raw, hall, code, inactive_ok))


def _queue_conf(raw: RawSQL, hall: HallConf, code: str, inactive_ok: bool) -> QueueConf:
    row = raw.row(_QUEUE, hall=hall.id, code=code)
    if row is None:
        raise NotFound(f"队列 {code} 不存在或已停用", field="queue", code="unknown_queue")
    if not row[6] and not inactive_ok:
        raise queue_inactive(row[1], row[2])
    return QueueConf(int(row[0]), row[1], row[2], row[3], row[4],
                     _read_only(as_json(row[5]) or []))


def queue_inactive(code: str, name: str) -> StateError:
    """The refusal of a ticket, booking or transfer into a queue an administrator has
    deactivated (``queue_admin``): its waiting tickets are still served, nobody new joins."""
    return StateError(f"队列 {name}（{code}）已停用，暂不办理取号和预约", field="queue",
                      code="queue_inactive", queue=code, name=name)


def item_queue_code(raw: RawSQL, item_code: str) -> str:
    """The queue an item in force is served in."""
    code = raw.value("SELECT q.code FROM service_item i JOIN queue q ON q.id = i.queue_id "
                     "WHERE i.code = :item AND i.in_force = :yes", item=item_code, yes=True)
    if code is None:
        raise ValidationError(f"事项 {item_code} 不存在", field="item", code="unknown_item")
    return str(code)


class TicketRow(NamedTuple):
    """What the ticket view needs of one ticket, its queue and its window. (A named tuple:
    the batch writer answers a take with one, and it pickles in a fraction of the time of
    a dataclass, which also writes each field's name.)"""

    id: int
    number: str
    queue_id: int
    queue: str
    queue_name: str
    state: str
    channel: str
    priority: str | None
    appointment: bool
    transferred: bool
    target_window: int | None
    item_code: str | None
    taken_at: datetime
    order_at: datetime
    hall_day: date
    window: int | None
    called_at: datetime | None
    first_called_at: datetime | None
    started_at: datetime | None
    recalls: int
    id_number: str | None
    phone: str | None


# The columns of a ticket's view, in ``TicketRow``'s order: the ticket's own, and from its
# queue and window the ones named ``queue.…`` / ``window.…``.
_VIEW_COLUMNS = ("id", "number", "queue_id", "queue.code", "queue.name", "state", "channel",
                 "priority", "appointment", "transferred", "target_window", "item_code",
                 "taken_at", "order_at", "hall_day", "window.number", "called_at",
                 "first_called_at", "started_at", "recalls", "id_number", "phone")
_JOINED = {"queue": ("q", "queue_id"), "window": ("w", "window_id")}
# Where a stored row keeps what an operation reads of it before any view is made.
ROW_ID, ROW_NUMBER, ROW_STATE = (_VIEW_COLUMNS.index(c) for c in ("id", "number", "state"))


def _view_column(column: str, *, returning: bool) -> str:
    table, _, name = column.rpartition(".")
    if not table:
        return name if returning else f"t.{name}"
    alias, key = _JOINED[table]
    return (f'(SELECT {name} FROM "{table}" WHERE id = ticket.{key})' if returning
            else f"{alias}.{name}")


_TICKET_ROW = (
    "SELECT " + ", ".join(_view_column(c, returning=False) for c in _VIEW_COLUMNS)
    + ' FROM ticket t JOIN queue q ON q.id = t.queue_id LEFT JOIN "window" w ON w.id = '
    "t.window_id WHERE t.id = :id")
# The same columns after an UPDATE of the ticket (``RETURNING`` the row as it now is): a
# statement that changes a ticket also reads it for its view, instead of a second statement
# (on PostgreSQL a round trip fewer per call and finish; bench/RESULTS.md, fix 24).
TICKET_ROW_RETURNING = " RETURNING " + ", ".join(_view_column(c, returning=True)
                                                 for c in _VIEW_COLUMNS)


def ticket_row(raw: RawSQL, ticket_id: int) -> TicketRow:
    r = raw.row(_TICKET_ROW, id=ticket_id)
    if r is None:
        raise NotFound(f"号码 {ticket_id} 不存在", field="ticket", code="unknown_ticket")
    return ticket_row_of(r)


def ticket_row_of(r: Row) -> TicketRow:
    """A ``TicketRow`` from the columns of ``_TICKET_ROW`` (or ``TICKET_ROW_RETURNING``)."""
    called, first, started = (as_at(r[i]) for i in (16, 17, 18))
    return TicketRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), bool(r[9]),
                     r[10], r[11], _at(r[12]), _at(r[13]), as_day(r[14]), r[15], called, first,
                     started, int(r[19]), r[20], r[21])


# "People ahead" is the rule of ``core.wait_estimate.people_ahead`` counted by the database.
# In a queue's line the call order is green channel, then checked-in appointments, then the
# rest, each by (order_at, id): everyone of the classes before the ticket's own, plus those
# of its class before it — each term a range of ix_ticket_waiting_line, read in the index.
_LINE = ("SELECT COUNT(*) FROM ticket WHERE queue_id = :queue AND hall_day = :day "
         "AND state = 'waiting' AND target_window IS NULL AND ")
# The call-order classes of a queue's line, first called first (``calling`` reads the head
# of each); ``:yes``/``:no`` are bound to True/False.
LINE_CLASSES = ("priority IS NOT NULL", "priority IS NULL AND appointment = :yes",
                "priority IS NULL AND appointment = :no")
# Those of its own class before it, (order_at, id) < (:at, :id), counted as "order_at up to
# its own" minus "same order_at, id from its own": both plain index ranges, so SQLite stops
# at the bound instead of testing a row value on every entry (2.2x faster with 4,000 waiting).
_UP_TO = " AND order_at <= :at"
_TIED_FROM = " AND order_at = :at AND id >= :id"
_AHEAD_IN_LINE = [
    "SELECT " + " + ".join([*(f"({_LINE}{c})" for c in LINE_CLASSES[:mine]),
                            f"({_LINE}{LINE_CLASSES[mine]}{_UP_TO})"])
    + f" - ({_LINE}{LINE_CLASSES[mine]}{_TIED_FROM})"
    for mine in range(len(LINE_CLASSES))]
# A ticket sent to a window waits behind the tickets sent there, whatever their queue (rare:
# the whole call-order key as a row value), an appointment held until its slot (``:now``)
# as the ordinary ticket ``calling`` calls it as, at its own place or its slot's start.
_KEY = ("(CASE WHEN {t}.priority IS NULL THEN 1 ELSE 0 END, "
        "CASE WHEN {t}.appointment AND {t}.order_at <= :now THEN 0 ELSE 1 END, "
        "CASE WHEN {t}.appointment AND {t}.order_at > :now "
        "THEN COALESCE({t}.own_order_at, {t}.order_at) ELSE {t}.order_at END, {t}.id)")
_AHEAD_AT_WINDOW = (f"SELECT COUNT(*) FROM ticket o JOIN ticket t ON t.id = :id "
                    f"WHERE o.hall_day = t.hall_day AND o.state = 'waiting' AND o.id <> t.id "
                    f"AND o.target_window = t.target_window "
                    f"AND {_KEY.format(t='o')} < {_KEY.format(t='t')}")
_RECENT = ("SELECT started_at, finished_at FROM service_record "
           "WHERE queue_id = :queue AND outcome = 'done' "
           "ORDER BY finished_at DESC LIMIT :n")
_RECORD_SERVICE = (
    "INSERT INTO service_record (ticket_id, queue_id, window_id, clerk_id, started_at, "
    "finished_at, outcome) VALUES (:ticket, :queue, :window, :clerk, :started, :now, 'done')")
_SERVING = ("SELECT COUNT(*) FROM \"window\" w JOIN work_profile p ON p.window_id = w.id "
            "WHERE p.queue_id = :queue AND w.state = 'open'")


def recent_service_seconds(raw: RawSQL, queue_id: int) -> tuple[float, ...]:
    """Durations of the queue's last finished services, newest first (a tuple: in the batch
    writer every operation of the batch gets the same one)."""
    return raw.memoised(("recent", queue_id), lambda: tuple(
        (_at(f) - _at(s)).total_seconds()
        for s, f in raw.rows(_RECENT, queue=queue_id, n=RECENT_SERVICES)))


def record_service(raw: RawSQL, *, ticket: int, queue: int, window: int, clerk: int | None,
                   started: Any, now: Any) -> None:
    """A finished service (the history that wait estimates are made of)."""
    raw.run(_RECORD_SERVICE, ticket=ticket, queue=queue, window=window, clerk=clerk,
            started=started, now=now)
    raw.forget(("recent", queue))


def serving_windows(raw: RawSQL, queue_id: int) -> int:
    """Open windows whose work profile includes the queue (paused ones do not serve)."""
    return raw.memoised(("serving", queue_id),
                        lambda: int(raw.value(_SERVING, queue=queue_id) or 0))


def position(raw: RawSQL, t: TicketRow, now: datetime) -> WaitEstimate:
    """People ahead in the real call order of the ticket's line at ``now``, and the
    estimated wait.

    The count is :func:`hallapp.core.wait_estimate.people_ahead` done by the database
    (tests/services/test_queue_position.py checks the two agree), or in the batch writer,
    for a ticket among the newest of its class, from its running counts (``_Line``).

    An appointment checked in before its slot is held until the slot begins: ``calling``
    calls it meanwhile as an ordinary ticket, at its own place (``own_order_at``) or, with
    none, at the slot's start — behind every ordinary ticket waiting now. It is counted
    where it is called now, for the others and for itself: a held ticket is not ahead of an
    ordinary one that will be called before it (it was counted ahead of every ordinary
    ticket, and the tickets it is held behind were not counted for it). The figure is the
    order at the time of asking; once the slot begins, the held ticket goes ahead of the
    ordinary ones, and the figures asked then say so. The kiosk, the slip and the CLI tell
    its holder from when it is called with priority (``TicketInfo.held_until``)."""
    if t.state != "waiting":
        return WaitEstimate(0, 0, "default")
    if t.target_window is None:
        ahead = _ahead_in_line(raw, t, now)
    else:
        ahead = int(raw.value(_AHEAD_AT_WINDOW, id=t.id, now=raw.at(now)) or 0)
    return estimate_wait(ahead, recent_service_seconds(raw, t.queue_id),
                         serving_windows(raw, t.queue_id))


# The appointments of a line held until their slot begins (``calling``: a range of the
# appointment class in ix_ticket_waiting_line, empty but for early check-ins). A green-channel
# ticket is never an appointment ticket (``appointments.checkin``, ``give_precedence``).
_HELD = (f"{_LINE.replace('COUNT(*)', 'order_at, own_order_at, id')}{LINE_CLASSES[1]} "
         "AND order_at > :now")
CallKey = tuple[int, datetime, int]  # (class in LINE_CLASSES, order_at, id)


def _ahead_in_line(raw: RawSQL, t: TicketRow, now: datetime) -> int:
    """Those ahead of ``t`` in its queue's line at ``now``: counted by the stored call-order
    key — (class, order_at, id), each class one range of the index — then each held
    appointment moved from where it is stored (the appointment class, at its slot) to where
    ``calling`` calls it now (the ordinary class, at its own place or its slot's start).
    One extra indexed read, of the held ones only."""
    day = raw.day(t.hall_day)
    held: list[tuple[CallKey, CallKey]] = []  # (as stored, as called now)
    for order_at, own, tid in raw.rows(_HELD, queue=t.queue_id, day=day, now=raw.at(now),
                                       yes=True, no=False):
        slot = _at(order_at)
        held.append(((1, slot, int(tid)), (2, as_at(own) or slot, int(tid))))
    mine = line_class(t.priority, t.appointment)
    key: CallKey = (mine, t.order_at, t.id)
    for stored, called in held:
        if stored[2] == t.id:
            key = called
    ahead = _newest_ahead(raw, t, mine) if key[0] == mine else None
    if ahead is None:
        ahead = int(raw.value(_AHEAD_IN_LINE[key[0]], queue=t.queue_id, day=day,
                              at=raw.at(key[1]), id=t.id, yes=True, no=False) or 0)
    return (ahead - sum(1 for stored, _ in held if stored < key)
            + sum(1 for _, called in held if called < key))


def line_class(priority: str | None, appointment: bool) -> int:
    """The index in ``LINE_CLASSES`` of a ticket's call-order class."""
    return 0 if priority is not None else 1 if appointment else 2


# The batch writer's running counts of the waiting lines. Counting those ahead of a new
# ticket reads every waiting ticket of its line: the writer's costliest statement once lines
# grow long (with ~1,000 waiting per queue, a third of a take's CPU). A new ticket is almost
# always among the last of its class: then those ahead of it are everybody waiting in the
# classes before its own, plus those of its class not after it. The writer keeps, per queue
# and hall day, how many wait in each class and the keys (order_at, id) of the newest
# ``RECENT_KEYS`` of each class, from one count and one short read of each class when the
# line is first needed. Exact because nothing else changes them while they are kept: the
# writer empties them when another connection committed since its last batch (``PRAGMA
# data_version``), after any operation other than a take (``batching.keeps_waiting_lines``)
# or a refused one, and a take reports each ticket it adds (``line_taken``). Any other
# ticket is counted by the database.
RECENT_KEYS = 64
Key = tuple[str, int]  # (order_at as stored, id): the order within a class


@dataclass
class _Line:
    counts: list[int]  # waiting, per class
    recent: list[list[Key]]  # per class, the newest RECENT_KEYS keys, oldest first

    def ahead_of(self, mine: int, key: Key) -> int | None:
        keys = self.recent[mine]
        i = bisect_left(keys, key)
        if i == len(keys) or keys[i] != key:
            return None  # not among the newest of its class: the database counts
        after = len(keys) - 1 - i
        return sum(self.counts[:mine]) + self.counts[mine] - 1 - after

    def add(self, mine: int, key: Key) -> None:
        self.counts[mine] += 1
        keys = self.recent[mine]
        if len(keys) < RECENT_KEYS:
            insort(keys, key)
        elif key > keys[0]:  # else older than all it keeps: it knows only the newest
            insort(keys, key)
            del keys[0]


_CLASS_SIZE = [f"{_LINE}{c}" for c in LINE_CLASSES]
_CLASS_NEWEST = [f"{_LINE.replace('COUNT(*)', 'order_at, id')}{c} "
                 f"ORDER BY order_at DESC, id DESC LIMIT {RECENT_KEYS}" for c in LINE_CLASSES]


def _newest_ahead(raw: RawSQL, t: TicketRow, mine: int) -> int | None:
    if raw.lines is None:
        return None
    day = raw.day(t.hall_day)
    line = raw.lines.get((t.queue_id, day))
    if line is None:
        line = raw.lines[(t.queue_id, day)] = _read_line(raw, t.queue_id, day)
    return line.ahead_of(mine, (raw.at(t.order_at), t.id))


def _read_line(raw: RawSQL, queue_id: int, day: Any) -> _Line:
    where = {"queue": queue_id, "day": day, "yes": True, "no": False}
    return _Line([int(raw.value(sql, **where) or 0) for sql in _CLASS_SIZE],
                 [sorted((str(r[0]), int(r[1])) for r in raw.rows(sql, **where))
                  for sql in _CLASS_NEWEST])


def forget_lines(raw: RawSQL) -> None:
    """Drop the batch writer's running line counts (they may count what was undone)."""
    if raw.lines is not None:
        raw.lines.clear()


def line_taken(raw: RawSQL, queue_id: int, day: Any, mine: int, order_at: Any,
               ticket_id: int) -> None:
    """A ticket joined the line (``order_at`` and ``day`` as stored): keep the batch writer's
    running count, if it keeps this line."""
    line = None if raw.lines is None else raw.lines.get((queue_id, day))
    if line is not None:
        line.add(mine, (order_at, ticket_id))


def _at(value: Any) -> datetime:
    moment = as_at(value)
    assert moment is not None
    return moment


def info_fields(t: TicketRow, people_ahead: int, minutes: int) -> dict[str, Any]:
    """The fields of a ``TicketInfo`` (personal data masked)."""
    return {"id": t.id, "number": t.number, "queue": t.queue, "queue_name": t.queue_name,
            "state": t.state, "channel": t.channel, "priority": t.priority,
            "appointment": t.appointment, "item_code": t.item_code, "taken_at": t.taken_at,
            "hall_day": t.hall_day, "window": t.window, "called_at": t.called_at,
            "recalls": t.recalls, "people_ahead": people_ahead,
            "estimated_minutes": minutes, "id_number_masked": mask_id_number(t.id_number),
            "phone_masked": mask_phone(t.phone), "first_called_at": t.first_called_at,
            "started_at": t.started_at, "order_at": t.order_at}
