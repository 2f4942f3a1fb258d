"""Whether a staffing plan fits in the hall: the warning the planner tab gives, for
``simulate plan`` too (it printed 全部达标 for 19 windows at 10:00 in a 14-window hall).

Each planned window serves one queue; a hall short of windows pools queues on shared ones
(work profiles), so the warning says what the targets take, not a layout to follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from hallapp.core.sim.planner import StaffingPlan
from hallapp.services.context import Ctx


@dataclass(frozen=True)
class CapacityWarning:
    hour: int  # the hour needing the most windows (the earliest of equals)
    windows: int
    hall_windows: int
    message: str


def capacity_warning(plan: StaffingPlan, hall_windows: int) -> CapacityWarning | None:
    """The plan's busiest hour if it needs more windows than the hall's ``hall_windows``."""
    busiest = max(plan.hours, key=lambda h: (h.windows, -h.hour), default=None)
    if busiest is None or busiest.windows <= hall_windows:
        return None
    return CapacityWarning(busiest.hour, busiest.windows, hall_windows,
                           f"{busiest.hour}时需 {busiest.windows} 个窗口，多于本厅的 "
                           f"{hall_windows} 个：可让窗口兼办多个队列，或放宽目标。")


def hall_capacity_warning(ctx: Ctx | None, plan: StaffingPlan) -> CapacityWarning | None:
    """:func:`capacity_warning` against the hall's windows, or without ``ctx`` (a plan from
    the demo or a profile file, simulated on the demo hall) the demo hall's."""
    if ctx is None:
        from hallapp.services.simulate import demo_hall_profiles

        return capacity_warning(plan, len(demo_hall_profiles()))
    from hallapp.services.hall import list_windows

    return capacity_warning(plan, len(list_windows(ctx)))
