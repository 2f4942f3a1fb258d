"""Turn errors into the message a user sees, next to the field when there is one.

Domain errors carry a Chinese message and a code; unexpected ones are logged and shown
with a short reference into the terminal's log, never as a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hallapp.core.errors import DomainError
from hallapp.logs import log_error
from hallapp.services.context import is_connection_error

# English for the messages a terminal shows most — every refusal an applicant can meet at
# the kiosk among them (tests/ui/test_error_english.py) — anything else keeps its Chinese text.
_EN = {
    "required": "Please fill in this field.",
    "id_length": "A resident ID number has 18 characters.",
    "id_format": "ID number: 17 digits, then a digit or X.",
    "id_region": "The region code of this ID number is not valid.",
    "id_birth": "The birth date in this ID number is not valid.",
    "id_checksum": "The check digit of this ID number is wrong; please check the number.",
    "phone_format": "Phone: an 11-digit mobile number, or area code and number "
                    "(e.g. 0755-12345678).",
    "priority_age": "The ID number shows an age under 60: the seniors' channel is not "
                    "available.",
    "unknown_queue": "This queue does not exist or is closed.",
    "unknown_item": "This service item does not exist.",
    "appointment_code_format": "An appointment code has 8 letters or digits (or scan its QR "
                               "code).",
    "unknown_appointment": "No appointment has this code.",
    "not_booked": "This appointment was already checked in, cancelled or missed.",
    "too_early": "Check-in opens 60 minutes before the appointment.",
    "slot_full": "This time slot is fully booked; please choose another.",
    "slot_past": "This time slot is over.",
    "print_failed": "The ticket could not be printed; please ask the staff.",
    "no_hall": "No hall has been set up in the database yet.",
    "unknown_ticket": "No ticket has this number.",
    "not_waiting": "This ticket is not waiting.",
    "not_no_show": "This ticket was not passed as absent, so it cannot be reactivated.",
    "reactivate_expired": "Too late to reactivate this ticket; please take a new one.",
    "not_suspended": "This ticket is not suspended.",
    "already_waiting": "This ID number already holds a waiting ticket in this queue.",
    "unknown_window": "This window does not exist.",
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


