"""Helpers for the case tests: valid identity numbers, a served ticket, a case ready to decide.

Demo items used (resources/demo/catalogue.json, all SZAMR / queue A unless noted):

* IMMEDIATE_AUTO  个体工商户设立登记: 即办件 with 秒批 rules (all verified online, person)
* IMMEDIATE       个体工商户变更登记: 即办件, M04 optional
* COMMITMENT      有限责任公司设立登记: 1 working day, M05 may be replaced by commitment
* TOLERANT        公司变更登记: 1 working day, 容缺 allowed (M03 is secondary)
* TOLERANT_3      食品经营许可: 3 working days, 容缺 (M04 secondary) and 告知承诺 (M05)
* PLAIN           企业注销登记: 1 working day, neither
* PROMISED_AUTO   新引进人才租房和生活补贴 (SZHRSS, queue C): 10 working days, 秒批 rules
* LONG            本市居民在港、澳出生的子女申报入户 (SZPSB, queue D): 55 working days
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select
from stdnum.cn import ric, uscc

from hallapp.core.intake import MaterialMark
from hallapp.services import cases, tickets, windows
from hallapp.services.case_views import CaseDetail
from hallapp.services.context import Ctx
from hallapp.store.models import AuditEntry, CaseTransition
from hallapp.store.uow import Database

IMMEDIATE_AUTO = "440300000000069391780004"
IMMEDIATE = "440300000000069391780005"
COMMITMENT = "440300000000069391780001"
TOLERANT = "440300000000069391780002"
TOLERANT_3 = "440300000000069391780008"
PLAIN = "440300000000069391780003"
PROMISED_AUTO = "440300000000069390358003"
LONG = "440304000000731860734004"

CtxFor = Callable[[str], Ctx]


def shared_database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """One demo database per test module and engine (``request.param``).

    Creating and dropping a PostgreSQL database costs about a second per test; the case
    tests each work on their own cases, so a module shares one database and stays well
    inside the time budget. Tests that need an empty hall use the per-test ``hall_db``.
    """
    from conftest import _make_db

    yield from _make_db(request, request.getfixturevalue("templates"), request.param, "demo")


def id_number(seq: int, born: str = "19850312", region: str = "440304") -> str:
    body = f"{region}{born}{seq % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def uscc_code(seq: int) -> str:
    body = f"91440300MA5F{seq % 100000:05d}"
    return body + uscc.calc_check_digit(body)


def person(seq: int = 1, name: str = "张三") -> cases.ApplicantInput:
    return cases.ApplicantInput("person", name, id_number(seq), "13800138000")


WINDOW_QUEUE = {1: "A", 2: "A", 3: "B", 4: "C", 5: "C", 6: "D", 7: "D", 8: "E", 9: "F"}


def serve(ctx_for: CtxFor, window: int = 1) -> None:
    """Take a ticket in the window's first queue and have its clerk call and serve it."""
    clerk = ctx_for(f"clerk{window}")
    tickets.take_ticket(ctx_for("kiosk1"), WINDOW_QUEUE[window])
    if windows.window_state(clerk, window).state != "open":
        windows.open_window(clerk, window)
    current = windows.window_state(clerk, window).ticket
    if current is not None:
        windows.finish(clerk, window)
    windows.call_next(clerk, window)
    windows.start(clerk, window)


def marks(item_codes: Iterable[str], status: str = "received",
          **overrides: str) -> list[MaterialMark]:
    """A mark per code; ``overrides`` maps a code to another status (``M03="missing"``)."""
    out = []
    for code in item_codes:
        st = overrides.get(code, status)
        out.append(MaterialMark(code, st, form="original" if st == "received" else None,
                                copies=1 if st == "received" else 0,
                                note="复印件不清晰" if st == "faulty" else None))
    return out


def open_case(ctx_for: CtxFor, item: str, *, window: int = 1, seq: int = 1,
              applicant: cases.ApplicantInput | None = None, serve_first: bool = True
              ) -> CaseDetail:
    clerk = ctx_for(f"clerk{window}")
    if serve_first:
        serve(ctx_for, window)
    return cases.open_case(clerk, window, item, applicant or person(seq))


def ready_case(ctx_for: CtxFor, item: str, *, window: int = 1, seq: int = 1,
               status: str = "received", serve_first: bool = True,
               **overrides: str) -> str:
    """Open a case and mark every material (required or not); returns the case number."""
    detail = open_case(ctx_for, item, window=window, seq=seq, serve_first=serve_first)
    codes = [m.code for m in detail.materials]
    cases.record_checklist(ctx_for(f"clerk{window}"), detail.case.number,
                           marks(codes, status, **overrides))
    return detail.case.number


def transitions(db: Database, case_id: int) -> list[tuple[str | None, str, str, str]]:
    with db.read_session() as s:
        return [(t.from_state, t.action, t.to_state, t.actor) for t in s.scalars(
            select(CaseTransition).where(CaseTransition.case_id == case_id)
            .order_by(CaseTransition.id))]


def case_audits(db: Database, case_id: int) -> list[tuple[str, str, Any, Any]]:
    with db.read_session() as s:
        return [(a.action, a.actor, a.before, a.after) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "case",
                                     AuditEntry.entity_id == str(case_id))
            .order_by(AuditEntry.id))]


def accepted_case(ctx_for: CtxFor, item: str = PLAIN, *, decision: str = "accept",
                  window: int = 1, seq: int = 1, **overrides: str) -> str:
    """A case accepted at ``window`` and waiting in its department's queue."""
    from hallapp.services import case_decide

    extra: dict[str, Any] = dict(overrides)  # material code → status
    number = ready_case(ctx_for, item, window=window, seq=seq, **extra)
    case_decide.decide(ctx_for(f"clerk{window}"), number, decision)
    return number


def second_approver(db: Database, clock: Callable[[], datetime],
                    like: str = "approver_szamr") -> Ctx:
    """Another approver of the same department (the demo hall has one per department)."""
    from hallapp.core.roles import Actor, Role
    from hallapp.store.models import Staff

    username = f"{like}_b"
    with db.write_session() as s:
        model = s.scalars(select(Staff).where(Staff.username == like)).one()
        row = s.scalars(select(Staff).where(Staff.username == username)).first()
        if row is None:
            row = Staff(username=username, name="第二审批人", role="approver",
                        password_hash="-", department_id=model.department_id, active=True,
                        failed_logins=0)
            s.add(row)
        row.active = True  # an earlier test of the module may have disabled it (its epoch moved)
        s.commit()
        actor = Actor(row.username, Role.APPROVER, row.id, row.name, row.department_id,
                      session_epoch=row.session_epoch)
    return Ctx(db, actor, clock=clock, terminal="test")


def claim_worker(url: str, username: str, numbers: list[str], now: datetime, barrier: Any,
                 results: Any) -> None:
    """One OS process: claim and approve every case it can, after a common start."""
    from hallapp.core.errors import StateError
    from hallapp.core.roles import Actor, Role
    from hallapp.services import backoffice
    from hallapp.store.models import Staff

    db = Database(url)
    with db.read_session() as s:
        row = s.scalars(select(Staff).where(Staff.username == username)).one()
        actor = Actor(row.username, Role.APPROVER, row.id, row.name, row.department_id)
    ctx = Ctx(db, actor, clock=lambda: now, terminal=f"proc-{username}")
    backoffice.review_queue(ctx)  # connect and configure mappers before the race
    barrier.wait()
    won = []
    for number in numbers:
        try:
            backoffice.claim(ctx, number)
            backoffice.approve(ctx, number)
            won.append(number)
        except StateError:
            pass
    results.put((username, won))
    db.dispose()
