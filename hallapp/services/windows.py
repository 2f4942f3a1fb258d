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

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hallapp.core.errors import (
    EmptyQueue,
    PermissionDenied,
    StateError,
    ValidationError,
    WindowPaused,
)
from hallapp.core.queue_rules import (
    CallDecision,
    CallHistory,
    ProfileEntry,
    choose_next,
    next_history,
)
from hallapp.core.roles import Perm, Role
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import (
    TicketInfo,
    call_settings,
    candidate,
    open_ticket_at,
    queue_by_code,
    require_no_other_waiting,
    ticket_by_ref,
    ticket_info,
    today,
    window_by_number,
)
from hallapp.store.models import Hall, Queue, ServiceRecord, Ticket, Window, WorkProfileEntry
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


class _WindowOp:
    """Opens the unit of work, loads hall and (locked) window, checks who may act on it."""

    def __init__(self, ctx: Ctx, number: int) -> None:
        self.ctx, self.number = ctx, number

    def __enter__(self) -> _WindowOp:
        self.uow: UnitOfWork = self.ctx.uow().__enter__()
        s = self.uow.session
        self.hall: Hall = get_hall_row(s)
        self.window: Window = window_by_number(s, self.hall, self.number, lock=True)
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
        t = open_ticket_at(self.s, self.window)
        if t is None or (states and t.state not in states):
            wanted = "/".join(states) if states else "called/serving"
            raise StateError(f"{self.number} 号窗口当前没有{_STATE_ZH.get(wanted, '')}的号",
                             code="no_current_ticket")
        return t

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


_STATE_ZH = {"called": "已叫", "serving": "正在办理", "called/serving": "已叫或正在办理"}


@action(Perm.OPERATE_WINDOW)
def open_window(ctx: Ctx, number: int) -> WindowState:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        before = {"state": op.window.state}
        op.window.state, op.window.state_reason = "open", None
        op.window.state_since, op.window.clerk_id = op.uow.now, ctx.actor.staff_id
        op.done("window_open", None, before, "window_changed", state="open")
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def call_next(ctx: Ctx, number: int) -> TicketInfo:
    for _ in range(CLAIM_ATTEMPTS):
        with _WindowOp(ctx, number) as op:
            op.require_operator()
            op.require_open()
            _require(open_ticket_at(op.s, op.window) is None,
                     f"{number} 号窗口还有未办结的号，请先办结、过号或挂起", "window_busy")
            claimed = _choose_and_claim(op)
            if claimed is None:
                continue  # other windows took every ticket we saw: read the queues again
            decision, ticket = claimed
            history = next_history(CallHistory(tuple(op.window.call_history or ()),
                                               op.window.consecutive_priority), decision)
            op.window.call_history = list(history.recent_queues)
            op.window.consecutive_priority = history.consecutive_priority
            info = op.done("ticket_call", ticket, {"state": "waiting"}, "ticket_called",
                           rule=decision.reason)
            assert info is not None
            return info
    raise StateError("叫号冲突过多，请重试", code="call_contention")


def _profile(s: Session, window: Window) -> tuple[list[ProfileEntry], dict[int, str]]:
    rows = s.execute(select(WorkProfileEntry, Queue.code).join(
        Queue, Queue.id == WorkProfileEntry.queue_id).where(
        WorkProfileEntry.window_id == window.id, Queue.active.is_(True))
        .order_by(WorkProfileEntry.precedence, WorkProfileEntry.id)).all()
    return ([ProfileEntry(code, p.precedence, p.ratio) for p, code in rows],
            {p.queue_id: code for p, code in rows})


def _choose_and_claim(op: _WindowOp) -> tuple[CallDecision, Ticket] | None:
    """Choose by the rules and claim; a ticket that another window is claiming right now
    or has just claimed is left out and the choice made again in the same transaction.

    Without this, every window read the same head of the queue, all but one blocked on its
    row lock until the winner committed, then started over: with 16 windows on PostgreSQL
    calls failed with "叫号冲突过多" after five rounds.
    """
    profile, codes, cands = _candidates(op)
    history = CallHistory(tuple(op.window.call_history or ()), op.window.consecutive_priority)
    dropped = False
    while True:
        decision = choose_next(profile, op.window.profile_mode,
                               [candidate(t, codes[t.queue_id]) for t in cands.values()],
                               op.window.number, op.uow.now, history, call_settings(op.hall))
        if decision is None:
            if dropped:
                return None  # the heads we read were all taken; more may wait behind them
            raise EmptyQueue(f"{op.number} 号窗口服务的队列暂无等候")
        ticket = _claim(op, decision.candidate.ticket_id)
        if ticket is not None:
            return decision, ticket
        del cands[decision.candidate.ticket_id]
        dropped = True


