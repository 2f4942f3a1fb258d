"""one waiting ticket per ID number, queue and hall day

``ix_ticket_id_waiting`` allowed one waiting ticket per ID number and queue over all days. A
ticket of a day nobody closed (日终 forgotten) stays waiting, is never called (calls take only
the day's tickets), and its holder taking a ticket the next morning was handed that dead
number again; a new one would have been refused by the index. The rule is per hall day.

Downgrading puts back the rule over all days: it fails while an ID number waits in one queue on
two days (a day close of the later day ends the earlier day's tickets too).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-30 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING_WITH_ID = sa.text("state = 'waiting' AND id_number IS NOT NULL")


def _replace(columns: list[str]) -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_id_waiting', sqlite_where=WAITING_WITH_ID,
                            postgresql_where=WAITING_WITH_ID)
        batch_op.create_index('ix_ticket_id_waiting', columns, unique=True,
                              sqlite_where=WAITING_WITH_ID, postgresql_where=WAITING_WITH_ID)


def upgrade() -> None:
    _replace(['queue_id', 'hall_day', 'id_number'])


def downgrade() -> None:
    _replace(['queue_id', 'id_number'])
