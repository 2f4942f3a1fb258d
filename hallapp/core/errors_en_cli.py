"""English for the refusals of the command line itself (``errors_en``, which includes these):
logging in, options that do not go together (``cli_usage.<why>``), the files a command reads,
CUPS printers and the window plan of ``simulate --windows``."""

from __future__ import annotations

CLI_EN: dict[str, str] = {
    "login_required": "This command needs a staff login.",
    "login_required.no_user": "This command runs as a staff account: add --user NAME (or set "
                              "HALLAPP_USER).",
    "login_required.no_password": "Set HALLAPP_PASSWORD or type the password at a terminal.",
    "new_password_required": "Set HALLAPP_NEW_PASSWORD or type the new password at a terminal.",
    "cli_usage.hall_set_nothing": "Give at least one of --name, --name-en, --address, "
                                  "--address-en, --phone.",
    "cli_usage.express_with_window": "--express (delivery by courier) cannot go with --proof "
                                     "or --window (handing out at a window).",
    "cli_usage.address_without_express": "--address goes only with --express.",
    "cli_usage.init_demo_identity": "--name, --name-en, --address and --phone are for a new "
                                    "hall, not with --demo (the demo hall's details are in "
                                    "resources/demo/hall.json; change them later with hall "
                                    "set).",
    "cli_usage.init_hall_exists": "The database already has a hall and init only upgrades its "
                                  "structure: change the hall's details with hallapp hall set.",
    "cli_usage.entity_id_without_entity": "--entity-id goes only with --entity (an id is "
                                          "unique only among objects of one kind).",
    "cli_usage.key_without_by": "--key goes only with --by (e.g. --by queue --key A).",
    "handout_proof_required": "Handing out at a window needs --proof (the receipt's QR code or "
                              "the ID number); for delivery by courier use --express.",
    "material_option_format": "{flag} is written as MATERIAL=VALUE, not {value!r}.",
    "copies_integer": "--copies {material} must be a whole number.",
    "file_missing": "The file {path} does not exist.",
    "file_is_folder": "{path} is a folder: give the catalogue file (.json or .xlsx).",
    "file_unreadable": "The file {path} cannot be read: {reason}.",
    "file_not_utf8": "The file {path} is not UTF-8 text.",
    "json_not_object": "The JSON file must hold an object at its top level.",
    "report_output_required": "Give the output file with --xlsx or --pdf (or see the content "
                              "with --json).",
    "writer_not_sqlite": "The batch writer is only for a local SQLite database file.",
    "writer_running": "A batch writer is already running for this database ({path}).",
    "window_plan_unreadable": "The window plan {path} cannot be read: {reason}",
    "plan_format": "The window plan is not well formed: {detail}",
    "plan_profile_mode": "Work profile {profile}: the calling mode {mode!r} is not valid.",
    "plan_profile_empty": "Work profile {profile} has no queues.",
    "plan_hour": "The window plan's hour {hour} is not valid (0 to 23).",
    "plan_unknown_profile": "The window plan names at {hour}:00 a work profile {profile} it "
                            "does not define.",
    "plan_negative_windows": "The window plan's number of windows for {profile} at {hour}:00 "
                             "cannot be negative.",
    "print_failed.no_cups": "The CUPS command {command} was not found: install cups-client (or "
                            "cups-bsd).",
    "print_failed.cups_down": "Cannot reach the printing service CUPS: check that cups is "
                              "running ({detail}).",
    "print_failed.refused": "Printer {printer} refused the job: {detail}",
}
