"""English for refusals, by the domain error's code (``hallapp.ui.common.errors``)."""

from __future__ import annotations

# Every refusal an applicant can meet at the kiosk, and every refusal of the queue engine a
# window clerk or supervisor can meet (both kept complete by tests/ui/test_error_english.py);
# anything else keeps its Chinese text.
EN: dict[str, str] = {
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
    # {name} is filled from the error's facts.
    "reason_required": "Please give a reason.",
    "call_contention": "Too many windows called at the same moment; please try again.",
    "already_called": "Ticket {number} has just been called by another window.",
    "recall_limit": "Ticket {number} has been recalled {recalls} times, the limit; pass it "
                    "as absent.",
    "transfer_target": "Choose the queue or the window to transfer the ticket to.",
    "window_not_serving": "Window {window} does not serve queue {queue}; the ticket cannot "
                          "be transferred there.",
    "window_closed": "This window is not open.",
    "window_not_paused": "This window is not paused.",
    "window_state": "Window {number} is {state}; it cannot be changed that way now.",
    "not_your_window": "Another clerk is signed in at this window; you cannot act for them.",
    "no_current_ticket": "This window has no ticket called or being served.",
    "not_waiting_in_queue": "Ticket(s) {numbers} are not waiting in queue {queue}.",
    "same_queue": "The source and target queues are the same.",
    "profile_mode": "The calling mode must be precedence or ratio.",
    "profile_empty": "A work profile needs at least one queue.",
    "profile_duplicate": "A queue appears twice in the work profile.",
    "profile_ratio": "Precedence and ratio of queue {queue} must be whole numbers of 1 or more.",
    "day_format": "The date {day} is not valid; write it as YYYY-MM-DD.",
    "unknown_priority": "There is no green channel class {priority}.",
    "unknown_channel": "{channel} is not a ticket channel.",
    "queue_required": "Choose a queue or a service item.",
    "slot_invalid": "Slots need at least 5 minutes, a capacity of at least 1, and an end after "
                    "the start.",
    "unknown_slot": "Appointment slot {slot} does not exist.",
    "date_before_birth": "The date {day} is before the date of birth.",
    "unknown_role": "{role} is not a role.",
}
