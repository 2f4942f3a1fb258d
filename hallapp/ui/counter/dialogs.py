"""Small dialogs of the counter. Each has a classmethod ``ask(...)`` returning the answer or
None (cancelled), so tests replace ``ask`` instead of driving a modal loop.

Required fields are checked in the dialog, with the message under the field, before the
service sees them; the service checks again.

A dialog given ``submit`` (指定叫号, 转移, 挂起恢复/过号恢复) stays open while the service
answers: busy (its fields read-only, its buttons off, Esc ignored), it closes only on success,
and a refusal (the ticket called by another window meanwhile, a window that does not exist…)
is shown in Chinese under the field it concerns, or above the buttons, with what was typed
kept for the clerk to correct. ``ask`` then returns the service's result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.errors import DomainError
from hallapp.ui.common.errors import user_message, with_code
from hallapp.ui.common.widgets import make_label, set_invalid

Field = tuple[str, str, bool]  # name, label, required
# Refusals about the ticket typed: under its field (the others name it with field="ticket")
TICKET_ROUTES = {code: "ticket" for code in (
    "not_waiting", "already_called", "not_no_show", "not_suspended", "reactivate_expired",
    "not_just_issued")}
TICKET_NUMBER = re.compile(r"[A-Za-z]{1,3}\d{1,5}")  # as printed: a queue's prefix, a serial
# A preset answer: its text, or (what is stored, what the list shows). Reasons and notes are
# stored in Chinese (audit log, board, case history, Chinese documents) whatever the screen's
# language; the list shows their translation, and picking one stores the Chinese text.
Preset = str | tuple[str, str]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
# Runs the service for the dialog's answer off the GUI thread, then calls one of the two
Submit = Callable[[Any, Done, Failed], None]


def preset_pairs(context: str, texts: Sequence[str]) -> list[tuple[str, str]]:
    """Presets marked with QT_TRANSLATE_NOOP(context, ...): stored as written, shown translated."""
    return [(text, QCoreApplication.translate(context, text)) for text in texts]


class FieldsDialog(QDialog):
    """A title, a prompt, and text fields (editable combo boxes where presets exist)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.required: set[str] = set()
        self.stored: dict[str, dict[str, str]] = {}  # field -> shown preset -> stored text
        self.submit: Submit | None = None  # see the module docstring
        self.busy = False  # the service is answering
        self.outcome: Any = None  # what it answered
        # A refusal's field (as the service names it) or code -> the field here it concerns
        self.routes: Mapping[str, str] = {}
        self.message = make_label("", "error", wrap=True)  # a refusal of no one field
        self.progress = make_label("", "notice")  # while the service answers
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)

    def setup(self, title: str, prompt: str, fields: Sequence[Field],
              presets: dict[str, Sequence[Preset]] | None = None,
              buttons_text: tuple[str, str] | None = None, preset_first: bool = False) -> None:
        """``buttons_text``: what OK and Cancel say, where "OK" would not tell what it does;
        ``preset_first``: the first preset is filled in (Enter alone takes it)."""
        self.setWindowTitle(title)
        self.required = {name for name, _label, required in fields if required}
        form = QFormLayout()
        for name, label, _required in fields:
            self.edits[name] = self._editor(name, (presets or {}).get(name, ()), form, label,
                                            preset_first)
            self.errors[name] = make_label("", "error", wrap=True)
            form.addRow("", self.errors[name])
        buttons = self.buttons
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        if buttons_text is not None:
            for which, text in zip((QDialogButtonBox.StandardButton.Ok,
                                    QDialogButtonBox.StandardButton.Cancel), buttons_text,
                                   strict=True):
                button = buttons.button(which)
                button.setText(text)
                button.setObjectName(f"dialog{which.name}")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(prompt, "subtitle", wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)

    def _editor(self, name: str, presets: Sequence[Preset], form: QFormLayout,
                label: str, preset_first: bool = False) -> QLineEdit:
        if not presets:
            edit = QLineEdit()
            edit.setObjectName(name)
            form.addRow(label, edit)
            return edit
        combo = QComboBox()
        combo.setEditable(True)
        pairs = [(p, p) if isinstance(p, str) else p for p in presets]
        combo.addItems([shown for _stored, shown in pairs])
        self.stored[name] = {shown: stored for stored, shown in pairs}
        combo.setCurrentIndex(0 if preset_first else -1)
        combo.setObjectName(name)
        form.addRow(label, combo)
        line = combo.lineEdit()
        assert line is not None
        return line

    def values(self) -> dict[str, str]:
        """What was typed, a picked (or retyped) preset as its stored, Chinese text."""
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        return {name: self.stored.get(name, {}).get(text, text) for name, text in values.items()}

    def try_accept(self) -> None:
        ok = True
        for name, value in self.values().items():
            missing = name in self.required and not value
            self.errors[name].setText(self.tr("此项必填") if missing else "")
            set_invalid(self.edits[name], missing)
            ok = ok and not missing
        if ok:
            self.submit_answer()

    def answer(self) -> Any:
        """What ``submit`` is given: the values (a dialog may give them typed)."""
        return self.values()

    def submit_answer(self) -> None:
        """Checked: closed at once, or (``submit``) kept open until the service answers."""
        if self.submit is None:
            self.accept()
            return
        if self.busy:
            return
        self.message.clear()
        self.set_busy(True)
        self.submit(self.answer(), self._on_submit_done, self._on_submit_failed)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for edit in self.edits.values():
            edit.setReadOnly(busy)
        for button in self.buttons.buttons():
            button.setEnabled(not busy)
        self.progress.setText(self.tr("正在提交…") if busy else "")

    def reject(self) -> None:
        """Esc, Cancel or the close box: not while the service answers (its answer would
        then change the window with nobody told)."""
        if not self.busy:
            super().reject()

    def _on_submit_done(self, outcome: Any) -> None:
        self.set_busy(False)
        self.outcome = outcome
        self.accept()

    def _on_submit_failed(self, exc: BaseException) -> None:
        """The refusal under the field it concerns (marked, focused, its text selected to
        retype), else above the buttons; what was typed stays."""
        self.set_busy(False)
        text = user_message(exc, "counter: dialog")
        name = self.field_of(exc)
        if name is None:
            self.message.setText(text)
            return
        edit = self.edits[name]
        self.errors[name].setText(text)
        set_invalid(edit, True)
        edit.setFocus()
        edit.selectAll()

    def field_of(self, exc: BaseException) -> str | None:
        if not isinstance(exc, DomainError):
            return None
        for key in (getattr(exc, "field", None), exc.code):
            name = self.routes.get(key or "", key)
            if name in self.edits:
                return name
        return None

    def run(self) -> dict[str, str] | None:
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None

    def run_submitted(self, submit: Submit) -> Any:
        """The service's result for the answer, or None: cancelled before it succeeded."""
        self.submit = submit
        return self.outcome if self.exec() == QDialog.DialogCode.Accepted else None