def _candidates(op: _WindowOp) -> tuple[list[ProfileEntry], dict[int, str], dict[int, Ticket]]:
    profile, codes = _profile(op.s, op.window)
    cands: dict[int, Ticket] = {}
    if not profile:
        return profile, codes, cands
    day = today(op.hall, op.uow.now)
    base = select(Ticket).where(Ticket.hall_day == day, Ticket.state == "waiting",
                                (Ticket.target_window.is_(None)) |
                                (Ticket.target_window == op.window.number))
    for queue_id in codes:
        q = base.where(Ticket.queue_id == queue_id)
        head = q.order_by(Ticket.priority.is_(None), Ticket.appointment.is_(False),
                          Ticket.order_at, Ticket.id).limit(HEAD_PER_QUEUE)
        oldest = q.where(Ticket.priority.is_(None), Ticket.appointment.is_(False)).order_by(
            Ticket.order_at, Ticket.id).limit(1)
        for t in [*op.s.scalars(head), *op.s.scalars(oldest)]:
            cands[t.id] = t
    targeted = op.s.scalars(base.where(Ticket.target_window == op.window.number,
                                       Ticket.queue_id.in_(codes))).all()
    cands.update({t.id: t for t in targeted})
    return profile, codes, cands


def _claim(op: _WindowOp, ticket_id: int) -> Ticket | None:
    """Claim a waiting ticket; None if it is no longer waiting or another window holds its
    row lock (claiming it now): SKIP LOCKED answers at once instead of waiting for that
    window's commit. SQLite has no row locks; its write lock already excludes other windows.
    """
    now = op.uow.now
    free = op.s.scalar(select(Ticket.id).where(Ticket.id == ticket_id, Ticket.state == "waiting")
                       .with_for_update(skip_locked=True))
    if free is None:
        return None
    result = op.s.execute(
        update(Ticket).where(Ticket.id == ticket_id, Ticket.state == "waiting")
        .values(state="called", window_id=op.window.id, clerk_id=op.ctx.actor.staff_id,
                called_at=now, call_count=Ticket.call_count + 1, target_window=None)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    ticket = op.s.get(Ticket, ticket_id, populate_existing=True)
    assert ticket is not None
    if ticket.first_called_at is None:
        ticket.first_called_at = now
    return ticket


@action(Perm.CALL_OUT_OF_ORDER)
def call_ticket(ctx: Ctx, number: int, ref: str | int, reason: str) -> TicketInfo:
    """Call a chosen waiting ticket out of order; the reason is required and audited."""
    if not reason or not reason.strip():
        raise ValidationError("指定叫号须填写原因", field="reason")
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        op.require_open()
        _require(open_ticket_at(op.s, op.window) is None,
                 f"{number} 号窗口还有未办结的号，请先办结、过号或挂起", "window_busy")
        target = ticket_by_ref(op.s, op.hall, ref, today(op.hall, op.uow.now))
        _require(target.state == "waiting", f"号码 {target.number} 不在等候中", "not_waiting")
        ticket = _claim(op, target.id)
        _require(ticket is not None, f"号码 {target.number} 已被其他窗口叫走", "already_called")
        info = op.done("ticket_call_chosen", ticket, {"state": "waiting"}, "ticket_called",
                       rule="chosen", reason=reason.strip())
        assert info is not None
        return info


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


@action(Perm.OPERATE_WINDOW)
def finish(ctx: Ctx, number: int) -> TicketInfo:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called", "serving")
        before = {"state": t.state}
        if t.started_at is None:  # finished straight from the call: a zero-length start
            t.started_at = op.uow.now
        t.state, t.finished_at, t.closed_at = "done", op.uow.now, op.uow.now
        _record_service(op, t, "done")
        info = op.done("ticket_finish", t, before, "ticket_finished")
        assert info is not None
        return info


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
        op.window.state, op.window.state_reason = "paused", reason.strip()
        op.window.state_since = op.uow.now
        op.done("window_pause", None, {"state": "open"}, "window_changed", state="paused",
                reason=reason.strip())
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def resume(ctx: Ctx, number: int) -> WindowState:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        _require(op.window.state == "paused", f"{number} 号窗口未暂停", "window_not_paused")
        op.window.state, op.window.state_reason = "open", None
        op.window.state_since = op.uow.now
        op.done("window_resume", None, {"state": "paused"}, "window_changed", state="open")
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def close_window(ctx: Ctx, number: int) -> WindowState:
    with _WindowOp(ctx, number) as op:
        op.require_operator()
        _require(open_ticket_at(op.s, op.window) is None,
                 f"{number} 号窗口还有未办结的号，请先处理", "window_busy")
        before = {"state": op.window.state}
        op.window.state, op.window.state_reason, op.window.clerk_id = "closed", None, None
        op.window.state_since = op.uow.now
        op.done("window_close", None, before, "window_changed", state="closed")
    return window_state(ctx, number)


@action(Perm.VIEW_HALL)
def window_state(ctx: Ctx, number: int) -> WindowState:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        w = window_by_number(uow.session, hall, number)
        t = open_ticket_at(uow.session, w)
        info = ticket_info(uow.session, t, with_position=False) if t else None
        return WindowState(w.number, w.name, w.state, w.state_reason, info)
