"""English for refusals, by the domain error's code (``hallapp.ui.common.errors``)."""

from __future__ import annotations

# Every refusal an applicant can meet at the kiosk, every refusal of the queue engine a window
# clerk or supervisor can meet, every refusal of case handling at the counter and in the back
# office, and of ratings (all kept complete by tests/ui/test_error_english.py); anything else
# keeps its Chinese text.
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
    # Case handling at the counter: intake, its decisions, supplements, notices, hand-out.
    "applicant_kind": "The applicant must be a person or a legal entity.",
    "applicant_name_required": "Please enter the applicant's name.",
    "agent_name_required": "Please enter the agent's name.",
    "authorisation_required": "An agent must present a letter of authorisation; please enter "
                              "its details.",
    "no_serving_ticket": "Window {window} is not serving a ticket: call one and start serving "
                         "first.",
    "checklist_closed": "Case {case} has its intake decision; its checklist can no longer "
                        "change.",
    "material_twice": "Material {material} is marked twice.",
    "unknown_case": "No case has this number.",
    "case_conflict": "Case {case} was just handled by someone else, or no longer allows this; "
                     "refresh and try again.",
    "case_transition": "A case in state \"{state}\" cannot take the action \"{action}\".",
    "unknown_case_state": "Unknown case state.",
    "unknown_case_action": "Unknown case action.",
    "materials_required": "Choose the materials handed in.",
    "not_owed": "Materials {materials} are not owed for this case.",
    "supplement_wrong_state": "Case {case} cannot take owed materials in its present state.",
    "pickup_mismatch": "The proof does not match this case (receipt QR code, or the ID number "
                       "of the applicant or their agent); the result cannot be handed out.",
    "tracking_format": "Tracking number: 6–40 letters, digits or hyphens.",
    "express_not_offered": "This service item is not delivered by express; the result is "
                           "collected at a window.",
    "material_status": "Material {material}: the check result is not valid.",
    "material_form": "Material {material}: the form is not valid.",
    "material_copies": "Material {material}: the number of copies cannot be negative.",
    "unknown_decision": "Unknown intake decision.",
    "too_long": "Too long: at most {limit} characters.",
    "commitment_not_allowed": "This service item does not take written commitments in place "
                              "of materials.",
    "commitment_not_replaceable": "Material {material} cannot be replaced by a written "
                                  "commitment.",
    # Why an intake decision is closed (``core.intake``; the first reason of the list).
    "missing_core": "Core materials are missing.",
    "missing_secondary": "Some materials are missing.",
    "faulty": "Some materials do not meet the requirements.",
    "faulty_core": "Core materials do not meet the requirements.",
    "not_immediate": "This service item cannot be completed on the spot.",
    "blacklisted": "The applicant has broken a written commitment before: commitments are "
                   "not accepted.",
    "has_commitments": "Some materials are replaced by written commitments: accept by "
                       "commitment instead.",
    "tolerant_not_allowed": "This service item cannot be accepted with materials owed.",
    "nothing_to_tolerate": "No secondary material is missing: there is nothing to owe.",
    "no_commitment": "No material is replaced by a written commitment.",
    "nothing_missing": "All materials are present: no notice of missing materials is needed.",
    "forbidden": "This decision is not open for this case.",
    "hall_code_format": "Hall code: 2–12 capital letters or digits.",
    "case_serial_range": "A case serial is between 1 and 99999.",
    "case_number_format": "This is not a case number (hall code-YYYYMMDD-serial).",
    "case_number_date": "The date in this case number is not valid.",
    "secret_required": "The verification key is empty.",
    "not_accepted": "Case {case} is not accepted yet: there is no receipt to print.",
    "invalid_notice_kind": "Unknown kind of notice.",
    "notice_not_applicable": "This notice ({kind}) does not apply to a case in state "
                             "\"{state}\".",
    "no_material_problems": "Case {case} has no missing or faulty materials.",
    "refusal_incomplete": "Case {case} has no reason or legal basis for the refusal.",
    "page_size": "The paper must be A4 or A5.",
    # Ratings (the rating pad, a kiosk's rating page) and follow-ups of poor ratings.
    "rating_level": "A rating is from 1 (very unsatisfied) to 5 (very satisfied).",
    "rating_channel": "Unknown rating channel.",
    "rating_subject": "A rating needs a ticket, a case or a window.",
    "not_served": "Ticket {number} has not been served yet; it cannot be rated.",
    "already_rated": "This service has already been rated.",
    "unknown_followup": "This follow-up does not exist.",
    "followup_state": "This follow-up is {state}; it cannot be changed that way now.",
    "not_your_rating": "You can only appeal ratings of your own service.",
    # The back office.
    "no_department": "Your account has no department: an approver needs one to review cases.",
    "other_department": "Case {case} belongs to another department.",
    "other_department_queue": "{department} is not your department: you can only see your "
                              "own department's queue.",
    "not_claimed": "Case {case} is not claimed by you: claim it before deciding.",
    "print_outcome": "Unknown print outcome.",
}
