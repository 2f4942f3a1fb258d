"""The approver's decision dialogs. Each has a classmethod ``ask(...)`` that returns the answer
or None (cancelled), so tests replace ``ask`` instead of driving a modal loop.

Required texts are checked here, with the message right under the field, before the service
sees them; the service checks again (and its ValidationError is shown the same way by the
window if it ever disagrees).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hallapp.services.case_views import MaterialState
from hallapp.ui.common.errors import local_name, with_code
from hallapp.ui.common.widgets import make_label, set_invalid

LEGAL_BASIS_PRESETS = ("《中华人民共和国行政许可法》第三十八条第二款",
                       "《中华人民共和国市场主体登记管理条例》",
                       "《中华人民共和国行政许可法》第十二条")


@dataclass(frozen=True)
class TextField:
    name: str
    label: str
    required: bool = True
    multiline: bool = False
    presets: tuple[str, ...] = ()


class TextFieldsDialog(QDialog):
    """A title, a prompt, and text fields with their error message under each."""

    def __init__(self, title: str, prompt: str, fields: Sequence[TextField],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.fields = {f.name: f for f in fields}
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        for spec in fields:
            self.edits[spec.name] = self._editor(spec)
            self.errors[spec.name] = make_label("", "error", wrap=True)
            self.form.addRow("", self.errors[spec.name])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        for which, text in ((QDialogButtonBox.StandardButton.Ok, self.tr("确定")),
                            (QDialogButtonBox.StandardButton.Cancel, self.tr("取消"))):
            button = self.buttons.button(which)
            if button is not None:
                button.setText(text)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(make_label(prompt, "subtitle", wrap=True))
        self.body.addLayout(self.form)

    def finish(self) -> None:
        """Add the buttons last (subclasses put their own widgets in between)."""
        self.body.addWidget(self.buttons)

    def _editor(self, spec: TextField) -> QLineEdit | QPlainTextEdit:
        label = spec.label + (" *" if spec.required else "")
        if spec.multiline:
            text = QPlainTextEdit()
            text.setObjectName(spec.name)
            text.setFixedHeight(96)
            self.form.addRow(label, text)
            return text
        if not spec.presets:
            edit = QLineEdit()
            edit.setObjectName(spec.name)
            self.form.addRow(label, edit)
            return edit
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(list(spec.presets))
        combo.setCurrentIndex(-1)
        combo.setObjectName(spec.name)
        self.form.addRow(label, combo)
        line = combo.lineEdit()
        assert line is not None
        return line

    def set_value(self, name: str, text: str) -> None:
        edit = self.edits[name]
        if isinstance(edit, QPlainTextEdit):
            edit.setPlainText(text)
        else:
            edit.setText(text)

    def values(self) -> dict[str, str]:
        return {name: (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()
                for name, e in self.edits.items()}

    def show_error(self, name: str, message: str) -> None:
        self.errors[name].setText(message)
        set_invalid(self.edits[name], bool(message))

    def validate(self) -> bool:
        ok = True
        for name, value in self.values().items():
            spec = self.fields[name]
            missing = spec.required and not value
            self.show_error(name, self.tr("请填写{0}").format(spec.label) if missing else "")
            ok = ok and not missing
        return ok

    def try_accept(self) -> None:
        if self.validate():
            self.accept()

    def run(self) -> dict[str, str] | None:
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None


class DenyDialog(TextFieldsDialog):
    """不予批准: the reason and its legal basis, both required (they go on the decision)."""

    def __init__(self, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("不予批准"),
                         self.tr("办件 {0}：须写明不予批准的理由和法律依据").format(case_number),
                         [TextField("reason", self.tr("理由"), multiline=True),
                          TextField("legal_basis", self.tr("法律依据"),
                                    presets=LEGAL_BASIS_PRESETS)], parent)
        self.finish()

    @classmethod
    def ask(cls, parent: QWidget | None, case_number: str) -> tuple[str, str] | None:
        answer = cls(case_number, parent).run()
        return (answer["reason"], answer["legal_basis"]) if answer else None


class CorrectionDialog(TextFieldsDialog):
    """补正: pick the materials to correct and say everything at once (一次性告知)."""

    def __init__(self, case_number: str, materials: Sequence[MaterialState],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("要求补正"),
                         self.tr("办件 {0}：一次性告知需要补正的全部内容，补正期间暂停计时")
                         .format(case_number),
                         [TextField("opinion", self.tr("补正内容"), multiline=True)], parent)
        self.materials = QListWidget()
        self.materials.setObjectName("correctionMaterials")
        for m in materials:
            entry = QListWidgetItem(with_code(local_name(m.name, m.name_en), m.code))
            entry.setData(Qt.ItemDataRole.UserRole, m.code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.materials.addItem(entry)
        self.body.addWidget(make_label(self.tr("需补正的材料（可多选）"), "hint"))
        self.body.addWidget(self.materials)
        self.finish()

    def checked(self) -> list[str]:
        items = (self.materials.item(i) for i in range(self.materials.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items
                if i.checkState() == Qt.CheckState.Checked]

    @classmethod
    def ask(cls, parent: QWidget | None, case_number: str,
            materials: Sequence[MaterialState]) -> tuple[str, list[str]] | None:
        dialog = cls(case_number, materials, parent)
        answer = dialog.run()
        return (answer["opinion"], dialog.checked()) if answer else None


class ReasonDialog(TextFieldsDialog):
    """One text: the reason of a special procedure or a return, or an optional opinion."""

    def __init__(self, title: str, prompt: str, label: str, required: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, prompt, [TextField("text", label, required, multiline=True)],
                         parent)
        self.finish()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, label: str,
            required: bool = True) -> str | None:
        """The text entered ("" allowed when not required), or None when cancelled."""
        answer = cls(title, prompt, label, required, parent).run()
        return answer["text"] if answer is not None else None
