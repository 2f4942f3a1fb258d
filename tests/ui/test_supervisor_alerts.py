"""The supervisor's alerts read in the board's language, with their particulars.

The service writes each alert in Chinese from its facts; an English board fills the English
text of the same kind (hallapp/ui/supervisor/alert_text.py) with the same facts.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import IMMEDIATE, PLAIN, TOLERANT_3, accepted_case

from hallapp.services import alerts, ratings, supervisor, tickets, windows, worklists
from hallapp.services.alerts import Alert
from hallapp.services.context import Ctx
from hallapp.services.ratings import RatingInput
from hallapp.ui.common.qt_app import set_language
from hallapp.ui.supervisor.alert_text import EN
from hallapp.ui.supervisor.models import AlertModel, DueCaseModel

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
DEPARTMENT = "深圳市市场监督管理局"
DEPARTMENT_EN = "Shenzhen Administration for Market Regulation"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_alert_text_has_its_english_with_the_same_facts() -> None:
    assert set(EN) == set(alerts.TEXTS)
    for name, chinese in alerts.TEXTS.items():
        assert _fields(EN[name]) == _fields(chinese), name


def _every_kind(ctx_for: Callable[[str], Ctx], clock: FakeClock) -> dict[str, Alert]:
    """One alert of each kind, raised the way a hall raises them."""
    seen: dict[str, Alert] = {}

    def look() -> None:
        for a in supervisor.board(ctx_for("supervisor1")).alerts:
            seen.setdefault(a.kind, a)

    kiosk, clerk = ctx_for("kiosk1"), ctx_for("clerk11")
    tickets.take_ticket(kiosk, "A", item_code=IMMEDIATE)  # its norm is 10 minutes
    tickets.take_ticket(kiosk, "A")
    tickets.take_ticket(kiosk, "B")
    windows.open_window(clerk, 11)
    windows.call_next(clerk, 11)
    windows.start(clerk, 11)
    windows.open_window(ctx_for("clerk10"), 10)  # serves B, where B001 waits
    clock.advance(minutes=21)
    look()  # A002 waited 21 > 20 min; A001 served 21 > 2 × 10; window 10 idle 21 min
    windows.finish(clerk, 11)
    ratings.rate(ctx_for("display1"), RatingInput(2), ticket="A001")
    look()
    accepted_case(ctx_for, PLAIN)  # due in 1 working day: in the warning period
    # decided in 3 working days, but M04 owed by the next one
    accepted_case(ctx_for, TOLERANT_3, decision="accept_tolerant", seq=2, M04="missing")
    look()
    clock.advance(days=3)
    look()
    return seen


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    qapp.setProperty("hallapp_lang", "en")
    yield
    qapp.setProperty("hallapp_lang", "zh")


def _shown(alert: Alert) -> str:
    """The board's line for the alert, without the time it began (if it has one)."""
    model = AlertModel()
    model.set_rows([alert])
    line = model.data(model.index(0, 0))
    since = model.local(alert.since)
    assert line.startswith(f"{since}  " if since else "")
    return line.removeprefix(f"{since}  " if since else "")


# kind: (subject, Chinese message), English message. The board shows the message alone: it
# names the subject, which had a column of its own as well.
EXPECTED = {
    "wait_over_target": (("A", "A 商事登记：最长已等候 21 分钟，超过目标 20 分钟"),
                         "A Business registration: longest wait 21 min, over the "
                         "20-min target"),
    "window_idle": (("10号窗口", "10号窗口已空闲 21 分钟，所办队列有 1 人等候"),
                    "Window 10 idle for 21 min; 1 waiting in its queues"),
    "service_over_norm": (("11号窗口", "11号窗口 A001 已办理 21 分钟，超过标准时长 10 分钟的 2 倍"),
                          "Window 11: A001 in service for 21 min, over 2 × the 10-min norm"),
    "bad_rating": (("11号窗口", "11号窗口收到差评（2 级），请跟进回访"),
                   "Bad rating (level 2) at window 11; please follow up"),
    "case_warning": ((DEPARTMENT, f"{DEPARTMENT}：1 件办件临近办结期限"),
                     f"{DEPARTMENT_EN}: cases near their deadline: 1"),
    "case_overdue": ((DEPARTMENT, f"{DEPARTMENT}：1 件办件已逾期"),
                     f"{DEPARTMENT_EN}: cases overdue: 1"),
    "supplement_warning": ((DEPARTMENT, f"{DEPARTMENT}：1 件容缺办件临近补齐期限"),
                           f"{DEPARTMENT_EN}: cases with pending materials due soon: 1"),
    "supplement_overdue": ((DEPARTMENT, f"{DEPARTMENT}：1 件容缺办件逾期未补齐材料"),
                           f"{DEPARTMENT_EN}: cases with pending materials overdue: 1"),
    # November 2026, and the tests' calendar knows no 2027 (conftest.PACKAGE_LAST_YEAR)
    "calendar_next_year": (("节假日安排", "2027 年节假日安排尚未载入：期限落在 2027 年的办件将无法"
                                      "受理，请在官方通知发布后导入（hallapp calendar load）"),
                           "The holidays of 2027 are not loaded: cases due in 2027 cannot be "
                           "accepted; load the official notice once published (hallapp "
                           "calendar load)"),
    # three days later, nobody having closed the 24th: its tickets still waiting or served
    "day_not_closed": (("日终", "2026-11-24 起未日终：还有 3 个号未办结，不会再被叫号；开厅前执行"
                               "日终闭厅即补结，开厅后则由今日日终一并记为弃号"),
                       "Not closed since 2026-11-24: 3 unfinished tickets, which will never "
                       "be called; a day close before opening time ends them, otherwise "
                       "today's close records them as abandoned"),
}


