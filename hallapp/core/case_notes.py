"""The notes the system writes on a case (its opinion and history), as templates.

They are stored in Chinese, as written (the audit log, Chinese documents); a screen in
another language matches a stored note against these templates and shows its translation,
the free detail ({0}, {1}, …: names, numbers, a reason as typed) as it was written
(hallapp.ui.common.case_notes). A note the system writes must come from here.
"""

from __future__ import annotations

import re
from functools import cache

RECEIVED = "按事项第 {0} 版收件"
APPROVED = "准予批准"
AUTO_APPROVED = "秒批：材料齐全且经在线核验，符合事项秒批规则，系统自动批准"
SPECIAL_ENDED = "特别程序结束"
CORRECTED_ONLINE = "补正材料已提交（网上）"
CORRECTED_AT_WINDOW = "补正材料已提交（窗口）"
RESULT_READY = "结果已制作，待出件"
MADE_AT_WINDOW = "窗口制证完成，待出件"
DELIVERED_BY_QR = "窗口出件（凭回执二维码）"
DELIVERED_BY_ID = "窗口出件（凭身份证）"
DELIVERED_BY_EXPRESS = "快递送达：{0}"
CLAIM_RELEASED = "释放{0}（{1}）的认领：{2}"
TOLD_TO_COMPLETE = "一次性告知补齐：{0}"
SUPPLIED = "补齐容缺材料：{0}"
SUPPLIED_LATE = "补齐容缺材料：{0}（逾期补齐，补齐期限为 {1}）"
STILL_OWED = "{0}；仍缺 {1}"  # {0}: SUPPLIED or SUPPLIED_LATE

# Longest first: a note matching a longer template (SUPPLIED_LATE) is not read as a shorter
# one with its tail in the detail; STILL_OWED, made of another note, before all.
TEMPLATES = (STILL_OWED, SUPPLIED_LATE, AUTO_APPROVED, CLAIM_RELEASED, RECEIVED, DELIVERED_BY_QR,
             DELIVERED_BY_ID, DELIVERED_BY_EXPRESS, TOLD_TO_COMPLETE, SUPPLIED, APPROVED,
             SPECIAL_ENDED, CORRECTED_ONLINE, CORRECTED_AT_WINDOW, RESULT_READY, MADE_AT_WINDOW)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{\d\}", template)
    return re.compile("(.*?)".join(re.escape(p) for p in parts), re.S)


def match_note(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The template a stored note was written from and its details, or None (typed by
    someone: shown as typed)."""
    for template in TEMPLATES:
        found = _pattern(template).fullmatch(text)
        if found is not None:
            return template, found.groups()
    return None
