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

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from hallapp.core.errors import EmptyQueue, StateError, ValidationError
from hallapp.core.queue_rules import CallHistory, next_history
from hallapp.core.roles import Perm, Role
from hallapp.core.texts import optional_reason, required_reason
from hallapp.services.batching import batchable
from hallapp.services.calling import choose_and_claim, claim
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import (
    TicketInfo,
    open_ticket_at,
    queue_by_code,
    release_targeted,
    require_day_open,
    require_no_other_waiting,
    shown,
    ticket_by_ref,
    ticket_info,
    today,
    window_by_number,
)
from hallapp.services.queue_sql import TICKET_ROW_RETURNING, closed_day_now, record_service
from hallapp.services.window_op import WindowOp, require
from hallapp.store.models import Queue, ServiceRecord, Staff, Ticket, WorkProfileEntry
from hallapp.store.rawsql import Row

CLAIM_ATTEMPTS = 5


@dataclass(frozen=True)
class WindowState:
    number: int
    name: str
    state: str
    reason: str | None
    ticket: TicketInfo | None
    name_en: str | None = None  # shown instead of ``name`` on an English screen
    # Who holds the window (opened or claimed it and works it; ``window_holder``): display
    # name, account, since when. Staff names are not applicants' data: shown in full.
    holder: str | None = None
    holder_user: str | None = None
    holder_since: datetime | None = None
    retired: bool = False  # no longer used (``window_admin``): nobody works it, nor rates it
    # The hall's day is closed (日终闭厅): no window opens until the supervisor reopens it
    # (``require_day_open``), so the counter does not offer 开窗 only to have it refused.
    day_closed: bool = False


@action(Perm.OPERATE_WINDOW)
def open_window(ctx: Ctx, number: int) -> WindowState:
    with WindowOp(ctx, number) as op:
        op.require_opener()
        require_day_open(op.hall, op.uow.now, closed_day_now(op.raw, op.hall.id))
        before = {"state": op.window.state}
        # A clerk opening a window works it; a supervisor or admin opens it as the board does,
        # for the first clerk to act there (``require_operator``), keeping a clerk who holds
        # it already — taking it themselves locked every clerk out of it for the day.
        clerk = ctx.actor.staff_id if ctx.actor.role is Role.CLERK else op.window.clerk_id
        # A clerk sitting down at a window left open with nobody at it (opened by the
        # supervisor, freed, released) claims it as acting there does: a ticket called there
        # passes to them, audited (``window_claim``); it kept the supervisor as its clerk.
        claims = (ctx.actor.role is Role.CLERK and op.window.clerk_id is None
                  and op.window.state != "closed")
        op.set_window(state="open", state_reason=None, state_since=op.uow.now)
        if claims:
            op.claim(clerk, ctx.actor.username)
        else:
            op.hold(clerk)
        op.done("window_open", None, before, "window_changed", state="open")
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def call_next(ctx: Ctx, number: int) -> TicketInfo:
    return shown(_call_next_row(ctx, number))


@batchable
@action(Perm.OPERATE_WINDOW)
def _call_next_row(ctx: Ctx, number: int) -> Row:
    """``call_next`` up to the called ticket's stored row (in the batch writer when there is
    one; the caller makes the view)."""
    _, called = _call_next(ctx, number, finish_current=False)
    assert called is not None  # without a finish, an empty line is refused (EmptyQueue)
    return called


@dataclass(frozen=True)
class NextCall:
    """What the "finish and call next" key did: the ticket it finished (None: the window
    held none) and the one it called (None: nobody waits, the finish stands)."""

    finished: TicketInfo | None
    called: TicketInfo | None


@action(Perm.OPERATE_WINDOW)
def finish_and_call_next(ctx: Ctx, number: int) -> NextCall:
    """The pager's "next" key (办结并叫号): finish the window's open ticket, as ``finish``
    does, and call the next by the work profile, in one transaction — one click and one
    commit where a clerk otherwise needs two. A window holding no ticket just calls; an
    empty line leaves the finish done and nobody called (``EmptyQueue`` only when there was
    nothing to finish either)."""
    finished, called = _finish_and_call_next_rows(ctx, number)
    return NextCall(None if finished is None else shown(finished),
                    None if called is None else shown(called))


@batchable
@action(Perm.OPERATE_WINDOW)
def _finish_and_call_next_rows(ctx: Ctx, number: int) -> tuple[Row | None, Row | None]:
    return _call_next(ctx, number, finish_current=True)