class ReasonDialog(FieldsDialog):
    """One required reason, with common ones offered (pause, suspend, no-show, fault note)."""

    def __init__(self, title: str, prompt: str, presets: Sequence[Preset],
                 parent: QWidget | None = None, preset_first: bool = False) -> None:
        super().__init__(parent)
        self.setup(title, prompt, [("reason", self.tr("原因"), True)], {"reason": presets},
                   preset_first=preset_first)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str,
            presets: Sequence[Preset] = (), preset_first: bool = False) -> str | None:
        answer = cls(title, prompt, presets, parent, preset_first).run()
        return answer["reason"] if answer else None


class TakeOverDialog(FieldsDialog):
    """Taking over a window another clerk holds: the clerk confirms that clerk has left it."""

    def __init__(self, window: int, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup(self.tr("接手窗口"),
                   self.tr("{0} 号窗口由 {1} 使用中。请确认 {1} 已离开该窗口（已退出或终端故障）"
                           "再接手：接手后 {1} 在此窗口的操作将被拒绝，接手记入审计日志。")
                   .format(window, holder), [],
                   buttons_text=(self.tr("确认接手"), self.tr("取消")))

    @classmethod
    def ask(cls, parent: QWidget | None, window: int, holder: str) -> bool:
        return cls(window, holder, parent).run() is not None


class LeaveWindowDialog(FieldsDialog):
    """Leaving the window without closing it (a break, a hand-over): the clerk confirms."""

    def __init__(self, window: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup(self.tr("离开窗口"),
                   self.tr("离开 {0} 号窗口但不关窗：窗口保持开放，无人使用，其他工作人员可接手，"
                           "值班长也可改派；回来时窗口仍无人使用的，在此操作即重新接手。"
                           "离开记入审计日志。").format(window), [],
                   buttons_text=(self.tr("确认离开"), self.tr("取消")))

    @classmethod
    def ask(cls, parent: QWidget | None, window: int) -> bool:
        return cls(window, parent).run() is not None


class WithdrawDialog(FieldsDialog):
    """撤回 a case opened at the window and not decided (the applicant gives up, or it was
    opened wrongly): the reason goes into the case's history and the audit log."""

    def __init__(self, case: str, prompt: str, presets: Sequence[Preset],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup(self.tr("撤回办件 {0}").format(case), prompt,
                   [("reason", self.tr("撤回原因"), True)], {"reason": presets},
                   (self.tr("撤回办件"), self.tr("返回")))

    @classmethod
    def ask(cls, parent: QWidget | None, case: str, prompt: str,
            presets: Sequence[Preset] = ()) -> str | None:
        """The reason, or None: go back to the intake (nothing withdrawn)."""
        answer = cls(case, prompt, presets, parent).run()
        return answer["reason"] if answer else None


class CallTicketDialog(FieldsDialog):
    """指定叫号: the number and the (audited) reason, both required."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup(self.tr("指定叫号"), self.tr("输入要叫的号码和原因（原因记入审计日志）"),
                   [("ticket", self.tr("号码"), True), ("reason", self.tr("原因"), True)],
                   {"reason": (("预约到场", self.tr("预约到场")),
                               ("补交材料返回", self.tr("补交材料返回")),
                               ("值班长安排", self.tr("值班长安排")))})
        self.routes = TICKET_ROUTES

    def try_accept(self) -> None:
        """A ticket number (A004), never a bare "4": the service would take it for a
        ticket's database id and call another one."""
        number = self.values()["ticket"]
        if number and not TICKET_NUMBER.fullmatch(number):
            self.errors["ticket"].setText(self.tr("请输入号票上的号码，如 A004"))
            set_invalid(self.edits["ticket"], True)
            return
        super().try_accept()

    def answer(self) -> tuple[str, str]:
        values = self.values()
        return values["ticket"].upper(), values["reason"]

    @classmethod
    def ask(cls, parent: QWidget | None, submit: Submit) -> Any:
        """``submit`` calls the ticket (number, reason); its result, or None."""
        return cls(parent).run_submitted(submit)


class RefusalDialog(FieldsDialog):
    """不予受理: the reason and its legal basis, both printed on the notice."""

    def __init__(self, legal_basis: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup(self.tr("不予受理"), self.tr("须写明理由和法律依据，将打印不予受理通知书"),
                   [("reason", self.tr("理由"), True),
                    ("legal_basis", self.tr("法律依据"), True)],
                   {"legal_basis": legal_basis})

    @classmethod
    def ask(cls, parent: QWidget | None, legal_basis: Sequence[str] = ()
            ) -> tuple[str, str] | None:
        answer = cls(legal_basis, parent).run()
        return (answer["reason"], answer["legal_basis"]) if answer else None


COMMITMENT_WORDING = "本人承诺：{0}真实有效，如有虚假，愿承担相应法律责任。"


class CommitmentDialog(FieldsDialog):
    """告知承诺: what the applicant signed instead of the materials, printed on the receipt
    (offered: the usual wording naming those materials; the clerk corrects it to the form)."""

    def __init__(self, suggestion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup(self.tr("告知承诺"), self.tr("记录申请人书面承诺的内容，将打印在受理回执上"),
                   [("commitment", self.tr("承诺内容"), True)])
        # The whole wording, wrapped, as it will be printed: the one-line field shows a part.
        self.preview = make_label(suggestion, "commitmentPreview", wrap=True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edits["commitment"].textChanged.connect(self.preview.setText)
        self.edits["commitment"].setText(suggestion)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.count() - 1, self.preview)  # above OK / Cancel

    @classmethod
    def ask(cls, parent: QWidget | None, materials: Sequence[str]) -> str | None:
        """``materials``: their Chinese names. The wording is the receipt's, which is always
        in Chinese: not translated on an English screen (it was stored and printed so)."""
        suggestion = COMMITMENT_WORDING.format("、".join(materials))
        answer = cls(suggestion, parent).run()
        return answer["commitment"] if answer else None


class TransferDialog(FieldsDialog):
    """转移: to a queue or to a window (at least one), with an optional reason."""

    def __init__(self, queues: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup(self.tr("转移"), self.tr("转到其他队列或窗口，保留原取号时间"),
                   [("queue", self.tr("队列"), False), ("window", self.tr("窗口号"), False),
                    ("reason", self.tr("原因"), False)], {"queue": queues})
        self.routes = {"to_queue": "queue", "to_window": "window",
                       "target_window_closed": "window", "unknown_queue": "queue"}

    def try_accept(self) -> None:
        for name in ("queue", "window"):  # the last attempt's refusal is not this one's
            self.errors[name].clear()
            set_invalid(self.edits[name], False)
        values = self.values()
        if not values["queue"] and not values["window"]:
            self.errors["queue"].setText(self.tr("请选择队列或填写窗口号"))
            return
        if values["window"] and not values["window"].isdecimal():
            self.errors["window"].setText(self.tr("窗口号应为数字"))
            set_invalid(self.edits["window"], True)
            return
        super().try_accept()

    def answer(self) -> tuple[str | None, int | None, str]:
        """(queue code, window number, reason)."""
        values = self.values()
        queue = values["queue"].split(" ", 1)[0].upper() or None
        window = int(values["window"]) if values["window"] else None
        return queue, window, values["reason"]

    @classmethod
    def ask(cls, parent: QWidget | None, queues: Sequence[str], submit: Submit) -> Any:
        """``submit`` transfers the ticket (queue, window, reason); its result, or None."""
        return cls(queues, parent).run_submitted(submit)


class TicketRefDialog(FieldsDialog):
    """The number of a ticket coming back to the line: 挂起恢复 (a suspended ticket, its
    materials now complete) or 过号恢复 (a no-show back in time)."""

    def __init__(self, reactivate: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if reactivate:
            self.setup(self.tr("过号恢复"),
                       self.tr("过号的申请人在规定时间内回来后，输入其号码（或扫描号票），"
                               "排在其后几位重新等候"),
                       [("ticket", self.tr("号码"), True)])
        else:
            self.setup(self.tr("挂起恢复"),
                       self.tr("申请人补齐材料回来后，输入其挂起的号码，按原位置重新排队"),
                       [("ticket", self.tr("号码"), True)])
        self.routes = TICKET_ROUTES

    def answer(self) -> str:
        return self.values()["ticket"].strip()

    @classmethod
    def ask(cls, parent: QWidget | None, submit: Submit, reactivate: bool = False) -> Any:
        """``submit`` brings the ticket (its number) back to the line; its result, or None."""
        return cls(reactivate, parent).run_submitted(submit)


class SupplementDialog(QDialog):
    """容缺补齐: which of the materials owed the applicant has brought (all ticked at first)."""

    def __init__(self, case_number: str, owed: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        self.setWindowTitle(self.tr("补齐容缺材料"))
        self.materials = QListWidget()
        self.materials.setObjectName("owedMaterials")
        self.materials.setWordWrap(True)  # a long material name on two lines, not cut
        for code, name in owed:
            entry = QListWidgetItem(with_code(name, code))
            entry.setToolTip(entry.text())
            entry.setData(Qt.ItemDataRole.UserRole, code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.materials.addItem(entry)
        self.error = make_label("", "error", wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        prompt = self.tr("办件 {0}：勾选申请人本次交来的容缺材料（核对原件后登记）")
        layout = QVBoxLayout(self)
        layout.addWidget(make_label(prompt.format(case_number), "subtitle", wrap=True))
        layout.addWidget(self.materials)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def checked(self) -> list[str]:
        items = (self.materials.item(i) for i in range(self.materials.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items
                if i.checkState() == Qt.CheckState.Checked]

    def try_accept(self) -> None:
        if self.checked():
            self.accept()
        else:
            self.error.setText(self.tr("请至少勾选一项材料"))

    @classmethod
    def ask(cls, parent: QWidget | None, case_number: str,
            owed: Sequence[tuple[str, str]]) -> list[str] | None:
        """The codes brought, or None (cancelled)."""
        dialog = cls(case_number, owed, parent)
        return dialog.checked() if dialog.exec() == QDialog.DialogCode.Accepted else None
