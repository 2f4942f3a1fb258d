"""Plain DB-API statements on a unit of work's own connection, for the queue's hot path.

On the hall's machines SQLAlchemy spends 80 µs (Core) to 400 µs (ORM) of CPU on each
statement, the driver 7 µs (bench/RESULTS.md, "Queue engine"). Taking, calling and
finishing a ticket are ten statements or so, run inside the hall's one write lock (SQLite)
or the feed-head row lock (PostgreSQL), so that overhead was what every other kiosk and
window waited for. Those statements run here instead: SQL written once for both engines
with ``:name`` parameters (rewritten to ``%(name)s`` for psycopg), in the same transaction
as the unit of work, values stored exactly as the models store them (instants as naive UTC,
on SQLite as text in SQLAlchemy's format; dates as ISO text on SQLite; JSON as text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

Row = tuple[Any, ...]
T = TypeVar("T")
_PARAM = re.compile(r"(?<![:\w]):(\w+)")


@lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    return _PARAM.sub(r"%(\1)s", sql)


class RawSQL:
    """Statements on a connection, in its open transaction (``UnitOfWork.raw``).

    Beside an ORM session on the same connection: flush it before these statements if they
    depend on its changes; the ORM objects it holds are not refreshed by what runs here.
    """

    def __init__(self, conn: Connection, *, memo: dict[Any, Any] | None = None) -> None:
        self._dbapi: Any = conn.connection.dbapi_connection
        self._error: type[Exception] = conn.dialect.loaded_dbapi.Error
        self.sqlite = conn.dialect.name == "sqlite"
        self._memo = memo
        # The batch writer's running counts of the queues' waiting lines, which it keeps from
        # batch to batch while only its takes change them (``queue_sql.position``); the
        # writer sets it for the operations that keep it up to date, else it is None.
        self.lines: dict[Any, Any] | None = None

    def memoised(self, key: Any, load: Callable[[], T]) -> T:
        """``load()``, or inside the batch writer what it gave earlier.

        The writer holds the write lock from the batch's first operation to its commit, so
        nobody else changes anything meanwhile; what the batched operations (take, call,
        finish) read but never write — the hall's and queues' settings, which windows serve
        a queue, a window's work profile, recent service times — reads the same for all of
        them. The writer keeps the memo from batch to batch until another connection commits
        or an operation is rolled back (``BatchWriter._forget_known``). What one of them
        does write is ``forget``-ed by the statement that writes it.
        """
        if self._memo is None:
            return load()
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = load()
            return value

    def _execute(self, sql: str, params: dict[str, Any]) -> Any:
        try:
            return self._dbapi.execute(sql if self.sqlite else _pyformat(sql), params)
        except self._error as exc:
            raise self._wrapped(exc, sql, params) from exc

    def _wrapped(self, exc: Exception, sql: str, params: Any) -> Exception:
        """The SQLAlchemy exception SQLAlchemy would have raised (IntegrityError for a
        constraint, OperationalError for a lost connection), so callers need not care."""
        return DBAPIError.instance(sql, params, exc, self._error)

    def forget(self, key: Any) -> None:
        """Drop ``key`` from the batch's memo: the statement just run changed it."""
        if self._memo is not None:
            self._memo.pop(key, None)

    def rows(self, sql: str, **params: Any) -> list[Row]:
        return [tuple(r) for r in self._execute(sql, params).fetchall()]

    def row(self, sql: str, **params: Any) -> Row | None:
        found = self._execute(sql, params).fetchone()
        return None if found is None else tuple(found)

    def value(self, sql: str, **params: Any) -> Any:
        found = self.row(sql, **params)
        return None if found is None else found[0]

    def run(self, sql: str, **params: Any) -> int:
        """An INSERT/UPDATE/DELETE; the number of rows it touched."""
        return int(self._execute(sql, params).rowcount)

    @contextmanager
    def pipelined(self) -> Iterator[None]:
        """On PostgreSQL, send the statements run inside as one batch (psycopg's pipeline
        mode) and wait once, at the end, for all their results: for writes whose results
        nobody reads, one round trip instead of one each. Errors surface at the end. On
        SQLite (no network) the statements simply run."""
        if self.sqlite:
            yield
            return
        try:
            with self._dbapi.pipeline():
                yield
        except self._error as exc:
            raise self._wrapped(exc, "pipeline", None) from exc

    def run_many(self, sql: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            cursor = self._dbapi.cursor()
            try:
                cursor.executemany(sql if self.sqlite else _pyformat(sql), rows)
            except self._error as exc:
                raise self._wrapped(exc, sql, rows) from exc
            finally:
                cursor.close()

    # Python values → stored values, as the models' column types store them.

    def at(self, moment: datetime | None) -> Any:
        if moment is None:
            return None
        if moment.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC")
        naive = moment.astimezone(UTC).replace(tzinfo=None)
        # SQLAlchemy's text form of an instant on SQLite (isoformat: a third of strftime's CPU)
        return naive.isoformat(" ", "microseconds") if self.sqlite else naive

    def day(self, value: date) -> Any:
        return value.isoformat() if self.sqlite else value

    def json_text(self, text: str | None) -> Any:
        """JSON already serialised, stored as that text."""
        if text is None or self.sqlite:
            return text
        from psycopg.types.json import Json

        return Json(text, dumps=str)

    def json(self, value: Any) -> Any:
        if value is None:
            return None
        if self.sqlite:
            return json.dumps(value)
        from psycopg.types.json import Json

        return Json(value)


# Stored values → Python values (either engine).

def as_at(value: Any) -> datetime | None:
    if value is None:
        return None
    if type(value) is str:
        try:  # naive UTC text, as stored on SQLite: a sixth of the CPU of parse, then replace
            return datetime.fromisoformat(value + "+00:00")
        except ValueError:
            pass  # it names its own offset
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(moment, datetime)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def as_day(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value
