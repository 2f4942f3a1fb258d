"""staff add|list|edit|passwd|disable|enable."""

from __future__ import annotations

import os
import sys
from typing import Any

from hallapp.cli.common import (
    CliEnv,
    add_json,
    ask_new_password,
    emit,
    int_arg,
    none_text,
    table,
)
from hallapp.cli.lang import _
from hallapp.cli.ts_en import translate
from hallapp.core.errors import ValidationError
from hallapp.core.roles import LOGIN_ROLES, ROLE_NAMES_EN, ROLE_NAMES_ZH
from hallapp.services import staff as svc
from hallapp.services import staff_edit


def register(sub: Any) -> None:
    st = sub.add_parser("staff", help=_("工作人员与设备账号", "Staff and device accounts")
                        ).add_subparsers(dest="staff_cmd", metavar="ACTION")
    add = st.add_parser("add", help=_("新增账号（新密码取自 HALLAPP_NEW_PASSWORD 或提示输入）",
                                      "Add an account (its password from HALLAPP_NEW_PASSWORD or "
                                      "asked)"))
    add.add_argument("username", help=_("用户名（登录名，不超过 64 字符）",
                                        "user name (the login, at most 64 characters)"))
    add.add_argument("--name", required=True, help=_("姓名（设备账号填设备名称）",
                                                     "name (a device account: the device's name)"))
    add.add_argument("--role", required=True, choices=[r.value for r in LOGIN_ROLES],
                     help=_("角色：" + "、".join(f"{r.value} {ROLE_NAMES_ZH[r]}"
                                               for r in LOGIN_ROLES),
                            "role: " + ", ".join(f"{r.value} ({ROLE_NAMES_EN[r]})"
                                                 for r in LOGIN_ROLES)))
    add.add_argument("--department", help=_("部门编码（审批人员）", "department code (approvers)"))
    add.add_argument("--window", type=int_arg, help=_("默认窗口号（窗口人员）",
                                                      "default window number (window clerks)"))
    add_json(add)
    add.set_defaults(func=cmd_add)
    ls = st.add_parser("list", help=_("列出账号", "List the accounts"))
    add_json(ls)
    ls.set_defaults(func=cmd_list)
    _register_edit(st)
    pw = st.add_parser("passwd", help=_("修改密码：本人需原密码；管理员可为他人重设并解锁",
                                        "Change a password: your own with the old one; an "
                                        "administrator resets and unlocks others'"))
    pw.add_argument("username", help=_("要修改密码的用户名", "user name whose password changes"))
    add_json(pw)
    pw.set_defaults(func=cmd_passwd)
    for name, active in (("disable", False), ("enable", True)):
        p = st.add_parser(name, help=_("停用账号", "Disable an account") if not active
                          else _("启用账号", "Enable an account"))
        p.add_argument("username", help=_("用户名", "user name"))
        add_json(p)
        p.set_defaults(func=lambda env, a=active: cmd_set_active(env, a))


def _register_edit(st: Any) -> None:
    ed = st.add_parser("edit", help=_(
        "修改账号的姓名、角色、部门或固定窗口（未给出的保持不变）；改角色或部门后该账号须重新登录",
        "Change an account's name, role, department or fixed window (what is not given stays); "
        "after a new role or department the account logs in again"))
    ed.add_argument("username", help=_("用户名", "user name"))
    ed.add_argument("--name", help=_("姓名", "name"))
    ed.add_argument("--role", choices=[r.value for r in LOGIN_ROLES], help=_("角色", "role"))
    ed.add_argument("--dept", "--department", dest="department",
                    help=_("部门编码（后台审批人员）；空字符串或 - 清除",
                           "department code (approvers); empty or - clears it"))
    ed.add_argument("--window", type=int_arg, help=_("固定窗口号；0 清除",
                                                     "fixed window number; 0 clears it"))
    add_json(ed)
    ed.set_defaults(func=cmd_edit)


def cmd_edit(env: CliEnv) -> int:
    a = env.args
    keep = staff_edit.KEEP
    dept = keep if a.department is None else None if a.department.strip() in ("", "-") \
        else a.department
    done = staff_edit.edit_staff(
        env.ctx(), a.username, name=keep if a.name is None else a.name,
        role=keep if a.role is None else a.role, department=dept,
        window_number=keep if a.window is None else a.window or None)
    emit(a, done, _edit_text)
    return 0


