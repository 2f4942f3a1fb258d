"""Taking tickets: numbering per queue and hall day, quotas, one waiting ticket per ID,
validation, item → queue, masking, and the wait estimate on the ticket slip.

Every test runs on SQLite and PostgreSQL (``hall_db``) with the FakeClock at Tuesday
2026-11-24 09:00 in Shanghai. Quotas are set by updating the demo queue row directly.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from conftest import FakeClock
from sqlalchemy import func, select, update
from stdnum.cn import ric

from hallapp.core.errors import QuotaExhausted, ValidationError
from hallapp.services import day, kpi_report, simulate, tickets, windows
from hallapp.services.context import Ctx, as_dict
from hallapp.services.queue_common import TicketInfo
from hallapp.store.models import AuditEntry, DailyCounter, Queue, Ticket
from hallapp.store.uow import Database

CtxFor = Callable[[str], Ctx]
ITEM_MARRIAGE = "440304000000007543130001"  # 内地居民结婚登记, queue E in the demo catalogue


def make_id(born: str, region: str = "440304", seq: str = "123") -> str:
    """A valid resident ID number for a birth date YYYYMMDD (check digit computed)."""
    body = region + born + seq
    return body + ric.calc_check_digit(body + "0")


def set_queue(db: Database, code: str, **values: Any) -> None:
    with db.write_session() as s:
        s.execute(update(Queue).where(Queue.code == code).values(**values))
        s.commit()


def counter(db: Database, code: str, day: date) -> int | None:
    with db.read_session() as s:
        return s.scalar(select(DailyCounter.last_serial).join(
            Queue, Queue.id == DailyCounter.queue_id).where(
            Queue.code == code, DailyCounter.hall_day == day))


def ticket_count(db: Database) -> int:
    with db.read_session() as s:
        return int(s.scalar(select(func.count(Ticket.id))) or 0)


def take(kiosk: Ctx, queue: str | None, **kw: Any) -> TicketInfo:
    return tickets.take_ticket(kiosk, queue, **kw)


# --- numbering ---------------------------------------------------------------------------


def test_numbers_are_contiguous_per_queue_and_restart_each_hall_day(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    a = [take(kiosk, "A").number for _ in range(3)]
    b = [take(kiosk, "B").number for _ in range(2)]
    a.append(take(kiosk, "a").number)  # the code is matched case-insensitively
    assert a == ["A001", "A002", "A003", "A004"]
    assert b == ["B001", "B002"]
    clock.advance(days=1)
    nxt = take(kiosk, "A")
    assert (nxt.number, nxt.hall_day) == ("A001", date(2026, 11, 25))
    assert take(kiosk, "B").number == "B001"
    info = take(ctx_for("clerk1"), "C", channel="window")  # a desk takes one for someone
    with hall_db.read_session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "ticket_take")
                         .order_by(AuditEntry.id)).all()
    assert len(rows) == 9  # every take is audited
    row = rows[-1]
    assert (row.actor, row.entity_id) == ("clerk1", str(info.id))
    assert row.after is not None
    assert (row.after["number"], row.after["channel"]) == ("C001", "window")


# --- quotas ------------------------------------------------------------------------------


def test_daily_quota_refuses_without_consuming_a_number(
        ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    set_queue(hall_db, "A", daily_quota=2)
    kiosk = ctx_for("kiosk1")
    assert [take(kiosk, "A").number for _ in range(2)] == ["A001", "A002"]
    for _ in range(2):  # refused twice: neither refusal may use up a serial
        with pytest.raises(QuotaExhausted, match="今日号已取完") as exc:
            take(kiosk, "A")
        assert exc.value.exit_code == 16
    assert counter(hall_db, "A", date(2026, 11, 24)) == 2
    assert ticket_count(hall_db) == 2
    set_queue(hall_db, "A", daily_quota=3)  # the supervisor raises the quota: no gap
    assert take(kiosk, "A").number == "A003"
    clock.advance(days=1)
    assert take(kiosk, "A").number == "A001"


def test_time_window_quota(ctx_for: CtxFor, clock: FakeClock, hall_db: Database) -> None:
    set_queue(hall_db, "B", time_quotas=[{"start": "09:00", "end": "10:00", "quota": 2},
                                         {"start": "10:00", "end": "11:00", "quota": 1}])
    kiosk = ctx_for("kiosk1")
    assert [take(kiosk, "B").number for _ in range(2)] == ["B001", "B002"]
    clock.advance(minutes=59, seconds=59)  # 09:59:59: still the first window
    with pytest.raises(QuotaExhausted, match="本时段") as exc:
        take(kiosk, "B")
    assert exc.value.code == "time_quota_exhausted"
    clock.advance(seconds=1)  # 10:00:00 belongs to the second window (half-open)
    assert take(kiosk, "B").number == "B003"  # the refusal did not consume B003
    with pytest.raises(QuotaExhausted):
        take(kiosk, "B")
    clock.advance(hours=1)  # 11:00: outside every window, only the daily quota applies
    assert take(kiosk, "B").number == "B004"
    assert counter(hall_db, "B", date(2026, 11, 24)) == 4


def test_time_quota_counts_numbers_the_queue_issued(ctx_for: CtxFor,
                                                   hall_db: Database) -> None:
    """A ticket transferred away still used up its queue's quota; one transferred in did not."""
    set_queue(hall_db, "B", time_quotas=[{"start": "09:00", "end": "10:00", "quota": 2}])
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk10")
    take(kiosk, "B")
    take(kiosk, "B")
    windows.open_window(clerk, 10)
    windows.call_next(clerk, 10)
    assert windows.transfer(clerk, 10, to_queue="C").queue == "C"  # B001 now waits in C
    with pytest.raises(QuotaExhausted):
        take(kiosk, "B")  # B issued two numbers in this window: no third