def _call_next(ctx: Ctx, number: int, *, finish_current: bool
               ) -> tuple[Row | None, Row | None]:
    """The stored rows of the ticket finished (if ``finish_current``) and the one called."""
    wait = False
    for _ in range(CLAIM_ATTEMPTS):
        with WindowOp(ctx, number) as op:
            op.require_operator()
            op.require_open()
            if finish_current:
                finished = _finish_open(op)
            else:
                finished = None
                require(op.open_ticket_id() is None,
                         f"{number} 号窗口还有未办结的号，请先办结、过号或挂起", "window_busy")
            try:
                claimed = choose_and_claim(op, wait=wait)
            except EmptyQueue:
                if finished is None:
                    raise
                op.uow.commit()
                return finished, None
            if claimed is None:
                # Other windows were claiming every ticket we saw. Read the queues again, and
                # this time wait for their claims to end: retrying at once only met the same
                # uncommitted claims, and when many windows raced for a queue's last tickets
                # they gave up with "叫号冲突过多" instead of calling or finding it empty.
                # (Leaving the unit of work uncommitted undoes a finish made in it too.)
                wait = True
                continue
            decision, row = claimed
            history = next_history(CallHistory(tuple(op.window.call_history or ()),
                                               op.window.consecutive_priority), decision)
            op.set_window(call_history=list(history.recent_queues),
                          consecutive_priority=history.consecutive_priority)
            return finished, op.done_with_row("ticket_call", row, {"state": "waiting"},
                                              "ticket_called", rule=decision.reason)
    raise StateError("叫号冲突过多，请重试", code="call_contention")


@action(Perm.CALL_OUT_OF_ORDER)
def call_ticket(ctx: Ctx, number: int, ref: str | int, reason: str) -> TicketInfo:
    """Call a chosen waiting ticket out of order; the reason is required and audited."""
    reason = required_reason(reason, "指定叫号")
    with WindowOp(ctx, number) as op:
        op.require_operator()
        op.require_open()
        require(open_ticket_at(op.s, op.window.id) is None,
                 f"{number} 号窗口还有未办结的号，请先办结、过号或挂起", "window_busy")
        target = ticket_by_ref(op.s, op.hall, ref, today(op.hall, op.uow.now))
        require(target.state == "waiting", f"号码 {target.number} 不在等候中", "not_waiting")
        # A ticket of a queue this window does not serve would, if suspended here, come
        # back for a window that can never call it: refused, as a transfer here would be.
        queue = op.s.get(Queue, target.queue_id)
        assert queue is not None
        if not _serves(op, op.window.id, queue):
            raise ValidationError(f"{number} 号窗口不办理 {queue.name} 队列，不能指定叫号",
                                  field="ticket", code="call_not_served", window=number,
                                  queue=queue.code)
        row = claim(op, target.id)
        require(row is not None, f"号码 {target.number} 已被其他窗口叫走",
                 "already_called", number=target.number)
        assert row is not None
        return shown(op.done_with_row("ticket_call_chosen", row, {"state": "waiting"},
                                      "ticket_called", rule="chosen", reason=reason))


@action(Perm.OPERATE_WINDOW)
def recall(ctx: Ctx, number: int) -> TicketInfo:
    with WindowOp(ctx, number) as op:
        op.require_operator()
        op.require_open()  # paused: a recall would announce a call from a window that is away
        t = op.current("called")
        limit = int(op.hall.settings.get("recall_max", 3))
        require(t.recalls < limit,
                 f"号码 {t.number} 已重呼 {t.recalls} 次，达到上限，请按过号处理",
                 "recall_limit", number=t.number, recalls=t.recalls)
        t.recalls += 1
        t.called_at = op.uow.now
        info = op.done("ticket_recall", t, {"recalls": t.recalls - 1}, "ticket_recalled",
                       recalls=t.recalls)
        assert info is not None
        return info


@action(Perm.OPERATE_WINDOW)
def start(ctx: Ctx, number: int) -> TicketInfo:
    with WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called")
        t.state, t.started_at = "serving", op.uow.now
        info = op.done("ticket_start", t, {"state": "called"}, "ticket_started")
        assert info is not None
        return info


def _record_service(op: WindowOp, t: Ticket, outcome: str) -> None:
    if t.started_at is None:
        return
    op.s.add(ServiceRecord(ticket_id=t.id, queue_id=t.queue_id, window_id=op.window.id,
                           clerk_id=op.worker_id(), started_at=t.started_at,
                           finished_at=op.uow.now, outcome=outcome))


_FINISH = ("UPDATE ticket SET state = 'done', started_at = :started, finished_at = :now, "
           "closed_at = :now WHERE id = :id" + TICKET_ROW_RETURNING)


@action(Perm.OPERATE_WINDOW)
def finish(ctx: Ctx, number: int) -> TicketInfo:
    """Done. Finished straight from the call, the service has a zero-length start."""
    return shown(_finish_row(ctx, number))


@batchable
@action(Perm.OPERATE_WINDOW)
def _finish_row(ctx: Ctx, number: int) -> Row:
    with WindowOp(ctx, number) as op:
        op.require_operator()
        row = _finish_open(op, required=True)
        assert row is not None
        op.uow.commit()
        return row


def _finish_open(op: WindowOp, *, required: bool = False) -> Row | None:
    """Finish the window's called or serving ticket (not committed): its stored row; None if
    the window holds none (refused instead when ``required``)."""
    row = op.current_row("called", "serving") if required else op.open_row()
    if row is None:
        return None
    ticket_id, state, started_at, queue_id = row
    raw, now = op.raw, op.raw.at(op.uow.now)
    started = now if started_at is None else started_at  # as stored: same type
    finished = raw.row(_FINISH, id=ticket_id, started=started, now=now)
    assert finished is not None  # the open ticket just read, under the window's lock
    record_service(raw, ticket=ticket_id, queue=queue_id, window=op.window.id,
                   clerk=op.worker_id(), started=started, now=now)
    return op.done_with_row("ticket_finish", finished, {"state": state}, "ticket_finished",
                            commit=False)


