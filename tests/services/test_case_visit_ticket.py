"""A hall visit keeps the queue ticket the applicant came with (migration 0018), so a
最多跑一次 audit can tie each visit of a case to the queue. Supplements and corrections at the
window counted the visit but said nothing of the ticket.
Clock: Tuesday 2026-11-24 09:00 Shanghai. One demo database per engine for the module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from casekit import PLAIN, TOLERANT_3, CtxFor, accepted_case, serve, shared_database
from conftest import ENGINES, FakeClock

from hallapp.services import backoffice, case_clock, cases, windows
from hallapp.store.uow import Database


@pytest.fixture(scope="module", params=ENGINES)
def hall_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield from shared_database(request)


def _served(ctx_for: CtxFor, window: int) -> str:
    serve(ctx_for, window)  # the applicant, back on a new number
    ticket = windows.window_state(ctx_for(f"clerk{window}"), window).ticket
    assert ticket is not None
    return ticket.number


def _visits(ctx_for: CtxFor, number: str) -> list[tuple[str, bool, str | None]]:
    return [(v.purpose, v.online, v.ticket)
            for v in cases.show_case(ctx_for("supervisor1"), number).visits]


def test_a_supplement_at_the_window_records_the_ticket_served_there(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, TOLERANT_3, decision="accept_tolerant", seq=61,
                           M04="missing")
    intake = cases.show_case(ctx_for("clerk1"), number).case.ticket
    windows.finish(ctx_for("clerk1"), 1)
    clock.advance(days=1)
    came_with = _served(ctx_for, 2)
    case_clock.supply_supplement(ctx_for("clerk2"), number, ["M04"])
    assert _visits(ctx_for, number) == [("intake", False, intake),
                                        ("supplement", False, came_with)]


def test_a_correction_at_the_window_records_the_ticket_and_online_none(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=62)
    windows.finish(ctx_for("clerk1"), 1)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.request_correction(approver, number, "营业执照复印件不清晰", ["M02"])
    clock.advance(days=1)
    came_with = _served(ctx_for, 1)
    case_clock.supply_correction(ctx_for("clerk1"), number)
    backoffice.claim(approver, number)
    case_clock.request_correction(approver, number, "清税证明需盖章", ["M03"])
    case_clock.supply_correction_online(approver, number)
    visits = _visits(ctx_for, number)
    assert visits[1:] == [("correction", False, came_with), ("correction", True, None)]


def test_back_the_same_day_with_another_ticket_is_listed_but_not_another_trip(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """Accepted at 09:00 on one ticket, the applicant came back at 12:00 with a new one to
    supply the owed material: one trip (a hall day, 最多跑一次 counts trips), but the case
    listed only the morning's ticket. It now lists both, the second as not another trip."""
    number = accepted_case(ctx_for, TOLERANT_3, decision="accept_tolerant", seq=63,
                           M04="missing")
    intake = cases.show_case(ctx_for("clerk1"), number).case.ticket
    windows.finish(ctx_for("clerk1"), 1)
    clock.advance(hours=3)
    came_with = _served(ctx_for, 2)
    case_clock.supply_supplement(ctx_for("clerk2"), number, ["M04"])
    detail = cases.show_case(ctx_for("supervisor1"), number)
    assert [(v.purpose, v.ticket, v.counted) for v in detail.visits] == [
        ("intake", intake, True), ("supplement", came_with, False)]
    assert detail.case.visits == 1
    assert intake != came_with