def _edit_text(done: staff_edit.StaffEdit) -> str:
    user = done.info.username
    if not done.changed:
        return _(f"账号 {user} 没有变化", f"Account {user}: no change")
    lines = [_(f"已修改账号 {user}：", f"Account {user} changed:")] + [
        f"  {key}: {_shown(before)} → {_shown(after)}"
        for key, (before, after) in done.changed.items()]
    if done.sessions_ended:
        lines.append(_("  该账号已登录的终端须重新登录",
                       "  terminals logged in with this account must log in again"))
    if done.released:
        lines.append(_(f"  其认领的办件已退回待审：{'、'.join(done.released)}",
                       f"  the cases it claimed are back in review: {', '.join(done.released)}"))
    windows = _windows_text(done.windows_freed, done.windows_kept, "\n  ")
    if windows:
        lines.append(windows.removeprefix("\n"))
    return "\n".join(lines)


def _shown(value: object) -> str:
    return none_text() if value is None else str(value)


def _new_password() -> str:
    password = os.environ.get("HALLAPP_NEW_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise ValidationError("请设置 HALLAPP_NEW_PASSWORD 或在终端中输入新密码", field="password",
                              code="new_password_required")
    return ask_new_password(_("新密码: ", "New password: "))


def cmd_add(env: CliEnv) -> int:
    a = env.args
    info = svc.add_staff(env.ctx(), a.username, a.name, a.role, _new_password(),
                         department=a.department, window_number=a.window)
    emit(a, info, lambda i: _(f"已新增账号 {i.username}（{i.role}）",
                              f"Account {i.username} ({i.role}) added"))
    return 0


def cmd_list(env: CliEnv) -> int:
    rows = svc.list_staff(env.ctx(reads_only=True))
    emit(env.args, rows, lambda rs: table(
        [_("用户名 姓名 角色 部门 窗口 状态", "User Name Role Department Window State").split()] +
        [[r.username, r.name, _role(r.role), r.department, r.window_number,
          _("停用", "disabled") if not r.active else _("锁定", "locked") if r.locked
          else _("正常", "active")] for r in rs]))
    return 0


def cmd_passwd(env: CliEnv) -> int:
    ctx = env.ctx()
    new = _new_password()
    if ctx.actor.username.lower() == env.args.username.lower():
        # The old password is the one this command logged in with (environment or prompt).
        svc.change_password(ctx, env.args.username, env.password or "", new)
    else:
        svc.set_password(ctx, env.args.username, new)
    emit(env.args, {"username": env.args.username, "changed": True},
         lambda r: _(f"{r['username']} 的密码已修改", f"Password of {r['username']} changed"))
    return 0


def cmd_set_active(env: CliEnv, active: bool) -> int:
    done = svc.set_active(env.ctx(), env.args.username, active)
    emit(env.args, {"username": env.args.username, "active": active,
                    "released": done.released, "windows_freed": list(done.windows_freed),
                    "windows_kept": list(done.windows_kept)},
         lambda r: _(f"{r['username']} 已{'启用' if active else '停用'}",
                     f"{r['username']} {'enabled' if active else 'disabled'}") + (
             _(f"；其认领的办件已退回待审：{'、'.join(r['released'])}",
               f"; the cases it claimed are back in review: {', '.join(r['released'])}")
             if r["released"] else "")
         + _windows_text(done.windows_freed, done.windows_kept, _("；", "; ")))
    return 0


def _windows_text(freed: tuple[int, ...], kept: tuple[int, ...], sep: str) -> str:
    """What became of the windows the account held (``window_holder.free_windows_of``)."""
    text = ""
    if freed:
        text += sep + _(f"其使用的 {'、'.join(map(str, freed))} 号窗口已释放",
                        f"its windows {', '.join(map(str, freed))} were freed")
    if kept:
        text += sep + _(f"{'、'.join(map(str, kept))} 号窗口正在办理，仍由其占用，"
                        "请值班长改派（window assign）",
                        f"windows {', '.join(map(str, kept))} are serving and stay its own: the "
                        "supervisor reassigns them (window assign)")
    return text


def _role(role: Any) -> str:
    """A role as the screens name it: 窗口人员, "Window clerk" in English."""
    chinese = str(ROLE_NAMES_ZH.get(role, role))
    return _(chinese, translate("RoleLabels", chinese))