@action(Perm.OPERATE_WINDOW)
def noshow(ctx: Ctx, number: int, reason: str = "多次呼叫未到") -> TicketInfo:
    reason = required_reason(reason, "过号")
    with WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called")
        t.state, t.noshow_at, t.note = "no_show", op.uow.now, reason
        info = op.done("ticket_noshow", t, {"state": "called"}, "ticket_noshow", reason=reason)
        assert info is not None
        return info


@action(Perm.OPERATE_WINDOW)
def suspend(ctx: Ctx, number: int, reason: str) -> TicketInfo:
    """Materials missing: the ticket leaves the window and later comes back to it."""
    reason = required_reason(reason, "挂起")
    with WindowOp(ctx, number) as op:
        op.require_operator()
        t = op.current("called", "serving")
        before = {"state": t.state}
        _record_service(op, t, "suspended")
        t.state, t.note, t.target_window = "suspended", reason, number
        t.started_at = None
        info = op.done("ticket_suspend", t, before, "ticket_suspended", reason=reason)
        assert info is not None
        return info


@action(Perm.OPERATE_WINDOW)
def transfer(ctx: Ctx, number: int, *, to_queue: str | None = None,
             to_window: int | None = None, reason: str = "") -> TicketInfo:
    """Send the current ticket to another queue or window, keeping its place (take time)."""
    if not to_queue and to_window is None:
        raise ValidationError("请指定转移到的队列或窗口", field="to_queue",
                              code="transfer_target")
    note = optional_reason(reason)
    with WindowOp(ctx, number) as op:
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
        t.note = note
        info = op.done("ticket_transfer", t, before, "ticket_transferred",
                       to_queue=queue.code, to_window=to_window)
        assert info is not None
        return info


def _check_window_serves(op: WindowOp, to_window: int, queue: Queue) -> None:
    target = window_by_number(op.s, op.hall, to_window)
    if not _serves(op, target.id, queue):
        raise ValidationError(f"{to_window} 号窗口不办理 {queue.name} 队列，无法转移",
                              field="to_window", code="window_not_serving", window=to_window,
                              queue=queue.code)
    # Sent to a closed window, the applicant would wait for a call that never comes.
    if target.state == "closed":
        raise StateError(f"{to_window} 号窗口未开放，不能转到该窗口", code="target_window_closed",
                         window=to_window)


def _serves(op: WindowOp, window_id: int, queue: Queue) -> bool:
    return op.s.scalar(select(WorkProfileEntry.id).where(
        WorkProfileEntry.window_id == window_id, WorkProfileEntry.queue_id == queue.id)) \
        is not None


@action(Perm.OPERATE_WINDOW)
def pause(ctx: Ctx, number: int, reason: str) -> WindowState:
    reason = required_reason(reason, "暂停")
    with WindowOp(ctx, number) as op:
        op.require_operator()
        require(op.window.state == "open", f"{number} 号窗口未开放，不能暂停", "window_closed")
        op.set_window(state="paused", state_reason=reason, state_since=op.uow.now)
        op.done("window_pause", None, {"state": "open"}, "window_changed", state="paused",
                reason=reason)
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def resume(ctx: Ctx, number: int) -> WindowState:
    with WindowOp(ctx, number) as op:
        op.require_operator()
        require(op.window.state == "paused", f"{number} 号窗口未暂停", "window_not_paused")
        op.set_window(state="open", state_reason=None, state_since=op.uow.now)
        op.done("window_resume", None, {"state": "paused"}, "window_changed", state="open")
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def close_window(ctx: Ctx, number: int) -> WindowState:
    with WindowOp(ctx, number) as op:
        op.require_operator()
        require(open_ticket_at(op.s, op.window.id) is None,
                 f"{number} 号窗口还有未办结的号，请先处理", "window_busy")
        # who held it, as window_release records it: a supervisor may close a clerk's window
        before = {"state": op.window.state, **op.holder_facts()}
        op.set_window(state="closed", state_reason=None, state_since=op.uow.now)
        op.hold(None)
        released = release_targeted(op.s, op.hall, number, op.uow.now)
        op.done("window_close", None, before, "window_changed", state="closed",
                released=released)
    return window_state(ctx, number)


@action(Perm.VIEW_HALL)
def window_state(ctx: Ctx, number: int) -> WindowState:
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        w = window_by_number(uow.session, hall, number)
        t = open_ticket_at(uow.session, w.id)
        info = ticket_info(uow.session, t, None, with_position=False) if t else None
        holder = uow.session.get(Staff, w.clerk_id) if w.clerk_id is not None else None
        return WindowState(w.number, w.name, w.state, w.state_reason, info, w.name_en,
                           (holder.name or holder.username) if holder else None,
                           holder.username if holder else None,
                           w.clerk_since if holder else None, w.retired,
                           hall.closed_day == today(hall, uow.now))
