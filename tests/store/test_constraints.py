"""A refused write is told by the unique constraint it broke, named as the models name it, on
both engines (PostgreSQL names it; SQLite names the columns, or an expression index)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from hallapp.store.constraints import violated_constraint, violates
from hallapp.store.uow import Database

ITEM = "440300000000069391780001"
DUPLICATES = {
    "uq_department_code": "INSERT INTO department (code, name) SELECT code, name FROM "
                          "department ORDER BY id LIMIT 1",
    "uq_queue_hall_id_prefix": "UPDATE queue SET prefix = 'A' WHERE code = 'B'",
    "uq_service_item_code_version": "INSERT INTO service_item (code, version, in_force, name, "
                                    "department_id, queue_id, handling_type, data, created_at) "
                                    "SELECT code, version, false, name, department_id, queue_id,"
                                    " handling_type, data, created_at FROM service_item "
                                    f"WHERE code = '{ITEM}'",
    "ix_service_item_current": "INSERT INTO service_item (code, version, in_force, name, "
                               "department_id, queue_id, handling_type, data, created_at) "
                               "SELECT code, 99, in_force, name, department_id, queue_id, "
                               f"handling_type, data, created_at FROM service_item "
                               f"WHERE code = '{ITEM}'",
    "ix_staff_username_lower": "UPDATE staff SET username = 'CLERK1' WHERE username = 'clerk2'",
}


@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_the_broken_constraint_is_named(hall_db: Database, name: str) -> None:
    with pytest.raises(IntegrityError) as broken, hall_db.writer.begin() as conn:
        conn.execute(text(DUPLICATES[name]))
    assert violated_constraint(broken.value) == name
    assert violates(broken.value, "uq_queue_hall_id_code", name)
    assert not violates(broken.value, "uq_queue_hall_id_code")


def test_another_violation_is_no_unique_constraint(hall_db: Database) -> None:
    with pytest.raises(IntegrityError) as broken, hall_db.writer.begin() as conn:
        conn.execute(text("UPDATE department SET name = NULL"))
    assert violated_constraint(broken.value) is None
