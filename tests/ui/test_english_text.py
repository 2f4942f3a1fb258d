"""English text reads as English: no Chinese punctuation inside it, and no count written
before a fixed plural ("1 rows", "1 settings saved").

The texts are the .ts translations, the refusals' English (``errors_en``) and the printed
documents' English labels. Chinese punctuation slipped in where a translator kept the source's
("Separate keywords with ；or ;"); a single count takes Qt's numerus forms (``%n`` in the
source, a singular and a plural in the .ts), and a sentence with several counts is phrased
around them ("problems found: {2}").
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from test_error_english import ROOT, _refusals
from test_translations import TS, qm_app, qm_dir, read_ts

from hallapp.core.errors import ValidationError
from hallapp.core.errors_en import EN
from hallapp.core.hallday import parse_hhmm
from hallapp.documents.labels_en import ENGLISH_LABELS
from hallapp.services.kpi_report import MAX_DAYS, check_period
from hallapp.ui.common import qt_app
from hallapp.ui.common.errors import listed, user_message, with_code

__all__ = ["qm_app", "qm_dir"]  # the fixtures, imported from test_translations

# Full-width and ideographic punctuation (，。：；（）「」、！？【】《》); curly quotes are English.
CJK_PUNCTUATION = re.compile(
    r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")
# A placeholder, perhaps an adjective, then a word in -s: "{0} entries", "{1} new items".
COUNT_PLURAL = re.compile(r"(?:\{\w*\}|%L?\d)\s+(?:[a-z-]+\s+)?([a-z-]+s)\b")
NOT_PLURALS = {"is", "was", "has", "does", "its", "as", "minus", "plus", "exists"}
# Counts that are never one: the planner's runs (at least 20) and a shortage of windows
# (more than the hall's, so at least two); arrivals are a rate per hour.
PLURAL_ALWAYS = {"{0} runs", "{1} windows", "{0} arrivals"}


def english_texts() -> Iterator[tuple[str, str]]:
    """(where, text) of every English text: translations (each numerus form), refusals and
    the documents' labels."""
    for m in read_ts(TS):
        for text in m.texts():
            yield f"{m.context}: {m.source}", text
    for code, text in EN.items():
        yield f"errors_en {code}", text
    for key, text in ENGLISH_LABELS.items():
        yield f"labels_en {key}", text


def test_no_chinese_punctuation_in_english() -> None:
    bad = [(where, text) for where, text in english_texts() if CJK_PUNCTUATION.search(text)]
    assert bad == []


def test_a_count_is_not_followed_by_a_fixed_plural() -> None:
    """In the screens' texts, whose counts are numbered ({0}); the refusals' named ones are
    limits ("at most {most} characters"), never one."""
    bad = []
    for m in read_ts(TS):
        if m.forms:
            continue
        for found in COUNT_PLURAL.finditer(m.translation):
            if found[1] not in NOT_PLURALS and found[0] not in PLURAL_ALWAYS:
                bad.append((m.context, found[0]))
    assert bad == [], "use %n (numerus forms) or put the count after a colon"


@pytest.mark.parametrize(("context", "source", "one", "two"), [
    ("DrillDialog", "共 %n 条", "1 row", "2 rows"),
    ("SettingsPage", "已保存 %n 项设置", "1 setting saved", "2 settings saved"),
    ("AuditPage", "校验通过：%n 条记录，哈希链完整，未发现改动",
     "Verified: 1 entry, hash chain intact, no changes found",
     "Verified: 2 entries, hash chain intact, no changes found"),
])
def test_a_count_reads_singular_or_plural(qm_app: QApplication, context: str, source: str,
                                          one: str, two: str) -> None:
    qt_app.set_language(qm_app, "en")
    assert QApplication.translate(context, source, "", 1) == one
    assert QApplication.translate(context, source, "", 2) == two


KPI_PATH = ["services/kpi_report.py", "services/case_kpi.py", "services/kpi_drill.py",
            "services/reports.py"]
DOCUMENT_PATH = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "documents").glob("*.py"))


@pytest.mark.parametrize(("paths", "known"), [
    (KPI_PATH, {"period_order", "period_too_long", "unknown_key"}),
    (DOCUMENT_PATH, {"no_cjk_font", "invalid_page", "unknown_label"}),
    (["core/hallday.py"], {"time_format", "time_range", "quota_period_overlap"}),
])
def test_every_refusal_of_figures_documents_and_times_has_english(paths: list[str],
                                                                  known: set[str]) -> None:
    """The supervisor's figures and reports, the printed documents, the hall's times: a
    period of more than three years read "查询期间最长 1098 天" on an English screen, a
    missing font "找不到可嵌入的中文 TrueType 字体…", an opening hour typed "25:00" on the
    administrator's hours page "时间超出范围（00:00–23:59）" (the refusals had no code of
    their own, or no English). Every fact an English text names is given where it is
    raised."""
    found = [(f"{f}:{line}", code, facts) for f in paths for line, code, facts in _refusals(f)]
    assert {code for _, code, _ in found} >= known  # the scan works
    assert [(where, code) for where, code, _ in found if code not in EN] == []
    missing = [(where, code, names - facts) for where, code, facts in found
               if (names := {n for _, n, _, _ in string.Formatter().parse(EN[code]) if n})
               - facts]
    assert missing == []


@pytest.mark.parametrize(("refuse", "text"), [
    (lambda: check_period(date(2020, 1, 1), date(2026, 11, 24)),
     f"A period is at most {MAX_DAYS} days long."),
    (lambda: parse_hhmm("25:00", field="opening_hours"),
     'A time is between 00:00 and 23:59 (not "25:00").'),
])
def test_a_refusal_reads_in_english(qapp: QApplication, refuse: Callable[[], object],
                                    text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        refuse()
    qapp.setProperty("hallapp_lang", "en")
    try:
        assert user_message(caught.value) == text
    finally:
        qapp.setProperty("hallapp_lang", "zh")


def test_lists_and_codes_built_in_code_read_in_english(qm_app: QApplication) -> None:
    """Texts joined in code kept Chinese punctuation on an English screen: the materials
    owed, "Articles of association（M01）" (counter and back office), the bookings cancelled
    "8LVNVSM6、Q2W3E4R5", an item's time quotas "09:00–12:00 80；14:00–17:00 80"."""
    from hallapp.ui.counter.dialogs import SupplementDialog

    qt_app.set_language(qm_app, "en")
    assert listed(["8LVNVSM6", "Q2W3E4R5"]) == "8LVNVSM6, Q2W3E4R5"
    assert listed(["09:00–12:00 80", "14:00–17:00 80"], "；") == "09:00–12:00 80; 14:00–17:00 80"
    dialog = SupplementDialog("SZFT-20261124-00001", [("M01", "Articles of association")])
    try:
        assert dialog.materials.item(0).text() == "Articles of association (M01)"
    finally:
        dialog.deleteLater()
    qt_app.set_language(qm_app, "zh")
    assert listed(["A", "B"]) == "A、B"
    assert with_code("公司章程", "M01") == "公司章程（M01）"
