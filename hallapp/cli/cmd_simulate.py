"""simulate run|plan|live|calibrate: the hall day simulator and staffing planner.

``simulate run --windows PLAN.json`` reads a window plan (format in
:mod:`hallapp.core.sim.winplan`; ``simulate plan --out`` writes one)::

    {"profiles": {"AB": {"mode": "ratio", "queues": [{"queue": "A", "precedence": 1,
                                                       "ratio": 2},
                                                      {"queue": "B", "precedence": 2}]}},
     "hours": {"09": {"AB": 3}, "10": {"AB": 4}}}

Without ``--windows`` the hall's own windows (or, with ``--demo``/``--profile``, the demo
hall's) are all open in every opening hour. Without ``--profile``/``--demo`` the profile is
calibrated from the database (the same weekday over ``--weeks`` weeks), which needs a login
with the KPI permission; ``live`` needs a supervisor or admin (it opens windows).
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from hallapp.cli.common import (
    CliEnv,
    add_json,
    date_arg,
    group,
    int_arg,
    none_text,
    plain,
    table,
)
from hallapp.cli.lang import _, english
from hallapp.core.errors import ValidationError
from hallapp.core.hallday import parse_hhmm
from hallapp.core.sim.planner import MAX_ABANDONMENT, StaffingPlan, plan_staffing
from hallapp.core.sim.profile import SimProfile, load_profile, profile_to_dict
from hallapp.core.sim.runner import SimReport, simulate
from hallapp.core.sim.stats import Estimate
from hallapp.core.sim.winplan import WindowPlan, plan_from_dict, plan_to_dict, uniform_plan
from hallapp.services import simulate as sim
from hallapp.services import simulate_live as live
from hallapp.services.output_file import write_file
from hallapp.services.plan_capacity import CapacityWarning, hall_capacity_warning

PLAN_HELP = ("窗口计划 JSON：{\"profiles\": {名称: {\"mode\": \"precedence|ratio\", \"queues\": "
             "[{\"queue\": \"A\", \"precedence\": 1, \"ratio\": 2}, …]}}, \"hours\": {\"09\": "
             "{名称: 窗口数}, …}}；未列出的小时不开窗口。省略时用大厅现有窗口及其工作配置，"
             "开放时段内全部开放",
             "window plan JSON: {\"profiles\": {NAME: {\"mode\": \"precedence|ratio\", "
             "\"queues\": [{\"queue\": \"A\", \"precedence\": 1, \"ratio\": 2}, …]}}, "
             "\"hours\": {\"09\": {NAME: WINDOWS}, …}}; an hour not listed opens no window. "
             "Without it: the hall's windows and work profiles, all open in opening hours")


def register(sub: Any) -> None:
    s = group(sub, "simulate", _("大厅日模拟与排班建议",
                                 "Simulate a hall day and plan the windows"))
    run = s.add_parser("run", help=_(
        "快速模拟（虚拟时钟，不写数据库）：各队列各时段等候、利用率、弃号率、即办率及置信区间"
        "（置信水平0.95）",
        "Fast simulation (virtual clock, no database writes): each queue's and hour's wait, "
        "use, abandonment and done-on-the-spot, with 95 percent confidence intervals"))
    _profile_args(run)
    run.add_argument("--windows", type=Path, metavar="PLAN.json", help=_(*PLAN_HELP))
    run.add_argument("--runs", type=int_arg, default=50,
                     help=_("模拟次数（默认50，1–1000）", "runs (default 50, 1–1000)"))
    add_json(run)
    run.set_defaults(func=cmd_run)
    plan = s.add_parser("plan", help=_(
        "排班建议：每小时开几个窗口（及工作配置）使各队列 p90 等候不超过目标，窗口·小时最少",
        "Staffing plan: how many windows (and work profiles) each hour keep every queue's p90 "
        "wait within target, with the fewest window-hours"))
    _profile_args(plan)
    plan.add_argument("--target-p90", type=float, metavar="MIN", help=_(
        "统一的 p90 等候目标（分钟）；默认用各队列的目标等候时间",
        "one p90 wait target (min) for all; default: each queue's target wait"))
    plan.add_argument("--runs", type=int_arg, default=20, help=_(
        "每轮验证的模拟次数（默认20，1–1000）", "runs per checking round (default 20, 1–1000)"))
    plan.add_argument("--out", type=Path, metavar="PLAN.json", help=_(
        "把建议的窗口计划写入文件", "write the window plan to this file"))
    add_json(plan)
    plan.set_defaults(func=cmd_plan)
    _register_live(s)
    cal = s.add_parser("calibrate", help=_(
        "按历史数据拟合模拟参数（同星期几、前若干周）",
        "Fit the simulation parameters to history (the same weekday, weeks before)"))
    cal.add_argument("--day", type=date_arg, help=_(
        "预测日期（YYYY-MM-DD，默认大厅的今天）", "day forecast (YYYY-MM-DD, default: today)"))
    cal.add_argument("--weeks", type=int_arg, default=8, help=_(
        "历史周数（默认8，1–52）", "weeks of history (default 8, 1–52)"))
    cal.add_argument("--out", type=Path, help=_("写入模拟参数文件",
                                                "write the parameters to this file"))
    add_json(cal)
    cal.set_defaults(func=cmd_calibrate)


def _register_live(s: Any) -> None:
    live = s.add_parser("live", help=_(
        "实时模拟：按倍速在真实数据库上取号、叫号、办理（值班长或管理员执行），到时自动停止，"
        "Ctrl-C 安全退出",
        "Live simulation: take, call and serve tickets on the real database, sped up "
        "(supervisor or administrator); stops by itself, Ctrl-C stops it safely"))
    live.add_argument("--speed", type=float, default=30.0,
                      help=_("倍速（默认30）", "speed-up (default 30)"))
    live.add_argument("--hours", type=float, default=2.0,
                      help=_("模拟的小时数（默认2）", "hours simulated (default 2)"))
    live.add_argument("--start", default=None, metavar="HH:MM", help=_(
        "模拟从一天中的何时开始（默认第一个开放时段开始）",
        "time of day the run starts (default: the first opening period's start)"))
    live.add_argument("--seed", type=int_arg, default=0,
                      help=_("随机种子（默认 0）", "random seed (default 0)"))
    live.add_argument("--window-numbers", default=None, metavar="1,2,3", help=_(
        "只开放这些窗口（默认全部有人员的窗口）", "open only these windows (default: every "
        "window with a clerk)"))
    live.add_argument("--profile", type=Path, help=_(
        "模拟参数文件（默认演示参数）", "simulation parameter file (default: the demo's)"))
    live.add_argument("--close-day", action="store_true", help=_(
        "结束后执行日终（剩余号记为弃号）",
        "close the day afterwards (tickets left count as abandoned)"))
    add_json(live)
    live.set_defaults(func=cmd_live)


def _profile_args(p: Any) -> None:
    p.add_argument("--day", type=date_arg, help=_(
        "模拟/预测的日期（YYYY-MM-DD，默认大厅的今天；历史取同星期几）",
        "day simulated or forecast (YYYY-MM-DD, default: today; history of the same weekday)"))
    p.add_argument("--weeks", type=int_arg, default=8, help=_(
        "拟合用的历史周数（默认8，1–52）", "weeks of history fitted (default 8, 1–52)"))
    p.add_argument("--profile", type=Path, help=_(
        "模拟参数文件（不读数据库历史）", "simulation parameter file (no database history)"))
    p.add_argument("--demo", action="store_true", help=_(
        "用演示参数和演示大厅窗口（无需数据库）",
        "the demo parameters and the demo hall's windows (no database needed)"))
    p.add_argument("--seed", type=int_arg, default=0, help=_(
        "随机种子（结果可重现）", "random seed (results can be repeated)"))


def _profile(env: CliEnv) -> SimProfile:
    a = env.args
    if a.profile:
        return load_profile(a.profile)
    if a.demo:
        return sim.demo_profile()
    return sim.calibrate(env.ctx(), a.day, weeks=a.weeks)


def _plan(env: CliEnv, profile: SimProfile) -> WindowPlan:
    a = env.args
    if a.windows:
        try:
            raw = json.loads(a.windows.read_text(encoding="utf-8-sig"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValidationError(f"无法读取窗口计划 {a.windows}：{exc}", field="windows",
                                  code="window_plan_unreadable", path=str(a.windows),
                                  reason=str(exc)) from exc
        return plan_from_dict(raw)
    if a.demo or a.profile:
        return uniform_plan(sim.demo_hall_profiles().values(), profile.hours())
    return sim.hall_plan(env.ctx(), profile)


def _fmt(e: Estimate, scale: float = 1.0, digits: int = 1) -> str:
    if e.mean is None:
        return "—"
    if e.low is None or e.high is None:
        return f"{e.mean * scale:.{digits}f}"
    return f"{e.mean * scale:.{digits}f} [{e.low * scale:.{digits}f}, {e.high * scale:.{digits}f}]"


def _report_text(r: SimReport) -> str:
    t = r.totals
    head = [_(f"模拟 {r.runs} 次（种子 {r.seed}，参数来源 {r.source}），"
              f"窗口·小时 {r.window_hours}，每次 {r.seconds_per_run:.3f} 秒",
              f"{r.runs} runs (seed {r.seed}, parameters from {r.source}), window-hours "
              f"{r.window_hours}, {r.seconds_per_run:.3f} s each"),
            _(f"每日取号 {_fmt(t.taken)}，办结 {_fmt(t.served)}，过号 {_fmt(t.no_show)}，"
              f"弃号 {_fmt(t.abandoned)}，补正再次到场 {_fmt(t.corrections)}",
              f"Per day: taken {_fmt(t.taken)}, done {_fmt(t.served)}, no-show "
              f"{_fmt(t.no_show)}, abandoned {_fmt(t.abandoned)}, back with corrections "
              f"{_fmt(t.corrections)}"), ""]
    rows: list[list[Any]] = [_(["队列", "时段", "取号", "平均等候(分)", "p90等候(分) [95%CI]",
                                "利用率%", "弃号率%", "即办率%"],
                               ["Queue", "Hour", "Taken", "Mean wait (min)",
                                "P90 wait (min) [95% CI]", "Use %", "Abandoned %",
                                "On the spot %"])]
    for c in r.cells:
        hour = _("全天", "all day") if c.hour is None else _hour(c.hour)
        rows.append([c.queue, hour, _fmt(c.taken), _fmt(c.wait_mean), _fmt(c.wait_p90),
                     _fmt(c.utilisation, 100, 0), _fmt(c.abandonment, 100),
                     _fmt(c.on_spot_rate, 100, 0)])
    hours = [_(["时段", "开放窗口", "大厅利用率%"], ["Hour", "Open windows", "Hall use %"])] + [
        [_hour(h.hour), _fmt(h.open_windows), _fmt(h.utilisation, 100, 0)] for h in r.hours]
    return "\n".join(head) + table(rows) + "\n\n" + table(hours)


def _hour(hour: int) -> str:
    return _(f"{hour:02d}时", f"{hour:02d}:00")


def cmd_run(env: CliEnv) -> int:
    profile = _profile(env)
    report = simulate(profile, _plan(env, profile), env.args.runs, env.args.seed)
    if env.args.json:
        print(json.dumps(plain(report), ensure_ascii=False, indent=2))
    else:
        print(_report_text(report))
    return 0


def _plan_text(p: StaffingPlan) -> str:
    rows: list[list[Any]] = [_(["时段", "窗口数", "各队列窗口（Erlang C 初估）",
                                "预计 p90 等候 / 目标（分）",
                                f"预计弃号率%（上限 {MAX_ABANDONMENT * 100:g}）"],
                               ["Hour", "Windows", "Windows by queue (Erlang C estimate)",
                                "Expected p90 wait / target (min)",
                                f"Expected abandoned % (limit {MAX_ABANDONMENT * 100:g})"])]
    for h in p.hours:
        rows.append([_hour(h.hour), h.windows,
                     " ".join(f"{q.queue}:{q.windows}({q.erlang_windows})" for q in h.queues),
                     " ".join(f"{q.queue}:{_fmt(q.predicted_p90)}/{q.target_p90:g}"
                              f"{'' if q.met else '✗'}" for q in h.queues),
                     " ".join(f"{q.queue}:{_fmt(q.predicted_abandonment, 100, 1)}"
                              for q in h.queues)])
    if english():
        verdict = ("every target met" if p.all_met else "some hours miss a target (✗: p90 "
                   "wait over its target or abandonment over its limit)")
        return (f"Parameters from {p.source}\n" + table(rows) + f"\n\nWindow-hours "
                f"{p.window_hours} (Erlang C estimate {p.erlang_window_hours}), {verdict}; "
                f"checked in {p.rounds} rounds × {p.runs} runs")
    verdict = "全部达标" if p.all_met else "部分时段未达标（✗：p90 等候超过目标或弃号率超过上限）"
    return (f"参数来源 {p.source}\n" + table(rows) + f"\n\n窗口·小时 {p.window_hours}（Erlang C "
            f"初估 {p.erlang_window_hours}），{verdict}；验证 {p.rounds} 轮 × {p.runs} 次模拟")


def cmd_plan(env: CliEnv) -> int:
    a = env.args
    ctx = None if a.demo or a.profile else env.ctx()  # one login for the history and windows
    profile = _profile(env) if ctx is None else sim.calibrate(ctx, a.day, weeks=a.weeks)
    result = plan_staffing(profile, target_p90=a.target_p90, runs=a.runs, seed=a.seed)
    if a.out:
        write_file(a.out, json.dumps(plan_to_dict(result.plan), ensure_ascii=False,
                                     indent=2).encode())
    warning = hall_capacity_warning(ctx, result)
    if a.json:
        data = plain(result)
        data["plan"] = plan_to_dict(result.plan)
        data["capacity_warning"] = plain(warning)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_plan_text(result) + (f"\n{_warning_text(warning)}" if warning else ""))
    return 0


def _warning_text(w: CapacityWarning) -> str:
    return _(w.message, f"{w.hour:02d}:00 needs {w.windows} windows, more than the hall's "
                        f"{w.hall_windows}: let windows serve several queues, or relax the target.")


def cmd_live(env: CliEnv) -> int:
    a = env.args
    start = None
    if a.start:
        at = parse_hhmm(a.start, field="start")
        start = at.hour * 3600 + at.minute * 60
    numbers = _window_numbers(a.window_numbers) if a.window_numbers else None
    profile = load_profile(a.profile) if a.profile else None
    signals: list[int] = []
    try:
        with _sigterm_as_interrupt(signals):
            result = live.run_live(env.ctx(), speed=a.speed, hours=a.hours, start=start,
                                   seed=a.seed, numbers=numbers, profile=profile,
                                   close_day=a.close_day)
    except KeyboardInterrupt:  # before the run began or once it was over: nothing to tidy
        return 128 + (signals[0] if signals else signal.SIGINT)
    if a.json:
        print(json.dumps(plain(result), ensure_ascii=False, indent=2))
    else:
        print(_live_text(result))
    if not result.tally.interrupted:
        return 0
    return 128 + (signals[0] if signals else signal.SIGINT)  # 130 Ctrl+C, 143 SIGTERM


def _live_text(result: live.LiveResult) -> str:
    t = result.tally
    windows = ",".join(map(str, result.windows))
    if english():
        foreign = f" ({t.foreign} of them not this run's)" if t.foreign else ""
        lines = [f"Hall day {result.hall_day}, windows {windows}; taken {t.taken} "
                 f"(quota full {t.refused}), called {t.called}{foreign}, done {t.served}, "
                 f"no-show {t.no_show} ({t.left_before_call} of them had left), abandoned "
                 f"{result.abandoned}, still waiting {result.waiting}; cases "
                 f"{_cases_text(t.cases)}"]
        lines += [f"Window {n} left the run as it was: {why}" for n, why in sorted(t.left.items())]
        stopped = "; interrupted" if t.interrupted else ""
        lines.append(f"Took {result.real_seconds:.1f} s, {t.operations} operations "
                     f"({result.operations_per_second:.1f}/s){stopped}")
        return "\n".join(lines)
    lines = [f"大厅日 {result.hall_day}，窗口 {windows}；"
             f"取号 {t.taken}（额满 {t.refused}），叫号 {t.called}"
             f"{f'（其中非本次模拟的号 {t.foreign}）' if t.foreign else ''}，办结 {t.served}，"
             f"过号 {t.no_show}（其中已离开 {t.left_before_call}），弃号 {result.abandoned}，"
             f"仍在等候 {result.waiting}；办件 {_cases_text(t.cases)}"]
    lines += [f"窗口 {n} 已退出模拟，保持原样：{why}" for n, why in sorted(t.left.items())]
    stopped = "；已中断" if t.interrupted else ""
    lines.append(f"用时 {result.real_seconds:.1f} 秒，操作 {t.operations} 次"
                 f"（{result.operations_per_second:.1f} 次/秒）{stopped}")
    return "\n".join(lines)


@contextlib.contextmanager
def _sigterm_as_interrupt(received: list[int]) -> Iterator[None]:
    """SIGTERM (a service manager, ``timeout``, ``kill``) stops the run as Ctrl+C does, so the
    driver tidies its windows: it ended the process on the spot with 14 windows open and 7
    tickets in service, and the next run was refused (窗口 … 正在使用). A second SIGTERM
    while the run tidies up is ignored. ``received`` gets the signal, if one came."""

    def stop(signum: int, _frame: object) -> None:
        if not received:
            received.append(signum)
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _window_numbers(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",")]
    except ValueError:
        raise ValidationError(f"窗口号 {text!r} 无效：应为逗号分隔的数字，如 1,2,3",
                              field="window_numbers", code="window_numbers") from None


def _cases_text(cases: Mapping[str, int]) -> str:
    """当场办结 30、受理 54, in the groups' order; （无） when no case was taken in."""
    labels = _(live.GROUP_LABELS, GROUP_EN)
    parts = [f"{labels[g]} {cases[g]}" for g in live.GROUP_LABELS if cases.get(g)]
    return _("、", ", ").join(parts) or none_text()


GROUP_EN = {"on_spot": "done on the spot", "accepted": "accepted",
            "notified": "notified or refused", "undecided": "received, undecided"}


def cmd_calibrate(env: CliEnv) -> int:
    a = env.args
    profile = sim.calibrate(env.ctx(), a.day, weeks=a.weeks)
    text = json.dumps(profile_to_dict(profile), ensure_ascii=False, indent=1)
    if a.out:
        write_file(a.out, text.encode())
    if a.json or not a.out:
        print(text)
    else:
        print(_(f"已写入 {a.out}（参数来源 {profile.source}）",
                f"Written {a.out} (parameters from {profile.source})"))
    return 0
