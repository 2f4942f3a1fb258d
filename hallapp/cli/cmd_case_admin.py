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
from hallapp.services import blacklist, calendar_admin, ratings
from hallapp.services.input_file import read_text
from hallapp.services.kpi_drill import FOLLOWUP_ZH

LEVEL_HELP = "（5 非常满意 … 1 非常不满意）"
FOLLOWUP_ID = "回访编号（见 followup list）"


def register(sub: Any) -> None:
    _register_rating(sub)
    _register_calendar(sub)
    _register_blacklist(sub)


def _register_rating(sub: Any) -> None:
    r = group(sub, "rating", _("好差评", "Service ratings"))
    add = action_parser(r, "add", "录入评价（评价器、自助机等申请人终端）")
    add.add_argument("level", type=int_arg, help="5 非常满意 … 1 非常不满意")
    add.add_argument("--ticket", help="所评的号码（如 A001）或 id")
    add.add_argument("--case", help="所评的办件编号或 id")
    add.add_argument("--window", type=int_arg, help="所评的窗口号（--ticket、--case、--window "
                     "至少给一项；给了号码或办件时以其办理窗口为准）")
    for flag, aspect in (("--efficiency", "办事效率"), ("--skill", "业务水平"),
                         ("--attitude", "服务态度")):
        add.add_argument(flag, type=int_arg, help=f"{aspect}评分{LEVEL_HELP}")
    add.add_argument("--comment", help="评价意见")
    add.add_argument("--channel", default="pad", help="评价渠道（默认 pad）：" + "、".join(
        f"{c} {label}" for c, label in ratings.CHANNEL_LABELS.items()))
    add.set_defaults(func=_cmd_rate)
    f = group(r, "followup", "差评回访整改与申诉")
    ls = action_parser(f, "list", "回访清单")
    ls.add_argument("--state", choices=("open", "appealed", "closed"),
                    help="只看此状态：open 待回访、appealed 申诉中、closed 已办结（默认全部）")
    ls.set_defaults(func=lambda env: _show(env, ratings.list_followups(
        env.ctx(), env.args.state), _followups_text))
    close = action_parser(f, "close", "办结回访（填写整改或申诉处理情况）")
    close.add_argument("id", type=int_arg, help=FOLLOWUP_ID)
    close.add_argument("--note", required=True, help="整改或申诉处理情况")
    close.set_defaults(func=lambda env: _show(env, ratings.close_followup(
        env.ctx(), env.args.id, env.args.note), _followup_text))
    ap = action_parser(f, "appeal", "对恶意差评提出申诉")
    ap.add_argument("id", type=int_arg, help=FOLLOWUP_ID)
    ap.add_argument("--reason", required=True, help="申诉理由")
    ap.set_defaults(func=lambda env: _show(env, ratings.appeal(
        env.ctx(), env.args.id, env.args.reason), _followup_text))


def _register_calendar(sub: Any) -> None:
    c = group(sub, "calendar", _("节假日与工作日", "Holidays and working days"))
    load = action_parser(c, "load", "导入官方节假日安排文件（JSON）",
                         ("file", "节假日安排 JSON 文件路径"))
    load.add_argument("--source", help="来源说明（默认文件名）")
    load.set_defaults(func=_cmd_load)
    show = action_parser(c, "show", "显示某年的工作日安排")
    show.add_argument("year", type=int_arg, help="年份（如 2026）")
    show.set_defaults(func=lambda env: _show(env, calendar_admin.show_year(
        env.ctx(), env.args.year), _year_text))
    add = action_parser(c, "add-days",
                        "将自 DATE 起连续 N 天设为休息日（--rest）或工作日（--work）")
    add.add_argument("date", type=date_arg, help="起始日期（YYYY-MM-DD）")
    add.add_argument("count", type=int_arg,
                     help=f"连续天数（1–{calendar_admin.MAX_DAYS_PER_CHANGE}）")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--rest", action="store_true", help="设为休息日")
    kind.add_argument("--work", action="store_true", help="设为工作日")
    add.add_argument("--note", help="说明（如 闭厅原因；默认“调整为休息日/工作日”）")
    add.set_defaults(func=lambda env: _show(env, calendar_admin.set_days(
        env.ctx(), env.args.date, env.args.count, working=env.args.work,
        note=env.args.note), _days_text))


