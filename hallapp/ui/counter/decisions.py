"""The window's decision: one button per decision, enabled only when the materials allow it;
each closed one says why (its tooltip, and the list under the buttons). The most complete
acceptance open is marked as suggested; 不予受理 is always open but asks reason and basis."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from hallapp.ui.common.errors import closed_reason, is_english
from hallapp.ui.common.widgets import make_button, make_label
from hallapp.ui.counter.dialogs import CommitmentDialog, RefusalDialog

if TYPE_CHECKING:  # the case services load with the first case (see intake.py)
    from hallapp.core.catalogue import Item
    from hallapp.services.cases import IntakeView

Particulars = tuple[str | None, str | None, str | None]  # reason, legal basis, commitment


def ask_particulars(parent: QWidget, decision: str, item: Item | None,
                    promised: Iterable[str]) -> Particulars | None:
    """What a decision needs besides the marks, asked of the clerk: 不予受理's reason and
    legal basis, 告知承诺's wording (for the materials marked ``promised``, by code; it goes
    on the receipt). None: cancelled."""
    if decision == "refuse":
        answer = RefusalDialog.ask(parent, item.legal_basis if item else ())
        return None if answer is None else (answer[0], answer[1], None)
    if decision == "accept_commitment":
        codes = set(promised)
        commitment = CommitmentDialog.ask(parent, [  # the receipt's language
            m.name for m in (item.materials if item else ()) if m.code in codes])
        return None if commitment is None else (None, None, commitment)
    return None, None, None


class DecisionPanel(QWidget):
    decision_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: IntakeView | None = None
        self.live = True
        self.title = make_label("", "section")
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)
        # One button per decision of hallapp.core.intake.DECISIONS, in its order (a test
        # keeps labels() equal to it): the intake rules load with the first case, not here.
        for i, decision in enumerate(self.labels()):
            button = make_button("", None, f"decide_{decision}")
            button.clicked.connect(partial(self.decision_chosen.emit, decision))
            grid.addWidget(button, 0, i)
            self.buttons[decision] = button
        self.buttons["refuse"].setProperty("kind", "danger")
        self.reasons = make_label("", "reasons", wrap=True)
        self.auto = make_label("", "hint", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.reasons)
        layout.addWidget(self.auto)
        self.retranslate()

    def labels(self) -> dict[str, str]:
        return {"on_spot": self.tr("即办"), "accept": self.tr("受理"),
                "accept_tolerant": self.tr("容缺受理"), "accept_commitment": self.tr("告知承诺"),
                "notify_missing": self.tr("一次性告知"), "refuse": self.tr("不予受理")}

    def retranslate(self) -> None:
        self.title.setText(self.tr("收件决定"))
        labels = self.labels()
        for decision, button in self.buttons.items():
            button.setText(labels[decision])
        self.show_view(self.view)

    def set_live(self, live: bool) -> None:
        """Off while offline or while a decision is on its way."""
        self.live = live
        self.show_view(self.view)

    def allowed(self) -> list[str]:
        return [d for d, b in self.buttons.items() if b.isEnabled()]

    def show_view(self, view: IntakeView | None) -> None:
        self.view = view
        options = {o.decision: o for o in view.decisions} if view else {}
        labels = self.labels()
        closed = []
        for decision, button in self.buttons.items():
            option = options.get(decision)
            allowed = option is not None and option.allowed
            button.setEnabled(self.live and allowed)
            why = "" if option is None else closed_reason(option.reason, option.reason_codes)
            button.setToolTip("" if allowed else why)
            suggested = view is not None and view.suggested == decision and allowed
            button.setProperty("kind", "danger" if decision == "refuse"
                               else "primary" if suggested else "secondary")
            button.style().unpolish(button)
            button.style().polish(button)
            if option is not None and not option.allowed:
                closed.append(f"• {labels[decision]}{': ' if is_english() else '：'}{why}")
        if view is None:
            self.reasons.setText(self.tr("先选择事项、填写申请人并登记收件，再核验材料"))
        else:
            self.reasons.setText("\n".join(closed))
        self.auto.setText(self._auto_text(view))
        self.auto.setVisible(bool(self.auto.text()))  # empty: its line to the checklist

    def _auto_text(self, view: IntakeView | None) -> str:
        if view is None:
            return ""
        if view.auto_approve:
            return self.tr("符合秒批条件：受理后系统自动批准")
        return ""
