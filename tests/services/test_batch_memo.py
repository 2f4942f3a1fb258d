"""What the batch writer does not read again. It keeps from one batch to the next what its
operations read but never write (``RawSQL.memoised``: the hall's and queues' settings, recent
service times, windows serving a queue): read once while nobody else commits, read again as
soon as anything may have changed it. And a new ticket's view is made from the row as
inserted, not read back.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from conftest import FakeClock
from writerkit import CtxFor, take_placed

from hallapp.core.errors import QuotaExhausted, StateError
from hallapp.services import admin, calling, queue_sql, supervisor, tickets, windows
from hallapp.services.batch_writer import BatchWriter
from hallapp.services.batching import batchable
from hallapp.services.context import Ctx
from hallapp.services.supervisor import ProfileEntryInput

pytestmark = [pytest.mark.parametrize("engine_name", ["sqlite"]),
              pytest.mark.usefixtures("busy_lock")]


def _quota(ctx: Ctx, code: str, quota: int | None) -> None:
    admin.save_queue(ctx, {"code": code, "name": "综合受理", "prefix": code,
                           "daily_quota": quota})


@batchable
def _set_quota_then_refuse(ctx: Ctx, code: str, quota: int) -> None:
    """Changes a queue's quota, reads it (into the memo), then is refused: rolled back."""
    with ctx.uow() as uow:
        raw = uow.raw
        raw.run("UPDATE queue SET daily_quota = :q WHERE code = :code", q=quota, code=code)
        raw.forget(("queue_conf", queue_sql.hall_conf(raw).id, code, False))
        assert queue_sql.queue_conf(raw, queue_sql.hall_conf(raw), code).daily_quota == quota
        uow.commit()
    raise StateError("refused after reading its own change", code="late_refusal")


def test_settings_are_read_once_while_nobody_else_commits(
        ctx_for: CtxFor, serving: BatchWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")
    monkeypatch.setattr(queue_sql, "_QUEUE", "SELECT no_such_column")  # read again: fails
    for n in range(2, 5):
        assert tickets.take_ticket(kiosk, "A").number == f"A{n:03d}"
    assert serving.batches >= 4


def test_a_window_follows_its_work_profile_as_changed_between_two_calls(
        ctx_for: CtxFor, serving: BatchWriter, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    windows.open_window(clerk, 1)  # serves A and B
    for code in "ABAB":
        tickets.take_ticket(kiosk, code)
        clock.advance(seconds=5)
    first = windows.call_next(clerk, 1)
    windows.finish(clerk, 1)
    with monkeypatch.context() as patched:  # read once: not again in the next batch
        patched.setattr(calling, "_PROFILE", "SELECT no_such_column")
        second = windows.call_next(clerk, 1)
        windows.finish(clerk, 1)
    supervisor.change_profile(ctx_for("supervisor1"), 1, [ProfileEntryInput("B")],
                              reason="支援 B 队列")  # committed directly
    third = windows.call_next(clerk, 1)
    assert [first.queue, second.queue, third.queue] == ["A", "B", "B"]
    assert [first.number, second.number, third.number] == ["A001", "B001", "B002"]


def test_a_setting_changed_by_another_connection_is_read_again(
        ctx_for: CtxFor, serving: BatchWriter) -> None:
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")
    tickets.take_ticket(kiosk, "A")
    _quota(ctx_for("admin1"), "A", 2)  # committed directly, between two batches
    with pytest.raises(QuotaExhausted):
        tickets.take_ticket(kiosk, "A")
    _quota(ctx_for("admin1"), "A", None)
    assert tickets.take_ticket(kiosk, "A").number == "A003"


def test_what_a_refused_operation_read_is_forgotten_with_it(
        ctx_for: CtxFor, serving: BatchWriter) -> None:
    kiosk = ctx_for("kiosk1")
    tickets.take_ticket(kiosk, "A")
    with pytest.raises(StateError):
        _set_quota_then_refuse(kiosk, "A", 1)  # its quota of 1 was rolled back
    assert tickets.take_ticket(kiosk, "A").number == "A002"


def test_services_finished_in_the_writer_renew_the_next_batches_wait_estimate(
        ctx_for: CtxFor, serving: BatchWriter, clock: FakeClock) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk1")
    windows.open_window(clerk, 1)  # the one window serving A
    for _ in range(3):
        tickets.take_ticket(kiosk, "A")
    for _ in range(3):
        windows.call_next(clerk, 1)
        windows.start(clerk, 1)  # directly: the writer reads everything again after it
        tickets.take_ticket(kiosk, "A")  # the recent service times read (fewer than 3)
        clock.advance(minutes=40)
        windows.finish(clerk, 1)  # in the writer, in a batch after that take's
    later = tickets.take_ticket(kiosk, "A")
    assert later.people_ahead == 3
    assert later.estimated_minutes == 3 * 40  # the median of three 40-minute services


def test_a_new_tickets_view_is_made_from_the_row_as_inserted(
        ctx_for: CtxFor, serving: BatchWriter, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What the writer answers for each take is what reading the ticket shows (ORM path),
    with the writer unable to read a ticket row back."""
    kiosk = ctx_for("kiosk1")
    takes = [{}, {"priority": "pregnant", "id_number": "440301199001011234",
                  "phone": "13812345678"},
             {"appointment": True, "order_at": clock.now - timedelta(minutes=30)},
             {"item_code": None}]
    answers = []
    with monkeypatch.context() as patched:
        patched.setattr(queue_sql, "_TICKET_ROW", "SELECT no_such_column")
        for kw in takes:
            answers.append(take_placed(kiosk, "A", **kw))  # type: ignore[arg-type]
            clock.advance(seconds=13)
    assert [a.people_ahead for a in answers] == [0, 0, 1, 3]  # at the time of each take
    for answer in answers:
        now = tickets.show_ticket(kiosk, answer.id)
        assert answer == dataclasses.replace(now, people_ahead=answer.people_ahead,
                                             estimated_minutes=answer.estimated_minutes)
