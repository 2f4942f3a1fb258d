"""The locks that order the hall day's close, its reopening and the calendar's changes against
the actions they must not miss (PostgreSQL: SQLite's one write lock runs writers one at a time,
and these are no-ops there but for the hall row read).

Unlocked, each read what it needed before the other committed: tickets taken and windows
opened during a close stayed waiting or open on a closed day; two closes both closed the same
tickets; bookings made while the day became a rest day stayed booked; two administrators
opened the same slots twice.

The order, everywhere (a lock is only ever waited for while holding locks earlier in it):

1. the hall row (``lock_hall``): exclusive (``FOR NO KEY UPDATE``) for the day's close and
   reopening, making days rest or working days, and opening slots; shared (``FOR SHARE``) for
   a booking, which then reads the calendar and the closed day after any of those committed.
   ``NO KEY``: a ticket's insert checks its hall key (``FOR KEY SHARE``) and never waits.
2. every window row (``lock_windows``: the close), in id order, as each window action locks
   its own first: the close waits for the window actions in flight and holds off new ones
   until it commits. Rows, not the table: every ticket insert checks its window key, which
   locks the window table (``ROW SHARE``) after the ticket table, whatever the key;
3. bookings, each row by itself (a check-in holds its booking, then issues a ticket);
4. the ticket table (``lock_tickets``: the close): it waits for takes and every other ticket
   write or row lock in flight, and holds off new ones. A take reads the closed day again in
   its insert (``tickets._INSERT_TICKET``), after it waited.

Plain reads never wait: the board, the kiosks' screens and the reports go on during a close.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from hallapp.core.errors import NotFound
from hallapp.store.models import Hall, Window


def lock_hall(session: Session, *, share: bool = False) -> Hall:
    """The hall row, read now and locked until commit (``share``: by a booking)."""
    stmt = (select(Hall).order_by(Hall.id).limit(1)
            .with_for_update(read=share, key_share=not share)
            .execution_options(populate_existing=True))
    hall = session.scalars(stmt).first()
    if hall is None:
        raise NotFound("数据库中还没有大厅，请先运行 hallapp init", code="no_hall")
    return hall


def lock_windows(session: Session) -> None:
    """Every window row, locked until commit (PostgreSQL; SQLite's write lock is ours)."""
    if session.get_bind().dialect.name != "sqlite":
        session.execute(select(Window.id).order_by(Window.id).with_for_update())


def lock_tickets(session: Session) -> None:
    """The ticket table, until commit: ``EXCLUSIVE`` waits for every ticket write and row lock
    in flight and holds off new ones (reads go on). PostgreSQL; SQLite's write lock is ours."""
    if session.get_bind().dialect.name != "sqlite":
        session.execute(text("LOCK TABLE ticket IN EXCLUSIVE MODE"))
