"""window retired

A window no longer used could not be taken out of the hall: deleting its row would orphan the
tickets, service records and ratings that refer to it. A retired window is kept, hidden from
calling, planning and the boards, and can be reinstated. Existing windows are in use.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-28 03:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Not in batch mode: SQLite adds a column in place, and reflecting "window" for a batch
    # reflects the staff table it refers to, whose expression index SQLAlchemy warns about.
    op.add_column('window', sa.Column('retired', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade() -> None:
    op.drop_column('window', 'retired')  # as 0012: no copy of a table others refer to
