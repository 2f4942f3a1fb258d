"""Taking a ticket: optional ID number or phone, optional green channel, then print.

The ID number can be typed on the on-screen keypad or come from a card reader that types
like a keyboard and ends with Enter. Both fields are checked with the core rules before
anything is sent, and the message appears under the field it is about. In elder mode only
the green channel and one big 取号 button remain.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hallapp.core.errors import ValidationError
from hallapp.core.identity import check_id_number, check_phone
from hallapp.services.hall import HallInfo
from hallapp.ui.common.errors import local_name, screen_lang, user_message
from hallapp.ui.common.widgets import make_label, set_invalid
from hallapp.ui.kiosk.flow import IssueOutcome, TakeRequest, take_and_print
from hallapp.ui.kiosk.widgets import KeypadWidget, KioskEnv, KioskPage, make_button

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0")


class TakePage(KioskPage):
    issued = Signal(object)  # IssueOutcome

    def __init__(self, env: KioskEnv, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        self.queue, self.queue_name = "", ""
        self.item_code: str | None = None
        self.title = make_label("", "title", wrap=True)
        self.item_label = make_label("", "subtitle", wrap=True)
        self.id_label = make_label("", "fieldLabel", wrap=True)
        self.phone_label = make_label("", "fieldLabel", wrap=True)
        self.id_edit, self.phone_edit = QLineEdit(), QLineEdit()
        self.id_edit.setObjectName("idNumber")
        self.id_edit.setMaxLength(22)
        self.id_edit.returnPressed.connect(self._on_id_entered)
        self.phone_edit.setObjectName("phone")
        self.phone_edit.setMaxLength(20)
        self.id_error = make_label("", "error", wrap=True)
        self.phone_error = make_label("", "error", wrap=True)
        # A refusal goes as soon as the field changes: left under a corrected number, it
        # told the applicant a valid ID card was refused.
        self.id_edit.textChanged.connect(self._on_id_edit_text_changed)
        self.phone_edit.textChanged.connect(self._on_phone_edit_text_changed)
        self.green_label = make_label("", "subtitle")
        self.green_error = make_label("", "error", wrap=True)
        self.green_group = QButtonGroup(self)
        self.green_buttons: dict[str, QPushButton] = {}
        self.green_box = QGridLayout()
        self.error = make_label("", "error", wrap=True)
        self.keypad = KeypadWidget(KEYS, 3, [self.id_edit, self.phone_edit])
        self.back_button = make_button("", "secondary", "backButton")
        self.back_button.clicked.connect(self.home_requested)
        self.confirm_button = make_button("", "queue", "confirmButton")
        self.confirm_button.setMinimumWidth(360)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.identity = QWidget()
        form = QVBoxLayout(self.identity)
        form.setContentsMargins(0, 0, 0, 0)
        for widget in (self.id_label, self.id_edit, self.id_error, self.phone_label,
                       self.phone_edit, self.phone_error):
            form.addWidget(widget)
        # One container, so elder mode hides it as a whole (a hidden widget takes no space;
        # an emptied nested layout would keep its old minimum height).
        self.identity_row = QWidget()
        columns = QHBoxLayout(self.identity_row)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self.identity, 3)
        columns.addWidget(self.keypad, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.item_label)
        layout.addWidget(self.identity_row)
        layout.addWidget(self.green_label)
        layout.addLayout(self.green_box)
        layout.addWidget(self.green_error)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.title.setText(self.tr("取号：{queue}").format(queue=self.queue_name))
        self.id_label.setText(self.tr("身份证号码（选填，可刷身份证或用右侧键盘输入）"))
        self.phone_label.setText(self.tr("手机号码（选填，用于接收叫号提醒）"))
        self.green_label.setText(self.tr("绿色通道（老人、残疾人、军人、孕妇等，选填）"))
        self.back_button.setText(self.tr("返回"))
        self.confirm_button.setText(self.tr("确认取号"))
        if self.env.hall is not None:
            self.set_hall(self.env.hall)

    def set_hall(self, hall: HallInfo) -> None:
        """Offer the hall's green-channel classes (plus 普通, the default); a class the
        applicant has chosen stays chosen if it is still offered."""
        chosen = self.priority() or ""
        for button in self.green_buttons.values():
            self.green_group.removeButton(button)
            button.deleteLater()
        classes = [("", self.tr("普通"))] + [
            (str(p.get("code")), local_name(str(p.get("name")), p.get("name_en")))
            for p in hall.priority_classes]
        self.green_buttons = {}
        for i, (code, name) in enumerate(classes):
            button = make_button(name, "secondary", f"green_{code or 'none'}")
            button.setCheckable(True)
            self.green_group.addButton(button)
            self.green_box.addWidget(button, i // 3, i % 3)
            self.green_buttons[code] = button
        self.green_buttons[chosen if chosen in self.green_buttons else ""].setChecked(True)

    def set_elder(self, on: bool) -> None:
        self.identity_row.setVisible(not on)

    def enter(self, queue: str, queue_name: str, item_code: str | None = None,
              item_name: str | None = None) -> None:
        self.reset()
        self.queue, self.queue_name, self.item_code = queue, queue_name, item_code
        self.title.setText(self.tr("取号：{queue}").format(queue=queue_name))
        self.item_label.setText(self.tr("办理事项：{item}").format(item=item_name)
                                if item_name else "")
        self.item_label.setVisible(bool(item_name))
        self.id_edit.setFocus()
        self.env.speak(self.tr("您选择了{queue}，请点击确认取号").format(queue=queue_name))

    def reset(self) -> None:
        for edit in (self.id_edit, self.phone_edit):
            edit.clear()
            set_invalid(edit, False)
        for label in (self.id_error, self.phone_error, self.green_error, self.error):
            label.clear()
        if "" in self.green_buttons:
            self.green_buttons[""].setChecked(True)
        self.confirm_button.setEnabled(True)

    def priority(self) -> str | None:
        return next((code for code, b in self.green_buttons.items() if b.isChecked() and code),
                    None)

    def _check_field(self, edit: QLineEdit, error: QLabel, check: object) -> str | bool | None:
        """The canonical value, None if empty, or False (message shown) if invalid."""
        text = edit.text().strip()
        if not text:
            return None
        try:
            value: str = check(text)  # type: ignore[operator]
        except ValidationError as exc:
            error.setText(user_message(exc))
            set_invalid(edit, True)
            return False
        error.clear()
        set_invalid(edit, False)
        return value

    def _on_id_edit_text_changed(self) -> None:
        self.id_error.clear()
        set_invalid(self.id_edit, False)

    def _on_phone_edit_text_changed(self) -> None:
        self.phone_error.clear()
        set_invalid(self.phone_edit, False)

    def _on_id_entered(self) -> None:
        """A card reader ends with Enter: check at once, then move on to the phone."""
        if self._check_field(self.id_edit, self.id_error, check_id_number):
            self.phone_edit.setFocus()

    def _on_confirm_clicked(self) -> None:
        id_number = self._check_field(self.id_edit, self.id_error, check_id_number)
        phone = self._check_field(self.phone_edit, self.phone_error, check_phone)
        if id_number is False or phone is False or not self.queue:
            return
        printer = self.env.printer
        if printer is None:
            self.error.setText(self.tr("取号机尚未就绪，请稍候"))
            return
        request = TakeRequest(self.queue, self.item_code, self.priority(),
                              id_number or None, phone or None)  # type: ignore[arg-type]
        self.confirm_button.setEnabled(False)
        self.error.setText(self.tr("正在出号，请稍候……"))
        ctx, lang = self.env.ctx, screen_lang()  # the ticket's language
        self.call(lambda: take_and_print(ctx, printer, request, lang), self._on_take_finished,
                  self._on_take_failed)

    def _on_take_finished(self, outcome: IssueOutcome) -> None:
        self.reset()  # the typed ID number must not wait on a hidden page for the next person
        self.issued.emit(outcome)

    def _on_take_failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        self.error.clear()
        field = exc.field if isinstance(exc, ValidationError) else None
        target = {"id_number": self.id_error, "phone": self.phone_error,
                  "priority": self.green_error}.get(field or "", self.error)
        target.setText(user_message(exc, "kiosk: take ticket"))
