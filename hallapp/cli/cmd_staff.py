"""staff add|list|passwd|disable|enable."""

from __future__ import annotations

import os
import sys
from typing import Any

from hallapp.cli.common import CliEnv, add_json, ask_new_password, emit, int_arg, table
from hallapp.core.errors import ValidationError
from hallapp.core.roles import LOGIN_ROLES, ROLE_NAMES_ZH
from hallapp.services import staff as svc


def register(sub: Any) -> None:
    st = sub.add_parser("staff", help="工作人员与设备账号").add_subparsers(
        dest="staff_cmd", metavar="ACTION")
    add = st.add_parser("add", help="新增账号（新密码取自 HALLAPP_NEW_PASSWORD 或提示输入）")
    add.add_argument("username", help="用户名（登录名，不超过 64 字符）")
    add.add_argument("--name", required=True, help="姓名（设备账号填设备名称）")
    add.add_argument("--role", required=True, choices=[r.value for r in LOGIN_ROLES],
                     help="角色：" + "、".join(f"{r.value} {ROLE_NAMES_ZH[r]}"
                                          for r in LOGIN_ROLES))
    add.add_argument("--department", help="部门编码（审批人员）")
    add.add_argument("--window", type=int_arg, help="默认窗口号（窗口人员）")
    add_json(add)
    add.set_defaults(func=cmd_add)
    ls = st.add_parser("list", help="列出账号")
    add_json(ls)
    ls.set_defaults(func=cmd_list)
    pw = st.add_parser("passwd", help="修改密码：本人需原密码；管理员可为他人重设并解锁")
    pw.add_argument("username", help="要修改密码的用户名")
    add_json(pw)
    pw.set_defaults(func=cmd_passwd)
    for name, active in (("disable", False), ("enable", True)):
        p = st.add_parser(name, help="停用账号" if not active else "启用账号")
        p.add_argument("username", help="用户名")
        add_json(p)
        p.set_defaults(func=lambda env, a=active: cmd_set_active(env, a))


def _new_password() -> str:
    password = os.environ.get("HALLAPP_NEW_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise ValidationError("请设置 HALLAPP_NEW_PASSWORD 或在终端中输入新密码", field="password")
    return ask_new_password("新密码: ")


def cmd_add(env: CliEnv) -> int:
    a = env.args
    info = svc.add_staff(env.ctx(), a.username, a.name, a.role, _new_password(),
                         department=a.department, window_number=a.window)
    emit(a, info, lambda i: f"已新增账号 {i.username}（{i.role}）")
    return 0


def cmd_list(env: CliEnv) -> int:
    rows = svc.list_staff(env.ctx(reads_only=True))
    emit(env.args, rows, lambda rs: table(
        [["用户名", "姓名", "角色", "部门", "窗口", "状态"]] +
        [[r.username, r.name, ROLE_NAMES_ZH.get(r.role, r.role), r.department,
          r.window_number,
          "停用" if not r.active else "锁定" if r.locked else "正常"] for r in rs]))
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
         lambda r: f"{r['username']} 的密码已修改")
    return 0


def cmd_set_active(env: CliEnv, active: bool) -> int:
    released = svc.set_active(env.ctx(), env.args.username, active)
    emit(env.args, {"username": env.args.username, "active": active, "released": released},
         lambda r: f"{r['username']} 已{'启用' if active else '停用'}" + (
             f"；其认领的办件已退回待审：{'、'.join(r['released'])}" if r["released"] else ""))
    return 0
