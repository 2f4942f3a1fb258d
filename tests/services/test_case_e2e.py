"""A hall morning through the services, on a fresh demo hall, on both engines.

Tuesday 2026-11-24 from 09:00: tickets are taken at the kiosk and served at windows 1 and 4;
nine cases are taken in, one for each decision kind; the back office approves, denies, asks
for a correction and approves a 容缺 case; results are handed out (receipt QR, ID number,
express); applicants rate, one 差评 is followed up. The correction is brought back on
Wednesday morning and one case is only approved on Thursday. Then the figures computed from
the stored data must equal the hand count written below.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from casekit import (
    COMMITMENT,
    IMMEDIATE,
    PLAIN,
    PROMISED_AUTO,
    TOLERANT,
    TOLERANT_3,
    CtxFor,
    id_number,
    ready_case,
)
from conftest import FakeClock

from hallapp.services import (
    backoffice,
    case_clock,
    case_decide,
    case_kpi,
    cases,
    delivery,
    ratings,
    windows,
)
from hallapp.services.case_kpi import Rate
from hallapp.services.ratings import RatingInput
from hallapp.store.uow import Database

SH = ZoneInfo("Asia/Shanghai")


def _at(clock: FakeClock, day: int, hour: int, minute: int = 0) -> None:
    clock.now = datetime(2026, 11, day, hour, minute, tzinfo=SH)


@pytest.mark.slow
def test_a_hall_morning_and_its_figures(hall_db: Database, ctx_for: CtxFor,
                                        clock: FakeClock) -> None:
    clerk, clerk4 = ctx_for("clerk1"), ctx_for("clerk4")
    approver, sup, pad = ctx_for("approver_szamr"), ctx_for("supervisor1"), ctx_for("display1")
    decide = case_decide.decide

    # --- the window: one case per decision kind --------------------------------------------
    c1 = ready_case(ctx_for, IMMEDIATE, seq=1)  # 即办, ticket A001
    assert decide(clerk, c1, "on_spot").case.outcome == "on_time"
    clock.advance(minutes=10)
    c2 = ready_case(ctx_for, PLAIN, seq=2)  # 受理
    decide(clerk, c2, "accept")
    c3 = ready_case(ctx_for, TOLERANT, seq=3, M03="missing")  # 容缺受理
    decide(clerk, c3, "accept_tolerant")
    c4 = ready_case(ctx_for, COMMITMENT, seq=4, M05="commitment")  # 告知承诺
    decide(clerk, c4, "accept_commitment", commitment="承诺住所真实有效")
    c5 = ready_case(ctx_for, PLAIN, seq=5, M01="missing", M02="faulty")  # 一次性告知
    notice = decide(clerk, c5, "notify_missing")
    assert [m.code for m in notice.outstanding] == ["M01", "M02"]
    c6 = ready_case(ctx_for, PROMISED_AUTO, window=4, seq=6, status="verified_online")
    assert decide(clerk4, c6, "accept").case.state == "approved"  # 秒批
    c7 = ready_case(ctx_for, PLAIN, seq=7)  # 不予受理
    decide(clerk, c7, "refuse", reason="申请人不具备主体资格",
           legal_basis="《行政许可法》第三十二条")
    c8 = ready_case(ctx_for, TOLERANT_3, seq=8)
    decide(clerk, c8, "accept")
    c9 = ready_case(ctx_for, PLAIN, seq=9)
    decide(clerk, c9, "accept")
    windows.finish(clerk, 1)

    # --- the back office -------------------------------------------------------------------
    _at(clock, 24, 10)
    queue = [c.number for c in backoffice.review_queue(approver)]
    assert set(queue) == {c2, c3, c4, c8, c9}
    for number in (c2, c3, c4, c8):
        backoffice.claim(approver, number)
    backoffice.approve(approver, c2)
    backoffice.mark_ready(approver, c2)
    assert backoffice.approve(approver, c3).state == "approved_tolerant"
    backoffice.deny(approver, c8, "经营场所不符合食品安全要求", "《食品经营许可管理办法》第十一条")
    backoffice.mark_ready(approver, c8)
    _at(clock, 24, 10, 30)
    case_clock.request_correction(approver, c4, "股东主体资格证明需加盖公章", ["M03"])

    # --- results and ratings ---------------------------------------------------------------
    _at(clock, 24, 11)
    receipt = cases.show_case(clerk, c2).case.qr_payload
    assert delivery.deliver(clerk, c2, receipt).delivery == {
        "method": "window", "proof": "qr", "window": 1}
    _at(clock, 24, 11, 30)
    case_clock.supply_supplement(clerk, c3, ["M03"], online=True)
    backoffice.mark_ready(approver, c3)
    assert delivery.deliver(clerk, c3, id_number(3)).delivery == {
        "method": "window", "proof": "id", "window": 1}
    delivery.deliver_express(clerk, c8, "EMS1234567890")
    t1 = cases.show_case(clerk, c1).case.ticket
    assert t1 is not None
    ratings.rate(pad, RatingInput(5, 5, 5, 5), ticket=t1)
    ratings.rate(pad, RatingInput(4), case_ref=c2)
    bad = ratings.rate(pad, RatingInput(2, attitude=1, comment="等了很久"), case_ref=c4)
    worst = ratings.rate(pad, RatingInput(1), case_ref=c5)
    ratings.rate(ctx_for("kiosk1"), RatingInput(3), case_ref=c6)
    assert bad.followup_id is not None
    assert worst.followup_id is not None
    ratings.close_followup(sup, bad.followup_id, "已电话回访，说明补正原因并致歉")

    # --- Wednesday: the correction comes back; Thursday: c9 decided late --------------------
    _at(clock, 25, 9, 30)
    corrected = case_clock.supply_correction(clerk, c4)
    assert corrected.visits == 2
    assert corrected.deadline == datetime(2026, 11, 26, 18, tzinfo=SH)  # + Wed (Tue: accepted)
    _at(clock, 25, 10)
    backoffice.claim(approver, c4)
    assert backoffice.approve(approver, c4).outcome == "early"
    _at(clock, 26, 9, 30)
    backoffice.claim(approver, c9)
    assert backoffice.approve(approver, c9).outcome == "late"

    # --- the figures, by hand ----------------------------------------------------------------
    # received in person: c1…c9 = 9; on the spot: c1                               → 1/9
    # concluded: c1 c2 c3 c4 c6 c8 c9 = 7 (c5 notified, c7 refused: never decided)
    # ≤ 1 visit: all but c4 (intake Tue + correction Wed; same-day pickups don't count) → 6/7
    # on time: c1 on_time, c2 c3 c4 c6 c8 early, c9 late                           → 6/7
    # ratings 5 4 2 1 3: good (3–5) = 3 of 5; 差评 c4 (closed) and c5 (open)        → 1/2
    figures = case_kpi.case_figures(sup, date(2026, 11, 24), date(2026, 11, 26))
    assert figures.on_spot_rate == Rate(1, 9, 11.1)
    assert figures.one_visit_rate == Rate(6, 7, 85.7)
    assert figures.on_time_rate == Rate(6, 7, 85.7)
    assert figures.overdue_rate == Rate(1, 7, 14.3)
    assert figures.good_rating_rate == Rate(3, 5, 60.0)
    assert figures.rectification_rate == Rate(1, 2, 50.0)
    assert figures.open_by_department == ()
    tuesday = case_kpi.case_figures(sup, date(2026, 11, 24))
    assert tuesday.on_time_rate == Rate(5, 5, 100.0)  # c1 c2 c3 c6 c8 concluded on Tuesday
    hrss = case_kpi.case_figures(sup, date(2026, 11, 24), date(2026, 11, 26),
                                  department="SZHRSS")
    assert hrss.on_spot_rate == Rate(0, 1, 0.0)  # c6 only
