"""Who holds a window, and taking it over.

A window's holder is the clerk who opened it or, at a window the supervisor opened, the
first clerk who acted there (``window_op.WindowOp.require_operator``); only the holder
works it (every other clerk is refused, ``not_your_window``) until it is closed. A holder
who left without closing it (logged out, their terminal crashed, went home) kept every
other clerk out of it for the rest of the day. Now:

* :func:`claim_window` — a clerk takes over a window. The rule: an open or paused window
  nobody holds is claimed at once; one another clerk holds is taken over only
  - when the clerk names the holder they take it from (``replacing``: the counter's
    confirmation, the CLI's ``--replacing``). Named wrong — another clerk took it
    meanwhile — it is refused (``window_held``), so of two clerks taking the same window at
    once exactly one wins, the other is told who;
  - and when no ticket is called or in service there: the holder's applicant may be at the
    counter, and their case half taken in; that window only the supervisor reassigns.
  A closed window is opened instead (opening takes it).
* :func:`assign_window` — the supervisor reassigns a window to a clerk, or frees it
  (nobody: the next clerk to act there takes it), whatever the window holds: a ticket in
  service stays at the window and passes to the new holder, who becomes its clerk
  (``ticket.clerk_id``, as on its service record). A reason is required.
* :func:`release_window` — the holder leaves the window without closing it (a break, a
  hand-over): it stays open, or paused, with nobody holding it, for the next clerk to claim.
  Refused while a ticket is called or in service there (``release_in_service``: finish,
  transfer, suspend or pass it first), and to a clerk who does not hold it.
* :func:`free_windows_of` — an account disabled or no longer a clerk lets go of its window
  (one with a ticket in service stays held until the supervisor reassigns it).

A clerk works one window at a time: opening, claiming or taking over a window, or being
assigned one, while holding another is refused naming it (``clerk_holds_window``) — the
clerk first closes it (a window with a ticket in service is finished first), or the
supervisor frees or reassigns it. A window is not let go of silently: left open with nobody
at it, the board would show it staffed and its line waiting for no one. A partial unique
index on the holder (``ix_window_clerk``) makes it a database fact: of two windows one clerk
takes at the same moment on PostgreSQL, the second is refused too (``clerk_took_window``).

Both lock the window row (``WindowOp``) and change the holder by a conditional update
(``… WHERE clerk_id = <the holder read>``); both are audited with the holder before and
after, and announced (``window_changed``) so the counters and the board show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from hallapp.core.errors import NotFound, StateError, WindowHeld
from hallapp.core.roles import Perm, Role
from hallapp.core.texts import optional_reason, required_reason
from hallapp.services.context import Ctx, action
from hallapp.services.queue_common import open_ticket_at
from hallapp.services.window_op import Holder, WindowOp, holder_facts, require
from hallapp.services.windows import WindowState, window_state
from hallapp.store.models import Staff, Window
from hallapp.store.uow import UnitOfWork

_TAKE = ('UPDATE "window" SET clerk_id = :new, clerk_since = :now '
         'WHERE id = :id AND clerk_id {held}')


@action(Perm.OPERATE_WINDOW)
def claim_window(ctx: Ctx, number: int, *, replacing: str | None = None) -> WindowState:
    """The clerk takes window ``number`` (see the module's rule); ``replacing`` names the
    account of the clerk who holds it now, as the clerk saw it."""
    if ctx.actor.role is not Role.CLERK:
        # not a permission (they act at any window): nothing to take
        raise StateError("只有窗口工作人员接手窗口；值班长请在看板上改派",
                         code="claim_not_clerk")
    with WindowOp(ctx, number) as op:
        w = op.window
        require(w.state != "closed", f"{number} 号窗口未开放，请直接开窗", "window_closed")
        if w.clerk_id == ctx.actor.staff_id:
            return _state_after(ctx, op, number)  # already theirs: nothing to do
        if w.clerk_id is None:  # a ticket left in service there passes on too
            op.claim(ctx.actor.staff_id, ctx.actor.username)
            return _state_after(ctx, op, number)
        before = op.holder()
        _check_takeover(op, before, replacing)
        _take(op, ctx.actor.staff_id, before)
        op.uow.audit("window_takeover", "window", w.id, before=holder_facts(before),
                     after={"window": number, "clerk": ctx.actor.username})
        op.uow.emit("window_changed", window=number, state=w.state, holder=ctx.actor.username)
        op.uow.commit()
    return window_state(ctx, number)


@action(Perm.OPERATE_WINDOW)
def release_window(ctx: Ctx, number: int, reason: str = "") -> WindowState:
    """The clerk who holds window ``number`` leaves it without closing it (a break, a
    hand-over at lunch): it stays open (or paused, as it was) and nobody holds it, for the
    next clerk to claim (or act there) or the supervisor to assign. Refused while a ticket
    is called or in service there (``release_in_service``): finish, transfer, suspend or
    pass it first — left behind, it would wait for no one. Only the holder releases a
    window (``release_not_holder``); a supervisor may too (an administrator, without
    OPERATE_WINDOW, frees one with ``assign_window``, which does so even with a ticket).
    Audited (``window_release``) and announced."""
    why = optional_reason(reason)
    with WindowOp(ctx, number) as op:
        w = op.window
        require(w.state != "closed", f"{number} 号窗口未开放", "window_closed")
        require(w.clerk_id is not None, f"{number} 号窗口当前无人使用，无需离开",
                "release_unheld", window=number)
        holder = op.holder()
        if ctx.actor.role is Role.CLERK and w.clerk_id != ctx.actor.staff_id:
            raise WindowHeld(f"{number} 号窗口由 {holder.name} 使用中：只有本人或值班长可以"
                             "让出该窗口", code="release_not_holder", window=number,
                             holder=holder.name, holder_user=holder.username)
        ticket = op.open_row()
        if ticket is not None:
            shown = op.raw.value("SELECT number FROM ticket WHERE id = :id", id=ticket[0])
            raise StateError(f"{number} 号窗口正在办理 {shown}：请先办结、转移、挂起或过号，"
                             "再离开窗口", code="release_in_service", window=number,
                             ticket=shown)
        _take(op, None, holder)
        op.uow.audit("window_release", "window", w.id, before=holder_facts(holder),
                     after={"window": number, "clerk": None, "state": w.state}
                     | ({"reason": why} if why else {}))
        op.uow.emit("window_changed", window=number, state=w.state, holder=None)
        op.uow.commit()
    return window_state(ctx, number)


def _check_takeover(op: WindowOp, holder: Holder, replacing: str | None) -> None:
    number = op.number
    if replacing is None or replacing.strip().lower() != holder.username.lower():
        raise WindowHeld(f"{number} 号窗口由 {holder.name}（{holder.username}）使用中；"
                         "确认对方已离开后，指明接手自该工作人员", code="window_held",
                         window=number, holder=holder.name, holder_user=holder.username)
    ticket = op.open_row()
    if ticket is not None:
        shown = op.raw.value("SELECT number FROM ticket WHERE id = :id", id=ticket[0])
        raise StateError(f"{number} 号窗口正在办理 {shown}，不能接手：请 {holder.name} 办结，"
                         "或请值班长改派", code="window_in_service", window=number,
                         ticket=shown, holder=holder.name)


def _take(op: WindowOp, clerk_id: int | None, before: Holder | None) -> None:
    """The holder changed by a conditional update on the holder read: with the row locked
    it cannot miss, and if it ever did the action is refused rather than two clerks held."""
    held = "IS NULL" if op.window.clerk_id is None else "= :old"
    with op.one_window(clerk_id):  # one window at a time
        changed = op.raw.run(_TAKE.format(held=held), new=clerk_id, old=op.window.clerk_id,
                             id=op.window.id, now=op.raw.at(op.uow.now if clerk_id else None))
    if changed != 1:
        raise WindowHeld(f"{op.number} 号窗口已被其他工作人员接手，请刷新后重试",
                         code="window_held", window=op.number,
                         holder=before.name if before else "", holder_user="")
    op.window.clerk_id = clerk_id


def _state_after(ctx: Ctx, op: WindowOp, number: int) -> WindowState:
    op.uow.commit()
    return window_state(ctx, number)


@action(Perm.CONTROL_WINDOW)
def assign_window(ctx: Ctx, number: int, username: str | None, reason: str) -> WindowState:
    """The supervisor makes clerk ``username`` the holder of window ``number`` (None: frees
    it), even with a ticket in service there (it passes with the window)."""
    why = required_reason(reason, "改派窗口")
    with WindowOp(ctx, number) as op:
        w = op.window
        require(w.state != "closed", f"{number} 号窗口未开放，不能改派", "window_closed")
        clerk = _active_clerk(op, username) if username else None
        if clerk == w.clerk_id:
            return _state_after(ctx, op, number)
        before = op.holder() if w.clerk_id is not None else None
        _take(op, clerk, before)
        was, now = op.pass_ticket(clerk)
        op.uow.audit("window_assign", "window", w.id, before=holder_facts(before) | was,
                     after={"window": number, "clerk": username, "reason": why} | now)
        op.uow.emit("window_changed", window=number, state=w.state, holder=username)
        op.uow.commit()
    return window_state(ctx, number)


def _active_clerk(op: WindowOp, username: str) -> int:
    # FOR SHARE: an account being disabled meanwhile is read once it is (never assigned).
    found = op.s.execute(select(Staff.id, Staff.role, Staff.active).where(
        func.lower(Staff.username) == func.lower(username.strip()))
        .with_for_update(read=True)).first()
    if found is None:
        raise NotFound(f"账号 {username} 不存在", field="username", code="unknown_account",
                       username=username)
    if found[1] != Role.CLERK.value or not found[2]:
        raise StateError(f"{username} 不是在岗的窗口工作人员，不能改派给他",
                         code="assign_not_clerk", username=username)
    return int(found[0])


@dataclass(frozen=True)
class LeftWindows:
    """What became of the windows an account leaving the counter held (``free_windows_of``):
    ``freed`` — nobody holds them now; ``kept`` — a ticket is called or in service there, so
    the window stays held, with it, until the supervisor reassigns it."""

    freed: tuple[int, ...] = ()
    kept: tuple[int, ...] = ()


def free_windows_of(uow: UnitOfWork, staff_id: int, why: str) -> LeftWindows:
    """An account disabled, or no longer a clerk (``staff``, ``staff_edit``), kept the
    window it held: nobody else could work it until the supervisor reassigned it. Each is
    freed (the next clerk to act there takes it, as a window the supervisor opened), audited
    (``window_release``) and announced; one with a ticket called or in service keeps its
    holder — the applicant is at the counter, and what was taken in stays with the window —
    until the supervisor reassigns it (``window assign``). Run under the staff row's lock."""
    held = uow.session.execute(select(Window.id, Window.number).where(
        Window.clerk_id == staff_id).order_by(Window.number).with_for_update()).all()
    freed: list[int] = []
    kept: list[int] = []
    username = uow.session.scalar(select(Staff.username).where(Staff.id == staff_id))
    for window_id, number in held:
        if open_ticket_at(uow.session, window_id) is not None:
            kept.append(number)
            continue
        uow.session.execute(update(Window).where(Window.id == window_id).values(
            clerk_id=None, clerk_since=None).execution_options(synchronize_session=False))
        uow.audit("window_release", "window", window_id, before={"clerk": username},
                  after={"window": number, "clerk": None, "reason": why})
        uow.emit("window_changed", window=number, holder=None)
        freed.append(number)
    return LeftWindows(tuple(freed), tuple(kept))
