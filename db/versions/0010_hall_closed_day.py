"""hall closed day

The hall day the supervisor last closed (日终闭厅): that day takes no more tickets, check-ins
or bookings and opens no window, until it is reopened. Empty: no day closed yet.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 16:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('hall', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_day', sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column('hall', 'closed_day')  # as 0008: no copy of a table others refer to
