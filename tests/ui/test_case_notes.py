"""The notes the system writes on a case (its opinion, the history's opinion column): stored
in Chinese as written, shown in the screen's language ("按事项第 1 版收件", "准予批准",
"结果已制作，待出件" stayed Chinese in the English back office)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from counterkit import in_english
from PySide6.QtWidgets import QApplication

from hallapp.core import case_notes
from hallapp.services import backoffice, cases
from hallapp.services.context import Ctx
from hallapp.ui.backoffice.base import BackofficeEnv
from hallapp.ui.backoffice.models import HistoryModel
from hallapp.ui.common import case_notes as shown_notes
from hallapp.ui.common.case_notes import case_note

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from casekit import PLAIN, accepted_case

SQLITE_ONLY = pytest.mark.parametrize("engine_name", ["sqlite"])
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _filled(template: str) -> str:
    return template.format(*(f"X{n}" for n in range(template.count("{"))))


def test_every_note_template_is_listed_for_lupdate_and_translated(qapp: QApplication) -> None:
    assert set(case_notes.TEMPLATES) <= set(shown_notes._FOR_LUPDATE)
    for template in case_notes.TEMPLATES:
        note = _filled(template)
        assert case_note(note) == note  # a Chinese screen: as written
        with in_english(qapp):
            assert not CJK.search(case_note(note)), template


def test_details_stay_as_written_and_typed_opinions_as_typed(qapp: QApplication) -> None:
    with in_english(qapp):
        assert case_note(case_notes.CLAIM_RELEASED.format("林志强", "approver_szamr", "请假")) \
            == "Released the claim of 林志强 (approver_szamr): 请假"
        supplied = case_notes.SUPPLIED_LATE.format("M03、M04", "2026-11-30")
        assert case_note(case_notes.STILL_OWED.format(supplied, "M05")) == (
            "Pending materials brought: M03, M04 (late; due by 2026-11-30); still missing: M05")
        assert case_note("材料齐全，同意") == "材料齐全，同意"
        assert case_note("受理") == "Accept"


@SQLITE_ONLY
def test_an_english_back_office_shows_the_systems_notes_in_english(
        qapp: QApplication, ctx_for: Callable[[str], Ctx]) -> None:
    number = accepted_case(ctx_for, PLAIN, seq=61)
    approver = ctx_for("approver_szamr")
    backoffice.claim(approver, number)
    backoffice.approve(approver, number)
    backoffice.mark_ready(approver, number)
    detail = cases.show_case(ctx_for("clerk1"), number)
    stored = [t.opinion for t in detail.transitions if t.opinion]
    assert stored[0] == "按事项第 1 版收件"  # stored as written
    assert stored[-2:] == ["准予批准", "结果已制作，待出件"]
    with in_english(qapp):
        history = HistoryModel(BackofficeEnv(approver))
        history.set_rows(list(detail.transitions))
        column = history.column("opinion")
        shown = [history.data(history.index(row, column)) for row in range(history.rowCount())]
        shown = [text for text in shown if text]
    assert shown[0] == "Received under version 1 of the service item"
    assert shown[-2:] == ["Approved", "Result made, ready for collection"]
