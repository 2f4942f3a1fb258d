"""Plain statements store values exactly as the ORM does, in the unit of work's transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hallapp.core.roles import SYSTEM_ACTOR
from hallapp.store.models import Event, Queue, Ticket
from hallapp.store.rawsql import RawSQL, _pyformat, as_at, as_day, as_json
from hallapp.store.uow import Database, UnitOfWork

MOMENTS = [datetime(2026, 11, 24, 1, 0, tzinfo=UTC),  # whole second: no microseconds
           datetime(2026, 11, 24, 1, 0, 0, 7, tzinfo=UTC)]


def test_named_parameters_become_pyformat_and_casts_stay() -> None:
    sql = "SELECT :a::text, x FROM t WHERE y = :b_2 AND z = 'a:b'"
    assert _pyformat(sql) == "SELECT %(a)s::text, x FROM t WHERE y = %(b_2)s AND z = 'a:b'"


def _ticket(queue_id: int, serial: int, at: datetime) -> Ticket:
    return Ticket(hall_id=1, queue_id=queue_id, origin_queue_id=queue_id,
                  hall_day=date(2026, 11, 24), serial=serial, number=f"T{serial:03d}",
                  state="waiting", channel="kiosk",
                  taken_at=at, order_at=at, appointment=False, transferred=False, recalls=0,
                  call_count=0)


@pytest.mark.parametrize("moment", MOMENTS)
def test_instants_dates_and_flags_round_trip_between_raw_and_orm(
        hall_db: Database, moment: datetime) -> None:
    with UnitOfWork(hall_db, SYSTEM_ACTOR) as uow:
        queue_id = uow.session.scalars(select(Queue.id).order_by(Queue.id)).first()
        uow.session.add(_ticket(queue_id, 901, moment))
        uow.flush()
        raw = uow.raw
        raw.run("INSERT INTO ticket (hall_id, queue_id, origin_queue_id, hall_day, serial, "
                "number, state, channel, taken_at, order_at, appointment, transferred, "
                "recalls, call_count) VALUES (1, :q, :q, :day, 902, 'T902', 'waiting', "
                "'kiosk', :at, :at, :yes, :no, 0, 0)",
                q=queue_id, day=raw.day(date(2026, 11, 24)), at=raw.at(moment), yes=True,
                no=False)
        rows = raw.rows("SELECT serial, taken_at, hall_day, appointment FROM ticket "
                        "WHERE serial IN (901, 902) ORDER BY serial")
        # Same stored form whichever way it was written: ordering and equality hold in SQL.
        assert rows[0][1] == rows[1][1]
        assert [as_at(r[1]) for r in rows] == [moment, moment]
        assert [as_day(r[2]) for r in rows] == [date(2026, 11, 24)] * 2
        assert [bool(r[3]) for r in rows] == [False, True]
        uow.commit()
    with hall_db.read_session() as s:
        orm = s.scalars(select(Ticket).where(Ticket.serial == 902)).one()
        assert (orm.taken_at, orm.appointment, orm.transferred) == (moment, True, False)


def test_naive_instants_are_refused(hall_db: Database) -> None:
    with UnitOfWork(hall_db, SYSTEM_ACTOR) as uow, pytest.raises(ValueError, match="naive"):
        uow.raw.at(datetime(2026, 11, 24, 9, 0))


def test_json_is_stored_as_the_orm_reads_it_and_events_commit_with_the_work(
        hall_db: Database) -> None:
    with UnitOfWork(hall_db, SYSTEM_ACTOR) as uow:
        uow.emit("test_event", text="中文", n=[1, 2])
        uow.raw.value("SELECT 1")  # raw only: no ORM session is built
        assert uow._session is None
        uow.commit()
    with hall_db.read_session() as s:
        event = s.scalars(select(Event).order_by(Event.id.desc())).first()
        assert event is not None
        assert (event.kind, event.payload) == ("test_event", {"text": "中文", "n": [1, 2]})
    assert as_json('{"a": 1}') == {"a": 1}


def test_a_constraint_violation_is_sqlalchemys_integrity_error_and_rolls_back(
        hall_db: Database) -> None:
    insert = ("INSERT INTO daily_counter (queue_id, hall_day, last_serial) "
              "VALUES (:q, :day, 1)")
    with UnitOfWork(hall_db, SYSTEM_ACTOR) as uow:
        raw, day = uow.raw, uow.raw.day(date(2030, 1, 2))
        queue_id = raw.value("SELECT MIN(id) FROM queue")
        raw.run(insert, q=queue_id, day=day)
        with pytest.raises(IntegrityError):
            raw.run(insert, q=queue_id, day=day)
    # Not committed: the first insert is gone too.
    with UnitOfWork(hall_db, SYSTEM_ACTOR, readonly=True) as uow:
        assert uow.raw.value("SELECT COUNT(*) FROM daily_counter WHERE hall_day = :d",
                             d=uow.raw.day(date(2030, 1, 2))) == 0


def _run_pipelined(raw: RawSQL, sql: str, rows: list[dict[str, object]]) -> None:
    with raw.pipelined():
        for row in rows:
            raw.run(sql, **row)


def test_a_violation_inside_a_pipelined_batch_is_raised_at_its_end_and_rolls_back(
        hall_db: Database) -> None:
    """PostgreSQL sends the batch at once; the error of its second statement still reaches
    the caller as SQLAlchemy's IntegrityError and nothing of the batch is committed."""
    insert = ("INSERT INTO daily_counter (queue_id, hall_day, last_serial) "
              "VALUES (:q, :day, 1)")
    with UnitOfWork(hall_db, SYSTEM_ACTOR) as uow:
        raw, day = uow.raw, uow.raw.day(date(2030, 1, 3))
        queue_id = raw.value("SELECT MIN(id) FROM queue")
        twice = [{"q": queue_id, "day": day}] * 2
        with pytest.raises(IntegrityError):
            _run_pipelined(raw, insert, twice)
    with UnitOfWork(hall_db, SYSTEM_ACTOR, readonly=True) as uow:
        assert uow.raw.value("SELECT COUNT(*) FROM daily_counter WHERE hall_day = :d",
                             d=uow.raw.day(date(2030, 1, 3))) == 0


def test_a_pipelined_batch_commits_all_its_statements(hall_db: Database) -> None:
    with UnitOfWork(hall_db, SYSTEM_ACTOR) as uow:
        raw = uow.raw
        queue_ids = [r[0] for r in raw.rows("SELECT id FROM queue ORDER BY id LIMIT 2")]
        with raw.pipelined():
            raw.run_many("INSERT INTO daily_counter (queue_id, hall_day, last_serial) "
                         "VALUES (:q, :day, 5)",
                         [{"q": q, "day": raw.day(date(2030, 1, 4))} for q in queue_ids])
        uow.commit()
    with UnitOfWork(hall_db, SYSTEM_ACTOR, readonly=True) as uow:
        assert uow.raw.value("SELECT SUM(last_serial) FROM daily_counter WHERE hall_day = :d",
                             d=uow.raw.day(date(2030, 1, 4))) == 10
