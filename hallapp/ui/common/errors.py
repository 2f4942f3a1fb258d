"""Turn errors into the message a user sees, next to the field when there is one.

Domain errors carry a Chinese message and a code; unexpected ones are logged and shown
with a short reference into the terminal's log, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from hallapp.core.errors import DomainError
from hallapp.logs import log_error
from hallapp.services.context import is_connection_error
from hallapp.ui.common.errors_en import EN as _EN


def is_english() -> bool:
    app = QCoreApplication.instance()
    return bool(app and app.property("hallapp_lang") == "en")


def _english(exc: DomainError) -> str | None:
    """The English text of a refusal, its facts filled in; None when there is none (or a
    fact it names is missing), and the Chinese message is shown instead."""
    text = _EN.get(exc.code)
    if text is None:
        return None
    try:
        return text.format_map(exc.facts)
    except (KeyError, IndexError, ValueError):
        return None


def closed_reason(text: str, codes: Sequence[str]) -> str:
    """Why an intake decision is closed: ``text``, or in English its reasons' texts by their
    codes (the Chinese text if one of them has none)."""
    if not (is_english() and codes and all(c in _EN for c in codes)):
        return text
    return " ".join(_EN[c] for c in codes)


def user_message(exc: BaseException, context: str = "") -> str:
    if isinstance(exc, DomainError):
        if is_english():
            return _english(exc) or exc.message
        return exc.message
    if is_connection_error(exc):
        return _EN["db_unavailable"] if is_english() else "无法连接数据库，请稍候，系统将自动重试"
    ref = log_error(exc, context)
    if is_english():
        return f"Unexpected error (reference {ref}); see the terminal log."
    return f"系统错误（参考号 {ref}），请联系管理员查看日志"


