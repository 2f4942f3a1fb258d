"""The batch writer (SQLite): terminals' takes, calls and finishes committed together.

The writer runs in a thread of the test process with its own ``Database``, as ``hallapp
writer`` would in its own process (test_batch_writer_lifecycle.py runs that process, and
checks writers that die and terminals without one); the tests step it by hand
where they need two requests in one batch. Terminals send to the writer only when the write
lock is busy: most tests make it look busy, those marked ``real_lock`` hold the real lock
(tests/conftest.py). The writer's running line counts: test_batch_lines.py.

Checked: results and refusals come back as if the terminal had run the operation itself; a
refusal in a batch undoes only its own writes; permissions are checked before sending and in
the writer; with a free lock terminals write directly.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from conftest import served
from sqlalchemy import select, update
from sqlalchemy.engine import make_url
from writerkit import CtxFor, count, step_until_done

from hallapp.core.errors import NotFound, PermissionDenied, QuotaExhausted, StateError
from hallapp.core.masking import mask_id_number, mask_phone
from hallapp.services import batching, tickets, windows
from hallapp.services.audit import verify_audit
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.batching import batchable
from hallapp.services.context import Ctx
from hallapp.services.queue_common import Placed
from hallapp.services.queue_sql import TicketRow, hall_conf, queue_conf
from hallapp.store.batch import Batch
from hallapp.store.engine import writer_lock_path
from hallapp.store.models import (
    AuditEntry,
    BatchRequest,
    DailyCounter,
    Event,
    FeedHead,
    Queue,
    Ticket,
)
from hallapp.store.uow import Database, UnitOfWork

pytestmark = [pytest.mark.parametrize("engine_name", ["sqlite"]),
              pytest.mark.usefixtures("busy_lock")]


def test_take_call_finish_run_in_the_writer(hall_db: Database, ctx_for: CtxFor,
                                            serving: BatchWriter) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    first = tickets.take_ticket(kiosk, "A")
    second = tickets.take_ticket(kiosk, "A")
    assert (first.number, second.number) == ("A001", "A002")
    assert second.people_ahead == 1  # read by the terminal after the writer's commit
    windows.open_window(clerk, 1)  # not batched: written directly, beside the writer
    called = windows.call_next(clerk, 1)
    assert (called.number, called.state, called.window) == ("A001", "called", 1)
    assert windows.finish(clerk, 1).state == "done"
    assert serving.requests == 4  # two takes, the call and the finish
    with hall_db.read_session() as s:
        take = s.scalars(select(AuditEntry).where(AuditEntry.action == "ticket_take")
                         .order_by(AuditEntry.id)).first()
    assert take is not None
    assert (take.actor, take.terminal) == ("kiosk1", "test")  # the terminal's, not the writer's
    assert count(hall_db, BatchRequest) == 4


def test_finish_and_call_next_runs_in_the_writer(hall_db: Database, ctx_for: CtxFor,
                                                serving: BatchWriter) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    tickets.take_ticket(kiosk, "A")
    tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 1)
    windows.call_next(clerk, 1)
    both = windows.finish_and_call_next(clerk, 1)
    assert both.finished is not None
    assert both.called is not None
    assert (both.finished.number, both.called.number) == ("A001", "A002")
    last = windows.finish_and_call_next(clerk, 1)  # nobody waits: finished, nobody called
    assert last.finished is not None
    assert last.finished.number == "A002"
    assert last.called is None
    assert serving.requests == 5  # two takes, the call, two finish-and-calls
    assert count(hall_db, Ticket, Ticket.state == "done") == 2
    assert verify_audit(ctx_for("supervisor1")).ok


def test_window_operations_are_answered_with_stored_rows_the_terminal_shows(
        hall_db: Database, ctx_for: CtxFor, serving: BatchWriter) -> None:
    """The writer sends back the rows its statements returned, not views: parsing instants
    and masking run in the terminals, beside each other, not in the one process all of them
    wait for. The view a terminal makes of them is the one a direct read gives."""
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    tickets.take_ticket(kiosk, "A", id_number="110101199003074514", phone="13812345678")
    tickets.take_ticket(kiosk, "A")
    windows.open_window(clerk, 1)
    called = windows.call_next(clerk, 1)
    assert windows.window_state(clerk, 1).ticket == called
    assert (called.id_number_masked, called.phone_masked) == (
        mask_id_number("110101199003074514"), mask_phone("13812345678"))
    both = windows.finish_and_call_next(clerk, 1)
    assert windows.window_state(clerk, 1).ticket == both.called
    assert both.finished == tickets.show_ticket(clerk, called.id)
    with hall_db.read_session() as s:
        answers = [pickle.loads(a) for a in s.scalars(
            select(BatchRequest.answer).order_by(BatchRequest.id)).all()]
    row, (finished_row, called_row) = answers[-2:]  # the call, then finish-and-call
    assert all(type(r) is tuple for r in (row, finished_row, called_row))
    assert (row[1], finished_row[1], called_row[1]) == ("A001", "A001", "A002")


def test_a_take_is_answered_with_its_place_the_terminal_shows(
        hall_db: Database, ctx_for: CtxFor, serving: BatchWriter) -> None:
    """A take comes back as the ticket's fields and its place in line, not a view: the kiosk
    masks and builds the view, and it is the one a direct read gives."""
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    holder = "110101199003074514"
    first = tickets.take_ticket(kiosk, "A", id_number=holder, phone="13812345678")
    second = tickets.take_ticket(kiosk, "A")
    again = tickets.take_ticket(kiosk, "A", id_number=holder)
    assert first == tickets.show_ticket(clerk, first.id)
    assert second == tickets.show_ticket(clerk, second.id)
    assert (second.people_ahead, first.id_number_masked) == (1, mask_id_number(holder))
    assert (again.number, again.existing) == ("A001", True)
    assert serving.requests == 3
    with hall_db.read_session() as s:
        answers = [pickle.loads(a) for a in s.scalars(
            select(BatchRequest.answer).order_by(BatchRequest.id)).all()]
    assert all(type(a) is Placed and type(a.row) is TicketRow for a in answers)
    assert [(a.row.number, a.people_ahead, a.existing) for a in answers] == [
        ("A001", 0, False), ("A002", 1, False), ("A001", 0, True)]


@pytest.mark.real_lock
def test_only_terminals_meeting_a_busy_lock_send_to_the_writer(
        hall_db: Database, ctx_for: CtxFor, serving: BatchWriter,
        monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = ctx_for("kiosk1")
    assert tickets.take_ticket(kiosk, "A").number == "A001"
    assert serving.requests == 0  # the lock was free: written directly
    batch_started = threading.Event()
    run_batch = serving._run_batch

    def spy(requests: list[tuple[socket.socket, Any]]) -> None:
        batch_started.set()
        run_batch(requests)

    monkeypatch.setattr(serving, "_run_batch", spy)
    other = os.open(writer_lock_path(str(make_url(hall_db.url).database)),
                    os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(other, fcntl.LOCK_EX)  # another terminal is writing

    def other_terminal_commits() -> None:
        assert batch_started.wait(timeout=30), "the request did not reach the writer"
        fcntl.flock(other, fcntl.LOCK_UN)  # the writer, queued on the lock, goes on

    releaser = threading.Thread(target=other_terminal_commits)
    releaser.start()
    try:
        assert tickets.take_ticket(kiosk, "A").number == "A002"
    finally:
        releaser.join()
        os.close(other)
    assert serving.requests == 1
    # The lock is free again, but writes were queueing a moment ago: still the writer.
    assert tickets.take_ticket(kiosk, "A").number == "A003"
    assert serving.requests == 2
    client = batching._client(kiosk.db)
    assert client is not None
    client._local.busy_until = 0.0  # as if BUSY_FOR_S had passed
    assert tickets.take_ticket(kiosk, "A").number == "A004"
    assert serving.requests == 2


def test_refusals_come_back_and_undo_only_their_own_writes(
        hall_db: Database, ctx_for: CtxFor, writer: BatchWriter) -> None:
    """Two takes in one batch: one refused by the daily quota after its serial was counted;
    the other stands, and the refused one left no ticket, counter step or audit entry."""
    with hall_db.write_session() as s:
        s.execute(update(Queue).where(Queue.code == "B").values(daily_quota=0))
        s.commit()
    with ctx_for("kiosk1").uow() as uow:  # B001, written directly
        tickets.issue_ticket(uow, "B", None, None, None, None, "kiosk")
        uow.commit()
    with hall_db.write_session() as s:
        s.execute(update(Queue).where(Queue.code == "B").values(daily_quota=1))
        s.commit()
    kiosk = ctx_for("kiosk1")
    with ThreadPoolExecutor(2) as pool:
        batching._client(kiosk.db)  # the client exists before the threads race to make it
        refused = pool.submit(tickets.take_ticket, kiosk, "B")
        issued = pool.submit(tickets.take_ticket, kiosk, "C")
        ran = step_until_done(writer, [refused, issued])
    assert ran == [2], "both requests should have run in one batch"
    with pytest.raises(QuotaExhausted):
        refused.result()
    assert issued.result().number == "C001"
    assert count(hall_db, Ticket) == 2
    with hall_db.read_session() as s:
        b = s.scalars(select(DailyCounter).join(Queue).where(Queue.code == "B")).one()
    assert b.last_serial == 1
    assert count(hall_db, AuditEntry, AuditEntry.action == "ticket_take") == 2


def test_an_operation_the_writer_does_not_know_is_sent_back_alone(
        hall_db: Database, ctx_for: CtxFor, writer: BatchWriter) -> None:
    """A terminal of another version names an operation this writer does not have: that one
    request goes back to its terminal to run itself; the rest of its batch is committed."""
    kiosk = ctx_for("kiosk1")
    ours, theirs = socket.socketpair()
    unknown = batching.Request(batching.request_id(), "hallapp.services.windows.call_next",
                               kiosk.actor, "test", kiosk.clock(), (1,), {})
    take = batching.Request(batching.request_id(), "hallapp.services.tickets._take_placed",
                            kiosk.actor, "test", kiosk.clock(),
                            ("A", None, None, None, None, "kiosk", False, None), {})
    writer._run_batch([(ours, unknown), (ours, take)])
    answers = [pickle.loads(batching.recv_frame(theirs) or b"") for _ in range(2)]
    assert [a.kind for a in answers] == ["retry", "ok"]
    assert pickle.loads(answers[1].value).row.number == "A001"
    assert count(hall_db, Ticket) == 1
    ours.close()
    theirs.close()


def test_a_request_that_shared_its_batch_keeps_its_terminal_on_the_writer(
        ctx_for: CtxFor, writer: BatchWriter) -> None:
    """While others' requests arrive with its own, a terminal keeps sending to the writer
    for ``BUSY_FOR_S`` (instead of probing the lock, free between two batches); a request
    answered alone in its batch does not extend that."""
    kiosk = ctx_for("kiosk1")
    client = batching._client(kiosk.db)
    assert client is not None

    def take_and_memory(queue: str) -> float:
        tickets.take_ticket(kiosk, queue)
        return float(getattr(client._local, "busy_until", 0.0))

    with ThreadPoolExecutor(2) as pool:
        together = [pool.submit(take_and_memory, q) for q in "AB"]
        assert step_until_done(writer, together) == [2]
        assert all(f.result() > time.monotonic() for f in together)
    with served(writer), ThreadPoolExecutor(1) as fresh:  # a thread with no memory yet
        assert fresh.submit(take_and_memory, "C").result() == 0.0
    assert writer.requests == 3


@batchable
def _take_then_refuse(ctx: Ctx, queue_code: str) -> None:
    """Takes a ticket (its audit entry and event logged in the batch), then is refused."""
    with ctx.uow() as uow:
        tickets.issue_ticket(uow, queue_code, None, None, None, None, "kiosk")
        uow.commit()
    raise StateError("refused after its unit of work committed", code="late_refusal")


def test_an_operation_refused_after_logging_leaves_nothing_in_the_log(
        hall_db: Database, ctx_for: CtxFor, writer: BatchWriter) -> None:
    """The batch numbers audit entries and events in memory and writes them at its end: a
    request refused after its unit of work logged must take its entries out again, or the
    chain would hold an entry for a ticket that does not exist."""
    kiosk = ctx_for("kiosk1")
    with kiosk.uow() as uow:  # A001, written directly: a chain to continue
        tickets.issue_ticket(uow, "A", None, None, None, None, "kiosk")
        uow.commit()
    with ThreadPoolExecutor(3) as pool:
        batching._client(kiosk.db)
        first = pool.submit(tickets.take_ticket, kiosk, "C")
        refused = pool.submit(_take_then_refuse, kiosk, "B")
        last = pool.submit(tickets.take_ticket, kiosk, "A")
        assert step_until_done(writer, [first, refused, last]) == [3]
    with pytest.raises(StateError):
        refused.result()
    assert (first.result().number, last.result().number) == ("C001", "A002")
    assert count(hall_db, Ticket) == 3
    assert count(hall_db, AuditEntry, AuditEntry.action == "ticket_take") == 3
    report = verify_audit(ctx_for("supervisor1"))
    assert report.ok, report.problems
    with hall_db.read_session() as s:
        ids = list(s.scalars(select(Event.id).order_by(Event.id)))
        head = s.get(FeedHead, 1)
        assert head is not None
        assert ids == list(range(1, len(ids) + 1))
        assert head.event_seq == ids[-1]
        kinds = list(s.scalars(select(Event.payload).where(Event.kind == "ticket_taken")))
    assert sorted(k["number"] for k in kinds) == ["A001", "A002", "C001"]


@batchable
def _rename_queues(ctx: Ctx, fail_at: str | None) -> str:
    """Renames queue A in a unit of work left uncommitted, B in one that commits, then D and C
    in one left uncommitted and one that commits nested in it; refused at ``fail_at``."""
    def rename(uow: UnitOfWork, code: str, name: str) -> None:
        uow.raw.run("UPDATE queue SET name = :name WHERE code = :code", name=name, code=code)

    with ctx.uow() as uow:
        rename(uow, "A", "undone")
    with ctx.uow() as uow:
        rename(uow, "B", "kept")
        uow.commit()
    with ctx.uow() as outer:
        rename(outer, "D", "undone")
        with ctx.uow() as inner:
            rename(inner, "C", "kept")
            inner.commit()
        if fail_at == "after":
            raise StateError("refused after its units of work", code="late_refusal")
    return "done"


@pytest.mark.parametrize("fail_at", [None, "after"])
def test_units_of_work_in_a_request_undo_exactly_their_own_writes(
        hall_db: Database, ctx_for: CtxFor, writer: BatchWriter, fail_at: str | None) -> None:
    """Several units of work in one request, each a savepoint inside the request's: one left
    uncommitted undoes only its own writes (and those committed into it), the others stand,
    and a refusal of the request undoes all of them."""
    admin = ctx_for("admin1")
    with ThreadPoolExecutor(2) as pool:
        batching._client(admin.db)
        first = pool.submit(_rename_queues, admin, fail_at)
        second = pool.submit(tickets.take_ticket, ctx_for("kiosk1"), "E")
        assert step_until_done(writer, [first, second]) == [2]
    if fail_at:
        with pytest.raises(StateError):
            first.result()
    else:
        assert first.result() == "done"
    assert second.result().number == "E001"
    with hall_db.read_session() as s:
        names = dict(s.execute(select(Queue.code, Queue.name)).all())
    kept = {code for code in "ABCD" if names[code] == "kept"}
    # A: not committed; C: committed into D's unit of work, which was not
    assert kept == ({"B"} if fail_at is None else set())
    assert "undone" not in names.values()


def test_settings_are_read_afresh_in_each_batch(hall_db: Database, ctx_for: CtxFor,
                                                serving: BatchWriter) -> None:
    """The writer reads the hall's and queues' settings once per batch, not once for ever:
    a quota set between two batches holds for the second."""
    kiosk = ctx_for("kiosk1")
    assert tickets.take_ticket(kiosk, "B").number == "B001"
    with hall_db.write_session() as s:
        s.execute(update(Queue).where(Queue.code == "B").values(daily_quota=1))
        s.commit()
    with pytest.raises(QuotaExhausted):
        tickets.take_ticket(kiosk, "B")
    assert serving.requests == 2


def test_settings_shared_by_a_batch_are_read_only(ctx_for: CtxFor) -> None:
    """Every operation of a batch gets the same hall and queue settings: none can change
    what the next one reads."""
    with ctx_for("kiosk1").uow(readonly=True) as uow:
        hall = hall_conf(uow.raw)
        queue = queue_conf(uow.raw, hall, "A")
    assert hall.priority_classes  # the demo hall has green-channel classes and settings
    assert hall.settings
    with pytest.raises(TypeError):
        hall.settings["recall_max"] = 99  # type: ignore[index]
    with pytest.raises(TypeError):
        hall.priority_classes[0]["code"] = "vip"  # type: ignore[index]
    with pytest.raises(AttributeError):
        hall.priority_classes.append({})  # type: ignore[attr-defined]
    assert isinstance(queue.time_quotas, tuple)


def test_permissions_are_checked_before_sending_and_in_the_writer(
        ctx_for: CtxFor, serving: BatchWriter) -> None:
    kiosk = ctx_for("kiosk1")
    with pytest.raises(PermissionDenied):
        windows.call_next(kiosk, 1)  # a kiosk account may not call
    assert serving.requests == 0  # refused before anything was sent
    # A request that skipped the terminal's check is refused by the service in the writer.
    client = batching._client(kiosk.db)
    assert client is not None
    answer = client.send(batching.Request("forged", "hallapp.services.windows._call_next_row",
                                          kiosk.actor, "test", kiosk.clock(), (1,), {}))
    assert answer is not None
    assert answer.kind == "error"
    assert isinstance(answer.value, PermissionDenied)
    with pytest.raises(NotFound):
        tickets.take_ticket(kiosk, "NOPE")
    assert serving.requests == 2


def test_joined_units_of_work_are_savepoints(hall_db: Database, ctx_for: CtxFor) -> None:
    """Inside the writer's transaction a unit of work that is not committed undoes its own
    plain and ORM writes; a committed one stays until the writer commits the batch."""
    actor = ctx_for("clerk1").actor
    conn = hall_db.writer.connect()
    conn.begin()
    hall_db.batch = Batch(conn)
    try:
        with UnitOfWork(hall_db, actor) as uow:
            uow.raw.run("UPDATE queue SET name = 'kept' WHERE code = 'A'")
            uow.session.execute(update(Queue).where(Queue.code == "B").values(name="kept"))
            uow.commit()
        with UnitOfWork(hall_db, actor) as uow:
            uow.raw.run("UPDATE queue SET name = 'undone' WHERE code = 'A'")
            uow.session.execute(update(Queue).where(Queue.code == "B").values(name="undone"))
        conn.commit()
    finally:
        hall_db.batch = None
        conn.close()
    with hall_db.read_session() as s:
        names = {code: name for code, name in s.execute(
            select(Queue.code, Queue.name).where(Queue.code.in_(("A", "B"))))}
    assert names == {"A": "kept", "B": "kept"}
