"""A hall day with known figures, for the KPI, report and supervisor tests.

``busy_day`` plays one morning through the services with the test clock (seconds after the
start at 09:00). Its figures, counted by hand:

=========  ======================================================================
tickets    A001 A002 A003 A004 A005 (queue A), B001 (queue B): 6
called     A001 (wait 300 s), A002 (540), A003 (580) at window 11 / clerk1; B001 (1020)
           at window 10 / clerk3: 4 called, waits 300 540 580 1020 → mean 610, p90 1020
           (clerks 1 and 3 relieve 11's and 10's own: the supervisor opens those windows and
           each clerk's first call claims one)
service    A001 300 s, A003 500 s, B001 300 s → mean 366.7, p90 500
no-show    A002 (passed; the day close later marks it abandoned): 1 of 4 called
abandoned  A004, A005 left waiting at the day close: 2 of 6
cases      at window 11 during A003: one 即办 (concluded on the spot), one accepted and
           approved the same morning: 即办率 1/2, 最多跑一次 2/2, 按时办结 2/2, 逾期 0/2
ratings    A001 → 5, B001 → 4, A003 → 1 (a named 差评 with a follow-up): 好评 2/3,
           差评整改 0/1 (1/1 once the follow-up is closed)
=========  ======================================================================
"""

from __future__ import annotations

from casekit import IMMEDIATE, PLAIN, CtxFor, marks, person
from conftest import FakeClock

from hallapp.services import (
    backoffice,
    case_decide,
    cases,
    ratings,
    supervisor,
    tickets,
    windows,
)
from hallapp.services.ratings import RatingInput

DAY_TICKETS = 6
W1, W2 = 11, 10  # 企业开办专窗 (queue A only), 不动产登记专窗 (queue B only)


def _case(ctx_for: CtxFor, item: str, decision: str, seq: int) -> str:
    clerk = ctx_for("clerk1")
    detail = cases.open_case(clerk, W1, item, person(seq))
    cases.record_checklist(clerk, detail.case.number,
                           marks([m.code for m in detail.materials]))
    case_decide.decide(clerk, detail.case.number, decision)
    return detail.case.number


def busy_day(ctx_for: CtxFor, clock: FakeClock, *, seq: int = 1) -> dict[str, str]:
    """Play the day described above; returns the case numbers and the 差评 follow-up id."""
    kiosk, c1, c3 = ctx_for("kiosk1"), ctx_for("clerk1"), ctx_for("clerk3")
    for queue in "AAAB":
        tickets.take_ticket(kiosk, queue)
        clock.advance(seconds=60)
    tickets.take_ticket(kiosk, "A")  # t=240
    clock.advance(seconds=60)
    tickets.take_ticket(kiosk, "A")  # t=300
    boss = ctx_for("supervisor1")
    supervisor.open_window(boss, W1)
    windows.call_next(c1, W1)  # A001, wait 300
    windows.start(c1, W1)
    clock.advance(seconds=300)  # t=600
    windows.finish(c1, W1)
    windows.call_next(c1, W1)  # A002, wait 540
    clock.advance(seconds=60)
    windows.noshow(c1, W1)
    clock.advance(seconds=40)  # t=700
    windows.call_next(c1, W1)  # A003, wait 580
    windows.start(c1, W1)
    clock.advance(seconds=100)  # t=800
    on_spot = _case(ctx_for, IMMEDIATE, "on_spot", seq)
    clock.advance(seconds=100)  # t=900
    accepted = _case(ctx_for, PLAIN, "accept", seq + 1)
    clock.advance(seconds=100)  # t=1000
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, accepted)
    backoffice.approve(approver, accepted)
    clock.advance(seconds=200)  # t=1200
    windows.finish(c1, W1)  # A003, service 500
    supervisor.open_window(boss, W2)
    windows.call_next(c3, W2)  # B001, wait 1020
    windows.start(c3, W2)
    clock.advance(seconds=300)  # t=1500
    windows.finish(c3, W2)
    pad = ctx_for("display1")
    ratings.rate(pad, RatingInput(5), ticket="A001")
    ratings.rate(pad, RatingInput(4), ticket="B001")
    bad = ratings.rate(pad, RatingInput(1), ticket="A003")
    assert bad.followup_id is not None
    return {"on_spot": on_spot, "accepted": accepted, "followup": str(bad.followup_id)}
