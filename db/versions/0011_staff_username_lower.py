"""staff user name unique whatever its case

``add_staff`` refused Admin1 beside admin1 with a plain read, so two admins adding Zhang9 and
zhang9 at the same instant (PostgreSQL) both got in. A unique index on lower(username) now
lets only one in.

A database that already holds such a pair cannot take the index as it is. The account created
first keeps its name; each later one is renamed ``<name>.<id>`` (a name ``--user`` and the
login screen take as typed), keeps its password, role and state, and the renaming is logged
as a warning: the administrator tells its user the new name, or disables it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 10:00:00
"""
import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MAX_USERNAME = 64
log = logging.getLogger(__name__)


def _rename_case_duplicates(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text('SELECT id, username FROM staff ORDER BY id')).all()
    taken = {str(name).lower() for _, name in rows}
    kept: set[str] = set()
    for ident, name in rows:
        if name.lower() not in kept:
            kept.add(name.lower())
            continue
        new = _free_name(name, ident, taken)
        taken.add(new.lower())
        conn.execute(sa.text('UPDATE staff SET username = :new WHERE id = :id'),
                     {'new': new, 'id': ident})
        log.warning('staff account %s (id %s) renamed %s: its name differed from an older '
                    "account's only in case", name, ident, new)


def _free_name(name: str, ident: int, taken: set[str]) -> str:
    """``<name>.<id>``, or ``<name>.<id>.2`` … should an account already be called so."""
    n = 1
    while True:
        suffix = f'.{ident}' + (f'.{n}' if n > 1 else '')
        new = name[:MAX_USERNAME - len(suffix)] + suffix
        if new.lower() not in taken:
            return new
        n += 1


def upgrade() -> None:
    _rename_case_duplicates(op.get_bind())
    op.create_index('ix_staff_username_lower', 'staff', [sa.text('lower(username)')],
                    unique=True)


def downgrade() -> None:
    op.drop_index('ix_staff_username_lower', table_name='staff')
