"""查件 and 出件: look a case up for the applicant at the window, hand out results at the
window or send them by express post; and what the applicant brings back to the window for an
accepted case: 容缺 materials owed, 补正 materials asked for.

The receipt QR scanner types ``HALLAPP:C:<case number>:<code>`` and Enter into the field;
the clerk may also type a case number or the applicant's ID number. The found cases are
listed; the one chosen is handed over against the scanned receipt or an ID number (the
applicant's or the authorised agent's), or marked as sent with a tracking number. For the
same case the clerk records the owed materials brought (补齐容缺材料, the last one releases a
withheld 容缺 approval) or the corrected ones (补正材料已提交, the clock runs again): the
applicant comes back with the receipt, as for the result.

The cases found are listed with the ID number masked; the one chosen shows whole below the
list (:class:`~hallapp.ui.counter.case_view.CaseView`: state, deadline, what is owed, the
latest opinion, what the window can do). A case waiting at the front desk (退回 by the
department, or opened and left undecided) is taken up (接手办理; ↓ from the search field into
the list, Enter) for the ticket being served: bound to it (``cases.take_up``, audited) and
opened in the 收件 tab to be checked and decided again — refused, and said here, with no
ticket served, while the case is in hand at another window, or while the intake holds another.

The cases found follow the change feed (:meth:`DeliveryPanel.cases_changed`: marked 待出件
by the department, the list says so); one action at a time (a second click while the first is
on its way does nothing); a refusal about the proof or the tracking number shows under it.

The case and delivery services and the ID rules are imported where first used (see
:mod:`hallapp.ui.counter.intake`): this tab is not on the counter's first frame.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.errors import ValidationError
from hallapp.services.context import Ctx
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.labels import case_label
from hallapp.ui.common.widgets import ConfirmDialog, make_button, make_label, row_table
from hallapp.ui.counter.base import CounterEnv, CounterPanel, FieldNotes
from hallapp.ui.counter.case_view import CaseView, can_take_up
from hallapp.ui.counter.dialogs import SupplementDialog
from hallapp.ui.counter.models import CaseListModel

if TYPE_CHECKING:
    from hallapp.services.case_views import CaseDetail, CaseInfo

QR_PREFIX = "HALLAPP:C:"
log = logging.getLogger("hallapp.ui.counter")


def find_cases(ctx: Ctx, text: str) -> list[CaseInfo]:
    """Cases for a scanned receipt, a case number or an ID number (newest first)."""
    from hallapp.core.identity import check_id_number
    from hallapp.services.cases import list_cases, show_case

    text = text.strip()
    if text.upper().startswith(QR_PREFIX):
        parts = text.split(":")
        return [show_case(ctx, parts[2]).case] if len(parts) == 4 else []
    if not _is_id_number(text):
        return [show_case(ctx, text).case]
    return sorted(list_cases(ctx, applicant_id=check_id_number(text), limit=50),
                  key=lambda c: c.received_at, reverse=True)


def _no_refusal(_number: str) -> str | None:
    return None


def _is_id_number(text: str) -> bool:
    from hallapp.core.identity import check_id_number

    try:
        check_id_number(text)
    except ValidationError:
        return False
    return True


class DeliveryPanel(CounterPanel):
    delivered = Signal(object)  # CaseInfo
    taken_up = Signal(object)  # CaseDetail: bound to the ticket served, for the intake

    def __init__(self, env: CounterEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.model = CaseListModel(self)
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.returnPressed.connect(self._on_scan_submitted)
        self.find_button = make_button("", "secondary", "findCase")
        self.find_button.clicked.connect(self._on_scan_submitted)
        self.table = row_table(self.model, "cases")
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.view = CaseView()
        self.take_up_button = make_button("", "primary", "takeUpCase")
        self.take_up_button.clicked.connect(self._on_take_up_clicked)
        keys = ((self.table, Qt.Key.Key_Return, self._on_take_up_clicked),
                (self.scan, Qt.Key.Key_Down, self.table.setFocus))  # ↓ into the cases found
        for widget, key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        # Why the intake cannot take this case up now (another one open there), or None
        self.intake_refusal: Callable[[str], str | None] = _no_refusal
        self.proof = QLineEdit()
        self.proof.setObjectName("proof")
        self.tracking = QLineEdit()
        self.tracking.setObjectName("tracking")
        self.deliver_button = make_button("", "primary", "deliver")
        self.deliver_button.clicked.connect(self._on_deliver_clicked)
        self.express_button = make_button("", "secondary", "deliverExpress")
        self.express_button.clicked.connect(self._on_express_clicked)
        self.supplement_button = make_button("", "secondary", "supplySupplement")
        self.supplement_button.clicked.connect(self._on_supplement_clicked)
        self.correction_button = make_button("", "secondary", "supplyCorrection")
        self.correction_button.clicked.connect(self._on_correction_clicked)
        self.message = make_label("", "error", wrap=True)
        self.result = make_label("", "result", wrap=True)
        self.labels = [make_label() for _ in range(3)]
        self.notes = FieldNotes({"proof": self.proof, "tracking_number": self.tracking},
                                self.message)
        self.busy = False  # a service call on its way: the buttons wait for it
        self._build()
        self.retranslate()

    def _build(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.scan, 1)
        row.addWidget(self.find_button)
        form = QFormLayout()
        form.addRow(self.labels[1], self.proof)
        form.addRow("", self.notes.labels["proof"])
        form.addRow(self.labels[2], self.tracking)
        form.addRow("", self.notes.labels["tracking_number"])
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_up_button)
        buttons.addWidget(self.supplement_button)
        buttons.addWidget(self.correction_button)
        buttons.addStretch(1)
        buttons.addWidget(self.express_button)
        buttons.addWidget(self.deliver_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.labels[0])
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.view)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.result)

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("扫描回执二维码，或输入办件编号、身份证号码后按回车"))
        self.labels[1].setText(self.tr("领取凭证"))
        self.labels[2].setText(self.tr("快递单号"))
        self.proof.setPlaceholderText(self.tr("回执二维码或领取人身份证号码"))
        self.find_button.setText(self.tr("查找"))
        self.take_up_button.setText(self.tr("接手办理"))
        self.take_up_button.setToolTip(self.tr("退回或未作收件决定的办件：绑定到正在办理的号，"
                                               "在收件页重新核验材料、作出收件决定（回车）"))
        self.deliver_button.setText(self.tr("窗口出件"))
        self.express_button.setText(self.tr("快递送达"))
        self.supplement_button.setText(self.tr("补齐容缺材料…"))
        self.correction_button.setText(self.tr("补正材料已提交…"))

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.find_button, self.deliver_button, self.express_button,
                self.supplement_button, self.correction_button, self.take_up_button)

    def set_online(self, online: bool) -> None:
        self.env.online = online
        self._set_busy(self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in self.buttons():
            button.setEnabled(self.env.online and not busy)

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], object],
             field: str | None = None) -> None:
        """One service call at a time (one on its way: this click does nothing). A refusal
        of the input (an ID number's check digit…) is said under ``field``, if given."""
        if self.busy:
            return
        self.notes.clear()
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if field is not None and isinstance(exc, ValidationError):
                self.notes.say(field, user_message(exc, "counter: delivery"))
            else:
                self._on_failed(exc)

        self.call(fn, done, failed)

    def _on_scan_submitted(self) -> None:
        text = self.scan.text().strip()
        if not text or self.busy:
            return
        if text.upper().startswith(QR_PREFIX) or _is_id_number(text):
            self.proof.setText(text)  # the receipt or the ID card is also the proof
        ctx = self.env.ctx
        self.view.show_detail(None)  # the last one found is not this search's
        self._run(lambda: find_cases(ctx, text), self._on_cases_found)

    def _on_cases_found(self, cases: list[CaseInfo]) -> None:
        self.model.set_rows(cases)
        self.view.show_detail(None)
        if cases:
            self.table.selectRow(0)  # (the scan field keeps the focus for the next scan)
        else:
            self.message.setText(self.tr("没有找到办件"))

    def _on_table_row_changed(self, current: QModelIndex) -> None:
        """(Made current before it is selected: the row is the index's.)"""
        self._load_detail(self.model.row(current.row()) if current.isValid() else None)

    def _load_detail(self, case: CaseInfo | None) -> None:
        """The chosen case in full, under the list."""
        if case is None:
            self.view.show_detail(None)
            return
        from hallapp.services.cases import show_case

        ctx, number = self.env.ctx, case.number
        self.call(lambda: show_case(ctx, number), self._on_detail_loaded,
                  lambda exc: self.message.setText(user_message(exc, "counter: case view")))

    def _on_detail_loaded(self, detail: CaseDetail) -> None:
        current = self.table.currentIndex()
        chosen = self.model.row(current.row()) if current.isValid() else None
        if chosen is not None and chosen.number == detail.case.number:
            self.view.show_detail(detail)

    def _on_take_up_clicked(self) -> None:
        """接手办理: the chosen case into the intake, for the ticket being served."""
        case = self.selected()
        if self.busy or not self.env.online:
            return
        self.notes.clear()
        if case is None:
            self.message.setText(self.tr("请先查找办件"))
            return
        if not can_take_up(case):
            self.message.setText(self.tr("办件 {0} 现为“{1}”，不在收件环节，无须接手").format(
                case.number, case_label(case.state_label)))
            return
        refusal = self.intake_refusal(case.number)
        if refusal:
            self.message.setText(refusal)
            return
        from hallapp.services.cases import take_up

        ctx, window, number = self.env.ctx, self.env.window, case.number
        self._run(lambda: take_up(ctx, number, window), self._on_taken_up)

    def _on_taken_up(self, detail: CaseDetail) -> None:
        self._show_rows([detail.case])
        self.view.show_detail(detail)
        self.message.clear()
        self.taken_up.emit(detail)

    def selected(self) -> CaseInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _on_deliver_clicked(self) -> None:
        case, proof = self.selected(), self.proof.text().strip()
        if self.busy:
            return
        self.notes.clear()
        if case is None:
            self.message.setText(self.tr("请先查找办件，并扫描回执或输入领取人身份证号码"))
            return
        if not proof:
            self.notes.say("proof", self.tr("请扫描回执二维码或输入领取人身份证号码"))
            return
        from hallapp.services.delivery import deliver

        ctx, window = self.env.ctx, self.env.window
        self._run(lambda: deliver(ctx, case.number, proof, window=window), self._on_delivered,
                  "proof")

    def _on_express_clicked(self) -> None:
        case, tracking = self.selected(), self.tracking.text().strip()
        if self.busy:
            return
        self.notes.clear()
        if case is None:
            self.message.setText(self.tr("请先查找办件并填写快递单号"))
            return
        if not tracking:
            self.notes.say("tracking_number", self.tr("请填写快递单号"))
            return
        from hallapp.services.delivery import deliver_express

        ctx = self.env.ctx
        self._run(lambda: deliver_express(ctx, case.number, tracking), self._on_delivered,
                  "tracking_number")

    def _on_delivered(self, case: CaseInfo) -> None:
        self.result.setText(self.tr("{0} {1}：{2}").format(
            case.number, local_name(case.item_name, case.item_name_en),
            case_label(case.state_label)))
        self.message.clear()
        for edit in (self.scan, self.proof, self.tracking):
            edit.clear()
        self.model.set_rows([])
        self.view.show_detail(None)
        self.delivered.emit(case)

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.notes.show(exc, "counter: delivery")  # the proof or tracking number: under it

    def cases_changed(self, numbers: Iterable[str]) -> None:
        """The change feed names cases changed elsewhere (the department marked one 待出件,
        another window handed it out…): those listed here are read again."""
        changed = set(numbers)
        listed = [row.number for row in self.model.rows() if row.number in changed]
        if not listed:
            return
        from hallapp.services.cases import show_case

        ctx = self.env.ctx
        self.call(lambda: [show_case(ctx, number).case for number in listed],
                  self._show_rows, lambda exc: log.warning("delivery list not re-read: %s", exc))

    def _show_rows(self, cases: list[CaseInfo]) -> None:
        """Cases read again in place of their rows; the one chosen stays chosen."""
        chosen = self.selected()
        fresh = {case.number: case for case in cases}
        self.model.set_rows([fresh.get(r.number, r) for r in self.model.rows()])
        numbers = [r.number for r in self.model.rows()]
        if chosen is not None and chosen.number in numbers:
            self.table.selectRow(numbers.index(chosen.number))  # its view read again

    # --- what the applicant brings back: 容缺 materials owed, 补正 -------------------------

    def _on_supplement_clicked(self) -> None:
        case = self.selected()
        if self.busy:
            return
        self.notes.clear()
        if case is None:
            self.message.setText(self.tr("请先查找办件"))
            return
        if not case.owed:
            self.message.setText(self.tr("办件 {0} 没有容缺待补的材料").format(case.number))
            return
        from hallapp.services.cases import show_case

        ctx = self.env.ctx
        self._run(lambda: show_case(ctx, case.number), self._on_owed_loaded)

    def _on_owed_loaded(self, detail: CaseDetail) -> None:
        """Ask which of the owed materials were brought (by name: the info has codes)."""
        owed = [(m.code, local_name(m.name, m.name_en)) for m in detail.materials if m.owed]
        number = detail.case.number
        codes = SupplementDialog.ask(self, number, owed)
        if not codes:
            return
        from hallapp.services.case_clock import supply_supplement

        ctx = self.env.ctx
        self._run(lambda: supply_supplement(ctx, number, codes), self._on_supplied)

    def _on_correction_clicked(self) -> None:
        case = self.selected()
        if self.busy:
            return
        self.notes.clear()
        if case is None:
            self.message.setText(self.tr("请先查找办件"))
            return
        if case.state != "correction_requested":  # said before asking, not after
            self.message.setText(self.tr("办件 {0} 现为“{1}”，没有待补正的材料").format(
                case.number, case_label(case.state_label)))
            return
        if not ConfirmDialog.ask(self, self.tr("补正材料已提交"),
                                 self.tr("办件 {0}：申请人已交来全部补正材料？确认后恢复计时，"
                                         "办件回到部门审查").format(case.number)):
            return
        from hallapp.services.case_clock import supply_correction

        ctx = self.env.ctx
        self._run(lambda: supply_correction(ctx, case.number), self._on_supplied)

    def _on_supplied(self, case: CaseInfo) -> None:
        """The case's new state in the list and in words (it stays selected)."""
        self._show_rows([case])
        numbers = [r.number for r in self.model.rows()]
        if case.number in numbers:
            self.table.selectRow(numbers.index(case.number))
        self.message.clear()
        text = self.tr("{0}：已登记，现为“{1}”").format(case.number,
                                                      case_label(case.state_label))
        if case.owed:
            text += self.tr("；仍有 {0} 项容缺材料待补").format(len(case.owed))
        self.result.setText(text)
