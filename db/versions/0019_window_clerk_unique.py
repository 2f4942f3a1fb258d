"""one window per clerk

A clerk could hold several windows at once (opening, claiming and the supervisor's reassign
never checked). Now a clerk holds one window at a time: a partial unique index on the holder
makes it a database fact, so that of two windows taken by one clerk at the same moment on
PostgreSQL only one is. A clerk holding several windows at the upgrade keeps the one taken
last (by ``clerk_since``, then the highest id); the others are freed, as a window the
supervisor opened is, for the next clerk to act there.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-28 03:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FREE_OTHERS = sa.text(
    'UPDATE "window" SET clerk_id = NULL, clerk_since = NULL '
    'WHERE clerk_id IS NOT NULL AND id <> ('
    ' SELECT kept.id FROM "window" kept WHERE kept.clerk_id = "window".clerk_id'
    ' ORDER BY kept.clerk_since IS NULL, kept.clerk_since DESC, kept.id DESC LIMIT 1)')


def upgrade() -> None:
    op.execute(_FREE_OTHERS)
    op.create_index('ix_window_clerk', 'window', ['clerk_id'], unique=True,
                    sqlite_where=sa.text('clerk_id IS NOT NULL'),
                    postgresql_where=sa.text('clerk_id IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_window_clerk', table_name='window')
