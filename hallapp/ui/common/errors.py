"""Turn errors into the message a user sees, next to the field when there is one.

Domain errors carry a Chinese message and a code; unexpected ones are logged and shown
with a short reference into the terminal's log, never as a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hallapp.core.errors import DomainError
from hallapp.logs import log_error
from hallapp.services.context import is_connection_error

# English for the messages a terminal shows most; anything else keeps its Chinese text.
_EN = {
    "quota_exhausted": "Today's tickets for this queue are all taken.",
    "time_quota_exhausted": "Tickets for this time slot are all taken; please come back later.",
    "queue_empty": "Nobody is waiting in the queues of this window.",
    "window_paused": "This window is paused; resume it first.",
    "window_busy": "Finish, pass or suspend the current ticket first.",
    "bad_credentials": "Wrong user name or password.",
    "locked": "Account locked after repeated failures; try again later.",
    "permission_denied": "You are not allowed to do this.",
    "db_unavailable": "The database cannot be reached.",
}


def is_english() -> bool:
    app = QCoreApplication.instance()
    return bool(app and app.property("hallapp_lang") == "en")


def user_message(exc: BaseException, context: str = "") -> str:
    if isinstance(exc, DomainError):
        if is_english() and exc.code in _EN:
            return _EN[exc.code]
        return exc.message
    if is_connection_error(exc):
        return _EN["db_unavailable"] if is_english() else "无法连接数据库，请稍候，系统将自动重试"
    ref = log_error(exc, context)
    if is_english():
        return f"Unexpected error (reference {ref}); see the terminal log."
    return f"系统错误（参考号 {ref}），请联系管理员查看日志"