def test_a_ticket_withdrawn_unprinted_is_no_ticket(ctx_for: CtxFor, clock: FakeClock,
                                                  hall_db: Database) -> None:
    """The kiosk could not print A002 and withdrew it: the board's 今日取号 said 3, the
    figures 2; and the applicant's next try used up a second place of the quotas."""
    set_queue(hall_db, "A", daily_quota=3,
              time_quotas=[{"start": "09:00", "end": "10:00", "quota": 2}])
    kiosk = ctx_for("kiosk1")
    take(kiosk, "A")
    withdrawn = take(kiosk, "A")
    clock.advance(seconds=20)
    tickets.cancel_unprinted(kiosk, withdrawn.id, "打印机缺纸")
    assert take(kiosk, "A").number == "A003"  # numbers have no gap
    with pytest.raises(QuotaExhausted, match="本时段"):
        take(kiosk, "A")
    clock.advance(hours=1)  # past the time slot: the daily quota counts three, not four
    assert take(kiosk, "A").number == "A004"
    with pytest.raises(QuotaExhausted, match="今日号已取完"):
        take(kiosk, "A")
    sup = ctx_for("supervisor1")
    [queue] = [q for q in day.hall_status(sup).queues if q.code == "A"]
    figures = kpi_report.kpi_report(sup, date(2026, 11, 24), by="queue")
    assert (queue.taken_today, queue.waiting) == (3, 3)
    assert [r.tickets for r in figures.rows if r.key == "A"] == [3]
    assert simulate.day_figures(sup, date(2026, 11, 24)).taken == 3  # the simulator's too


# --- one waiting ticket per ID -----------------------------------------------------------


def test_one_waiting_ticket_per_id_and_queue(ctx_for: CtxFor, hall_db: Database) -> None:
    kiosk, person = ctx_for("kiosk1"), make_id("19900101")
    first = take(kiosk, "A", id_number=person)
    again = take(kiosk, "A", id_number=person.lower())  # scanner typed a lower-case x: same
    assert (again.id, again.number, again.existing) == (first.id, "A001", True)
    assert not first.existing
    assert take(kiosk, "B", id_number=person).number == "B001"  # other queue: allowed
    assert take(kiosk, "A").number == "A002"  # the repeat did not consume a serial
    clerk = ctx_for("clerk11")
    windows.open_window(clerk, 11)
    assert windows.call_next(clerk, 11).number == "A001"
    renewed = take(kiosk, "A", id_number=person)  # no longer waiting: a new ticket
    assert (renewed.number, renewed.existing) == ("A003", False)
    assert ticket_count(hall_db) == 4


