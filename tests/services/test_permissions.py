"""The role × action matrix, walked completely, and the matrix itself pinned down.

Every ``@action`` service must refuse exactly the roles the MATRIX excludes, and refuse them
before touching anything: the denial half runs with a context whose database is a stand-in
that fails on any use, so a check placed after the first query would show up here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any, cast

import pytest

import hallapp.services
from hallapp.core.errors import PermissionDenied
from hallapp.core.roles import MATRIX, Actor, Perm, Role
from hallapp.services.context import REGISTRY, Ctx
from hallapp.store.uow import Database


def _import_all_services() -> None:
    for mod in pkgutil.walk_packages(hallapp.services.__path__, "hallapp.services."):
        importlib.import_module(mod.name)


_import_all_services()
ACTIONS = sorted(REGISTRY.items())


class _NoDatabase:
    """Stands in for Database: any use is a test failure, not a query."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"service used the database ({name}) before checking permission")


def _resolve(qualified: str) -> Callable[..., Any]:
    module_name, _, name = qualified.rpartition(".")
    while module_name:
        try:
            module = importlib.import_module(module_name)
            break
        except ModuleNotFoundError:
            module_name, _, outer = module_name.rpartition(".")
            name = f"{outer}.{name}"
    obj: Any = module
    for part in name.split("."):
        obj = getattr(obj, part)
    return cast(Callable[..., Any], obj)


def _dummy_args(fn: Callable[..., Any]) -> tuple[list[Any], dict[str, Any]]:
    """None for every required parameter after ctx: the check must come before their use."""
    params = list(inspect.signature(fn).parameters.values())[1:]
    args = [None for p in params if p.default is p.empty
            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    kwargs = {p.name: None for p in params if p.default is p.empty and p.kind is p.KEYWORD_ONLY}
    return args, kwargs


def _ctx(role: Role) -> Ctx:
    return Ctx(cast(Database, _NoDatabase()), Actor(f"test_{role.value}", role, staff_id=None))


def test_registry_is_populated_and_resolvable() -> None:
    assert len(ACTIONS) >= 20
    for qualified, perm in ACTIONS:
        fn = _resolve(qualified)
        assert getattr(fn, "required_perm", None) is perm, qualified


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("qualified", "perm"), ACTIONS, ids=[a for a, _ in ACTIONS])
def test_every_action_refuses_exactly_the_roles_without_its_permission(
        qualified: str, perm: Perm, role: Role) -> None:
    fn = _resolve(qualified)
    args, kwargs = _dummy_args(fn)
    if perm not in MATRIX[role]:
        with pytest.raises(PermissionDenied) as err:
            fn(_ctx(role), *args, **kwargs)
        assert err.value.facts == {"role": role.value, "perm": perm.value,
                                   "username": f"test_{role.value}"}
        assert err.value.exit_code == 14
        return
    try:
        fn(_ctx(role), *args, **kwargs)
    except PermissionDenied as exc:  # pragma: no cover - the failure being tested for
        pytest.fail(f"{qualified} refused {role.value}, who holds {perm.value}: {exc}")
    except Exception:
        pass


# Services in these modules that take a context but are open to every role, on purpose.
UNCHECKED = {
    "hallapp.services.staff.login",  # nobody is logged in yet
    "hallapp.services.staff.change_password",  # anyone, for themselves, with the old one
    "hallapp.services.backup.restore",  # only into an empty database, run as the system
    "hallapp.services.setup.init_database",  # installer, takes a Database, not a Ctx
}
FOUNDATION = ("staff", "catalogue", "hall", "setup", "audit", "backup")


@pytest.mark.parametrize("module_name", FOUNDATION)
def test_no_foundation_service_forgets_its_permission_check(module_name: str) -> None:
    module = importlib.import_module(f"hallapp.services.{module_name}")
    for name, fn in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
            continue
        first = next(iter(inspect.signature(fn).parameters.values()), None)
        if first is None or first.name != "ctx":
            continue
        qualified = f"{module.__name__}.{name}"
        assert qualified in REGISTRY or qualified in UNCHECKED, f"{qualified} has no @action"


