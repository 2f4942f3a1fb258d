"""Which unique constraint a refused write ran into, by the name the models give it.

A service that checks "is this code free?" with a plain read can still lose the race on
PostgreSQL: two administrators creating the same department, queue or item version at the
same moment both find it free, and the second insert waits for the first and then violates
the constraint. The service tells that ``IntegrityError`` apart from any other by the
constraint's name (``violates``), and refuses in words.

PostgreSQL names the constraint; SQLite names the table's columns ("UNIQUE constraint failed:
queue.hall_id, queue.code"), or an index on an expression ("index 'ix_staff_username_lower'"),
which are looked up in the models' metadata.
"""

from __future__ import annotations

import re

from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.exc import IntegrityError

from hallapp.store.models import Base

_SQLITE_COLUMNS = re.compile(r"UNIQUE constraint failed: (\w+)\.(\w+(?:, \w+\.\w+)*)")
_SQLITE_INDEX = re.compile(r"UNIQUE constraint failed: index '(\w+)'")


def violated_constraint(exc: IntegrityError) -> str | None:
    """The name of the unique constraint or index ``exc`` violated (None: another kind of
    violation, or one not in the models)."""
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    if diag is not None:  # psycopg
        return getattr(diag, "constraint_name", None)
    message = str(orig)
    if found := _SQLITE_INDEX.search(message):
        return found.group(1)
    found = _SQLITE_COLUMNS.search(message)
    table = Base.metadata.tables.get(found.group(1)) if found else None
    if found is None or table is None:
        return None
    columns = [c.split(".")[-1] for c in found.group(2).split(", ")]
    uniques: list[UniqueConstraint | Index] = [
        c for c in table.constraints if isinstance(c, UniqueConstraint)]
    uniques += [i for i in table.indexes if i.unique]
    for unique in uniques:
        if [c.name for c in unique.columns] == columns and isinstance(unique.name, str):
            return unique.name
    return None


def violates(exc: IntegrityError, *names: str) -> bool:
    """Whether ``exc`` is the violation of one of the unique constraints ``names``."""
    return violated_constraint(exc) in names
