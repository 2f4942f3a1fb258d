"""What a checklist mark being recorded must say, for the counter and the CLI alike.

``case checklist`` recorded 不符合要求 with no note (the 一次性告知书 then gave no reason),
copies of a material marked 缺, and 99999999999 copies; the counter asks for the note and
keeps copies of nothing handed in at 0. The service now refuses such marks.
"""

from __future__ import annotations

import pytest
from casekit import PLAIN, CtxFor, open_case

from hallapp.core.errors import ValidationError
from hallapp.core.intake import MAX_COPIES, MaterialMark
from hallapp.services import cases
from hallapp.store.uow import Database


@pytest.mark.parametrize(("mark", "code"), [
    (MaterialMark("M01", "faulty"), "material_fault_note"),
    (MaterialMark("M01", "faulty", note="  "), "material_fault_note"),
    (MaterialMark("M01", "missing", copies=3), "material_copies_none"),
    (MaterialMark("M01", "verified_online", copies=1), "material_copies_none"),
    (MaterialMark("M01", "received", copies=MAX_COPIES + 1), "material_copies_most"),
])
def test_marks_the_counter_would_not_take_are_refused(
        hall_db: Database, ctx_for: CtxFor, mark: MaterialMark, code: str) -> None:
    number = open_case(ctx_for, PLAIN).case.number
    clerk = ctx_for("clerk1")
    with pytest.raises(ValidationError) as refused:
        cases.record_checklist(clerk, number, [mark])
    assert refused.value.code == code
    assert "M01" in str(refused.value)
    assert all(m.status is None for m in cases.show_case(clerk, number).materials)


def test_a_faulty_mark_with_its_reason_and_paper_copies_are_recorded(
        hall_db: Database, ctx_for: CtxFor) -> None:
    number = open_case(ctx_for, PLAIN).case.number
    view = cases.record_checklist(ctx_for("clerk1"), number, [
        MaterialMark("M01", "faulty", copies=1, note="未签字"),
        MaterialMark("M02", "received", copies=MAX_COPIES)])
    by_code = {m.code: m for m in view.materials}
    assert (by_code["M01"].status, by_code["M01"].copies) == ("faulty", 1)
    assert by_code["M02"].copies == MAX_COPIES