# --- validation --------------------------------------------------------------------------


INVALID = [
    ({"id_number": "44030419900101123"}, "id_number"),
    ({"id_number": "440304199001011230"}, "id_number"),  # wrong check digit
    ({"phone": "1381234567"}, "phone"),
    ({"priority": "vip"}, "priority"),
    ({"channel": "fax"}, "channel"),
]


def test_invalid_input_names_the_field(ctx_for: CtxFor, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    for kw, field in INVALID:
        with pytest.raises(ValidationError) as exc:
            take(kiosk, "A", **kw)
        assert (exc.value.field, exc.value.exit_code) == (field, 11), kw
    assert ticket_count(hall_db) == 0
    assert counter(hall_db, "A", date(2026, 11, 24)) is None


def test_elderly_channel_checks_the_age_in_the_id(ctx_for: CtxFor, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    # 2026-11-24: born 1966-11-25 is still 59, born 1966-11-24 turned 60 today.
    with pytest.raises(ValidationError, match="未满60周岁") as exc:
        take(kiosk, "A", priority="elderly", id_number=make_id("19661125"))
    assert exc.value.field == "priority"
    ok = take(kiosk, "A", priority="elderly", id_number=make_id("19661124"))
    assert (ok.number, ok.priority) == ("A001", "elderly")
    assert take(kiosk, "A", priority="pregnant").priority == "pregnant"
    assert counter(hall_db, "A", date(2026, 11, 24)) == 2


def test_sixty_today_is_elderly_before_eight_in_the_morning(ctx_for: CtxFor,
                                                            clock: FakeClock) -> None:
    """Aged by the UTC date, someone turning 60 today was refused until 08:00 in Shanghai."""
    clock.now = datetime(2026, 11, 23, 23, 50, tzinfo=UTC)  # 07:50 on the 24th in Shanghai
    ok = take(ctx_for("kiosk1"), "A", priority="elderly", id_number=make_id("19661124"))
    assert (ok.priority, ok.hall_day) == ("elderly", date(2026, 11, 24))
    with pytest.raises(ValidationError, match="未满60周岁"):  # 60 tomorrow
        take(ctx_for("kiosk1"), "A", priority="elderly", id_number=make_id("19661125"))


def test_item_code_resolves_its_queue(ctx_for: CtxFor, hall_db: Database) -> None:
    kiosk = ctx_for("kiosk1")
    info = take(kiosk, None, item_code=ITEM_MARRIAGE)
    assert (info.queue, info.number, info.item_code) == ("E", "E001", ITEM_MARRIAGE)
    with pytest.raises(ValidationError) as exc:
        take(kiosk, None, item_code="440300000000000000009999")
    assert exc.value.field == "item"
    with pytest.raises(ValidationError) as exc:
        take(kiosk, None)
    assert exc.value.field == "queue"
    assert take(kiosk, "e", item_code=ITEM_MARRIAGE).number == "E002"  # its own queue
    with pytest.raises(ValidationError) as exc:
        take(kiosk, "A", item_code=ITEM_MARRIAGE)  # served in E, not A
    assert (exc.value.field, exc.value.code) == ("item", "item_other_queue")
    assert counter(hall_db, "A", date(2026, 11, 24)) is None  # no number used


def test_ticket_info_carries_only_masked_personal_data(ctx_for: CtxFor) -> None:
    person = make_id("19900101")
    info = take(ctx_for("kiosk1"), "A", id_number=person, phone="+86 138 1234 5678")
    assert info.id_number_masked == f"4403**********{person[-4:]}"
    assert info.phone_masked == "138****5678"
    shown = tickets.show_ticket(ctx_for("clerk1"), "A001")
    assert (shown.id_number_masked, shown.phone_masked) == (info.id_number_masked,
                                                            "138****5678")
    assert [f.name for f in dataclasses.fields(info) if "id_number" in f.name
            or "phone" in f.name] == ["id_number_masked", "phone_masked"]
    text = json.dumps(as_dict(shown), ensure_ascii=False)
    assert person not in text
    assert "13812345678" not in text


def test_show_ticket_by_number_day_or_id(ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk = ctx_for("kiosk1")
    first = take(kiosk, "D")
    clock.advance(days=1)
    today = take(kiosk, "D")
    clerk = ctx_for("clerk1")
    assert tickets.show_ticket(clerk, "D001").id == today.id  # today's D001
    assert tickets.show_ticket(clerk, "2026-11-24/D001").id == first.id
    assert tickets.show_ticket(clerk, str(first.id)).hall_day == date(2026, 11, 24)


# --- wait estimate -------------------------------------------------------------------------


def _serve(clerk: Ctx, clock: FakeClock, window: int, seconds: int) -> str:
    called = windows.call_next(clerk, window)
    windows.start(clerk, window)
    clock.advance(seconds=seconds)
    windows.finish(clerk, window)
    return called.number


def test_people_ahead_and_estimate_match_a_hand_computation(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    kiosk, clerk11, clerk1 = ctx_for("kiosk1"), ctx_for("clerk11"), ctx_for("clerk1")
    windows.open_window(clerk11, 11)  # A only
    windows.open_window(clerk1, 1)    # A:2, B:1 → two open windows serve queue A
    for _ in range(3):
        take(kiosk, "A")
    served = [_serve(clerk11, clock, 11, secs) for secs in (200, 325, 540)]
    assert served == ["A001", "A002", "A003"]
    for _ in range(5):
        last = take(kiosk, "A")  # A004 … A008
    take(kiosk, "B")  # another queue: never ahead of an A ticket
    # Durations 200, 325, 540 s → median 325 s. A008 has A004–A007 ahead: 4 people.
    # 4 × 325 s / 2 windows = 650 s → ceil(650 / 60) = 11 minutes (10.83 rounded up).
    info = tickets.show_ticket(kiosk, last.number)
    assert (last.number, info.people_ahead, info.estimated_minutes) == ("A008", 4, 11)
    assert (last.people_ahead, last.estimated_minutes) == (4, 11)  # also on the slip
    windows.call_next(clerk11, 11)  # A004 called: no longer ahead
    # 3 ahead (A005–A007): 3 × 325 / 2 = 487.5 → 488 s → ceil(488 / 60) = 9 minutes.
    info = tickets.show_ticket(kiosk, "A008")
    assert (info.people_ahead, info.estimated_minutes) == (3, 9)
    windows.start(clerk11, 11)
    windows.pause(clerk1, 1, "午休")  # a paused window does not serve
    # 3 × 325 / 1 = 975 s → ceil(975 / 60) = 17 minutes (16.25 rounded up).
    info = tickets.show_ticket(kiosk, "A008")
    assert (info.people_ahead, info.estimated_minutes) == (3, 17)
    first_waiting = tickets.show_ticket(kiosk, "A005")
    assert (first_waiting.people_ahead, first_waiting.estimated_minutes) == (0, 0)
    served_one = tickets.show_ticket(kiosk, "A001")
    assert (served_one.state, served_one.people_ahead) == ("done", 0)


def test_estimate_uses_the_default_below_three_services(ctx_for: CtxFor,
                                                        clock: FakeClock) -> None:
    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk10")
    windows.open_window(clerk, 10)  # B only
    take(kiosk, "B")
    _serve(clerk, clock, 10, 60)  # one service of 60 s: too few, default 600 s applies
    for _ in range(3):
        last = take(kiosk, "B")
    # 2 ahead × 600 s / 1 window = 1200 s = 20 minutes.
    assert (last.people_ahead, last.estimated_minutes) == (2, 20)


def test_codes_are_read_as_typed_by_an_input_method(ctx_for: CtxFor) -> None:
    """Full-width letters and digits (a Chinese input method's) and a green-channel code in
    capitals name the same queue, ticket and class; an empty reference asks for a number."""
    kiosk = ctx_for("kiosk1")
    info = take(kiosk, "Ａ", priority="ELDERLY")
    assert (info.number, info.priority) == ("A001", "elderly")
    assert tickets.show_ticket(kiosk, "Ａ００１").number == "A001"
    with pytest.raises(ValidationError) as empty:
        tickets.show_ticket(kiosk, " ")
    assert empty.value.code == "ticket_ref_empty"
