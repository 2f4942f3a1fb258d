"""The strip a clerk sees at a window another clerk holds (opened or claimed it): who, since
when, and the way forward — 接手窗口 when the holder has left it and no ticket is in service
there, else ask the holder or the supervisor (``hallapp.services.window_holder``).

At the window the clerk holds, its part (``HolderBar.mine``: since when, and 离开窗口) sits at
the end of the counter's header row instead, costing no height (the counter fits a 1366×768
screen): leaving for a break or a hand-over without closing the window (``release_window``),
which stays open for another clerk to claim. With a ticket called or in service there it
says to finish, transfer, suspend or pass it first: it is not left without a clerk. At an
open window nobody holds (left, freed, or opened by the supervisor, perhaps with a ticket in
service there) the same place offers 接手窗口 (``claim_window``): taking in a case there is
refused until the clerk holds it (intake_window_not_held), and no operation the clerk could
press instead (finish, transfer) leaves the applicant in front of them served.

While it shows, the window's operations and its work tabs are off (``CounterWindow``): the
first action used to be the clerk's only way to learn the window was not theirs. It spans the
counter's width above both columns, 接手窗口 beside its text: stacked in the left column its
hint wrapped to three lines and squeezed the window's operations below until their labels
were cut off at 1280×800 and 1366×768.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hallapp.core.roles import Role
from hallapp.services.window_holder import claim_window, release_window
from hallapp.services.windows import WindowState
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_button, make_label
from hallapp.ui.counter.base import CounterEnv, CounterPanel
from hallapp.ui.counter.dialogs import LeaveWindowDialog, TakeOverDialog


def held_by_other(env: CounterEnv, state: WindowState | None) -> bool:
    """True when a clerk looks at a window another clerk holds (supervisors act anywhere)."""
    return (state is not None and state.holder_user is not None
            and env.ctx.actor.role is Role.CLERK
            and state.holder_user.lower() != env.ctx.actor.username.lower())


def held_by_nobody(env: CounterEnv, state: WindowState | None) -> bool:
    """True when a clerk looks at an open (or paused) window nobody holds."""
    return (state is not None and state.holder_user is None and state.state != "closed"
            and env.ctx.actor.role is Role.CLERK)


def held_by_me(env: CounterEnv, state: WindowState | None) -> bool:
    """True when a clerk looks at the window they hold."""
    return (state is not None and state.holder_user is not None
            and env.ctx.actor.role is Role.CLERK
            and state.holder_user.lower() == env.ctx.actor.username.lower())


class HolderBar(CounterPanel):
    claimed = Signal(object)  # the WindowState after the take-over
    released = Signal(object)  # the WindowState after leaving the window
    failed = Signal(str)

    def __init__(self, env: CounterEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.setObjectName("holderBar")
        self.state: WindowState | None = None
        self.zone: tzinfo | None = None  # the hall's, once read; else the machine's
        self.busy = False
        self.text = make_label("", "notice", wrap=True)
        self.hint = make_label("", "hint", wrap=True)
        self.take = make_button("", "primary", "takeOver")
        self.take.clicked.connect(self._on_take_clicked)
        self.since = make_label("", "subtitle")
        self.leave = make_button("", "secondary", "leaveWindow")  # white on the blue header
        self.leave.clicked.connect(self._on_leave_clicked)
        self.claim = make_button("", "secondary", "claimWindow")  # nobody holds it
        self.claim.clicked.connect(self._on_claim_clicked)
        self.mine = QWidget()  # laid out by the counter, in its header row
        self.mine.setObjectName("holderMine")
        own = QHBoxLayout(self.mine)
        own.setContentsMargins(0, 0, 0, 0)
        own.addWidget(self.since)
        own.addWidget(self.leave)
        own.addWidget(self.claim)
        self.mine.hide()
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(2)
        words.addWidget(self.text)
        words.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 0)
        layout.addLayout(words, 1)
        layout.addWidget(self.take)
        self.hide()

    def set_state(self, state: WindowState | None) -> None:
        self.state = state
        self.setVisible(held_by_other(self.env, state))
        mine, nobody = held_by_me(self.env, state), held_by_nobody(self.env, state)
        self.leave.setVisible(mine)
        self.claim.setVisible(nobody)
        self.mine.setVisible(mine or nobody)
        self.retranslate()

    def update_enabled(self) -> None:
        state = self.state
        self.take.setEnabled(self.env.online and not self.busy and state is not None
                             and state.ticket is None)
        self.leave.setEnabled(self.env.online and not self.busy)
        self.claim.setEnabled(self.env.online and not self.busy)

    def retranslate(self) -> None:
        self.take.setText(self.tr("接手窗口"))
        self.leave.setText(self.tr("离开窗口"))
        self.leave.setToolTip(self.tr("暂离（休息、交接）而不关窗：窗口保持开放，其他工作人员可接手"))
        self.claim.setText(self.tr("接手窗口"))
        self.claim.setToolTip(self.tr("此窗口当前无人使用：接手后在此叫号、收件"))
        state = self.state
        if state is None or state.holder is None:
            self.text.clear()
            self.hint.clear()
            self.since.setText(self.tr("（窗口当前无人使用）") if held_by_nobody(self.env, state)
                               else "")
        else:
            at = state.holder_since
            since = (self.tr("（自 {0}）").format(f"{at.astimezone(self.zone):%H:%M}")
                     if at is not None else "")
            self.since.setText(since)
            self.text.setText(self.tr("此窗口由 {0} 使用中").format(state.holder) + since)
            self.hint.setText(
                self.tr("正在办理 {0}：不能接手。请 {1} 办结，或请值班长改派窗口。").format(
                    state.ticket.number, state.holder) if state.ticket else
                self.tr("{0} 已离开该窗口（已退出或终端故障）时，可接手窗口；"
                        "否则请到自己的窗口办理，或请值班长安排。").format(state.holder))
        self.update_enabled()

    def _on_take_clicked(self) -> None:
        state = self.state
        if state is None or state.holder_user is None or state.holder is None:
            return
        if not TakeOverDialog.ask(self.window(), self.env.window, state.holder):
            return
        ctx, number, holder = self.env.ctx, self.env.window, state.holder_user
        self.busy = True
        self.update_enabled()
        self.call(lambda: claim_window(ctx, number, replacing=holder), self._on_claimed,
                  self._on_claim_failed)

    def _on_claim_clicked(self) -> None:
        """Taking the window nobody holds: no one is displaced, so nothing to confirm."""
        if not held_by_nobody(self.env, self.state):
            return
        ctx, number = self.env.ctx, self.env.window
        self.busy = True
        self.update_enabled()
        self.call(lambda: claim_window(ctx, number), self._on_claimed, self._on_claim_failed)

    def _on_leave_clicked(self) -> None:
        state = self.state
        if state is None or not held_by_me(self.env, state):
            return
        if state.ticket is not None:  # the service refuses it too (release_in_service)
            self.failed.emit(self.tr("正在办理 {0}：请先办结、转移、挂起或过号，再离开窗口")
                             .format(state.ticket.number))
            return
        if not LeaveWindowDialog.ask(self.window(), self.env.window):
            return
        ctx, number = self.env.ctx, self.env.window
        self.busy = True
        self.update_enabled()
        self.call(lambda: release_window(ctx, number), self._on_released,
                  self._on_release_failed)

    def _on_released(self, state: WindowState) -> None:
        self.busy = False
        self.released.emit(state)

    def _on_release_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.update_enabled()
        self.failed.emit(user_message(exc, "counter: leave window"))

    def _on_claimed(self, state: WindowState) -> None:
        self.busy = False
        self.claimed.emit(state)

    def _on_claim_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.update_enabled()
        self.failed.emit(user_message(exc, "counter: take over window"))
