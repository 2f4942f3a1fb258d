"""waiting line index ends with id

The call order within a class is (order_at, id). SQLite keeps the rowid in every index, so
the head of a class came out of ix_ticket_waiting_line in that order; PostgreSQL does not,
and read every waiting ticket of the class to sort them (a top-N sort: 2,000 waiting made a
call cost 1 ms per queue and class, growing with the line). With id as the last key the head
is the first entries of one index range on both engines.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 11:55:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = sa.text("state = 'waiting'")
LINE = ['queue_id', 'hall_day', 'target_window', 'priority', 'appointment', 'order_at']


def _replace(columns: list[str]) -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_waiting_line', sqlite_where=WAITING,
                            postgresql_where=WAITING)
        batch_op.create_index('ix_ticket_waiting_line', columns, unique=False,
                              sqlite_where=WAITING, postgresql_where=WAITING)


def upgrade() -> None:
    _replace([*LINE, 'id'])


def downgrade() -> None:
    _replace(LINE)
