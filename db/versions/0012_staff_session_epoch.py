"""staff session epoch

Disabling an account, or an administrator resetting its password, did not stop a client
already logged in with it: the services checked only the role the client had at login. Each
staff row now has a session epoch, moved on by either; the client's actor holds the value it
had at login, and every unit of work of that client is refused once they differ. Existing
accounts start at 0, as new ones do.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 15:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade() -> None:
    op.drop_column('staff', 'session_epoch')  # as 0008: no copy of a table others refer to
