"""Window operations: open, call next or a chosen ticket, recall, start, finish, no-show,
suspend, transfer, pause, resume, close.

Exactness of a call: the choice is made from the waiting tickets read in the unit of work,
then claimed: its row is locked with ``FOR UPDATE SKIP LOCKED`` and updated with a
conditional ``UPDATE … WHERE id = :id AND state = 'waiting'``. If another window is claiming
it right now or claimed it first (PostgreSQL, READ COMMITTED), the ticket is left out and the
choice made again in the same transaction, without waiting for that window. The window row
is locked first (``FOR UPDATE``; on SQLite the whole transaction already holds the write
lock), and a partial unique index on open tickets per window makes "a window never holds two
open tickets" a database fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.errors import (
    EmptyQueue,
    NotFound,
    PermissionDenied,
    StateError,
    ValidationError,
    WindowPaused,
)
from hallapp.core.queue_rules import (
    CallDecision,
    CallHistory,
    Candidate,
    ProfileEntry,
    choose_next,
    next_history,
)
from hallapp.core.roles import Perm, Role
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import (
    OPEN_AT_WINDOW_PREDICATE,
    TicketInfo,
    call_settings,
    open_ticket_at,
    queue_by_code,
    require_no_other_waiting,
    ticket_by_ref,
    ticket_info,
    ticket_info_by_id,
    today,
    window_by_number,
)
from hallapp.services.queue_sql import HallConf, hall_conf
from hallapp.store.models import Queue, ServiceRecord, Ticket, WorkProfileEntry
from hallapp.store.rawsql import RawSQL, Row, as_at, as_json
from hallapp.store.uow import UnitOfWork

CLAIM_ATTEMPTS = 5
HEAD_PER_QUEUE = 20


@dataclass(frozen=True)
class WindowState:
    number: int
    name: str
    state: str
    reason: str | None
    ticket: TicketInfo | None


def _require(cond: bool, message: str, code: str) -> None:
    if not cond:
        raise StateError(message, code=code)


@dataclass
class WindowRow:
    """A window as its operations need it, read (and locked) by a plain statement."""

    id: int
    number: int
    state: str
    state_reason: str | None
    clerk_id: int | None
    profile_mode: str
    call_history: list[str]
    consecutive_priority: int


_WINDOW_COLUMNS = ("state", "state_reason", "state_since", "clerk_id", "call_history",
                   "consecutive_priority")
_WINDOW = ('SELECT id, number, state, state_reason, clerk_id, profile_mode, call_history, '
           'consecutive_priority FROM "window" WHERE hall_id = :hall AND number = :number')


def _locked_window(raw: RawSQL, hall: HallConf, number: int) -> WindowRow:
    """The window row, locked until commit (PostgreSQL; SQLite holds the write lock)."""
    row = raw.row(_WINDOW + ("" if raw.sqlite else " FOR UPDATE"), hall=hall.id, number=number)
    if row is None:
        raise NotFound(f"窗口 {number} 不存在", field="window", code="unknown_window")
    return WindowRow(int(row[0]), int(row[1]), row[2], row[3], row[4], row[5],
                     list(as_json(row[6]) or []), int(row[7] or 0))


class _WindowOp:
    """Opens the unit of work, loads hall and (locked) window, checks who may act on it."""

    def __init__(self, ctx: Ctx, number: int) -> None:
        self.ctx, self.number = ctx, number

    def __enter__(self) -> _WindowOp:
        self.uow: UnitOfWork = self.ctx.uow().__enter__()
        self.raw = self.uow.raw
        self.hall: HallConf = hall_conf(self.raw)
        self.window = _locked_window(self.raw, self.hall, self.number)
        return self

    def __exit__(self, *exc: object) -> None:
        self.uow.__exit__(None, None, None)

    @property
    def s(self) -> Session:
        return self.uow.session

    def require_operator(self) -> None:
        """A clerk works the window they opened; supervisors may act on any window."""
        actor = self.ctx.actor
        if actor.role in (Role.SUPERVISOR, Role.ADMIN, Role.SYSTEM):
            return
        if self.window.clerk_id is not None and self.window.clerk_id != actor.staff_id:
            raise PermissionDenied(f"{self.number} 号窗口由其他工作人员登录，不能代为操作",
                                   code="not_your_window")

    def require_open(self) -> None:
        w = self.window
        if w.state == "paused":
            raise WindowPaused(f"{w.number} 号窗口已暂停（{w.state_reason or ''}），请先恢复")
        _require(w.state == "open", f"{w.number} 号窗口未开放", "window_closed")

    def current(self, *states: str) -> Ticket:
        t = open_ticket_at(self.s, self.window.id)
        if t is None or (states and t.state not in states):
            raise self._no_current(states)
        return t

    def current_row(self, *states: str) -> Row:
        """The open ticket as (id, state, started_at, queue_id), by a plain statement."""
        row = self.raw.row(_CURRENT, window=self.window.id)
        if row is None or (states and row[1] not in states):
            raise self._no_current(states)
        return row

    def _no_current(self, states: tuple[str, ...]) -> StateError:
        wanted = "/".join(states) if states else "called/serving"
        return StateError(f"{self.number} 号窗口当前没有{_STATE_ZH.get(wanted, '')}的号",
                          code="no_current_ticket")

    def set_window(self, **values: Any) -> None:
        """Change the window row (columns of ``_WINDOW_COLUMNS``) and this op's copy."""
        assert set(values) <= set(_WINDOW_COLUMNS), f"not a window column: {list(values)}"
        stored = {k: self.raw.at(v) if k == "state_since" else
                  self.raw.json(v) if k == "call_history" else v for k, v in values.items()}
        assigns = ", ".join(f"{k} = :{k}" for k in values)
        self.raw.run(f'UPDATE "window" SET {assigns} WHERE id = :window_id',
                     window_id=self.window.id, **stored)
        for k, v in values.items():
            if hasattr(self.window, k):
                setattr(self.window, k, v)

    def open_ticket_id(self) -> int | None:
        found = self.raw.value(_OPEN_AT_WINDOW, window=self.window.id)
        return None if found is None else int(found)

    def done_by_id(self, action_name: str, ticket_id: int, before: Mapping[str, object],
                   event: str, **extra: object) -> TicketInfo:
        """``done`` for a ticket changed by plain statements (no ORM object)."""
        self.uow.flush()
        info = ticket_info_by_id(self.raw, ticket_id, with_position=False)
        self.uow.audit(action_name, "ticket", ticket_id, before=dict(before),
                       after={"state": info.state, "window": self.number, **extra})
        self.uow.emit(event, window=self.number, ticket=ticket_id, number=info.number, **extra)
        self.uow.commit()
        return info

    def done(self, action_name: str, ticket: Ticket | None, before: Mapping[str, object],
             event: str, **extra: object) -> TicketInfo | None:
        self.s.flush()
        after = {"state": ticket.state if ticket else None, "window": self.number, **extra}
        entity, ident = ("ticket", ticket.id) if ticket else ("window", self.window.id)
        self.uow.audit(action_name, entity, ident, before=dict(before), after=after)
        self.uow.emit(event, window=self.number, ticket=ticket.id if ticket else None,
                      number=ticket.number if ticket else None, **extra)
        info = ticket_info(self.s, ticket, with_position=False) if ticket else None
        self.uow.commit()
        return info


