"""kpi summaries recomputed: 即办率 without withdrawn cases

即办率 counted the cases the applicant withdrew (撤回) in its base; it no longer does
(``hallapp.core.kpi.on_spot_rate``). The summaries of closed days (``kpi_summary``,
``kpi_rollup``) hold the old base, and nothing would compute them again: they are emptied,
with the mark of what they fold in (``kpi_state``), and the next figure read summarises every
closed day again from the tickets, cases and ratings, which are all kept.

Downgrading leaves the summaries as they are: an older program reads them as it would its own
(a day whose base it counted differently differs only in 即办率's base).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28 02:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ('kpi_summary', 'kpi_rollup', 'kpi_state'):
        op.execute(f'DELETE FROM {table}')


def downgrade() -> None:
    pass
