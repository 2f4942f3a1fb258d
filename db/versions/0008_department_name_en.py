"""department English name

A department's name as a kiosk in English shows it beside an item (the items', materials'
and queues' English names are in the catalogue too); empty: the Chinese name.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 14:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('department', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_en', sa.String(length=200), nullable=True))


def downgrade() -> None:
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): batch mode would copy the table, and
    # SQLite refuses to drop the referenced original while foreign keys are enforced.
    op.drop_column('department', 'name_en')
