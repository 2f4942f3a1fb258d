"""Every window operation and every refusal, on the demo hall (window 11 serves queue A only,
windows 1 and 2 serve A and B, window 10 serves B only; clerkN works window N).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest
from conftest import FakeClock
from sqlalchemy import func, select

from hallapp.core.errors import (
    EmptyQueue,
    PermissionDenied,
    StateError,
    ValidationError,
    WindowPaused,
)
from hallapp.services import appointments, audit, day, tickets, windows
from hallapp.services.context import Ctx
from hallapp.store.models import (
    Appointment,
    AuditEntry,
    ServiceRecord,
    Ticket,
    Window,
)
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]


def take_n(kiosk: Ctx, queue: str, n: int, clock: FakeClock | None = None) -> list[str]:
    out = []
    for _ in range(n):
        out.append(tickets.take_ticket(kiosk, queue).number)
        if clock is not None:
            clock.advance(minutes=1)
    return out


def opened(ctx_for: CtxFor, window: int) -> Ctx:
    clerk = ctx_for(f"clerk{window}")
    windows.open_window(clerk, window)
    return clerk


def ticket_row(db: Database, number: str) -> Ticket:
    with db.read_session() as s:
        return s.scalars(select(Ticket).where(Ticket.number == number)).one()


def audits(db: Database, **where: Any) -> list[AuditEntry]:
    with db.read_session() as s:
        stmt = select(AuditEntry).order_by(AuditEntry.id)
        for key, value in where.items():
            stmt = stmt.where(getattr(AuditEntry, key) == value)
        return list(s.scalars(stmt))


# --- calling -------------------------------------------------------------------------------


def test_call_refusals_closed_paused_busy_empty(ctx_for: CtxFor) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    with pytest.raises(StateError) as closed:
        windows.call_next(clerk, 11)  # never opened
    assert closed.value.code == "window_closed"
    windows.open_window(clerk, 11)
    with pytest.raises(EmptyQueue) as empty:
        windows.call_next(clerk, 11)
    assert empty.value.exit_code == 17
    take_n(kiosk, "B", 1)  # queue B is not served by window 11: still empty here
    with pytest.raises(EmptyQueue):
        windows.call_next(clerk, 11)
    take_n(kiosk, "A", 2)
    with pytest.raises(ValidationError) as no_reason:
        windows.pause(clerk, 11, "  ")
    assert no_reason.value.field == "reason"
    paused = windows.pause(clerk, 11, "系统故障")
    assert (paused.state, paused.reason) == ("paused", "系统故障")
    with pytest.raises(WindowPaused, match="已暂停") as exc:
        windows.call_next(clerk, 11)
    assert exc.value.exit_code == 18
    with pytest.raises(StateError):
        windows.pause(clerk, 11, "再暂停")  # only an open window can be paused
    assert windows.resume(clerk, 11).state == "open"
    with pytest.raises(StateError):
        windows.resume(clerk, 11)  # not paused any more
    assert windows.call_next(clerk, 11).number == "A001"
    with pytest.raises(StateError) as busy:
        windows.call_next(clerk, 11)
    assert busy.value.code == "window_busy"
    assert windows.window_state(clerk, 11).ticket.number == "A001"  # type: ignore[union-attr]
    with pytest.raises(StateError) as close:
        windows.close_window(clerk, 11)  # not with a ticket still open
    assert close.value.code == "window_busy"
    windows.finish(clerk, 11)
    closed = windows.close_window(clerk, 11)
    assert (closed.state, closed.ticket) == ("closed", None)


def test_call_ticket_needs_a_reason_and_is_audited(ctx_for: CtxFor, hall_db: Database) -> None:
    take_n(ctx_for("kiosk1"), "A", 3)
    clerk = opened(ctx_for, 11)
    with pytest.raises(ValidationError) as exc:
        windows.call_ticket(clerk, 11, "A003", "")
    assert exc.value.field == "reason"
    info = windows.call_ticket(clerk, 11, "A003", " 预约老人，提前办理 ")
    assert (info.number, info.state, info.window) == ("A003", "called", 11)
    [row] = audits(hall_db, action="ticket_call_chosen")
    assert (row.after or {})["reason"] == "预约老人，提前办理"
    assert (row.actor, row.entity_id) == ("clerk11", str(info.id))
    windows.finish(clerk, 11)
    with pytest.raises(StateError) as done:
        windows.call_ticket(clerk, 11, "A003", "再叫一次")
    assert done.value.code == "not_waiting"
    assert windows.call_next(clerk, 11).number == "A001"  # normal order resumes


def test_recall_up_to_the_limit_then_refused(ctx_for: CtxFor, clock: FakeClock) -> None:
    take_n(ctx_for("kiosk1"), "A", 1)
    clerk = opened(ctx_for, 11)
    first = windows.call_next(clerk, 11)
    for n in (1, 2, 3):
        clock.advance(minutes=1)
        again = windows.recall(clerk, 11)
        assert (again.recalls, again.called_at) == (n, clock.now)
    with pytest.raises(StateError, match="达到上限") as exc:
        windows.recall(clerk, 11)
    assert exc.value.code == "recall_limit"
    assert first.called_at != clock.now
    windows.start(clerk, 11)
    with pytest.raises(StateError):
        windows.recall(clerk, 11)  # serving: nothing to recall


def test_each_call_has_its_own_recalls(ctx_for: CtxFor, clock: FakeClock) -> None:
    """Recalled three times at window 11 and passed as absent, A001 came back (reactivated)
    and was called at window 1, which could not recall it once: the limit is per call (the
    applicant missed *that* call), not per ticket. Likewise a transfer's new window."""
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "A", 1)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    for _ in range(3):
        windows.recall(clerk, 11)
    windows.noshow(clerk, 11, "三次呼叫未到")
    tickets.reactivate(kiosk, "A001")
    clerk1 = opened(ctx_for, 1)
    assert windows.call_next(clerk1, 1).recalls == 0
    assert windows.recall(clerk1, 1).recalls == 1
    for _ in range(2):
        windows.recall(clerk1, 1)
    windows.transfer(clerk1, 1, to_queue="B")
    clerk10 = opened(ctx_for, 10)
    assert windows.call_next(clerk10, 10).recalls == 0
    assert windows.recall(clerk10, 10).recalls == 1


