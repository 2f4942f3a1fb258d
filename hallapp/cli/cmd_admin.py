"""hall show|set|hours|settings|green-channel, queue list|deactivate|activate,
window list|retire|reinstate|rename."""

from __future__ import annotations

import argparse
from typing import Any

from hallapp.cli.common import CliEnv, UsageError, add_json, emit, group, int_arg, table
from hallapp.cli.lang import _, count, english
from hallapp.cli.ts_en import translate
from hallapp.cli.words import WINDOW_STATE, local, word
from hallapp.core.errors import ValidationError
from hallapp.core.state_labels import WINDOW_KIND_LABELS
from hallapp.services import admin, queue_admin, window_admin
from hallapp.services import hall as svc


def register(sub: Any) -> None:
    h = group(sub, "hall", _("大厅信息", "The hall's details, hours, settings and green channel"))
    show = h.add_parser("show", help=_("显示大厅配置", "Show the hall's details"))
    add_json(show)
    show.set_defaults(func=cmd_hall_show)
    hset = h.add_parser("set", help=_(
        "修改大厅名称、英文名称、地址、电话（只改给出的项；空串清除选填项）",
        "Change the hall's name, English name, address and phone (only those given; an empty "
        "value clears an optional one)"))
    add_identity_options(hset, "大厅")
    add_json(hset)
    hset.set_defaults(func=cmd_hall_set)
    hours = h.add_parser("hours", help=_(
        "开放时间：显示，或以 --set 修改（新时间外的预约由大厅取消）",
        "Opening hours: show, or change with --set (bookings outside them are cancelled)"))
    hours.add_argument("--set", nargs="+", metavar=_("开始-结束", "START-END"), dest="periods",
                       help=_("每个工作日的开放时段，如 09:00-12:00 14:00-18:00",
                              "each working day's opening periods, such as 09:00-12:00 "
                              "14:00-18:00"))
    hours.add_argument("--saturday", action=argparse.BooleanOptionalAction, help=_(
        "周六是否开放（不给：保持不变）", "whether the hall opens on Saturdays (not given: as is)"))
    add_json(hours)
    hours.set_defaults(func=cmd_hall_hours)
    settings = h.add_parser("settings", help=_("大厅设置：列出，或以 --set 修改",
                                               "Hall settings: list, or change with --set"))
    settings.add_argument("--set", nargs="+", metavar=_("名称=取值", "NAME=VALUE"),
                          dest="changes", help=_(
                              "如 recall_max=2 announce_english=true（是/否：true/false）",
                              "such as recall_max=2 announce_english=true (yes/no: "
                              "true/false)"))
    add_json(settings)
    settings.set_defaults(func=cmd_hall_settings)
    green = h.add_parser("green-channel", help=_(
        "绿色通道类别：列出，或以 --set 整体替换",
        "Green-channel classes: list, or replace them all with --set"))
    green.add_argument("--set", nargs="+", metavar=_("编码=名称[=英文名称]", "CODE=NAME[=ENGLISH]"),
                       dest="classes", help=_(
                           "新的类别表，按顺序（如 elderly=60岁以上老人=Aged 60+）",
                           "the new classes in order (such as elderly=NAME=Aged 60+)"))
    add_json(green)
    green.set_defaults(func=cmd_green_channel)
    q = group(sub, "queue", _("队列", "Queues"))
    ql = q.add_parser("list", help=_("列出队列", "List the queues"))
    add_json(ql)
    ql.set_defaults(func=cmd_queue_list)
    for name, active, text in (
            ("deactivate", False, _("停用队列：不再取号、预约，已在等候的号照常叫号",
                                    "Deactivate a queue: no more tickets or bookings; tickets "
                                    "already waiting are called as usual")),
            ("activate", True, _("重新启用停用的队列", "Activate a deactivated queue again"))):
        qa = q.add_parser(name, help=text)
        qa.add_argument("queue", help=_("队列编码（如 A）", "Queue code (e.g. A)"))
        add_json(qa)
        qa.set_defaults(func=lambda env, a=active: cmd_queue_active(env, a))
    w = group(sub, "window", _("窗口：列表与操作", "Windows: list and operations"))
    wl = w.add_parser("list", help=_("列出窗口及其工作配置",
                                     "List the windows and their work profiles"))
    add_json(wl)
    wl.set_defaults(func=cmd_window_list)
    for name, text in (("retire", _("停用窗口（须已关闭、无未办结的号；保留历史，可恢复）",
                                    "Retire a window (closed, no open tickets; its history "
                                    "stays and it can be reinstated)")),
                       ("reinstate", _("恢复使用停用的窗口", "Reinstate a retired window"))):
        wa = w.add_parser(name, help=text)
        wa.add_argument("window", type=int_arg, help=_("窗口号", "Window number"))
        add_json(wa)
        wa.set_defaults(func=lambda env, n=name: cmd_window_retire(env, n))
    rn = w.add_parser("rename", help=_("修改窗口名称（窗口号不变）",
                                       "Rename a window (its number stays)"))
    rn.add_argument("window", type=int_arg, help=_("窗口号", "Window number"))
    rn.add_argument("--name", required=True, help=_("窗口名称", "The window's name"))
    rn.add_argument("--name-en", default="", help=_("英文名称（不填则无）",
                                                    "English name (none if not given)"))
    add_json(rn)
    rn.set_defaults(func=cmd_window_rename)