# The predicate of the partial index, so that SQLite uses it (see queue_common).
_OPEN_AT_WINDOW = ("SELECT id FROM ticket "
                   f"WHERE window_id = :window AND {OPEN_AT_WINDOW_PREDICATE}")
_CURRENT = ("SELECT id, state, started_at, queue_id FROM ticket "
            f"WHERE window_id = :window AND {OPEN_AT_WINDOW_PREDICATE}")
_STATE_ZH = {"called": "已叫", "serving": "正在办理", "called/serving": "已叫或正在办理"}


@action(Perm.OPERATE_WINDOW)
def open_window(ctx: Ctx, number: int) -> WindowState:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        before = {"state": op.window.state}
        op.set_window(state="open", state_reason=None, state_since=op.uow.now,
                      clerk_id=ctx.actor.staff_id)
        op.done("window_open", None, before, "window_changed", state="open")
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def call_next(ctx: Ctx, number: int) -> TicketInfo:
    for _ in range(CLAIM_ATTEMPTS):
        with _WindowOp(ctx, number) as op:
            op.require_operator()
            op.require_open()
            _require(op.open_ticket_id() is None,
                     f"{number} 号窗口还有未办结的号，请先办结、过号或挂起", "window_busy")
            decision = _choose_and_claim(op)
            if decision is None:
                continue  # other windows took every ticket we saw: read the queues again
            history = next_history(CallHistory(tuple(op.window.call_history or ()),
                                               op.window.consecutive_priority), decision)
            op.set_window(call_history=list(history.recent_queues),
                          consecutive_priority=history.consecutive_priority)
            return op.done_by_id("ticket_call", decision.candidate.ticket_id,
                                 {"state": "waiting"}, "ticket_called", rule=decision.reason)
    raise StateError("叫号冲突过多，请重试", code="call_contention")