def test_start_and_finish_record_the_service(ctx_for: CtxFor, clock: FakeClock,
                                             hall_db: Database) -> None:
    take_n(ctx_for("kiosk1"), "A", 2)
    clerk = opened(ctx_for, 11)
    with pytest.raises(StateError):
        windows.start(clerk, 11)  # nothing called yet
    windows.call_next(clerk, 11)
    clock.advance(minutes=2)
    started = windows.start(clerk, 11)
    assert started.state == "serving"
    clock.advance(minutes=7, seconds=30)
    done = windows.finish(clerk, 11)
    assert (done.state, done.window) == ("done", 11)
    windows.call_next(clerk, 11)
    windows.finish(clerk, 11)  # finished straight from the call: a zero-length service
    with hall_db.read_session() as s:
        records = s.scalars(select(ServiceRecord).order_by(ServiceRecord.id)).all()
        durations = [(r.finished_at - r.started_at).total_seconds() for r in records]
        assert [r.outcome for r in records] == ["done", "done"]
    assert durations == [450.0, 0.0]
    row = ticket_row(hall_db, "A001")
    assert (row.state, row.closed_at, row.finished_at) == ("done", clock.now, clock.now)


def test_finish_and_call_next_is_one_key(ctx_for: CtxFor, clock: FakeClock,
                                         hall_db: Database) -> None:
    take_n(ctx_for("kiosk1"), "A", 2)
    clerk = opened(ctx_for, 11)
    first = windows.finish_and_call_next(clerk, 11)  # nothing to finish: it just calls
    assert first.finished is None
    assert first.called is not None
    assert first.called.number == "A001"
    windows.start(clerk, 11)
    clock.advance(minutes=5)
    before = len(audits(hall_db))
    second = windows.finish_and_call_next(clerk, 11)
    assert second.finished is not None
    assert second.called is not None
    assert (second.finished.number, second.finished.state) == ("A001", "done")
    assert (second.called.number, second.called.state, second.called.window) == (
        "A002", "called", 11)
    assert [a.action for a in audits(hall_db)[before:]] == ["ticket_finish", "ticket_call"]
    last = windows.finish_and_call_next(clerk, 11)  # nobody waits: the finish stands
    assert last.called is None
    assert last.finished is not None
    assert last.finished.number == "A002"
    assert windows.window_state(clerk, 11).ticket is None
    before = len(audits(hall_db))
    with pytest.raises(EmptyQueue):
        windows.finish_and_call_next(clerk, 11)  # nothing to finish, nobody to call
    assert len(audits(hall_db)) == before
    with hall_db.read_session() as s:
        records = s.scalars(select(ServiceRecord).order_by(ServiceRecord.id)).all()
        assert [(r.finished_at - r.started_at).total_seconds() for r in records] == [300, 0]
    assert ticket_row(hall_db, "A001").state == ticket_row(hall_db, "A002").state == "done"
    assert audit.verify_audit(ctx_for("supervisor1")).ok


