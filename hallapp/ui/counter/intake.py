"""收件 at the window: item, applicant, material checklist, decision, printed document.

Everything typed or clicked goes into the local journal at once (see :mod:`journal`), so a
crash, a restart or a lost database loses nothing: checklist marks made offline wait in
``pending`` and are recorded when the connection returns. The decision prints the receipt
or notice as part of it; a failed print leaves a reprint button, never a lost decision.

The intake is the applicant's, that is the ticket's it was begun for (the tab reads "A001 的收件"):
when that ticket leaves the window the intake leaves the screen with it, never shown to the
next applicant. A case opened and not decided stays in the database (the window asks before
the ticket is finished or suspended, see :mod:`controls`); when its ticket is served again —
挂起 and back with what was missing — the case comes back here, as one the clerk looked up
and took up (:meth:`IntakePanel.take_up`: 退回 by the department, say). Discarding an opened
case withdraws it (撤回, audited), with the clerk's reason.

The case services (cases, decisions, the catalogue, and the calendar and time-limit rules
behind them: ~60 ms at start) are imported where they are first called, not with this
module: the counter's first frame shows an empty intake form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from hallapp.core.errors import NotFound, ValidationError
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.labels import case_label
from hallapp.ui.common.widgets import make_button, make_label
from hallapp.ui.counter.base import CounterEnv, CounterPanel
from hallapp.ui.counter.case_view import take_up_notice
from hallapp.ui.counter.checklist import ChecklistPanel
from hallapp.ui.counter.decisions import DecisionPanel, ask_particulars
from hallapp.ui.counter.dialogs import WithdrawDialog
from hallapp.ui.counter.intake_form import ApplicantForm, ItemPicker
from hallapp.ui.counter.intake_top import IntakeTop, stacked
from hallapp.ui.counter.journal import IntakeDraft, IntakeJournal, saved_at_text
from hallapp.ui.counter.printing import CaseDocumentPrinter
from hallapp.ui.counter.result import DocumentStatus

if TYPE_CHECKING:
    from hallapp.core.catalogue import Item
    from hallapp.services.case_decide import DecisionResult
    from hallapp.services.case_views import CaseDetail, CaseInfo
    from hallapp.services.cases import IntakeView
    from hallapp.services.queue_common import TicketInfo

class IntakePanel(CounterPanel):
    decided = Signal(object)  # DecisionResult
    title_changed = Signal(str)  # whose intake this is, for the tab: "A001 的收件"

    def __init__(self, env: CounterEnv, printer: CaseDocumentPrinter, journal: IntakeJournal,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.printer, self.journal = printer, journal
        self.draft = IntakeDraft()
        self.item: Item | None = None
        self.ticket: TicketInfo | None = None
        self.view: IntakeView | None = None
        self.busy = False
        self.zone: ZoneInfo | None = None  # the hall's, once the window has read it
        self._title: str | None = None  # the tab's, last said
        self._restored: IntakeDraft | None = None  # for the notice, until it is replaced
        self.picker = ItemPicker(env)
        self.picker.connection_failed.connect(self.connection_failed)
        self.form = ApplicantForm()
        self.checklist = ChecklistPanel()
        self.decisions = DecisionPanel()
        self.notice = make_label("", "notice", wrap=True)
        self.notice.hide()
        self.discard_button = make_button("", "secondary", "discardIntake")
        self.open_button = make_button("", "primary", "openCase")
        self.case_label = make_label("", "subtitle")
        self.message = make_label("", "error", wrap=True)
        self.document = DocumentStatus(env, printer)
        self.document.connection_failed.connect(self.connection_failed)
        self._build()
        self._connect()
        self.retranslate()
        self.restore()

    def _build(self) -> None:
        """Item and applicant side by side on top (scrolling when tall), their buttons and
        the case number always in sight under them; the checklist full width below."""
        self.top = IntakeTop.side_by_side(
            stacked(make_label(self.tr("办理事项"), "section"), self.picker, self.notice),
            stacked(make_label(self.tr("申请人"), "section"), self.form))
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.case_label)  # under a long notice it was scrolled out of sight
        buttons.addWidget(self.message, 1)  # "请先改正标红的项目" next to the button
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.top)
        layout.addLayout(buttons)
        layout.addWidget(self.checklist, 1)
        layout.addWidget(self.decisions)
        layout.addWidget(self.document)
        # Tab: item search → applicant → 登记收件 → 清空重填 → checklist (not the buttons first).
        QWidget.setTabOrder(self.form.last_field(), self.open_button)
        QWidget.setTabOrder(self.open_button, self.discard_button)
        QWidget.setTabOrder(self.discard_button, self.checklist.table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.top.fit(self.height())

    def _connect(self) -> None:
        self.picker.item_chosen.connect(self._on_picker_item_chosen)
        self.form.edited.connect(self.save_draft)
        self.form.submitted.connect(self._on_form_submitted)
        self.checklist.mark_changed.connect(self._on_checklist_mark_changed)
        self.decisions.decision_chosen.connect(self.decide)
        self.open_button.clicked.connect(self.open_case)
        self.discard_button.clicked.connect(self._on_discard_clicked)

    def _on_form_submitted(self) -> None:
        """Enter in the applicant form: 登记收件, when the button would take it."""
        if self.open_button.isEnabled():
            self.open_case()

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("登记收件"))
        self.discard_button.setText(self.tr("清空重填"))
        if self._restored is not None:
            self._show_restored()
        self.update_enabled()

    def title(self) -> str:
        """"A001 的收件": the ticket the intake is for (the one at the window if none yet)."""
        number = self.draft.ticket or (self.ticket.number if self.ticket else None)
        return self.tr("{0} 的收件").format(number) if number else self.tr("收件")

    # --- the ticket ------------------------------------------------------------------------

    def set_ticket(self, ticket: TicketInfo | None) -> None:
        """The ticket at the window. An intake begun for another ticket leaves the screen
        (its undecided case stays in the database); a ticket new here brings back the case
        it left undecided when suspended; its item (chosen at the kiosk) is offered first."""
        new = ticket is not None and (self.ticket is None or self.ticket.id != ticket.id)
        self.ticket = ticket
        if not self.draft.is_for(ticket):
            self._set_aside()
        if ticket is not None and self.draft.ticket_id is None:
            self.draft.ticket_id, self.draft.ticket = ticket.id, ticket.number
        if new and ticket is not None and self.draft.is_empty():
            self._say("")  # what became of the last one's intake: said until the next one
            self.message.clear()
            self._look_up(ticket)
        if ticket is not None and ticket.item_code and self.draft.item_code is None:
            self.choose_item(ticket.item_code, None, from_ticket=True)
        self.update_enabled()

    def _set_aside(self) -> None:
        """The ticket left: its intake leaves the screen and the journal, saying what became
        of it (an opened case stays undecided in the database, for the ticket's return)."""
        draft = self.draft
        number = draft.ticket or "—"
        if draft.case is not None:
            text = self._kept(number, draft.case)
        elif draft.is_empty():
            text = ""
        else:
            text = self.tr("{0} 的收件尚未登记，已清空").format(number)
        self.discard()
        self._say(text)

    def _kept(self, ticket: str, case: str) -> str:
        return self.tr("{0} 的办件 {1} 尚未作出收件决定，已保留：该号回到窗口时自动调出，"
                       "继续核验").format(ticket, case)

    def _say(self, text: str) -> None:
        self._restored = None
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def undecided(self) -> tuple[str, str] | None:
        """(ticket, case) while a case opened for the ticket at the window awaits its intake
        decision: what the window asks about before that ticket leaves."""
        if self.draft.case is None or self.ticket is None or not self.draft.is_for(self.ticket):
            return None
        return self.draft.ticket or self.ticket.number, self.draft.case

    def _look_up(self, ticket: TicketInfo) -> None:
        """The case this ticket left undecided (suspended with materials missing), if any."""
        from hallapp.services.cases import undecided_case_of_ticket  # see the module docstring

        ctx, draft = self.env.ctx, self.draft
        self.call(lambda: undecided_case_of_ticket(ctx, ticket.id),
                  lambda found: self._on_looked_up(ticket, draft, found), self._show_error)

    def _on_looked_up(self, ticket: TicketInfo, draft: IntakeDraft,
                      found: CaseDetail | None) -> None:
        here = self.ticket is not None and self.ticket.id == ticket.id and draft is self.draft
        if not here or found is None or self.draft.case is not None:
            return  # none (or the ticket left, or a case was opened meanwhile)
        self._bring(ticket, draft, found, self.tr(
            "已调出 {0} 挂起前登记的办件 {1}，请继续核验材料").format(ticket.number,
                                                          found.case.number))

    def _bring(self, ticket: TicketInfo, draft: IntakeDraft, found: CaseDetail,
               notice: str) -> None:
        case = found.case  # an undecided case of ``ticket``: on the screen, to check and decide
        self.draft = draft.of_case(ticket.id, ticket.number, found)
        self.item, self.view = None, None  # the case's item, loaded again
        self.form.from_dict(self.draft.applicant, self.draft.agent)
        self.picker.set_item(case.item_code, local_name(case.item_name, case.item_name_en))
        self.journal.save(self.draft)
        self._say(notice)
        self.choose_item(case.item_code, case.item_name)

    def take_up_refusal(self, number: str) -> str | None:
        """Why case ``number`` (查件) cannot be taken into the intake now, or None."""
        case = self.draft.case
        if case is not None:  # the case itself: here already, the window shows it
            return None if case == number else self.tr(
                "收件页正在办理办件 {0}：请先作出收件决定（或清空重填将其撤回），"
                "再接手其他办件").format(case)
        typed = any(v for k, v in self.draft.applicant.items() if k != "kind") or self.busy
        return self.tr("收件页有尚未登记的收件：请先登记或清空重填，再接手办件") if typed else None

    def take_up(self, found: CaseDetail) -> None:
        """A case taken up (bound to the ticket served) to check and decide again."""
        if self.ticket is not None and self.draft.case is None and \
                self.take_up_refusal(found.case.number) is None:
            self._bring(self.ticket, IntakeDraft(), found, take_up_notice(found))

    def set_online(self, online: bool) -> None:
        self.env.online = online
        self.update_enabled()
        if online and self.draft.item_code and self.item is None:
            # restored from the journal while offline: the item could not be loaded then
            self.choose_item(self.draft.item_code, self.draft.item_name)
        elif online:
            self.flush()

    def set_zone(self, zone: str) -> None:
        """The hall's time zone (read by the window): times shown on the hall's clock."""
        self.zone = ZoneInfo(zone)
        if self._restored is not None:
            self._show_restored()

    def update_enabled(self) -> None:
        live = self.env.online and not self.busy
        serving = self.ticket is not None and self.ticket.state == "serving"
        opened = self.draft.case is not None
        self.open_button.setEnabled(live and serving and not opened and self.item is not None)
        self.picker.setEnabled(not opened)
        self.form.setEnabled(not opened)
        self.decisions.set_live(live and opened and not self.draft.pending)
        self.document.set_online(self.env.online)
        if opened:
            self.case_label.setText(self.tr("办件编号：{0}").format(self.draft.case))
        elif not serving:
            self.case_label.setText(self.tr("开始办理（F3）后可登记收件"))
        else:
            self.case_label.setText("")
        title = self.title()
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)

    def save_draft(self) -> None:
        self.draft.applicant, self.draft.agent = self.form.to_dict()
        if self.ticket is not None and self.draft.ticket_id is None:
            self.draft.ticket_id, self.draft.ticket = self.ticket.id, self.ticket.number
        self.journal.save(self.draft)
        self.update_enabled()  # the tab names the ticket once something is typed

    def restore(self) -> None:
        """Offer what the journal kept from before a restart or an outage."""
        draft = self.journal.load()
        if draft is None:
            return
        self.draft = draft
        self.form.from_dict(draft.applicant, draft.agent)
        self.picker.set_item(draft.item_code, draft.item_name)
        if draft.item_code:
            self.choose_item(draft.item_code, draft.item_name)
        self._restored = draft
        self._show_restored()
        self.notice.show()
        self.update_enabled()

    def _show_restored(self) -> None:
        draft = self._restored
        assert draft is not None
        when = saved_at_text(draft.saved_at, self.zone, self.env.ctx.clock())
        self.notice.setText(
            self.tr("已恢复未完成的收件（{0} 保存，号码 {1}）。可继续办理，或点“清空重填”放弃。")
            .format(when, draft.ticket or "—"))

    def _on_discard_clicked(self) -> None:
        """清空重填: an opened case is withdrawn (asked, with a reason), not left behind."""
        case = self.draft.case
        if case is None:
            self.discard()
            return
        reason = WithdrawDialog.ask(self.window(), case, self.tr(
            "办件 {0} 已登记。清空重填将撤回该办件（记入审计日志），再重新登记。").format(case),
            (("申请人信息填错，重新登记", self.tr("申请人信息填错，重新登记")),
             ("选错办理事项", self.tr("选错办理事项")),
             ("申请人放弃办理", self.tr("申请人放弃办理"))))
        if reason is None:
            return
        from hallapp.services.cases import withdraw

        ctx = self.env.ctx
        self._set_busy(True)
        self.call(lambda: withdraw(ctx, case, reason), self._on_withdrawn, self._show_error)

    def _on_withdrawn(self, info: CaseInfo) -> None:
        self._set_busy(False)
        self.case_withdrawn(info.number)

    def case_withdrawn(self, number: str) -> None:
        """The case was withdrawn (here, or before its ticket was finished): gone from here."""
        if self.draft.case == number:
            self.discard()
            self._say(self.tr("办件 {0} 已撤回").format(number))

    def discard(self) -> None:
        self.journal.clear()
        self.draft = IntakeDraft()
        self.item, self.view = None, None
        self.form.clear()
        self.picker.reset()  # the last applicant's search too
        self.checklist.clear()
        self.decisions.show_view(None)
        for label in (self.notice, self.message):
            label.clear()
        self.notice.hide()
        self._restored = None
        self.update_enabled()

    # --- item and checklist ----------------------------------------------------------------

    def choose_item(self, code: str, name: str | None, *, from_ticket: bool = False) -> None:
        """Load item ``code`` for the checklist; ``from_ticket``: the one chosen at the kiosk."""
        from hallapp.services.catalogue import get_item  # see the module docstring

        ctx = self.env.ctx
        self.draft.item_code, self.draft.item_name = code, name or self.draft.item_name
        failed = self._on_ticket_item_failed if from_ticket else self._show_error
        self.call(lambda: get_item(ctx, code), self._on_item_loaded, failed)

    def _on_ticket_item_failed(self, exc: BaseException) -> None:
        """The ticket's item was withdrawn since it was taken (the ticket kept its place): not
        chosen (its name in the picker read as chosen, 登记收件 stayed off with "事项…不存在");
        the clerk asks the applicant and chooses the item to take in."""
        if not (isinstance(exc, NotFound) and exc.code == "item_withdrawn") or self.item:
            self._show_error(exc)
            return
        self.draft.item_code = self.draft.item_name = None
        self.message.setText(self.tr("{0} 取号时所选事项（{1}）已停用，不能按此事项收件：请向申请人"
                                     "确认所办事项，另行选择").format(
            self.draft.ticket or "", exc.facts.get("name") or exc.facts.get("item")))
        self.picker.query.setFocus()

    def _on_picker_item_chosen(self, code: str, name: str) -> None:
        self.message.clear()  # what was said of the last one (withdrawn, say)
        if code != self.draft.item_code:
            self.draft.marks, self.draft.pending = {}, []
        self.choose_item(code, name)
        self.save_draft()

    def _on_item_loaded(self, item: Item) -> None:
        if item.code != self.draft.item_code:
            return  # another item was chosen meanwhile
        self.item = item
        self.draft.item_name = item.name
        self.picker.set_item(item.code, local_name(item.name, item.name_en))
        self.checklist.load_item(item, self.draft.marks)
        self.update_enabled()
        self.flush()

    def _on_checklist_mark_changed(self, code: str) -> None:
        self.draft.marks[code] = self.checklist.mark_of(code)
        if code not in self.draft.pending:
            self.draft.pending.append(code)
        self.save_draft()
        self.flush()

    def flush(self) -> None:
        """Record the marks the database has not seen yet (case open, online, idle)."""
        case, pending = self.draft.case, list(self.draft.pending)
        if case is None or self.item is None or not self.env.online or self.busy:
            self.update_enabled()
            return
        from hallapp.services.cases import record_checklist, show_checklist

        marks = self.checklist.marks(pending)
        ctx = self.env.ctx
        self._set_busy(True)
        self.call(lambda: record_checklist(ctx, case, marks) if marks
                  else show_checklist(ctx, case),
                  lambda view: self._on_checklist_recorded(pending, view), self._show_error)

    def _on_checklist_recorded(self, sent: list[str], view: IntakeView) -> None:
        self._set_busy(False)
        if view.number != self.draft.case:
            return  # the intake left with its ticket meanwhile
        self.draft.pending = [c for c in self.draft.pending if c not in sent]
        self.save_draft()
        self.show_view(view)
        if self.draft.pending:
            self.flush()

    def show_view(self, view: IntakeView) -> None:
        self.view = view
        self.checklist.show_states(view.materials)
        self.decisions.show_view(view)
        self.update_enabled()

    # --- open and decide -------------------------------------------------------------------

    def open_case(self) -> None:
        inputs = self.form.validate()
        if inputs is None or self.item is None:
            self.message.setText(self.tr("请先改正标红的项目") if inputs is None
                                 else self.tr("请先选择办理事项"))
            self._show_first_error()
            return
        from hallapp.services.cases import open_case

        self.message.clear()
        ctx, window, code, draft = self.env.ctx, self.env.window, self.item.code, self.draft
        self._set_busy(True)
        self.call(lambda: open_case(ctx, window, code, *inputs),
                  lambda detail: self._on_case_opened(draft, detail), self._show_error)

    def _on_case_opened(self, draft: IntakeDraft, detail: CaseDetail) -> None:
        self._set_busy(False)
        if draft is not self.draft:  # its ticket left meanwhile: the case waits for it
            self._say(self._kept(draft.ticket or "—", detail.case.number))
            return
        self.draft.case = detail.case.number
        self.draft.pending = [c for c, m in self.draft.marks.items() if m.get("status")]
        self.notice.hide()
        self.save_draft()
        self.flush()

    def decide(self, decision: str) -> None:
        case = self.draft.case
        if case is None:
            return
        asked = ask_particulars(self.window(), decision, self.item,
                                self.checklist.codes_marked("commitment"))
        if asked is None:
            return
        reason, basis, commitment = asked
        from hallapp.services.case_decide import decide

        ctx = self.env.ctx
        self._set_busy(True)
        self.call(lambda: decide(ctx, case, decision, reason=reason, legal_basis=basis,
                                 commitment=commitment),
                  self._on_decided, self._show_error)

    def _on_decided(self, result: DecisionResult) -> None:
        self._set_busy(False)
        self.decided.emit(result)
        if self.draft.case == result.case.number:
            self.discard()
        summary = self.tr("{0}：{1}（{2}）").format(
            result.case.number, self.decisions.labels()[result.decision],
            case_label(result.case.state_label))
        due = result.case.supplement_deadline
        if due is not None and result.case.owed:  # to tell the applicant, with the notice
            summary += "\n" + self.tr("{0} 项容缺材料须于 {1} 前补交").format(
                len(result.case.owed), f"{due.astimezone(self.zone):%Y-%m-%d}")
        self.document.print_document(summary, result.case.number, result.decision)

    # --- errors ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_enabled()

    def _show_error(self, exc: BaseException) -> None:
        self._set_busy(False)
        message = user_message(exc, "counter: intake")
        field = exc.field if isinstance(exc, ValidationError) else None
        if not (field and self.draft.case is None and self.form.field_error(field, message)):
            self.message.setText(message)
        else:
            self._show_first_error()

    def _show_first_error(self) -> None:
        """The first field marked red focused and scrolled into sight with its message."""
        edit = self.form.first_error()
        if edit is not None:
            edit.setFocus()
            self.top.show_field(edit, self.form.errors_of(edit))