P = Perm
# What each role may do, for the permissions that matter most (True = allowed).
KEY_RULES: dict[Role, dict[Perm, bool]] = {
    Role.CLERK: {P.OPERATE_WINDOW: True, P.INTAKE_CASE: True, P.DELIVER_CASE: True,
                 P.CALL_OUT_OF_ORDER: True, P.PRINT: True, P.EDIT_CATALOGUE: False,
                 P.REVIEW_CASE: False, P.MANAGE_STAFF: False, P.CONTROL_WINDOW: False,
                 P.MOVE_TICKETS: False, P.CLOSE_DAY: False, P.VIEW_AUDIT: False,
                 P.BACKUP: False, P.RATE_SERVICE: False, P.REVOKE_CASE: False},
    Role.APPROVER: {P.REVIEW_CASE: True, P.VIEW_HALL: True, P.OPERATE_WINDOW: False,
                    P.INTAKE_CASE: False, P.TAKE_TICKET: False, P.EDIT_CATALOGUE: False,
                    P.MANAGE_STAFF: False, P.RATE_SERVICE: False},
    Role.SUPERVISOR: {P.CONTROL_WINDOW: True, P.MOVE_TICKETS: True, P.CLOSE_DAY: True,
                      P.FOLLOW_UP_RATING: True, P.VIEW_KPI: True, P.VIEW_AUDIT: True,
                      P.REVOKE_CASE: True, P.OPERATE_WINDOW: True, P.EDIT_CATALOGUE: False,
                      P.MANAGE_STAFF: False, P.BACKUP: False, P.RATE_SERVICE: False,
                      P.REVIEW_CASE: False},
    Role.ADMIN: {P.EDIT_CATALOGUE: True, P.EDIT_HALL: True, P.MANAGE_STAFF: True,
                 P.MANAGE_CALENDAR: True, P.BACKUP: True, P.VIEW_AUDIT: True,
                 P.OPERATE_WINDOW: False, P.REVIEW_CASE: False, P.RATE_SERVICE: False,
                 P.INTAKE_CASE: False, P.TAKE_TICKET: False},
}
# Devices get exactly these and nothing else; staff may never rate for applicants.
EXACT: dict[Role, set[Perm]] = {
    Role.KIOSK: {P.VIEW_HALL, P.TAKE_TICKET, P.CHECKIN_APPOINTMENT, P.RATE_SERVICE, P.PRINT},
    Role.DISPLAY: {P.VIEW_HALL, P.RATE_SERVICE},
    Role.APPROVER: {P.VIEW_HALL, P.REVIEW_CASE, P.PRINT, P.PRINT_CASE},
    Role.SYSTEM: set(Perm),
}


@pytest.mark.parametrize("role", list(KEY_RULES))
def test_matrix_key_permissions(role: Role) -> None:
    wrong = {perm.value: allowed for perm, allowed in KEY_RULES[role].items()
             if (perm in MATRIX[role]) != allowed}
    assert wrong == {}, f"{role.value}: expected allowed={wrong}"


@pytest.mark.parametrize("role", list(EXACT))
def test_matrix_exact_roles(role: Role) -> None:
    assert set(MATRIX[role]) == EXACT[role]


def test_only_devices_rate_and_every_role_sees_the_hall() -> None:
    raters = {role for role, perms in MATRIX.items() if P.RATE_SERVICE in perms}
    assert raters == {Role.KIOSK, Role.DISPLAY, Role.SYSTEM}
    assert all(P.VIEW_HALL in perms for perms in MATRIX.values())
    assert set(MATRIX) == set(Role)
    assert all(Actor("x", role).can(P.VIEW_HALL) for role in Role)
