"""Turn errors into the message a user sees, next to the field when there is one.

Domain errors carry a Chinese message and a code; unexpected ones are logged and shown
with a short reference into the terminal's log, never as a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication

from hallapp.core.error_text import CAPITALISED as _CAPITALISED
from hallapp.core.error_text import english_text
from hallapp.core.errors import DomainError
from hallapp.core.errors_en import EN as _EN
from hallapp.logs import log_error
from hallapp.services.context import (
    is_busy_error,
    is_connection_error,
    is_disk_error,
    is_session_dropped,
)
from hallapp.ui.common.labels import case_label


def is_english() -> bool:
    app = QCoreApplication.instance()
    return bool(app and app.property("hallapp_lang") == "en")


def screen_lang() -> str:
    """This screen's language as the services name it ("zh" or "en"): for papers printed in
    the language the applicant chose."""
    return "en" if is_english() else "zh"


def local_name(name: str, name_en: str | None) -> str:
    """A name from the hall's data (hall, queue, item, green channel) in this screen's
    language: its English form on an English screen when the data has one, else ``name``."""
    return name_en if name_en and is_english() else name


def listed(items: Iterable[object], separator: str = "、") -> str:
    """Items as a list in this screen's language: "A、B" (or ``separator``: "；"), "A, B"
    (or "A; B") in English, which has no full-width punctuation."""
    english = {"、": ", ", "；": "; ", "，": ", "}.get(separator, separator)
    return (english if is_english() else separator).join(map(str, items))


def with_code(name: str, code: str) -> str:
    """A name with its code after it: "名称（M01）", "Name (M01)" in English."""
    return f"{name} ({code})" if is_english() else f"{name}（{code}）"


def _english(exc: DomainError) -> str | None:
    """The refusal's English text (``hallapp.core.error_text``), a case's state and action
    labels in the screen's English."""
    return english_text(exc, case_label)


# The file's name of the field as an English text's subject ('Field "copies" must …'), and
# the Chinese message's lead: the sheet, the row, the file's key ("queues：第 1 行：字段 prefix ").
_FIELD_SUBJECT = re.compile(r'^Field "\{field\}"(?::\s*|\s+(?:is\s+(?=too\b))?)')
_ZH_WHERE = re.compile(r"^(?:[a-z_]+：)?(?:第 \d+ 行：)?(?:字段 \S+ )?")


def field_message(exc: DomainError, where: str = "", problem: str | None = None) -> str:
    """A refusal as a form shows it beside the field it names, whose label says which field:
    what is wrong (``problem`` when the form words it itself), after ``where`` in that field
    when given ("第 3 行“份数”"). Never the file's key ("字段 copies", 'Field "copies"') nor the
    sheet and row of an import: a form has neither."""
    if problem is None:
        problem = _problem(exc)
    if not where:
        return problem
    if is_english():
        if _CAPITALISED.match(problem):  # the sentence goes on after where
            problem = problem[0].lower() + problem[1:]
        return f"{where}: {problem}"
    return f"{where}：{problem}"


def _problem(exc: DomainError) -> str:
    text = _EN.get(exc.code) if is_english() else None
    if text is not None:
        try:
            body = _FIELD_SUBJECT.sub("", text).format_map(exc.facts)
        except (KeyError, IndexError, ValueError):
            body = ""
        if body:
            return body[0].upper() + body[1:]
    problem = exc.facts.get("problem")  # a record reader's words for a form
    return str(problem) if problem else _ZH_WHERE.sub("", exc.message)


def closed_reason(text: str, codes: Sequence[str]) -> str:
    """Why an intake decision is closed: ``text``, or in English its reasons' texts by their
    codes (the Chinese text if one of them has none)."""
    if not (is_english() and codes and all(c in _EN for c in codes)):
        return text
    return " ".join(_EN[c] for c in codes)


DISK_FULL_ZH = "数据库所在的磁盘已满或无法写入，本次操作未保存：请联系管理员清理磁盘空间"
BUSY_ZH = "数据库忙，本次操作未保存，请稍后重试"
SESSION_ENDED_ZH = "本终端长时间未响应，数据库服务器已断开它的连接，本次操作未保存，请重试"
UNREACHABLE_ZH = "无法连接数据库，请稍候，系统将自动重试"

# The database failed the action (not a refusal, not a bug), in the order they are told
# apart: the test, the English text's key, the Chinese text, and whether it goes to the log.
_DB_FAILURES: tuple[tuple[Callable[[BaseException], bool], str, str, bool], ...] = (
    (is_disk_error, "db_disk_now", DISK_FULL_ZH, True),
    # another terminal held a lock past the lock timeout: the database is there
    (is_busy_error, "db_busy", BUSY_ZH, True),
    # this terminal stopped inside a transaction, and the server ended its session
    (is_session_dropped, "db_session_ended", SESSION_ENDED_ZH, True),
    (is_connection_error, "db_unavailable", UNREACHABLE_ZH, False),
)


def user_message(exc: BaseException, context: str = "") -> str:
    if isinstance(exc, DomainError):
        if is_english():
            return _english(exc) or exc.message
        return exc.message
    for failed, key, chinese, logged in _DB_FAILURES:
        if failed(exc):
            if logged:
                log_error(exc, context)
            return _EN[key] if is_english() else chinese
    ref = log_error(exc, context)
    if is_english():
        return f"Unexpected error (reference {ref}); see the terminal log."
    return f"系统错误（参考号 {ref}），请联系管理员查看日志"


