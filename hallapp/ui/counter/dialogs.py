"""Small dialogs of the counter. Each has a classmethod ``ask(...)`` returning the answer or
None (cancelled), so tests replace ``ask`` instead of driving a modal loop.

Required fields are checked in the dialog, with the message under the field, before the
service sees them; the service checks again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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

from hallapp.ui.common.widgets import make_label, set_invalid

Field = tuple[str, str, bool]  # name, label, required
TICKET_NUMBER = re.compile(r"[A-Za-z]{1,3}\d{1,5}")  # as printed: a queue's prefix, a serial
# A preset answer: its text, or (what is stored, what the list shows). Reasons and notes are
# stored in Chinese (audit log, board, case history, Chinese documents) whatever the screen's
# language; the list shows their translation, and picking one stores the Chinese text.
Preset = str | tuple[str, str]


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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
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
            self.accept()

    def run(self) -> dict[str, str] | None:
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None


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

    def try_accept(self) -> None:
        """A ticket number (A004), never a bare "4": the service would take it for a
        ticket's database id and call another one."""
        number = self.values()["ticket"]
        if number and not TICKET_NUMBER.fullmatch(number):
            self.errors["ticket"].setText(self.tr("请输入号票上的号码，如 A004"))
            set_invalid(self.edits["ticket"], True)
            return
        super().try_accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str] | None:
        answer = cls(parent).run()
        return (answer["ticket"].upper(), answer["reason"]) if answer else None


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

    def try_accept(self) -> None:
        values = self.values()
        if not values["queue"] and not values["window"]:
            self.errors["queue"].setText(self.tr("请选择队列或填写窗口号"))
            return
        if values["window"] and not values["window"].isdecimal():
            self.errors["window"].setText(self.tr("窗口号应为数字"))
            set_invalid(self.edits["window"], True)
            return
        super().try_accept()

    @classmethod
    def ask(cls, parent: QWidget | None, queues: Sequence[str]
            ) -> tuple[str | None, int | None, str] | None:
        answer = cls(queues, parent).run()
        if answer is None:
            return None
        queue = answer["queue"].split(" ", 1)[0].upper() or None
        window = int(answer["window"]) if answer["window"] else None
        return queue, window, answer["reason"]


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

    @classmethod
    def ask(cls, parent: QWidget | None, reactivate: bool = False) -> str | None:
        answer = cls(reactivate, parent).run()
        return answer["ticket"].strip() if answer else None


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
            entry = QListWidgetItem(f"{name}（{code}）")
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
