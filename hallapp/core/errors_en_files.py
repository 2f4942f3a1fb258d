"""English for the refusals of file imports (``errors_en``, which includes these): the
catalogue (JSON or XLSX; also the item and queue forms), the calendar file and the hall set-up
file, and the duplicates two administrators (or imports) create at one moment."""

from __future__ import annotations

FILES_EN: dict[str, str] = {
    # File imports: the catalogue (JSON or XLSX; also the item and queue forms), the calendar
    # file, the hall set-up file. A text about one field names it: {field} is its name in the
    # file ("materials[0].form", "promised_limit.value").
    "record_not_object": "This must be an object of named fields.",
    "field_required": "Field \"{field}\" must not be empty.",
    "field_text": "Field \"{field}\" must be text.",
    "field_too_long": "Field \"{field}\" is too long ({length} characters; at most {maximum}).",
    "field_code_format": "Field \"{field}\" takes letters, digits and - _ . only (no spaces).",
    "field_yes_no": "Field \"{field}\" must be yes or no.",
    "field_integer": "Field \"{field}\" must be a whole number.",
    "field_range": "Field \"{field}\" must be a whole number from {minimum} to {maximum}.",
    "field_positive": "Field \"{field}\" must be a whole number of 1 or more.",
    "field_choice": "Field \"{field}\": \"{value}\" is not valid; use one of {options}.",
    "field_list": "Field \"{field}\" must be a list.",
    "field_text_list": "Field \"{field}\" must be a list of texts.",
    "field_entry_too_long": "Field \"{field}\": an entry is too long (at most {maximum} "
                            "characters).",
    "limit_zero": "Field \"{field}\" must be more than 0 (for an item completed on the spot, "
                  "use the unit \"immediate\").",
    "field_repeated": "Field \"{field}\": {value} appears twice.",
    "duplicate_row": "Field \"{field}\": {value} is repeated (already in row {first_row}).",
    "promised_over_statutory": "Field \"{field}\": the promised time limit ({promised}) cannot "
                               "be longer than the statutory one ({statutory}).",
    "immediate_limit": "Field \"{field}\": for an item completed on the spot, the unit must "
                       "be \"immediate\".",
    "tolerant_without_secondary": "Field \"{field}\": acceptance with materials owed is "
                                  "allowed, but every material is a core one.",
    "commitment_without_material": "Field \"{field}\": written commitments are allowed, but "
                                   "no material can be replaced by one.",
    "unknown_material": "Service item {item} has no material {material}.",
    "catalogue_format": "This is not a catalogue file: its format must be {expected}.",
    "queue_prefix_format": "Field \"{field}\" must be 1 or 2 capital letters.",
    "time_quota_time": "Field \"{field}\": {value} is not a time of day; write it as HH:MM "
                       "(00:00–23:59).",
    "time_quota_order": "Field \"{field}\": the end must be after the start.",
    "time_quotas_format": "Field \"{field}\" is written like 09:00-12:00=160 (several "
                          "separated by ;).",
    "unknown_queue_code": "There is no queue {queue}.",
    "prefix_taken": "The prefix {prefix} of queue {queue} is already used by queue {owner}.",
    "prefix_in_use_today": "Queue {queue} has issued tickets today: change its prefix after "
                           "the day's close.",
    "prefix_used_today": "Prefix {prefix} has numbered tickets today: use it after the day's "
                         "close.",
    # two administrators (or imports) creating the same thing at the same moment
    "department_added_meanwhile": "Department {department} was just created at another "
                                  "terminal at the same moment; this was not saved: refresh, "
                                  "then save again.",
    "queue_added_meanwhile": "Queue {queue} was just created at another terminal at the same "
                             "moment; this was not saved: refresh, then save again.",
    "prefix_taken_meanwhile": "Prefix {prefix} was just given to a queue saved at another "
                              "terminal at the same moment; this was not saved: choose another "
                              "prefix.",
    "item_saved_meanwhile": "Item {item} was just saved at another terminal at the same moment; "
                            "this was not saved: load the item again, then make your changes.",
    "xlsx_unreadable": "The file cannot be read as an XLSX workbook ({reason}).",
    "xlsx_sheet_missing": "The XLSX file has no sheet \"{field}\".",
    "material_unknown_item": "Field \"{field}\": there is no item {item} (version {version}) "
                             "on the items sheet.",
    "invalid_json": "The file is not valid JSON (line {line}, column {column}).",
    "calendar_entry_shape": "This must be an object with year, holidays and workdays.",
    "calendar_year_required": "The year is missing.",
    "calendar_year_range": "The year must be a whole number from {minimum} to {maximum}, not "
                           "{value}.",
    "calendar_year_repeated": "The year {year} appears twice.",
    "calendar_unknown_key": "Unknown key(s) {keys} (the keys are year, holidays, workdays and "
                            "note).",
    "calendar_no_holidays": "\"holidays\" (the rest days) is missing.",
    "calendar_date_list": "\"{field}\" must be a list of dates.",
    "calendar_date_format": "The date {value} in \"{field}\" is not valid; write it as "
                            "YYYY-MM-DD.",
    "calendar_date_year": "The date {value} in \"{field}\" does not belong to {year}.",
    "calendar_day_conflict": "{day} is listed both as a holiday and as a working day.",
    "calendar_unknown_year": "The holidays of {year} are not loaded yet: load that year's "
                             "official calendar first (hallapp calendar load).",
    "calendar_no_working_day": "There is no working day within a year after {day}; please "
                               "check the holidays.",
    "hall_config_incomplete": "The hall set-up needs the hall's code and name.",
    "hall_exists": "A hall is already set up in this database.",
    "unknown_tz": "Unknown time zone: {zone}.",
    "windows_in_use": "Window(s) {windows} are in use: the live simulation runs only on closed "
                      "windows (choose them with --window-numbers).",
    "opening_hours_empty": "The opening hours need at least one period.",
    "opening_period_order": "Opening period {start}–{end} is not valid: periods must be in "
                            "order and must not overlap.",
    "unknown_time_unit": "Unknown time-limit unit: {unit}.",
}
