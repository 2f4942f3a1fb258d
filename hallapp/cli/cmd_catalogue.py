"""catalogue import|export|list|show|withdraw|reinstate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hallapp.cli.common import CliEnv, add_json, emit, int_arg, table
from hallapp.cli.lang import _
from hallapp.cli.ts_en import item_type
from hallapp.cli.words import local
from hallapp.core.errors import ValidationError
from hallapp.documents.labels import Labels
from hallapp.documents.labels_en import ENGLISH_LABELS
from hallapp.services import catalogue as svc
from hallapp.services import item_status
from hallapp.services.output_file import write_file


def register(sub: Any) -> None:
    cat = sub.add_parser("catalogue", help=_(
        "事项目录：导入、导出、列表、详情", "The service catalogue: import, export, list, show")
    ).add_subparsers(dest="cat_cmd", metavar="ACTION")
    imp = cat.add_parser("import", help=_("从 JSON 或 XLSX 导入（全部校验通过才写入）",
                                          "Import from JSON or XLSX (written only if all of it "
                                          "checks)"))
    imp.add_argument("path", help=_("目录文件路径（.xlsx 为 Excel，其他按 JSON 读取）",
                                    "catalogue file path (.xlsx read as Excel, anything else as "
                                    "JSON)"))
    add_json(imp)
    imp.set_defaults(func=cmd_import)
    exp = cat.add_parser("export", help=_("导出为 JSON 或 XLSX（按扩展名）",
                                          "Export as JSON or XLSX (by the extension)"))
    exp.add_argument("path", help=_("输出文件路径（.xlsx 写 Excel，其他写 JSON）",
                                    "output file path (.xlsx writes Excel, anything else JSON)"))
    add_json(exp)
    exp.set_defaults(func=cmd_export)
    ls = cat.add_parser("list", help=_("列出在用事项", "List the items in force"))
    ls.add_argument("--search",
                    help=_("按名称或编码筛选", "only items whose name or code has this"))
    add_json(ls)
    ls.set_defaults(func=cmd_list)
    show = cat.add_parser("show", help=_("显示一个事项（含材料清单）",
                                         "Show an item (with its materials)"))
    show.add_argument("code", help=_("事项实施编码", "Service item code"))
    show.add_argument("--version", type=int_arg, dest="item_version",
                      help=_("事项版本号（默认现行版本）",
                             "the item's version (default: the one in force)"))
    add_json(show)
    show.set_defaults(func=cmd_show)
    withdraw = cat.add_parser("withdraw",
                              help=_("停用一个事项（今日仍有人等候或有预约时须加 --force）",
                                     "Withdraw an item (--force if people wait or have bookings "
                                     "today)"))
    withdraw.add_argument("code", help=_("事项实施编码", "Service item code"))
    withdraw.add_argument("--force", action="store_true",
                          help=_("确认停用：等候的号保留，未签到的预约由大厅取消",
                                 "withdraw anyway: tickets waiting are kept, bookings not checked "
                                 "in are cancelled"))
    add_json(withdraw)
    withdraw.set_defaults(func=cmd_withdraw)
    reinstate = cat.add_parser("reinstate", help=_("恢复一个已停用的事项（其最新版本重新生效）",
                                                   "Reinstate a withdrawn item (its latest "
                                                   "version is in force again)"))
    reinstate.add_argument("code", help=_("事项实施编码", "Service item code"))
    add_json(reinstate)
    reinstate.set_defaults(func=cmd_reinstate)


def read_catalogue_file(path: str) -> dict[str, Any]:
    p = Path(path)
    if not p.exists():
        raise ValidationError(f"文件不存在：{path}", field="path", code="file_missing", path=path)
    if p.is_dir():
        raise ValidationError(f"{path} 是文件夹，请给出目录文件（.json 或 .xlsx）", field="path",
                              code="file_is_folder", path=path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(f"无法读取文件 {path}：{exc.strerror or type(exc).__name__}",
                              field="path", code="file_unreadable", path=path,
                              reason=exc.strerror or type(exc).__name__) from None
    if p.suffix.lower() == ".xlsx":
        # openpyxl (~0.15 s, ~10 MB) only for Excel, not for every ``hallapp`` command
        from hallapp.services.catalogue_xlsx import from_xlsx

        return from_xlsx(data)
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationError(f"JSON 格式错误：{exc}", field="file", code="file_not_utf8",
                              path=path) from None
    except json.JSONDecodeError as exc:
        raise ValidationError(f"JSON 格式错误：{exc}", field="file", code="invalid_json",
                              line=exc.lineno, column=exc.colno) from None
    if not isinstance(doc, dict):
        raise ValidationError("JSON 顶层应为对象", field="file", code="json_not_object")
    return doc


def write_catalogue_file(doc: dict[str, Any], path: str) -> None:
    p = Path(path)
    if p.suffix.lower() == ".xlsx":
        from hallapp.services.catalogue_xlsx import to_xlsx  # openpyxl: see above

        write_file(p, to_xlsx(doc))  # a path that cannot be written: exit 20, named
    else:
        write_file(p, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode())


def cmd_import(env: CliEnv) -> int:
    result = svc.import_catalogue(env.ctx(), read_catalogue_file(env.args.path))
    emit(env.args, result, lambda r: (
        _(f"已导入：部门 {r.departments}，队列 {r.queues}，新事项 {r.items_added}，"
          f"新版本 {r.items_new_version}，未变 {r.items_unchanged}",
          f"Imported: {r.departments} departments, {r.queues} queues, {r.items_added} new "
          f"items, {r.items_new_version} new versions, {r.items_unchanged} unchanged")))
    return 0


def cmd_export(env: CliEnv) -> int:
    doc = svc.export_catalogue(env.ctx())
    write_catalogue_file(doc, env.args.path)
    emit(env.args, {"path": env.args.path, "items": len(doc["items"])},
         lambda r: _(f"已导出 {r['items']} 个事项到 {r['path']}",
                     f"Exported {r['items']} items to {r['path']}"))
    return 0


def cmd_list(env: CliEnv) -> int:
    rows = svc.list_items(env.ctx(reads_only=True), env.args.search)
    emit(env.args, rows, lambda rs: table(
        [_(["编码", "版本", "名称", "部门", "队列", "类型", "材料"],
           ["Code", "Version", "Name", "Dept", "Queue", "Handling", "Materials"])] +
        [[r.code, r.version, local(r.name, r.name_en), r.department, r.queue,
          _("即办", "on the spot") if r.handling_type == "immediate" else _("承诺", "promised"),
          r.materials] for r in rs]))
    return 0


def cmd_show(env: CliEnv) -> int:
    item = svc.get_item(env.ctx(), env.args.code, env.args.item_version)
    emit(env.args, item.as_dict(), lambda d: _item_text(d))
    return 0


def cmd_withdraw(env: CliEnv) -> int:
    done = item_status.retire_item(env.ctx(), env.args.code, force=env.args.force)
    emit(env.args, done, lambda r: _(
        f"已停用事项 {r.code}（第 {r.version} 版）", f"Item {r.code} (version {r.version}) "
        "withdrawn") + (_(f"；今日仍有 {r.waiting_tickets} 人等候，号保留",
                          f"; {r.waiting_tickets} still waiting today keep their tickets")
                        if r.waiting_tickets else "") + (
        _(f"；已取消 {len(r.cancelled_bookings)} 个预约，请通知申请人（预约码："
          f"{'、'.join(r.cancelled_bookings)}）",
          f"; {len(r.cancelled_bookings)} booking(s) cancelled, please tell the applicants "
          f"(booking codes: {', '.join(r.cancelled_bookings)})") if r.cancelled_bookings else ""))
    return 0


def cmd_reinstate(env: CliEnv) -> int:
    version = item_status.reinstate_item(env.ctx(), env.args.code)
    emit(env.args, {"code": env.args.code, "version": version},
         lambda r: _(f"已恢复事项 {r['code']}（第 {r['version']} 版生效）",
                     f"Item {r['code']} reinstated (version {r['version']} in force)"))
    return 0


def _item_text(d: dict[str, Any]) -> str:
    labels = Labels(_({}, ENGLISH_LABELS))
    lines = [_(f"{d['name']}（{d['code']} 第 {d['version']} 版）",
               f"{d.get('name_en') or d['name']} ({d['code']} version {d['version']})"),
             _(f"部门 {d['department']}  队列 {d['queue']}  类型 {d['item_type']}",
               f"Department {d['department']}  Queue {d['queue']}  "
               f"Type {item_type(d['item_type'])}"),
             _("承诺时限 ", "Promised time limit ") + _limit(d["promised_limit"], labels)
             + _("  法定时限 ", "  Statutory time limit ") + _limit(d["statutory_limit"], labels),
             _("材料：", "Materials:")]
    for m in d["materials"]:
        core = _("主审要件", "core") if m["core"] else _("非主审", "not core")
        form = labels.get(f"form.{m['form']}", m["form"])
        lines.append(_(f"  {m['code']} {m['name']}（{core}，{form} × {m['copies']}）",
                       f"  {m['code']} {m.get('name_en') or m['name']} "
                       f"({core}, {form} × {m['copies']})"))
    return "\n".join(lines)


def _limit(limit: dict[str, Any], labels: Labels) -> str:
    """``10个工作日``, ``即来即办``: the wording of the printed documents (in English,
    the English papers')."""
    if limit["unit"] == "immediate":
        return labels["limit.immediate"]
    return labels.fmt(f"limit.{limit['unit']}", n=limit["value"])
