"""A case's trips to the hall on the staff screens: the counter's case view (查件) and the back
office's case detail list each visit (hall time, why, in person with its queue ticket or
online), so a clerk sees at a glance whether the applicant has come more than once (最多跑一次).
Before, both showed only a count. Demo hall; clerk1 at window 1, approver_szamr's desk.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from backofficekit import Desk, desks, open_in_desk
from conftest import FakeClock
from counterkit import MakeCounter, counters
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, accepted_case, serve

from hallapp.services import backoffice, case_clock, cases
from hallapp.services.case_views import VisitInfo
from hallapp.services.context import Ctx, Database
from hallapp.ui.common.visits import visits_text

CtxFor = Callable[[str], Ctx]


@pytest.fixture
def make_counter(qtbot: QtBot, qapp: QApplication, hall_db: Database, clock: FakeClock,
                 tmp_path: Path) -> Iterator[MakeCounter]:
    yield from counters(qtbot, hall_db, clock, tmp_path)


@pytest.fixture
def make_desk(qtbot: QtBot, ctx_for: CtxFor, tmp_path: Path) -> Iterator[Desk]:
    yield from desks(qtbot, ctx_for, tmp_path)


def came_twice(ctx_for: CtxFor, clock: FakeClock) -> tuple[str, list[str]]:
    """Accepted on 11-24; a 补正 asked for; the corrections brought on 11-25 on a new ticket.
    The case number and the two tickets' numbers."""
    number = accepted_case(ctx_for, PLAIN)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    case_clock.request_correction(approver, number, "清税证明须加盖公章", ["M03"])
    clock.advance(days=1)
    serve(ctx_for, 1)
    case_clock.supply_correction(ctx_for("clerk1"), number)
    visits = cases.show_case(ctx_for("clerk1"), number).visits
    tickets = [v.ticket for v in visits]
    assert len(tickets) == 2
    assert None not in tickets
    return number, [str(t) for t in tickets]


def test_the_counters_case_view_lists_each_visit_with_its_ticket(
        qtbot: QtBot, make_counter: MakeCounter, ctx_for: CtxFor, clock: FakeClock,
        tmp_path: Path) -> None:
    number, (first, second) = came_twice(ctx_for, clock)
    counter = make_counter(size=(1366, 768))
    panel = counter.delivery
    counter.tabs.setCurrentWidget(panel)
    panel.scan.setText(number)
    qtbot.keyClick(panel.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.detail is not None)
    assert (f"到厅 2 次：11-24 09:00 收件（现场 {first}）；"
            f"11-25 09:00 补正材料（现场 {second}）") in panel.view.body.text()
    body = panel.view.body  # in sight at 1366×768
    qtbot.waitUntil(lambda: body.height() >= body.heightForWidth(body.width()))
    counter.grab().save(str(tmp_path / "counter_visits.png"))


def test_the_back_offices_case_detail_lists_each_visit(
        qtbot: QtBot, make_desk: Desk, ctx_for: CtxFor, clock: FakeClock,
        tmp_path: Path) -> None:
    number, (first, second) = came_twice(ctx_for, clock)
    desk = make_desk(size=(1366, 768))
    open_in_desk(qtbot, desk, number)
    shown = desk.detail.visits.text()
    assert shown == (f"2 次：11-24 09:00 收件（现场 {first}）；"
                     f"11-25 09:00 补正材料（现场 {second}）")
    assert desk.detail.visits_name.text() == "到厅："
    label = desk.detail.visits  # all of it in sight at 1366×768
    qtbot.waitUntil(lambda: label.visibleRegion().boundingRect() == label.rect())
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    desk.grab().save(str(tmp_path / "desk_visits.png"))


def test_a_second_coming_on_the_same_day_says_it_is_not_another_trip(
        qapp: QApplication) -> None:
    """Back the same day with another ticket: listed with it, and marked not counted (the
    count beside the list stays one per hall day)."""
    at = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    visits = [VisitInfo(at, "intake", False, "A001"),
              VisitInfo(at.replace(hour=6), "supplement", False, "A023", counted=False)]
    text = visits_text(visits, lambda t: f"{t:%H:%M}")
    assert text.endswith("；06:00 补齐容缺材料（现场 A023，同日不另计）"), text