_PROFILE = ("SELECT q.id, q.code, p.precedence, p.ratio FROM work_profile p "
            "JOIN queue q ON q.id = p.queue_id WHERE p.window_id = :window AND q.active = :yes "
            "ORDER BY p.precedence, p.id")
_CANDIDATE = "SELECT id, queue_id, order_at, priority, appointment, transferred, target_window "
_WAITING_FOR = (_CANDIDATE + "FROM ticket WHERE queue_id = :queue AND hall_day = :day "
                "AND state = 'waiting' AND (target_window IS NULL OR target_window = :window) ")
_HEAD = (_WAITING_FOR + "ORDER BY CASE WHEN priority IS NULL THEN 1 ELSE 0 END, "
         "CASE WHEN appointment THEN 0 ELSE 1 END, order_at, id LIMIT :n")
_OLDEST = (_WAITING_FOR + "AND priority IS NULL AND NOT appointment "
           "ORDER BY order_at, id LIMIT 1")
_TARGETED = (_CANDIDATE + "FROM ticket WHERE target_window = :window AND hall_day = :day "
             "AND state = 'waiting'")


def _profile(op: _WindowOp) -> tuple[list[ProfileEntry], dict[int, str]]:
    rows = op.raw.rows(_PROFILE, window=op.window.id, yes=True)
    return ([ProfileEntry(code, precedence, ratio) for _, code, precedence, ratio in rows],
            {queue_id: code for queue_id, code, _, _ in rows})


def _choose_and_claim(op: _WindowOp) -> CallDecision | None:
    """Choose by the rules and claim; a ticket that another window is claiming right now
    or has just claimed is left out and the choice made again in the same transaction.

    Without this, every window read the same head of the queue, all but one blocked on its
    row lock until the winner committed, then started over: with 16 windows on PostgreSQL
    calls failed with "叫号冲突过多" after five rounds.
    """
    profile, cands = _candidates(op)
    history = CallHistory(tuple(op.window.call_history or ()), op.window.consecutive_priority)
    dropped = False
    while True:
        decision = choose_next(profile, op.window.profile_mode, list(cands.values()),
                               op.window.number, op.uow.now, history, call_settings(op.hall))
        if decision is None:
            if dropped:
                return None  # the heads we read were all taken; more may wait behind them
            raise EmptyQueue(f"{op.number} 号窗口服务的队列暂无等候")
        if _claim(op, decision.candidate.ticket_id):
            return decision
        del cands[decision.candidate.ticket_id]
        dropped = True


def _candidates(op: _WindowOp) -> tuple[list[ProfileEntry], dict[int, Candidate]]:
    """The head of each queue the window serves (by class, then order), the oldest ordinary
    ticket (for aging), and every ticket sent to this window."""
    profile, codes = _profile(op)
    cands: dict[int, Candidate] = {}
    if not profile:
        return profile, cands
    raw, day = op.raw, op.raw.day(today(op.hall, op.uow.now))
    rows: list[Row] = []
    for queue_id in codes:
        where = {"queue": queue_id, "day": day, "window": op.window.number}
        rows += raw.rows(_HEAD, n=HEAD_PER_QUEUE, **where) + raw.rows(_OLDEST, **where)
    rows += [r for r in raw.rows(_TARGETED, window=op.window.number, day=day) if r[1] in codes]
    for tid, queue_id, order_at, priority, appointment, transferred, target in rows:
        at = as_at(order_at)
        assert at is not None
        cands[tid] = Candidate(tid, codes[queue_id], at, priority, bool(appointment),
                               bool(transferred), target)
    return profile, cands