@SQLITE_ONLY
def test_alerts_read_in_chinese_and_in_english(qapp: QApplication,
                                               ctx_for: Callable[[str], Ctx],
                                               clock: FakeClock) -> None:
    seen = _every_kind(ctx_for, clock)
    assert set(seen) == set(EXPECTED)
    for kind, (chinese, _) in EXPECTED.items():
        assert (seen[kind].subject, seen[kind].message) == chinese, kind
        assert _shown(seen[kind]) == chinese[1], kind
    qapp.setProperty("hallapp_lang", "en")
    try:
        for kind, (_, english) in EXPECTED.items():
            assert _shown(seen[kind]) == english, kind
    finally:
        qapp.setProperty("hallapp_lang", "zh")


def test_a_bad_rating_for_the_hall_names_the_hall(english: None) -> None:
    alert = alerts._alert("bad_rating", "critical", "rating:1", "大厅", None,
                          text="bad_rating_hall", level=1, window=None)
    assert alert.message == "大厅收到差评（1 级），请跟进回访"
    assert _shown(alert) == "Bad rating (level 1) in the hall; please follow up"


def test_an_alert_with_a_fact_missing_keeps_its_chinese(english: None) -> None:
    alert = Alert("window_idle", "warning", "idle:3", "3号窗口", "3号窗口已空闲", None,
                  "window_idle", (("window", "3"),))
    assert _shown(alert) == "3号窗口已空闲"


@SQLITE_ONLY
def test_the_due_cases_list_names_item_and_department_in_the_boards_language(
        qapp: QApplication, ctx_for: Callable[[str], Ctx]) -> None:
    accepted_case(ctx_for, PLAIN)  # due in 1 working day: in the warning period
    [due] = worklists.due_cases(ctx_for("supervisor1"))
    model = DueCaseModel()
    model.set_rows([due])

    def row() -> tuple[str, str]:
        return (model.data(model.index(0, model.column("item"))),
                model.data(model.index(0, model.column("department"))))

    assert row() == ("企业注销登记（含简易注销、普通注销、分支机构注销）", DEPARTMENT)
    qapp.setProperty("hallapp_lang", "en")
    try:
        assert row() == ("Deregistration of an enterprise (simplified, ordinary, branch)",
                         DEPARTMENT_EN)
    finally:
        qapp.setProperty("hallapp_lang", "zh")


@SQLITE_ONLY
def test_the_due_list_names_owed_materials_and_returned_cases(
        qapp: QApplication, ctx_for: Callable[[str], Ctx], clock: FakeClock) -> None:
    """Two rows the list never had: a 容缺 case whose materials are due (not its decision)
    and a case returned to the window while its clock runs."""
    from hallapp.services import backoffice

    owing = accepted_case(ctx_for, TOLERANT_3, decision="accept_tolerant", M04="missing")
    returned = accepted_case(ctx_for, PLAIN, seq=2)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, returned)
    backoffice.return_to_front(approver, returned, "材料需窗口重新核验")
    model = DueCaseModel()
    model.set_rows(list(worklists.due_cases(ctx_for("supervisor1"))))

    def rows() -> list[tuple[str, str, str]]:
        return [tuple(model.data(model.index(r, model.column(c)))  # type: ignore[misc]
                      for c in ("number", "state", "deadline")) for r in range(2)]

    assert rows() == [(owing, "容缺材料待补齐（M04）", "11-25 18:00"),
                      (returned, "退回待重新受理", "11-25 18:00")]
    assert model.headerData(model.column("deadline"), Qt.Orientation.Horizontal) == "期限"
    set_language(qapp, "en")
    try:
        assert rows() == [(owing, "Pending materials due (M04)", "11-25 18:00"),
                          (returned, "Returned, to re-accept", "11-25 18:00")]
        assert model.headerData(model.column("deadline"), Qt.Orientation.Horizontal) == "Due"
    finally:
        set_language(qapp, "zh")