IDENTITY_OPTIONS = (("--name", "name", "名称（中文）"), ("--name-en", "name_en", "英文名称"),
                    ("--address", "address", "地址"), ("--address-en", "address_en", "英文地址"),
                    ("--phone", "phone", "咨询电话（手机号，或区号-号码如 0755-88123456）"))
IDENTITY_EN = {"name": "the hall's name (Chinese)", "name_en": "the hall's English name",
               "address": "the hall's address", "address_en": "the hall's English address",
               "phone": "the hall's enquiry phone (a mobile, or area code-number such as "
                        "0755-88123456)"}


def add_identity_options(parser: argparse.ArgumentParser, whose: str) -> None:
    """--name, --name-en, --address, --address-en, --phone: the hall's identity (init,
    hall set)."""
    for flag, dest, label in IDENTITY_OPTIONS:
        parser.add_argument(flag, dest=f"hall_{dest}", metavar="TEXT",
                            help=_(f"{whose}{label}", IDENTITY_EN[dest]))


def identity_options(args: argparse.Namespace) -> dict[str, str]:
    """The identity fields given on the command line (an empty one: cleared)."""
    given = {dest: getattr(args, f"hall_{dest}", None) for _, dest, _ in IDENTITY_OPTIONS}
    return {k: v for k, v in given.items() if v is not None}


def _identity_text(i: Any) -> str:
    unset = _("未设置", "not set")
    if english():  # led by the English name; the Chinese ones said to be Chinese
        return (f"{i.name_en or i.name} ({i.code})\nChinese name {i.name}\n"
                f"Address {i.address_en or unset}\nChinese address {i.address or unset}\n"
                f"Phone {i.phone or unset}")
    return (f"{i.name}（{i.code}）\n英文名称 {i.name_en or unset}\n"
            f"地址 {i.address or unset}\n英文地址 {i.address_en or unset}\n"
            f"电话 {i.phone or unset}")


def cmd_hall_show(env: CliEnv) -> int:
    info = svc.get_hall(env.ctx())
    emit(env.args, info, lambda i: f"{_identity_text(i)}\n{_('时区', 'Time zone')} {i.timezone}\n"
         f"{_('开放时间', 'Opening hours')} {_hours_text(i.opening_hours)}")
    return 0


def cmd_hall_set(env: CliEnv) -> int:
    given = identity_options(env.args)
    if not given:
        raise UsageError("请至少给出 --name、--name-en、--address、--address-en、--phone 中的一项",
                         why="hall_set_nothing")
    ctx = env.ctx()
    admin.set_identity(ctx, given)
    info = svc.get_hall(ctx)
    emit(env.args, {"code": info.code, "name": info.name, "name_en": info.name_en,
                    "address": info.address, "address_en": info.address_en,
                    "phone": info.phone},
         lambda _r: _("已保存大厅信息", "Hall details saved") + "\n" + _identity_text(info))
    return 0