_SKIP_LOCKED = "SELECT id FROM ticket WHERE id = :id AND state = 'waiting' FOR UPDATE SKIP LOCKED"
_CLAIM = ("UPDATE ticket SET state = 'called', window_id = :window, clerk_id = :clerk, "
          "called_at = :now, first_called_at = COALESCE(first_called_at, :now), "
          "call_count = call_count + 1, target_window = NULL "
          "WHERE id = :id AND state = 'waiting'")


def _claim(op: _WindowOp, ticket_id: int) -> bool:
    """Claim a waiting ticket; False if it is no longer waiting or another window holds its
    row lock (claiming it now): SKIP LOCKED answers at once instead of waiting for that
    window's commit. SQLite has no row locks; its write lock already excludes other windows.
    """
    raw = op.raw
    if not raw.sqlite and raw.value(_SKIP_LOCKED, id=ticket_id) is None:
        return False
    return raw.run(_CLAIM, id=ticket_id, window=op.window.id, clerk=op.ctx.actor.staff_id,
                   now=raw.at(op.uow.now)) == 1


@action(Perm.CALL_OUT_OF_ORDER)
def call_ticket(ctx: Ctx, number: int, ref: str | int, reason: str) -> TicketInfo:
    """Call a chosen waiting ticket out of order; the reason is required and audited."""
    if not reason or not reason.strip():
        raise ValidationError("指定叫号须填写原因", field="reason")
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        op.require_open()
        _require(open_ticket_at(op.s, op.window.id) is None,
                 f"{number} 号窗口还有未办结的号，请先办结、过号或挂起", "window_busy")
        target = ticket_by_ref(op.s, op.hall, ref, today(op.hall, op.uow.now))
        _require(target.state == "waiting", f"号码 {target.number} 不在等候中", "not_waiting")
        _require(_claim(op, target.id), f"号码 {target.number} 已被其他窗口叫走",
                 "already_called")
        return op.done_by_id("ticket_call_chosen", target.id, {"state": "waiting"},
                             "ticket_called", rule="chosen", reason=reason.strip())


@action(Perm.OPERATE_WINDOW)
def recall(ctx: Ctx, number: int) -> TicketInfo:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called")
        limit = int(op.hall.settings.get("recall_max", 3))
        _require(t.recalls < limit,
                 f"号码 {t.number} 已重呼 {t.recalls} 次，达到上限，请按过号处理",
                 "recall_limit")
        t.recalls += 1
        t.called_at = op.uow.now
        info = op.done("ticket_recall", t, {"recalls": t.recalls - 1}, "ticket_recalled",
                       recalls=t.recalls)
        assert info is not None
        return info


@action(Perm.OPERATE_WINDOW)
def start(ctx: Ctx, number: int) -> TicketInfo:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called")
        t.state, t.started_at = "serving", op.uow.now
        info = op.done("ticket_start", t, {"state": "called"}, "ticket_started")
        assert info is not None
        return info


def _record_service(op: _WindowOp, t: Ticket, outcome: str) -> None:
    if t.started_at is None:
        return
    op.s.add(ServiceRecord(ticket_id=t.id, queue_id=t.queue_id, window_id=op.window.id,
                           clerk_id=op.ctx.actor.staff_id, started_at=t.started_at,
                           finished_at=op.uow.now, outcome=outcome))


_FINISH = ("UPDATE ticket SET state = 'done', started_at = :started, finished_at = :now, "
           "closed_at = :now WHERE id = :id")
_RECORD_SERVICE = (
    "INSERT INTO service_record (ticket_id, queue_id, window_id, clerk_id, started_at, "
    "finished_at, outcome) VALUES (:ticket, :queue, :window, :clerk, :started, :now, 'done')")


@action(Perm.OPERATE_WINDOW)
def finish(ctx: Ctx, number: int) -> TicketInfo:
    """Done. Finished straight from the call, the service has a zero-length start."""
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        ticket_id, state, started_at, queue_id = op.current_row("called", "serving")
        raw, now = op.raw, op.raw.at(op.uow.now)
        started = now if started_at is None else started_at  # as stored: same type
        raw.run(_FINISH, id=ticket_id, started=started, now=now)
        raw.run(_RECORD_SERVICE, ticket=ticket_id, queue=queue_id, window=op.window.id,
                clerk=op.ctx.actor.staff_id, started=started, now=now)
        return op.done_by_id("ticket_finish", ticket_id, {"state": state}, "ticket_finished")


