"""ticket own_order_at: a waiting ticket checked in early for a booking keeps its place

An applicant who waited with a ticket and checked in a booking before its slot began kept an
ordinary ticket, never called with the appointment's precedence. The ticket is now made an
appointment ticket held until the slot's start, as one checked in early is, and
``own_order_at`` keeps its place among the ordinary tickets until then.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-28 02:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallapp.store.base

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('own_order_at', hallapp.store.base.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    op.drop_column('ticket', 'own_order_at')  # as 0008: no copy of a table others refer to
