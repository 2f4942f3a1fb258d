"""hall address_en

The hall had no English address: English tickets, slips, receipts and notices printed the
Chinese one. ``address_en`` is printed on English documents instead when set; existing halls
have none until it is set (``hall set --address-en`` or the administrator's form).

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-28 03:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Not in batch mode: SQLite adds a nullable column in place.
    op.add_column('hall', sa.Column('address_en', sa.String(length=300), nullable=True))


def downgrade() -> None:
    op.drop_column('hall', 'address_en')
