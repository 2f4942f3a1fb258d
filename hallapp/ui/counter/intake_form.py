"""Who applies and for what: the item search (as at the kiosk) and the applicant form.

Each field is checked when the clerk leaves it and again before the case is opened, with the
core rules (:mod:`hallapp.core.identity`); a wrong field gets a red border and the message
right under it, and nothing is sent until every field is right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.errors import ValidationError
from hallapp.services.search import ItemHit, search_items
from hallapp.ui.common.errors import local_name, user_message
from hallapp.ui.common.widgets import make_button, make_label, set_invalid
from hallapp.ui.counter.base import CounterEnv, CounterPanel

if TYPE_CHECKING:
    from hallapp.services.cases import AgentInput, ApplicantInput

MAX_HITS = 8
Check = Callable[[str], str]


CHOOSE_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space})


class ItemPicker(CounterPanel):
    """Search by name, keyword or pinyin initials; a click on a hit chooses the item, and so
    do Enter and Space on it (↓ in the search field goes down to the hits)."""

    item_chosen = Signal(str, str)  # code, name

    def __init__(self, env: CounterEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.code: str | None = None
        self.query = QLineEdit()
        self.query.setObjectName("itemQuery")
        self.query.returnPressed.connect(self._on_query_submitted)
        self.search_button = make_button("", "secondary", "itemSearch")
        self.search_button.clicked.connect(self._on_query_submitted)
        self.hits = QListWidget()
        self.hits.setObjectName("itemHits")
        self.hits.setMaximumHeight(150)
        self.hits.hide()
        self.hits.itemClicked.connect(self._on_hits_item_clicked)
        self.hits.installEventFilter(self)
        self.query.installEventFilter(self)
        self.chosen = make_label("", "chosenItem", wrap=True)
        self.status = make_label("", "hint", wrap=True)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hits)
        layout.addWidget(self.status)
        layout.addWidget(self.chosen)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("查找事项：名称、关键词或拼音首字母"))
        self.search_button.setText(self.tr("搜索"))
        if self.code is None:
            self.chosen.setText(self.tr("尚未选择办理事项"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.hits and key in CHOOSE_KEYS:
            entry = self.hits.currentItem()
            if entry is not None:
                self._on_hits_item_clicked(entry)
            return True
        if watched is self.query and key == Qt.Key.Key_Down and self.hits.isVisible():
            self.hits.setFocus(Qt.FocusReason.TabFocusReason)
            if self.hits.currentRow() < 0:
                self.hits.setCurrentRow(0)
            return True
        return False

    def reset(self) -> None:
        """For the next applicant: nothing searched, found or chosen."""
        self.query.clear()
        self.hits.clear()
        self.hits.hide()
        self.status.clear()
        self.set_item(None, None)

    def _on_query_submitted(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self.status.setText(self.tr("正在查找……"))
        ctx = self.env.ctx
        self.call(lambda: search_items(ctx, text, MAX_HITS), self._on_search_finished,
                  lambda exc: self.status.setText(user_message(exc, "counter: search")))

    def _on_search_finished(self, hits: list[ItemHit]) -> None:
        self.hits.clear()
        for hit in hits:
            entry = QListWidgetItem(self.tr("{name}（{department}）").format(
                name=local_name(hit.name, hit.name_en),
                department=local_name(hit.department_name, hit.department_name_en)))
            entry.setData(256, (hit.code, hit.name))
            self.hits.addItem(entry)
        self.hits.setVisible(bool(hits))
        if hits:
            self.hits.setCurrentRow(0)  # Enter on the list chooses it; ↓ goes further
        self.status.setText("" if hits else self.tr("没有找到相关事项，请换个关键词"))

    def _on_hits_item_clicked(self, entry: QListWidgetItem) -> None:
        code, name = entry.data(256)
        self.set_item(code, name)
        self.hits.hide()
        self.item_chosen.emit(code, name)

    def set_item(self, code: str | None, name: str | None) -> None:
        self.code = code
        if code is None:
            self.chosen.setText(self.tr("尚未选择办理事项"))
        else:
            self.chosen.setText(self.tr("办理事项：{0}").format(name or code))


class ApplicantForm(QWidget):
    """申请人 (person: name + ID number; legal person: name + USCC), phone, optional agent.
    Enter in a field asks for the case to be registered (``submitted``: 登记收件)."""

    edited = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person, self.legal = QRadioButton(), QRadioButton()
        self.person.setObjectName("kindPerson")
        self.legal.setObjectName("kindLegal")
        self.kind_group = QButtonGroup(self)
        for button in (self.person, self.legal):
            self.kind_group.addButton(button)
        self.person.setChecked(True)
        self.kind_group.buttonToggled.connect(self._on_kind_toggled)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.agent_box = QCheckBox()
        self.agent_box.setObjectName("hasAgent")
        self.agent_box.toggled.connect(self._on_agent_toggled)
        self.agent = QWidget()
        self._build()
        self.agent.hide()
        self.retranslate()

    def _field(self, form: QFormLayout, name: str) -> None:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.textEdited.connect(self.edited)
        edit.editingFinished.connect(lambda n=name: self.check_field(n))
        edit.returnPressed.connect(self.submitted)
        error = make_label("", "error", wrap=True)
        error.hide()
        label = make_label("")
        form.addRow(label, edit)
        form.addRow("", error)
        self.edits[name], self.errors[name], self.labels[name] = edit, error, label

    def _build(self) -> None:
        kinds = QHBoxLayout()
        kinds.addWidget(self.person)
        kinds.addWidget(self.legal)
        kinds.addStretch(1)
        form = QFormLayout()
        form.addRow(kinds)
        for name in ("name", "id_number", "phone"):
            self._field(form, name)
        form.addRow(self.agent_box)
        agent_form = QFormLayout(self.agent)
        agent_form.setContentsMargins(0, 0, 0, 0)
        for name in ("agent_name", "agent_id_number", "authorisation", "agent_phone"):
            self._field(agent_form, name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.agent)

    def last_field(self) -> QWidget:
        """The last field in Tab order (the agent's phone, skipped while hidden)."""
        return self.edits["agent_phone"]

    def retranslate(self) -> None:
        self.person.setText(self.tr("自然人"))
        self.legal.setText(self.tr("法人或其他组织"))
        legal = self.legal.isChecked()
        texts = {"name": self.tr("单位名称") if legal else self.tr("姓名"),
                 "id_number": self.tr("统一社会信用代码") if legal else self.tr("身份证号码"),
                 "phone": self.tr("联系电话"), "agent_name": self.tr("代理人姓名"),
                 "agent_id_number": self.tr("代理人身份证"),
                 "authorisation": self.tr("授权委托书"), "agent_phone": self.tr("代理人电话")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.agent_box.setText(self.tr("由代理人办理（须授权委托书）"))
        self.edits["authorisation"].setPlaceholderText(self.tr("委托书编号或日期"))

    def kind(self) -> str:
        return "legal" if self.legal.isChecked() else "person"

    def _on_kind_toggled(self) -> None:
        self.retranslate()
        if self.edits["id_number"].text().strip():
            self.check_field("id_number")
        self.edited.emit()

    def _on_agent_toggled(self, on: bool) -> None:
        self.agent.setVisible(on)
        self.edited.emit()

    def _checks(self) -> dict[str, tuple[Check | None, bool]]:
        """field -> (check, required); the check returns the canonical value."""
        # The ID rules (python-stdnum) load with the first check, not with the counter.
        from hallapp.core.identity import check_id_number, check_phone, check_uscc

        number: Check = check_uscc if self.kind() == "legal" else check_id_number
        agent = self.agent_box.isChecked()
        return {"name": (None, True), "id_number": (number, True), "phone": (check_phone, False),
                "agent_name": (None, agent), "agent_id_number": (check_id_number, agent),
                "authorisation": (None, agent), "agent_phone": (check_phone, False)}

    def check_field(self, name: str, *, final: bool = False) -> str | None:
        """The canonical value, or None with the message shown next to the field."""
        check, required = self._checks()[name]
        text = self.edits[name].text().strip()
        message = ""
        value: str | None = text
        if not text:
            value = None if required else ""
            if required and final:
                message = self.tr("{0}不能为空").format(self.labels[name].text())
        elif check is not None:
            try:
                value = check(text)
            except ValidationError as exc:
                value, message = None, user_message(exc)
        self.show_error(name, message)
        return value

    def show_error(self, name: str, message: str) -> None:
        self.errors[name].setText(message)
        self.errors[name].setVisible(bool(message))
        set_invalid(self.edits[name], bool(message))

    def validate(self) -> tuple[ApplicantInput, AgentInput | None] | None:
        """Both inputs, or None when any field is wrong (each message under its field)."""
        names = ["name", "id_number", "phone"]
        if self.agent_box.isChecked():
            names += ["agent_name", "agent_id_number", "authorisation", "agent_phone"]
        values = {n: self.check_field(n, final=True) for n in names}
        if any(v is None for v in values.values()):
            return None
        from hallapp.services.cases import AgentInput, ApplicantInput  # see intake.py

        applicant = ApplicantInput(self.kind(), values["name"] or "", values["id_number"] or "",
                                   values["phone"] or None)
        agent = None
        if self.agent_box.isChecked():
            agent = AgentInput(values["agent_name"] or "", values["agent_id_number"] or "",
                               values["authorisation"] or "", values["agent_phone"] or None)
        return applicant, agent

    def to_dict(self) -> tuple[dict[str, str], dict[str, str] | None]:
        texts = {n: e.text() for n, e in self.edits.items()}
        applicant = {"kind": self.kind(), **{n: texts[n] for n in ("name", "id_number", "phone")}}
        agent = {n: texts[n] for n in ("agent_name", "agent_id_number", "authorisation",
                                        "agent_phone")} if self.agent_box.isChecked() else None
        return applicant, agent

    def from_dict(self, applicant: dict[str, str], agent: dict[str, str] | None) -> None:
        (self.legal if applicant.get("kind") == "legal" else self.person).setChecked(True)
        for name, edit in self.edits.items():
            edit.setText((agent or {}).get(name, "") if name.startswith(("agent", "auth"))
                         else applicant.get(name, ""))
        self.agent_box.setChecked(agent is not None)

    def clear(self) -> None:
        self.from_dict({}, None)
        for name in self.edits:
            self.show_error(name, "")

    def first_error(self) -> QLineEdit | None:
        """The first field (in the form's order) showing a message, if any."""
        return next((self.edits[n] for n in self.edits if self.errors[n].isVisibleTo(self)),
                    None)

    def errors_of(self, edit: QLineEdit) -> QLabel:
        return self.errors[edit.objectName()]

    def field_error(self, field: str, message: str) -> bool:
        """Show a service's ValidationError under its field; False if no such field."""
        name = {"agent_name": "agent_name", "authorisation": "authorisation"}.get(field, field)
        if name not in self.edits:
            return False
        self.show_error(name, message)
        return True
