"""English for refusals, by the domain error's code (``hallapp.ui.common.errors``)."""

from __future__ import annotations

from hallapp.core.errors_en_cli import CLI_EN
from hallapp.core.errors_en_files import FILES_EN
from hallapp.core.errors_en_sim import SIMULATION_EN

# Every refusal an applicant can meet at the kiosk, every refusal of the queue engine a window
# clerk or supervisor can meet, every refusal of case handling at the counter and in the back
# office, of ratings, of administration and of the file imports (catalogue, calendar, hall
# set-up) — all kept complete by tests/ui/test_error_english.py; anything else keeps its
# Chinese text. A refusal inside a file says where (sheet, row or entry) in its facts, and
# ``user_message`` puts that in front of the text: no text here names {row}, {entry} or {sheet}.
EN: dict[str, str] = {
    "required": "Please fill in this field.",
    "id_length": "A resident ID number has 18 characters.",
    "id_format": "ID number: 17 digits, then a digit or X.",
    "id_region": "The region code of this ID number is not valid.",
    "id_birth": "The birth date in this ID number is not valid.",
    "id_checksum": "The check digit of this ID number is wrong; please check the number.",
    "uscc_length": "A unified social credit code has 18 characters (this one has {length}).",
    "uscc_checksum": "The check character of this unified social credit code is wrong; please "
                     "check the code.",
    "uscc_format": "Unified social credit code: the first 8 characters are digits, the rest "
                   "digits or capital letters (not I, O, Z, S or V).",
    "phone_format": "Phone: an 11-digit mobile number, or area code and number "
                    "(e.g. 0755-12345678).",
    "priority_age": "The ID number shows an age under 60: the seniors' channel is not "
                    "available.",
    "unknown_queue": "This queue does not exist or is closed.",
    "unknown_key": "There is no {dim} \"{key}\" in this hall.",
    "db_url": "The database address is not valid: e.g. sqlite:////path/hall.sqlite3 or "
              "postgresql+psycopg://user@host/dbname.",
    "db_unreachable": "Cannot connect to the database {url}.",
    "db_not_initialised": "The database {url} has no hall yet: run hallapp init first.",
    "db_readonly": "The database file {path} is read-only: this account cannot write it or "
                   "its folder; check the permissions.",
    "db_privilege": "The database account {user} lacks a privilege ({reason}): hallapp's "
                    "account must own the database (since PostgreSQL 15 only the owner may "
                    "create tables in schema public). Have an administrator run createdb -O "
                    "{user} {database}, or ALTER DATABASE {database} OWNER TO {user}.",
    "db_missing": "The database file {path} does not exist: check the database address (--db "
                  "or HALLAPP_DB_URL); for a new hall, run hallapp init first.",
    "row_limit": "Show between 1 and {most} rows (not {limit}).",
    # The hall's clock and numbering (core.hallday): opening hours, time quotas, prefixes.
    "unknown_timezone": "Unknown time zone: {tz}.",
    "ticket_prefix_format": "A queue prefix is 1 to 4 capital letters or digits, starting "
                            "with a letter (not \"{prefix}\").",
    "ticket_serial": "A ticket's serial number starts at 1 (not {serial}).",
    "ticket_width": "A ticket number has at least 1 digit (not {width}).",
    "time_format": "Write a time as hours:minutes, e.g. 09:30 (not \"{value}\").",
    "time_range": "A time is between 00:00 and 23:59 (not \"{value}\").",
    "quota_period_order": "A period must end after it starts ({start}–{end}).",
    "quota_negative": "A period's number of tickets cannot be negative ({quota}).",
    "quota_period_overlap": "The periods {first} and {second} overlap.",
    # The figures and reports (kpi_report, case_kpi, kpi_drill, reports).
    "period_order": "The end date cannot be before the start date.",
    "period_too_long": "A period is at most {most} days long.",
    "unknown_dim": "There is no breakdown \"{value}\": it is one of {choices}.",
    "unknown_figure": "There is no figure \"{value}\": it is one of {choices}.",
    "month_invalid": "There is no month {month}: months go from 1 to 12.",
    "unknown_entity": "There is no kind of record called \"{entity}\" in the audit log.",
    "unknown_item": "This service item does not exist.",
    "item_withdrawn": "Service item {item} ({name}) has been withdrawn.",
    "appointment_code_format": "An appointment code has 8 letters or digits (or scan its QR "
                               "code).",
    "unknown_appointment": "No appointment has this code.",
    "not_booked": "This appointment was already checked in, cancelled or missed.",
    "too_early": "Check-in opens {early} minutes before the appointment ({starts}).",
    "slot_full": "This time slot is fully booked; please choose another.",
    "slot_past": "This time slot is over.",
    "slot_grace_over": "This time slot began more than {grace} minutes ago: it takes no more "
                       "bookings.",
    "cancel_too_late": "The check-in time of this booking is over ({until}): it can no longer "
                       "be cancelled.",
    "checkin_day_over": "This booking was for {day}: it can only be checked in on that day. "
                        "Please book again or take a ticket.",
    "print_failed": "The ticket could not be printed; please ask the staff.",
    # The documents themselves (hallapp.documents): fonts, paper and print labels.
    "no_cjk_font": "No embeddable Chinese TrueType font was found: set {setting} to a .ttf or "
                   ".ttc font file, or install the Debian package {package}.",
    "invalid_page": "Paper {page} is not supported: use A4, A5, 58mm or 80mm.",
    "invalid_roll_width": "A roll {width} mm wide is not supported: use 58 or 80 mm.",
    "unknown_label": "There is no print label \"{label}\".",
    "unknown_label_placeholder": "Print label \"{label}\" names unknown placeholders: "
                                 "{placeholders}.",
    "notice_kind_mismatch": "The data given do not belong to a notice of kind \"{kind}\".",
    "invalid_qr_part": "The QR code's {part} must not be empty nor contain a colon or a space.",
    # A failed print says why, as the Chinese does ("未找到打印机 X"): by its fact ``why``.
    "print_failed.no_printer": "Printer {printer} not found.",
    "print_failed.offline": "Printer {printer} is offline or out of paper; check it and print "
                            "again.",
    "print_failed.interrupted": "Printing on {printer} was interrupted; check it and print "
                                "again.",
    "print_failed.failed": "Printer {printer} could not print; check it and print again.",
    "print_failed.no_default": "No printer found (no default printer is set).",
    "print_failed.no_pages": "The document to print cannot be read (the PDF has no pages).",
    "print_failed.empty": "The document to print is empty.",
    "print_failed.no_renderer": "The document cannot be rendered: neither pdftoppm "
                                "(poppler-utils) nor QtPdf is installed.",
    "print_failed.render": "Rendering the document failed: {detail}",
    "print_failed.paper_width": "Unsupported receipt paper width: {width} mm (58 or 80).",
    "print_failed.no_escpos": "python-escpos is not installed: the thermal printer cannot be "
                              "driven directly.",
    "print_failed.no_device": "No thermal printer is configured: set {variable}.",
    "print_failed.pdf": "The PDF could not be saved: {error}",
    "file_not_written": "The file {path} could not be written: {reason}",
    "file_not_read": "The file {path} cannot be read: {reason}",
    "file_not_text": "The file {path} is not a text file (it should be UTF-8 or GBK).",
    "pdf_path_empty": "The PDF file path is empty",
    "xlsx_unknown_column": "Unknown column(s): {columns}",
    "xlsx_version": "The version must be a whole number of at least 1.",
    "xlsx_code_cell": "Column \"{field}\" holds a code (text or a whole number), not {value}: "
                      "format the column as text and enter it again.",
    "disable_self": "You cannot disable the account you are using",
    "last_admin": "{username} is the last active administrator and cannot be disabled",
    "last_admin_role": "{username} is the last active administrator: the role cannot be "
                       "changed",
    "queue_inactive": "The queue {queue} has been deactivated: no tickets or bookings for now",
    "window_in_use": "Window {window} is in use: close it before retiring it",
    "window_retired": "Window {window} has been retired",
    "window_name_required": "The window's name must not be empty",
    "db_disk": "The disk holding the database {url} is full or cannot be written: free some "
               "space",
    "db_newer": "The database's schema {stored} is newer than this program's ({head}): "
                "update hallapp on this machine to the version the other terminals run",
    "db_folder_missing": "The database's folder {folder} does not exist: create it, or check "
                         "the database path (--db or HALLAPP_DB_URL)",
    "db_folder_unwritable": "Cannot create files in the database's folder {folder} "
                            "({reason}): SQLite writes its lock and log files beside the "
                            "database; check the folder's permissions, or whether the file "
                            "system is read-only",
    "writer_path_too_long": "The database's file name is too long for the batch writer's socket "
                            "{path}: shorten the database's file name",
    "writer_db_replaced": "The database file {path} was deleted or replaced while the batch "
                          "writer ran (restored from a backup?): the writer stopped and the "
                          "terminals write directly; check the database, then start hallapp "
                          "writer again",
    "writer_no_database": "The database file {path} does not exist: run hallapp init first, or "
                          "check the path given with --db",
    "backup_not_written": "The backup could not be written to {path}: {reason}",
    "backup_not_written.empty_path": "The backup could not be written: the path is empty; "
                                     "give a backup file name.",
    "backup_not_written.folder": "The backup could not be written to {path}: it is a folder; "
                                 "give a backup file name.",
    "backup_truncated": "The backup file is incomplete (cut short); nothing was restored",
    "backup_newer": "This backup was made by a newer hallapp (schema {revision}; this "
                    "program's newest is {head}): update hallapp here first, then restore it",
    "backup_not_read": "The backup file {path} cannot be read: no permission",
    "no_file": "The backup file {path} does not exist",
    "bad_backup": "The backup file is damaged or incomplete; nothing was restored",
    "bad_backup.not_backup": "This is not a hallapp backup file; nothing was restored",
    "not_empty": "The target database is not empty: a backup is restored only into an empty "
                 "database",
    "audit_broken": "The backup's audit log fails its check at record {audit_entry}: the file "
                    "may have been altered, and nothing was restored. To restore it anyway, "
                    "add --accept-broken-audit (the restore is recorded in the audit log)",
    "no_hall": "No hall has been set up in the database yet.",
    "init_unfinished": "The hall \"{hall}\" in the database has no accounts (an earlier "
                       "hallapp init did not finish): run {command} again to finish it, or use "
                       "an empty database.",
    "not_demo_hall": "The hall in the database {url} is not the demo hall: hallapp demo runs "
                     "only on a database made by hallapp init --demo (it writes the demo's "
                     "calendar and appointment slots). Open the clients with hallapp run, or "
                     "give another database file with --db for the demo.",
    "unknown_ticket": "No ticket has this number.",
    "foreign_ticket": "This ticket was not issued in this hall.",
    "ticket_qr": "This ticket's QR code cannot be read; please type the number on the ticket.",
    "not_waiting": "This ticket is not waiting.",
    "ticket_conflict": "Ticket {ticket} was just handled by someone else; please refresh and "
                       "try again.",
    "not_just_issued": "Ticket {ticket} was not just issued at a kiosk; it cannot be withdrawn "
                       "as unprinted.",
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
    "permission_denied": "{role} ({username}) is not allowed to {perm}.",
    "permission_denied.case_action": '{role} may not take the action "{action_label}" on a '
                                     "case.",
    "session_ended": "This account has been disabled or its password reset since you logged "
                     "in: please log in again.",
    "db_unavailable": "The database cannot be reached.",
    # not a refusal's code: what a terminal says when a write fails on a full disk
    "db_disk_now": "The disk holding the database is full or cannot be written; this was not "
                   "saved: ask the administrator to free some space.",
    # nor these: another terminal held a lock past the lock timeout; the server ended this
    # terminal's session after it stopped answering inside a transaction
    "db_busy": "The database is busy; this was not saved: please try again in a moment.",
    "db_session_ended": "This terminal stopped responding and the database server closed its "
                        "connection; this was not saved: please try again.",
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
    "appointment_channel": "An appointment ticket comes from checking the booking in at a "
                           "kiosk; it cannot be taken directly.",
    "kiosk_channel": "A kiosk's ticket cannot be recorded as taken by the {channel} channel.",
    "ticket_wrong_state": "{ticket} is not at a stage where this can be done.",
    "already_booked": "This ID number already has a booking in queue {queue} that day "
                      "(code {code_held}).",
    "slot_day_past": "{day} is over; slots cannot be opened for it.",
    "slot_day_closed": "{day} is not a working day: the hall is closed.",
    "day_closed": "Today's hall day is closed: no more tickets; please come back on the next "
                  "working day.",
    "day_closed_window": "Today's hall day is closed: windows stay closed (the supervisor "
                         "can reopen the day).",
    "day_closed_booking": "That day is closed: no more bookings.",
    "day_closed_slots": "{day} is closed: no slots can be opened for it.",
    "day_not_closed": "Today ({day}) has not been closed.",
    "day_already_closed": "Today ({day}) has already been closed: there are no tickets or "
                          "windows left to close.",
    "day_already_closed_early": "The previous hall day ({day}) has already been closed: there "
                                "are no tickets or windows left to close; close today after "
                                "opening time ({opens}).",
    "db_conflict": "Another terminal was changing the same records at that moment: nothing was "
                   "saved. Please try again.",
    "ticket_ref_empty": "Enter a ticket number (e.g. A001) or scan the ticket's QR code.",
    "ticket_number_format": "Scan the ticket's QR code, or enter the number printed on it "
                            "(a letter first, e.g. A018).",
    "call_not_served": "Window {window} does not serve queue {queue}; it cannot call this "
                       "ticket.",
    "target_window_closed": "Window {window} is not open; the ticket cannot be sent there.",
    "window_not_paused": "This window is not paused.",
    "window_state": "Window {number} is {state}; it cannot be changed that way now.",
    "not_your_window": "Window {window} is in use by {holder}; you cannot act for them. If "
                       "they have left it, you may take the window over.",
    "window_held": "Window {window} is in use by {holder} ({holder_user}); once sure they have "
                   "left it, take it over naming them.",
    "window_in_service": "Window {window} is serving {ticket}: it cannot be taken over; ask "
                         "{holder} to finish, or the supervisor to reassign the window.",
    "release_unheld": "Nobody is working at window {window}; there is nothing to leave.",
    "release_not_holder": "Window {window} is in use by {holder}; only they or the supervisor "
                          "can release it.",
    "release_in_service": "Window {window} is serving {ticket}: finish, transfer, suspend or "
                          "pass it first, then leave the window.",
    "intake_window_not_held": "You are not working at window {window} (nobody holds it): take "
                              "the window over first, then take in or take up the case for "
                              "the ticket served there.",
    "claim_not_clerk": "Only window clerks take over a window; supervisors reassign it from "
                       "the board.",
    "clerk_holds_window": "{clerk} ({clerk_user}) is working at window {other}, and a clerk "
                          "works one window at a time: close or free window {other} first "
                          "(the supervisor can reassign it)",
    "clerk_took_window": "This clerk has just started working at another window, and a clerk "
                         "works one window at a time; refresh and try again",
    "assign_not_clerk": "{username} is not an active window clerk; the window cannot be "
                        "assigned to them.",
    "window_assigned": "Window {window} is {owner}'s window; work at your own window {own}, "
                       "or ask the supervisor to open this one for you to take over.",
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
    "slots_none": "No {minutes}-minute slot fits between start and end within the opening "
                  "hours and still ahead: no slot was opened.",
    "slots_overlap": "Slots from {at} are already open for this queue (or item) at that "
                     "time; they cannot be opened twice.",
    "item_other_queue": "The item \"{item}\" is not handled in queue {queue}.",
    "slot_item_only": "This slot is kept for \"{item}\" only.",
    "item_no_appointment": "The item \"{item}\" does not take appointments.",
    "priority_classes_shape": "The green-channel classes must be a list.",
    "priority_class_shape": "A green-channel class must be an object.",
    "priority_code_invalid": "The code \"{value}\" is not valid: a lower-case letter first, "
                             "then lower-case letters, digits or underscores, at most 32.",
    "priority_code_duplicate": "The code \"{value}\" is used twice.",
    "priority_name_invalid": "A name must have 1 to {most} characters.",
    "booking_suspended": "This ID number missed {missed} appointments in the last {days} "
                         "days: it may book again after {again}.",
    "capacity_below_booked": "Places booked in this slot: {booked}; the capacity cannot be "
                             "less.",
    "slot_booked": "This slot has bookings on record (cancelled ones included) and cannot be "
                   "removed; lower its capacity to the places booked to take no more.",
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
    "not_your_case": "Case {case} was taken in at window {window}: only the clerk who took it "
                     "in, or the clerk now at that window, checks its materials and decides "
                     "it.",
    "case_in_hand": "Case {case} is being worked at window {window} (ticket {ticket}); it "
                    "cannot be taken over.",
    "take_up_wrong_state": "Case {case} is past intake: there is nothing to take in at the "
                           "window; use the actions offered for it.",
    "take_over_needs_ticket": "Case {case} was returned to the front desk (taken in at window "
                              "{window}): call the applicant's ticket and start serving it, "
                              "then take the case over.",
    "checklist_closed": "Case {case} has its intake decision; its checklist can no longer "
                        "change.",
    "material_twice": "Material {material} is marked twice.",
    "unknown_case": "No case has this number.",
    "case_conflict": "Case {case} was just handled by someone else, or no longer allows this; "
                     "refresh and try again.",
    # {state_label} and {action_label}: the screens' English for the state and the action.
    "case_transition": "A case that is \"{state_label}\" cannot take the action "
                       "\"{action_label}\".",
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
    "material_copies_none": "Material {material}: no paper was handed in, so the number of "
                            "copies must be 0.",
    "material_copies_most": "Material {material}: at most {most} copies.",
    "unknown_item_version": "Service item {item} has no version {version}.",
    "cli_usage": "These command-line options do not go together.",
    "print_ref_unknown": "No ticket, case or booking {ref}.",
    "mark_option_unmarked": "{flag} {materials}: that material is not marked with --mark or "
                            "--all.",
    "material_fault_note": "Material {material} is faulty: say what is wrong with it (it goes "
                           "into the notice of missing materials).",
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
    # Why auto-approval does not apply (``core.intake.auto_approval``; not refusals).
    "auto_no_rules": "Service item {item} has no auto-approval rules.",
    "auto_incomplete": "Materials are incomplete, or some are replaced by a written commitment "
                       "or owed.",
    "auto_blacklisted": "The applicant is on the list of broken commitments.",
    "auto_applicant_kind": "Auto-approval is only for {kinds}.",
    "auto_not_verified_online": "These materials are not verified online: {materials}.",
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
    "unknown_language": "The language must be zh or en.",
    "print_outcome": "Unknown print outcome.",
    # Ratings (the rating pad, a kiosk's rating page) and follow-ups of poor ratings.
    "rating_level": "A rating is from 1 (very unsatisfied) to 5 (very satisfied).",
    "rating_channel": "Unknown rating channel.",
    "rating_subject": "A rating needs a ticket, a case or a window.",
    "not_served": "Ticket {number} has not been served yet; it cannot be rated.",
    "already_rated": "This service has already been rated.",
    "rating_window_mismatch": "That service was at window {served}, not window {window}: it "
                              "cannot be rated as window {window}'s.",
    "rating_device_window": "This rating terminal belongs to window {own}; it cannot rate "
                            "window {window}.",
    "unknown_followup": "This follow-up does not exist.",
    "followup_state": "This follow-up is {state}; it cannot be changed that way now.",
    "followup_conflict": "Follow-up {followup} was just handled by someone else; please "
                         "refresh and try again.",
    "not_your_rating": "You can only appeal ratings of your own service.",
    # Administration: hall settings, terminals, accounts, the blacklist, the calendar.
    "unknown_setting": "{setting} is not a hall setting.",
    "setting_yes_no": "This setting is yes or no.",
    "setting_integer": "This setting is a whole number.",
    "setting_range": "This setting is between {minimum} and {maximum}.",
    "setting_length": "This text has {minimum} to {maximum} characters.",
    "pin_digits": "The kiosk's staff PIN is digits only.",
    "template_fields": "The call announcement uses {{number}} and {{window}}, and nothing else.",
    "settings_shape": "Settings are given as name → value.",
    "slot_outside_hours": "This time slot is no longer within the hall's opening hours: it "
                          "cannot be booked.",
    "unknown_hall_field": "{key}: not one of the hall's details (name, name_en, address, "
                          "address_en, phone).",
    "opening_hours_shape": "Opening hours are a list of [start, end] pairs (HH:MM).",
    "terminal_name": "A terminal name has 1 to 64 characters.",
    "device_kind": "A terminal is a kiosk, display, counter or rating pad.",
    "printer_name": "A printer name has at most 200 characters.",
    "roll_width": "The paper roll is 58 or 80 mm wide.",
    "idle_seconds": "The idle time is between 10 and 600 seconds.",
    "language": "The language is zh or en.",
    "unknown_department": "There is no department {department}.",
    "item_code_taken": "The item code {item} is already in use ({name_en}); a new item needs "
                       "a code of its own.",
    "item_code_retired": "The item code {item} belongs to a withdrawn item; a new item needs a "
                         "code of its own.",
    "item_retired_meanwhile": "Item {item} was withdrawn at another terminal; your changes "
                              "were not saved.",
    "item_in_use": "Item {item} still has {waiting} people waiting today and {bookings} "
                   "bookings not checked in (withdrawing it cancels those bookings): confirm "
                   "to withdraw it (on the command line add --force).",
    "item_not_withdrawn": "Item {item} is not withdrawn; there is nothing to reinstate.",
    "item_changed_meanwhile": "Item {item} was saved as version {version} at another terminal "
                              "(your changes started from version {based_on}), so they were "
                              "not saved: click \"Undo changes\" to load version {version}, "
                              "then make them again.",
    "password_short": "A password has at least {minimum} characters.",
    "password_mix": "A password has both letters and digits.",
    "password_mismatch": "The two passwords typed differ.",
    "username_format": "A user name has 1 to 64 letters, digits or - _ . @ (no spaces).",
    "staff_name_required": "Please enter the name.",
    "username_taken": "The user name {username} is taken.",
    "time_quota_overlap": "This period overlaps another one.",
    "profile_queue_repeated": "Queue {queue} is listed twice.",
    "approver_needs_department": "A back-office approver needs a department.",
    "unknown_account": "There is no account {username}.",
    "not_own_account": "You can only change your own password; an administrator resets "
                       "other accounts' passwords.",
    "account_disabled": "This account is disabled; its password cannot be changed.",
    "bad_old_password": "The current password is wrong.",
    "expires_before_listed": "The expiry date cannot be before the listing date.",
    "unknown_blacklist_entry": "This blacklist entry does not exist.",
    "already_removed": "This entry was already removed from the blacklist.",
    "day_count": "The number of days is between 1 and {maximum}.",
    # The back office.
    "no_department": "Your account has no department: an approver needs one to review cases.",
    "other_department": "Case {case} belongs to another department.",
    "other_department_queue": "{department} is not your department: you can only see your "
                              "own department's queue.",
    "not_claimed": "Case {case} is not claimed yet: claim it before deciding.",
    "claimed_by_other": "Case {case} is claimed by {holder}, who alone can act on it: ask them "
                        "to release it, or the supervisor to give the claim back.",
    "not_claimed_release": "Case {case} is not claimed by anyone: there is no claim to give "
                           "back.",
    **FILES_EN,
    **SIMULATION_EN,
    **CLI_EN,
}
