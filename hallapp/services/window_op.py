"""The unit of work of one window operation: the hall, the window row locked, who may act.

Every action in ``hallapp.services.windows`` runs inside a :class:`WindowOp`. The window row
is read and changed with plain statements (``hallapp.store.rawsql``): call next and finish
are the busiest writes after taking a ticket.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hallapp.core.errors import NotFound, PermissionDenied, StateError, WindowHeld, WindowPaused
from hallapp.core.roles import Actor, Role
from hallapp.core.state_labels import TICKET_STATE_LABELS
from hallapp.services.context import Ctx
from hallapp.services.queue_common import (
    OPEN_AT_WINDOW_PREDICATE,
    TicketInfo,
    open_ticket_at,
    ticket_info,
)
from hallapp.services.queue_sql import ROW_ID, ROW_NUMBER, ROW_STATE, HallConf, hall_conf
from hallapp.store.constraints import violates
from hallapp.store.models import Staff, Ticket, Window
from hallapp.store.rawsql import RawSQL, Row, as_json
from hallapp.store.uow import UnitOfWork


def require(cond: bool, message: str, code: str, **facts: Any) -> None:
    """Refuse with ``StateError(message, code)`` unless ``cond``; ``facts`` fill the
    translated message (``hallapp.ui.common.errors``)."""
    if not cond:
        raise StateError(message, code=code, **facts)


@dataclass(frozen=True)
class Holder:
    """The clerk who holds a window (opened or claimed it), and since when."""

    username: str
    name: str
    since: datetime | None


def holder_facts(holder: Holder | None) -> dict[str, object]:
    """The holder as the audit entries record it (``window_release`` and the others)."""
    if holder is None:
        return {"clerk": None}
    return {"clerk": holder.username,
            "since": holder.since.isoformat() if holder.since else None}


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


_WINDOW_COLUMNS = ("state", "state_reason", "state_since", "clerk_id", "clerk_since",
                   "call_history", "consecutive_priority")
_INSTANTS = ("state_since", "clerk_since")
_WINDOW = ('SELECT id, number, state, state_reason, clerk_id, profile_mode, call_history, '
           'consecutive_priority, retired FROM "window" WHERE hall_id = :hall '
           'AND number = :number')


def _locked_window(raw: RawSQL, hall: HallConf, number: int) -> WindowRow:
    """The window row, locked until commit (PostgreSQL; SQLite holds the write lock)."""
    row = raw.row(_WINDOW + ("" if raw.sqlite else " FOR UPDATE"), hall=hall.id, number=number)
    if row is None:
        raise NotFound(f"窗口 {number} 不存在", field="window", code="unknown_window")
    if row[8]:  # retired (``window_admin``): kept for its history, never worked
        raise StateError(f"{number} 号窗口已停用", field="window", code="window_retired",
                         window=number)
    return WindowRow(int(row[0]), int(row[1]), row[2], row[3], row[4], row[5],
                     list(as_json(row[6]) or []), int(row[7] or 0))


class WindowOp:
    """Opens the unit of work, loads hall and (locked) window, checks who may act on it."""

    def __init__(self, ctx: Ctx, number: int) -> None:
        self.ctx, self.number = ctx, number

    def __enter__(self) -> WindowOp:
        self.uow: UnitOfWork = self.ctx.uow().__enter__()
        try:
            self.raw = self.uow.raw  # refused here if the account no longer stands
            self.hall: HallConf = hall_conf(self.raw)
            self.window = _locked_window(self.raw, self.hall, self.number)
        except BaseException:
            # No ``with`` will end this unit of work: end it here, or its transaction (and
            # on SQLite the hall's write lock) stayed open until the connection was collected.
            self.uow.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.uow.__exit__(None, None, None)

    @property
    def s(self) -> Session:
        return self.uow.session

    def require_operator(self) -> None:
        """Who works a window:

        * a clerk works the window they opened or claimed (``window.clerk_id``); any other
          clerk is refused until it is closed;
        * a window the supervisor opened from the board holds no clerk: the first clerk to
          act on it (opening it, calling, anything) claims it — how a relief clerk, or a clerk
          whose own window is out of order, takes over a window for the day;
        * opening a closed window: see :meth:`require_opener`;
        * supervisors, admins and the system act on any window without claiming it.

        A supervisor-opened window was worked by any clerk and never claimed, so one clerk's
        call could be passed as absent by another (``noshow(clerk2, 5)`` on clerk1's call).
        Claimed so, a ticket the supervisor called there passes to the clerk (:meth:`claim`).
        """
        actor = self.ctx.actor
        if (self._unrestricted(actor) or self.window.clerk_id is not None
                or self.window.state == "closed"):
            return
        self.claim(actor.staff_id, actor.username)  # with the action that follows

    def claim(self, clerk_id: int | None, username: str) -> None:
        """Clerk ``clerk_id`` takes this window, which nobody holds: by acting there
        (:meth:`require_operator`) or by taking it (``window_holder.claim_window``). A ticket
        called or in service there (called by the supervisor, or left at a window freed or
        released) passes to them (:meth:`pass_ticket`). Audited (``window_claim``, with the
        ticket's clerk before and after) and announced."""
        self.hold(clerk_id)
        was, now = self.pass_ticket(clerk_id)
        self.uow.audit("window_claim", "window", self.window.id, before={"clerk": None} | was,
                       after={"window": self.number, "clerk": username} | now)
        self.uow.emit("window_changed", window=self.number, state=self.window.state,
                      holder=username)

    def pass_ticket(self, clerk: int | None) -> tuple[dict[str, object], dict[str, object]]:
        """The ticket called or in service at a window that passes to a clerk becomes theirs
        (``ticket.clerk_id``): they serve it from now on and their name goes on its service
        record, so the per-clerk statistics and the board agree. Freed (``clerk`` None), the
        ticket keeps its clerk until a clerk claims the window (:meth:`claim`). Returns the
        audit's before and after facts about it (none without a ticket)."""
        row = self.open_row() if clerk is not None else None
        if row is None:
            return {}, {}
        number, old = self.raw.row(_TICKET_CLERK, id=row[0]) or (None, None)
        self.raw.run("UPDATE ticket SET clerk_id = :clerk WHERE id = :id", clerk=clerk,
                     id=row[0])
        new = self.s.scalar(select(Staff.username).where(Staff.id == clerk))
        return ({"ticket": number, "ticket_clerk": old}, {"ticket": number, "ticket_clerk": new})

    def require_opener(self) -> None:
        """Opening a window (which claims it): refused at a window another clerk holds, as
        :meth:`require_operator`; and a clerk who has a window of their own
        (``Staff.window_number``) may not open another clerk's assigned window — it locked
        that clerk out of it for the day (clerk1 opening window 6 before clerk6 came). A
        window no clerk is assigned to is open to any clerk, and a clerk with none assigned
        (a relief clerk) may open any; otherwise the supervisor opens it from the board and
        the clerk who sits down at it claims it."""
        actor = self.ctx.actor
        if self._unrestricted(actor) or self.window.state != "closed":
            return  # sitting down at a window the supervisor opened claims it (open_window)
        # As the staff table has it now (an admin may have moved the clerk since the login).
        own = self.s.scalar(select(Staff.window_number).where(Staff.id == actor.staff_id))
        if own in (None, self.number):
            return
        owner = self.s.scalar(select(Staff.username).where(
            Staff.window_number == self.number, Staff.role == Role.CLERK.value,
            Staff.active.is_(True), Staff.id != actor.staff_id).order_by(Staff.id).limit(1))
        if owner is not None:
            raise PermissionDenied(
                f"{self.number} 号窗口是 {owner} 的窗口，不能开放；请在自己的 {own} 号窗口"
                "办理，或请值班长开放该窗口后接手", code="window_assigned",
                window=self.number, owner=owner, own=own)

    def _unrestricted(self, actor: Actor) -> bool:
        """True for the roles that act on any window; a clerk at a window another clerk
        holds is refused; False for a clerk who may act here."""
        if actor.role in (Role.SUPERVISOR, Role.ADMIN, Role.SYSTEM):
            return True
        if self.window.clerk_id is not None and self.window.clerk_id != actor.staff_id:
            holder = self.holder()
            raise WindowHeld(f"{self.number} 号窗口由 {holder.name} 使用中，不能代为操作；"
                             "对方已离开的，可接手该窗口",
                             code="not_your_window", window=self.number, holder=holder.name,
                             holder_user=holder.username)
        return False

    def holder(self) -> Holder:
        """Who holds the window now (its ``clerk_id`` must be set)."""
        found = self.s.execute(select(Staff.username, Staff.name, Window.clerk_since).join(
            Window, Window.clerk_id == Staff.id).where(Window.id == self.window.id)).one()
        return Holder(found[0], found[1] or found[0], found[2])

    def worker_id(self) -> int | None:
        """Whose work the window's tickets are: its holder, or the actor where nobody holds
        it. A supervisor calling or finishing at a window a clerk holds acts for that clerk:
        the ticket (``ticket.clerk_id``, which the per-clerk KPIs and ratings count) and its
        service record are the clerk's, as when the clerk claims a window with a ticket the
        supervisor called (:meth:`pass_ticket`). The window row is already read: no
        statement."""
        held = self.window.clerk_id
        return held if held is not None else self.ctx.actor.staff_id

    def holder_facts(self) -> dict[str, object]:
        """Who held the window, for an audit entry's before-values (``window_release``'s
        shape): ``{"clerk": None}`` when nobody did."""
        if self.window.clerk_id is None:
            return {"clerk": None}
        return holder_facts(self.holder())

    def hold(self, clerk_id: int | None) -> None:
        """Make ``clerk_id`` the window's holder (None: nobody), from now; a holder kept
        keeps the instant they took it. A clerk holding another window is refused
        (:meth:`require_one_window`)."""
        if clerk_id != self.window.clerk_id:
            with self.one_window(clerk_id):
                self.set_window(clerk_id=clerk_id,
                                clerk_since=None if clerk_id is None else self.uow.now)

    def require_one_window(self, clerk_id: int) -> None:
        """A clerk holds one window at a time (``window_holder``): refused, naming the window
        they hold, when ``clerk_id`` holds another than this one."""
        found = self.raw.row(_OTHER_WINDOW, clerk=clerk_id, id=self.window.id)
        if found is not None:
            other, user, name = int(found[0]), found[1], found[2] or found[1]
            raise StateError(f"{name}（{user}）正在使用 {other} 号窗口，一人一次只使用一个窗口："
                             f"请先关闭或空出 {other} 号窗口（值班长可改派）",
                             code="clerk_holds_window", window=self.number, other=other,
                             clerk=name, clerk_user=user)

    @contextmanager
    def one_window(self, clerk_id: int | None) -> Iterator[None]:
        """Around the update that makes ``clerk_id`` the holder: checked first
        (:meth:`require_one_window`); the window the same clerk took meanwhile on another
        terminal (PostgreSQL: both read none held) breaks ``ix_window_clerk`` and is refused
        in words too."""
        if clerk_id is not None:
            self.require_one_window(clerk_id)
        try:
            yield
        except IntegrityError as exc:
            if not violates(exc, "ix_window_clerk"):
                raise
            raise StateError("该工作人员刚在另一个窗口开始工作，一人一次只使用一个窗口；"
                             "请刷新后重试", code="clerk_took_window",
                             window=self.number) from None

    def require_open(self) -> None:
        w = self.window
        if w.state == "paused":
            raise WindowPaused(f"{w.number} 号窗口已暂停（{w.state_reason or ''}），请先恢复")
        require(w.state == "open", f"{w.number} 号窗口未开放", "window_closed")

    def current(self, *states: str) -> Ticket:
        t = open_ticket_at(self.s, self.window.id)
        if t is None or (states and t.state not in states):
            raise self._no_current(states, *((t.state, t.number) if t else ()))
        return t

    def current_row(self, *states: str) -> Row:
        """The open ticket as (id, state, started_at, queue_id), by a plain statement."""
        row = self.open_row()
        if row is None or (states and row[1] not in states):
            raise self._no_current(states)
        return row

    def open_row(self) -> Row | None:
        """The window's open (called or serving) ticket as (id, state, started_at, queue_id)."""
        return self.raw.row(_CURRENT, window=self.window.id)

    def _no_current(self, states: tuple[str, ...], state: str | None = None,
                    number: str | None = None) -> StateError:
        if number is not None and state is not None:  # one is there in another state
            label = TICKET_STATE_LABELS.get(state, state)
            return StateError(f"{number} 当前为“{label}”，不能执行此操作",
                              code="ticket_wrong_state", ticket=number, state=state)
        wanted = "/".join(states) if states else "called/serving"
        return StateError(f"{self.number} 号窗口当前没有{_STATE_ZH.get(wanted, '')}的号",
                          code="no_current_ticket")

    def set_window(self, **values: Any) -> None:
        """Change the window row (columns of ``_WINDOW_COLUMNS``) and this op's copy."""
        assert set(values) <= set(_WINDOW_COLUMNS), f"not a window column: {list(values)}"
        stored = {k: self.raw.at(v) if k in _INSTANTS else
                  self.raw.json(v) if k == "call_history" else v for k, v in values.items()}
        assigns = ", ".join(f"{k} = :{k}" for k in values)
        self.raw.run(f'UPDATE "window" SET {assigns} WHERE id = :window_id',
                     window_id=self.window.id, **stored)
        for k, v in values.items():
            if hasattr(self.window, k):
                setattr(self.window, k, v)

    def open_ticket_id(self) -> int | None:
        found = self.open_row()
        return None if found is None else int(found[0])

    def done_with_row(self, action_name: str, row: Row, before: Mapping[str, object],
                      event: str, *, commit: bool = True, **extra: object) -> Row:
        """``done`` for a ticket changed by a plain statement that returned its stored row as
        it now is (``queue_sql.TICKET_ROW_RETURNING``), which it returns for the caller to
        show (``queue_common.shown``); ``commit`` False leaves the transaction open for a
        second step (its audit entry and event are written with that step's)."""
        ticket_id, number, state = row[ROW_ID], row[ROW_NUMBER], row[ROW_STATE]
        self.uow.audit(action_name, "ticket", ticket_id, before=dict(before),
                       after={"state": state, "window": self.number, **extra})
        self.uow.emit(event, window=self.number, ticket=ticket_id, number=number, **extra)
        if commit:
            self.uow.commit()
        return row

    def done(self, action_name: str, ticket: Ticket | None, before: Mapping[str, object],
             event: str, **extra: object) -> TicketInfo | None:
        self.s.flush()
        after = {"state": ticket.state if ticket else None, "window": self.number, **extra}
        entity, ident = ("ticket", ticket.id) if ticket else ("window", self.window.id)
        self.uow.audit(action_name, entity, ident, before=dict(before), after=after)
        self.uow.emit(event, window=self.number, ticket=ticket.id if ticket else None,
                      number=ticket.number if ticket else None, **extra)
        # A ticket sent back to a line (transfer) is told its place there; one at or leaving
        # the window has nobody ahead.
        info = (ticket_info(self.s, ticket, self.uow.now,
                            with_position=ticket.state == "waiting")
                if ticket else None)
        self.uow.commit()
        return info


_TICKET_CLERK = ("SELECT t.number, s.username FROM ticket t "
                 "LEFT JOIN staff s ON s.id = t.clerk_id WHERE t.id = :id")
_OTHER_WINDOW = ('SELECT w.number, s.username, s.name FROM "window" w JOIN staff s '
                 'ON s.id = w.clerk_id WHERE w.clerk_id = :clerk AND w.id <> :id')
# The predicate of the partial index, so that SQLite uses it (see queue_common).
_CURRENT = ("SELECT id, state, started_at, queue_id FROM ticket "
            f"WHERE window_id = :window AND {OPEN_AT_WINDOW_PREDICATE}")
_STATE_ZH = {"called": "已叫", "serving": "正在办理", "called/serving": "已叫或正在办理"}
