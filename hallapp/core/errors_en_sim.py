"""English for the refusals of the simulation and planner (``errors_en``, which includes
these): the live simulation, ``simulate run``/``plan`` and simulation profiles."""

from __future__ import annotations

SIMULATION_EN: dict[str, str] = {
    "simulation_staff": "The live simulation needs a kiosk account and clerks assigned to "
                        "windows.",
    "simulation_speed": "The speed must be a positive number and the duration more than 0 and "
                        "at most {most} hours.",
    "simulation_window_left": "Window {window} was paused or someone else has acted on it: the "
                              "live simulation leaves it as it is.",
    "simulation_close_day": "Before opening time ({opens}) the day close closes the previous "
                            "hall day, {closing}, not the simulation's {day}: use --close-day "
                            "after opening time, or close the day after the run, once the hall "
                            "has opened.",
    "simulation_real_tickets": "{count} ticket(s) the simulation did not issue are waiting in "
                               "queue(s) {queues}: the live simulation would call them and "
                               "finish them as served, so it is for a demo or training hall "
                               "only (deal with those tickets first, or choose windows that do "
                               "not serve these queues with --window-numbers).",
    "simulation_target": "The p90 wait target must be a number of minutes above 0 and at most "
                         "{most} (not {minutes}).",
    "simulation_runs": "The number of runs must be from 1 to {most} (not {runs}).",
    "simulation_weeks": "The weeks of history must be from 1 to {most} (not {weeks}).",
    "simulation_unknown_windows": "Window(s) {windows} do not exist or serve no queue.",
    "simulation_unstaffed_windows": "No clerk is assigned to window(s) {windows}.",
    "window_numbers": "Window numbers are digits separated by commas, e.g. 1,2,3.",
    "sim_profile_format": "This is not a simulation profile (its \"format\" should be "
                          "{format}).",
    "sim_profile_object": "Simulation profile: {field} must be a JSON object ({{…}}), not "
                          "{value}.",
    "sim_profile_range": "Simulation profile: {field} must be a number from {low} to {high}, "
                         "not {value}.",
    "sim_profile_above": "Simulation profile: {field} must be a number above {low} and at most "
                         "{high}, not {value}.",
    "sim_profile_integer": "Simulation profile: {field} must be a whole number, not {value}.",
    "sim_profile_dist": "Simulation profile: {field} must be lognormal or exponential, not "
                        "{value}.",
    "sim_profile_hour": "Simulation profile: {field} has the hour {key}; hours are 00 to 23.",
    "sim_profile_decisions": "Simulation profile: {field} needs a share above 0 for at least "
                             "one decision.",
    "sim_profile_periods": "Simulation profile: \"periods\" must be a list of [start, end] "
                           "pairs such as [[\"09:00\", \"12:00\"]], not {value}.",
    "sim_profile_unreadable": "Cannot read the simulation profile {path}: {problem}",
    "sim_service_time": "A service time must be positive and its log-sd not negative.",
    "sim_queue_hourly": "Queue {queue}: the arrival rates must be 24 numbers, none negative.",
    "sim_queue_share": "Queue {queue}: {field} must be from 0 to 1.",
    "sim_unknown_queue": "The simulation profile has no queue {queue}.",
}