def _hours_text(hours: dict[str, Any] | None) -> str:
    """``09:00–12:00、14:00–18:00；周六开放`` from the hall's opening-hours record."""
    hours = hours or {}
    periods = _("、", ", ").join(f"{start}–{end}" for start, end in hours.get("periods") or [])
    if english():
        return (f"{periods or 'not set'}; "
                f"{'open' if hours.get('saturday') else 'closed'} on Saturdays")
    return f"{periods or '未设置'}；周六{'开放' if hours.get('saturday') else '不开放'}"


def cmd_hall_hours(env: CliEnv) -> int:
    ctx, args = env.ctx(), env.args
    if args.periods is None and args.saturday is None:
        hours = svc.get_hall(ctx).opening_hours
        emit(args, hours, _hours_text)
        return 0
    current = svc.get_hall(ctx).opening_hours or {}
    periods = ([_period(text) for text in args.periods] if args.periods is not None
               else [tuple(p) for p in current.get("periods") or []])
    saturday = args.saturday if args.saturday is not None else current.get("saturday") is True
    result = admin.set_opening_hours(ctx, periods, saturday)
    codes = result["cancelled_bookings"]
    emit(args, result, lambda r: _("开放时间已保存：", "Opening hours saved: ") + _hours_text(r)
         + ("" if not codes else _(
             f"\n已取消新开放时间外的 {len(codes)} 个预约（这些时段不再接受预约），请通知申请人"
             f"（预约码：{'、'.join(codes)}）",
             f"\n{count(len(codes), 'booking')} outside the new opening hours "
             f"{'was' if len(codes) == 1 else 'were'} cancelled (those "
             f"slots take no more bookings); please tell the applicants (codes: "
             f"{', '.join(codes)})")))
    return 0


def _period(text: str) -> tuple[str, str]:
    """``09:00-12:00`` (or with – or ～) as a (start, end) pair; the service checks the times."""
    for sep in ("–", "～", "~", "-"):
        start, found, end = text.partition(sep)
        if found:
            return start.strip(), end.strip()
    raise ValidationError(f"开放时段应写作 开始-结束（如 09:00-12:00）：{text}",
                          field="opening_hours", code="opening_hours_shape")


def cmd_hall_settings(env: CliEnv) -> int:
    ctx, given = env.ctx(), env.args.changes
    if given:
        admin.update_settings(ctx, dict(_setting_value(text) for text in given))
    info = svc.get_hall(ctx)
    rows = [{"key": key, "label": spec.label, "value": _shown(key, info.setting(key))}
            for key, spec in admin.SETTINGS.items()]
    emit(env.args, rows, lambda rs: table([_("名称 说明 取值", "Name Meaning Value").split()] + [
        [r["key"], _(r["label"], translate("AdminSettings", r["label"])), _text(r["value"])]
        for r in rs]))
    return 0


_YES, _NO = ("true", "yes", "1", "是"), ("false", "no", "0", "否")


def _setting_value(text: str) -> tuple[str, Any]:
    """``key=value`` with the value read as the setting's kind (the service checks it)."""
    key, sep, raw = text.partition("=")
    spec = admin.SETTINGS.get(key.strip())
    if not sep or spec is None:
        raise ValidationError(f"设置应写作 名称=取值，名称为 {'、'.join(admin.SETTINGS)} 之一："
                              f"{text}", field="settings", code="unknown_setting",
                              setting=key.strip())
    value: Any = raw.strip()
    if spec.kind is bool and value.lower() in _YES + _NO:
        value = value.lower() in _YES
    elif spec.kind is int and value.lstrip("-").isdecimal():
        value = int(value)
    return key.strip(), value


def _shown(key: str, value: Any) -> Any:
    return "****" if key == "kiosk_admin_pin" and value else value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return _("是", "yes") if value else _("否", "no")
    return "" if value is None else str(value)