def _register_blacklist(sub: Any) -> None:
    b = group(sub, "blacklist", _("失信名单", "Blacklist of bad-faith applicants"))
    add = action_parser(b, "add", "列入失信名单", ("subject", "身份证号码或统一社会信用代码"))
    add.add_argument("--source", required=True, help="失信信息来源（如 认定机关及文号）")
    add.add_argument("--name", help="姓名或单位名称")
    add.add_argument("--reason", help="失信原因")
    add.add_argument("--listed", type=date_arg,
                     help="列入日期（YYYY-MM-DD，默认今天）")
    add.add_argument("--expires", type=date_arg,
                     help="到期日期（YYYY-MM-DD，当日仍有效；默认长期有效）")
    add.set_defaults(func=lambda env: _show(env, blacklist.add_entry(
        env.ctx(), env.args.subject, env.args.source, name=env.args.name,
        reason=env.args.reason, listed_on=env.args.listed, expires_on=env.args.expires),
        _entry_text))
    ls = action_parser(b, "list", "失信名单（默认仅有效条目）")
    ls.add_argument("--all", action="store_true", help="包括已移出、已到期或尚未生效的条目")
    ls.set_defaults(func=lambda env: _show(env, blacklist.list_entries(
        env.ctx(), include_inactive=env.args.all), _blacklist_text))
    rm = action_parser(b, "remove", "移出失信名单（保留记录）")
    rm.add_argument("id", type=int_arg, help="条目编号（见 list）")
    rm.add_argument("--reason", required=True, help="移出原因")
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


def _rating_text(r: ratings.RatingInfo) -> str:
    where = "".join((f"，{r.window} 号窗口" if r.window else "",
                     f"，工作人员 {r.clerk}" if r.clerk else "",
                     f"，办件 {r.case_number}" if r.case_number else ""))
    channel = ratings.CHANNEL_LABELS.get(r.channel, r.channel)
    lines = [f"已录入评价 {r.id}：{r.level_label}（{r.level}）{where}；"
             f"{channel}，{local_time(r.at)}"]
    if r.comment:
        lines.append(f"评价意见：{r.comment}")
    if r.followup_id is not None and r.followup_due is not None:
        lines.append(f"差评待回访：回访编号 {r.followup_id}，"
                     f"回访期限 {local_time(r.followup_due)}")
    return "\n".join(lines)


def _followup_text(f: ratings.FollowupInfo) -> str:
    who = "".join((f"，{f.window} 号窗口" if f.window else "",
                   f"，工作人员 {f.clerk}" if f.clerk else ""))
    lines = [f"回访 {f.id}（评价 {f.rating_id}，{f.level} 分{who}）：{_state(f.state)}",
             f"回访期限 {local_time(f.due_at)}" + ("（已逾期）" if f.overdue else "")]
    if f.closed_at is not None:
        lines.append(f"办结于 {local_time(f.closed_at)}" + (f"，{f.closed_by}" if f.closed_by
                                                          else ""))
    if f.note:
        lines.append(f"情况：{f.note}")
    return "\n".join(lines)


def _state(code: str) -> str:
    return FOLLOWUP_ZH.get(code, code)


def _followups_text(rows: Any) -> str:
    return table([["编号", "评价", "窗口", "工作人员", "期限", "状态", "逾期"]] + [
        [f.id, f.level, f.window or "", f.clerk or "", local_time(f.due_at, "%Y-%m-%d"),
         _state(f.state), "是" if f.overdue else ""] for f in rows])


def _year_text(v: calendar_admin.CalendarYearView) -> str:
    rest = "、".join(f"{d:%m-%d}" for d in v.rest_weekdays) or "无"
    work = "、".join(f"{d:%m-%d}" for d in v.working_weekends) or "无"
    return (f"{v.year} 年（来源 {v.source}）：工作日 {v.working_days} 天\n"
            f"工作日放假：{rest}\n周末上班：{work}")


def _load_text(result: calendar_admin.CalendarLoadResult) -> str:
    years = "、".join(map(str, result.years))
    lines = [f"已载入 {years} 年官方日历（{result.days} 天调整，来源 {result.source}）"]
    return "\n".join(lines + _cancelled_lines(result.cancelled_bookings))


def _days_text(result: calendar_admin.DaysSet) -> str:
    lines = [f"{d.day} {'工作日' if d.working else '休息日'} {d.note or ''}" for d in result.days]
    return "\n".join(lines + _cancelled_lines(result.cancelled_bookings))


def _cancelled_lines(codes: tuple[str, ...]) -> list[str]:
    """The bookings of the days made rest days, cancelled by the hall: staff tell them."""
    if not codes:
        return []
    return [f"已取消这些日子的 {len(codes)} 个预约，请通知申请人（预约码：{'、'.join(codes)}）"]


def _entry_text(e: blacklist.BlacklistInfo) -> str:
    name = f"（{e.name}）" if e.name else ""
    lines = [f"失信名单条目 {e.id}：{e.subject_id}{name}，"
             f"{'有效' if e.active else '无效'}",
             f"来源：{e.source}", f"列入 {e.listed_on}，到期 {e.expires_on or '长期有效'}"]
    if e.reason:
        lines.append(f"原因：{e.reason}")
    if e.removed_at is not None:
        lines.append(f"已于 {local_time(e.removed_at)} 移出名单")
    return "\n".join(lines)


def _blacklist_text(rows: Any) -> str:
    return table([["编号", "证件号码", "名称", "来源", "列入", "到期", "有效"]] + [
        [e.id, e.subject_id, e.name or "", e.source, e.listed_on, e.expires_on or "",
         "是" if e.active else "否"] for e in rows])
