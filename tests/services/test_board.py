"""What the call display lists (``board.recent_calls``): the calls still at a window first,
then the latest finished ones, newest call on top."""

from __future__ import annotations

from collections.abc import Callable

from conftest import FakeClock

from hallapp.services import board, tickets, windows
from hallapp.services.context import Ctx

CtxFor = Callable[[str], Ctx]


def test_a_call_still_at_its_window_is_not_pushed_off_by_quick_services(
        ctx_for: CtxFor, clock: FakeClock) -> None:
    """The list was the newest eight calls of any state: after eight quick call-and-finish
    cycles at windows 1 and 2, the applicant called to window 11, still walking there,
    vanished from the display."""
    kiosk, boss = ctx_for("kiosk1"), ctx_for("supervisor1")
    for _ in range(20):
        clock.advance(seconds=20)
        tickets.take_ticket(kiosk, "A")
    for window in (1, 2, 11):
        windows.open_window(boss, window)
    walking = windows.call_next(boss, 11)
    for i in range(9):
        clock.advance(seconds=40)
        window = (1, 2)[i % 2]
        windows.call_next(boss, window)
        windows.finish(boss, window)
    clock.advance(seconds=40)
    serving = windows.call_next(boss, 1)
    windows.start(boss, 1)
    calls = board.recent_calls(ctx_for("display1"), 4)
    # Both at windows, then the latest finished in the rows left; newest call on top.
    assert (walking.number, serving.number) == ("A001", "A011")
    assert [c.number for c in calls] == ["A011", "A010", "A009", "A001"]
    assert [c.window for c in calls] == [1, 1, 2, 11]
    # More tickets at windows than rows: those called, still walking, come first.
    assert [c.number for c in board.recent_calls(ctx_for("display1"), 1)] == [walking.number]
    assert {c.number for c in board.recent_calls(ctx_for("display1"), 2)} == {
        walking.number, serving.number}