def test_finish_and_call_next_refused_changes_nothing(ctx_for: CtxFor, hall_db: Database,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    take_n(ctx_for("kiosk1"), "A", 2)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    with pytest.raises(PermissionDenied):
        windows.finish_and_call_next(ctx_for("clerk1"), 11)  # not the clerk of window 11
    with pytest.raises(PermissionDenied):
        windows.finish_and_call_next(ctx_for("kiosk1"), 11)

    def call_fails(*_args: object, **_kw: object) -> None:
        raise StateError("叫号失败", code="call_contention")

    monkeypatch.setattr(windows, "choose_and_claim", call_fails)
    with pytest.raises(StateError):
        windows.finish_and_call_next(clerk, 11)  # the call failed after the finish ran
    assert ticket_row(hall_db, "A001").state == "called"  # ... so the finish is undone
    assert not audits(hall_db, action="ticket_finish")


# --- no-show, suspend, transfer ------------------------------------------------------------


def test_noshow_reactivates_behind_the_next_three(ctx_for: CtxFor, clock: FakeClock,
                                                  hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "A", 6, clock)  # A001 … A006, a minute apart
    clerk = opened(ctx_for, 11)
    assert windows.call_next(clerk, 11).number == "A001"
    gone = windows.noshow(clerk, 11, "三次呼叫未到")
    assert gone.state == "no_show"
    assert ticket_row(hall_db, "A001").note == "三次呼叫未到"
    clock.advance(minutes=30)  # exactly the limit: still allowed
    back = tickets.reactivate(kiosk, "A001")
    assert (back.state, back.people_ahead) == ("waiting", 3)
    called = []
    for _ in range(6):
        called.append(windows.call_next(clerk, 11).number)
        windows.finish(clerk, 11)
    assert called == ["A002", "A003", "A004", "A001", "A005", "A006"]
    with pytest.raises(StateError) as exc:
        tickets.reactivate(kiosk, "A002")  # done, never a no-show
    assert exc.value.code == "not_no_show"


def test_reactivated_ticket_is_behind_three_in_call_order_with_green_channel_waiting(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "A", 5, clock)  # A001 … A005
    tickets.take_ticket(kiosk, "A", priority="pregnant")  # A006, called before the rest
    clerk = opened(ctx_for, 11)
    windows.call_ticket(clerk, 11, "A001", "测试过号")
    windows.noshow(clerk, 11)
    back = tickets.reactivate(kiosk, "A001")
    assert back.people_ahead == 3  # behind A006, A002, A003: the next three to be called
    called = []
    for _ in range(6):
        called.append(windows.call_next(clerk, 11).number)
        windows.finish(clerk, 11)
    assert called == ["A006", "A002", "A003", "A001", "A004", "A005"]


def test_reactivation_after_the_limit_is_refused(ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "A", 2)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)
    clock.advance(minutes=30, seconds=1)
    with pytest.raises(StateError, match="30 分钟") as exc:
        tickets.reactivate(kiosk, "A001")
    assert exc.value.code == "reactivate_expired"
    assert tickets.show_ticket(kiosk, "A001").state == "no_show"


