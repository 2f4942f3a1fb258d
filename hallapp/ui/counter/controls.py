"""One-key window operations: each a button with its function key (F1 call next … F9 call a
chosen ticket, F10 finish and call next), plus open/close and bringing back a suspended
ticket.

A button is enabled only when the operation makes sense for the window's state and ticket,
and never while offline or while another operation is on its way; the function key presses
the button, so a disabled button ignores its key too. The service checks everything again.

Before the ticket being served leaves the window (finished, suspended, transferred) with a
case opened for it and not decided, the clerk is asked: suspending keeps the case for the
applicant's return on the same number (挂起); finishing or transferring withdraws it (撤回,
with a reason), or the clerk goes back to the intake. No case is left behind unnoticed.

指定叫号, 转移 and 挂起恢复/过号恢复 run in their dialog (``IN_DIALOG``): it stays open, busy,
while the service answers and closes only on success; a refusal is shown there, under the
field it concerns, with what the clerk typed kept (see :mod:`hallapp.ui.counter.dialogs`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from hallapp.services import windows
from hallapp.services.windows import WindowState
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.widgets import make_button
from hallapp.ui.counter.base import CounterEnv, CounterPanel
from hallapp.ui.counter.dialogs import (
    CallTicketDialog,
    Done,
    Failed,
    ReasonDialog,
    Submit,
    TicketRefDialog,
    TransferDialog,
    WithdrawDialog,
)
from hallapp.ui.counter.holder import held_by_other

if TYPE_CHECKING:
    from hallapp.services.case_views import CaseInfo

# name -> function key (None: no key)
COMMANDS: dict[str, str | None] = {
    "call_next": "F1", "recall": "F2", "start": "F3", "finish": "F4",
    "finish_and_call_next": "F10", "noshow": "F5", "suspend": "F6", "transfer": "F7",
    "pause": "F8", "call_ticket": "F9",
    "open": None, "close": None, "resume_suspended": None, "reactivate": None,
}
BACK_TO_LINE = ("resume_suspended", "reactivate")  # a ticket comes back: no key, secondary
LEAVING = ("finish", "finish_and_call_next", "suspend", "transfer")  # the ticket served leaves
IN_DIALOG = ("call_ticket", "transfer", *BACK_TO_LINE)  # the dialog waits for the service


def _nothing_undecided() -> tuple[str, str] | None:
    return None


class CallControls(CounterPanel):
    acted = Signal(str, object)  # command, service result
    failed = Signal(str)  # message for the clerk
    withdrawn = Signal(str)  # the number of a case withdrawn before its ticket left

    def __init__(self, env: CounterEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.state: WindowState | None = None
        self.recall_max: int | None = None  # the hall's limit, once read
        self.queues: list[str] = []
        self.transfer_window: int | None = None  # the last transfer's window, for its message
        self.busy = False
        # The intake's (ticket, case) while a case opened for the ticket here is undecided
        self.undecided: Callable[[], tuple[str, str] | None] = _nothing_undecided
        self._kept: tuple[str, str] | None = None  # the case a suspension will keep
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for i, name in enumerate(COMMANDS):
            kind = "secondary" if name in ("open", "close", *BACK_TO_LINE) else None
            button = make_button("", kind, f"cmd_{name}")
            button.clicked.connect(partial(self.run_command, name))
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[name] = button
        self.buttons["call_next"].setProperty("kind", "primary")
        self.retranslate()
        self.update_enabled()

    def install_shortcuts(self, window: QWidget) -> list[QShortcut]:
        """Function keys on the whole counter window press the matching button."""
        shortcuts = []
        for name, key in COMMANDS.items():
            if key:
                shortcut = QShortcut(QKeySequence(key), window)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(partial(self._on_shortcut_activated, name))
                shortcuts.append(shortcut)
        return shortcuts

    def _on_shortcut_activated(self, name: str) -> None:
        if self.buttons[name].isEnabled():
            self.buttons[name].click()

    def retranslate(self) -> None:
        paused = self.state is not None and self.state.state == "paused"
        labels = {
            "call_next": self.tr("叫号"), "recall": self.tr("重呼"), "start": self.tr("开始办理"),
            "finish": self.tr("办结"), "finish_and_call_next": self.tr("办结并叫号"),
            "noshow": self.tr("过号"), "suspend": self.tr("挂起"),
            "transfer": self.tr("转移"), "pause": self.tr("恢复") if paused else self.tr("暂停"),
            "call_ticket": self.tr("指定叫号"), "open": self.tr("开窗"),
            "close": self.tr("关窗"), "resume_suspended": self.tr("挂起恢复"),
            "reactivate": self.tr("过号恢复"),
        }
        for name, button in self.buttons.items():
            key = COMMANDS[name]
            button.setText(f"{labels[name]}  {key}" if key else labels[name])

    def set_state(self, state: WindowState | None) -> None:
        self.state = state
        self.retranslate()
        self.update_enabled()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_enabled()

    def _may_recall(self) -> bool:
        """Below the hall's recall limit (the service refuses past it; the key need not
        promise what it will refuse)."""
        ticket = self.state.ticket if self.state else None
        return ticket is None or self.recall_max is None or ticket.recalls < self.recall_max

    def update_enabled(self) -> None:
        state = self.state
        # at a window another clerk holds, nothing: the holder strip offers the way forward
        live = (self.env.online and not self.busy and state is not None
                and not held_by_other(self.env, state))
        wstate = state.state if state else ""
        ticket = state.ticket.state if state and state.ticket else None
        day_closed = state is not None and state.day_closed  # 开窗 refused till reopened
        allowed = {
            "open": wstate == "closed" and not day_closed,
            "close": wstate != "closed" and ticket is None,
            "call_next": wstate == "open" and ticket is None,
            "call_ticket": wstate == "open" and ticket is None,
            "recall": wstate == "open" and ticket == "called" and self._may_recall(),
            "noshow": ticket == "called",
            "start": ticket == "called", "finish": ticket in ("called", "serving"),
            "finish_and_call_next": wstate == "open",
            "suspend": ticket in ("called", "serving"),
            "transfer": ticket in ("called", "serving"),
            "pause": wstate in ("open", "paused"), "resume_suspended": wstate != "closed",
            "reactivate": wstate != "closed",
        }
        for name, button in self.buttons.items():
            button.setEnabled(live and allowed[name])

    # --- commands --------------------------------------------------------------------------

    def run_command(self, name: str) -> None:
        """Ask what the operation needs (reason, target), then call the service."""
        self.failed.emit("")  # the last command's refusal is not this one's (even if cancelled)
        serving = self.state is not None and self.state.ticket is not None
        intake = self.undecided() if name in LEAVING and serving else None
        reason = None
        if intake is not None and name != "suspend":
            reason = self._ask_withdraw(name, *intake)
            if reason is None:
                return  # back to the intake
        self._kept = intake if name == "suspend" else None
        if name in IN_DIALOG:
            self._run_in_dialog(name, (intake[1], reason) if intake and reason else None)
            return
        fn = self._service_call(name)
        if fn is None:
            return
        self.set_busy(True)
        if intake is None or reason is None:
            self.call(fn, partial(self._on_command_done, name), self._on_command_failed)
            return
        from hallapp.services.cases import withdraw  # the case services: see intake.py

        ctx, case = self.env.ctx, intake[1]
        self.call(lambda: withdraw(ctx, case, reason), partial(self._on_withdrawn, name, fn),
                  self._on_command_failed)

    def _ask_withdraw(self, name: str, ticket: str, case: str) -> str | None:
        """The reason to withdraw the undecided case before its ticket leaves, or None."""
        head = self.tr("{0} 的办件 {1} 尚未作出收件决定。").format(ticket, case)
        presets: tuple[tuple[str, str], ...]
        if name == "transfer":
            prompt = self.tr("转移 {0} 前须撤回该办件（原因记入审计日志）；点“返回”可继续收件。")
            presets = (("应到其他窗口办理", self.tr("应到其他窗口办理")),
                       ("选错办理事项", self.tr("选错办理事项")))
        else:
            prompt = self.tr("办结 {0} 前须撤回该办件（原因记入审计日志）；点“返回”可继续收件，"
                             "材料不齐的可“一次性告知”或挂起。")
            presets = (("申请人放弃办理", self.tr("申请人放弃办理")),
                       ("申请人信息填错", self.tr("申请人信息填错")),
                       ("选错办理事项", self.tr("选错办理事项")))
        return WithdrawDialog.ask(self.window(), case, head + prompt.format(ticket), presets)

    def _on_withdrawn(self, name: str, fn: Callable[[], Any], info: CaseInfo) -> None:
        self.withdrawn.emit(info.number)
        self.call(fn, partial(self._on_command_done, name), self._on_command_failed)

    def _run_in_dialog(self, name: str, withdraw: tuple[str, str] | None) -> None:
        """Open the command's dialog, which runs the service for each answer the clerk
        gives until one succeeds (or they cancel). An undecided case to withdraw first is
        withdrawn once, with the first answer."""
        ctx = self.env.ctx
        first = [withdraw] if withdraw is not None else []

        def submit(answer: Any, done: Done, failed: Failed) -> None:
            fn = self._dialog_call(name, answer)

            def ok(result: Any) -> None:
                self.set_busy(False)
                done(result)

            def refused(exc: BaseException) -> None:
                self.set_busy(False)
                failed(exc)

            def withdrawn(info: CaseInfo) -> None:
                first.clear()
                self.withdrawn.emit(info.number)
                self.call(fn, ok, refused)

            self.set_busy(True)
            if not first:
                self.call(fn, ok, refused)
                return
            from hallapp.services.cases import withdraw as withdraw_case  # see intake.py

            case, reason = first[0]
            self.call(lambda: withdraw_case(ctx, case, reason), withdrawn, refused)

        result = self._open_dialog(name, submit)
        if result is not None:
            self._on_command_done(name, result)

    def _open_dialog(self, name: str, submit: Submit) -> Any:
        if name == "call_ticket":
            return CallTicketDialog.ask(self.window(), submit)
        if name == "transfer":
            return TransferDialog.ask(self.window(), self.queues, submit)
        return TicketRefDialog.ask(self.window(), submit, reactivate=name == "reactivate")

    def _dialog_call(self, name: str, answer: Any) -> Callable[[], Any]:
        ctx, n = self.env.ctx, self.env.window
        if name == "call_ticket":
            ticket, reason = answer
            return lambda: windows.call_ticket(ctx, n, ticket, reason)
        if name == "transfer":
            queue, window, note = answer
            self.transfer_window = window  # for the message, once it is done
            return lambda: windows.transfer(ctx, n, to_queue=queue, to_window=window,
                                            reason=note)
        from hallapp.services import tickets  # ticket issuing: not loaded at start

        back = tickets.reactivate if name == "reactivate" else tickets.resume_suspended
        return lambda: back(ctx, answer)

    def _service_call(self, name: str) -> Callable[[], Any] | None:
        ctx, n = self.env.ctx, self.env.window
        simple: dict[str, Callable[[], Any]] = {
            "call_next": lambda: windows.call_next(ctx, n),
            "recall": lambda: windows.recall(ctx, n), "start": lambda: windows.start(ctx, n),
            "finish": lambda: windows.finish(ctx, n),
            "finish_and_call_next": lambda: windows.finish_and_call_next(ctx, n),
            "open": lambda: windows.open_window(ctx, n),
            "close": lambda: windows.close_window(ctx, n),
        }
        if name in simple:
            return simple[name]
        return self._asking_call(name)

    def _asking_call(self, name: str) -> Callable[[], Any] | None:
        ctx, n = self.env.ctx, self.env.window
        if name == "pause" and self.state is not None and self.state.state == "paused":
            return lambda: windows.resume(ctx, n)
        reason = self._ask_reason(name)
        if reason is None:
            return None
        services: dict[str, Callable[..., object]] = {
            "pause": windows.pause, "noshow": windows.noshow, "suspend": windows.suspend}
        service = services[name]
        return lambda: service(ctx, n, reason)

    def _ask_reason(self, name: str) -> str | None:
        titles = {
            "pause": (self.tr("暂停窗口"), self.tr("暂停期间本窗口不叫号，请写明原因"),
                      (("午休", self.tr("午休")),
                       ("临时离开", self.tr("临时离开")),
                       ("系统故障", self.tr("系统故障")),
                       ("业务培训", self.tr("业务培训")))),
            "noshow": (self.tr("过号"), self.tr("申请人多次呼叫未到，按过号处理"),
                       (("多次呼叫未到", self.tr("多次呼叫未到")),)),
            "suspend": (self.tr("挂起"), self.tr("申请人补齐材料后凭原号回到本窗口，无需重新取号"),
                        (("材料不齐，回去补充", self.tr("材料不齐，回去补充")),
                         ("需复印材料", self.tr("需复印材料")),
                         ("需填写申请表", self.tr("需填写申请表")))),
        }
        title, prompt, presets = titles[name]
        if name == "suspend" and self._kept is not None:
            prompt += "\n" + self.tr("{0} 的办件 {1} 尚未作出收件决定，将保留：该号回到窗口时"
                                     "自动调出，继续核验。").format(*self._kept)
        if name == "noshow":  # its one usual reason, filled in: Enter confirms it
            return ReasonDialog.ask(self.window(), title, prompt, presets, preset_first=True)
        return ReasonDialog.ask(self.window(), title, prompt, presets)

    def _on_command_done(self, name: str, result: object) -> None:
        self.set_busy(False)
        self.acted.emit(name, result)

    def _on_command_failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.failed.emit(user_message(exc, "counter: window operation"))
