"""staff user name unique whatever its case

``add_staff`` refused Admin1 beside admin1 with a plain read, so two admins adding Zhang9 and
zhang9 at the same instant (PostgreSQL) both got in. A unique index on lower(username) now
lets only one in.

A database that already holds such a pair cannot take the index as it is. The account created
first keeps its name; each later one is renamed ``<name>.<id>`` (a name ``--user`` and the
login screen take as typed), keeps its password, role and state, and the renaming is logged
as a warning to hallapp's log (``hallapp.migrations``; ``db upgrade`` and ``init`` also say it
on stderr) and written to the audit log by the system (``schema.upgrade`` writes the entries
this migration hands it in ``config.attributes["staff_renamed"]``, in the same transaction):
the administrator tells its user the new name, or disables it.

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
# Under "hallapp", so the warning reaches the log file (a client migrates at start, where
# nobody reads stderr).
log = logging.getLogger('hallapp.migrations')
RENAMED = 'staff_renamed'  # config.attributes: (id, old name, new name) for the audit log


def _rename_case_duplicates(conn: sa.Connection) -> list[tuple[int, str, str]]:
    rows = conn.execute(sa.text('SELECT id, username FROM staff ORDER BY id')).all()
    taken = {str(name).lower() for _, name in rows}
    kept: dict[str, str] = {}
    renamed = []
    for ident, name in rows:
        if name.lower() not in kept:
            kept[name.lower()] = name
            continue
        new = _free_name(name, ident, taken)
        taken.add(new.lower())
        conn.execute(sa.text('UPDATE staff SET username = :new WHERE id = :id'),
                     {'new': new, 'id': ident})
        log.warning('账号 %s（id %s）已改名为 %s：它与更早的账号 %s 只有大小写不同，而用户名从此'
                    '不区分大小写。请把新用户名告诉它的使用者，或停用该账号', name, ident, new,
                    kept[name.lower()])
        renamed.append((int(ident), str(name), new))
    return renamed


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
    renamed = _rename_case_duplicates(op.get_bind())
    config = op.get_context().config
    if config is not None:
        config.attributes.setdefault(RENAMED, []).extend(renamed)
    op.create_index('ix_staff_username_lower', 'staff', [sa.text('lower(username)')],
                    unique=True)


def downgrade() -> None:
    op.drop_index('ix_staff_username_lower', table_name='staff')