def test_suspend_then_resume_comes_back_to_the_same_window_first(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    take_n(ctx_for("kiosk1"), "A", 4, clock)
    clerk11, clerk1 = opened(ctx_for, 11), opened(ctx_for, 1)
    windows.call_next(clerk11, 11)
    windows.start(clerk11, 11)
    with pytest.raises(ValidationError):
        windows.suspend(clerk11, 11, "")
    held = windows.suspend(clerk11, 11, "缺营业执照复印件")
    assert (held.number, held.state) == ("A001", "suspended")
    assert windows.window_state(clerk11, 11).ticket is None  # the window is free again
    assert windows.call_next(clerk11, 11).number == "A002"
    with pytest.raises(StateError):
        tickets.resume_suspended(clerk11, "A002")  # not suspended
    back = tickets.resume_suspended(clerk11, "A001")
    assert (back.number, back.state) == ("A001", "waiting")
    windows.finish(clerk11, 11)
    assert windows.call_next(clerk1, 1).number == "A003"  # window 1 does not get A001
    assert windows.call_next(clerk11, 11).number == "A001"  # back to its window, first
    with hall_db.read_session() as s:
        outcomes = s.scalars(select(ServiceRecord.outcome).order_by(ServiceRecord.id)).all()
    assert list(outcomes) == ["suspended", "done"]
    assert ticket_row(hall_db, "A001").number == "A001"  # no new ticket was issued


def test_back_to_the_queue_refused_while_the_person_waits_with_a_new_ticket(
        ctx_for: CtxFor, hall_db: Database) -> None:
    """One waiting ticket per ID and queue holds for reactivate, resume and transfer too."""
    kiosk, person = ctx_for("kiosk1"), "440304199001011233"
    clerk = opened(ctx_for, 11)
    tickets.take_ticket(kiosk, "A", id_number=person)
    windows.call_next(clerk, 11)
    windows.noshow(clerk, 11)                                      # A001 no-show
    assert tickets.take_ticket(kiosk, "A", id_number=person).number == "A002"
    with pytest.raises(StateError, match="A002") as exc:
        tickets.reactivate(kiosk, "A001")
    assert exc.value.code == "already_waiting"
    windows.call_next(clerk, 11)
    windows.suspend(clerk, 11, "缺材料")                           # A002 suspended
    assert tickets.take_ticket(kiosk, "A", id_number=person).number == "A003"
    with pytest.raises(StateError, match="A003"):
        tickets.resume_suspended(clerk, "A002")
    tickets.take_ticket(kiosk, "B", id_number=person)              # B001 waits in B
    windows.call_next(clerk, 11)                                   # A003
    with pytest.raises(StateError, match="B001"):
        windows.transfer(clerk, 11, to_queue="B")
    states = [tickets.show_ticket(kiosk, n).state for n in ("A001", "A002", "A003", "B001")]
    assert states == ["no_show", "suspended", "called", "waiting"]


def test_transfer_refusals(ctx_for: CtxFor) -> None:
    take_n(ctx_for("kiosk1"), "A", 1)
    clerk = opened(ctx_for, 11)
    with pytest.raises(StateError):
        windows.transfer(clerk, 11, to_queue="B")  # nothing called
    windows.call_next(clerk, 11)
    with pytest.raises(ValidationError) as none:
        windows.transfer(clerk, 11)
    assert none.value.field == "to_queue"
    with pytest.raises(ValidationError, match="不办理") as exc:
        windows.transfer(clerk, 11, to_window=4)  # window 4 serves C and E only
    assert exc.value.field == "to_window"
    with pytest.raises(ValidationError):
        windows.transfer(clerk, 11, to_queue="B", to_window=11)  # 11 does not serve B
    assert windows.window_state(clerk, 11).ticket.state == "called"  # type: ignore[union-attr]


def test_transfer_to_a_queue_with_the_same_serial(ctx_for: CtxFor) -> None:
    """Numbers belong to the issuing queue: B001 may join queue A beside A001."""
    kiosk = ctx_for("kiosk1")
    take_n(kiosk, "A", 1)
    take_n(kiosk, "B", 1)
    clerk = opened(ctx_for, 10)
    windows.call_next(clerk, 10)
    moved = windows.transfer(clerk, 10, to_queue="A")  # B001 joins queue A beside A001
    assert (moved.number, moved.queue) == ("B001", "A")
    # Waiting again: its place in the new line, as its holder is told (A001 is ahead).
    assert (moved.people_ahead, moved) == (1, tickets.show_ticket(clerk, moved.id))
    assert tickets.take_ticket(kiosk, "A").number == "A002"


# --- the window itself ---------------------------------------------------------------------


def test_only_the_clerk_who_opened_it_or_a_supervisor_operates_a_window(
        ctx_for: CtxFor, hall_db: Database) -> None:
    take_n(ctx_for("kiosk1"), "A", 3)
    clerk1, clerk2, boss = opened(ctx_for, 1), ctx_for("clerk2"), ctx_for("supervisor1")
    for op in (windows.call_next, windows.open_window, windows.close_window):
        with pytest.raises(PermissionDenied) as exc:
            op(clerk2, 1)
        assert exc.value.code == "not_your_window"
    with pytest.raises(PermissionDenied):
        windows.pause(clerk2, 1, "代为暂停")
    with pytest.raises(PermissionDenied):
        windows.call_next(ctx_for("kiosk1"), 1)  # a kiosk has no window rights at all
    assert windows.call_next(boss, 1).number == "A001"
    with pytest.raises(PermissionDenied):
        windows.finish(clerk2, 1)
    assert windows.finish(clerk1, 1).state == "done"
    windows.pause(boss, 1, "值班长临时调配")
    assert windows.resume(clerk1, 1).state == "open"
    [call] = audits(hall_db, action="ticket_call")
    assert call.actor == "supervisor1"


def test_every_state_change_has_an_audit_row(ctx_for: CtxFor, clock: FakeClock,
                                             hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    setup_rows = len(audits(hall_db))  # the demo hall's own set-up entries
    take_n(kiosk, "A", 3)
    take_n(kiosk, "B", 1)
    clerk = opened(ctx_for, 11)
    windows.call_next(clerk, 11)                 # A001
    windows.recall(clerk, 11)
    windows.start(clerk, 11)
    windows.suspend(clerk, 11, "缺材料")
    tickets.resume_suspended(clerk, "A001")
    windows.call_next(clerk, 11)                 # A001 again (targeted)
    windows.finish(clerk, 11)
    windows.call_next(clerk, 11)                 # A002
    windows.noshow(clerk, 11)
    tickets.reactivate(kiosk, "A002")
    windows.call_ticket(clerk, 11, "A003", "现场指定")
    opened(ctx_for, 1)                           # a transfer goes to an open window
    windows.transfer(clerk, 11, to_window=1, reason="转1号窗")
    windows.pause(clerk, 11, "休息")
    windows.resume(clerk, 11)
    windows.close_window(clerk, 11)
    day.close_day(ctx_for("supervisor1"))
    actions = [a.action for a in audits(hall_db)[setup_rows:]]
    assert actions == [
        "ticket_take", "ticket_take", "ticket_take", "ticket_take", "window_open",
        "ticket_call", "ticket_recall", "ticket_start", "ticket_suspend", "ticket_resume",
        "ticket_call", "ticket_finish", "ticket_call", "ticket_noshow", "ticket_reactivate",
        "ticket_call_chosen", "window_open", "ticket_transfer", "window_pause",
        "window_resume",
        "window_close", "day_close"]
    report = audit.verify_audit(ctx_for("supervisor1"))
    assert report.ok, report.problems


def test_close_day_abandons_leftovers_closes_windows_and_records_missed_appointments(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    slots = appointments.create_slots(ctx_for("admin1"), "B", date(2026, 11, 24),
                                      time(10), time(11))
    missed = appointments.book(ctx_for("clerk1"), slots[0].id)
    take_n(kiosk, "A", 5)
    clerk11, clerk1 = opened(ctx_for, 11), opened(ctx_for, 1)
    windows.call_next(clerk11, 11)
    windows.finish(clerk11, 11)                     # A001 done: not a leftover
    windows.call_next(clerk11, 11)
    windows.noshow(clerk11, 11)                     # A002 no-show
    windows.call_next(clerk11, 11)
    windows.suspend(clerk11, 11, "缺材料")          # A003 suspended
    windows.call_next(clerk1, 1)
    windows.start(clerk1, 1)                        # A004 serving at window 1
    windows.pause(clerk1, 1, "暂离")
    clock.now = clock.now.replace(hour=10)          # 18:00 in Shanghai
    with pytest.raises(PermissionDenied):
        day.close_day(clerk11)
    result = day.close_day(ctx_for("supervisor1"))
    assert (result.hall_day, result.abandoned, result.missed_appointments,
            result.windows_closed) == ("2026-11-24", 3, 1, 2)
    with hall_db.read_session() as s:
        states = {n: st for n, st in s.execute(select(Ticket.number, Ticket.state))}
        assert s.scalar(select(func.count(Window.id)).where(Window.state != "closed")) == 0
        appt = s.scalars(select(Appointment).where(Appointment.code == missed.code)).one()
        assert appt.state == "missed"
    # The no-show keeps its state (the figures count it as one) and can no longer return.
    assert states == {"A001": "done", "A002": "no_show", "A003": "abandoned",
                      "A004": "abandoned", "A005": "abandoned"}
    assert ticket_row(hall_db, "A005").closed_at == clock.now
    assert ticket_row(hall_db, "A002").closed_at == clock.now
    with pytest.raises(StateError):
        tickets.reactivate(kiosk, "A002")
    [row] = audits(hall_db, action="day_close")
    assert len((row.after or {})["tickets"]) == 3
    clock.advance(hours=15)  # next morning: a fresh day with a fresh A001
    assert tickets.take_ticket(kiosk, "A").number == "A001"
