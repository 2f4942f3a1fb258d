"""The buttons under an open case, and what each one does.

Only the actions the state machine allows the approver in the case's state are shown
(``CaseDetail.allowed_actions``). A case another approver has claimed keeps its buttons but
disables them, with who holds it as the reason (the service refuses anyway: the claim and
every decision are conditional updates). Each click asks its dialog, then calls the service
off the GUI thread; ``acted`` carries the returned CaseInfo, ``failed`` the message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from hallapp.services import backoffice, case_clock
from hallapp.services.case_views import CaseDetail
from hallapp.services.context import Ctx
from hallapp.ui.backoffice.base import BackofficeEnv, BackofficePanel
from hallapp.ui.backoffice.dialogs import CorrectionDialog, DenyDialog, ReasonDialog
from hallapp.ui.common.errors import user_message
from hallapp.ui.common.pdf_printer import PdfDocumentPrinter
from hallapp.ui.common.widgets import make_button

if TYPE_CHECKING:
    # reportlab (~0.25 s, ~15 MB) comes with it: loaded at the first print, not at start-up
    from hallapp.services.printing import PrintJob, PrintRecord

# button order; "supply_correction" is the approver recording an online submission
ACTIONS = ("claim", "approve", "deny", "request_correction", "start_special", "end_special",
           "return_to_front", "release", "supply_correction", "mark_ready", "print")
NEEDS_CLAIM = frozenset({"release", "approve", "deny", "request_correction", "start_special",
                         "end_special", "return_to_front"})
HELD_STATES = frozenset({"in_review", "special_procedure"})
NOTICE_BY_STATE = {"correction_requested": "correction", "corrected": "correction",
                   "approved": "result", "denied": "result", "result_ready": "result",
                   "delivered": "result"}
KINDS = {"approve": "primary", "deny": "danger"}
COLUMNS = 4


class NoticePrinter(Protocol):
    def print_job(self, job: PrintJob, *, reprint: bool = False) -> PrintRecord: ...


class PdfNoticePrinter(PdfDocumentPrinter):
    """Saves each notice as a PDF and logs it (a back office without a printer, tests)."""

    FOLDER = "backoffice-documents"


def _notice(ctx: Ctx, number: str, kind: str) -> PrintJob:
    """Lay the notice out (on a worker; the first call imports the document layout)."""
    from hallapp.services.printing import notice_document

    return notice_document(ctx, number, kind)


class CaseActions(BackofficePanel):
    acted = Signal(str, object)  # action, CaseInfo (PrintRecord for "print")
    failed = Signal(str)

    def __init__(self, env: BackofficeEnv, printer: NoticePrinter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.printer = printer or PdfNoticePrinter(env.ctx)
        self.detail: CaseDetail | None = None
        self.busy = False
        self.buttons: dict[str, QPushButton] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 0)
        for name in ACTIONS:
            button = make_button("", KINDS.get(name, "secondary"), name)
            button.clicked.connect(lambda _=False, n=name: self.trigger(n))
            self.buttons[name] = button
        self.retranslate()
        self.show_case(None)

    def retranslate(self) -> None:
        texts = {"claim": self.tr("认领审查"), "approve": self.tr("批准"),
                 "deny": self.tr("不予批准"), "request_correction": self.tr("要求补正"),
                 "start_special": self.tr("特别程序"), "end_special": self.tr("结束特别程序"),
                 "return_to_front": self.tr("退回窗口"), "release": self.tr("放弃认领"),
                 "supply_correction": self.tr("登记网上补正"),
                 "mark_ready": self.tr("制证完成"), "print": self.tr("打印通知书")}
        for name, button in self.buttons.items():
            button.setText(texts[name])

    # --- which buttons, enabled or not ------------------------------------------------------

    def show_case(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        shown = [n for n in ACTIONS if detail is not None and self._offered(detail, n)]
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()
        for i, name in enumerate(shown):
            self.grid.addWidget(self.buttons[name], i // COLUMNS, i % COLUMNS)
            self.buttons[name].show()
        self.update_enabled()

    def _offered(self, detail: CaseDetail, name: str) -> bool:
        if name == "print":
            return detail.case.state in NOTICE_BY_STATE
        if name == "claim" and detail.case.claimed_by == self.env.ctx.actor.username:
            return False  # a special procedure is claimed in its state: not again by its holder
        return name in detail.allowed_actions

    def blocked_reason(self, name: str) -> str | None:
        """Why the action cannot be taken now, or None if it can."""
        if self.detail is None:
            return self.tr("请先在左侧选择办件")
        if not self.env.online:
            return self.tr("数据库连接中断，恢复后才能操作")
        if self.busy:
            return self.tr("正在处理上一操作……")
        info, me = self.detail.case, self.env.ctx.actor.username
        holder = info.claimed_by
        if holder and holder != me and info.state in HELD_STATES:
            return self.tr("该办件已由 {0} 认领审查，只有认领人可以操作").format(
                info.claimed_by_name or holder)
        if name in NEEDS_CLAIM and holder != me:
            return self.tr("请先认领该办件")
        return None

    def update_enabled(self) -> None:
        for name, button in self.buttons.items():
            reason = self.blocked_reason(name)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")

    # --- doing it ---------------------------------------------------------------------------

    def trigger(self, name: str) -> None:
        """Ask what the action needs, then run it (the buttons call this; so may tests)."""
        if self.detail is None or self.blocked_reason(name) is not None:
            return
        job = self._prepare(name, self.detail)
        if job is None:
            return
        self.busy = True
        self.update_enabled()
        self.call(job, lambda result: self._on_done(name, result), self._on_failed)

    def _prepare(self, name: str, detail: CaseDetail) -> Callable[[], Any] | None:
        ctx, number = self.env.ctx, detail.case.number
        simple: dict[str, Callable[[Ctx, str], Any]] = {
            "claim": backoffice.claim, "release": backoffice.release,
            "mark_ready": backoffice.mark_ready,
            "supply_correction": case_clock.supply_correction_online}
        if name in simple:
            return lambda: simple[name](ctx, number)
        if name == "print":
            kind = NOTICE_BY_STATE[detail.case.state]
            return lambda: self.printer.print_job(_notice(ctx, number, kind))
        return self._ask(name, detail)

    def _ask(self, name: str, detail: CaseDetail) -> Callable[[], Any] | None:
        ctx, number = self.env.ctx, detail.case.number
        if name == "deny":
            denial = DenyDialog.ask(self, number)
            return None if denial is None else lambda: backoffice.deny(ctx, number, *denial)
        if name == "request_correction":
            answer = CorrectionDialog.ask(self, number, detail.materials)
            return None if answer is None else lambda: case_clock.request_correction(
                ctx, number, answer[0], answer[1])
        prompts: dict[str, tuple[Callable[..., Any], str, str, bool]] = {
            "approve": (backoffice.approve, self.tr("批准"), self.tr("审批意见（可不填）"), False),
            "start_special": (case_clock.start_special, self.tr("启动特别程序"),
                              self.tr("事由（听证、检验、检测、专家评审等）"), True),
            "end_special": (case_clock.end_special, self.tr("结束特别程序"),
                            self.tr("结论意见（可不填）"), False),
            "return_to_front": (backoffice.return_to_front, self.tr("退回窗口"),
                                self.tr("退回原因"), True)}
        fn, title, label, required = prompts[name]
        text = ReasonDialog.ask(self, title, self.tr("办件 {0}").format(number), label, required)
        if text is None:
            return None
        return lambda: fn(ctx, number, text or None) if not required else fn(ctx, number, text)

    def _on_done(self, name: str, result: object) -> None:
        self.busy = False
        self.update_enabled()
        self.acted.emit(name, result)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.update_enabled()
        self.failed.emit(user_message(exc, "backoffice: action"))
