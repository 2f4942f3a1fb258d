"""The supervisor's board (值班长看板) and what the supervisor does from it.

* :func:`board`: every window (state, reason, who holds which ticket since when, idle since
  when), every queue (waiting, longest wait, estimate) and the alerts of
  :mod:`hallapp.services.alerts`, read at one instant;
* open / close / pause / resume any window (``CONTROL_WINDOW``). Opening from the board opens
  the counter without logging a clerk in, so the clerk who sits down can still take it;
* change a window's work profile. Decision: the change is the window's profile from now on
  — not undone by itself at the day close — and audited with the profile before and after,
  so it can be put back from the audit entry; the next call already follows it;
* move waiting tickets between queues (``MOVE_TICKETS``), keeping each ticket's place (its
  take time, ``order_at``) and marking it transferred, one audit entry per ticket;
* the work list of cases near or past their deadline. (差评 follow-ups are
  :func:`hallapp.services.ratings.list_followups`.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, select

from hallapp.core.errors import StateError, ValidationError
from hallapp.core.hallday import hall_day, hall_day_bounds
from hallapp.core.roles import Perm, Role
from hallapp.core.state_labels import WINDOW_STATE_LABELS
from hallapp.core.texts import required_reason
from hallapp.services import alerts
from hallapp.services.appointment_figures import AppointmentDay, day_counts
from hallapp.services.context import Ctx, action
from hallapp.services.day import QueueStatus, hall_status
from hallapp.services.hall import ProfileInfo, get_hall_row
from hallapp.services.queue_common import (
    held_at_window,
    open_ticket_at,
    queue_by_code,
    release_targeted,
    require_day_open,
    require_no_other_waiting,
    window_by_number,
)
from hallapp.services.queue_sql import closed_day_now
from hallapp.services.window_op import Holder, holder_facts
from hallapp.store.models import Queue, Staff, Ticket, Window, WorkProfileEntry
from hallapp.store.uow import UnitOfWork

PROFILE_MODES = ("precedence", "ratio")


@dataclass(frozen=True)
class BoardWindow:
    number: int
    name: str
    state: str  # open | paused | closed
    reason: str | None
    since: datetime | None
    clerk: str | None
    ticket: str | None  # the number only, as on the public screens
    ticket_state: str | None  # called | serving
    ticket_since: datetime | None  # called at, or service started at
    idle_since: datetime | None  # open, no ticket: since the last call ended
    profile_mode: str
    profile: tuple[ProfileInfo, ...]
    name_en: str | None = None  # shown instead of ``name`` on an English screen
    clerk_since: datetime | None = None  # the holder (``clerk``) took the window at
    clerk_user: str | None = None  # the holder's account


@dataclass(frozen=True)
class Board:
    hall_day: date
    now: datetime
    windows: tuple[BoardWindow, ...]
    queues: tuple[QueueStatus, ...]
    alerts: tuple[alerts.Alert, ...]
    # today's bookings by queue code (queues with none are left out)
    appointments: Mapping[str, AppointmentDay] = field(default_factory=dict)
    day_closed: bool = False  # 日终闭厅 done today: no tickets, no window opens
    # the active clerks (account, name), whom a window can be reassigned to
    clerks: tuple[tuple[str, str], ...] = ()


def _profiles(uow: UnitOfWork) -> dict[int, list[ProfileInfo]]:
    out: dict[int, list[ProfileInfo]] = {}
    for p, code in uow.session.execute(select(WorkProfileEntry, Queue.code).join(
            Queue, Queue.id == WorkProfileEntry.queue_id).order_by(
            WorkProfileEntry.precedence, WorkProfileEntry.id)):
        out.setdefault(p.window_id, []).append(ProfileInfo(code, p.precedence, p.ratio))
    return out


def _board_windows(uow: UnitOfWork, day_start: datetime) -> tuple[BoardWindow, ...]:
    s = uow.session
    held = {t.window_id: t for t in s.scalars(select(Ticket).where(
        held_at_window()))}
    names = {st.id: (st.name, st.username) for st in s.scalars(select(Staff))}
    profiles = _profiles(uow)
    out = []
    # Not a retired window (``window_admin``): it is never worked.
    for w in s.scalars(select(Window).where(Window.retired.is_(False)).order_by(Window.number)):
        t = held.get(w.id)
        idle = None
        if w.state == "open" and t is None:
            idle = alerts.last_activity(s, w, day_start)
        name, user = names.get(w.clerk_id, (None, None)) if w.clerk_id else (None, None)
        out.append(BoardWindow(
            w.number, w.name, w.state, w.state_reason, w.state_since, name,
            t.number if t else None, t.state if t else None,
            (t.started_at or t.called_at) if t else None, idle, w.profile_mode,
            tuple(profiles.get(w.id, ())), w.name_en, w.clerk_since if name else None, user))
    return tuple(out)


@action(Perm.VIEW_KPI)
def board(ctx: Ctx) -> Board:
    """The live board: windows, queues and alerts."""
    queues = hall_status(ctx).queues
    with ctx.uow(readonly=True) as uow:
        s, now = uow.session, uow.now
        hall = get_hall_row(s)
        day = hall_day(now, hall.timezone)
        day_start, day_end = hall_day_bounds(day, hall.timezone)
        windows = _board_windows(uow, day_start)
        found = alerts.hall_alerts(s, hall, day, day_start, now)
        booked = day_counts(s, day_start, day_end, now)
        closed = hall.closed_day == day
        clerks = tuple((u, n or u) for u, n in s.execute(
            select(Staff.username, Staff.name).where(
                Staff.role == Role.CLERK.value, Staff.active.is_(True))
            .order_by(Staff.username)))
    return Board(day, now, windows, queues, found, booked, closed, clerks)


# --- window control ------------------------------------------------------------------------


def _set_window(ctx: Ctx, number: int, to: str, *, allowed: tuple[str, ...],
                reason: str | None, action_name: str) -> BoardWindow:
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        w = window_by_number(s, hall, number, lock=True)
        if w.state not in allowed:
            now, wanted = WINDOW_STATE_LABELS[w.state], WINDOW_STATE_LABELS[to]
            raise StateError(f"{number} 号窗口当前为{now}，不能{wanted}",
                             code="window_state", state=w.state, number=number)
        if to == "open":
            require_day_open(hall, uow.now, closed_day_now(uow.raw, hall.id))
        if to == "closed" and open_ticket_at(s, w.id) is not None:
            raise StateError(f"{number} 号窗口还有未办结的号，请先处理", code="window_busy")
        before: dict[str, object] = {"state": w.state, "reason": w.state_reason}
        w.state, w.state_reason, w.state_since = to, reason, uow.now
        released = 0
        if to == "closed":  # who held it, as window_release records it
            held = s.get(Staff, w.clerk_id) if w.clerk_id is not None else None
            before |= holder_facts(None if held is None else
                                   Holder(held.username, held.name or "", w.clerk_since))
            w.clerk_id, w.clerk_since = None, None
            released = release_targeted(s, hall, number, uow.now)
        s.flush()
        uow.audit(action_name, "window", w.id, before=before,
                  after={"state": to, "reason": reason, "window": number, "by": "supervisor",
                         **({"released": released} if released else {})})
        uow.emit("window_changed", window=number, state=to, reason=reason)
        uow.commit()
    return _window_view(ctx, number)


@action(Perm.CONTROL_WINDOW)
def open_window(ctx: Ctx, number: int) -> BoardWindow:
    return _set_window(ctx, number, "open", allowed=("closed", "paused"), reason=None,
                       action_name="supervisor_window_open")


@action(Perm.CONTROL_WINDOW)
def close_window(ctx: Ctx, number: int) -> BoardWindow:
    return _set_window(ctx, number, "closed", allowed=("open", "paused"), reason=None,
                       action_name="supervisor_window_close")


@action(Perm.CONTROL_WINDOW)
def pause_window(ctx: Ctx, number: int, reason: str) -> BoardWindow:
    return _set_window(ctx, number, "paused", allowed=("open",),
                       reason=required_reason(reason, "暂停窗口"),
                       action_name="supervisor_window_pause")


@action(Perm.CONTROL_WINDOW)
def resume_window(ctx: Ctx, number: int) -> BoardWindow:
    return _set_window(ctx, number, "open", allowed=("paused",), reason=None,
                       action_name="supervisor_window_resume")


def _window_view(ctx: Ctx, number: int) -> BoardWindow:
    """The window as the board shows it, read after an action on it."""
    with ctx.uow(readonly=True) as uow:
        hall = get_hall_row(uow.session)
        start = hall_day_bounds(hall_day(uow.now, hall.timezone), hall.timezone)[0]
        return next(b for b in _board_windows(uow, start) if b.number == number)


@dataclass(frozen=True)
class ProfileEntryInput:
    queue: str
    precedence: int = 1
    ratio: int = 1


def _check_profile(entries: Sequence[ProfileEntryInput], mode: str) -> None:
    if mode not in PROFILE_MODES:
        raise ValidationError(f"叫号方式 {mode!r} 无效，应为 precedence 或 ratio", field="mode",
                              code="profile_mode")
    if not entries:
        raise ValidationError("工作配置至少须包含一个队列", field="profile", code="profile_empty")
    codes = [e.queue.strip().upper() for e in entries]
    if len(set(codes)) != len(codes):
        raise ValidationError("工作配置中队列重复", field="profile", code="profile_duplicate")
    for e in entries:
        if e.precedence < 1 or e.ratio < 1:
            raise ValidationError(f"队列 {e.queue} 的优先级和比例须为正整数", field="profile",
                                  code="profile_ratio", queue=e.queue)


@action(Perm.CONTROL_WINDOW)
def change_profile(ctx: Ctx, number: int, entries: Sequence[ProfileEntryInput], *,
                   mode: str | None = None, reason: str) -> BoardWindow:
    """Replace the queues a window serves (and how); the next call follows the new profile."""
    why = required_reason(reason, "调整工作配置")
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        w = window_by_number(s, hall, number, lock=True)
        new_mode = mode or w.profile_mode
        _check_profile(entries, new_mode)
        # A deactivated queue too: its waiting tickets are still called (``queue_admin``).
        queues = [(queue_by_code(s, hall, e.queue, inactive_ok=True), e) for e in entries]
        before = {"mode": w.profile_mode, "profile": [
            {"queue": p.queue, "precedence": p.precedence, "ratio": p.ratio}
            for p in _profiles(uow).get(w.id, [])]}
        s.execute(delete(WorkProfileEntry).where(WorkProfileEntry.window_id == w.id))
        for q, e in queues:
            s.add(WorkProfileEntry(window_id=w.id, queue_id=q.id, precedence=e.precedence,
                                   ratio=e.ratio))
        w.profile_mode = new_mode
        s.flush()
        after = {"mode": new_mode, "reason": why, "profile": [
            {"queue": q.code, "precedence": e.precedence, "ratio": e.ratio} for q, e in queues]}
        uow.audit("window_profile_change", "window", w.id, before=before, after=after)
        uow.emit("window_changed", window=number, state=w.state, profile=True)
        uow.commit()
    return _window_view(ctx, number)


# --- moving tickets ------------------------------------------------------------------------


@dataclass(frozen=True)
class MoveResult:
    from_queue: str
    to_queue: str
    moved: tuple[str, ...]  # ticket numbers, in their call order


@action(Perm.MOVE_TICKETS)
def move_tickets(ctx: Ctx, from_queue: str, to_queue: str, numbers: Sequence[str] = (), *,
                 count: int | None = None, reason: str) -> MoveResult:
    """Move waiting tickets (the given numbers, else the first ``count``, else all) to
    another queue. Each keeps its take time, so it is called at its original place."""
    why = required_reason(reason, "转移号码")
    with ctx.uow() as uow:
        s = uow.session
        hall = get_hall_row(s)
        # Out of a deactivated queue, not into one (``queue_admin``).
        src = queue_by_code(s, hall, from_queue, inactive_ok=True)
        dst = queue_by_code(s, hall, to_queue)
        if src.id == dst.id:
            raise ValidationError("转出和转入队列相同", field="to_queue", code="same_queue")
        stmt = select(Ticket).where(
            Ticket.queue_id == src.id, Ticket.state == "waiting",
            Ticket.hall_day == hall_day(uow.now, hall.timezone)).order_by(
            Ticket.order_at, Ticket.id).with_for_update()
        wanted = {n.strip().upper() for n in numbers}
        chosen = [t for t in s.scalars(stmt) if not wanted or t.number in wanted]
        missing = wanted - {t.number for t in chosen}
        if missing:
            raise StateError(f"号码 {'、'.join(sorted(missing))} 不在 {src.code} 队列等候中",
                             code="not_waiting_in_queue", numbers=", ".join(sorted(missing)),
                             queue=src.code)
        chosen = chosen[:count] if count is not None and not wanted else chosen
        for t in chosen:
            require_no_other_waiting(s, t, dst.id)
            t.queue_id, t.transferred, t.target_window = dst.id, True, None
            uow.audit("ticket_move", "ticket", t.id, before={"queue": src.code},
                      after={"queue": dst.code, "number": t.number, "reason": why})
        s.flush()
        moved = tuple(t.number for t in chosen)
        uow.emit("ticket_moved", from_queue=src.code, to_queue=dst.code, tickets=list(moved))
        uow.commit()
    return MoveResult(src.code, dst.code, moved)
