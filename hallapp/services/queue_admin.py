"""Deactivating a queue and activating it again.

A queue no longer offered (a counter closed for renovation, a service moved elsewhere) could
only be deleted from the catalogue file, which its tickets and items refer to. Deactivated, it
takes no new ticket (kiosks, counters and ``ticket take`` are refused with ``queue_inactive``;
the kiosk no longer shows it nor finds its items), its items are not booked, and no ticket is
transferred or moved into it; the tickets already waiting in it are still called by the
windows that serve it. Activated again, all of it comes back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from hallapp.core.errors import NotFound
from hallapp.core.ids import typed_code
from hallapp.core.roles import Perm
from hallapp.services.context import Ctx, action
from hallapp.services.hall import get_hall_row
from hallapp.services.queue_common import today
from hallapp.store.models import Queue, Ticket

# The queue's counter row of the day, created as a take would (with no serial handed out) and
# locked: its no-op update takes the row lock a take takes with its serial.
_LOCK_COUNTER = (
    "INSERT INTO daily_counter (queue_id, hall_day, last_serial) VALUES (:queue, :day, 0) "
    "ON CONFLICT (queue_id, hall_day) DO UPDATE SET last_serial = daily_counter.last_serial")


@dataclass(frozen=True)
class QueueActive:
    """A queue's state after ``set_queue_active``; ``waiting``: its tickets still waiting."""

    code: str
    name: str
    active: bool
    changed: bool
    waiting: int


@action(Perm.EDIT_CATALOGUE)
def set_queue_active(ctx: Ctx, code: str, active: bool) -> QueueActive:
    """Deactivate (``active`` False) or activate a queue; audited with its state before."""
    with ctx.uow() as uow:
        hall = get_hall_row(uow.session)
        day = today(hall, uow.now)
        where = (Queue.hall_id == hall.id, Queue.code == typed_code(code))
        if not active and not uow.raw.sqlite:
            # PostgreSQL: first the lock a take holds on the queue's counter row from its
            # serial until it commits (``tickets._NEXT_SERIAL``). A take in flight is waited
            # for, its ticket counted below; one that comes meanwhile waits for this commit and
            # then finds the queue inactive (``tickets._INSERT_TICKET_UNLESS_CLOSED``). Before
            # the queue's row lock: a take inserting its ticket holds the counter and asks for
            # the queue's row (its foreign key), and the other order would deadlock with it.
            # (SQLite: the take reads the queue inside its write lock, BEGIN IMMEDIATE.)
            queue_id = uow.session.scalar(select(Queue.id).where(*where))
            if queue_id is not None:
                uow.raw.run(_LOCK_COUNTER, queue=queue_id, day=uow.raw.day(day))
        queue = uow.session.scalars(select(Queue).where(*where).with_for_update()).first()
        if queue is None:
            raise NotFound(f"队列 {code} 不存在", field="queue", code="unknown_queue")
        waiting = int(uow.session.scalar(select(func.count(Ticket.id)).where(
            Ticket.queue_id == queue.id, Ticket.hall_day == day,
            Ticket.state == "waiting")) or 0)
        changed = queue.active != active
        if changed:  # the same again: no audit row, no feed event
            queue.active = active
            before, after = {"active": not active}, {"active": active, "waiting": waiting}
            if active:
                uow.audit("queue_activate", "queue", queue.code, before=before, after=after)
            else:
                uow.audit("queue_deactivate", "queue", queue.code, before=before, after=after)
            # The kiosks' queue buttons and item search, the slots' booking: as a queue edit.
            uow.emit("catalogue_changed", queue=queue.code)
            uow.commit()
        return QueueActive(queue.code, queue.name, active, changed, waiting)
