"""hall show, hall green-channel, queue list, window list."""

from __future__ import annotations

from typing import Any

from hallapp.cli.common import CliEnv, add_json, emit, group, table
from hallapp.services import admin
from hallapp.services import hall as svc


def register(sub: Any) -> None:
    h = group(sub, "hall", "大厅信息")
    show = h.add_parser("show", help="显示大厅配置")
    add_json(show)
    show.set_defaults(func=cmd_hall_show)
    green = h.add_parser("green-channel", help="绿色通道类别：列出，或以 --set 整体替换")
    green.add_argument("--set", nargs="+", metavar="编码=名称[=英文名称]", dest="classes",
                       help="新的类别表，按顺序（如 elderly=60岁以上老人=Aged 60+）")
    add_json(green)
    green.set_defaults(func=cmd_green_channel)
    q = group(sub, "queue", "队列")
    ql = q.add_parser("list", help="列出队列")
    add_json(ql)
    ql.set_defaults(func=cmd_queue_list)
    w = group(sub, "window", "窗口：列表与操作")
    wl = w.add_parser("list", help="列出窗口及其工作配置")
    add_json(wl)
    wl.set_defaults(func=cmd_window_list)


def cmd_hall_show(env: CliEnv) -> int:
    info = svc.get_hall(env.ctx())
    emit(env.args, info, lambda i: f"{i.name}（{i.code}）\n时区 {i.timezone}\n地址 {i.address}\n"
         f"电话 {i.phone}\n开放时间 {i.opening_hours}")
    return 0


def cmd_green_channel(env: CliEnv) -> int:
    ctx, given = env.ctx(), env.args.classes
    if given is None:
        classes = svc.get_hall(ctx).priority_classes
    else:
        parts = [text.split("=", 2) for text in given]
        classes = admin.set_priority_classes(ctx, [
            dict(zip(("code", "name", "name_en"), p, strict=False)) for p in parts])
    emit(env.args, classes, lambda cs: table([["编码", "名称", "英文名称"]] + [
        [c.get("code"), c.get("name"), c.get("name_en") or ""] for c in cs]))
    return 0


def cmd_queue_list(env: CliEnv) -> int:
    rows = svc.list_queues(env.ctx())
    emit(env.args, rows, lambda rs: table(
        [["编码", "名称", "前缀", "每日限额", "目标等候(分)", "等候人数"]] +
        [[r.code, r.name, r.prefix, r.daily_quota or "不限", r.target_wait_minutes, r.waiting]
         for r in rs]))
    return 0


def cmd_window_list(env: CliEnv) -> int:
    rows = svc.list_windows(env.ctx())
    state = {"open": "开放", "paused": "暂停", "closed": "关闭"}
    emit(env.args, rows, lambda rs: table(
        [["窗口", "名称", "类型", "状态", "服务队列"]] +
        [[r.number, r.name, r.kind, state.get(r.state, r.state),
          " ".join(f"{p.queue}(优先{p.precedence},比{p.ratio})" for p in r.profile)]
         for r in rs]))
    return 0
