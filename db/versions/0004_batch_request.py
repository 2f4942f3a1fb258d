"""batch request

What the batch writer (hallapp.services.batch_writer) committed for each terminal request,
so that a terminal whose writer died before answering learns the outcome instead of
running the operation twice.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 08:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from hallapp.store.base import UTCDateTime

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'batch_request',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('answer', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_request')))
    with op.batch_alter_table('batch_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_request_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('batch_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_request_at'))
    op.drop_table('batch_request')
