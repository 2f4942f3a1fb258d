"""run ROLE, demo: open the Qt clients (the UI is imported only when asked for)."""

from __future__ import annotations

import os
import sys
from typing import Any

from hallapp.cli.common import CliEnv, int_arg
from hallapp.cli.lang import _
from hallapp.config import resolve_db_url, terminal_name
from hallapp.core.errors import StateError
from hallapp.core.roles import Actor, Role
from hallapp.services import windows
from hallapp.services.context import Ctx
from hallapp.services.setup import (
    init_database,
    load_demo_calendar,
    load_demo_slots,
    require_demo_hall,
)
from hallapp.store.schema import ready_for_login

ROLES = ("kiosk", "counter", "display", "rating", "backoffice", "supervisor", "admin")


def register(sub: Any) -> None:
    run = sub.add_parser("run", help=_("打开一个终端：kiosk|counter|display|rating|backoffice|"
                                       "supervisor|admin",
                                       "Open a terminal: kiosk|counter|display|rating|"
                                       "backoffice|supervisor|admin"))
    run.add_argument("role", choices=ROLES, help=_(
        "终端：kiosk 自助取号、counter 窗口工作台、display 综合屏、rating 服务评价、"
        "backoffice 后台审批、supervisor 值班长看板、admin 管理",
        "terminal: kiosk, counter (window desk), display (hall screen), rating (rating pad), "
        "backoffice (review), supervisor (board), admin"))
    run.add_argument("--window", type=int_arg,
                     help=_("窗口号（counter 默认为账号的窗口；rating 必填）",
                            "window number (counter: the account's window by default; rating: "
                            "required)"))
    run.add_argument("--fullscreen", action="store_true",
                     help=_("全屏（自助机、综合屏）", "full screen (kiosk, display)"))
    run.add_argument("--lang", choices=("zh", "en"),
                     help=_("界面语言：zh 中文、en 英文（默认按管理→终端设备中本终端的设置，"
                            "未设置则按全局 --lang 或 HALLAPP_LANG，再未设置则中文）",
                            "screen language: zh or en (default: this terminal's setting in "
                            "admin, else the global --lang or HALLAPP_LANG, else Chinese)"))
    run.set_defaults(func=cmd_run, log_role="ui")
    demo = sub.add_parser("demo", help=_("在演示大厅上同时打开各个终端（首次自动创建演示大厅）",
                                         "Open every terminal on the demo hall (created on first "
                                         "use)"))
    demo.add_argument("--lang", choices=("zh", "en"),
                      help=_("界面语言：zh 中文，en 英文（默认同全局 --lang 或 HALLAPP_LANG，"
                             "未设置则中文）", "screen language: zh or en (default: the global "
                             "--lang or HALLAPP_LANG, else Chinese)"))
    demo.add_argument("--simulate", action="store_true",
                      help=_("同时在 2–9 号窗口上实时模拟两小时的大厅（30 倍速），看板立即有数据",
                             "also simulate two hours of the hall live on windows 2–9 (30× "
                             "speed), so the boards show data at once"))
    demo.set_defaults(func=cmd_demo, log_role="ui")


NO_SCREEN = ("hallapp: 没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）。"
             "请在图形桌面中运行；没有桌面的自助机、综合屏请设置 QT_QPA_PLATFORM（如 eglfs）；"
             "无屏测试可设置 QT_QPA_PLATFORM=offscreen。",
             "hallapp: no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set). Run "
             "it on a graphical desktop; for a kiosk or display without a desktop set "
             "QT_QPA_PLATFORM (e.g. eglfs); for tests without a screen, "
             "QT_QPA_PLATFORM=offscreen.")


RATING_WINDOW = ("hallapp: 评价器须用 --window 指定它所在的窗口号"
                 "（如 hallapp run rating --window 3）",
                 "hallapp: a rating pad needs --window, the number of its window "
                 "(e.g. hallapp run rating --window 3)")


def no_screen() -> bool:
    """On Linux, nothing for Qt to draw on: no X or Wayland display and no platform named.
    Qt would abort with advice to reinstall the application, which misleads."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def cmd_run(env: CliEnv) -> int:
    if no_screen():
        print(_(*NO_SCREEN), file=sys.stderr)
        return 2
    from hallapp.ui import launcher

    a = env.args
    if a.role not in launcher.available_roles():
        roles = ", ".join(launcher.available_roles())
        print(_(f"hallapp: 终端 {a.role} 尚未包含在此版本中；可用：{roles}",
                f"hallapp: the {a.role} terminal is not in this version; available: {roles}"))
        return 2
    if a.role == "rating" and a.window is None:  # its device account holds no window
        print(_(*RATING_WINDOW), file=sys.stderr)
        return 2
    if a.role in ("counter", "rating") and a.window is not None:
        # A window the hall does not have opened a client stuck on "正在读取窗口状态……".
        ready_for_login(env.db)
        state = windows.window_state(Ctx(env.db, Actor("anonymous", Role.DISPLAY),
                                         terminal=terminal_name()), a.window)  # NotFound: 12
        if state.retired:  # a counter nobody may open, a pad whose ratings are refused
            raise StateError(f"{a.window} 号窗口已停用", field="window", code="window_retired",
                             window=a.window)
    return launcher.run(a.role, resolve_db_url(a.db), window=a.window, fullscreen=a.fullscreen,
                        lang=a.lang or a.cli_lang, user=a.user)


def cmd_demo(env: CliEnv) -> int:
    if no_screen():
        print(_(*NO_SCREEN), file=sys.stderr)
        return 2
    from hallapp.ui import launcher

    url = resolve_db_url(env.args.db)
    init_database(env.db, demo=True)
    require_demo_hall(env.db)  # a real hall: not a word of the demo's data written into it
    load_demo_calendar(env.db)
    load_demo_slots(env.db)
    extra = launcher.live_hall if env.args.simulate else None
    return launcher.run_demo(url, lang=env.args.lang or env.args.cli_lang or "zh", extra=extra)
