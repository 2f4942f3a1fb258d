"""rating add|followup list|close|appeal, calendar load|show|add-days, blacklist add|list|remove.

Registered from :mod:`hallapp.cli.cmd_case`.

``calendar add-days DATE N --rest`` marks N consecutive days from DATE as rest days (the hall
is closed, e.g. a building closure); ``--work`` marks them as working days (e.g. a make-up
day the official file lacks). Either flag is required, so the meaning is never guessed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hallapp.cli.common import (
    CliEnv,
    action_parser,
    date_arg,
    emit,
    group,
    int_arg,
    local_time,
    table,
)
from hallapp.cli.lang import _
from hallapp.cli.ts_en import level_label
from hallapp.services import blacklist, calendar_admin, ratings
from hallapp.services.input_file import read_text
from hallapp.services.kpi_drill import FOLLOWUP_ZH

LEVEL_HELP = ("（5 非常满意 … 1 非常不满意）", " (5 very satisfied … 1 very dissatisfied)")
FOLLOWUP_ID = ("回访编号（见 followup list）", "follow-up id (see followup list)")
ASPECTS_EN = {"--efficiency": "efficiency", "--skill": "skill", "--attitude": "attitude"}


def register(sub: Any) -> None:
    _register_rating(sub)
    _register_calendar(sub)
    _register_blacklist(sub)


def _register_rating(sub: Any) -> None:
    r = group(sub, "rating", _("好差评", "Service ratings"))
    add = action_parser(r, "add", _("录入评价（评价器、自助机等申请人终端）",
                                    "Record a rating (from a rating pad, kiosk or other applicant "
                                    "terminal)"))
    add.add_argument("level", type=int_arg, help=_("5 非常满意 … 1 非常不满意",
                                                   "5 very satisfied … 1 very dissatisfied"))
    add.add_argument("--ticket", help=_("所评的号码（如 A001）或 id",
                                        "the ticket rated (such as A001) or its id"))
    add.add_argument("--case", help=_("所评的办件编号或 id", "the case rated: its number or id"))
    add.add_argument("--window", type=int_arg, help=_(
        "所评的窗口号（--ticket、--case、--window 至少给一项；给了号码或办件时以其办理窗口为准）",
        "the window rated (give --ticket, --case or --window; a ticket's or case's own window "
        "counts)"))
    for flag, aspect in (("--efficiency", "办事效率"), ("--skill", "业务水平"),
                         ("--attitude", "服务态度")):
        add.add_argument(flag, type=int_arg, help=_(f"{aspect}评分{LEVEL_HELP[0]}",
                                                     f"{ASPECTS_EN[flag]}{LEVEL_HELP[1]}"))
    add.add_argument("--comment", help=_("评价意见", "comment"))
    add.add_argument("--channel", default="pad", help=_("评价渠道（默认 pad）：" + "、".join(
        f"{c} {label}" for c, label in ratings.CHANNEL_LABELS.items()),
        "channel (default pad): " + ", ".join(ratings.CHANNEL_LABELS)))
    add.set_defaults(func=_cmd_rate)
    f = group(r, "followup", _("差评回访整改与申诉", "Follow-ups of poor ratings and appeals"))
    ls = action_parser(f, "list", _("回访清单", "List the follow-ups"))
    ls.add_argument("--state", choices=("open", "appealed", "closed"),
                    help=_("只看此状态：open 待回访、appealed 申诉中、closed 已办结（默认全部）",
                           "only this state: open, appealed, closed (default: all)"))
    ls.set_defaults(func=lambda env: _show(env, ratings.list_followups(
        env.ctx(), env.args.state), _followups_text))
    close = action_parser(f, "close", _("办结回访（填写整改或申诉处理情况）",
                                        "Close a follow-up (what was put right, or how the appeal "
                                        "went)"))
    close.add_argument("id", type=int_arg, help=_(*FOLLOWUP_ID))
    close.add_argument("--note", required=True, help=_("整改或申诉处理情况",
                                                       "what was put right, or how the appeal "
                                                       "went"))
    close.set_defaults(func=lambda env: _show(env, ratings.close_followup(
        env.ctx(), env.args.id, env.args.note), _followup_text))
    ap = action_parser(f, "appeal",
                       _("对恶意差评提出申诉", "Appeal against a malicious poor rating"))
    ap.add_argument("id", type=int_arg, help=_(*FOLLOWUP_ID))
    ap.add_argument("--reason", required=True, help=_("申诉理由", "why the rating is appealed"))
    ap.set_defaults(func=lambda env: _show(env, ratings.appeal(
        env.ctx(), env.args.id, env.args.reason), _followup_text))


def _register_calendar(sub: Any) -> None:
    c = group(sub, "calendar", _("节假日与工作日", "Holidays and working days"))
    load = action_parser(c, "load", _("导入官方节假日安排文件（JSON）",
                                      "Load the official holiday arrangement file (JSON)"),
                         ("file", _("节假日安排 JSON 文件路径",
                                    "path of the holiday arrangement JSON file")))
    load.add_argument("--source", help=_("来源说明（默认文件名）",
                                         "where it comes from (default: the file name)"))
    load.set_defaults(func=_cmd_load)
    show = action_parser(c, "show", _("显示某年的工作日安排", "Show a year's working days"))
    show.add_argument("year", type=int_arg, help=_("年份（如 2026）", "year (such as 2026)"))
    show.set_defaults(func=lambda env: _show(env, calendar_admin.show_year(
        env.ctx(), env.args.year), _year_text))
    add = action_parser(c, "add-days",
                        _("将自 DATE 起连续 N 天设为休息日（--rest）或工作日（--work）",
                          "Make N days from DATE rest days (--rest) or working days (--work)"))
    add.add_argument("date", type=date_arg,
                     help=_("起始日期（YYYY-MM-DD）", "first day (YYYY-MM-DD)"))
    add.add_argument("count", type=int_arg,
                     help=_(f"连续天数（1–{calendar_admin.MAX_DAYS_PER_CHANGE}）",
                            f"how many days (1–{calendar_admin.MAX_DAYS_PER_CHANGE})"))
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--rest", action="store_true", help=_("设为休息日", "make them rest days"))
    kind.add_argument("--work", action="store_true", help=_("设为工作日", "make them working days"))
    add.add_argument("--note", help=_("说明（如 闭厅原因；默认“调整为休息日/工作日”）",
                                      "note (such as why the hall closes; default: a note of the "
                                      "change in Chinese)"))
    add.set_defaults(func=lambda env: _show(env, calendar_admin.set_days(
        env.ctx(), env.args.date, env.args.count, working=env.args.work,
        note=env.args.note), _days_text))


def _register_blacklist(sub: Any) -> None:
    b = group(sub, "blacklist", _("失信名单", "Blacklist of bad-faith applicants"))
    add = action_parser(b, "add", _("列入失信名单", "Put a subject on the blacklist"),
                        ("subject", _("身份证号码或统一社会信用代码",
                                      "ID number or unified social credit code")))
    add.add_argument("--source", required=True, help=_("失信信息来源（如 认定机关及文号）",
                                                       "where the listing comes from (such as the "
                                                       "deciding authority and document number)"))
    add.add_argument("--name", help=_("姓名或单位名称", "name of the person or organisation"))
    add.add_argument("--reason", help=_("失信原因", "why listed"))
    add.add_argument("--listed", type=date_arg,
                     help=_("列入日期（YYYY-MM-DD，默认今天）",
                            "listed on (YYYY-MM-DD, default: today)"))
    add.add_argument("--expires", type=date_arg,
                     help=_("到期日期（YYYY-MM-DD，当日仍有效；默认长期有效）",
                            "expires on (YYYY-MM-DD, still in force that day; default: never)"))
    add.set_defaults(func=lambda env: _show(env, blacklist.add_entry(
        env.ctx(), env.args.subject, env.args.source, name=env.args.name,
        reason=env.args.reason, listed_on=env.args.listed, expires_on=env.args.expires),
        _entry_text))
    ls = action_parser(b, "list", _("失信名单（默认仅有效条目）",
                                    "List the blacklist (default: entries in force only)"))
    ls.add_argument("--all", action="store_true", help=_("包括已移出、已到期或尚未生效的条目",
                                                         "include entries removed, expired or not "
                                                         "yet in force"))
    ls.set_defaults(func=lambda env: _show(env, blacklist.list_entries(
        env.ctx(), include_inactive=env.args.all), _blacklist_text))
    rm = action_parser(b, "remove", _("移出失信名单（保留记录）",
                                      "Take an entry off the blacklist (its record is kept)"))
    rm.add_argument("id", type=int_arg, help=_("条目编号（见 list）", "entry id (see list)"))
    rm.add_argument("--reason", required=True, help=_("移出原因", "why removed"))
    rm.set_defaults(func=lambda env: _show(env, blacklist.remove_entry(
        env.ctx(), env.args.id, env.args.reason), _entry_text))


def _cmd_rate(env: CliEnv) -> int:
    a = env.args
    value = ratings.RatingInput(a.level, a.efficiency, a.skill, a.attitude, a.comment)
    return _show(env, ratings.rate(env.ctx(), value, ticket=a.ticket, case_ref=a.case,
                                   window=a.window, channel=a.channel), _rating_text)


def _cmd_load(env: CliEnv) -> int:
    path = Path(env.args.file)
    return _show(env, calendar_admin.load_calendar(env.ctx(), read_text(path),
                                                   env.args.source or path.name), _load_text)


def _show(env: CliEnv, value: Any, text: Any = None) -> int:
    emit(env.args, value, text)
    return 0


CHANNEL_EN = {"pad": "rating pad", "kiosk": "kiosk", "display": "display", "qr": "QR code",
              "sms": "SMS"}
FOLLOWUP_EN = {"open": "to follow up", "appealed": "under appeal", "closed": "closed"}


def _rating_text(r: ratings.RatingInfo) -> str:
    where = "".join((_(f"，{r.window} 号窗口", f", window {r.window}") if r.window else "",
                     _(f"，工作人员 {r.clerk}", f", clerk {r.clerk}") if r.clerk else "",
                     _(f"，办件 {r.case_number}", f", case {r.case_number}")
                     if r.case_number else ""))
    channel = _(ratings.CHANNEL_LABELS.get(r.channel, r.channel),
                CHANNEL_EN.get(r.channel, r.channel))
    lines = [_(f"已录入评价 {r.id}：{r.level_label}（{r.level}）{where}；",
               f"Rating {r.id} recorded: {level_label(r.level_label)} ({r.level}){where}; ")
             + f"{channel}{_('，', ', ')}{local_time(r.at)}"]
    if r.comment:
        lines.append(_("评价意见：", "Comment: ") + r.comment)
    if r.followup_id is not None and r.followup_due is not None:
        lines.append(_(f"差评待回访：回访编号 {r.followup_id}，"
                       f"回访期限 {local_time(r.followup_due)}",
                       f"Poor rating to follow up: follow-up {r.followup_id}, "
                       f"due {local_time(r.followup_due)}"))
    return "\n".join(lines)


def _followup_text(f: ratings.FollowupInfo) -> str:
    who = "".join((_(f"，{f.window} 号窗口", f", window {f.window}") if f.window else "",
                   _(f"，工作人员 {f.clerk}", f", clerk {f.clerk}") if f.clerk else ""))
    lines = [_(f"回访 {f.id}（评价 {f.rating_id}，{f.level} 分{who}）：{_state(f.state)}",
               f"Follow-up {f.id} (rating {f.rating_id}, level {f.level}{who}): "
               f"{_state(f.state)}"),
             _(f"回访期限 {local_time(f.due_at)}", f"Due {local_time(f.due_at)}")
             + (_("（已逾期）", " (overdue)") if f.overdue else "")]
    if f.closed_at is not None:
        lines.append(_("办结于 ", "Closed at ") + local_time(f.closed_at)
                     + (_("，", ", ") + f.closed_by if f.closed_by else ""))
    if f.note:
        lines.append(_("情况：", "Note: ") + f.note)
    return "\n".join(lines)


def _state(code: str) -> str:
    return _(FOLLOWUP_ZH, FOLLOWUP_EN).get(code, code)


def _followups_text(rows: Any) -> str:
    return table([_(["编号", "评价", "窗口", "工作人员", "期限", "状态", "逾期"],
                    ["Id", "Level", "Window", "Clerk", "Due", "State", "Overdue"])] + [
        [f.id, f.level, f.window or "", f.clerk or "", local_time(f.due_at, "%Y-%m-%d"),
         _state(f.state), _("是", "yes") if f.overdue else ""] for f in rows])


def _year_text(v: calendar_admin.CalendarYearView) -> str:
    none = _("无", "none")
    sep = _("、", ", ")
    rest = sep.join(f"{d:%m-%d}" for d in v.rest_weekdays) or none
    work = sep.join(f"{d:%m-%d}" for d in v.working_weekends) or none
    return _(f"{v.year} 年（来源 {v.source}）：工作日 {v.working_days} 天\n"
             f"工作日放假：{rest}\n周末上班：{work}",
             f"{v.year} (source {v.source}): {v.working_days} working days\n"
             f"Weekdays off: {rest}\nWeekends worked: {work}")


def _load_text(result: calendar_admin.CalendarLoadResult) -> str:
    years = _("、", ", ").join(map(str, result.years))
    lines = [_(f"已载入 {years} 年官方日历（{result.days} 天调整，来源 {result.source}）",
               f"Official calendar for {years} loaded ({result.days} days adjusted, "
               f"source {result.source})")]
    return "\n".join(lines + _cancelled_lines(result.cancelled_bookings))


def _days_text(result: calendar_admin.DaysSet) -> str:
    lines = [f"{d.day} {_('工作日', 'working day') if d.working else _('休息日', 'rest day')} "
             f"{d.note or ''}" for d in result.days]
    return "\n".join(lines + _cancelled_lines(result.cancelled_bookings))


def _cancelled_lines(codes: tuple[str, ...]) -> list[str]:
    """The bookings of the days made rest days, cancelled by the hall: staff tell them."""
    if not codes:
        return []
    return [_(f"已取消这些日子的 {len(codes)} 个预约，请通知申请人（预约码：{'、'.join(codes)}）",
              f"{len(codes)} booking(s) on these days cancelled, please tell the applicants "
              f"(booking codes: {', '.join(codes)})")]


def _entry_text(e: blacklist.BlacklistInfo) -> str:
    name = _(f"（{e.name}）", f" ({e.name})") if e.name else ""
    lines = [_(f"失信名单条目 {e.id}：{e.subject_id}{name}，{'有效' if e.active else '无效'}",
               f"Blacklist entry {e.id}: {e.subject_id}{name}, "
               f"{'in force' if e.active else 'not in force'}"),
             _("来源：", "Source: ") + e.source,
             _(f"列入 {e.listed_on}，到期 {e.expires_on or '长期有效'}",
               f"Listed {e.listed_on}, expires {e.expires_on or 'never'}")]
    if e.reason:
        lines.append(_("原因：", "Reason: ") + e.reason)
    if e.removed_at is not None:
        lines.append(_(f"已于 {local_time(e.removed_at)} 移出名单",
                       f"Removed from the list at {local_time(e.removed_at)}"))
    return "\n".join(lines)


def _blacklist_text(rows: Any) -> str:
    return table([_(["编号", "证件号码", "名称", "来源", "列入", "到期", "有效"],
                    ["Id", "ID number", "Name", "Source", "Listed", "Expires", "In force"])] + [
        [e.id, e.subject_id, e.name or "", e.source, e.listed_on, e.expires_on or "",
         _("是", "yes") if e.active else _("否", "no")] for e in rows])
