"""window English name

A window's name as an English screen shows it (the supervisor's board, the counter's
header); empty: the Chinese name.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 14:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('window', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_en', sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.drop_column('window', 'name_en')  # as 0008: no copy of a table others refer to
