"""queue English name

A queue's name as the kiosk and the call display show it on an English screen (the hall's
and the service items' English names were there already); empty: the Chinese name.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 23:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('queue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_en', sa.String(length=200), nullable=True))


def downgrade() -> None:
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): batch mode would copy the table, and
    # SQLite refuses to drop the referenced original while foreign keys are enforced.
    op.drop_column('queue', 'name_en')
