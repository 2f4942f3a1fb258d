"""visit ticket: the queue ticket a hall visit came with

A supplement, a correction or a pickup at the window counted a hall visit for the case but did
not say which ticket the applicant came with, so a 最多跑一次 audit could not tie the visit to
the queue. Visits recorded at a window now keep the ticket served there; older visits, online
steps and steps taken with no ticket in service keep none.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-28 03:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallapp.store.base
from hallapp.store.base import NAMING_CONVENTION

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _visit(*extra: sa.Column[int]) -> sa.Table:
    """The visit table as 0001 made it (plus ``extra``), so batch mode on SQLite copies it
    without reflecting it: reflection reaches the staff table through case_file, and
    SQLAlchemy warns about staff's expression index."""
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    return sa.Table(
        'visit', meta,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('at', hallapp.store.base.UTCDateTime(), nullable=False),
        sa.Column('purpose', sa.String(length=32), nullable=False),
        sa.Column('online', sa.Boolean(), nullable=False),
        *extra,
        sa.ForeignKeyConstraint(['case_id'], ['case_file.id'],
                                name='fk_visit_case_id_case_file'),
        sa.PrimaryKeyConstraint('id', name='pk_visit'),
        sa.Index('ix_visit_case_id', 'case_id'))


def upgrade() -> None:
    with op.batch_alter_table('visit', copy_from=_visit()) as batch_op:
        batch_op.add_column(sa.Column('ticket_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_visit_ticket_id_ticket', 'ticket', ['ticket_id'],
                                    ['id'])


def downgrade() -> None:
    ticket = sa.Column('ticket_id', sa.Integer(), sa.ForeignKey(
        'ticket.id', name='fk_visit_ticket_id_ticket'), nullable=True)
    with op.batch_alter_table('visit', copy_from=_visit(ticket)) as batch_op:
        batch_op.drop_constraint('fk_visit_ticket_id_ticket', type_='foreignkey')
        batch_op.drop_column('ticket_id')
