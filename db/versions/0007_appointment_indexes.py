"""appointment indexes

Bookings and slots had no index but their keys, so every read of them scanned the whole
history: the missed-appointment rule at each booking given an ID number, the appointment of a
ticket printed at the kiosk, a day's bookings for the lists, the board and the reports, the
day's close. Each is now an index range.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 11:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPOINTMENT = {
    'ix_appointment_slot_id': ['slot_id'],
    'ix_appointment_ticket_id': ['ticket_id'],
    'ix_appointment_id_number': ['id_number', 'state'],
    'ix_appointment_state': ['state', 'slot_id'],
}


def upgrade() -> None:
    op.create_index('ix_appointment_slot_starts', 'appointment_slot', ['starts_at'])
    for name, columns in APPOINTMENT.items():
        op.create_index(name, 'appointment', columns)


def downgrade() -> None:
    for name in APPOINTMENT:
        op.drop_index(name, table_name='appointment')
    op.drop_index('ix_appointment_slot_starts', table_name='appointment_slot')