def cmd_green_channel(env: CliEnv) -> int:
    ctx, given = env.ctx(), env.args.classes
    if given is None:
        classes = svc.get_hall(ctx).priority_classes
    else:
        parts = [text.split("=", 2) for text in given]
        classes = admin.set_priority_classes(ctx, [
            dict(zip(("code", "name", "name_en"), p, strict=False)) for p in parts])
    head = _("编码 名称 英文名称", "Code Name English").split()
    emit(env.args, classes, lambda cs: table([head] + [
        [c.get("code"), c.get("name"), c.get("name_en") or ""] for c in cs]))
    return 0


def cmd_queue_list(env: CliEnv) -> int:
    rows = svc.list_queues(env.ctx(reads_only=True))
    emit(env.args, rows, lambda rs: table(
        [_("编码 名称 前缀 每日限额 目标等候(分) 等候人数 状态",
           "Code Name Prefix Quota Target(min) Waiting State").split()] +
        [[r.code, local(r.name, r.name_en), r.prefix,
          r.daily_quota or _("不限", "none"), r.target_wait_minutes, r.waiting,
          _("在用", "active") if r.active else _("停用", "inactive")] for r in rs]))
    return 0


def cmd_queue_active(env: CliEnv, active: bool) -> int:
    done = queue_admin.set_queue_active(env.ctx(), env.args.queue, active)
    emit(env.args, done, _queue_active_text)
    return 0


def _queue_active_text(done: queue_admin.QueueActive) -> str:
    if english():
        if not done.changed:
            return f"Queue {done.code} was already {'active' if done.active else 'inactive'}"
        if done.active:
            return f"Queue {done.code} is active again"
        return (f"Queue {done.code} is inactive: no more tickets or bookings; "
                f"{count(done.waiting, 'ticket')} already waiting "
                f"{'is' if done.waiting == 1 else 'are'} called as usual")
    state = "启用" if done.active else "停用"
    if not done.changed:
        return f"队列 {done.code}（{done.name}）本已{state}"
    if done.active:
        return f"队列 {done.code}（{done.name}）已重新启用"
    return (f"队列 {done.code}（{done.name}）已停用：不再取号、预约；"
            f"已在等候的 {done.waiting} 个号照常叫号")


def cmd_window_list(env: CliEnv) -> int:
    rows = svc.list_windows(env.ctx(reads_only=True), with_retired=True)
    emit(env.args, rows, lambda rs: table(
        [_("窗口 名称 类型 状态 服务队列", "Window Name Kind State Queues").split()] +
        [[r.number, local(r.name, r.name_en),
          _(WINDOW_KIND_LABELS.get(r.kind, r.kind), r.kind),
          _("已停用", "retired") if r.retired else word(WINDOW_STATE, r.state),
          " ".join(_(f"{p.queue}(优先{p.precedence},比{p.ratio})",
                     f"{p.queue}(precedence {p.precedence}, ratio {p.ratio})")
                   for p in r.profile)]
         for r in rs]))
    return 0


def cmd_window_retire(env: CliEnv, name: str) -> int:
    fn = window_admin.retire_window if name == "retire" else window_admin.reinstate_window
    done = fn(env.ctx(), env.args.window)
    emit(env.args, done, _window_text)
    return 0


def cmd_window_rename(env: CliEnv) -> int:
    a = env.args
    done = window_admin.rename_window(env.ctx(), a.window, a.name, a.name_en)
    emit(a, done, _window_text)
    return 0


def _window_text(done: window_admin.WindowChange) -> str:
    if english():
        text = (f"Window {done.number} {'retired' if done.retired else 'in use'}"
                + ("" if done.changed else ", no change"))
        if done.unassigned:
            text += f"; these accounts are no longer fixed to it: {', '.join(done.unassigned)}"
        return text
    state = "已停用" if done.retired else "在用"
    text = f"{done.number} 号窗口（{done.name}）{state}" + ("" if done.changed else "，没有变化")
    if done.unassigned:
        text += f"；以下账号不再固定在此窗口：{'、'.join(done.unassigned)}"
    return text
