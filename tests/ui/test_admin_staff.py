"""The admin's staff tab: a refused password reset is told in the reset dialog, which stays
open with what was typed; a new account's refusals show beside their fields; disabling an
account is confirmed first, the question saying what it does to an approver's cases; an
account is edited in a dialog that, refused, keeps what was typed.

Driven through the widgets with pytest-qt on the demo hall, on SQLite only: the services
run on both engines in tests/services.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from adminkit import MakeAdmin, admin_ctx, admins, idle
from conftest import FakeClock
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from hallapp.services import staff
from hallapp.services.context import Database
from hallapp.services.staff import StaffInfo
from hallapp.ui.admin.dialogs import ConfirmDialog, PasswordDialog
from hallapp.ui.admin.staff import StaffPage
from hallapp.ui.admin.staff_dialog import StaffEditDialog
from hallapp.ui.admin.window import AdminWindow

pytestmark = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture
def make_admin(qtbot: QtBot, qapp: QApplication, hall_db: Database,
               clock: FakeClock) -> Iterator[MakeAdmin]:
    yield from admins(qtbot, hall_db, clock)


def staff_page(window: AdminWindow, username: str) -> StaffPage:
    """The staff tab with ``username``'s row chosen."""
    page = window.staff
    window.tabs.setCurrentWidget(page)
    index = page.model.index(page.model.find(username), 0)
    page.table.setCurrentIndex(index)
    page.table.clicked.emit(index)
    return page


def test_a_refused_reset_is_told_in_the_dialog_which_keeps_the_password(
        qtbot: QtBot, make_admin: MakeAdmin, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_admin()
    page = staff_page(window, "clerk3")
    seen: list[str] = []

    def ask(cls: type[PasswordDialog], username: str, save: Any,
            parent: StaffPage) -> bool:
        dialog = cls(username, save, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        for password in ("short", "Passw0rd123"):
            dialog.first.setText(password)
            dialog.second.setText(password)
            ok.click()
            qtbot.waitUntil(lambda: dialog.isHidden() or bool(dialog.errors.message("password")))
            seen.append(dialog.errors.message("password"))
            if password == "short":  # still open, the password typed kept to correct it
                assert dialog.isVisible()
                assert dialog.first.text() == "short"
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(PasswordDialog, "ask", classmethod(ask))
    page.reset_password()
    idle(qtbot, window)
    assert "8 位" in seen[0]
    assert seen[1] == ""
    assert page.status.text() == "账号 clerk3 的密码已重设"
    # nothing of it in the new-account form
    assert page.error.text() == ""
    assert not any(page.errors.message(f) for f in page.errors.fields)


def test_an_unknown_window_is_refused_beside_the_window_field(
        qtbot: QtBot, make_admin: MakeAdmin) -> None:
    window = make_admin()
    page = staff_page(window, "clerk3")
    for name, text in (("username", "clerk77"), ("name", "七十七"), ("password", "Passw0rd123")):
        page.edits[name].setText(text)
    page.role.setCurrentIndex(page.role.findData("clerk"))
    page.window_number.setValue(77)
    page.add()
    idle(qtbot, window)
    assert page.errors.message("window") == "窗口 77 不存在"
    assert page.error.text() == ""


def test_disabling_is_confirmed_saying_an_approvers_cases_go_back(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_admin()
    approver = next(r.username for r in window.staff.model.rows() if r.role == "approver")
    page = staff_page(window, approver)
    asked: list[str] = []

    def answer(reply: bool) -> None:
        monkeypatch.setattr(ConfirmDialog, "ask", classmethod(
            lambda _cls, _parent, _title, text: asked.append(text) or reply))

    def active() -> bool:
        return next(i.active for i in staff.list_staff(admin_ctx(hall_db, clock))
                    if i.username == approver)

    answer(False)
    page.toggle_active()
    idle(qtbot, window)
    assert approver in asked[0]
    assert "退回部门待审" in asked[0]
    assert active()
    answer(True)
    page.toggle_active()
    qtbot.waitUntil(lambda: "已停用" in page.status.text())
    idle(qtbot, window)
    assert not active()
    page = staff_page(window, approver)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *_a: pytest.fail("asked")))
    page.toggle_active()  # enabling again takes nothing away: not asked
    qtbot.waitUntil(lambda: "已启用" in page.status.text())
    assert active()
    clerk = staff_page(window, "clerk3")
    answer(True)
    clerk.toggle_active()
    qtbot.waitUntil(lambda: "已停用" in page.status.text())
    assert "退回" not in asked[-1]  # a clerk has no cases to give back


def test_an_account_is_edited_in_a_dialog_that_keeps_a_refused_edit(
        qtbot: QtBot, make_admin: MakeAdmin, hall_db: Database, clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """修改账号: the account's fields filled in; a refusal beside its field with what was
    typed kept; saved, the list shows the new role and the status says to log in again."""
    window = make_admin()
    page = staff_page(window, "clerk3")
    seen: list[str] = []

    def ask(cls: type[StaffEditDialog], info: StaffInfo, save: Any, parent: StaffPage) -> bool:
        dialog = cls(info, save, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        assert (dialog.name.text(), dialog.window_number.value()) == ("张伟", 3)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.role.setCurrentIndex(dialog.role.findData("approver"))
        dialog.window_number.setValue(0)
        ok.click()  # no department
        qtbot.waitUntil(lambda: bool(dialog.errors.message("department")))
        seen.append(dialog.errors.message("department"))
        assert dialog.isVisible()
        assert dialog.role.currentData() == "approver"
        dialog.department.setText("SZAMR")
        ok.click()
        qtbot.waitUntil(dialog.isHidden)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(StaffEditDialog, "ask", classmethod(ask))
    assert page.edit_button.isEnabled()
    page.edit_account()
    qtbot.waitUntil(lambda: "已修改" in page.status.text())
    idle(qtbot, window)
    assert seen == ["后台审批人员须指定所属部门"]
    assert page.status.text() == "账号 clerk3 已修改；该账号须重新登录"
    [row] = [r for r in page.model.rows() if r.username == "clerk3"]
    assert (row.role, row.department, row.window_number) == ("approver", "SZAMR", None)
