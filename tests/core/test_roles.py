"""A refusal for want of a permission names, in Chinese and in English, what was not allowed."""

from __future__ import annotations

import pytest

from hallapp.cli.ts_en import translate
from hallapp.core.error_text import english_text
from hallapp.core.errors import PermissionDenied
from hallapp.core.roles import (
    PERM_LABELS,
    PERM_LABELS_EN,
    ROLE_NAMES_EN,
    ROLE_NAMES_ZH,
    Actor,
    Perm,
    Role,
    authorize,
)


def test_every_permission_has_a_name() -> None:
    assert set(PERM_LABELS) == set(Perm)
    assert set(PERM_LABELS_EN) == set(Perm)


def test_roles_read_in_english_as_the_screens_name_them() -> None:
    assert {r: translate("RoleLabels", ROLE_NAMES_ZH[r]) for r in Role} == ROLE_NAMES_EN


def test_the_english_refusal_names_the_role_the_account_and_the_action() -> None:
    with pytest.raises(PermissionDenied) as refused:
        authorize(Actor("kiosk1", Role.KIOSK), Perm.OPERATE_WINDOW)
    assert english_text(refused.value) == (
        "Kiosk (kiosk1) is not allowed to call and serve tickets at a window.")


def test_a_refusal_names_the_role_the_account_and_the_action() -> None:
    with pytest.raises(PermissionDenied) as refused:
        authorize(Actor("kiosk1", Role.KIOSK), Perm.OPERATE_WINDOW)
    assert refused.value.message == "自助取号机（kiosk1）无权窗口叫号办理"
    assert refused.value.facts["perm"] == "operate_window"  # the code stays for programs
