"""waiting line index

The head of a queue and "people ahead" read the waiting tickets of one queue in call order
(class, then order_at). The old index (queue_id, state, order_at) made both sort every
waiting ticket; this partial index holds only waiting tickets, keyed so that each class is
one range in order_at.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 05:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = sa.text("state = 'waiting'")


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_queue_waiting')
        batch_op.create_index(
            'ix_ticket_waiting_line',
            ['queue_id', 'hall_day', 'target_window', 'priority', 'appointment', 'order_at'],
            unique=False, sqlite_where=WAITING, postgresql_where=WAITING)


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_waiting_line', sqlite_where=WAITING,
                            postgresql_where=WAITING)
        batch_op.create_index('ix_ticket_queue_waiting', ['queue_id', 'state', 'order_at'],
                              unique=False)
