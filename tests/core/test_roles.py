"""A refusal for want of a permission names, in Chinese, what was not allowed."""

from __future__ import annotations

import pytest

from hallapp.core.errors import PermissionDenied
from hallapp.core.roles import PERM_LABELS, Actor, Perm, Role, authorize


def test_every_permission_has_a_name() -> None:
    assert set(PERM_LABELS) == set(Perm)


def test_a_refusal_names_the_role_the_account_and_the_action() -> None:
    with pytest.raises(PermissionDenied) as refused:
        authorize(Actor("kiosk1", Role.KIOSK), Perm.OPERATE_WINDOW)
    assert refused.value.message == "自助取号机（kiosk1）无权窗口叫号办理"
    assert refused.value.facts["perm"] == "operate_window"  # the code stays for programs