@action(Perm.OPERATE_WINDOW)
def noshow(ctx: Ctx, number: int, reason: str = "多次呼叫未到") -> TicketInfo:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called")
        t.state, t.noshow_at, t.note = "no_show", op.uow.now, reason
        info = op.done("ticket_noshow", t, {"state": "called"}, "ticket_noshow", reason=reason)
        assert info is not None
        return info


@action(Perm.OPERATE_WINDOW)
def suspend(ctx: Ctx, number: int, reason: str) -> TicketInfo:
    """Materials missing: the ticket leaves the window and later comes back to it."""
    if not reason or not reason.strip():
        raise ValidationError("挂起须填写原因", field="reason")
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called", "serving")
        before = {"state": t.state}
        _record_service(op, t, "suspended")
        t.state, t.note, t.target_window = "suspended", reason.strip(), number
        t.started_at = None
        info = op.done("ticket_suspend", t, before, "ticket_suspended", reason=reason.strip())
        assert info is not None
        return info


@action(Perm.OPERATE_WINDOW)
def transfer(ctx: Ctx, number: int, *, to_queue: str | None = None,
             to_window: int | None = None, reason: str = "") -> TicketInfo:
    """Send the current ticket to another queue or window, keeping its place (take time)."""
    if not to_queue and to_window is None:
        raise ValidationError("请指定转移到的队列或窗口", field="to_queue")
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called", "serving")
        before = {"state": t.state, "queue_id": t.queue_id}
        queue = queue_by_code(op.s, op.hall, to_queue) if to_queue else op.s.get(Queue,
                                                                                 t.queue_id)
        assert queue is not None
        if to_window is not None:
            _check_window_serves(op, to_window, queue)
        require_no_other_waiting(op.s, t, queue.id)
        _record_service(op, t, "transferred")
        t.state, t.queue_id, t.transferred, t.target_window = "waiting", queue.id, True, to_window
        t.window_id, t.started_at, t.called_at = None, None, None
        t.note = reason or None
        info = op.done("ticket_transfer", t, before, "ticket_transferred",
                       to_queue=queue.code, to_window=to_window)
        assert info is not None
        return info


def _check_window_serves(op: _WindowOp, to_window: int, queue: Queue) -> None:
    target = window_by_number(op.s, op.hall, to_window)
    served = op.s.scalar(select(WorkProfileEntry.id).where(
        WorkProfileEntry.window_id == target.id, WorkProfileEntry.queue_id == queue.id))
    if served is None:
        raise ValidationError(f"{to_window} 号窗口不办理 {queue.name} 队列，无法转移",
                              field="to_window")


@action(Perm.OPERATE_WINDOW)
def pause(ctx: Ctx, number: int, reason: str) -> WindowState:
    if not reason or not reason.strip():
        raise ValidationError("暂停须填写原因", field="reason")
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        _require(op.window.state == "open", f"{number} 号窗口未开放，不能暂停", "window_closed")
        op.set_window(state="paused", state_reason=reason.strip(), state_since=op.uow.now)
        op.done("window_pause", None, {"state": "open"}, "window_changed", state="paused",
                reason=reason.strip())
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def resume(ctx: Ctx, number: int) -> WindowState:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        _require(op.window.state == "paused", f"{number} 号窗口未暂停", "window_not_paused")
        op.set_window(state="open", state_reason=None, state_since=op.uow.now)
        op.done("window_resume", None, {"state": "paused"}, "window_changed", state="open")
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def close_window(ctx: Ctx, number: int) -> WindowState:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        _require(open_ticket_at(op.s, op.window.id) is None,
                 f"{number} 号窗口还有未办结的号，请先处理", "window_busy")
        before = {"state": op.window.state}
        op.set_window(state="closed", state_reason=None, clerk_id=None,
                      state_since=op.uow.now)
        op.done("window_close", None, before, "window_changed", state="closed")
    return window_state(ctx, number)


@action(Perm.VIEW_HALL)
def window_state(ctx: Ctx, number: int) -> WindowState:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        w = window_by_number(uow.session, hall, number)
        t = open_ticket_at(uow.session, w.id)
        info = ticket_info(uow.session, t, with_position=False) if t else None
        return WindowState(w.number, w.name, w.state, w.state_reason, info)
