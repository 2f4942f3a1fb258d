"""The notes the system wrote on a case (hallapp.core.case_notes), in the screen's language.

The stored note stays as written (Chinese); it is matched against the templates and its
translation shown, the details in it (names, numbers, a typed reason) as they were written.
Anything else (an opinion someone typed) is shown as typed, or as its case label (受理, …).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallapp.core import case_notes
from hallapp.ui.common.labels import case_label

CONTEXT = "CaseNotes"

# hallapp.core.case_notes' templates, literally, for pyside6-lupdate;
# tests/ui/test_case_notes.py fails when core gains one missing here.
_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("CaseNotes", "按事项第 {0} 版收件"),
    QT_TRANSLATE_NOOP("CaseNotes", "准予批准"),
    QT_TRANSLATE_NOOP("CaseNotes", "秒批：材料齐全且经在线核验，符合事项秒批规则，系统自动批准"),
    QT_TRANSLATE_NOOP("CaseNotes", "特别程序结束"),
    QT_TRANSLATE_NOOP("CaseNotes", "补正材料已提交（网上）"),
    QT_TRANSLATE_NOOP("CaseNotes", "补正材料已提交（窗口）"),
    QT_TRANSLATE_NOOP("CaseNotes", "结果已制作，待出件"),
    QT_TRANSLATE_NOOP("CaseNotes", "窗口制证完成，待出件"),
    QT_TRANSLATE_NOOP("CaseNotes", "窗口出件（凭回执二维码）"),
    QT_TRANSLATE_NOOP("CaseNotes", "窗口出件（凭身份证）"),
    QT_TRANSLATE_NOOP("CaseNotes", "快递送达：{0}"),
    QT_TRANSLATE_NOOP("CaseNotes", "释放{0}（{1}）的认领：{2}"),
    QT_TRANSLATE_NOOP("CaseNotes", "一次性告知补齐：{0}"),
    QT_TRANSLATE_NOOP("CaseNotes", "补齐容缺材料：{0}"),
    QT_TRANSLATE_NOOP("CaseNotes", "补齐容缺材料：{0}（逾期补齐，补齐期限为 {1}）"),
    QT_TRANSLATE_NOOP("CaseNotes", "{0}；仍缺 {1}"),
    QT_TRANSLATE_NOOP("CaseNotes", "、"),  # between the materials of a list in a note
)


def case_note(text: str) -> str:
    """A case's opinion or history note in the terminal's language."""
    found = case_notes.match_note(text)
    if found is None:
        return case_label(text)
    template, details = found
    comma = QCoreApplication.translate(CONTEXT, "、")
    details = tuple(d.replace("、", comma) for d in details)
    if template == case_notes.STILL_OWED:
        details = (case_note(details[0]), *details[1:])
    return QCoreApplication.translate(CONTEXT, template).format(*details)
