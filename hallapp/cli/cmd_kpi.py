"""kpi show|appointments|drill|refresh, report daily|monthly|overdue (XLSX and PDF)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from hallapp.cli.common import (
    FIRST_YEAR,
    LAST_YEAR,
    CliEnv,
    UsageError,
    add_json,
    date_arg,
    emit,
    group,
    int_arg,
    table,
)
from hallapp.cli.lang import _, count, english
from hallapp.cli.ts_en import board_column, drill_label
from hallapp.cli.words import local
from hallapp.core.errors import ValidationError
from hallapp.services import kpi_drill, kpi_report, kpi_summary, reports
from hallapp.services.kpi_live import DIM_LABELS, DIMS
from hallapp.services.reports import DIM_COLUMNS, Report, dim_row, figure_rows, text_row

# (Chinese, English): chosen when the parser is built, once the language is known
START_HELP = ("开始日期（YYYY-MM-DD，默认大厅的今天）",
              "start date (YYYY-MM-DD, default: the hall's today)")
END_HELP = ("结束日期（YYYY-MM-DD，默认同开始日期）",
            "end date (YYYY-MM-DD, default: the start date)")
TO_HELP = ("结束日期（默认同开始日期）", "end date (default: the start date)")


def _codes(codes: tuple[str, ...], labels: dict[str, str]) -> str:
    """``hall 全厅、queue 队列…``: the allowed codes of an option, each with its meaning."""
    return "、".join(f"{c} {labels.get(c, '')}".strip() for c in codes)


def _month(text: str) -> tuple[int, int]:
    try:
        first = date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"月份格式应为 YYYY-MM：{text}") from None
    if not FIRST_YEAR <= first.year <= LAST_YEAR:  # as date_arg: 9999-12 overflowed
        raise argparse.ArgumentTypeError(f"月份 {text} 超出范围（{FIRST_YEAR}–{LAST_YEAR} 年）")
    return first.year, first.month


def register(sub: Any) -> None:
    k = group(sub, "kpi", _("大厅运行指标（值班长、管理员）",
                            "The hall's figures (supervisor, administrator)"))
    show = k.add_parser("show", help=_(
        "期间指标：全厅，或按队列/窗口/人员/事项/部门分列",
        "A period's figures: the whole hall, or by queue, window, clerk, item or department"))
    show.add_argument("--from", dest="start", type=date_arg, help=_(*START_HELP))
    show.add_argument("--to", dest="end", type=date_arg, help=_(*TO_HELP))
    show.add_argument("--by", choices=DIMS, default="hall", help=_(
        "分列维度（默认 hall：全厅合计）", "rows by (default hall: the hall's total)"))
    add_json(show)
    show.set_defaults(func=_show)
    drill = k.add_parser("drill", help=_("指标明细：其背后的号、办件或评价",
                                         "A figure's records: the tickets, cases or ratings"))
    drill.add_argument("--from", dest="start", type=date_arg, help=_(*START_HELP))
    drill.add_argument("--to", dest="end", type=date_arg, help=_(*END_HELP))
    drill.add_argument("--by", choices=DIMS, default="hall", help=_(
        "维度（默认 hall，与 --key 合用）：" + _codes(DIMS, DIM_LABELS),
        "rows by (default hall; with --key): " + ", ".join(DIMS)))
    drill.add_argument("--key", help=_(
        "维度取值（队列编码、窗口号、用户名、事项编码、部门编码）",
        "the row's key (queue code, window number, user name, item code, department code)"))
    drill.add_argument("--figure", choices=kpi_drill.FIGURES, default="tickets", help=_(
        "指标（默认 tickets）：" + _codes(kpi_drill.FIGURES, kpi_drill.FIGURE_LABELS),
        "figure (default tickets): " + ", ".join(kpi_drill.FIGURES)))
    drill.add_argument("--limit", type=int_arg, default=200,
                       help=_("最多显示的条数（默认 200）", "most records shown (default 200)"))
    add_json(drill)
    drill.set_defaults(func=_drill)
    kept = k.add_parser("appointments", help=_(
        "期间预约履约：各队列预约的签到、迟到、失约、取消",
        "A period's bookings kept: each queue's check-ins, late, missed and cancelled"))
    kept.add_argument("--from", dest="start", type=date_arg, help=_(*START_HELP))
    kept.add_argument("--to", dest="end", type=date_arg, help=_(*TO_HELP))
    add_json(kept)
    kept.set_defaults(func=_appointments)
    refresh = k.add_parser("refresh", help=_(
        "汇总已结束的大厅日（查询时也会自动进行）",
        "Summarise the hall days that have ended (queries do it too)"))
    add_json(refresh)
    refresh.set_defaults(func=lambda env: emit(env.args, kpi_summary.refresh_summaries(
        env.ctx()), lambda r: _("汇总已是最新", "The summaries are up to date") if r is None
        else _(f"新汇总 {r.rolled_days} 天，更新 {r.refreshed_days} 天，月汇总 {r.months} 个",
               f"{r.rolled_days} days summarised, {r.refreshed_days} updated, "
               f"{r.months} months")))
    _register_reports(sub)


def _register_reports(sub: Any) -> None:
    r = group(sub, "report", _("报表导出（XLSX、PDF）", "Reports (XLSX, PDF)"))
    specs = (("daily", _("日报", "Daily report")), ("monthly", _("月报", "Monthly report")),
             ("overdue", _("超时办结公示（不含个人信息）",
                           "Cases concluded late, to publish (no personal data)")))
    for name, text in specs:
        p = r.add_parser(name, help=text)
        if name == "daily":
            p.add_argument("--day", type=date_arg,
                           help=_("大厅日（默认今天）", "hall day (default: today)"))
        elif name == "monthly":
            p.add_argument("--month", type=_month, required=True,
                           help=_("月份（YYYY-MM）", "month (YYYY-MM)"))
        else:
            p.add_argument("--from", dest="start", type=date_arg, required=True,
                           help=_("办结日期自（YYYY-MM-DD）", "concluded from (YYYY-MM-DD)"))
            p.add_argument("--to", dest="end", type=date_arg, help=_(
                "办结日期至（YYYY-MM-DD，默认同开始日期）",
                "concluded up to (YYYY-MM-DD, default: the start date)"))
        p.add_argument("--xlsx", metavar="PATH", help=_("写出 Excel 文件", "write an Excel file"))
        p.add_argument("--pdf", metavar="PATH", help=_("写出 PDF 文件", "write a PDF file"))
        add_json(p)
        p.set_defaults(func=lambda env, kind=name: _report(env, kind))


def _show(env: CliEnv) -> int:
    a = env.args
    result = kpi_report.kpi_report(env.ctx(), a.start or _today(env), a.end, by=a.by)

    def text(rep: kpi_report.KpiReport) -> str:
        head = _(f"{rep.start} 至 {rep.end}（汇总 {rep.summarised_days} 天，"
                 f"实时 {rep.live_days} 天）",
                 f"{rep.start} to {rep.end} ({count(rep.summarised_days, 'day')} summarised, "
                 f"{rep.live_days} live)")
        lines = [head, table(_english_row(text_row(r)) for r in figure_rows(rep.total))]
        if rep.by != "hall":
            columns = _(DIM_COLUMNS, DIM_COLUMNS_EN)
            lines.append(table([columns, *(_english_row(text_row(
                (local(r.label, r.label_en), *dim_row(r)[1:]))) for r in rep.rows)]))
        return "\n\n".join(lines)

    emit(a, result, text)
    return 0


def _appointments(env: CliEnv) -> int:
    a = env.args
    start = a.start or _today(env)
    end = a.end or start
    result = reports.appointment_keeping(env.ctx(), start, end)
    if a.json:  # data, not the table's text: codes, counts and rates as numbers
        emit(a, {"start": start, "end": end, **reports.appointment_data(result)})
        return 0
    emit(a, result, lambda k: table([_columns(k.section.columns), *(
        _english_row(text_row((local(str(row[0]), en), *row[1:]))) for row, en in
        zip(k.section.rows, k.labels_en or [None] * len(k.section.rows), strict=True))])
         if k.section.rows else _("该期间没有预约", "No bookings in this period"))
    return 0


def _drill(env: CliEnv) -> int:
    a = env.args
    if a.key is not None and a.by == "hall":  # the whole hall has no key: it was ignored
        raise UsageError("--key 须与 --by 合用（如 --by queue --key A）", why="key_without_by")
    start = a.start or _today(env)
    result = kpi_drill.drill_down(env.ctx(), start, a.end, dim=a.by, key=a.key,
                                  figure=a.figure, limit=a.limit)
    if a.json:  # the records as data: codes, instants with the hall's offset, seconds
        emit(a, {"start": start, "end": a.end or start, "by": a.by, "key": a.key,
                 "figure": result.figure, "total": result.total,
                 "truncated": result.truncated, "records": result.records})
        return 0
    emit(a, result, lambda d: table([_columns(d.columns), *(_drill_row(row, dict(d.names_en))
                                                            for row in d.rows)]) + (
        _(f"\n（共 {d.total} 条，仅显示前 {len(d.rows)} 条）",
          f"\n({d.total} in all, the first {len(d.rows)} shown)") if d.truncated else ""))
    return 0


def _report(env: CliEnv, kind: str) -> int:
    a = env.args
    if not a.xlsx and not a.pdf and not a.json:
        raise ValidationError("请用 --xlsx 或 --pdf 指定输出文件（或 --json 查看内容）",
                              field="xlsx", code="report_output_required")
    ctx = env.ctx()
    report: Report
    if kind == "daily":
        report = reports.daily_report(ctx, a.day or _today(env))
    elif kind == "monthly":
        report = reports.monthly_report(ctx, *a.month)
    else:
        report = reports.overdue_report(ctx, a.start, a.end)
    # openpyxl and reportlab (~0.4 s, ~20 MB) only for a report: every command builds
    # this parser, ``hallapp run`` included
    from hallapp.services import report_files

    written = report_files.write(report, xlsx=a.xlsx, pdf=a.pdf)
    if a.json:  # the report as data, as ``kpi show --json``, not its cells' words
        emit(a, {"kind": report.kind, "hall": report.hall, "generated_at": report.generated_at,
                 **report.data, "files": [str(p) for p in written]})
    else:
        print("\n".join(_("已写出 ", "Written ") + str(p) for p in written))
    return 0


def _today(env: CliEnv) -> date:
    from hallapp.core.hallday import hall_day
    from hallapp.services.hall import get_hall

    ctx = env.ctx()
    return hall_day(ctx.clock(), get_hall(ctx).timezone)


# ``kpi show`` in English: the figures' names and notes, and the columns by dimension, as the
# services word them in Chinese (``reports.figure_rows``, ``reports.DIM_COLUMNS``).
FIGURES_EN = {
    "取号数": "Tickets taken", "叫号数": "Tickets called",
    "平均等候时间(分钟)": "Mean wait (min)", "等候时间P90(分钟)": "Wait P90 (min)",
    "最长等候(分钟)": "Longest wait (min)", "平均办理时间(分钟)": "Mean service (min)",
    "办理时间P90(分钟)": "Service P90 (min)", "过号率": "No-show rate",
    "弃号率": "Abandonment rate", "即办率": "Done on the spot", "最多跑一次率": "At most one visit",
    "按时办结率": "Concluded on time", "逾期率": "Overdue rate", "好评率": "Good ratings",
    "差评整改率": "Bad ratings rectified",
    "按分档统计，不低于实际值": "from bands, not below the actual value",
    "≥25%目标达标": "≥25% target met", "≥25%目标未达标": "≥25% target missed",
    "≥50%目标达标": "≥50% target met", "≥50%目标未达标": "≥50% target missed",
}
DIM_COLUMNS_EN = ("Name", "Tickets", "Mean wait (min)", "Wait P90 (min)", "Mean service (min)",
                  "Service P90 (min)", "No-show", "Abandoned", "On the spot", "One visit",
                  "On time", "Overdue", "Good ratings", "Rectified")


def _english_row(row: tuple[str, ...]) -> tuple[str, ...]:
    """A figures row in the command line's language: in English its words from
    ``FIGURES_EN`` (targets joined by "、" each) and rates as "50.0% (1/2)"."""
    if not english():
        return row
    return tuple(", ".join(FIGURES_EN.get(part, part) for part in cell.split("、"))
                 .replace("（", " (").replace("）", ")") for cell in row)


def _columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    """A drill-down's or report table's column names, in English as the board heads them."""
    return tuple(board_column(c) for c in columns) if english() else columns


def _drill_row(row: tuple[str, ...], names_en: dict[str, str]) -> tuple[str, ...]:
    """A drill-down's row: in English its labels (states, outcomes) as the board says them and
    an item by its English name where the catalogue gives one; anything else as it is."""
    if not english():
        return row
    return tuple(names_en.get(cell) or drill_label(cell) for cell in row)
