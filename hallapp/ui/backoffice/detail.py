"""One case as the approver reviews it: who applied, what the window recorded, what is owed,
everything that happened to it, and the actions the approver may take now.

Full personal data is shown here (this is the approver's screen, not a public surface).
The panel loads :func:`hallapp.services.backoffice.show_for_review` off the GUI thread and
reloads itself when the change feed says the open case moved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallapp.services import backoffice
from hallapp.services.case_common import BACKOFFICE_STATES
from hallapp.services.case_views import CaseDetail, CaseInfo
from hallapp.ui.backoffice.actions import CaseActions, NoticePrinter
from hallapp.ui.backoffice.base import BackofficeEnv, BackofficePanel
from hallapp.ui.backoffice.models import HistoryModel, MaterialsModel, remaining_text
from hallapp.ui.common.case_notes import case_note
from hallapp.ui.common.errors import listed, local_name, user_message
from hallapp.ui.common.labels import case_label
from hallapp.ui.common.visits import visits_text
from hallapp.ui.common.widgets import ElidedLabel, make_label, repolish

OPEN_STATES = frozenset(s.value for s in BACKOFFICE_STATES)
FACTS = ("applicant", "id_number", "phone", "agent", "intake", "deadline", "stopped",
         "opinion")


def make_table(model: MaterialsModel | HistoryModel, name: str,
               stretch: tuple[str, ...]) -> QTableView:
    """A read-only table; the ``stretch`` columns share the room left and wrap their text
    (rows grow to fit, so nothing is cut off)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(model.column(column), QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


OPINION_SHOWN = 80  # characters of the latest opinion in the case summary


class CaseDetailPanel(BackofficePanel):
    """The open case (``number``) and its action buttons (``action_bar``)."""

    def __init__(self, env: BackofficeEnv, printer: NoticePrinter | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.setObjectName("caseDetail")
        self.number: str | None = None
        self.detail: CaseDetail | None = None
        self._loading = self._again = False
        self.title = ElidedLabel("", "caseTitle")  # a long item name must not widen the desk
        self.state_badge = make_label("", "stateBadge")
        self.claim_label = make_label("", "claim", wrap=True)
        self.facts: dict[str, tuple[QLabel, QLabel]] = {
            name: (make_label("", "factName"), make_label("", "fact", wrap=True))
            for name in FACTS}
        self.visits = make_label("", "fact", wrap=True)  # each trip: the whole width
        self.commitments = make_label("", "fact", wrap=True)
        self.supplements = make_label("", "fact", wrap=True)
        self.materials_model, self.history_model = MaterialsModel(env, self), HistoryModel(env,
                                                                                          self)
        self.materials = make_table(self.materials_model, "materials", ("material", "note"))
        # the action and the state change wrap too ("Start special procedure", "In review →
        # Special procedure"): alone, the opinion was squeezed to a letter a line beside them
        self.history = make_table(self.history_model, "history",
                                  ("action", "states", "opinion"))
        self.materials_title, self.history_title = make_label("", "section"), make_label(
            "", "section")
        self.message = make_label("", "error", wrap=True)
        self.action_bar = CaseActions(env, printer)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.state_badge)
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for i, name in enumerate(FACTS):
            key, value = self.facts[name]
            grid.addWidget(key, i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
        row = (len(FACTS) + 1) // 2
        self.commit_name, self.supply_name = make_label("", "factName"), make_label("",
                                                                                   "factName")
        self.visits_name = make_label("", "factName")
        grid.addWidget(self.visits_name, row, 0)
        grid.addWidget(self.visits, row, 1, 1, 3)
        row += 1
        grid.addWidget(self.commit_name, row, 0)
        grid.addWidget(self.commitments, row, 1, 1, 3)
        grid.addWidget(self.supply_name, row + 1, 0)
        grid.addWidget(self.supplements, row + 1, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.claim_label)
        layout.addWidget(card)
        layout.addWidget(self.materials_title)
        layout.addWidget(self.materials, 3)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history, 3)
        layout.addWidget(self.message)
        layout.addWidget(self.action_bar)

    def retranslate(self) -> None:
        names = {"applicant": self.tr("申请人"), "id_number": self.tr("证件号码"),
                 "phone": self.tr("联系电话"), "agent": self.tr("代理人"),
                 "intake": self.tr("受理"), "deadline": self.tr("办结期限"),
                 "stopped": self.tr("计时暂停"),
                 "opinion": self.tr("最新意见")}
        for name, (key, _value) in self.facts.items():
            key.setText(self.tr("{0}：").format(names[name]))
        self.visits_name.setText(self.tr("到厅："))
        self.commit_name.setText(self.tr("告知承诺："))
        self.supply_name.setText(self.tr("容缺待补："))
        self.materials_title.setText(self.tr("申请材料（窗口核验记录）"))
        self.history_title.setText(self.tr("办理过程"))
        self.show_detail(self.detail)

    # --- loading ------------------------------------------------------------------------------

    def open_case(self, number: str | None) -> None:
        """Show ``number`` (None: nothing); loads off the GUI thread."""
        self.number = number
        self.message.clear()
        if number is None:
            self.show_detail(None)
            return
        self.reload()

    def reload(self) -> None:
        if self.number is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        ctx, number = self.env.ctx, self.number
        self.call(lambda: backoffice.show_for_review(ctx, number), self._on_loaded,
                  self._on_load_failed)

    def _on_loaded(self, detail: CaseDetail) -> None:
        self._loading = False
        if detail.case.number == self.number:
            self.show_detail(detail)
        if self._again:
            self.reload()

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.message.setText(user_message(exc, "backoffice: show case"))

    # --- showing ------------------------------------------------------------------------------

    def show_detail(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        self.action_bar.show_case(detail)
        self.materials_model.set_rows(list(detail.materials) if detail else [])
        self.history_model.set_rows(list(detail.transitions) if detail else [])
        noted = detail is not None and any(m.note for m in detail.materials)
        self.materials.setColumnHidden(self.materials_model.column("note"), not noted)
        if detail is None:
            self.title.setText(self.tr("请在左侧队列中选择办件"))
            self.state_badge.clear()
            self.claim_label.clear()
            self.claim_label.hide()
            for _key, value in self.facts.values():
                value.setText("")
            for label in (self.visits, self.commitments, self.supplements):
                label.setText("")
            return
        info = detail.case
        self.title.setText(f"{info.number} · {local_name(info.item_name, info.item_name_en)}")
        self.state_badge.setText(case_label(info.state_label))
        repolish(self.state_badge, state=info.state)
        self._show_claim(info)
        self._show_facts(info)
        self.visits.setText(self.tr("{0} 次：{1}").format(
            info.visits, visits_text(detail.visits, self.env.local)))
        self._show_owed(detail)

    def _show_claim(self, info: CaseInfo) -> None:
        me = self.env.ctx.actor.username
        reason = self.action_bar.blocked_reason("approve")
        if info.state not in OPEN_STATES:  # decided: the claim is history (who decided it)
            text, kind = "", "none"
        elif info.claimed_by and info.claimed_by != me and reason:
            text, kind = reason, "other"
        elif info.claimed_by == me:
            text, kind = self.tr("由我认领审查中"), "mine"
        elif info.claimed_by:
            holder = info.claimed_by_name or info.claimed_by
            text, kind = self.tr("认领人：{0}").format(holder), "none"
        else:
            text, kind = self.tr("尚未认领"), "none"
        self.claim_label.setText(text)
        self.claim_label.setVisible(bool(text))
        repolish(self.claim_label, holder=kind)

    def _show_facts(self, info: CaseInfo) -> None:
        kind = self.tr("法人") if info.applicant_kind == "legal" else self.tr("个人")
        agent = info.agent or {}
        window = self.tr("{0}号窗口").format(info.window) if info.window else "—"
        values = {
            "applicant": self.tr("{0}（{1}）").format(info.applicant_name, kind),
            "id_number": info.applicant_id,
            "phone": info.phone or "—",
            "agent": " ".join(str(agent.get(k) or "") for k in ("name", "id_number", "phone")
                              ).strip() or "—",
            "intake": f"{self.env.local(info.accepted_at)} · {window}",
            "deadline": self.tr("{0}（{1}）").format(self.env.local(info.deadline),
                                                    remaining_text(self, info))
            if info.deadline else "—",
            "stopped": self.env.local(info.stopped_since) if info.stopped_since else "—",
            "opinion": case_note(info.opinion) if info.opinion else "—"}
        for name, (_key, value) in self.facts.items():
            value.setText(values[name])
        # A long opinion (a 补正 listing every point) took the summary's whole height, cut
        # at both ends, and left the materials one row: its start here, all of it on hover
        # and in the history below.
        opinion, full = self.facts["opinion"][1], values["opinion"]
        opinion.setText(full if len(full) <= OPINION_SHOWN else full[:OPINION_SHOWN - 1] + "…")
        opinion.setToolTip(full if len(full) > OPINION_SHOWN else "")
        deadline = self.facts["deadline"][1]
        repolish(deadline, timeliness=info.timeliness or "none")

    def _show_owed(self, detail: CaseDetail) -> None:
        promised = [local_name(m.name, m.name_en) for m in detail.materials
                    if m.status == "commitment"]
        self.commitments.setText(listed(promised) if promised else self.tr("无"))
        owed = [local_name(m.name, m.name_en) for m in detail.materials if m.owed]
        if not owed:
            self.supplements.setText(self.tr("无"))
            return
        due = self.env.local(detail.case.supplement_deadline, "%Y-%m-%d")
        self.supplements.setText(self.tr("{0}（补齐期限 {1}）").format(listed(owed), due))
