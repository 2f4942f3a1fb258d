"""Where a reactivated no-show re-joins its queue (``tickets.reactivate``): behind the next
K tickets in call order.

An appointment ticket whose slot has not begun (checked in early, its ``order_at`` the slot's
start) is held: until then it is called from its own place among the ordinary tickets
(``own_order_at``, see ``calling``). Reactivated before the slot, it re-joins there, behind
the next K ordinary ones, and keeps its slot's start for the appointment's precedence: it
re-joined as an appointment at once, called ahead of everyone before its slot began.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallapp.core.queue_rules import rejoin_order_at
from hallapp.store.models import Ticket


def _call_class(priority: str | None, appointment: bool) -> tuple[int, int]:
    """Green channel, then checked-in appointment, then ordinary (``order_within_queue``)."""
    return (0 if priority is not None else 1, 0 if appointment else 1)


def rejoin_place(s: Session, ticket: Ticket, k: int,
                 now: datetime) -> tuple[datetime, datetime | None]:
    """The ``order_at`` and ``own_order_at`` that put a reactivated ticket behind the next
    ``k`` in call order.

    Only tickets of its own class compete with it on their place; those of a class called
    before it (green channel ahead of an ordinary ticket) are ahead anyway and count
    towards the ``k``. Sorting all waiting tickets by order_at alone put it behind more.
    A held appointment ticket counts as the ordinary one it is called as, at its own place.
    """
    rows = s.execute(select(Ticket.priority, Ticket.appointment, Ticket.order_at,
                            Ticket.own_order_at).where(
        Ticket.queue_id == ticket.queue_id, Ticket.hall_day == ticket.hall_day,
        Ticket.state == "waiting", Ticket.target_window.is_(None))).all()
    line = [(_call_class(p, a and at <= now), own if a and at > now and own else at)
            for p, a, at, own in rows]
    slot = ticket.order_at if ticket.appointment and ticket.order_at > now else None
    mine = _call_class(ticket.priority, ticket.appointment and slot is None)
    ahead = sum(1 for cls, _ in line if cls < mine)
    place = rejoin_order_at(sorted(at for cls, at in line if cls == mine),
                            max(0, k - ahead), now)
    if slot is None:
        return place, None
    return slot, (place if place < slot else None)
