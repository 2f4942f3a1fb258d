"""window held since

A window's holder (``clerk_id``, the clerk who opened or claimed it) now has the instant they
took it: the counter shows a clerk at a window someone else holds "此窗口由 X 使用中（自 HH:MM）",
and the supervisor's board shows it next to the holder. Windows held at the upgrade keep no
instant (shown without one) until they are next taken.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-28 02:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallapp.store.base

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('window', schema=None) as batch_op:
        batch_op.add_column(sa.Column('clerk_since', hallapp.store.base.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    op.drop_column('window', 'clerk_since')  # as 0008: no copy of a table others refer to
